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
