"""Required parts of a resolution or a Tờ trình (DC-REQ-*): number, date, Căn cứ, formula, articles, ..."""

from __future__ import annotations

from dancoso_compare.models import Node
from dancoso_compare.checks.base import Context, family, phrases


def has_role_or_cue(ctx: Context, role: str, cues: tuple[str, ...], *, starts: bool = False,
                    nodes: list[Node] | None = None) -> bool:
    """A node has the role, or one of ``nodes`` (default: all) holds (or starts with) a cue phrase."""
    if any(n.role == role for n in ctx.nodes):
        return True
    pool = nodes if nodes is not None else ctx.nodes
    cue_set = phrases(cues)
    if starts:
        return any(cue_set.starts(ctx.key(n)) for n in pool)
    # One scan over the keys of all the nodes (a key has no newline, so no phrase spans two nodes).
    return cue_set.search(ctx.joined_content if nodes is ctx.content else "\n".join(ctx.key(n) for n in pool))


@family("required_parts", "DC-REQ")
def check_required_parts(ctx: Context) -> None:
    doc, cues = ctx.doc, ctx.draft.cues
    if doc.kind == "other":
        return
    if doc.draft:
        blanks = [w for w, missing in (("số", not doc.number), ("ngày", not doc.date)) if missing] or ["số hoặc ngày"]
        blanks_en = [w for w, missing in (("number", not doc.number), ("date", not doc.date)) if missing] or ["number or date"]
        ctx.emit("DC-REQ-001", blank_vi=", ".join(blanks), blank_en=" and ".join(blanks_en))
    else:
        if not doc.number:
            ctx.emit("DC-REQ-002")
        if not doc.date:
            ctx.emit("DC-REQ-003")
        if not doc.signer:
            ctx.emit("DC-REQ-012")
    if not doc.legal_bases and not any(n.role == "legal_basis" for n in ctx.nodes):
        ctx.emit("DC-REQ-004")
    for cit in doc.considered:
        if cit.blank:
            node, line = ctx.cite_where(cit, "considered")
            ctx.emit("DC-REQ-015", node, line, cited=cited_name(cit))
    if doc.kind == "nghi_quyet":
        _resolution_parts(ctx)
    elif doc.kind == "to_trinh":
        if not doc.addressee and not has_role_or_cue(ctx, "addressee", cues.addressee, starts=True):
            ctx.emit("DC-REQ-013")
        if not has_role_or_cue(ctx, "proposal", cues.proposal):
            ctx.emit("DC-REQ-014")


def cited_name(cit) -> str:  # noqa: ANN001
    kind = cit.type or (cit.text.split(" số")[0] if " số" in cit.text else cit.text[:60])
    return f"{kind} {cit.number}".strip() if cit.number else kind


def _resolution_parts(ctx: Context) -> None:
    cues, content, draft = ctx.draft.cues, ctx.content, ctx.draft
    if not has_role_or_cue(ctx, "decision_formula", cues.decision_formula, starts=True):
        ctx.emit("DC-REQ-005")
    if not any(n.kind in ("article", "clause") for n in ctx.nodes):
        ctx.emit("DC-REQ-006")
    if not has_role_or_cue(ctx, "funding", cues.funding, nodes=content):
        ctx.emit("DC-REQ-007")
    sentences = ctx.sentence_keys
    supervised = ctx.sentence_hits(phrases(draft.supervision.verbs))
    supervision = {sentences[i] for i in supervised}
    with_actor = ctx.sentence_hits(phrases(draft.implementation.actors))
    if not any(implements(ctx, sentences[i]) for i in sorted(with_actor) if sentences[i] not in supervision):
        ctx.emit("DC-REQ-008")
    bodies = phrases(draft.supervision.hdnd_bodies + draft.supervision.ubnd_bodies)
    if not (supervised & ctx.sentence_hits(bodies)):
        ctx.emit("DC-REQ-009")
    if not has_role_or_cue(ctx, "adoption", cues.adoption, nodes=content):
        ctx.emit("DC-REQ-010")
    elif not phrases(cues.effect).search(ctx.joined_content):
        ctx.emit("DC-REQ-011")


def implements(ctx: Context, folded_sentence: str) -> bool:
    """The People's Committee (an actor) comes before an implementing verb in the sentence."""
    impl = ctx.draft.implementation
    actors = phrases(impl.actors).positions(folded_sentence)
    if not actors:
        return False
    verbs = phrases(impl.verbs).positions(folded_sentence)
    return bool(verbs) and min(actors) < max(verbs)
