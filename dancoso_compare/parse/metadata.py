"""Metadata stage: number, date, issuer, locality, session, adoption, signer, citations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from dancoso_compare import dates
from dancoso_compare.parse.citations import TYPE_WORDS, parse_citations
from dancoso_compare.models import Locality, Node, Session
from dancoso_compare.ingest.normalize import Block, upper_share
from dancoso_compare.textkey import fold
from dancoso_compare.resources import load_yaml
from dancoso_compare.parse.segment import NATIONAL_MOTTO, Segment
from dancoso_compare.parse.structure import PERSON_NAME, classify, paragraph_role

_NUMBER_LINE = re.compile(r"^số\s*:?\s*(.*)$", re.IGNORECASE)
_SESSION = re.compile(
    r"kh(?:óa|oá)\s+(?P<term>[IVXLC]+)\b\s*,?\s*(?:nhiệm\s+kỳ\s+[\d\s–-]+,?\s*)?kỳ\s+họp\s+(?P<sitting>.+?)(?=\s+(?:thông\s+qua|xem\s+xét|đã|quyết\s+nghị)\b|[,.;]|$)",
    re.IGNORECASE,
)
_ADOPTED_WORDS = r"thông\s+qua(?=\s+ngày)"
_BODY = re.compile(r"(hội\s+đồng\s+nhân\s+dân|ủy\s+ban\s+nhân\s+dân|uỷ\s+ban\s+nhân\s+dân|hđnd|ubnd)", re.IGNORECASE)
_CAPACITY = re.compile(r"^((?:(?:tm|kt|tl|q|tuq)\.\s*[^\n]*?\s*)?(?:phó\s+)?(?:chủ\s+tịch|trưởng\s+ban|thư\s+ký))\b\s*(.*)$", re.IGNORECASE)
_BODY_NAMES = {"hội đồng nhân dân": "Hội đồng nhân dân", "hđnd": "Hội đồng nhân dân", "ủy ban nhân dân": "Ủy ban nhân dân", "ubnd": "Ủy ban nhân dân"}


@dataclass(frozen=True)
class _Units:
    words: tuple[tuple[str, str, str | None], ...]  # (word, level, central level)
    central: frozenset[str]
    stop: frozenset[str]
    pattern: re.Pattern[str]


@cache
def _units() -> _Units:
    data = load_yaml("units.yaml")
    words = tuple((u["word"], u["level"], u.get("central_level")) for u in data["units"])
    alternation = "|".join(sorted((re.escape(w) for w, _, _ in words), key=len, reverse=True))
    return _Units(
        words=words,
        central=frozenset(fold(c) for c in data["central_cities"]),
        stop=frozenset(fold(w) for w in data["name_stopwords"]),
        pattern=re.compile(rf"\b({alternation})\s+(.+)$", re.IGNORECASE),
    )


def _title_case(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


_HYPHEN = "-–—"


def _name_words(rest: str, units: _Units) -> list[str]:
    """The capitalised words of a place name, hyphenated parts included ("Bà Rịa - Vũng Tàu")."""
    words: list[str] = []
    tokens = re.split(r"\s+", rest.strip())
    unit_words = {w for w, _, _ in units.words}
    i = 0
    while i < len(tokens):
        word = tokens[i]
        if word in _HYPHEN or (word[:1] in _HYPHEN and len(word) > 1):
            # "BÀ RỊA - VŨNG TÀU", "Bà Rịa -Vũng Tàu": a hyphen joins two capitalised parts, but
            # "XÃ AN BÌNH - HUYỆN X" names a second unit.
            after = word[1:] or (tokens[i + 1] if i + 1 < len(tokens) else "")
            if not words or not after[:1].isupper() or any(
                " ".join(tokens[i + (0 if word[1:] else 1):i + 3]).lower().lstrip(_HYPHEN).startswith(u) for u in unit_words
            ):
                break
            words.append("-")
            if word[1:]:
                tokens[i] = word[1:]
                continue
            i += 1
            continue
        bare = word.strip(".,;:()\"“”|")
        if not bare or fold(bare) in units.stop or not bare[0].isupper() or not bare.replace("-", "").replace("–", "").isalpha():
            break
        words.append(bare)
        if bare != word:
            break
        i += 1
    while words and words[-1] == "-":
        words.pop()
    return words


def _official(words: list[str], upper: bool) -> str:
    """Printed words -> the official spelling: title case for capitals, " - " around a hyphen."""
    if upper:
        words = ["-".join(_title_case(part) for part in w.split("-")) for w in words]
    return re.sub(r"\s*[-–—]\s*", " - ", " ".join(words))


def _province_known(name: str, unit: str) -> bool | None:
    """Whether a province-level name is in the administrative-unit data (None when the data is unavailable)."""
    from dancoso_compare import admin_units

    try:
        return admin_units.current_province_key(Locality(name=name, unit=unit, level="tinh")) is not None
    except RuntimeError:  # the unit data is not installed: the name cannot be checked, keep it as printed
        return None


def _validated(words: list[str], upper: bool, unit: str, level: str) -> str:
    """A long or hyphenated province name is checked against the unit data and cut to the longest known prefix."""
    name = _official(words, upper)
    if level != "tinh" or (len(words) <= 4 and "-" not in words):
        return name
    if _province_known(name, unit) is not False:
        return name
    for end in range(len(words) - 1, 0, -1):
        if words[end - 1] == "-":
            continue
        shorter = _official(words[:end], upper)
        if _province_known(shorter, unit):
            return shorter
    return name


def parse_locality(text: str) -> Locality | None:
    """'huyện Tân Phú ...' / 'THÀNH PHỐ HÒA BÌNH KHÓA XXI' / 'TỈNH BÀ RỊA - VŨNG TÀU' -> Locality."""
    units = _units()
    motto = NATIONAL_MOTTO.search(text)
    if motto:  # the other column of the header run into this line ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI ...")
        text = text[: motto.start()]
    for match in units.pattern.finditer(text):
        unit = match.group(1).lower()
        rest = match.group(2)
        upper = upper_share(rest) >= 0.8
        words = _name_words(rest, units)
        if not words:
            continue
        name = _official(words, upper)
        level = next(lvl if not (central and fold(name) in units.central) else central for w, lvl, central in units.words if w == unit)
        name = _validated(words, upper, unit, level)
        return Locality(name=name, unit=unit, level=level)  # type: ignore[arg-type]
    return None


def _body_name(text: str) -> str | None:
    match = _BODY.search(text)
    return _BODY_NAMES.get(re.sub(r"\s+", " ", match.group(1).lower()).replace("uỷ", "ủy")) if match else None


@dataclass
class Metadata:
    title: str | None = None
    number: str | None = None
    number_blank: bool = False
    date: str | None = None
    date_blank: bool = False
    place: str | None = None
    issuer: str | None = None
    addressee: str | None = None
    locality: Locality | None = None
    session: Session | None = None
    adopted: str | None = None
    signer: str | None = None
    signer_capacity: str | None = None
    draft_mark: bool = False

    @property
    def is_draft(self) -> bool:
        """Number or date left blank for signing, or marked DỰ THẢO."""
        return self.number_blank or self.date_blank or self.draft_mark

    def document_fields(self) -> dict:
        """The fields that :class:`~dancoso_compare.models.Document` carries as they are."""
        return {k: v for k, v in vars(self).items() if k not in ("number_blank", "date_blank", "draft_mark")}


# Cell separators of a header laid out as a table: Markdown pipes, tabs, or a wide gap between two columns.
_CELL_GAP = re.compile(r"\s*\|\s*|\t+\s*| {3,}")
_ALNUM = re.compile(r"[^\W_]")
# The header table sits in the first lines of a document; blocks further down are read whole.
_HEADER_BLOCKS = 40
_HEADER_CELLS = 8  # two columns, each possibly repeated by merged cells, and the empty edge cells


def header_cells(block: Block, text: str | None) -> list[Block]:
    """The cells of a header block laid out as table rows, one block each, in reading order.

    Portals print the header as a two-column table ("ỦY BAN NHÂN DÂN | CỘNG HÒA ...",
    "Số: 12/2024/NQ-HĐND | Bến Tre, ngày ..."): each cell is read on its own, left
    to right, row by row, so the columns come out as alternate lines. Separator
    rows ("|---|---|") and a cell repeated by a merged column are dropped. A
    block with no separator is returned as it is. Cells keep their offsets, so
    spans still point into the source.
    """
    if text is None:
        return [block]
    rows = [(line, text[line.content_start:line.content_end]) for line in block.lines]
    splits = [[m for m in _CELL_GAP.finditer(raw) if _is_column_break(m, raw)] for _, raw in rows]
    if not any(splits):
        return [block]
    cells: list[Block] = []
    for (line, raw), breaks in zip(rows, splits):
        if len(breaks) > _HEADER_CELLS:
            return [block]  # a data table, not a header of two or three columns
        bounds = [0] + [x for m in breaks for x in (m.start(), m.end())] + [len(raw)]
        chars, offsets = line.text, line.offsets  # the cleaned line and each character's source offset
        for a, b in zip(bounds[::2], bounds[1::2]):
            # the clean characters whose source offsets fall in the cell (offsets are sorted)
            lo, hi = offsets.index_of(line.content_start + a), offsets.index_of(line.content_start + b)
            raw_cell = chars[lo:hi]
            clean = raw_cell.strip()
            if not _ALNUM.search(clean) or (cells and cells[-1].clean == clean):
                continue
            first = lo + len(raw_cell) - len(raw_cell.lstrip())
            cell_offsets = offsets.slice(first, first + len(clean))
            cells.append(Block(lines=[line], clean=clean, offsets=cell_offsets, heading_level=line.heading_level))
    return cells  # empty for a separator row ("|---|---|"): no cell to read


def _is_column_break(gap: re.Match[str], raw: str) -> bool:
    """A table pipe; or a tab / wide gap before the other column's text (capitalised, a header part).

    A wide gap inside a sentence ("ngày      tháng 11", "Số:     /NQ-HĐND") is not a column break.
    """
    if "|" in gap.group():
        return True
    after = raw[gap.end():].lstrip("*_ ")
    return after[:1].isupper() and _looks_like_header_cell(after)


def _looks_like_header_cell(text: str) -> bool:
    return paragraph_role(text) in ("national_motto", "place_date", "number") or bool(
        NATIONAL_MOTTO.match(text) or _BODY.match(text)
    )


def _header(blocks: list[Block], title_index: int | None, text: str | None) -> tuple[list[Block], int]:
    """Header and preamble blocks split into their cells, and the index of the kind title among them."""
    head: list[Block] = []
    title_at = -1
    for i, block in enumerate(blocks[: _preamble_end(blocks)]):
        if i == title_index:
            title_at = len(head)
        head.extend(header_cells(block, text) if i != title_index and i < _HEADER_BLOCKS else [block])
    return head, title_at


def extract(segment: Segment, body: list[Node], line_of, text: str | None = None) -> tuple[Metadata, list, list]:  # noqa: ANN001
    """Metadata of one document from its blocks (header, preamble) and tree (closing).

    ``text`` is the source text, used to see the columns of a header laid out as a table.
    """
    meta = Metadata()
    blocks = segment.blocks
    head, title_at = _header(blocks, segment.title_index, text)
    for i, block in enumerate(head):
        role = paragraph_role(block.clean)
        if role == "number" and meta.number is None and not meta.number_blank:
            rest = _read_number(block.clean, meta, head[i + 1].clean if i + 1 < len(head) else "")
            if rest and meta.date is None and not meta.date_blank:
                _read_place_date(rest, meta)  # "Số: 12/NQ-HĐND An Bình, ngày ...": two columns run together
        elif role == "place_date" and meta.date is None and not meta.date_blank:
            _read_place_date(block.clean, meta)
        elif role == "addressee" and meta.addressee is None:
            meta.addressee = re.sub(r"^kính\s+gửi\s*:?\s*", "", block.clean, flags=re.IGNORECASE).rstrip(" .;")
        elif role == "draft_mark":
            meta.draft_mark = True
    if segment.title_index is not None:
        meta.title = _title(blocks, segment.title_index + 1)
    _read_session(blocks, meta)
    if segment.kind != "to_trinh":
        meta.adopted = _adoption_date(blocks)
    _read_signature(body, meta)
    _read_issuer(segment, head, title_at, meta)
    legal = [b for b in _citation_blocks(head, "legal_basis")]
    considered = [b for b in _citation_blocks(head, "considered")]
    return meta, parse_citations(legal, line_of), parse_citations(considered, line_of)


def _is_title_line(block: Block) -> bool:
    return paragraph_role(block.clean) is None and classify(block.clean).kind == "paragraph" and not _BODY.match(block.clean)


def _title(blocks: list[Block], first: int) -> str | None:
    """The title under the kind title; a title in capitals hard-wrapped over several lines is kept whole."""
    if first >= len(blocks) or not _is_title_line(blocks[first]):
        return None
    title = blocks[first].clean
    for block in blocks[first + 1:first + 4]:
        if (
            upper_share(title) < 0.8 or title[-1:] in ".;:" or upper_share(block.clean) < 0.8
            or not _is_title_line(block) or len(title) + len(block.clean) > 300
        ):
            break
        title = f"{title} {block.clean}"
    return title


def _preamble_end(blocks: list[Block]) -> int:
    """Index of the first block of the decided body (QUYẾT NGHỊ, first Điều or numbered item)."""
    for i, block in enumerate(blocks):
        if paragraph_role(block.clean) == "decision_formula":
            return i
        if classify(block.clean).kind in ("article", "roman", "chapter", "part"):
            return i
    for i, block in enumerate(blocks):
        if classify(block.clean).kind == "clause":
            return i
    return len(blocks)


def _citation_blocks(head: list[Block], role: str) -> list[Block]:
    """Căn cứ (or Xét) blocks, plus following lines that are citations themselves (a wrapped list)."""
    chosen: list[Block] = []
    following = False
    type_start = re.compile(r"^(?:" + "|".join(TYPE_WORDS) + r")\b", re.IGNORECASE)
    for block in head:
        block_role = paragraph_role(block.clean)
        if block_role == role:
            chosen.append(block)
            following = True
        elif following and block_role is None and type_start.match(block.clean):
            chosen.append(block)
        else:
            following = False
    return chosen


# A document number printed alone on the line after "Số:" (portal exports break the header cell there).
_NUMBER_JOIN = "/-–"
_NUMBER_ALONE = re.compile(r"^\d[\w.]*(?:/[\wĐđ.]*)*/[A-ZĐ][\wĐđ-]*$")


def _read_number(text: str, meta: Metadata, next_text: str = "") -> str:
    """The number of a "Số:" line; returns what follows it on the line (the other column, when run together)."""
    match = _NUMBER_LINE.match(text.lstrip("|* \t"))
    if match is None:  # a "Số:" the role classifier saw inside a cell it could not split: nothing to read
        return ""
    value = match.group(1)
    if not value.strip(" .…_|") and _NUMBER_ALONE.match(re.sub(r"\s+", "", next_text)):
        value = next_text
    # "21 /NQ-HĐND", "12 / 2024 / NQ - HĐND": the parts around "/" and "-" belong together.
    tokens = value.replace("|", " ").split()
    number = tokens[0] if tokens else ""
    j = 1
    while j < len(tokens) and (number[-1:] in _NUMBER_JOIN or tokens[j][:1] in _NUMBER_JOIN):
        number += tokens[j]
        j += 1
    compact = number.rstrip(".,;")
    if compact[:1].isdigit():
        meta.number = compact
    else:
        meta.number_blank = True
    return " ".join(tokens[j:])


def _read_place_date(text: str, meta: Metadata) -> None:
    found = dates.place_and_date(text)
    if found is None:
        return
    meta.place, meta.date, meta.date_blank = found


def _read_session(blocks: list[Block], meta: Metadata) -> None:
    for block in blocks:
        match = _SESSION.search(block.clean)
        if match:
            meta.session = Session(term=match.group("term").upper(), sitting=match.group("sitting").strip().lower())
            return


def _adoption_date(blocks: list[Block]) -> str | None:
    for block in reversed(blocks):
        found = dates.find_date(block.clean, after=_ADOPTED_WORDS)
        if found is not None:
            return found.iso
    return None


def _read_signature(body: list[Node], meta: Metadata) -> None:
    capacity: list[str] = []
    for node in body:
        if node.role != "signature":
            continue
        text = node.clean
        match = _CAPACITY.match(text)
        if match:
            capacity.append(match.group(1).strip())
            rest = match.group(2).strip()
            if rest and PERSON_NAME.match(rest):
                meta.signer = rest
        elif PERSON_NAME.match(text) and not _is_upper(text):
            meta.signer = text
    if capacity:
        meta.signer_capacity = " ".join(capacity)


def _is_upper(text: str) -> bool:
    return upper_share(text) == 1.0


def _next_issuer_line(head: list[Block], i: int, title_index: int) -> Block | None:
    """The line that goes on with the issuer at ``head[i]``: the next one, past the other column's motto."""
    for j in range(i + 1, min(i + 4, len(head))):
        if j == title_index:
            return None
        clean = head[j].clean
        if any(ch.isalnum() for ch in clean) and paragraph_role(clean) != "national_motto" and not NATIONAL_MOTTO.match(clean):
            return head[j]
    return None


