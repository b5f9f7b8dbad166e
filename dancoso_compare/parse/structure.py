"""Structure stage: blocks of one document -> Điều / khoản / điểm tree.

The parser never refuses input. Each block is classified by its leading label
(Phần, Chương, Mục, Roman section, Điều, khoản "1.", điểm "a)", dash bullet)
or becomes a paragraph; a stack of open containers decides where it goes.
Numbering irregularities are recorded as :class:`Anomaly`, never corrected:
:func:`numbering_anomalies` is the one numbering analysis of the package (the
DC-NUM checks call it too and only word its results).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from dancoso_compare.models import Anomaly, Node
from dancoso_compare.spans import OffsetMap
from dancoso_compare.ingest.normalize import Block, upper_share

# Vietnamese point letters in drafting order (Nghị định 34/2016/NĐ-CP; Luật BHVBQPPL).
POINT_SEQUENCE = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
INVALID_POINT_LETTERS = set("fjwz")
NONSTANDARD_POINT_LETTERS = set("ăâêôơư")

# Every upper-case Latin letter, accented ones included (Á, Ầ, Ý, Ứ ...).
_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x1F00)) if ch.isalpha() and ch.isupper())
# Markup a portal export leaves before a heading ("_ Điều 28.", "> Điều 3.").
STRAY_MARKUP = r"(?:[_>]+\s*)?"
_ROMAN = r"[IVXLC]+"
_PART = re.compile(rf"^{STRAY_MARKUP}phần\s+(?:thứ\s+)?({_ROMAN}|\d+|nhất|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\b[.:]?\s*(.*)$", re.IGNORECASE)
_CHAPTER = re.compile(rf"^{STRAY_MARKUP}chương\s+({_ROMAN}|\d+)\b[.:]?\s*(.*)$", re.IGNORECASE)
_SECTION = re.compile(rf"^{STRAY_MARKUP}mục\s+({_ROMAN}|\d+)\b[.:]?\s*(.*)$", re.IGNORECASE)
_ROMAN_SECTION = re.compile(rf"^({_ROMAN})[.)]\s+(.*)$")
# Pháp điển codified labels: chủ đề.đề mục.kind of text.article ("Điều 1.11.LQ.1.", "Điều 44.13.NĐ.1.3.").
CODIFIED_LABEL = re.compile(r"\d{1,3}\.\d{1,3}\.[A-ZĐ]{2,4}(?:\.\d{1,3})+")
# Lower-case words that go on with a sentence: "... theo quy định tại / Điều 6. của Nghị định này" is a
# wrapped cross-reference, not the heading of Điều 6.
_CROSS_REFERENCE_WORDS = (
    "của", "và", "này", "nêu", "trên", "được", "theo", "tại", "hoặc", "thì", "có", "là", "với", "đến", "mà",
    "cho", "khi", "để", "nói", "đã", "sẽ", "không", "về", "như", "từ", "trong", "gồm", "thuộc", "kèm",
)
# "Điều 4." / "Điều 4:" / "Điều 4.Tên" / a bare "Điều 4": prose that merely starts with "Điều 6 = ..." is not an article.
_ARTICLE = re.compile(
    rf"^{STRAY_MARKUP}điều\s+(?:(?P<code>{CODIFIED_LABEL.pattern})|(?P<num>\d{{1,3}})(?P<suffix>[a-zđ]?))\s*"
    rf"(?:[.:](?:\s+|$|(?=(?-i:[{_UPPER}“\"(])))|$)"
    rf"(?!(?-i:(?:{'|'.join(_CROSS_REFERENCE_WORDS)}))(?!\w))(?P<title>.*)$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r"^(\d{1,3})([a-zđ]?)[.)](?:\s+|$)(.*)$")
_POINT = re.compile(r"^([a-zđăâêôơư])(\d?)\)\s*(.*)$")
_POINT_DOT = re.compile(r"^([a-zđ])\.\s+(\S.*)$")
_BULLET = re.compile(r"^[-–—•+]\s*(.*)$")
_RECIPIENTS = re.compile(r"^nơi\s+nhận\s*:?\s*(.*)$", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"^(?:(?:tm|kt|tl|q|tuq)\.\s*\S|(?:phó\s+)?chủ\s+tịch\b|(?:phó\s+)?trưởng\s+ban\b|thư\s+ký\b)",
    re.IGNORECASE,
)
# Accented initials are capitals too: "Lê Thị Ánh" is a name.
PERSON_NAME = re.compile(rf"^(?:[{_UPPER}]\w*\s+){{1,5}}[{_UPPER}]\w*$")

# Paragraph roles recognised by their first words (outside the numbered body).
_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("legal_basis", re.compile(r"^căn\s+cứ\b", re.IGNORECASE)),
    ("considered", re.compile(r"^xét\b", re.IGNORECASE)),
    ("decision_formula", re.compile(r"^quyết\s+nghị\s*:?$", re.IGNORECASE)),
    ("addressee", re.compile(r"^kính\s+gửi\b", re.IGNORECASE)),
    ("number", re.compile(r"^số\s*:", re.IGNORECASE)),
    ("national_motto", re.compile(r"^(?:cộng\s+hòa|cộng\s+hoà|độc\s+lập\s*-)", re.IGNORECASE)),
    ("draft_mark", re.compile(r"^\(?dự\s+thảo\b", re.IGNORECASE)),
    ("place_date", re.compile(r"^[^,]{2,40},\s*ngày\b", re.IGNORECASE)),
    ("adoption", re.compile(r"^nghị\s+quyết\s+này\s+(?:đã\s+)?được\b.*\bthông\s+qua\b", re.IGNORECASE)),
)


@dataclass(frozen=True, slots=True)
class _Label:
    kind: str
    label: str | None
    title: str
    letter: str = ""  # for points
    suffix: str = ""  # "a" in Điều 10a / "1" in a1


# First characters (lower case) a label can start with: other blocks are prose and need no regex at all.
_LABEL_FIRST = frozenset("đcpmn_>-–—•+")  # Điều, Chương, Phần, Mục, Nơi nhận, stray markup, bullets
_ROMAN_FIRST = frozenset("IVXLC")


# Segment, structure and metadata each ask for the kind and role of the same blocks: the answers are kept
# (both are pure functions of the text) so each block is classified once. The bound keeps a national batch
# from growing the caches without end; a document's blocks fit many times over.
_CLASSIFY_CACHE = 1 << 15


@lru_cache(maxsize=_CLASSIFY_CACHE)
def classify(text: str) -> _Label:
    """Kind and label of one block from its normalized text."""
    first = text[:1]
    if (
        first.lower() in _LABEL_FIRST
        or first in _ROMAN_FIRST
        or first.isdigit()
        or (first.isalpha() and (text[1:2] in ")." or text[1:2].isdigit()))
    ):
        return _classify_label(text)
    return _Label("paragraph", None, text)  # no label pattern can start with this character


def _classify_label(text: str) -> _Label:
    if m := _ARTICLE.match(text):
        if m.group("code"):
            return _Label("article", m.group("code").upper(), m.group("title").strip())
        suffix = m.group("suffix").lower()
        return _Label("article", f"{m.group('num')}{suffix}", m.group("title").strip(), suffix=suffix)
    if m := _CHAPTER.match(text):
        return _Label("chapter", m.group(1).upper(), m.group(2).strip())
    if m := _PART.match(text):
        return _Label("part", m.group(1).upper() if re.fullmatch(_ROMAN, m.group(1), re.I) else m.group(1), m.group(2).strip())
    if m := _SECTION.match(text):
        return _Label("section", m.group(1).upper(), m.group(2).strip())
    if m := _ROMAN_SECTION.match(text):
        return _Label("roman", m.group(1), m.group(2).strip())
    if m := _CLAUSE.match(text):
        number = int(m.group(1))
        if number <= 300:
            return _Label("clause", f"{number}{m.group(2)}", m.group(3).strip(), suffix=m.group(2))
    if m := _POINT.match(text):
        return _Label("point", f"{m.group(1)}{m.group(2)}", m.group(3).strip(), letter=m.group(1), suffix=m.group(2))
    if m := _POINT_DOT.match(text):
        return _Label("point", m.group(1), m.group(2).strip(), letter=m.group(1))
    if m := _RECIPIENTS.match(text):
        return _Label("recipients", None, m.group(1).strip())
    if m := _BULLET.match(text):
        return _Label("bullet", None, m.group(1).strip())
    return _Label("paragraph", None, text)


# First characters (lower case) of the role words; any other block can only be a place-and-date line.
_ROLE_FIRST = frozenset("cxqksſđ(dntp")


@lru_cache(maxsize=_CLASSIFY_CACHE)
def paragraph_role(text: str) -> str | None:
    # A header row copied from a portal table ("| Số: 12/2024/NQ-HĐND | Bến Tre, ngày ...") has its first cell's role.
    text = text.lstrip("| ") if text[:1] == "|" else text
    if text[:1].lower() not in _ROLE_FIRST and "," not in text[:41]:
        return None
    for role, pattern in _ROLES:
        if pattern.match(text):
            return role
    # Capacity lines are short ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"); a sentence that
    # starts with "Chủ tịch Ủy ban ..." is prose.
    if _SIGNATURE.match(text) and len(text.split()) <= (12 if "." in text[:5] else 6):
        return "signature"
    return None


_PREAMBLE_ROLES = {"legal_basis", "considered", "addressee", "number", "national_motto", "place_date"}
_RANK = {"part": 1, "chapter": 2, "section": 3, "roman": 3, "article": 4, "clause": 5, "point": 6, "bullet": 7}
_ID_PREFIX = {"part": "phan", "chapter": "chuong", "section": "muc", "roman": "muc", "article": "dieu", "clause": "khoan", "point": "diem"}


def _slug(label: str) -> str:
    # "." separates the levels of an id, so a codified label "1.11.LQ.1" becomes "1-11-lq-1".
    return label.lower().replace(" ", "").replace(".", "-")


@dataclass
class _Open:
    node: Node
    rank: int
    kind: str


class TreeBuilder:
    """Places classified blocks into a tree with a stack of open containers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.root: list[Node] = []
        self.stack: list[_Open] = []
        self.anomalies: list[Anomaly] = []
        self.used_ids: set[str] = set()
        self.next_suffix: dict[str, int] = {}
        self.ordinals: dict[tuple[str, str], int] = {}
        self.after_closing = False  # inside Nơi nhận / signature: no more body
        self.body_started = False

    # -- ids -----------------------------------------------------------------
    def _unique(self, node_id: str) -> str:
        candidate = node_id
        if candidate in self.used_ids:
            # The next free "~n" is remembered per id, so a label repeated k times costs k steps, not k².
            n = self.next_suffix.get(node_id, 2)
            candidate = f"{node_id}~{n}"
            while candidate in self.used_ids:
                n += 1
                candidate = f"{node_id}~{n}"
            self.next_suffix[node_id] = n + 1
        self.used_ids.add(candidate)
        return candidate

    def _child_id(self, parent: Node | None, prefix: str, label: str) -> str:
        own = f"{prefix}-{_slug(label)}"
        return self._unique(f"{parent.id}.{own}" if parent else own)

    def _ordinal_id(self, parent: Node | None, prefix: str) -> str:
        # Ordinal ids ("p-3", "gach-2") count the earlier siblings of the same prefix; the count is kept
        # per parent instead of recounted (every node made here is attached to that parent).
        key = (parent.id if parent else "", prefix)
        n = self.ordinals.get(key, 0) + 1
        self.ordinals[key] = n
        return self._unique(f"{parent.id}.{prefix}-{n}" if parent else f"{prefix}-{n}")

    # -- placement -------------------------------------------------------------
    def _top(self) -> Node | None:
        return self.stack[-1].node if self.stack else None

    def _pop_to_rank_below(self, rank: int) -> None:
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()

    def _attach(self, node: Node, parent: Node | None) -> None:
        if node.kind in ("part", "chapter", "section", "article", "clause"):
            self.body_started = True
        (parent.children if parent else self.root).append(node)

    def _new_node(self, block: Block, kind: str, label: str | None, title: str | None, role: str | None = None) -> Node:
        start, end = block.span
        return Node.unvalidated(
            id="", kind=kind, label=label, title=title or None, text=self.text[start:end], span=(start, end),
            lines=(block.first_line, block.last_line), role=role, clean=block.clean, offsets=block.offsets,
        )

    def add(self, block: Block) -> None:
        lab = classify(block.clean)
        if lab.kind == "recipients":
            self._add_recipients(block, lab)
        elif self.after_closing and lab.kind in ("bullet", "paragraph"):
            self._add_closing(block, lab)
        elif lab.kind in ("part", "chapter", "section", "roman"):
            self._add_heading(block, lab)
        elif lab.kind == "article":
            self._add_article(block, lab)
        elif lab.kind == "clause":
            self._add_clause(block, lab)
        elif lab.kind == "point":
            self._add_point(block, lab)
        elif lab.kind == "bullet":
            self._add_bullet(block, lab)
        else:
            self._add_paragraph(block)

    def extend_title(self, block: Block) -> bool:
        """A heading printed on two lines (Chương I / NHỮNG QUY ĐỊNH CHUNG): absorb the title line."""
        top = self._top()
        if not top or top.kind not in ("part", "chapter", "section") or top.children:
            return False
        if classify(block.clean).kind != "paragraph" or upper_share(block.clean) < 0.6 or paragraph_role(block.clean):
            return False
        if top.title and (upper_share(top.title) < 0.6 or top.title[-1:] in ".;:" or len(top.title) + len(block.clean) > 250):
            return False
        # A title in capitals hard-wrapped over several lines ("NHỮNG QUY ĐỊNH" / "CHUNG") is kept whole.
        top.title = f"{top.title} {block.clean}" if top.title else block.clean
        top.span = (top.span[0], block.end)
        top.text = self.text[top.span[0]:top.span[1]]
        top.lines = (top.lines[0], block.last_line)
        top._clean = f"{top._clean} {block.clean}"
        # The joining space stands where the title line starts.
        top._offsets = OffsetMap.concat([top._offsets or OffsetMap(), OffsetMap.identity(block.offsets[0], 1), block.offsets])
        return True

    def _add_heading(self, block: Block, lab: _Label) -> None:
        rank = _RANK[lab.kind]
        self._pop_to_rank_below(rank)
        parent = self._top()
        prefix = _ID_PREFIX[lab.kind]
        node = self._new_node(block, "section" if lab.kind == "roman" else lab.kind, lab.label, lab.title)
        node.id = self._child_id(parent, prefix, lab.label or "")
        self._attach(node, parent)
        self.stack.append(_Open(node, rank, lab.kind))

    def _add_article(self, block: Block, lab: _Label) -> None:
        self._pop_to_rank_below(_RANK["article"])
        parent = self._top()
        node = self._new_node(block, "article", f"Điều {lab.label}", lab.title)
        # Articles are numbered through the whole document, so their id omits chapters (like AKN eIds).
        node.id = self._unique(f"dieu-{_slug(lab.label or '')}")
        self._attach(node, parent)
        self.stack.append(_Open(node, _RANK["article"], "article"))

    def _container_for(self, rank: int) -> Node | None:
        self._pop_to_rank_below(rank)
        return self._top()

    def _add_clause(self, block: Block, lab: _Label) -> None:
        parent = self._container_for(_RANK["clause"])
        number = int(re.match(r"\d+", lab.label or "0").group())  # type: ignore[union-attr]
        if parent is not None and parent.kind == "article" and number != 1:
            has_clause = any(c.kind == "clause" for c in parent.children)
            has_text = any(c.kind in ("paragraph", "bullet", "point") for c in parent.children)
            if not has_clause and has_text:
                # "2." after an article with only prose and no "1.": it belongs to the enclosing level.
                self.stack.pop()
                parent = self._top()
                stray = True
            else:
                stray = False
        else:
            stray = False
        node = self._new_node(block, "clause", lab.label, lab.title)
        node.id = self._child_id(parent, "khoan", lab.label or "")
        if stray:
            self._anomaly("stray_item", node, lab.label or "", "numbered item after an article without khoản; placed outside the article")
        self._attach(node, parent)
        self.stack.append(_Open(node, _RANK["clause"], "clause"))

    def _add_point(self, block: Block, lab: _Label) -> None:
        parent = self._container_for(_RANK["point"])
        node = self._new_node(block, "point", lab.label, lab.title)
        node.id = self._child_id(parent, "diem", lab.label or "")
        self._attach(node, parent)
        self.stack.append(_Open(node, _RANK["point"], "point"))

    def _add_bullet(self, block: Block, lab: _Label) -> None:
        parent = self._container_for(_RANK["bullet"])
        node = self._new_node(block, "bullet", "-", None, paragraph_role(lab.title))
        node.id = self._ordinal_id(parent, "gach")
        self._attach(node, parent)

    def _add_paragraph(self, block: Block) -> None:
        role = paragraph_role(block.clean)
        if role == "signature" or (role is None and self._follows_signature() and PERSON_NAME.match(block.clean)):
            self._add_closing(block, _Label("paragraph", None, block.clean), role="signature")
            return
        parent = self._top()
        if role in _PREAMBLE_ROLES and self.body_started:
            role = None  # "Căn cứ vào ..." inside an article is prose, not the document's legal basis
        if role in _PREAMBLE_ROLES or role == "decision_formula":
            parent = None  # preamble parts are never inside a numbered unit
            self.stack.clear()
        node = self._new_node(block, "paragraph", None, None, role)
        node.id = self._ordinal_id(parent, "p")
        self._attach(node, parent)

    def _follows_signature(self) -> bool:
        return bool(self.root) and self.root[-1].role == "signature"

    def _add_recipients(self, block: Block, lab: _Label) -> None:
        self.stack.clear()
        node = self._new_node(block, "section", "Nơi nhận", "Nơi nhận", "recipients")
        node.id = self._unique("noi-nhan")
        self.root.append(node)
        self.stack.append(_Open(node, _RANK["roman"], "recipients"))
        self.after_closing = True

    def _add_closing(self, block: Block, lab: _Label, role: str | None = None) -> None:
        top = self._top()
        if lab.kind == "bullet" and top is not None and top.role == "recipients":
            node = self._new_node(block, "bullet", "-", None, "recipient")
            node.id = self._ordinal_id(top, "gach")
            top.children.append(node)
            return
        self.stack.clear()
        node = self._new_node(block, "paragraph", None, None, role or paragraph_role(block.clean) or "signature")
        node.id = self._ordinal_id(None, "p")
        self.root.append(node)
        self.after_closing = True

    def _anomaly(self, code: str, node: Node, label: str, detail: str) -> None:
        self.anomalies.append(Anomaly(code=code, node_id=node.id, label=label, line=node.lines[0], detail=detail))  # type: ignore[arg-type]


