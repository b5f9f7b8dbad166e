"""Who supervises the implementation: the HĐND's bodies, not the UBND's (DC-IMP-001)."""

from __future__ import annotations

from dancoso_compare.models import Node
from dancoso_compare.textkey import loose_key
from dancoso_compare.checks.base import Context, family, phrases


@family("supervision", "DC-IMP")
def check_supervision_bodies(ctx: Context) -> None:
    sup = ctx.draft.supervision
    verbs, ubnd = phrases(sup.verbs), phrases(sup.ubnd_bodies)
    found: dict[int, tuple[Node, list[str]]] = {}
    candidates = ctx.sentence_hits(verbs) & ctx.sentence_hits(ubnd)
    for i in sorted(candidates):
        node, folded = ctx.content_sentences[i]
        hits = [phrase for _, _, phrase in ubnd.spans(folded)]
        if hits:
            found.setdefault(id(node), (node, []))[1].extend(hits)
    for node, bodies in found.values():
        unique = list(dict.fromkeys(bodies))
        ctx.emit("DC-IMP-001", node, ctx.line_of(node, loose_key(unique[0])), bodies=", ".join(unique))
