"""How reviews read in the reports (HTML, text) and the web app, in Vietnamese or English."""

from __future__ import annotations

from typing import Any

from dancoso_compare.models import AuditReport, DocumentAudit, FindingReview, MeasureReview

_LABELS: dict[str, dict[str, str]] = {
    "reviewed": {"vi": "Đã rà soát", "en": "Reviewed"},
    "tool_said": {"vi": "công cụ đánh giá", "en": "the tool said"},
    "stale": {"vi": "rà soát trên bản trước, văn bản đã thay đổi: cần xem lại",
              "en": "reviewed on an earlier text that has since changed: check again"},
    "accepted": {"vi": "Chấp nhận", "en": "Accepted"},
    "rejected": {"vi": "Bác bỏ", "en": "Rejected"},
    "by": {"vi": "người rà soát", "en": "by"},
    "changed_title": {"vi": "Văn bản đã thay đổi so với bản đã rà soát", "en": "The text changed since it was reviewed"},
    "changed_from": {"vi": "Bản đã rà soát", "en": "Reviewed text"},
    "no_changes": {"vi": "Không tìm thấy thay đổi về nội dung các điều, khoản, điểm.",
                   "en": "No change found in the articles, clauses and points."},
    "moved": {"vi": "Đánh số lại", "en": "Renumbered"},
    "changed": {"vi": "Sửa đổi", "en": "Changed"},
    "added": {"vi": "Bổ sung", "en": "Added"},
    "removed": {"vi": "Bãi bỏ", "en": "Removed"},
    "reviews_heading": {"vi": "Kết quả rà soát của cán bộ", "en": "Reviewers' decisions"},
    "line": {"vi": "dòng", "en": "line"},
    "stored": {"vi": "đã ghi kết quả rà soát", "en": "review stored"},
    "text_hash": {"vi": "mã nội dung văn bản", "en": "text hash"},
}

REVIEW_MARK = "✎"


def label(key: str, lang: str = "vi") -> str:
    entry = _LABELS[key]
    return entry.get(lang, entry["vi"])


def _date(at: str) -> str:
    """'2026-12-03T11:48:58.5Z' -> '03/12/2026 11:48 UTC' (vi) or '2026-12-03 11:48 UTC' (en)."""
    day, _, time = at.partition("T")
    year, month, dom = (day.split("-") + ["", "", ""])[:3]
    hhmm = time[:5]
    return f"{dom}/{month}/{year} {hhmm} UTC"


def stored_line(target: str, decision: str, text_hash: str, at: str, lang: str = "vi") -> str:
    """What ``review set`` / ``review finding`` print: 'M2: đã ghi kết quả rà soát — Một phần (văn bản …, 03/12/2026 11:48 UTC)'."""
    from dancoso_compare.report import i18n

    shown = label(decision, lang) if decision in ("accepted", "rejected") else i18n.status_label(decision, lang)
    if lang == "en":
        return f"{target}: {decision} ({text_hash[:12]}, {at})"
    return f"{target}: {label('stored', lang)} — {shown} ({label('text_hash', lang)} {text_hash[:12]}, {_date(at)})"


def measure_review_view(review: MeasureReview | None, tool_status: str, lang: str = "vi") -> dict[str, Any] | None:
    from dancoso_compare.report import i18n

    if review is None:
        return None
    return {
        "status": review.status,
        "symbol": i18n.status_symbol(review.status),
        "label": i18n.status_label(review.status, lang),
        "heading": label("reviewed", lang),
        "corrected": review.status != tool_status,
        "tool": f"{label('tool_said', lang)}: {i18n.status_label(tool_status, lang)}",
        "note": review.note,
        "by": review.by,
        "by_label": label("by", lang),
        "at": _date(review.at),
        "stale": label("stale", lang) if review.stale else None,
    }


def finding_review_view(review: FindingReview | None, lang: str = "vi") -> dict[str, Any] | None:
    if review is None:
        return None
    return {"verdict": review.verdict, "label": label(review.verdict, lang), "note": review.note, "by": review.by,
            "at": _date(review.at), "stale": label("stale", lang) if review.stale else None}


def changes_view(doc: DocumentAudit, lang: str = "vi") -> dict[str, Any] | None:
    version = doc.reviewed_version
    if version is None:
        return None
    return {
        "title": label("changed_title", lang),
        "from": f"{label('changed_from', lang)}: {version.source}",
        "empty": label("no_changes", lang),
        "items": [{"status": c.status, "label": label(c.status, lang), "location": c.location,
                   "line": f"{label('line', lang)} {c.line}" if c.line else "",
                   "text": c.word_diff or c.new or c.old or ""} for c in version.changes],
    }


