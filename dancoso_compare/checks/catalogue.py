"""The catalogue of every check the tool reports: drafting checks and the comparator's measure findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .rules import RuleData, load_rules

if TYPE_CHECKING:
    from rich.table import Table

__all__ = ["CheckInfo", "INPUT_CHECKS", "MEASURE_CHECKS", "checks_table", "format_checks_table", "list_checks"]

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


@dataclass(frozen=True)
class CheckInfo:
    id: str
    severity: str
    severity_by_kind: dict[str, str]
    title_vi: str
    title_en: str
    legal_source: str
    description: str


def list_checks(rules: RuleData | None = None) -> list[CheckInfo]:
    rules = rules or load_rules()
    return [
        CheckInfo(
            id=c.id,
            severity=c.severity,
            severity_by_kind=dict(c.severity_by_kind),
            title_vi=c.title_vi,
            title_en=c.title_en,
            legal_source=c.legal_source,
            description=c.description,
        )
        for c in sorted(rules.catalogue.checks, key=lambda c: c.id)
    ]


def format_checks_table(rules: RuleData | None = None) -> Table:
    """The drafting checks as a rich table (English and Vietnamese titles)."""
    from rich.table import Table

    table = Table(title="Drafting checks (lint)", show_lines=False)
    for column in ("ID", "Severity", "Check", "Kiểm tra", "Legal source"):
        table.add_column(column, overflow="fold")
    for info in list_checks(rules):
        severity = info.severity + "".join(f", {k}: {v}" for k, v in sorted(info.severity_by_kind.items()))
        table.add_row(info.id, severity, info.title_en, info.title_vi, info.legal_source)
    return table


def checks_table() -> Table:
    """Every check, drafting and measure, for ``dancoso rules list``."""
    from rich.table import Table

    table = Table("id", "severity", "check", "legal source", title="dancoso checks")
    for info in list_checks():
        table.add_row(info.id, info.severity, info.title_vi, info.legal_source)
    for row in (*MEASURE_CHECKS, *INPUT_CHECKS):
        table.add_row(*row)
    return table
