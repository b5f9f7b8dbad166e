"""The catalogue of every check the tool reports: drafting checks (lint) and measure findings."""

from __future__ import annotations

from rich.table import Table

from .lint import list_checks

# Findings raised by the comparator itself (compare.py); their source is the rule pack's article.
MEASURE_CHECKS = (
    ("DC-MEASURE-<id>", "error", "Biện pháp bắt buộc bị thiếu hoặc chỉ có một phần", "Điều 8 Luật 10/2022/QH15"),
    ("DC-MEAS-ORDER", "info", "Thứ tự các biện pháp khác thứ tự của Điều 8", "Điều 8 Luật 10/2022/QH15"),
    ("DC-MEAS-SPLIT", "info", "Một biện pháp được tách thành nhiều mục", "Điều 8 Luật 10/2022/QH15"),
    ("DC-MEAS-MERGED", "info", "Một mục gộp nhiều biện pháp", "Điều 8 Luật 10/2022/QH15"),
    ("DC-MEAS-MISPLACED", "info", "Một điểm có nội dung thuộc chế độ khác (báo cáo, kinh phí, ...)", "Điều 8 Luật 10/2022/QH15"),
)

# Findings about how the input was read (ingest/ocr.py).
INPUT_CHECKS = (
    ("DC-INPUT-OCR-LOWCONF", "warning", "Trang văn bản quét được nhận dạng ký tự với độ tin cậy thấp", "Tesseract OCR (vie)"),
)


def checks_table() -> Table:
    table = Table("id", "severity", "check", "legal source", title="dancoso checks")
    for info in list_checks():
        table.add_row(info.id, info.severity, info.title_vi, info.legal_source)
    for row in (*MEASURE_CHECKS, *INPUT_CHECKS):
        table.add_row(*row)
    return table
