"""The batch report as one self-contained HTML page.

The page must open from a USB stick in a justice department with no network:
CSS is inline, there are no fonts, images or scripts from elsewhere, and the
only script (a row filter) is whitelisted by hash in a Content-Security-Policy,
so even text that slipped past escaping could not run. Every value from a
document goes through Jinja2 autoescaping.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from dancoso_compare.models import AuditReport, Document, DocumentAudit
from dancoso_compare.report import i18n
from dancoso_compare.report.grouping import LocalityGroup, doc_key, group_by_locality, has_gap, measure_ids, severity_counts
from dancoso_compare.report.text import family_rows, family_warnings

if TYPE_CHECKING:
    from dancoso_compare.report.family import FamilyComparison

TEMPLATES = Path(__file__).parent / "templates"

# Filters the matrix rows; the page is complete without it (CSS shows the
# controls only once this has run and marked <html class="js">).
_SCRIPT = (
    "(function(){var d=document;d.documentElement.classList.add('js');"
    "var q=d.getElementById('filter-text'),p=d.getElementById('filter-problems');"
    "if(!q||!p){return;}"
    "function apply(){var s=q.value.trim().toLowerCase();"
    "var rows=d.querySelectorAll('tr[data-doc]');"
    "for(var i=0;i<rows.length;i++){var r=rows[i];"
    "var ok=(!s||(r.getAttribute('data-search')||'').indexOf(s)>=0)"
    "&&(!p.checked||r.getAttribute('data-problem')==='1');r.hidden=!ok;}}"
    "q.addEventListener('input',apply);p.addEventListener('change',apply);})();"
)


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # all document text is untrusted
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


DocumentsArg = Mapping[str, Document] | Sequence[Document] | None


def documents_by_key(report: AuditReport, documents: DocumentsArg) -> dict[str, Document]:
    """Parsed documents keyed like the audit: a mapping as given, or a list aligned with report.documents."""
    if documents is None:
        return {}
    if isinstance(documents, Mapping):
        return dict(documents)
    documents = list(documents)
    if len(documents) != len(report.documents):
        raise ValueError(
            f"documents has {len(documents)} entries but the report has {len(report.documents)}; "
            "pass a list aligned with report.documents or a mapping keyed by 'source#index'"
        )
    return {doc_key(audit): doc for audit, doc in zip(report.documents, documents, strict=True)}


def render_html(
    report: AuditReport,
    *,
    lang: str = "vi",
    documents: DocumentsArg = None,
    parents: Mapping[str, FamilyComparison] | None = None,
    generated_at: str | None = None,
) -> str:
    """The whole page as a string (UTF-8 when written)."""
    parsed = documents_by_key(report, documents)
    chunks: list[str] = []
    render_html_to(chunks.append, report, lambda doc: (doc, parsed.get(doc_key(doc))), lang=lang,
                   parents=parents, generated_at=generated_at)
    return "".join(chunks)


SectionSource = Callable[[DocumentAudit], tuple[DocumentAudit, "Document | None"]]


def render_html_to(
    write: Callable[[str], object],
    report: AuditReport,
    section_source: SectionSource,
    *,
    lang: str = "vi",
    parents: Mapping[str, FamilyComparison] | None = None,
    generated_at: str | None = None,
) -> None:
    """Write the page piece by piece. ``report.documents`` may be summary records (the matrix needs
    no more); ``section_source(doc)`` gives a document's full audit and outline when its section is
    written, one at a time, so the page never holds every document."""
    i18n.check_lang(lang)
    parents = dict(parents or {})
    unknown = sorted(set(parents) - {doc_key(doc) for doc in report.documents})
    if unknown:  # a mistyped key would silently drop the comparison from the page
        raise ValueError(f"parents keys not in the report (expected 'source#index'): {', '.join(unknown)}")
    context = _context(report, lang, section_source, parents, generated_at)
    for chunk in _environment().get_template("index.html.j2").generate(**context):
        write(chunk)


# ---------------------------------------------------------------------------
# View model: plain dicts, so the template has no logic beyond loops
# ---------------------------------------------------------------------------


def _context(report: AuditReport, lang: str, section_source: SectionSource,
             parents: dict[str, Any], generated_at: str | None) -> dict[str, Any]:
    pack = i18n.PackLabels(report.rules)
    measures = measure_ids(report.documents, report.rules)
    anchors = {id(doc): f"doc-{n}" for n, doc in enumerate(report.documents, start=1)}
    groups = group_by_locality(report.documents)

    levels: list[dict[str, Any]] = []
    for group in groups:
        level = group.level or ""
        if not levels or levels[-1]["level"] != level:
            label = i18n.level_label(group.level, lang) if group.level else i18n.t("unknown_locality", lang)
            levels.append({"level": level, "label": label, "localities": []})
        levels[-1]["localities"].append(_locality_view(group, measures, anchors, lang))
    for level in levels:
        n_docs = sum(len(loc["rows"]) for loc in level["localities"])
        level["count"] = (f"{i18n.count_label(len(level['localities']), 'localities', lang)}, "
                          f"{i18n.count_label(n_docs, 'documents', lang)}")

    ordered = [doc for group in groups for doc in group.documents]
    sections = _sections(ordered, section_source, measures, anchors, parents, lang, pack)

    totals = {"error": 0, "warning": 0, "info": 0}
    for doc in report.documents:
        for sev, n in severity_counts(doc).items():
            totals[sev] += n
    gaps = sum(1 for doc in report.documents if has_gap(doc, measures))

    return {
        "lang": lang,
        "L": _Labels(lang),
        "rules": report.rules,
        "pack": {"title": pack.title(lang), "line": pack.pack_line(lang), "ref": pack.pack_ref(lang), "scale": pack.score_scale(lang),
                 "measures_heading": _with_article(i18n.t("measures", lang), report.rules),
                 "extras_heading": _with_article(i18n.t("extras_long", lang), report.rules)},
        "generated_at": generated_at if generated_at is not None else i18n.time_label(i18n.report_time(), lang),
        "measures": [{"id": m, "name": pack.name(m, lang), "short": pack.short(m, lang),
                      "law": pack.citation(m, lang)}
                     for m in measures],
        "legend": [{"status": s, "symbol": i18n.status_symbol(s), "label": i18n.status_label(s, lang)}
                   for s in ("present", "partial", "missing")],
        "levels": levels,
        "sections": sections,
        "errors": [{"source": e.source, "error": i18n.input_error_label(e, lang)} for e in report.errors],
        "stats": {
            "documents": len(report.documents),
            "localities": len(groups),
            "gaps": gaps,
            "severity": [{"key": s, "label": i18n.severity_label(s, lang), "count": totals[s]} for s in totals],
        },
        "script": Markup(_SCRIPT),
        "csp": (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{_script_hash(_SCRIPT)}'; "
                "img-src data:; base-uri 'none'; form-action 'none'"),
    }


def _sections(ordered: list[DocumentAudit], section_source: SectionSource, measures: list[str],
              anchors: dict[int, str], parents: dict[str, Any], lang: str, pack: i18n.PackLabels) -> Iterator[dict[str, Any]]:
    """Each document's section, built only when the template reaches it."""
    for doc in ordered:
        full, parsed = section_source(doc)
        yield _document_view(full, measures, anchors[id(doc)], parsed, parents.get(doc_key(doc)), lang, pack)