def review_lines(report: AuditReport, lang: str = "vi") -> list[str]:
    """Plain-text lines: the reviewed measures and findings of every document, and what changed."""
    from dancoso_compare.report import i18n

    lines: list[str] = []
    for doc in report.documents:
        entries = []
        for measure, cov in doc.coverage.items():
            view = measure_review_view(cov.review, cov.status, lang)
            if view:
                by = f" ({view['by']})" if view["by"] else ""
                stale = f" [{view['stale']}]" if view["stale"] else ""
                entries.append(f"  {measure}: {view['symbol']} {view['label']} ({view['tool']}) — {view['note']}{by}"
                               f", {view['at']}{stale}")
        for finding in doc.findings:
            view = finding_review_view(finding.review, lang)
            if view:
                stale = f" [{view['stale']}]" if view["stale"] else ""
                entries.append(f"  {finding.rule}: {view['label']} — {view['note']}{stale}")
        changes = changes_view(doc, lang)
        if changes:
            entries.append(f"  {changes['title']} ({changes['from']}):")
            entries += [f"    {c['label']} {c['location']} {c['line']}: {c['text']}" for c in changes["items"]] or \
                [f"    {changes['empty']}"]
        if entries:
            lines.append(f"{i18n.doc_title(doc, lang)} — {i18n.locality_label(doc.locality, lang)} ({doc.source})")
            lines += list(dict.fromkeys(entries))
    if lines:
        lines.insert(0, label("reviews_heading", lang) + ":")
    return lines


# --------------------------------------------------------------------------- the workbook (xlsx)
# Row values only (no cell styling), so that any xlsx writer can append them.

_SHEET_LABELS: dict[str, dict[str, str]] = {
    "sheet": {"vi": "Rà soát", "en": "Reviews"},
    "reviewed_column": {"vi": "rà soát", "en": "reviewed"},
    "what": {"vi": "Biện pháp hoặc quy tắc", "en": "Measure or rule"},
    "kind": {"vi": "Loại", "en": "Kind"},
    "kind_measure": {"vi": "Biện pháp", "en": "Measure"},
    "kind_finding": {"vi": "Phát hiện", "en": "Finding"},
    "tool": {"vi": "Công cụ đánh giá", "en": "Tool's status"},
    "decision": {"vi": "Kết quả rà soát", "en": "Reviewed status"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "reviewer": {"vi": "Người rà soát", "en": "Reviewer"},
    "at": {"vi": "Thời điểm rà soát", "en": "Reviewed at"},
    "stale_column": {"vi": "Văn bản đã thay đổi", "en": "Text changed since"},
}


def _sheet_label(key: str, lang: str) -> str:
    entry = _SHEET_LABELS[key]
    return entry.get(lang, entry["vi"])


def review_time(at: str):  # noqa: ANN201 - datetime | str
    """A review's ISO 8601 UTC time as a spreadsheet date-time (no time zone: read on a clock in Vietnam);
    the text itself when it is not a time."""
    from datetime import datetime, timezone

    from dancoso_compare.report import i18n

    try:
        moment = datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(i18n.VIETNAM_TIME).replace(tzinfo=None)


def reviewed_measures(report: AuditReport) -> set[str]:
    """The measures that carry a review in at least one document of ``report``."""
    return {m for doc in report.documents for m, cov in doc.coverage.items() if cov.review is not None}


def summary_columns(measures: list[str], reviewed: set[str], lang: str = "vi") -> list[str]:
    """The measure columns of the summary sheet: each measure, and beside a reviewed one its reviewed status."""
    columns: list[str] = []
    for m in measures:
        columns.append(m)
        if m in reviewed:
            columns.append(f"{m} ({_sheet_label('reviewed_column', lang)})")
    return columns


def summary_cells(doc: DocumentAudit, measures: list[str], reviewed: set[str], lang: str = "vi") -> list[Any]:
    """The values under :func:`summary_columns` for one document: the tool's status, and beside it the
    reviewed status (empty when this document's measure was not reviewed)."""
    from dancoso_compare.report import i18n

    cells: list[Any] = []
    for m in measures:
        cov = doc.coverage.get(m)
        cells.append(i18n.status_label(cov.status if cov else None, lang))
        if m in reviewed:
            cells.append(i18n.status_label(cov.review.status, lang) if cov and cov.review else None)
    return cells


def sheet_header(lang: str = "vi") -> list[str]:
    from dancoso_compare.report import i18n

    L = lambda key: _sheet_label(key, lang)  # noqa: E731
    return [i18n.t("source", lang), i18n.t("index", lang), i18n.t("locality", lang), L("kind"), L("what"),
            L("tool"), L("decision"), L("note"), L("reviewer"), L("at"), L("stale_column")]


def sheet_rows(doc: DocumentAudit, lang: str = "vi"):  # noqa: ANN201 - Iterator[list[Any]]
    """One row per review of ``doc`` (measures, then findings' rules once each): who decided what, when, why,
    and whether the text changed since."""
    from dancoso_compare.report import i18n

    locality = i18n.locality_label(doc.locality, lang) if doc.locality else None
    head = [doc.source, doc.index + 1, locality]
    yes_no = lambda flag: i18n.t("yes" if flag else "no", lang)  # noqa: E731
    for measure, cov in doc.coverage.items():
        review = cov.review
        if review is not None:
            yield [*head, _sheet_label("kind_measure", lang), measure, i18n.status_label(cov.status, lang),
                   i18n.status_label(review.status, lang), review.note, review.by, review_time(review.at),
                   yes_no(review.stale)]
    seen: set[str] = set()
    for finding in doc.findings:
        review = finding.review
        if review is not None and finding.rule not in seen:
            seen.add(finding.rule)
            yield [*head, _sheet_label("kind_finding", lang), finding.rule, i18n.severity_label(finding.severity, lang),
                   label(review.verdict, lang), review.note, review.by, review_time(review.at), yes_no(review.stale)]


def sheet_name(lang: str = "vi") -> str:
    return _sheet_label("sheet", lang)
