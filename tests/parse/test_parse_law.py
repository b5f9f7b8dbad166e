"""The Law itself is a parser test: 6 chương, 91 điều, Điều 8 and Điều 86 exactly."""

from __future__ import annotations

import pytest

from dancoso_compare.parse import parse_text

from tests.conftest import CORPUS, LAW


@pytest.fixture(scope="module")
def law():
    text = (CORPUS / "reference" / "luat-10-2022-QH15.txt").read_text(encoding="utf-8")
    parsed = parse_text(text, "luat")
    assert len(parsed.documents) == 1
    return parsed.documents[0]


def test_chapters_and_articles(law):
    chapters = [n for n in law.walk() if n.kind == "chapter"]
    assert [c.label for c in chapters] == ["I", "II", "III", "IV", "V", "VI"]
    assert chapters[0].title == "NHỮNG QUY ĐỊNH CHUNG"
    assert [a.number for a in law.articles()] == list(range(1, 92))


def test_article_8_has_five_clauses_without_points(law):
    art = law.find("dieu-8")
    assert art.title == "Các biện pháp bảo đảm thực hiện dân chủ ở cơ sở"
    clauses = [c for c in art.children if c.kind == "clause"]
    assert [c.label for c in clauses] == ["1", "2", "3", "4", "5"]
    assert all(not [p for p in c.children if p.kind == "point"] for c in clauses)
    assert clauses[3].clean.startswith("4. Kịp thời biểu dương, khen thưởng")


def test_article_86_clauses_and_points(law):
    art = law.find("dieu-86")
    clauses = [c for c in art.children if c.kind == "clause"]
    points = [[p.label for p in c.children if p.kind == "point"] for c in clauses]
    assert points == [["a", "b"], ["a", "b", "c", "d", "đ"], [], []]
    assert law.find("dieu-86.khoan-2.diem-đ") is not None
    assert law.find("dieu-86.khoan-2.diem-d") is not None


def test_sections_nest_under_chapters(law):
    sections = [n for n in law.walk() if n.kind == "section"]
    assert sections and all(s.id.startswith("chuong-") for s in sections)
    assert law.find("chuong-ii.muc-1").title == "CÔNG KHAI THÔNG TIN Ở XÃ, PHƯỜNG, THỊ TRẤN"


def test_no_numbering_anomalies_in_the_law(law):
    assert [a for a in law.anomalies if a.code != "numbering_gap" or not a.node_id.startswith("chuong")] == []


# -- the wider legal corpus: headings as published in Markdown by legal portals and the Pháp điển --------

_DECREE_MD = """**CHÍNH PHỦ**

**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**
**Độc lập - Tự do - Hạnh phúc**

Số:
59/2023/NĐ-CP

*Hà Nội, ngày 14 tháng 8 năm 2023*

**NGHỊ ĐỊNH**

**QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT THỰC HIỆN DÂN CHỦ
Ở CƠ SỞ**

*Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;*

## Chương I

## NHỮNG QUY ĐỊNH
## CHUNG

**Điều 1.Phạm vi điều chỉnh**

Nghị định này quy định chi tiết khoản 4 Điều 23 của Luật Thực hiện dân chủ ở cơ sở và
Điều 6. của Nghị định này được áp dụng chung.

**Điều 2.Đối tượng áp dụng**

1. Công dân Việt Nam.

2. Cơ quan, tổ chức có liên quan.

_ Điều 3. Hiệu lực thi hành

Nghị định này có hiệu lực thi hành từ ngày 15 tháng 8 năm 2023.
"""


@pytest.fixture(scope="module")
def decree():
    parsed = parse_text(_DECREE_MD, "nd.md")
    assert len(parsed.documents) == 1
    return parsed.documents[0]


