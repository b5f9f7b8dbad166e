"""What changed between two versions of a document (a draft and the adopted text).

Drafts get renumbered: when a khoản is dropped every later khoản moves up, so
comparing by number would report everything after it as changed. Units
(Điều, khoản, điểm) are therefore aligned by the similarity of their text,
greedily from the best pair down; a unit whose text is kept but whose number
changed is "moved", an edited one is "changed" (with a short word diff), and
what is left unpaired was added or removed. Measure coverage is compared too,
since that is what the audit is about.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field
from rapidfuzz import fuzz, process

from dancoso_compare.report.family import DocRef, same_topic
from dancoso_compare.models import Document, DocumentAudit, Extra, Node, NodeKind, Status
from dancoso_compare.report import i18n
from dancoso_compare.report.grouping import locality_key, measure_order

# Pairs scoring below this are not the same unit (0-100). The score averages
# fuzz.ratio (penalises length differences) and fuzz.token_set_ratio (tolerant
# of inserted words), so a short heading contained in a long clause is not
# taken for it, while an edited clause still pairs with its former self.
THRESHOLD = 70.0
UNIT_KINDS: tuple[str, ...] = ("article", "clause", "point")
# An article without khoản keeps its text in paragraphs (or bullets) below the
# heading; those are units too, or an edit to "Điều 5. Nguồn kinh phí" would go unseen.
BODY_KINDS: tuple[str, ...] = ("paragraph", "bullet")
WORD_DIFF_CONTEXT = 4
WORD_DIFF_MAX = 500

UnitStatus = Literal["unchanged", "moved", "changed", "added", "removed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class UnitRef(_Model):
    id: str
    kind: NodeKind
    label: str | None = None
    article: int | None = None
    clause: int | None = None
    point: str | None = None
    line: int
    text: str = Field(description="normalized text of the unit (its own block, label included)")

    def location(self, lang: str = "vi") -> str:
        """'Điều 2 khoản 1 điểm a' from the unit's numbers ('' for an unnumbered paragraph)."""
        return i18n.location_label(self.article, self.clause, self.point, lang)


class UnitChange(_Model):
    status: UnitStatus
    old: UnitRef | None = None
    new: UnitRef | None = None
    similarity: float | None = Field(default=None, description="0-100, for paired units")
    renumbered: bool = Field(default=False, description="paired units whose position (id) differs")
    word_diff: str | None = Field(default=None, description="changed words: [-removed-] {+added+}")


class MeasureChange(_Model):
    measure: str
    old_status: Status | None
    new_status: Status | None
    gained: list[str] = Field(default_factory=list, description="elements true only in the new version")
    lost: list[str] = Field(default_factory=list, description="elements true only in the old version")


class DocumentDiff(_Model):
    old: DocRef
    new: DocRef
    threshold: float = THRESHOLD
    same_locality: bool | None = Field(
        default=None, description="both versions name the same locality; None when one names none")
    measures: list[MeasureChange] = Field(default_factory=list, description="measures whose status or elements changed")
    units: list[UnitChange] = Field(default_factory=list, description="every unit, in the new document's order")
    extras_added: list[Extra] = Field(default_factory=list)
    extras_removed: list[Extra] = Field(default_factory=list)

    def by_status(self, status: UnitStatus) -> list[UnitChange]:
        return [u for u in self.units if u.status == status]

    @property
    def added(self) -> list[UnitChange]:
        return self.by_status("added")

    @property
    def removed(self) -> list[UnitChange]:
        return self.by_status("removed")

    @property
    def changed(self) -> list[UnitChange]:
        return self.by_status("changed")

    @property
    def moved(self) -> list[UnitChange]:
        return self.by_status("moved")

    @property
    def has_changes(self) -> bool:
        return bool(self.measures or self.extras_added or self.extras_removed
                    or any(u.status != "unchanged" for u in self.units))