class _Labels:
    """``L.key`` in templates reads the label in the page's language."""

    def __init__(self, lang: str) -> None:
        self._lang = lang

    def __getattr__(self, key: str) -> str:
        return i18n.t(key, self._lang)


def _cells(doc: DocumentAudit, measures: list[str], lang: str) -> list[dict[str, str]]:
    cells = []
    for m in measures:
        cov = doc.coverage.get(m)
        status = cov.status if cov else "absent"
        cells.append({
            "status": status,
            "symbol": i18n.status_symbol(cov.status if cov else None),
            "label": i18n.status_label(status, lang),
            "measure": m,
        })
        if cov is not None and cov.review is not None:  # the reviewer's status replaces the tool's
            cells[-1].update(_reviewed_cell(cov, lang))
    return cells


def _reviewed_cell(cov: Any, lang: str) -> dict[str, str]:
    from dancoso_compare.report.reviews import REVIEW_MARK, measure_review_view

    view = measure_review_view(cov.review, cov.status, lang)
    return {"status": view["status"], "symbol": view["symbol"] + REVIEW_MARK,
            "label": f"{view['heading']}: {view['label']} ({view['tool']}) — {view['note']}"}


def _row(doc: DocumentAudit, group: LocalityGroup, measures: list[str], anchors: dict[int, str],
         lang: str, representative: bool) -> dict[str, Any]:
    counts = severity_counts(doc)
    role = group.role if representative else None
    stand_in = None
    if representative and role != "adopted":
        stand_in = i18n.t(f"role_{role}", lang)
    locality = i18n.locality_label(doc.locality, lang)
    search = " ".join(filter(None, [locality, doc.number, doc.source, i18n.doc_title(doc, lang), doc.title]))
    return {
        "key": doc_key(doc),
        "anchor": anchors[id(doc)],
        "representative": representative,
        "stand_in": stand_in,
        "locality": locality,
        "title": i18n.doc_title(doc, lang, draft_suffix=False),
        "draft": i18n.t("draft", lang) if doc.draft and not stand_in else None,
        "date": i18n.date_label(doc.date if doc.draft else (doc.adopted or doc.date), lang),
        "source": doc.source,
        "cells": _cells(doc, measures, lang),
        "extras": len(doc.extras),
        "findings": len(doc.findings),
        "severity": [{"key": s, "count": counts[s], "label": i18n.severity_label(s, lang)} for s in counts if counts[s]],
        "problem": has_gap(doc, measures),
        "search": search.lower(),
    }


