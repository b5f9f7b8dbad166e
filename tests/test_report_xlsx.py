"""audit.xlsx: sheets, rows, headers by language, frozen header, filters, widths."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from dancoso_compare.report import write_xlsx

from .report_factory import finding, report_with, sample_documents, sample_report


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "audit.xlsx"
    write_xlsx(sample_report(), path)
    return load_workbook(path)


def _rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_sheets(workbook):
    assert workbook.sheetnames == ["Tổng hợp", "Bằng chứng", "Phát hiện", "Nội dung thêm"]


def test_summary_one_row_per_document(workbook):
    report = sample_report()
    rows = _rows(workbook["Tổng hợp"])
    header, body = rows[0], rows[1:]
    assert header[:8] == ["Tệp", "Thứ tự trong tệp", "Loại văn bản", "Dự thảo", "Số, ký hiệu", "Ngày", "Địa phương", "Cấp"]
    assert header[8:13] == ["M1", "M2", "M3", "M4", "M5"]
    assert len(body) == len(report.documents)
    by_key = {(r[0], r[1]): r for r in body}
    muong_kim = by_key[("batch/muong_kim_nq_15.docx", 0)]
    assert muong_kim[8:13] == ["Đầy đủ", "Một phần", "Đầy đủ", "Thiếu", "Đầy đủ"]
    assert muong_kim[6:8] == ["xã Mường Kim", "Cấp xã"]
    extras, findings = header.index("Nội dung thêm"), header.index("Phát hiện")
    assert muong_kim[extras] == 1 and muong_kim[findings] == 3
    assert by_key[("batch/khong_ro.md", 0)][6] is None  # no locality


def test_status_cells_coloured(workbook):
    sheet = workbook["Tổng hợp"]
    fills = {sheet.cell(row=r, column=c).value: sheet.cell(row=r, column=c).fill.fgColor.rgb
             for r in range(2, sheet.max_row + 1) for c in range(9, 14)}
    assert fills["Thiếu"].endswith("FFEBE9") and fills["Một phần"].endswith("FFF1C2") and fills["Đầy đủ"].endswith("DAFBE1")


def test_evidence_rows_match_report(workbook):
    report = sample_report()
    rows = _rows(workbook["Bằng chứng"])[1:]
    expected = [(d.source, d.index, m, ev.id, ev.line) for d in report.documents
                for m, cov in sorted(d.coverage.items()) for ev in cov.evidence]
    assert [(r[0], r[1], r[3], r[5], r[7]) for r in rows] == expected
    partial = next(r for r in rows if r[0] == "batch/muong_kim_nq_15.docx" and r[3] == "M2")
    assert partial[4] == "Một phần" and partial[6] == "Điều 4, khoản 2" and "<script>" in partial[12]


def test_findings_rows(workbook):
    report = sample_report()
    rows = _rows(workbook["Phát hiện"])
    assert rows[0] == ["Tệp", "Thứ tự trong tệp", "Địa phương", "Mức độ", "Mã quy tắc", "Nội dung", "Dòng", "Mục", "Căn cứ pháp lý"]
    assert len(rows) - 1 == sum(len(d.findings) for d in report.documents)
    num = next(r for r in rows if r[4] == "DC-NUM-003")
    assert num[3] == "Lỗi" and num[5] == "Điều 4 có hai khoản cùng số 3." and num[6] == 66
    assert num[8] == "Khoản 2 Điều 61 Luật Ban hành văn bản quy phạm pháp luật"


def test_frozen_header_filter_and_widths(workbook):
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        widths = [sheet.column_dimensions[c].width for c in "ABCDEF"]
        assert all(6 <= w <= 70 for w in widths)
    summary = workbook["Tổng hợp"]
    assert summary.column_dimensions["A"].width >= len("batch/thang_binh_to_trinh.txt")


def test_english_headers_and_messages(tmp_path):
    path = write_xlsx(sample_report(), tmp_path / "en.xlsx", lang="en")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Summary", "Evidence", "Findings", "Extras"]
    header = next(wb["Summary"].iter_rows(values_only=True))
    assert header[:3] == ("File", "Index in file", "Kind")
    messages = [r[5] for r in wb["Findings"].iter_rows(min_row=2, values_only=True)]
    assert "Article 4 has two clauses numbered 3." in messages
    statuses = {r[9] for r in wb["Summary"].iter_rows(min_row=2, values_only=True)}
    assert statuses == {"Present", "Partial", "Missing"}


def test_control_characters_from_pdf_text_do_not_break_the_workbook(tmp_path):
    doc = sample_documents()[6].model_copy(deep=True)
    doc.findings.append(finding("DC-X", "info", "ký tự lạ \x0b\x01 ở đây", "odd", 3))
    path = write_xlsx(report_with(doc), tmp_path / "x.xlsx")
    rows = list(load_workbook(path)["Phát hiện"].iter_rows(min_row=2, values_only=True))
    assert rows[0][5] == "ký tự lạ  ở đây"
