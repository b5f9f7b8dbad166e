"""The one home of date reading: Vietnamese legal dates -> validated ISO dates.

Documents print dates as "ngày 14 tháng 8 năm 2023" (the form Nghị định
30/2020/NĐ-CP prescribes) or in figures, "ngày 14/8/2023", "14-8-2023",
"14.8.2023". Every date the package reads goes through this module, so one
rule decides what a date is: a day that exists in its month (30/02 and 31/4
are rejected) in a plausible year, returned as ``YYYY-MM-DD``.

A draft leaves the day and month for signing ("ngày … tháng … năm 2024",
"ngày    /    /2024"): :func:`is_blank_date` recognises it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

__all__ = [
    "DateMatch",
    "MIN_YEAR",
    "MAX_YEAR",
    "find_date",
    "find_dates",
    "is_blank_date",
    "iso_date",
    "parse_iso",
    "place_and_date",
]

MIN_YEAR = 1901
MAX_YEAR = 2199

# "14 tháng 8 năm 2023" | "14/8/2023" | "14-8-2023" | "14.8.2023" (one separator kind per date).
_BODY = (
    r"(?P<day>\d{1,2})\s*(?:tháng\s*(?P<month_w>\d{1,2})\s*,?\s*năm\s*(?P<year_w>\d{4})"
    r"|(?P<sep>[/.-])\s*(?P<month_n>\d{1,2})\s*(?P=sep)\s*(?P<year_n>\d{4}))(?![\d/])"
)
_WITH_WORD = re.compile(rf"\bngày\s*{_BODY}", re.IGNORECASE)
_ANY = re.compile(rf"(?:\bngày\s*)?(?<![\d/.-]){_BODY}", re.IGNORECASE)
# Day and month left blank (dots, ellipses, underscores, spaces or nothing) before a year.
_BLANK = re.compile(r"\bngày\s*[\d.…_/ ]*(?:tháng\s*[\d.…_ ]*)?(?:năm\s*|/)\s*\d{4}", re.IGNORECASE)
_PLACE_DATE = re.compile(
    r"^(?P<place>[^,]{2,40}),\s*(?P<rest>ngày\b.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text: where it is and its ISO value (None when the day does not exist)."""

    start: int
    end: int
    iso: str | None
    text: str


def iso_date(day: int | str, month: int | str, year: int | str) -> str | None:
    """``YYYY-MM-DD`` for a real calendar day, else None (30/02, 31/04, month 13, year 0020)."""
    try:
        d, m, y = int(day), int(month), int(year)
    except (TypeError, ValueError):
        return None
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def parse_iso(value: str | None) -> date | None:
    """A :class:`datetime.date` from an ISO string written by this module (or None)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _match(match: re.Match[str]) -> DateMatch:
    if match.group("month_w") is not None:
        month, year = match.group("month_w"), match.group("year_w")
    else:
        month, year = match.group("month_n"), match.group("year_n")
    return DateMatch(match.start(), match.end(), iso_date(match.group("day"), month, year), match.group(0))


def find_dates(text: str, *, need_word: bool = True) -> Iterator[DateMatch]:
    """Every date in ``text``, in order. ``need_word``: only dates introduced by "ngày"."""
    pattern = _WITH_WORD if need_word else _ANY
    for match in pattern.finditer(text):
        yield _match(match)


def find_date(text: str, *, after: str | None = None, need_word: bool = True) -> DateMatch | None:
    """The first date in ``text`` (only one that directly follows the regex ``after``, when given)."""
    if after is not None:
        match = _after(after).search(text)
        return _match(match) if match else None
    return next(find_dates(text, need_word=need_word), None)


@lru_cache(maxsize=64)
def _after(phrase: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{phrase})\s*(?:ngày\s*)?{_BODY}", re.IGNORECASE)


def is_blank_date(text: str) -> bool:
    """A date left blank for signing: "ngày … tháng … năm 2024", "ngày    /    /2024"."""
    return bool(_BLANK.search(text)) and find_date(text) is None


def place_and_date(text: str) -> tuple[str, str | None, bool] | None:
    """The place-and-date line "Bến Tre, ngày 5 tháng 7 năm 2024" -> (place, ISO date, blank).

    None when ``text`` is not such a line. ``blank`` is True when the day or
    month is left empty (a draft); the ISO date is None then, and also when the
    printed day does not exist.
    """
    match = _PLACE_DATE.match(text)
    if not match:
        return None
    place, rest = match.group("place").strip(), match.group("rest")
    found = find_date(rest)
    if found is not None and found.start == 0:
        return place, found.iso, False
    if _BLANK.match(rest):
        return place, None, True
    return None