def diff_documents(old: Document, old_audit: DocumentAudit, new: Document, new_audit: DocumentAudit,
                   *, threshold: float = THRESHOLD) -> DocumentDiff:
    old_units = list(_units(old))
    new_units = list(_units(new))
    pairs = _align(old_units, new_units, threshold)

    changes: list[UnitChange] = []
    paired_old = {o for o, _, _ in pairs}
    by_new = {n: (o, score) for o, n, score in pairs}
    for j, unit in enumerate(new_units):
        if j not in by_new:
            changes.append(UnitChange(status="added", new=unit.ref))
            continue
        i, score = by_new[j]
        before = old_units[i]
        moved = before.ref.id != unit.ref.id
        if before.key == unit.key:
            status: UnitStatus = "moved" if moved else "unchanged"
            word_diff = None
        else:
            status, word_diff = "changed", _word_diff(before.body, unit.body)
        changes.append(UnitChange(status=status, old=before.ref, new=unit.ref, similarity=round(score, 1),
                                  renumbered=moved, word_diff=word_diff))
    removed = {i: UnitChange(status="removed", old=unit.ref) for i, unit in enumerate(old_units) if i not in paired_old}
    changes = _interleave(changes, removed, pairs, len(old_units))

    return DocumentDiff(
        old=DocRef.of(old_audit),
        new=DocRef.of(new_audit),
        threshold=threshold,
        same_locality=_same_locality(old_audit, new_audit),
        measures=_measure_changes(old_audit, new_audit),
        units=changes,
        extras_added=[x for x in new_audit.extras if not any(same_topic(x, o) for o in old_audit.extras)],
        extras_removed=[x for x in old_audit.extras if not any(same_topic(x, n) for n in new_audit.extras)],
    )


# ---------------------------------------------------------------------------
# Units and alignment
# ---------------------------------------------------------------------------

# A leading label: 'Điều 4.', '2.', '2)', 'đ)', 'a.' (with markdown bold around it).
_LABEL = re.compile(r"^\W*(?:điều\s+\d+[a-zđ]?|\d+[a-zđ]?|[a-zđ])\s*[.):]\**\s*", re.IGNORECASE)
# Trailing ';' / '.' differ when a point becomes the last of its clause.
_TRAILING = re.compile(r"[\s.;,:/]+$")


class _Unit:
    __slots__ = ("ref", "body", "key")

    def __init__(self, ref: UnitRef) -> None:
        self.ref = ref
        # Compared without the label, so renumbering is not an edit.
        self.body = _LABEL.sub("", ref.text, count=1)
        self.key = _TRAILING.sub("", " ".join(unicodedata.normalize("NFC", self.body).casefold().split()))


def _units(document: Document) -> Iterator[_Unit]:
    def walk(node: Node, article: int | None, clause: int | None, in_article: bool) -> Iterator[_Unit]:
        point = None
        if node.kind == "article":
            article, clause, in_article = node.number, None, True
        elif node.kind == "clause":
            clause = node.number
        elif node.kind == "point":
            point = node.label
        if node.kind in UNIT_KINDS or (in_article and node.kind in BODY_KINDS):
            text = " ".join(node.clean.split())
            if node.kind == "article" and node.title and node.title not in text:
                text = f"{text} {node.title}".strip()
            yield _Unit(UnitRef(id=node.id, kind=node.kind, label=node.label, article=article, clause=clause,
                                point=point, line=node.lines[0], text=text))
        for child in node.children:
            yield from walk(child, article, clause, in_article)

    for top in document.body:
        yield from walk(top, None, None, False)


def _similarity(a: list[_Unit], b: list[_Unit]) -> np.ndarray:
    """Score matrix (len(a) x len(b)), 0 across kinds: a Điều never pairs with a điểm."""
    if not a or not b:
        return np.zeros((len(a), len(b)))
    left, right = [u.key for u in a], [u.key for u in b]
    scores = (process.cdist(left, right, scorer=fuzz.ratio)
              + process.cdist(left, right, scorer=fuzz.token_set_ratio)) / 2
    kinds_a = np.array([u.ref.kind for u in a])
    kinds_b = np.array([u.ref.kind for u in b])
    scores[kinds_a[:, None] != kinds_b[None, :]] = 0
    return scores


