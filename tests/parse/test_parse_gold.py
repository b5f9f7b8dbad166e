"""Each seed parses to exactly what the hand-made gold files record."""

from __future__ import annotations

import datetime as dt
import re

from dancoso_compare.textkey import fold
from dancoso_compare.parse import parse_text

from tests.conftest import SEEDS


def _iso(value: object) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _gold_citation(entry: str) -> dict:
    """'59/2023/NĐ-CP' / 'Luật X 2025 (16/6/2025)' / '49/NQ-HĐND (08/12/2023, ...)' -> expectations."""
    number = re.match(r"^(\d+(?:/\d{4})?/[^\s(]+)", entry)
    date = re.search(r"\((\d{1,2})/(\d{1,2})/(\d{4})", entry)
    name = re.sub(r"\s*\(.*$", "", entry)
    name = re.sub(r"\s+\d{4}$", "", name)
    return {
        "number": number.group(1) if number else None,
        "date": f"{int(date.group(3)):04d}-{int(date.group(2)):02d}-{int(date.group(1)):02d}" if date else None,
        "name": None if number else name,
    }


def _matches(citation, expected: dict) -> bool:
    if expected["number"]:
        return citation.number == expected["number"]
    if citation.number or not citation.title or fold(expected["name"]) not in fold(citation.title):
        return False
    return expected["date"] is None or citation.date == expected["date"]


def _clause_points(article) -> list[int]:
    return [sum(1 for p in c.children if p.kind == "point") for c in article.children if c.kind == "clause"]


def test_documents_and_metadata(gold_case):
    gold, text = gold_case
    parsed = parse_text(text, gold["file"])
    assert len(parsed.documents) == len(gold["documents"])
    for doc, exp in zip(parsed.documents, gold["documents"]):
        assert doc.kind == exp["kind"]
        assert doc.draft == exp["draft"]
        assert list(doc.lines) == exp["lines"]
        assert doc.number == exp["number"]
        assert doc.date == _iso(exp["date"])
        assert doc.issuer == exp["issuer"]
        assert doc.locality is not None
        assert doc.locality.model_dump() == exp["locality"]
        assert doc.signer == exp["signer"]
        if "adopted" in exp:
            assert doc.adopted == _iso(exp["adopted"])
        if "addressee" in exp:
            assert doc.addressee == exp["addressee"]
        if "session" in exp:
            assert doc.session is not None
            assert doc.session.term == exp["session"]["term"]
            assert doc.session.sitting == exp["session"]["sitting"]


def test_legal_bases(gold_case):
    gold, text = gold_case
    parsed = parse_text(text, gold["file"])
    for doc, exp in zip(parsed.documents, gold["documents"]):
        expected = [_gold_citation(e) for e in exp["legal_bases"]]
        assert len(doc.legal_bases) == len(expected), [c.text for c in doc.legal_bases]
        for item in expected:
            assert any(_matches(c, item) for c in doc.legal_bases), item
        considered = exp.get("considered", [])
        assert len(doc.considered) == len(considered)
        for entry, citation in zip(considered, doc.considered):
            parsed_entry = _gold_citation(entry)
            if parsed_entry["number"]:
                assert citation.number == parsed_entry["number"]
                assert citation.date == parsed_entry["date"]


def test_structure_counts(gold_case):
    gold, text = gold_case
    parsed = parse_text(text, gold["file"])
    for doc, exp in zip(parsed.documents, gold["documents"]):
        articles = doc.articles()
        assert [a.number for a in articles] == [a["n"] for a in exp["articles"]]
        for article, expected in zip(articles, exp["articles"]):
            assert article.title == expected["title"]
            assert _clause_points(article) == expected["clauses"], article.id
        if exp.get("items"):
            items = [n for n in doc.body if n.kind == "clause"]
            assert [sum(1 for p in i.children if p.kind == "point") for i in items] == exp["items"]


def test_gold_covers_every_seed():
    from tests.conftest import gold_files, load_gold

    assert sorted(load_gold(p)["file"] for p in gold_files()) == sorted(p.name for p in SEEDS.glob("*.txt"))
