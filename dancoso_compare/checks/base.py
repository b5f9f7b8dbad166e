"""What every check family shares: the registry of families, the per-document context, phrase patterns.

A family is a small function ``family(ctx)`` registered with :func:`family`;
it reads the document through the :class:`Context` (nodes, their keyed texts,
the rule data, the shared :class:`~.sources.SourceIndex`) and reports with
``ctx.emit(rule_id, node, line, **fields)``; the message, severity and legal
source come from ``rules/checks.yaml``. Nothing here is specific to one
province, commune or text.

Speed: the context keys every node's text once (:func:`~dancoso_compare.
textkey.loose_key`), and each word list of ``rules/drafting.yaml`` is compiled
into ONE alternation (:class:`PhraseSet`), compiled once per process and run
once per text that is asked about it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache

from dancoso_compare import dates
from dancoso_compare.models import Document, Finding, Node
from dancoso_compare.parse.structure import RUN_BREAKING_KINDS
from dancoso_compare.textkey import loose_key
from dancoso_compare.checks.rules import RuleData
from dancoso_compare.checks.sources import SourceIndex

__all__ = ["LEAD_WORDS", "Context", "FAMILIES", "PhraseSet", "family", "iso", "node_text", "phrases", "vn_date"]

# Paragraph roles that are not the body of the decision: cue phrases found
# there (e.g. "Thường trực UBND" in the Nơi nhận list) say nothing about it.
NON_CONTENT_ROLES = frozenset({
    "header", "title", "issuer", "session", "legal_basis", "considered",
    "recipients", "recipient", "signature", "addressee", "number", "place_date",
    "national_motto",
})
STRUCTURE_KINDS = RUN_BREAKING_KINDS  # kinds that end a run of numbered siblings (one definition, in parse)


# ---------------------------------------------------------------------------
# Registry of families
# ---------------------------------------------------------------------------

FamilyFn = Callable[["Context"], None]


@dataclass(frozen=True)
class Family:
    name: str
    run: FamilyFn
    rules: tuple[str, ...]  # the id prefixes it reports (for documentation and tests)


FAMILIES: list[Family] = []


def family(name: str, *rule_prefixes: str) -> Callable[[FamilyFn], FamilyFn]:
    """Register a check family; families run in registration order (findings are sorted afterwards)."""

    def register(fn: FamilyFn) -> FamilyFn:
        if any(f.name == name for f in FAMILIES):
            raise ValueError(f"check family {name!r} registered twice")
        FAMILIES.append(Family(name, fn, tuple(rule_prefixes)))
        return fn

    return register


# ---------------------------------------------------------------------------
# Phrase patterns
# ---------------------------------------------------------------------------


class PhraseSet:
    """A list of phrases compiled into one whole-word alternation over loose keys."""

    def __init__(self, items: Iterable[str]) -> None:
        self.phrases = tuple(items)
        keys = sorted({loose_key(p) for p in self.phrases if loose_key(p)}, key=lambda k: (-len(k), k))
        alternation = "|".join(re.escape(k) for k in keys) or "(?!)"
        self.pattern = re.compile(rf"(?<![0-9a-z])(?:{alternation})(?![0-9a-z])")
        # The same without the look-behind, which the regex engine would try at every position of the
        # text; starting with the phrases themselves, it skips ahead to their first letters.
        # :meth:`_matches` checks the look-behind by hand and gives exactly ``pattern.finditer``.
        self._candidate = re.compile(rf"(?:{alternation})(?![0-9a-z])")
        # Per phrase, in list order, for :meth:`spans` (which must know which phrase matched).
        self._single = tuple(
            (p, re.compile(rf"(?<![0-9a-z]){re.escape(loose_key(p))}(?![0-9a-z])")) for p in self.phrases if loose_key(p)
        )
        self._starts = tuple(loose_key(p) for p in self.phrases)

    def _matches(self, folded: str) -> Iterator[re.Match[str]]:
        """``self.pattern.finditer(folded)``, found faster."""
        search = self._candidate.search
        pos = 0
        while (m := search(folded, pos)) is not None:
            start = m.start()
            if start and folded[start - 1] in _KEY_WORD_CHARS:
                pos = start + 1  # inside a word: the whole-word pattern would not match here
                continue
            yield m
            pos = m.end()

    def search(self, folded: str) -> bool:
        return next(self._matches(folded), None) is not None

    def starts(self, folded: str) -> bool:
        return any(folded.startswith(k) for k in self._starts)

    def hits(self, keys: list[str], joined: str | None = None) -> set[int]:
        """Indices of ``keys`` holding a phrase, found in ONE scan of the keys joined by newlines.

        A loose key has no newline and no phrase has one, so no match spans two keys.
        """
        joined = "\n".join(keys) if joined is None else joined
        found: set[int] = set()
        if not keys:
            return found
        starts = _starts_of(keys)
        for m in self._matches(joined):
            found.add(bisect_right(starts, m.start()) - 1)
        return found

    def positions(self, folded: str) -> list[int]:
        return [m.start() for m in self._matches(folded)]

    def spans(self, folded: str) -> list[tuple[int, int, str]]:
        """Non-overlapping matches, longest first ("Tổ đại biểu UBND" hides "đại biểu UBND")."""
        if not self.search(folded):  # one scan decides for most texts
            return []
        hits = [(m.start(), m.end(), phrase) for phrase, pattern in self._single for m in pattern.finditer(folded)]
        kept: list[tuple[int, int, str]] = []
        for hit in sorted(hits, key=lambda h: h[0] - h[1]):
            if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
                kept.append(hit)
        return sorted(kept)


_KEY_WORD_CHARS = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")


def _starts_of(keys: list[str]) -> list[int]:
    starts, offset = [], 0
    for key in keys:
        starts.append(offset)
        offset += len(key) + 1
    return starts


@lru_cache(maxsize=256)
def phrases(items: tuple[str, ...]) -> PhraseSet:
    """The compiled set of a word list (the lists are tuples of the frozen rule data)."""
    return PhraseSet(items)


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


iso = dates.parse_iso  # one date helper for the whole package


def vn_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def nfc_lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


def node_text(node: Node) -> str:
    return f"{node.title}\n{node.clean}" if node.title and node.title not in node.clean else node.clean


# "Căn cứ" / "Xét" before a cited document, on loose keys.
LEAD_WORDS = re.compile(r"^(can cu|xet)\s+")

_SENTENCE_SPLIT = re.compile(r"[.;\n]+")


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]


YEAR_RE = re.compile(r"năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def date_in(text: str) -> date | None:
    """The first real date introduced by "ngày" in ``text`` (read by the one date helper, ``dates``)."""
    found = dates.find_date(unicodedata.normalize("NFC", text))
    return dates.parse_iso(found.iso) if found else None


def reference_date(doc: Document) -> date | None:
    """The date the document speaks from: its date, else adoption, else the latest considered document."""
    for value in (doc.date, doc.adopted):
        day = iso(value)
        if day:
            return day
    considered = [d for d in (iso(c.date) for c in doc.considered if not c.blank) if d]
    return max(considered) if considered else None


# ---------------------------------------------------------------------------
# The per-document context
# ---------------------------------------------------------------------------


class Context:
    """One document under check: its nodes, keyed texts, dates and the findings so far."""

    def __init__(self, doc: Document, related: list[Document], rules: RuleData, as_of: date | None) -> None:
        self.doc = doc
        self.related = related
        self.rules = rules
        self.draft = rules.drafting
        self.index: SourceIndex = rules.index
        self.as_of = as_of
        # The document's own date (for its date checks and its administrative
        # units); legal-basis validity is checked at ``as_of`` when one is given.
        self.own_ref_date = reference_date(doc)
        self.ref_date = as_of or self.own_ref_date
        self.unit_date = self.own_ref_date or as_of
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str | None, int | None, str]] = set()
        self.parents: dict[str, Node | None] = {}
        for top in doc.body:
            self._index_parents(top, None)
        self.nodes = list(doc.walk())

    def _index_parents(self, node: Node, parent: Node | None) -> None:
        self.parents[node.id] = parent
        for child in node.children:
            self._index_parents(child, node)

    def reference_phrase(self) -> tuple[str, str]:
        """How messages name the day validity is judged on (Vietnamese, English)."""
        if self.as_of is not None:
            day = vn_date(self.as_of)
            return f"ngày kiểm tra (--as-of) là {day}", f"the check date (--as-of) is {day}"
        day = vn_date(self.ref_date) if self.ref_date else "—"
        return f"văn bản đề ngày {day}", f"the document is dated {day}"

    # -- texts ------------------------------------------------------------

    @cached_property
    def content(self) -> list[Node]:
        """Nodes of the decision itself: not the header, Căn cứ, Nơi nhận or signature (nor their children)."""
        out: list[Node] = []

        def visit(node: Node) -> None:
            if node.role in NON_CONTENT_ROLES:
                return
            out.append(node)
            for child in node.children:
                visit(child)

        for top in self.doc.body:
            visit(top)
        return out

    @cached_property
    def _texts(self) -> dict[int, tuple[str, str]]:
        return {id(n): (text := node_text(n), loose_key(text)) for n in self.nodes}

    def text(self, node: Node) -> str:
        """The node's title and clean text (computed once per node)."""
        found = self._texts.get(id(node))
        return found[0] if found else node_text(node)

    def key(self, node: Node) -> str:
        """The loose key of :meth:`text` (computed once per node)."""
        found = self._texts.get(id(node))
        return found[1] if found else loose_key(node_text(node))

    @cached_property
    def content_sentences(self) -> list[tuple[Node, str]]:
        """(node, loose key of one sentence) for every sentence of the content nodes."""
        return [(n, loose_key(s)) for n in self.content for s in sentences(self.text(n))]

    @cached_property
    def sentence_keys(self) -> list[str]:
        return [key for _, key in self.content_sentences]

    @cached_property
    def joined_sentences(self) -> str:
        return "\n".join(self.sentence_keys)

    @cached_property
    def content_keys(self) -> list[str]:
        return [self.key(n) for n in self.content]

    @cached_property
    def joined_content(self) -> str:
        return "\n".join(self.content_keys)

    def sentence_hits(self, phrase_set: PhraseSet) -> set[int]:
        """Indices into :attr:`content_sentences` of the sentences holding a phrase of the set (one scan)."""
        return phrase_set.hits(self.sentence_keys, self.joined_sentences)

    # -- locating ---------------------------------------------------------

    def node_at(self, line: int, roles: set[str]) -> Node | None:
        """The smallest node covering ``line``, preferring the given roles."""
        covering = [n for n in self.nodes if n.lines[0] <= line <= n.full_lines[1]]
        preferred = [n for n in covering if n.role in roles] or covering
        return min(preferred, key=lambda n: n.full_lines[1] - n.lines[0], default=None)

    def cite_where(self, cit, role: str) -> tuple[Node | None, int | None]:  # noqa: ANN001
        if cit.line:
            return self.node_at(cit.line, {role}), cit.line
        nodes = [n for n in self.nodes if n.role == role]
        return (nodes[0], nodes[0].lines[0]) if nodes else (None, None)

    @staticmethod
    def line_of(node: Node, needle: str, key: Callable[[str], str] = loose_key) -> int:
        """Line of the first line of ``node.text`` whose key holds ``needle`` (else the node's first line)."""
        for offset, text_line in enumerate(node.text.splitlines()):
            if needle and needle in key(text_line):
                return node.lines[0] + offset
        return node.lines[0]

    # -- emitting ---------------------------------------------------------

    def emit(self, rule: str, where: Node | None = None, line: int | None = None, **fields: object) -> Finding | None:
        check = self.rules.catalogue.get(rule)
        if where is None and line is None:
            line = self.doc.lines[0]
            first = min(self.doc.body, key=lambda n: n.lines[0], default=None)
            node_id = first.id if first else None
        else:
            node_id = where.id if where else None
            line = line or (where.lines[0] if where else self.doc.lines[0])
        values = {name: "" for name in check.fields}
        values.update({k: str(v) for k, v in fields.items()})
        for name in check.fields:  # an _en field falls back to the plain one
            if not values.get(name):
                values[name] = values.get(name.removesuffix("_en").removesuffix("_vi"), "")
        finding = Finding(
            rule=rule,
            severity=check.severity_for(self.doc.kind),
            message=check.message_vi.format_map(values),
            message_en=check.message_en.format_map(values),
            node_id=node_id,
            line=line,
            legal_source=check.legal_source,
        )
        key = (rule, node_id, line, finding.message)
        if key in self._seen:
            return None
        self._seen.add(key)
        self.findings.append(finding)
        return finding