def build_tree(text: str, blocks: list[Block]) -> tuple[list[Node], list[Anomaly]]:
    builder = TreeBuilder(text)
    for block in blocks:
        if builder.extend_title(block):
            continue
        builder.add(block)
    # The builder knows only what placement shows (an item it could not attach); numbering is read from the tree.
    stray = {a.node_id for a in builder.anomalies if a.code == "stray_item"}
    anomalies = builder.anomalies + numbering_anomalies(builder.root, POINT_LETTERS, stray)
    anomalies.sort(key=lambda a: (a.line, a.code, a.node_id))
    return builder.root, anomalies


class LetterOrder(Protocol):
    """The point letters a numbering analysis follows (``rules/drafting.yaml`` point_letters has this shape)."""

    @property
    def sequence(self) -> Sequence[str]: ...
    @property
    def invalid(self) -> Collection[str]: ...
    @property
    def nonstandard(self) -> Collection[str]: ...


@dataclass(frozen=True)
class PointLetterSet:
    sequence: tuple[str, ...]
    invalid: frozenset[str]
    nonstandard: frozenset[str]


# Vietnamese point letters in drafting order (Nghị định 34/2016/NĐ-CP; Luật BHVBQPPL): the parser's default.
# The checks pass the letters of ``rules/drafting.yaml`` to the same analysis (a test keeps the two equal).
POINT_LETTERS = PointLetterSet(tuple(POINT_SEQUENCE), frozenset(INVALID_POINT_LETTERS), frozenset(NONSTANDARD_POINT_LETTERS))

