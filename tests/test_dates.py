"""dates.py: the one date reader (written forms, figures, blanks, impossible days)."""

from __future__ import annotations

import pytest

from dancoso_compare import dates
from dancoso_compare.parse import parse_text


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("ngày 14 tháng 8 năm 2023", "2023-08-14"),
        ("ngày 14/8/2023", "2023-08-14"),
        ("ngày 01-7-2025", "2025-07-01"),
        ("ngày 29.02.2024", "2024-02-29"),
        ("Luật số 10/2022/QH15 ngày 10 tháng 11 năm 2022 của Quốc hội", "2022-11-10"),
    ],
)
def test_written_and_figure_dates_give_iso(text, iso):
    found = dates.find_date(text)
    assert found is not None and found.iso == iso
    assert text[found.start:found.end] == found.text


@pytest.mark.parametrize("text", ["ngày 30/02/2024", "ngày 31 tháng 4 năm 2023", "ngày 29/2/2023", "ngày 1/13/2024"])
def test_impossible_days_are_found_but_not_accepted(text):
    found = dates.find_date(text)
    assert found is not None and found.iso is None


def test_iso_date_validates_the_calendar():
    assert dates.iso_date("30", "02", "2024") is None
    assert dates.iso_date(5, 7, 2024) == "2024-07-05"
    assert dates.iso_date("1", "1", "0020") is None
    assert dates.parse_iso("2024-07-05").isoformat() == "2024-07-05"
    assert dates.parse_iso("2024-02-30") is None


def test_a_bare_figure_date_needs_no_word_only_when_asked():
    assert dates.find_date("thông qua 14/8/2023") is None
    assert dates.find_date("thông qua 14/8/2023", need_word=False).iso == "2023-08-14"
    # a document number is not a date
    assert dates.find_date("số 12/2023/NQ-HĐND", need_word=False) is None


def test_date_after_a_phrase():
    text = "Nghị quyết này đã được HĐND xã thông qua ngày 20 tháng 12 năm 2023 và có hiệu lực"
    assert dates.find_date(text, after=r"thông\s+qua").iso == "2023-12-20"
    assert dates.find_date("hiệu lực từ ngày 1/1/2024", after=r"thông\s+qua") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Bến Tre, ngày 5 tháng 7 năm 2024", ("Bến Tre", "2024-07-05", False)),
        ("Vũng Tàu, ngày 5/7/2024", ("Vũng Tàu", "2024-07-05", False)),
        ("Hà Nội, ngày … tháng … năm 2024", ("Hà Nội", None, True)),
        ("Tân Phú, ngày     tháng    năm 2025", ("Tân Phú", None, True)),
        ("An Bình, ngày    /   /2024", ("An Bình", None, True)),
        ("An Bình, ngày 5 tháng ... năm 2024", ("An Bình", None, True)),
        ("An Bình, ngày 30 tháng 02 năm 2024", ("An Bình", None, False)),
    ],
)
def test_place_and_date_lines(line, expected):
    assert dates.place_and_date(line) == expected


def test_not_a_place_and_date_line():
    assert dates.place_and_date("Theo đó, ngày hôm sau") is None
    assert dates.is_blank_date("ngày … tháng … năm 2024")
    assert not dates.is_blank_date("ngày 1 tháng 2 năm 2024")


def test_a_document_dated_30_february_has_no_date():
    parsed = parse_text("NGHỊ QUYẾT\nAn Bình, ngày 30 tháng 02 năm 2024\nĐiều 1. Phạm vi\n", "x")
    doc = parsed.documents[0]
    assert doc.place == "An Bình"
    assert doc.date is None
    good = parse_text("NGHỊ QUYẾT\nAn Bình, ngày 28 tháng 02 năm 2024\nĐiều 1. Phạm vi\n", "x").documents[0]
    assert good.date == "2024-02-28"