def _locality_view(group: LocalityGroup, measures: list[str], anchors: dict[int, str], lang: str) -> dict[str, Any]:
    rows = [_row(group.representative, group, measures, anchors, lang, True)]
    rows += [_row(doc, group, measures, anchors, lang, False) for doc in group.others]
    return {"label": i18n.locality_label(group.locality, lang), "rows": rows}


def _with_article(label: str, rules: Any) -> str:
    """'Biện pháp (Điều 8)': the article the pack's measures come from."""
    return f"{label} ({rules.article})" if getattr(rules, "article", None) else label


def _document_view(doc: DocumentAudit, measures: list[str], anchor: str, parsed: Document | None,
                   family: Any, lang: str, pack: i18n.PackLabels) -> dict[str, Any]:
    meta = [
        (i18n.t("kind", lang), i18n.kind_label(doc.kind, lang) + (f" ({i18n.t('draft', lang)})" if doc.draft else "")),
        (i18n.t("number", lang), doc.number or "—"),
        (i18n.t("date", lang), i18n.date_label(doc.date, lang) or "—"),
        # A draft has not been adopted, whatever date its text announces for the sitting.
        (i18n.t("adopted", lang), i18n.t("not_adopted", lang) if doc.draft else i18n.date_label(doc.adopted, lang) or "—"),
        (i18n.t("issuer", lang), doc.issuer or "—"),
        (i18n.t("locality", lang), i18n.locality_label(doc.locality, lang)
         + (f" · {i18n.level_label(doc.locality.level, lang)}" if doc.locality else "")),
        (i18n.t("source", lang), f"{doc.source} · {i18n.t('lines', lang).lower()} {doc.lines[0]}–{doc.lines[1]}"),
    ]
    if doc.ocr is not None:
        meta.append((i18n.t("ocr_detail", lang), i18n.ocr_summary(doc.ocr, lang)))
    measure_views = []
    for m in measures:
        cov = doc.coverage.get(m)
        if cov is None:
            measure_views.append({"id": m, "name": pack.name(m, lang), "law": pack.citation(m, lang),
                                  "status": "absent", "symbol": "—", "label": i18n.status_label(None, lang),
                                  "elements": [], "note": None, "review": None, "evidence": []})
            continue
        measure_views.append({
            "id": m,
            "name": pack.name(m, lang),
            "law": pack.citation(m, lang),
            "status": cov.status,
            "symbol": i18n.status_symbol(cov.status),
            "label": i18n.status_label(cov.status, lang),
            "elements": [{"ok": ok, "name": pack.element(e, lang)}
                         for e, ok in sorted(cov.elements.items())],
            "note": cov.note,
            "review": _measure_review(cov, lang),
            "evidence": [{
                "text": ev.text,
                "location": i18n.where_of(ev, lang),
                "score": i18n.score_label(ev.score, lang),
                "method": i18n.method_label(ev.method, lang) if ev.method else "",
                "matched": ", ".join(dict.fromkeys(ev.matched)),  # the mapper lists each hit
                "elements": pack.elements_label(ev.elements, lang),
            } for ev in sorted(cov.evidence, key=lambda e: (-e.score, e.line))],
        })
    extras = [{
        "location": i18n.location_label(x.article, x.clause, x.point, lang) or "—",
        "line": x.line or "—", "topic": x.topic, "text": x.text,
    } for x in doc.extras]
    findings = [{
        "severity": f.severity, "severity_label": i18n.severity_label(f.severity, lang), "rule": f.rule,
        "message": i18n.finding_message(f, lang), "line": f.line or "—",
        "location": i18n.location_label(f.article, f.clause, f.point, lang),
        "legal_source": i18n.legal_source(f.legal_source) or "—",
        "review": _finding_review(f, lang),
    } for f in sorted(doc.findings, key=_finding_order)]
    structure = _outline(parsed) if parsed is not None else []
    return {
        "anchor": anchor,
        "heading": i18n.doc_title(doc, lang),
        "locality": i18n.locality_label(doc.locality, lang),
        "title": doc.title,
        "meta": meta,
        "measures": measure_views,
        "extras": extras,
        "findings": findings,
        "structure": structure,
        "family": _family_view(family, lang, pack) if family is not None else None,
        "changes": _changes_view(doc, lang),
    }