# Kinds that end a run of numbered siblings: clauses after a "Mục II" heading start a new sequence.
RUN_BREAKING_KINDS = frozenset({"part", "chapter", "section", "article"})
_NUMBER_LABEL = re.compile(r"(\d+)\s*([^\W\d_]*)\s*$")
_INSERTED_LETTER = re.compile(r"[^\W\d_]\d+")


def numbering_anomalies(
    roots: list[Node], letters: LetterOrder = POINT_LETTERS, stray: Collection[str] = frozenset()
) -> list[Anomaly]:
    """Every numbering anomaly of a tree, in reading order of the sequences.

    The one numbering analysis: the parser records its result and the checks turn it into findings (they
    call it on trees built by hand too). Articles are one sequence through the document, except codified
    Pháp điển labels (Điều 1.11.LQ.1), which follow the code; khoản and điểm are sequences among siblings,
    a heading between them (Mục II) starting a new run. Items in ``stray`` (placed outside the structure,
    recorded as ``stray_item``) are left out. Records gaps with the missing labels, duplicates, restarts,
    out-of-order labels, inserted labels (a1, 2a), article suffixes (Điều 10a) and point letters outside
    ``letters``.
    """
    found: list[Anomaly] = []
    nodes = [n for r in roots for n in r.walk()]
    _numbers(found, [n for n in nodes if n.kind == "article" and not is_codified(n)], stray)
    for group in _sibling_runs(roots, nodes, "clause"):
        _numbers(found, group, stray)
    for group in _sibling_runs(roots, nodes, "point"):
        _letters(found, group, stray, letters)
    return found


