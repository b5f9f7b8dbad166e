"""Compare a lower-level resolution with its parent (huyện with tỉnh, xã with huyện).

A commune's Nghị quyết is expected to carry down what the province decided.
The comparison lists what the parent decides that the child leaves out (whole
measures, or elements of a measure) and what the child adds of its own, so an
auditor sees at a glance whether the chain of resolutions is consistent.
"""

from __future__ import annotations

import unicodedata

from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz

from dancoso_compare.models import DocKind, DocumentAudit, Extra, Locality, Status
from dancoso_compare.report import i18n
from dancoso_compare.report.grouping import LEVEL_ORDER, doc_key, measure_order

# Topics are free text when the rule pack has no topic id; wordings such as
# "kinh phí thực hiện" / "bảo đảm kinh phí thực hiện" are the same topic.
TOPIC_SIMILARITY = 90


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DocRef(_Model):
    """Enough of a document to name it in a comparison."""

    source: str
    index: int
    kind: DocKind
    draft: bool
    number: str | None = None
    title: str | None = None
    locality: Locality | None = None

    @classmethod
    def of(cls, doc: DocumentAudit) -> DocRef:
        return cls(source=doc.source, index=doc.index, kind=doc.kind, draft=doc.draft, number=doc.number,
                   title=doc.title, locality=doc.locality)

    @property
    def key(self) -> str:
        return f"{self.source}#{self.index}"

    def where(self, lang: str = "vi") -> str:
        """'tệp a.txt, văn bản thứ 1' (numbered from 1, for people)."""
        return i18n.doc_ref(self.source, self.index, lang)

    def label(self, lang: str = "vi") -> str:
        parts = [i18n.kind_label(self.kind, lang)]
        if self.number:
            parts.append(self.number)
        text = " ".join(parts) + (f" ({i18n.t('draft', lang)})" if self.draft else "")
        return f"{i18n.locality_label(self.locality, lang)} — {text}"


class MeasureGap(_Model):
    measure: str
    parent_status: Status
    child_status: Status | None = Field(description="None when the child's audit has no entry for the measure")
    elements: list[str] = Field(description="elements the parent decides and the child does not")


class FamilyComparison(_Model):
    parent: DocRef
    child: DocRef
    level_ok: bool | None = Field(description="parent's level is above the child's; None when a level is unknown")
    same_province: bool | None = Field(
        default=None, description="the child lies in the parent's province (today's map); None when unknown")
    omitted_measures: list[MeasureGap] = Field(default_factory=list)
    omitted_elements: list[MeasureGap] = Field(default_factory=list)
    added_measures: list[str] = Field(default_factory=list)
    added_elements: dict[str, list[str]] = Field(default_factory=dict)
    added_extras: list[Extra] = Field(default_factory=list)

    @property
    def consistent(self) -> bool:
        """The child keeps everything the parent decides (additions are allowed)."""
        return not self.omitted_measures and not self.omitted_elements


def compare_with_parent(parent: DocumentAudit, child: DocumentAudit) -> FamilyComparison:
    decided = ("present", "partial")
    omitted_measures: list[MeasureGap] = []
    omitted_elements: list[MeasureGap] = []
    added_measures: list[str] = []
    added_elements: dict[str, list[str]] = {}

    for measure in sorted(set(parent.coverage) | set(child.coverage), key=measure_order):
        p = parent.coverage.get(measure)
        c = child.coverage.get(measure)
        p_true = {e for e, ok in (p.elements.items() if p else ()) if ok}
        c_true = {e for e, ok in (c.elements.items() if c else ()) if ok}
        parent_decides = p is not None and p.status in decided
        child_decides = c is not None and c.status in decided
        if parent_decides and not child_decides:
            omitted_measures.append(MeasureGap(measure=measure, parent_status=p.status,
                                               child_status=c.status if c else None, elements=sorted(p_true)))
        elif parent_decides and p_true - c_true:
            omitted_elements.append(MeasureGap(measure=measure, parent_status=p.status, child_status=c.status,
                                               elements=sorted(p_true - c_true)))
        if child_decides and not parent_decides:
            added_measures.append(measure)
        if c_true - p_true:
            added_elements[measure] = sorted(c_true - p_true)

    added_extras = [x for x in child.extras if not any(same_topic(x, px) for px in parent.extras)]
    return FamilyComparison(
        parent=DocRef.of(parent),
        child=DocRef.of(child),
        level_ok=_level_ok(parent, child),
        same_province=_same_province(parent, child),
        omitted_measures=omitted_measures,
        omitted_elements=omitted_elements,
        added_measures=added_measures,
        added_elements=added_elements,
        added_extras=added_extras,
    )


def comparisons_by_child(pairs: list[tuple[DocumentAudit, DocumentAudit]]) -> dict[str, FamilyComparison]:
    """``{child key: comparison}``, the form ``write_report(parents=...)`` takes."""
    return {doc_key(child): compare_with_parent(parent, child) for parent, child in pairs}


def _level_ok(parent: DocumentAudit, child: DocumentAudit) -> bool | None:
    if parent.locality is None or child.locality is None:
        return None
    return LEVEL_ORDER[parent.locality.level] < LEVEL_ORDER[child.locality.level]


def _same_province(parent: DocumentAudit, child: DocumentAudit) -> bool | None:
    """Whether the child's unit lies in the parent's province, on today's map of units.

    A province parent is compared with the child's own province; a district parent
    with the province of the district. None when either cannot be placed.
    """
    if parent.locality is None or child.locality is None:
        return None
    from dancoso_compare import admin_units

    parent_key = admin_units.current_province_key(parent.locality)
    child_parent = parent.locality if parent.locality.level == "huyen" else None
    child_key = admin_units.current_province_key(child.locality, child_parent, as_of=_as_of(child))
    if parent_key is None or child_key is None:
        return None
    return parent_key == child_key


def _as_of(doc: DocumentAudit):  # noqa: ANN202
    return i18n.parse_date(doc.adopted or doc.date)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def same_topic(a: Extra, b: Extra) -> bool:
    if a.topic_id and b.topic_id:
        return a.topic_id == b.topic_id
    ta, tb = _normal(a.topic), _normal(b.topic)
    return ta == tb or fuzz.token_set_ratio(ta, tb) >= TOPIC_SIMILARITY
