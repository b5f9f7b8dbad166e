"""Numbering of Điều, khoản and điểm (DC-NUM-*).

The structure stage is the one home of numbering
(:func:`dancoso_compare.parse.structure.numbering_anomalies`): it records every
gap, duplicate, restart, inserted label and letter outside the sequence as an
:class:`Anomaly`. These checks only turn anomalies into findings: those of the
analysis run on the tree with the letters of ``rules/drafting.yaml`` (so trees
built by hand are read too), each naming what is missing and what comes before,
then any other anomaly the parser recorded. A problem both show is reported once.
"""

from __future__ import annotations

from dancoso_compare.models import Anomaly, Node
from dancoso_compare.parse.structure import numbering_anomalies
from dancoso_compare.checks.base import Context, family

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
    by_id = {n.id: n for n in ctx.nodes}
    for anomaly in numbering_anomalies(ctx.doc.body, ctx.draft.point_letters, stray):
        _finding(ctx, anomaly, by_id)
    _anomalies(ctx, stray)


def _finding(ctx: Context, anomaly: Anomaly, by_id: dict[str, Node]) -> None:
    """The finding of an anomaly read from the tree, worded with the item before it."""
    node = by_id[anomaly.node_id]
    rule = ANOMALY_RULES[anomaly.code]
    if anomaly.code in ("suffixed_label", "invalid_point_letter", "nonstandard_point_letter"):
        ctx.emit(rule, node, label=node.label)
    elif anomaly.code == "inserted_label":
        ctx.emit(rule, node, what=describe(ctx, node), label=node.label)
    elif anomaly.code == "duplicate_label":
        ctx.emit(rule, node, what=describe(ctx, node))
    else:
        previous = by_id.get(anomaly.previous_id) if anomaly.previous_id else None
        shown, shown_en = _previous(ctx, previous)
        fields = {"what": describe(ctx, node), "previous": shown, "previous_en": shown_en}
        if anomaly.code == "numbering_gap":
            # "Điều 3 đứng sau Điều 1: thiếu 2": the missing articles are named by number.
            fields["missing"] = ", ".join(label.removeprefix("Điều ") for label in anomaly.missing)
        ctx.emit(rule, node, **fields)


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
