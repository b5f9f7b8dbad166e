"""Split Căn cứ / Xét paragraphs into separate citations (type, number, date, title)."""

from __future__ import annotations

import re

from dancoso_compare import dates
from dancoso_compare.models import Citation
from dancoso_compare.ingest.normalize import Block

# Longest first so "Nghị quyết liên tịch" wins over "Nghị quyết".
TYPE_WORDS = (
    "Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết liên tịch", "Nghị quyết", "Nghị định",
    "Quyết định", "Thông tư liên tịch", "Thông tư", "Chỉ thị", "Kế hoạch", "Kết luận", "Công văn",
    "Hướng dẫn", "Tờ trình", "Báo cáo thẩm tra", "Báo cáo", "Văn bản", "Quy định", "Chương trình", "Đề án",
)
_TYPE = re.compile(r"^(?:các\s+)?(" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?:căn\s+cứ|xét)\s*:?\s*", re.IGNORECASE)
# State numbers "59/2023/NĐ-CP", "12/NQ-HĐND"; Party numbers (Quy định 66-QĐ/TW on Party documents)
# put the kind before the slash: "30-CT/TW", "21-NQ/TW", "01-KL/TW", "08-QĐi/TW".
_CODE = r"[A-ZĐ][A-Za-zĐđ0-9]*"
_NUMBER = re.compile(
    rf"(?:\bsố\s*:?\s*)?(?<![\w/])(\d{{1,5}}(?:/\d{{4}})?/\s?{_CODE}(?:\s?[-–]\s?{_CODE})*"
    rf"|\d{{1,5}}\s?[-–]\s?{_CODE}/{_CODE}(?:[-–]{_CODE})*)"
)
_BLANK_NUMBER = re.compile(r"\bsố\s*:?\s*(?:[.…_ ]*)/\s?[A-ZĐ]", re.IGNORECASE)
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_ISSUER = re.compile(r"\bcủa\s+(.+?)(?=\s+(?:về|quy định|ban hành|hướng dẫn|đề nghị)\b|[;,.]|$)", re.IGNORECASE)
_LAW_TITLE_END = re.compile(r"\s+(?:ngày\b|năm\s+\d{4}|số\s*:?\s*\d)|[;.]|$", re.IGNORECASE)
_LIST_HEADER = re.compile(r"^(?:các\s+)?([\w\s]+?)\s+của\s+[^:]+:\s*", re.IGNORECASE)
_SPLIT_BEFORE_TYPE = re.compile(
    r",\s+(?=(?:" + "|".join(TYPE_WORDS) + r")\s+số\b)", re.IGNORECASE
)


def _canonical_type(word: str) -> str:
    for candidate in TYPE_WORDS:
        if candidate.lower() == word.lower():
            return candidate
    return word


def _segments(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ';'-separated part of ``text``."""
    parts: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r";", text):
        parts.append((start, match.start()))
        start = match.end()
    parts.append((start, len(text)))
    out: list[tuple[int, int]] = []
    for a, b in parts:
        cuts = [a] + [a + m.start() + 1 for m in _SPLIT_BEFORE_TYPE.finditer(text[a:b])] + [b]
        out.extend(zip(cuts, cuts[1:]))
    return out


def parse_citations(blocks: list[Block], line_of) -> list[Citation]:  # noqa: ANN001
    """Citations of Căn cứ or Xét blocks, one per cited document, in order."""
    citations: list[Citation] = []
    for block in blocks:
        text = block.clean
        lead = _LEAD.match(text)
        body_start = lead.end() if lead else 0
        inherited: str | None = None
        for a, b in _segments(text[body_start:]):
            a += body_start
            b += body_start
            raw = text[a:b]
            stripped = raw.strip(" .,:/")
            if not stripped:
                continue
            offset = a + (len(raw) - len(raw.lstrip(" .,:/")))
            header = _LIST_HEADER.match(stripped)
            if header and _TYPE.match(header.group(1).strip()):
                inherited = _canonical_type(_TYPE.match(header.group(1).strip()).group(1))  # type: ignore[union-attr]
                offset += header.end()
                stripped = stripped[header.end():]
            citation = _citation(stripped, inherited)
            if citation is None:
                continue
            if citation.type:
                inherited = citation.type
            start, end = block.original_span(offset, min(offset + len(stripped), len(block.clean)))
            citation.span = (start, end)
            citation.line = line_of(start)
            citations.append(citation)
    return citations


def _citation(text: str, inherited: str | None) -> Citation | None:
    type_match = _TYPE.match(text)
    if type_match:
        kind = _canonical_type(type_match.group(1))
    elif re.match(r"^số\b", text, re.IGNORECASE) and inherited:
        kind = inherited
    else:
        return None  # "ý kiến thảo luận của đại biểu": not a document
    number_match = _NUMBER.search(text)
    number = re.sub(r"\s", "", number_match.group(1)).replace("–", "-") if number_match else None
    blank = bool(_BLANK_NUMBER.search(text)) and number is None
    date_match = dates.find_date(text)
    date = date_match.iso if date_match else None
    if date is None and dates.is_blank_date(text) and not _YEAR.search(text):
        blank = True
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else (int(date[:4]) if date else None)
    issuer_match = _ISSUER.search(text)
    return Citation(
        text=text,
        type=kind,
        number=number,
        date=date,
        year=year,
        title=_title(text, kind),
        issuer=issuer_match.group(1).strip() if issuer_match and kind not in ("Luật", "Bộ luật", "Hiến pháp") else None,
        blank=blank,
    )


def _title(text: str, kind: str) -> str | None:
    if kind in ("Luật", "Bộ luật", "Hiến pháp", "Pháp lệnh"):
        end = _LAW_TITLE_END.search(text)
        return text[: end.start()].strip() if end else text
    about = re.search(r"\b(?:về|quy định|ban hành)\b\s*(.+)$", text, re.IGNORECASE)
    return about.group(0).strip() if about else None
