"""Drafting checks for resolutions on grassroots democracy.

Given a parsed :class:`~dancoso_compare.models.Document`, report what a
reviewer at a provincial justice department would point out before or after
adoption: legal bases that were not in force, wrong numbering of Điều, khoản
and điểm, missing parts, inconsistent dates, district-level issuers after the
2025 reform, common misspellings.

One module per rule family, each a small function registered with
:func:`~.base.family`:

=====================  ====================  ==============================
module                 family                rules
=====================  ====================  ==============================
``citations``          citations             DC-CIT (validity of Căn cứ)
``numbering``          numbering             DC-NUM (Điều, khoản, điểm)
``parts``              required_parts        DC-REQ
``supervision``        supervision           DC-IMP
``dates``              dates                 DC-DATE
``units``              administrative_units  DC-ADM
``wording``            wording               DC-TXT
=====================  ====================  ==============================

Every rule lives in ``rules/checks.yaml`` (severity, messages, legal source);
everything the rules know about the law lives in ``rules/legal_sources.yaml``
and ``rules/drafting.yaml`` (loaded by :mod:`.rules`, indexed once by
:mod:`.sources`). To add a check: add its entry to ``rules/checks.yaml`` and
emit it from a family (or register a new family module and import it below).

The day legal bases are judged on is the document's own date, or the day
given as ``as_of`` (``--as-of`` on the command line); never the clock, so the
same input gives the same findings on any day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from dancoso_compare.models import Document, Finding
from dancoso_compare.checks.base import FAMILIES, Context, reference_date
from dancoso_compare.checks.catalogue import MEASURE_CHECKS, CheckInfo, checks_table, format_checks_table, list_checks
from dancoso_compare.checks.rules import RuleData, load_rules

# The families register themselves on import; the order is the order they run in.
from dancoso_compare.checks import citations, numbering, parts, supervision, dates, units, wording  # noqa: E402,F401,I001

__all__ = [
    "FAMILIES",
    "MEASURE_CHECKS",
    "CheckInfo",
    "checks_table",
    "format_checks_table",
    "lint_document",
    "list_checks",
    "reference_date",
]


def lint_document(
    doc: Document,
    *,
    related: Sequence[Document] = (),
    as_of: date | None = None,
    rules: RuleData | None = None,
) -> list[Finding]:
    """All drafting findings for ``doc``, sorted by line then rule id.

    ``related`` are the other documents of the same file or batch (the Tờ
    trình filed with a resolution) for cross-document date checks. ``as_of``
    is the day to judge legal bases on instead of the document's own date, and
    the day after which a document date is "in the future" (DC-DATE-008);
    without it no check depends on the day it runs.
    """
    ctx = Context(doc, [d for d in related if d is not doc], rules or load_rules(), as_of)
    for fam in FAMILIES:
        fam.run(ctx)
    return sorted(ctx.findings, key=lambda f: (f.line or 0, f.rule, f.node_id or "", f.message))