def test_article_heading_without_space_after_the_dot(decree):
    assert [(a.label, a.title) for a in decree.articles()] == [
        ("Điều 1", "Phạm vi điều chỉnh"), ("Điều 2", "Đối tượng áp dụng"), ("Điều 3", "Hiệu lực thi hành"),
    ]
    assert [c.label for c in decree.find("dieu-2").children if c.kind == "clause"] == ["1", "2"]


def test_stray_markup_before_a_heading_opens_the_article(decree):
    art = decree.find("dieu-3")
    assert art.text.startswith("_ Điều 3.")
    assert art.children[0].text.startswith("Nghị định này có hiệu lực")


def test_a_wrapped_cross_reference_does_not_open_an_article(decree):
    art = decree.find("dieu-1")
    assert any("Điều 6. của Nghị định này" in c.text for c in art.children)
    assert decree.find("dieu-6") is None
    assert not [a for a in decree.anomalies if a.code in ("numbering_gap", "out_of_order")]


def test_number_on_the_line_after_so_and_title_across_wraps(decree):
    assert decree.number == "59/2023/NĐ-CP"
    assert decree.date == "2023-08-14"
    assert decree.title == "QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT THỰC HIỆN DÂN CHỦ Ở CƠ SỞ"
    chapter = decree.find("chuong-i")
    assert chapter.title == "NHỮNG QUY ĐỊNH CHUNG"
    assert _DECREE_MD[chapter.span[0]:chapter.span[1]] == chapter.text


def test_codified_phap_dien_labels():
    text = (
        "Điều 1.11.LQ.1. Phạm vi điều chỉnh\n\nLuật này quy định về việc thực hiện dân chủ ở cơ sở.\n\n"
        "(Điều 1 Luật số 10/2022/QH15)\n\n"
        "Điều 1.11.LQ.2. Đối tượng áp dụng\n\n1. Công dân Việt Nam.\n\n"
        "Điều 1.11.NĐ.1.3. Tổ chức cuộc họp\n\nCuộc họp do Trưởng thôn triệu tập.\n"
    )
    doc = parse_text(text, "phapdien.md").documents[0]
    assert [(a.label, a.id, a.title) for a in doc.articles()] == [
        ("Điều 1.11.LQ.1", "dieu-1-11-lq-1", "Phạm vi điều chỉnh"),
        ("Điều 1.11.LQ.2", "dieu-1-11-lq-2", "Đối tượng áp dụng"),
        ("Điều 1.11.NĐ.1.3", "dieu-1-11-nđ-1-3", "Tổ chức cuộc họp"),
    ]
    assert doc.find("dieu-1-11-lq-2.khoan-1") is not None
    assert not [a for a in doc.anomalies if a.code in ("numbering_gap", "out_of_order", "restart")]
    from dancoso_compare.checks import lint_document

    assert not [f.rule for f in lint_document(doc) if f.rule.startswith("DC-NUM")]


def test_law_parses_with_articles_only_in_the_pieces_it_has():
    # The Pháp điển copy of NĐ 59/2023 in tests/data: every article Điều 1-31 is found (table of contents included).
    text = (LAW / "nd_59_2023_ND-CP_full.txt").read_text(encoding="utf-8")
    doc = parse_text(text, "nd59").documents[0]
    numbers = {a.number for a in doc.articles()}
    assert set(range(1, 32)) <= numbers


def test_a_capital_title_hard_wrapped_over_three_lines_is_kept_whole():
    text = (
        "CHÍNH PHỦ\nSố: 59/2023/NĐ-CP\nNGHỊ ĐỊNH\nQUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT\nTHỰC HIỆN DÂN CHỦ\nỞ CƠ SỞ\n"
        "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nChương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1.Phạm vi điều chỉnh\n"
    )
    doc = parse_text(text, "nd.txt").documents[0]
    assert doc.title == "QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT THỰC HIỆN DÂN CHỦ Ở CƠ SỞ"
    assert doc.number == "59/2023/NĐ-CP"
    assert len(doc.legal_bases) == 1
    assert doc.find("chuong-i").title == "NHỮNG QUY ĐỊNH CHUNG"
