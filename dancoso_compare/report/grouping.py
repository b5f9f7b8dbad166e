"""Ordering of a batch: documents grouped by locality, localities by level.

Auditors read a batch per locality: the adopted Nghị quyết is what is in force,
so it represents the locality; a draft or a Tờ trình stands in only when the
batch has no adopted resolution for that locality, and it is marked as such.
Every other document of the locality stays listed beneath its representative.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from dancoso_compare.models import DocumentAudit, Locality, RulesRef

LEVEL_ORDER = {"tinh": 0, "huyen": 1, "xa": 2}

# Only documents that decide or propose measures must have all of them; a law
# text or an unrelated document in the batch ("other") is not held to the rule pack.
MEASURE_KINDS = frozenset({"nghi_quyet", "to_trinh"})

# Why a document represents its locality: an adopted resolution, or a stand-in.
Role = str  # "adopted" | "draft" | "to_trinh" | "other"

LocalityKey = tuple[str, str, str] | None


def doc_key(doc: DocumentAudit) -> str:
    """Stable identity of a document in a batch: ``source#index``."""
    return f"{doc.source}#{doc.index}"


def locality_key(locality: Locality | None) -> LocalityKey:
    """Casefolded (name, unit, level): 'Xã Tân Lập' and 'xã tân lập' are one locality."""
    if locality is None:
        return None
    return (" ".join(locality.name.split()).casefold(), " ".join(locality.unit.split()).casefold(), locality.level)


def role(doc: DocumentAudit) -> Role:
    if doc.kind == "nghi_quyet":
        return "draft" if doc.draft else "adopted"
    return doc.kind  # to_trinh or other


# Lower rank = better representative of the locality.
_ROLE_RANK = {"adopted": 0, "draft": 1, "to_trinh": 2, "other": 3}


def is_adopted(doc: DocumentAudit) -> bool:
    return role(doc) == "adopted"


@dataclass
class LocalityGroup:
    key: LocalityKey
    locality: Locality | None
    representative: DocumentAudit
    others: list[DocumentAudit] = field(default_factory=list)

    @property
    def level(self) -> str | None:
        return self.locality.level if self.locality else None

    @property
    def role(self) -> Role:
        return role(self.representative)

    @property
    def documents(self) -> list[DocumentAudit]:
        return [self.representative, *self.others]


def _date_key(doc: DocumentAudit) -> str:
    return doc.adopted or doc.date or ""


def group_by_locality(documents: Iterable[DocumentAudit]) -> list[LocalityGroup]:
    """Localities sorted by level (tỉnh, huyện, xã, unknown) then name; batch order kept inside."""
    order: dict[LocalityKey, list[tuple[int, DocumentAudit]]] = {}
    for position, doc in enumerate(documents):
        order.setdefault(locality_key(doc.locality), []).append((position, doc))

    groups = []
    for key, docs in order.items():
        # Best role first; among adopted resolutions the latest one is in force
        # (two stable sorts: latest date first, then role; batch order breaks ties).
        ranked = sorted(docs, key=lambda pd: _date_key(pd[1]), reverse=True)
        ranked = sorted(ranked, key=lambda pd: _ROLE_RANK[role(pd[1])])
        representative = ranked[0][1]
        others = [doc for _, doc in sorted(docs, key=lambda pd: pd[0]) if doc is not representative]
        groups.append(LocalityGroup(key, representative.locality, representative, others))

    def sort_key(group: LocalityGroup) -> tuple:
        if group.key is None:
            return (len(LEVEL_ORDER) + 1, "", "")
        name, unit, level = group.key
        return (LEVEL_ORDER.get(level, len(LEVEL_ORDER)), name, unit)

    return sorted(groups, key=sort_key)


def measure_ids(documents: Iterable[DocumentAudit], rules: RulesRef | None = None) -> list[str]:
    """The rule pack's measures in its order (the law requires them all), then any other the audits carry."""
    from dancoso_compare.report.i18n import PackLabels

    pack = PackLabels(rules).ids if rules is not None else []
    found = {m for doc in documents for m in doc.coverage}
    return [*pack, *sorted(found - set(pack), key=measure_order)]


def measure_order(text: str) -> tuple:
    digits = "".join(ch for ch in text if ch.isdigit())
    return (text.rstrip("0123456789"), int(digits) if digits else 0, text)


def has_gap(doc: DocumentAudit, measures: Iterable[str]) -> bool:
    """A resolution or Tờ trình that leaves a measure missing or partial."""
    return doc.kind in MEASURE_KINDS and any(
        doc.coverage[m].status != "present" for m in measures if m in doc.coverage)


def best_evidence_line(doc: DocumentAudit, measure: str) -> int:
    """Line to point at for a measure: its best evidence, else the document's first line."""
    coverage = doc.coverage.get(measure)
    if coverage is not None:
        located = [ev for ev in coverage.evidence if ev.line > 0]
        if located:
            return max(located, key=lambda ev: (ev.score, -ev.line)).line
    return max(doc.lines[0], 1)


def missing_elements(doc: DocumentAudit, measure: str) -> list[str]:
    coverage = doc.coverage.get(measure)
    if coverage is None:
        return []
    return sorted(element for element, ok in coverage.elements.items() if not ok)


def severity_counts(doc: DocumentAudit) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in doc.findings:
        counts[finding.severity] += 1
    return counts
