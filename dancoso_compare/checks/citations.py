"""Citations of legal bases (Căn cứ): identified in the registry, in force on the reference date (DC-CIT-*)."""

from __future__ import annotations

import re
from datetime import date

from dancoso_compare.models import Citation, Node
from dancoso_compare.textkey import loose_key
from dancoso_compare.checks.base import LEAD_WORDS, YEAR_RE, Context, date_in, family, iso, phrases, vn_date
from dancoso_compare.checks.rules import Instrument
from dancoso_compare.checks.sources import symbol

_EFFECT_DATE = re.compile(r"hiệu lực[^.;]{0,40}?ngày\s*\d", re.IGNORECASE)


@family("citations", "DC-CIT")
def check_citations(ctx: Context) -> None:
    effective = effective_date(ctx)
    roles: set[str] = set()
    for cit in ctx.doc.legal_bases:
        if cit.blank:
            continue
        node, line = ctx.cite_where(cit, "legal_basis")
        inst = resolve(ctx, cit, node, line)
        if inst is None:
            continue
        roles.update(inst.roles)
        check_validity(ctx, inst, node, line, effective)
    if ctx.doc.legal_bases and ctx.doc.kind in ("nghi_quyet", "to_trinh"):
        for basis in ctx.draft.core_bases:
            if basis.role in roles:
                continue
            ref = ctx.ref_date
            current = [i for i in ctx.index.with_role(basis.role) if ref and i.in_force_on(ref)]
            ctx.emit(
                "DC-CIT-004",
                basis=basis.name_vi,
                basis_en=basis.name_en,
                in_force_vi=f" (văn bản đang có hiệu lực: {current[0].label})" if current else "",
                in_force_en=f" (in force: {current[0].label})" if current else "",
            )


def check_validity(ctx: Context, inst: Instrument, node: Node | None, line: int | None, effective: date | None) -> None:
    ref = ctx.ref_date
    if ref is None:
        return
    if inst.ceased is not None and ref >= inst.ceased:
        # Follow the chain of replacements to the instrument in force at
        # the reference date (77/2015 -> 65/2025 -> 72/2025).
        chain = ctx.index.replacements(inst, ref)
        first = chain[0].label if chain else "—"
        now_vi = f", nay là {chain[-1].label}" if len(chain) > 1 else ""
        now_en = f", now {chain[-1].label}" if len(chain) > 1 else ""
        reference_vi, reference_en = ctx.reference_phrase()
        ctx.emit(
            "DC-CIT-001", node, line,
            cited=inst.label, ceased=vn_date(inst.ceased), reference=reference_vi, reference_en=reference_en,
            replacement=first + now_vi, replacement_en=first + now_en,
        )
    takes_effect = min(ref, effective or ref) if ref < inst.issued else (effective or ref)
    if takes_effect < inst.in_force:
        ctx.emit("DC-CIT-002", node, line, cited=inst.label, in_force=vn_date(inst.in_force), effective=vn_date(takes_effect))


def resolve(ctx: Context, cit: Citation, node: Node | None, line: int | None) -> Instrument | None:
    """The registry instrument a Căn cứ cites, reporting what does not match (DC-CIT-003/005)."""
    cited_date = iso(cit.date) or (None if cit.year else date_in(cit.text))
    cited_year = cit.year or (cited_date.year if cited_date else None)
    if cited_year is None and not cit.number:
        m = YEAR_RE.search(cit.text)
        cited_year = int(m.group(1)) if m else None
    shown = cit.text if len(cit.text) <= 160 else cit.text[:157] + "..."

    if cit.number:
        inst = ctx.index.by_number(cit.number)
        if inst is not None:
            if cited_date and cited_date != inst.issued:
                ctx.emit(
                    "DC-CIT-003", node, line, cited=shown,
                    problem=f"{inst.type} {inst.number} ban hành ngày {vn_date(inst.issued)}, không phải ngày {vn_date(cited_date)}",
                    problem_en=f"{inst.type} {inst.number} was issued on {vn_date(inst.issued)}, not on {vn_date(cited_date)}",
                )
            elif not cited_date and cited_year and cited_year != inst.issued.year:
                ctx.emit(
                    "DC-CIT-003", node, line, cited=shown,
                    problem=f"{inst.number} ban hành năm {inst.issued.year}, không phải năm {cited_year}",
                    problem_en=f"{inst.number} was issued in {inst.issued.year}, not in {cited_year}",
                )
            return inst

    by_name = match_name(ctx, cit)
    if cit.number:
        # A number unknown to the registry only points at a registry
        # instrument of the same name if it has the same issuer symbol
        # (".../QH15"): a province's own "Quyết định .../QĐ-UBND ban hành Kế
        # hoạch ..." is another instrument, not a misnumbered 346/QĐ-TTg.
        cited_symbol = symbol(cit.number)
        by_name = [i for i in by_name if i.number and symbol(i.number) == cited_symbol]
    if by_name:
        dated = [i for i in by_name if cited_date and i.issued == cited_date]
        yeared = [i for i in by_name if cited_year and i.issued.year == cited_year]
        if cited_date and not dated:
            names = "; ".join(f"{i.label}: {vn_date(i.issued)}" for i in by_name)
            ctx.emit(
                "DC-CIT-003", node, line, cited=shown,
                problem=f"không có văn bản cùng tên ban hành ngày {vn_date(cited_date)} ({names})",
                problem_en=f"no instrument of that name was issued on {vn_date(cited_date)} ({names})",
            )
            return None
        if not cited_date and cited_year and not yeared:
            names = "; ".join(f"{i.label}: {i.issued.year}" for i in by_name)
            ctx.emit(
                "DC-CIT-003", node, line, cited=shown,
                problem=f"không có văn bản cùng tên ban hành năm {cited_year} ({names})",
                problem_en=f"no instrument of that name was issued in {cited_year} ({names})",
            )
            return None
        candidates = dated or yeared or by_name
        if len(candidates) > 1 and ctx.ref_date:
            candidates = [i for i in candidates if i.in_force_on(ctx.ref_date)] or candidates
        if len(candidates) == 1:
            inst = candidates[0]
            if cit.number and inst.number:  # the name and date fit, the number does not
                ctx.emit(
                    "DC-CIT-003", node, line, cited=shown,
                    problem=f"số {cit.number} không đúng, {inst.label} có số {inst.number}",
                    problem_en=f"number {cit.number} is wrong, {inst.label} is numbered {inst.number}",
                )
            return inst
    ctx.emit("DC-CIT-005", node, line, cited=shown)
    return None


def match_name(ctx: Context, cit: Citation) -> list[Instrument]:
    """Instruments whose name starts the citation (longest name wins)."""
    texts = [t for t in (cit.title, f"{cit.type} {cit.title}" if cit.type and cit.title else None, cit.text) if t]
    return ctx.index.match_name([LEAD_WORDS.sub("", loose_key(t)) for t in texts])


def effective_date(ctx: Context) -> date | None:
    """Date the document takes effect, when its adoption clause says so."""
    effect, from_adoption = phrases(ctx.draft.cues.effect), phrases(ctx.draft.cues.effect_from_adoption)
    for i in sorted(effect.hits(ctx.content_keys, ctx.joined_content)):
        node, folded = ctx.content[i], ctx.content_keys[i]
        text = ctx.text(node)
        m = _EFFECT_DATE.search(text)
        if m:
            day = date_in(text[m.start():])
            if day:
                return day
        if from_adoption.search(folded):
            return iso(ctx.doc.adopted) or iso(ctx.doc.date)
    return None
