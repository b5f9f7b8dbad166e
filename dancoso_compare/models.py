"""Typed data models for every stage of the pipeline.

One place for all of them, so the JSON contracts (``parse`` and ``audit``) are
defined once and exported as JSON Schema (``schema/*.schema.json``).

Spans are ``[start, end)`` character offsets into the *original text* of the
file (the decoded text for .txt/.md, the extracted text for .docx/.pdf);
``source_text[start:end] == node.text`` always holds. Lines are 1-based and
inclusive.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from dancoso_compare.spans import OffsetMap

SCHEMA_VERSION = "1"

NodeKind = Literal["part", "chapter", "section", "article", "clause", "point", "bullet", "paragraph"]
DocKind = Literal["nghi_quyet", "to_trinh", "other"]
Level = Literal["tinh", "huyen", "xa"]
Status = Literal["present", "partial", "missing"]
Severity = Literal["error", "warning", "info"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OcrPage(_Model):
    """One page whose text was recognised by OCR (the page had no text layer)."""

    page: int = Field(description="1-based page number in the PDF")
    confidence: float = Field(description="mean word confidence of the OCR engine, 0-100")
    words: int = Field(default=0, description="words recognised")
    span: tuple[int, int] = Field(default=(0, 0), description="the page's text in the original (OCR) text")


class OcrInfo(_Model):
    """Provenance of a text that came (partly) from OCR of a scanned PDF."""

    engine: str = Field(description="e.g. 'tesseract 5.3.0 (vie)'")
    dpi: int = 300
    pages: list[OcrPage] = Field(default_factory=list, description="the OCR'd pages (pages with a text layer are not listed)")
    mean_confidence: float = Field(default=0.0, description="mean of the pages' confidences, 0-100")
    low_confidence_pages: list[int] = Field(default_factory=list, description="pages below low_confidence_threshold")
    low_confidence_threshold: float = 70.0


class SourceText(_Model):
    """What the reader hands to the parser: the text all spans index into."""

    path: str
    text: str
    format: Literal["txt", "md", "docx", "pdf", "doc", "rtf", "odt", "html"]
    encoding: str | None = Field(default=None, description="utf-8, utf-8-sig, utf-16, cp1258, tcvn3, vni (text files)")
    warnings: list[str] = Field(default_factory=list)
    ocr: OcrInfo | None = Field(default=None, description="set when page text came from OCR")


class Locality(_Model):
    """An administrative unit as printed: ``name`` without the unit word."""

    name: str
    unit: str = Field(description="unit word as printed: tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn, đặc khu")
    level: Level


class Session(_Model):
    """HĐND term (khóa) and sitting (kỳ họp) as printed."""

    term: str | None = None
    sitting: str | None = None


class Citation(_Model):
    """One document cited in a Căn cứ or Xét paragraph."""

    text: str = Field(description="the citation as printed (normalized whitespace)")
    type: str | None = Field(default=None, description="Luật, Nghị định, Quyết định, Nghị quyết, Tờ trình, Báo cáo thẩm tra, ...")
    number: str | None = Field(default=None, description="số và ký hiệu, e.g. 59/2023/NĐ-CP")
    date: str | None = Field(default=None, description="ISO date YYYY-MM-DD when printed in full")
    year: int | None = Field(default=None, description="year when only a year is printed (Luật ... năm 2022)")
    title: str | None = Field(default=None, description="name of the instrument as cited")
    issuer: str | None = Field(default=None, description="issuing body when printed (của ...)")
    blank: bool = Field(default=False, description="number or date left blank (e.g. 'số /BC-HĐND ngày / /2025')")
    line: int = 0
    span: tuple[int, int] = (0, 0)


class Anomaly(_Model):
    """A structural irregularity recorded by the parser, never silently fixed."""

    code: Literal[
        "numbering_gap",
        "duplicate_label",
        "out_of_order",
        "restart",
        "invalid_point_letter",
        "nonstandard_point_letter",
        "inserted_label",
        "suffixed_label",
        "stray_item",
    ]
    node_id: str
    label: str
    line: int
    detail: str
    previous_id: str | None = Field(None, description="numbering anomalies: id of the item before it in its sequence")
    missing: list[str] = Field(default_factory=list, description="numbering_gap: the labels missing before this one")


class Node(_Model):
    """One structural unit of a document (Điều, khoản, điểm, ...)."""

    id: str = Field(description="stable hierarchical id, e.g. dieu-4.khoan-2.diem-đ")
    kind: NodeKind
    label: str | None = Field(default=None, description="label as printed, normalized: 'Điều 4', '2', 'đ', 'I'")
    title: str | None = Field(default=None, description="heading text (normalized, markup removed)")
    text: str = Field(description="exact original text of the node's own block(s): source[span[0]:span[1]]")
    span: tuple[int, int]
    lines: tuple[int, int]
    role: str | None = Field(
        default=None,
        description="function of a paragraph or section outside the numbered body: header, title, "
        "issuer, session, legal_basis, considered, decision_formula, adoption, recipients, signature, ...",
    )
    children: list[Node] = Field(default_factory=list)

    # The normalized text of the node's own blocks (markup removed, wraps joined);
    # kept out of the JSON contract, used by annotate/compare/lint.
    _clean: str = PrivateAttr(default="")
    # _offsets[i] = offset in the original text of clean[i] (matches keep their span into the source);
    # run-length encoded (see spans.OffsetMap), None for a node read back from JSON.
    _offsets: OffsetMap | None = PrivateAttr(default=None)

    @classmethod
    def unvalidated(
        cls, *, id: str, kind: str, label: str | None, title: str | None, text: str, span: tuple[int, int],
        lines: tuple[int, int], role: str | None = None, clean: str = "", offsets: OffsetMap | None = None,
    ) -> Node:
        """A node built by the parser, whose fields are correct by construction: no validation.

        Validating every field of every node was the largest cost of parsing a long text (a
        300,000-line annex builds 300,000 nodes). Input from outside (JSON, the API's callers)
        still goes through ``Node(...)`` / ``model_validate``; a test checks that a parsed tree
        validates back to itself.
        """
        node = cls.__new__(cls)
        object.__setattr__(node, "__dict__", {
            "id": id, "kind": kind, "label": label, "title": title, "text": text, "span": span,
            "lines": lines, "role": role, "children": [],
        })
        object.__setattr__(node, "__pydantic_fields_set__", set(_NODE_FIELDS))
        object.__setattr__(node, "__pydantic_extra__", None)
        object.__setattr__(node, "__pydantic_private__", {"_clean": clean, "_offsets": offsets})
        return node

    @property
    def clean(self) -> str:
        # Read the private slot directly: pydantic's __getattr__ for private attributes is slow on hot paths.
        return self.__pydantic_private__["_clean"] or self.text  # type: ignore[index]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of ``clean[start:end]``."""
        offsets = self.__pydantic_private__["_offsets"]  # type: ignore[index]
        if not offsets or start >= end or end > len(offsets):
            return self.span
        return offsets.span(start, end)

    @property
    def number(self) -> int | None:
        """Arabic number of an article or clause label ('Điều 10a' -> 10)."""
        if self.label is None:
            return None
        digits = "".join(ch for ch in self.label.split()[-1] if ch.isdigit())
        return int(digits) if digits else None

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def full_span(self) -> tuple[int, int]:
        """Span covering the node and all its descendants."""
        return (self.span[0], max([self.span[1]] + [c.full_span[1] for c in self.children]))

    @property
    def full_lines(self) -> tuple[int, int]:
        return (self.lines[0], max([self.lines[1]] + [c.full_lines[1] for c in self.children]))


_NODE_FIELDS = tuple(Node.model_fields)


class Document(_Model):
    """One document found in a file, with its metadata and structure."""

    kind: DocKind
    draft: bool = False
    title: str | None = None
    number: str | None = None
    date: str | None = None
    place: str | None = None
    issuer: str | None = None
    addressee: str | None = None
    locality: Locality | None = None
    session: Session | None = None
    adopted: str | None = None
    signer: str | None = None
    signer_capacity: str | None = None
    legal_bases: list[Citation] = Field(default_factory=list)
    considered: list[Citation] = Field(default_factory=list)
    lines: tuple[int, int]
    span: tuple[int, int]
    body: list[Node] = Field(default_factory=list)
    anomalies: list[Anomaly] = Field(default_factory=list)
    ocr: OcrInfo | None = Field(default=None, description="OCR provenance of the pages this document spans (scans)")

    def walk(self) -> Iterator[Node]:
        for node in self.body:
            yield from node.walk()

    def find(self, node_id: str) -> Node | None:
        return next((n for n in self.walk() if n.id == node_id), None)

    def locations(self) -> dict[str, tuple[int | None, int | None, str | None]]:
        """``{node id: (article, clause, point)}`` read from the tree: the numbers of the enclosing
        Điều and khoản and the letter of the enclosing điểm (None where there is none)."""
        found: dict[str, tuple[int | None, int | None, str | None]] = {}

        def visit(node: Node, article: int | None, clause: int | None, point: str | None) -> None:
            if node.kind == "article":
                article, clause, point = node.number, None, None
            elif node.kind == "clause":
                clause, point = node.number, None
            elif node.kind == "point":
                point = node.label
            found.setdefault(node.id, (article, clause, point))
            for child in node.children:
                visit(child, article, clause, point)

        for top in self.body:
            visit(top, None, None, None)
        return found

    def locate(self, findings: list[Finding]) -> None:
        """Fill each finding's article / clause / point from the node it names."""
        where = self.locations()
        for finding in findings:
            if finding.node_id in where and finding.article is None and finding.clause is None and not finding.point:
                finding.article, finding.clause, finding.point = where[finding.node_id]

    def articles(self) -> list[Node]:
        return [n for n in self.walk() if n.kind == "article"]

    @property
    def year(self) -> int | None:
        for value in (self.date, self.adopted):
            if value:
                return int(value[:4])
        return None


class ParsedFile(_Model):
    source: str
    format: str = Field(description="txt, md, docx, pdf, doc, rtf, odt or html")
    encoding: str | None = Field(default=None, description="encoding detected when reading a text file")
    documents: list[Document]
    ocr: OcrInfo | None = Field(default=None, description="set when the text came (partly) from OCR of a scan")

    _text: str = PrivateAttr(default="")

    @property
    def text(self) -> str:
        """The original text all spans index into."""
        return self._text


class InputErrorRecord(_Model):
    source: str
    error: str
    code: str = "input_error"


class ParseReport(_Model):
    schema_version: str = SCHEMA_VERSION
    files: list[ParsedFile]
    errors: list[InputErrorRecord] = Field(default_factory=list)


# ---------------------------------------------------------------------------
# Audit (mapping to the measures of the rule pack) and findings (lint)
# ---------------------------------------------------------------------------


class Evidence(_Model):
    """A located quote that supports a measure decision."""

    id: str = Field(description="node id")
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    text: str = Field(description="normalized text of the node (quote)")
    score: float
    line: int = 0
    elements: list[str] = Field(default_factory=list, description="element ids this node evidences")
    matched: list[str] = Field(default_factory=list, description="cue phrases matched (as printed)")
    spans: list[tuple[int, int]] = Field(default_factory=list, description="original-text spans of the matched phrases")
    method: str = Field(default="", description="what decided: heading-cue, heading-similarity, body-cue, parent-context")


class MeasureReview(_Model):
    """A reviewer's decision on a measure, from the review register (``--db``)."""

    status: Status = Field(description="the reviewed status (it may confirm or correct the tool's)")
    note: str = Field(description="why, in the reviewer's words")
    by: str | None = Field(default=None, description="who reviewed")
    at: str = Field(description="when the review was stored, ISO 8601 UTC")
    stale: bool = Field(default=False, description="made on an earlier text of this document (same locality and "
                        "number, another content hash): check it against what changed")


class MeasureCoverage(_Model):
    status: Status
    elements: dict[str, bool]
    evidence: list[Evidence] = Field(default_factory=list)
    note: str | None = None
    review: MeasureReview | None = Field(default=None, description="the reviewer's decision, when a register is used")


class Extra(_Model):
    id: str
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    text: str
    topic: str
    topic_id: str | None = None
    line: int = 0
    matched: list[str] = Field(default_factory=list)


class FindingReview(_Model):
    """A reviewer's verdict on a finding (by rule id), from the review register."""

    verdict: Literal["accepted", "rejected"]
    note: str
    by: str | None = None
    at: str = Field(description="when the verdict was stored, ISO 8601 UTC")
    stale: bool = Field(default=False, description="given on an earlier text of this document")


class Finding(_Model):
    """A drafting problem or structural observation, with its rule and legal source."""

    rule: str = Field(description="rule id, e.g. DC-NUM-003")
    severity: Severity
    message: str = Field(description="Vietnamese message")
    message_en: str = Field(default="", description="English message")
    node_id: str | None = None
    line: int | None = None
    legal_source: str | None = None
    # Where the node sits, read from the tree (never from the id), so reports say "Điều 1 khoản 2 điểm a".
    article: int | None = Field(default=None, description="number of the enclosing Điều, when there is one")
    clause: int | None = Field(default=None, description="number of the enclosing khoản / numbered item")
    point: str | None = Field(default=None, description="letter of the enclosing điểm")
    review: FindingReview | None = Field(default=None, description="the reviewer's verdict, when a register is used")


class TextChange(_Model):
    """One unit that differs between the reviewed text and this one (from ``dancoso diff``)."""

    status: Literal["moved", "changed", "added", "removed"]
    location: str = Field(description="Điều / khoản / điểm of the unit (new text, else old)")
    line: int | None = Field(default=None, description="line in the new text (old text for a removed unit)")
    old: str | None = None
    new: str | None = None
    word_diff: str | None = Field(default=None, description="changed words: [-removed-] {+added+}")


class ReviewedVersion(_Model):
    """The earlier text whose reviews this document carries as stale, and what changed since."""

    content_hash: str
    source: str = Field(description="file the reviewed text was read from")
    changes: list[TextChange] = Field(default_factory=list)


class Mention(_Model):
    """A cue found in a subordinate role (purpose, manner, audience, attribute, agent): recorded, never a decision."""

    measure: str = Field(description="measure id, or 'topic:<id>' for a topic outside the pack")
    element: str = ""
    name: str = Field(default="", description="name of the measure or topic mentioned")
    phrase: str = Field(description="the cue as printed")
    role: str = Field(description="rule-pack role id: purpose, manner, attribute, audience, agent")
    marker: str = Field(default="", description="the words that put the phrase in that role, as printed")
    reason: str = Field(default="", description="why it is set aside (Vietnamese)")
    reason_en: str = ""
    node_id: str = ""
    location: str = Field(default="", description="Điều / khoản / điểm of the node")
    line: int = 0
    span: tuple[int, int] | None = Field(default=None, description="original-text span of the phrase")
    counted: bool = Field(default=False, description="true when the item decides this measure by its main act, so the mention shows an element")


class UnitMapping(_Model):
    """Explanation of how one numbered item (khoản/item/Điều) was classified."""

    id: str
    article: int | None = None
    clause: int | None = None
    heading: str
    measures: list[str] = Field(description="measure ids the item implements ([] = extra)")
    scores: dict[str, float]
    elements: dict[str, list[str]] = Field(default_factory=dict, description="measure -> element ids found in the item")
    matched: dict[str, list[str]] = Field(default_factory=dict, description="measure -> cue phrases matched")
    heading_similarity: dict[str, float] = Field(default_factory=dict)
    method: str
    topic: str | None = None
    line: int = 0
    main_act: dict[str, str] = Field(default_factory=dict, description="measure -> the words of the item's main act for it")
    reasons: dict[str, list[str]] = Field(default_factory=dict, description="measure (or 'extra') -> why it was decided (Vietnamese)")
    reasons_en: dict[str, list[str]] = Field(default_factory=dict)
    mentions: list[Mention] = Field(default_factory=list, description="cues in a subordinate role, set aside")
    location: str = Field(default="", description="Điều / khoản of the item, as a reader writes it")
    threshold: float | None = Field(default=None, description="score a measure needs (1.0 = the heading's own act names it, or every deciding point decides it)")


class DocumentAudit(_Model):
    source: str
    index: int
    kind: DocKind
    draft: bool
    number: str | None = None
    date: str | None = None
    adopted: str | None = None
    issuer: str | None = None
    title: str | None = None
    locality: Locality | None = None
    lines: tuple[int, int] = (0, 0)
    coverage: dict[str, MeasureCoverage]
    extras: list[Extra] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    mapping: list[UnitMapping] = Field(default_factory=list)
    content_hash: str | None = Field(default=None, description="register key: SHA-256 of the document's text "
                                     "(NFC, whitespace collapsed), when a register is used")
    reviewed_version: ReviewedVersion | None = Field(default=None, description="set when some reviews were made on "
                                                     "an earlier text of this document (they are marked stale)")
    ocr: OcrInfo | None = Field(default=None, description="set when the document is a scan read by OCR")


class ElementRef(_Model):
    """An element of a measure as the rule pack names it, so reports never show its id."""

    id: str
    name: str
    name_en: str = ""


class MeasureRef(_Model):
    """A measure of the rule pack as reports label it."""

    id: str
    name: str
    name_en: str = ""
    short: str = Field(default="", description="a word or two for table headers")
    short_en: str = ""
    citation: str = Field(default="", description="where the law states the measure")
    elements: list[ElementRef] = Field(default_factory=list)


class RulesRef(_Model):
    """The rule pack an audit was made with; its labels let every report be drawn from the JSON alone."""

    id: str
    version: str
    title: str | None = None
    title_en: str | None = None
    law: str | None = Field(default=None, description="the instrument, as the pack cites it")
    article: str | None = Field(default=None, description="the article of the instrument the measures come from")
    assign: float | None = Field(default=None, description="score from which an item is assigned to a measure")
    measures: list[MeasureRef] = Field(default_factory=list, description="in the pack's order")

    @classmethod
    def of(cls, pack) -> RulesRef:  # noqa: ANN001 - a rulepack.RulePack (not imported: models import nothing)
        return cls(
            id=pack.id, version=pack.version, title=pack.title, title_en=pack.title_en or None,
            law=pack.law.instrument, article=pack.law.article, assign=pack.scoring.assign,
            measures=[MeasureRef(id=m.id, name=m.name, name_en=m.name_en, short=getattr(m, "short", ""),
                                 short_en=getattr(m, "short_en", ""), citation=m.citation,
                                 elements=[ElementRef(id=e.id, name=e.name, name_en=e.name_en) for e in m.elements])
                      for m in pack.measures],
        )


class AuditReport(_Model):
    schema_version: str = SCHEMA_VERSION
    rules: RulesRef
    documents: list[DocumentAudit]
    errors: list[InputErrorRecord] = Field(default_factory=list)
