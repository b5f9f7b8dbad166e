"""Metadata stage: number, date, issuer, locality, session, adoption, signer, citations."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import dates
from .citations import TYPE_WORDS, parse_citations
from .models import Locality, Node, Session
from .normalize import Block, fold, upper_share
from .resources import load_yaml
from .segment import Segment
from .structure import PERSON_NAME, classify, paragraph_role

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


def parse_locality(text: str) -> Locality | None:
    """'huyện Tân Phú ...' / 'THÀNH PHỐ HÒA BÌNH KHÓA XXI' -> Locality."""
    units = _units()
    for match in units.pattern.finditer(text):
        unit = match.group(1).lower()
        rest = match.group(2)
        upper = upper_share(rest) >= 0.8
        words: list[str] = []
        for word in re.split(r"\s+", rest):
            bare = word.strip(".,;:()\"“”")
            if not bare or fold(bare) in units.stop or not bare[0].isupper() or not bare.replace("-", "").isalpha():
                break
            words.append(bare)
            if bare != word:
                break
        if not words:
            continue
        name = _title_case(" ".join(words)) if upper else " ".join(words)
        level = next(lvl if not (central and fold(name) in units.central) else central for w, lvl, central in units.words if w == unit)
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


def extract(segment: Segment, body: list[Node], line_of) -> tuple[Metadata, list, list]:  # noqa: ANN001
    """Metadata of one document from its blocks (header, preamble) and tree (closing)."""
    meta = Metadata()
    blocks = segment.blocks
    head = blocks[: _preamble_end(blocks)]
    for block in head:
        role = paragraph_role(block.clean)
        if role == "number" and meta.number is None and not meta.number_blank:
            _read_number(block.clean, meta)
        elif role == "place_date" and meta.date is None and not meta.date_blank:
            _read_place_date(block.clean, meta)
        elif role == "addressee" and meta.addressee is None:
            meta.addressee = re.sub(r"^kính\s+gửi\s*:?\s*", "", block.clean, flags=re.IGNORECASE).rstrip(" .;")
        elif role == "draft_mark":
            meta.draft_mark = True
    if segment.title_index is not None and segment.title_index + 1 < len(blocks):
        nxt = blocks[segment.title_index + 1]
        if paragraph_role(nxt.clean) is None and classify(nxt.clean).kind == "paragraph" and not _BODY.match(nxt.clean):
            meta.title = nxt.clean
    _read_session(blocks, meta)
    if segment.kind != "to_trinh":
        meta.adopted = _adoption_date(blocks)
    _read_signature(body, meta)
    _read_issuer(segment, head, meta)
    legal = [b for b in _citation_blocks(head, "legal_basis")]
    considered = [b for b in _citation_blocks(head, "considered")]
    return meta, parse_citations(legal, line_of), parse_citations(considered, line_of)


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


def _read_number(text: str, meta: Metadata) -> None:
    value = _NUMBER_LINE.match(text).group(1)  # type: ignore[union-attr]
    compact = re.sub(r"\s+", "", value).rstrip(".")
    if re.match(r"^\d", compact):
        meta.number = compact
    else:
        meta.number_blank = True


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


def _read_issuer(segment: Segment, head: list[Block], meta: Metadata) -> None:
    """Issuing body and locality: header issuer line, else signature and addressee."""
    body = None
    locality = None
    title_index = segment.title_index if segment.title_index is not None else -1
    for i, block in enumerate(head):
        text = block.clean
        role = paragraph_role(text)
        match = _BODY.match(text)
        if not match or role not in (None, "signature"):
            continue
        # the issuer line: "HỘI ĐỒNG NHÂN DÂN TỈNH X KHÓA ..." or "ỦY BAN NHÂN DÂN" + "XÃ X" on the next line
        candidate = parse_locality(text[match.end():])
        if candidate is None and i + 1 < len(head) and i + 1 != title_index:
            candidate = parse_locality(head[i + 1].clean)
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