def is_codified(node: Node) -> bool:
    """An article with a codified Pháp điển label (Điều 1.11.LQ.1), numbered by the code, not in sequence."""
    return bool(node.label and CODIFIED_LABEL.fullmatch(node.label.removeprefix("Điều ")))


def _sibling_runs(roots: list[Node], nodes: list[Node], kind: str) -> list[list[Node]]:
    """Runs of same-kind siblings; a heading between them (Mục II) starts a new run."""
    runs: list[list[Node]] = []
    for children in [roots] + [n.children for n in nodes]:
        run: list[Node] = []
        for child in children:
            if child.kind == kind:
                run.append(child)
            elif child.kind in RUN_BREAKING_KINDS and run:
                runs.append(run)
                run = []
        if run:
            runs.append(run)
    return runs


def _numbers(found: list[Anomaly], nodes: list[Node], stray: Collection[str]) -> None:
    """Điều or khoản numbers of one sequence."""
    previous: Node | None = None
    previous_number = 0
    seen: set[int] = set()
    for node in nodes:
        if node.id in stray:
            continue
        m = _NUMBER_LABEL.search(node.label or "")
        if not m:
            continue
        number, suffix = int(m.group(1)), m.group(2)
        label = node.label or ""
        if suffix:
            if node.kind == "article":
                found.append(_anomaly(node, "suffixed_label", f"article label with suffix '{suffix}'"))
            else:
                found.append(_anomaly(node, "inserted_label", f"inserted khoản label '{label}'"))
            continue
        prefix = "Điều " if node.kind == "article" else ""
        missing = [f"{prefix}{i}" for i in range(previous_number + 1, number)]
        _order(found, node, previous, number in seen, number - previous_number, number == 1, missing)
        seen.add(number)
        previous, previous_number = node, node.number or 0


