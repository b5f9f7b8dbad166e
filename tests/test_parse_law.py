"""The Law itself is a parser test: 6 chương, 91 điều, Điều 8 and Điều 86 exactly."""

from __future__ import annotations

import pytest

from dancoso_compare.parse import parse_text

from .conftest import CORPUS


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
