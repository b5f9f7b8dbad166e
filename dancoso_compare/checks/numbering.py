"""Numbering of Điều, khoản and điểm (DC-NUM-*).

Two inputs: the anomalies the parser recorded while building the tree
(``Document.anomalies``, from :mod:`dancoso_compare.parse.structure`: an item it
could not attach, a restart it re-parented, a letter outside the sequence),
and the sequences of the tree itself, read here with the letter order of
``rules/drafting.yaml`` so that each finding can name what is missing and what
comes before. A problem both show is reported once.
"""

from __future__ import annotations

import re

from dancoso_compare.models import Node
from dancoso_compare.parse.structure import is_codified
from dancoso_compare.checks.base import STRUCTURE_KINDS, Context, family, nfc_lower

_NUMBER_LABEL = re.compile(r"(\d+)\s*([^\W\d_]*)\s*$")
_INSERTED_LETTER = re.compile(r"[^\W\d_]\d+")

# Parser anomaly code -> rule.
ANOMALY_RULES = {
    "numbering_gap": "DC-NUM-001",
    "duplicate_label": "DC-NUM-002",
    "out_of_order": "DC-NUM-003",
    "restart": "DC-NUM-003",
    "invalid_point_letter": "DC-NUM-004",
    "nonstandard_point_letter": "DC-NUM-005",
    "inserted_label": "DC-NUM-006",
    "suffixed_label": "DC-NUM-007",
    "stray_item": "DC-NUM-008",
}


@family("numbering", "DC-NUM")
def check_numbering(ctx: Context) -> None:
    # An item the parser could not attach (stray_item) is reported as such
    # (DC-NUM-008), not as a gap in the sequence it was left out of.
    stray = {a.node_id for a in ctx.doc.anomalies if a.code == "stray_item"}
    # Pháp điển labels ("Điều 1.11.LQ.1.") are codes, not a 1, 2, 3 sequence.
    _number_sequence(ctx, [n for n in ctx.nodes if n.kind == "article" and not is_codified(n)], stray)
    for group in _sibling_groups(ctx, "clause"):
        _number_sequence(ctx, group, stray)
    for group in _sibling_groups(ctx, "point"):
        _letter_sequence(ctx, group, stray)
    _anomalies(ctx, stray)


def _sibling_groups(ctx: Context, kind: str) -> list[list[Node]]:
    """Runs of same-kind siblings; a heading between them (Mục II) starts a new run."""
    groups: list[list[Node]] = []
    for children in [ctx.doc.body] + [n.children for n in ctx.nodes]:
        run: list[Node] = []
        for child in children:
            if child.kind == kind:
                run.append(child)
            elif child.kind in STRUCTURE_KINDS and run:
                groups.append(run)
                run = []
        if run:
            groups.append(run)
    return groups


def describe(ctx: Context, node: Node) -> str:
    """'khoản 3 Điều 1', 'điểm g) khoản 3 Điều 1', 'Điều 4'."""
    parts = []
    current: Node | None = node
    while current is not None:
        if current.kind == "article":
            parts.append(current.label or "Điều ?")
        elif current.kind == "clause":
            parts.append(f"khoản {current.label}")
        elif current.kind == "point":
            parts.append(f"điểm {current.label})")
        current = ctx.parents.get(current.id)
    return " ".join(parts) or (node.label or node.id)


def _previous(ctx: Context, previous: Node | None) -> tuple[str, str]:
    if previous is None:
        return "đầu danh sách", "the start"
    shown = describe(ctx, previous)
    return shown, shown


def _number_sequence(ctx: Context, nodes: list[Node], stray: set[str]) -> None:
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
        if suffix:
            if node.kind == "article":
                ctx.emit("DC-NUM-007", node, label=node.label)
            else:
                ctx.emit("DC-NUM-006", node, what=describe(ctx, node), label=node.label)
            continue
        shown, shown_en = _previous(ctx, previous)
        if number in seen:
            ctx.emit("DC-NUM-002", node, what=describe(ctx, node))
        elif number > previous_number + 1:
            missing = ", ".join(str(i) for i in range(previous_number + 1, number))
            ctx.emit("DC-NUM-001", node, what=describe(ctx, node), previous=shown, previous_en=shown_en, missing=missing)
        elif number <= previous_number:
            ctx.emit("DC-NUM-003", node, what=describe(ctx, node), previous=shown, previous_en=shown_en)
        seen.add(number)
        previous, previous_number = node, node.number or 0


def _letter_sequence(ctx: Context, nodes: list[Node], stray: set[str]) -> None:
    letters = ctx.draft.point_letters
    order = {letter: i for i, letter in enumerate(letters.sequence)}
    previous: Node | None = None
    previous_index = -1
    seen: set[str] = set()
    for node in nodes:
        if node.id in stray:
            continue
        label = nfc_lower((node.label or "").strip(" ).")).strip()
        if not label:
            continue
        if _INSERTED_LETTER.fullmatch(label):
            ctx.emit("DC-NUM-006", node, what=describe(ctx, node), label=node.label)
            continue
        if label in letters.invalid:
            ctx.emit("DC-NUM-004", node, label=node.label)
            continue
        if label in letters.nonstandard:
            ctx.emit("DC-NUM-005", node, label=node.label)
            continue
        if label not in order:
            continue
        index = order[label]
        shown, shown_en = _previous(ctx, previous)
        if label in seen:
            ctx.emit("DC-NUM-002", node, what=describe(ctx, node))
        elif index > previous_index + 1:
            missing = ", ".join(letters.sequence[previous_index + 1 : index])
            ctx.emit("DC-NUM-001", node, what=describe(ctx, node), previous=shown, previous_en=shown_en, missing=missing)
        elif index <= previous_index:
            ctx.emit("DC-NUM-003", node, what=describe(ctx, node), previous=shown, previous_en=shown_en)
        seen.add(label)
        previous, previous_index = node, index


def _anomalies(ctx: Context, stray: set[str]) -> None:
    """The parser's anomalies the tree analysis did not already report for the same node or line."""
    reported = {(f.rule, f.node_id) for f in ctx.findings} | {(f.rule, f.line) for f in ctx.findings}
    for anomaly in ctx.doc.anomalies:
        rule = ANOMALY_RULES[anomaly.code]
        if anomaly.code != "stray_item" and anomaly.node_id in stray:
            continue
        node = ctx.doc.find(anomaly.node_id)
        node_id = node.id if node else anomaly.node_id
        if (rule, node_id) in reported or (rule, anomaly.line) in reported:
            continue
        what = describe(ctx, node) if node else anomaly.label
        finding = ctx.emit(
            rule, node, anomaly.line or None,
            what=what, label=anomaly.label, detail=anomaly.detail,
            previous="mục trước", previous_en="the previous item", missing=anomaly.detail,
        )
        if finding is not None:
            if node is None:  # keep the parser's id even without a node in the tree
                finding = finding.model_copy(update={"node_id": anomaly.node_id})
                ctx.findings[-1] = finding
            reported |= {(finding.rule, finding.node_id), (finding.rule, finding.line)}