def _read_issuer(segment: Segment, head: list[Block], title_index: int, meta: Metadata) -> None:
    """Issuing body and locality: header issuer line, else signature and addressee."""
    body = None
    locality = None
    for i, block in enumerate(head):
        text = block.clean
        role = paragraph_role(text)
        match = _BODY.match(text)
        if not match or role not in (None, "signature"):
            continue
        # the issuer line: "HỘI ĐỒNG NHÂN DÂN TỈNH X KHÓA ..." or "ỦY BAN NHÂN DÂN" + "XÃ X" on the next line
        # (in a two-column header the national motto's cell comes in between)
        candidate = parse_locality(text[match.end():])
        following = _next_issuer_line(head, i, title_index) if candidate is None else None
        if following is not None:
            candidate = parse_locality(following.clean)
        if candidate is not None and (i < title_index + 3 or _is_upper(text[: match.end()])):
            body, locality = _body_name(text), candidate
            break
    if body is None and meta.signer_capacity:
        body = _body_name(meta.signer_capacity)
    if locality is None:
        locality = _locality_from_text(segment, meta)
    if body is None:
        body = {"nghi_quyet": "Hội đồng nhân dân", "to_trinh": "Ủy ban nhân dân"}.get(segment.kind)
    meta.locality = locality
    if body and locality:
        meta.issuer = f"{body} {locality.unit} {locality.name}"


def _locality_from_text(segment: Segment, meta: Metadata) -> Locality | None:
    """Where the header names no unit: the addressee, then the first 'HĐND/UBND <unit> <name>' sentence, then the title."""
    if meta.addressee:
        found = parse_locality(meta.addressee)
        if found:
            return found
    for block in segment.blocks[:40]:
        for match in _BODY.finditer(block.clean):
            found = parse_locality(block.clean[match.end():match.end() + 80])
            if found and block.clean[match.end():].lstrip().lower().startswith(found.unit):
                return found
    if meta.title:
        match = re.search(r"trên\s+địa\s+bàn\s+(.+)$", meta.title, re.IGNORECASE)
        if match:
            return parse_locality(match.group(1))
    return None
