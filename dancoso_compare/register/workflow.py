"""What the ``dancoso audit --db``, ``dancoso review`` and ``dancoso serve`` commands do (the CLI stays thin)."""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from pathlib import Path

from dancoso_compare.api import pick_document  # "file.txt" or "file.txt#1": chosen by the API
from dancoso_compare.models import AuditReport, ParseReport
from dancoso_compare.register.engine import RegisterError
from dancoso_compare.register.store import Register, ReviewEntry, Verdict, open_register


def record_run(report: AuditReport, parsed: ParseReport, url: str) -> AuditReport:
    """Store the run in the register at ``url`` and put the reviews in force on the report."""
    with open_register(url) as register:
        register.record(report, parsed)
        return register.annotate(report, parsed)


def _measure_ids(rules: str | PathLike | None) -> list[str]:
    from dancoso_compare.measures.rulepack import load_pack

    return [m.id for m in load_pack(rules).measures]


def review_measure(spec: str, measure: str, status: str, note: str, by: str | None, url: str | None,
                   rules: str | PathLike | None = None) -> tuple[str, str]:
    """Store a reviewer's status for one measure of a document; returns (content hash, at)."""
    known = _measure_ids(rules)
    if measure not in known:
        raise RegisterError(f"unknown measure {measure!r}; the rule pack has {', '.join(known)}")
    return _review(spec, url, lambda register, text_hash: register.set_measure_review(
        text_hash, measure, status, note, by))  # type: ignore[arg-type]


def review_finding(spec: str, rule: str, verdict: Verdict, note: str, by: str | None, url: str | None) -> tuple[str, str]:
    """Accept or reject the findings of one rule in a document; returns (content hash, at)."""
    return _review(spec, url, lambda register, text_hash: register.set_finding_review(text_hash, rule, verdict, note, by))


def _review(spec: str, url: str | None, store: Callable[[Register, str], str]) -> tuple[str, str]:
    """Put the document ``spec`` names in the register at ``url`` and ``store`` a review of it there."""
    parsed, _, document = pick_document(spec)
    with open_register(url) as register:
        text_hash = register.add_document(document, parsed.text, parsed.source)
        return text_hash, store(register, text_hash)


def list_reviews(url: str | None, locality: str | None = None) -> list[ReviewEntry]:
    with open_register(url) as register:
        return register.reviews(locality)


def reviews_table(entries: list[ReviewEntry], lang: str = "vi"):  # noqa: ANN201
    """A rich table of the reviews in force."""
    from rich.table import Table

    from dancoso_compare.report import i18n
    from dancoso_compare.report.reviews import _date, label

    vi = lang == "vi"
    table = Table(title=label("reviews_heading", lang), header_style="bold")
    for column in (("Địa phương", "Locality"), ("Văn bản", "Document"), ("Số", "Number"), ("Mục", "Item"),
                   ("Kết quả", "Decision"), ("Ghi chú", "Note"), ("Người rà soát", "By"), ("Thời điểm", "At")):
        table.add_column(column[0] if vi else column[1])
    for e in entries:
        decision = i18n.status_label(e.decision, lang) if e.what == "measure" else label(e.decision, lang)
        table.add_row(e.locality or "—", f"{i18n.kind_label(e.kind, lang)} ({Path(e.source).name})", e.number or "—",
                      e.target, decision, e.note, e.by or "—", _date(e.at))
    return table


__all__ = ["Register", "list_reviews", "pick_document", "record_run", "review_finding", "review_measure",
           "reviews_table"]
