"""Administrative units after the reorganisation of 1 July 2025 (DC-ADM-*).

Judged on the document's own date (a resolution of a district adopted in 2024
was lawful then, whatever the check date), or on ``--as-of`` for a document
without one.
"""

from __future__ import annotations

from dancoso_compare import admin_units
from dancoso_compare.checks.base import Context, family, vn_date


@family("administrative_units", "DC-ADM")
def check_admin_units(ctx: Context) -> None:
    loc = ctx.doc.locality
    if loc is None:
        return
    day = ctx.unit_date
    unit = ctx.index.issuer_unit(loc, day)
    if day is not None and day >= admin_units.TWO_TIER_DATE:
        if unit.ceased:
            ctx.emit("DC-ADM-001", unit=loc.unit, name=loc.name, ref_date=vn_date(day))
        elif unit.merged and unit.level == "tinh":
            ctx.emit("DC-ADM-002", unit=loc.unit, name=loc.name, current=unit.current_province, ref_date=vn_date(day))
    elif unit.merged:
        ctx.emit("DC-ADM-003", unit=loc.unit, name=loc.name, current=unit.current_province)
