"""citations.py: Căn cứ / Xét paragraphs split into cited documents (fragments from the seeds)."""

from __future__ import annotations

from dancoso_compare.parse.citations import parse_citations
from dancoso_compare.ingest.normalize import build_blocks, line_of, line_starts


def _cite(text: str):
    starts = line_starts(text)
    blocks = build_blocks(text)
    return text, parse_citations(blocks, lambda off: line_of(starts, off))


def test_one_citation_per_document_with_number_date_issuer():
    text, found = _cite(
        "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số điều "
        "của Luật Thực hiện dân chủ ở cơ sở; Nghị định số 61/2023/NĐ-CP ngày 16/8/2023 của Chính phủ về xây dựng "
        "và thực hiện hương ước, quy ước của cộng đồng dân cư;"
    )
    assert [(c.type, c.number, c.date, c.issuer) for c in found] == [
        ("Nghị định", "59/2023/NĐ-CP", "2023-08-14", "Chính phủ"),
        ("Nghị định", "61/2023/NĐ-CP", "2023-08-16", "Chính phủ"),
    ]
    for c in found:
        assert text[c.span[0]:c.span[1]].startswith("Nghị định số")
        assert c.line == 1


def test_a_law_has_a_title_and_no_issuer():
    _, (law,) = _cite("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;")
    assert (law.type, law.title, law.date, law.year, law.issuer) == (
        "Luật", "Luật Thực hiện dân chủ ở cơ sở", "2022-11-10", 2022, None
    )


def test_party_document_numbers():
    _, found = _cite(
        "Căn cứ Chỉ thị số 30-CT/TW ngày 18 tháng 02 năm 1998 của Bộ Chính trị về xây dựng và thực hiện Quy chế "
        "dân chủ ở cơ sở; Nghị quyết số 21-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương; "
        "Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị;"
    )
    assert [(c.type, c.number, c.date) for c in found] == [
        ("Chỉ thị", "30-CT/TW", "1998-02-18"),
        ("Nghị quyết", "21-NQ/TW", "2022-06-16"),
        ("Kết luận", "01-KL/TW", "2021-05-18"),
    ]
    assert found[0].issuer == "Bộ Chính trị"


def test_considered_list_with_report_and_discussion():
    _, found = _cite(
        "Xét Tờ trình số 33/TTr-UBND ngày 13 tháng 3 năm 2024 của UBND tỉnh; Báo cáo thẩm tra số 736/BC-PC ngày "
        "15 tháng 4 năm 2024 của Ban Pháp chế Hội đồng nhân dân tỉnh; ý kiến thảo luận của đại biểu Hội đồng nhân "
        "dân tại kỳ họp."
    )
    assert [(c.type, c.number) for c in found] == [("Tờ trình", "33/TTr-UBND"), ("Báo cáo thẩm tra", "736/BC-PC")]


def test_blank_number_and_impossible_date():
    _, (blank,) = _cite("Xét Tờ trình số     /TTr-UBND ngày    /   /2024 của Ủy ban nhân dân xã;")
    assert blank.number is None and blank.blank
    _, (bad,) = _cite("Căn cứ Quyết định số 12/QĐ-UBND ngày 30/02/2024 của Ủy ban nhân dân tỉnh;")
    assert bad.number == "12/QĐ-UBND" and bad.date is None