def _letters(found: list[Anomaly], nodes: list[Node], stray: Collection[str], letters: LetterOrder) -> None:
    """Điểm letters of one sequence."""
    order = {letter: i for i, letter in enumerate(letters.sequence)}
    previous: Node | None = None
    previous_index = -1
    seen: set[str] = set()
    for node in nodes:
        if node.id in stray:
            continue
        letter = unicodedata.normalize("NFC", (node.label or "").strip(" ).")).lower().strip()
        if not letter:
            continue
        if inserted := bool(_INSERTED_LETTER.fullmatch(letter)):
            found.append(_anomaly(node, "inserted_label", f"inserted điểm label '{node.label}'"))
        if letter[:1 if inserted else None] in letters.invalid:
            found.append(_anomaly(node, "invalid_point_letter", f"letter '{letter[:1]}' is not in the Vietnamese point sequence"))
            continue
        if letter[:1 if inserted else None] in letters.nonstandard:
            found.append(_anomaly(node, "nonstandard_point_letter", f"letter '{letter[:1]}' is not used for điểm"))
            continue
        if inserted or letter not in order:
            continue
        index = order[letter]
        missing = list(letters.sequence[previous_index + 1 : index])
        _order(found, node, previous, letter in seen, index - previous_index, index == 0, missing)
        seen.add(letter)
        previous, previous_index = node, index


def _order(
    found: list[Anomaly], node: Node, previous: Node | None, duplicate: bool, step: int, first: bool, missing: list[str]
) -> None:
    """The anomaly, if any, of ``node`` coming ``step`` positions after ``previous`` in its sequence."""
    label = node.label or ""
    previous_id = previous.id if previous is not None else None
    if duplicate:
        found.append(_anomaly(node, "duplicate_label", f"label {label} appears twice", previous_id))
    elif step > 1:
        detail = f"{step - 1} label(s) missing before {label}" if previous is not None else f"sequence starts at {label}"
        found.append(_anomaly(node, "numbering_gap", detail, previous_id, missing))
    elif step <= 0 and first:
        found.append(_anomaly(node, "restart", f"numbering restarts at {label}", previous_id))
    elif step <= 0:
        found.append(_anomaly(node, "out_of_order", f"{label} comes after a later label", previous_id))


def _anomaly(node: Node, code: str, detail: str, previous_id: str | None = None, missing: list[str] | None = None) -> Anomaly:
    return Anomaly(
        code=code, node_id=node.id, label=node.label or "", line=node.lines[0], detail=detail,  # type: ignore[arg-type]
        previous_id=previous_id, missing=missing or [],
    )
