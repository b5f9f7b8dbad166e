"""Dates: of the document, its adoption, the documents it considered and the Tờ trình filed with it (DC-DATE-*).

No check reads the clock: "in the future" (DC-DATE-008) is judged against the
check date given with ``--as-of`` and is not judged without one.
"""

from __future__ import annotations

from datetime import date

from dancoso_compare.models import Citation
from dancoso_compare.textkey import loose_key, number_key
from dancoso_compare.checks.base import LEAD_WORDS, Context, family, iso, phrases, vn_date
from dancoso_compare.checks.parts import cited_name



@family("dates", "DC-DATE")
def check_dates(ctx: Context) -> None:
    doc, cues = ctx.doc, ctx.draft.cues
    if ctx.own_ref_date is None and doc.kind != "other":  # a news item has no formal date to check
        ctx.emit("DC-DATE-001")
    submissions = [c for c in doc.considered if _is_kind(c, cues.submission, "/TTR")]
    review = phrases(cues.review_report)
    reports = [c for c in doc.considered if c not in submissions and review.search(loose_key(f"{c.type or ''} {c.text}"))]
    for report in reports:
        r_day = iso(report.date)
        for sub in submissions:
            s_day = iso(sub.date)
            if r_day and s_day and r_day < s_day:
                node, line = ctx.cite_where(report, "considered")
                ctx.emit(
                    "DC-DATE-002", node, line,
                    report=cited_name(report), report_date=vn_date(r_day),
                    submission=cited_name(sub), submission_date=vn_date(s_day),
                )
    own_date, adopted = iso(doc.date), iso(doc.adopted)
    if doc.kind == "nghi_quyet":
        _adoption_dates(ctx, submissions, own_date, adopted)
    own_ref = own_date or adopted
    if own_ref:
        for cit in doc.considered:
            c_day = iso(cit.date)
            if c_day and not cit.blank and c_day > own_ref:
                node, line = ctx.cite_where(cit, "considered")
                ctx.emit("DC-DATE-006", node, line, cited=cited_name(cit), cited_date=vn_date(c_day), ref_date=vn_date(own_ref))
    for other in ctx.related:
        other_day = iso(other.date)
        if other.kind != "to_trinh" or not other.number or not other_day:
            continue
        for sub in submissions:
            s_day = iso(sub.date)
            if sub.number and number_key(sub.number) == number_key(other.number) and s_day and s_day != other_day:
                node, line = ctx.cite_where(sub, "considered")
                ctx.emit("DC-DATE-007", node, line, cited=cited_name(sub), cited_date=vn_date(s_day), related_date=vn_date(other_day))
    if ctx.as_of is not None and ctx.own_ref_date and ctx.own_ref_date > ctx.as_of:
        ctx.emit("DC-DATE-008", ref_date=vn_date(ctx.own_ref_date), today=vn_date(ctx.as_of))


def _is_kind(cit: Citation, cue_list: tuple[str, ...], number_mark: str) -> bool:
    head = LEAD_WORDS.sub("", loose_key(f"{cit.type or ''} {cit.text}".strip()))
    if cit.number and number_mark in number_key(cit.number):
        return True
    return any(head.startswith(loose_key(c)) or (cit.type and loose_key(cit.type).startswith(loose_key(c))) for c in cue_list)


def _adoption_dates(ctx: Context, submissions: list[Citation], own_date: date | None, adopted: date | None) -> None:
    if own_date and adopted and own_date > adopted:
        ctx.emit("DC-DATE-004", date=vn_date(own_date), adopted=vn_date(adopted))
    if own_date and adopted and own_date < adopted:
        ctx.emit("DC-DATE-005", date=vn_date(own_date), adopted=vn_date(adopted))
    if not adopted:
        return
    dated: list[tuple[str, date, Citation | None]] = [
        (cited_name(s), d, s) for s in submissions if (d := iso(s.date))
    ]
    cited_numbers = {number_key(s.number) for s in submissions if s.number}
    for other in ctx.related:
        d = iso(other.date)
        if other.kind == "to_trinh" and d and (not other.number or number_key(other.number) not in cited_numbers):
            dated.append((f"Tờ trình {other.number or ''}".strip(), d, None))
    for name, day, cit in dated:
        if adopted < day:
            node, line = ctx.cite_where(cit, "considered") if cit else (None, None)
            ctx.emit("DC-DATE-003", node, line, adopted=vn_date(adopted), submission=name, submission_date=vn_date(day))