def _measure_review(cov: Any, lang: str) -> dict[str, Any] | None:
    from dancoso_compare.report.reviews import measure_review_view

    return measure_review_view(cov.review, cov.status, lang)


def _finding_review(finding: Any, lang: str) -> dict[str, Any] | None:
    from dancoso_compare.report.reviews import finding_review_view

    return finding_review_view(finding.review, lang)


def _changes_view(doc: DocumentAudit, lang: str) -> dict[str, Any] | None:
    from dancoso_compare.report.reviews import changes_view

    return changes_view(doc, lang)


_OUTLINE_KINDS = ("part", "chapter", "section", "article")


def _outline(parsed: Document) -> list[dict[str, Any]]:
    """Headings of the document; a Tờ trình without Điều is outlined by its numbered items."""
    nodes = [n for n in parsed.walk() if n.kind in _OUTLINE_KINDS and n.role is None]
    if not any(n.kind == "article" for n in nodes):
        nodes += [n for top in parsed.body for n in [top, *top.children] if n.kind == "clause"]
        nodes.sort(key=lambda n: n.lines[0])
    return [{"label": n.label or "", "title": n.title or _short(_LEADING_LABEL.sub("", n.clean, count=1)),
             "line": n.lines[0]} for n in nodes]


_LEADING_LABEL = re.compile(r"^\W*[\dIVXLC]+[a-zđ]?\s*[.)]\s*")


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def _finding_order(finding: Any) -> tuple:
    return (_SEVERITY_RANK[finding.severity], finding.line or 0, finding.rule)


def _family_view(family: Any, lang: str, pack: i18n.PackLabels) -> dict[str, Any]:
    return {"parent": family.parent.label(lang), "consistent": family.consistent,
            "warnings": family_warnings(family, lang), "rows": family_rows(family, lang, pack)}