def _align(old: list[_Unit], new: list[_Unit], threshold: float) -> list[tuple[int, int, float]]:
    """Greedy best-first one-to-one pairing of units scoring at least ``threshold``."""
    scores = _similarity(old, new)
    candidates = sorted(
        # Ties prefer the unit at the same position, then document order.
        (-float(scores[i, j]), old[i].ref.id != new[j].ref.id, int(i), int(j))
        for i, j in np.argwhere(scores >= threshold)
    )
    used_old: set[int] = set()
    used_new: set[int] = set()
    pairs = []
    for negative, _, i, j in candidates:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j, -negative))
    return pairs


def _interleave(changes: list[UnitChange], removed: dict[int, UnitChange],
                pairs: list[tuple[int, int, float]], n_old: int) -> list[UnitChange]:
    """Place each removed unit right after the last unit before it that survived, so the list
    reads like the document and, as in any diff, a removal comes before an addition at the same place.

    ``changes`` holds one entry per new unit, in new order; ``removed`` maps old index -> change.
    """
    old_to_new = {i: j for i, j, _ in pairs}
    after: dict[int, list[UnitChange]] = {}
    head: list[UnitChange] = []
    for i in sorted(removed):
        previous = next((old_to_new[k] for k in range(i - 1, -1, -1) if k in old_to_new), None)
        (head if previous is None else after.setdefault(previous, [])).append(removed[i])
    result = list(head)
    for j, change in enumerate(changes):
        result.append(change)
        result.extend(after.get(j, []))
    return result


# Words and punctuation as separate tokens, each remembering whether a space preceded it,
# so "nước." -> "nước và nguồn xã hội hóa." shows as an insertion of words only.
_TOKEN = re.compile(r"\w+|[^\w\s]+")


def _tokens(text: str) -> list[tuple[str, bool]]:
    return [(m.group(), m.start() > 0 and text[m.start() - 1].isspace()) for m in _TOKEN.finditer(text)]


def _join(tokens: list[tuple[str, bool]]) -> str:
    return "".join((" " if space and n else "") + word for n, (word, space) in enumerate(tokens))


def _segment(tokens: list[tuple[str, bool]], first: bool, last: bool) -> str:
    """An unchanged run, cut to a few words of context on each side of the changes."""
    keep = WORD_DIFF_CONTEXT
    if len(tokens) <= keep * 2 + (0 if first or last else 1):
        return _join(tokens)
    if first:
        return "… " + _join(tokens[-keep:])
    if last:
        return _join(tokens[:keep]) + " …"
    return _join(tokens[:keep]) + " … " + _join(tokens[-keep:])


def _word_diff(old: str, new: str) -> str:
    a, b = _tokens(old), _tokens(new)
    opcodes = difflib.SequenceMatcher(None, [t for t, _ in a], [t for t, _ in b], autojunk=False).get_opcodes()
    pieces: list[tuple[bool, str]] = []  # (space before, text)
    for n, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            pieces.append((a[i1][1], _segment(a[i1:i2], n == 0, n == len(opcodes) - 1)))
            continue
        if tag in ("delete", "replace"):
            pieces.append((a[i1][1], "[-" + _join(a[i1:i2]) + "-]"))
        if tag in ("insert", "replace"):
            pieces.append((b[j1][1] or tag == "replace", "{+" + _join(b[j1:j2]) + "+}"))
    text = "".join((" " if space and k else "") + piece for k, (space, piece) in enumerate(pieces))
    return text if len(text) <= WORD_DIFF_MAX else text[: WORD_DIFF_MAX - 1] + "…"


def _same_locality(old: DocumentAudit, new: DocumentAudit) -> bool | None:
    if old.locality is None or new.locality is None:
        return None
    return locality_key(old.locality) == locality_key(new.locality)


def _measure_changes(old: DocumentAudit, new: DocumentAudit) -> list[MeasureChange]:
    changes = []
    for measure in sorted(set(old.coverage) | set(new.coverage), key=measure_order):
        o, n = old.coverage.get(measure), new.coverage.get(measure)
        o_true = {e for e, ok in (o.elements.items() if o else ()) if ok}
        n_true = {e for e, ok in (n.elements.items() if n else ()) if ok}
        o_status, n_status = (o.status if o else None), (n.status if n else None)
        if o_status != n_status or o_true != n_true:
            changes.append(MeasureChange(measure=measure, old_status=o_status, new_status=n_status,
                                         gained=sorted(n_true - o_true), lost=sorted(o_true - n_true)))
    return changes
