"""Reviews in audit.xlsx: the reviewed status beside the tool's in the summary, and a sheet with one row per
review (measure or rule, statuses, note, reviewer, a real date-time, stale flag); notes stay text cells."""

from __future__ import annotations

from datetime import datetime

from openpyxl import load_workbook

from dancoso_compare.models import FindingReview, MeasureReview
from dancoso_compare.report import write_xlsx

from tests.report.test_report_xlsx import INJECTIONS
from tests.report_factory import sample_report


def _reviewed_report():
    report = sample_report()
    doc = report.documents[0]
    tool = doc.coverage["M2"].status
    corrected = "missing" if tool != "missing" else "present"
    doc.coverage["M2"].review = MeasureReview(status=corrected, note=INJECTIONS[0], by="Lan",
                                              at="2026-12-03T11:48:58.5Z", stale=True)
    flagged = next(d for d in report.documents if d.findings)
    for f in flagged.findings:  # a verdict is per rule: one row for the rule, however many findings it made
        if f.rule == flagged.findings[0].rule:
            f.review = FindingReview(verdict="rejected", note="Đúng theo bản gốc", by=None, at="2026-12-01T01:02:03Z")
    return report, doc, tool, corrected


def _write(tmp_path, report, lang="vi"):
    path = tmp_path / f"audit-{lang}.xlsx"
    write_xlsx(report, path, lang=lang)
    return load_workbook(path)


def test_a_reviewed_measure_shows_its_reviewed_status_beside_the_tools(tmp_path):
    from dancoso_compare.report import i18n

    report, doc, tool, corrected = _reviewed_report()
    book = _write(tmp_path, report)
    rows = list(book["Tổng hợp"].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[8:15] == ["M1", "M2", "M2 (rà soát)", "M3", "M4", "M5", "Nội dung thêm"]
    first = next(r for r in rows[1:] if r[0] == doc.source and r[1] == doc.index + 1)
    assert first[9] == i18n.status_label(tool) and first[10] == i18n.status_label(corrected)
    others = [r for r in rows[1:] if r is not first]
    assert others and all(r[10] is None for r in others)  # not reviewed: empty, not a guess


def test_the_review_sheet_has_one_row_per_review_with_a_real_date_and_text_notes(tmp_path):
    from dancoso_compare.report import i18n

    report, doc, tool, corrected = _reviewed_report()
    book = _write(tmp_path, report)
    assert book.sheetnames[-2:] == ["Rà soát", "Thông tin"]
    sheet = book["Rà soát"]
    header = [c.value for c in sheet[1]]
    assert header == ["Tệp", "Thứ tự trong tệp", "Địa phương", "Loại", "Biện pháp hoặc quy tắc", "Công cụ đánh giá",
                      "Kết quả rà soát", "Ghi chú", "Người rà soát", "Thời điểm rà soát", "Văn bản đã thay đổi"]
    rows = [dict(zip(header, r)) for r in sheet.iter_rows(min_row=2)]
    assert [r["Loại"].value for r in rows] == ["Biện pháp", "Phát hiện"]
    measure, rule = rows
    assert measure["Loại"].value == "Biện pháp" and measure["Biện pháp hoặc quy tắc"].value == "M2"
    assert measure["Công cụ đánh giá"].value == i18n.status_label(tool)
    assert measure["Kết quả rà soát"].value == i18n.status_label(corrected)
    assert measure["Người rà soát"].value == "Lan" and measure["Văn bản đã thay đổi"].value == "Có"
    note = measure["Ghi chú"]
    assert note.value == INJECTIONS[0] and note.data_type == "s"  # never a live =HYPERLINK
    at = measure["Thời điểm rà soát"]
    assert at.value == datetime(2026, 12, 3, 18, 48, 58, 500000)  # 11:48 UTC read on a clock in Vietnam
    assert at.is_date and at.number_format == "DD/MM/YYYY HH:MM"
    flagged = next(d for d in report.documents if d.findings)
    assert rule["Biện pháp hoặc quy tắc"].value == flagged.findings[0].rule and rule["Tệp"].value == flagged.source
    assert rule["Kết quả rà soát"].value == "Bác bỏ" and rule["Văn bản đã thay đổi"].value == "Không"
    assert rule["Người rà soát"].value is None and rule["Thời điểm rà soát"].value == datetime(2026, 12, 1, 8, 2, 3)


def test_english_workbook_names_the_review_sheet_in_english(tmp_path):
    report, *_ = _reviewed_report()
    book = _write(tmp_path, report, "en")
    assert "Reviews" in book.sheetnames
    assert [c.value for c in book["Reviews"][1]][3:7] == ["Kind", "Measure or rule", "Tool's status", "Reviewed status"]
    assert "M2 (reviewed)" in [c.value for c in book["Summary"][1]]


def test_without_reviews_the_workbook_is_unchanged(tmp_path):
    book = _write(tmp_path, sample_report())
    assert "Rà soát" not in book.sheetnames
    assert not any("rà soát" in str(c.value) for c in book["Tổng hợp"][1])
