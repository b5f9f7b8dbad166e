"""Plain-text views for people: the parse outline and the per-document audit table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from dancoso_compare.models import DocumentAudit, Node, ParseReport, RulesRef

_KIND_VI = {"nghi_quyet": "Nghị quyết", "to_trinh": "Tờ trình", "other": "Văn bản khác"}


def _node_line(node: Node, depth: int) -> str:
    label = {"article": node.label, "clause": f"khoản {node.label}", "point": f"điểm {node.label})",
             "chapter": f"Chương {node.label}", "part": f"Phần {node.label}", "section": f"Mục {node.label}"}.get(node.kind)
    text = node.title if node.title and node.kind in ("article", "chapter", "part", "section") else node.clean
    text = text if len(text) <= 90 else text[:87] + "..."
    head = f"{label}: " if label else (f"[{node.role}] " if node.role else "")
    return f"{'  ' * depth}{head}{text}  (dòng {node.lines[0]}-{node.lines[1]}, {node.id})"


def _date(value: str | None, missing: str = "—") -> str:
    from dancoso_compare.report.i18n import date_label

    return date_label(value) or missing


def _walk(nodes: list[Node], depth: int, lines: list[str]) -> None:
    for node in nodes:
        lines.append(_node_line(node, depth))
        _walk(node.children, depth + 1, lines)


def outline(report: ParseReport) -> str:
    lines: list[str] = []
    for parsed in report.files:
        lines.append(f"== {parsed.source} ({parsed.format}{', ' + parsed.encoding if parsed.encoding else ''})")
        if parsed.ocr is not None:
            from dancoso_compare.report.i18n import ocr_summary

            lines.append(f"   {ocr_summary(parsed.ocr)}")
        for i, doc in enumerate(parsed.documents):
            where = f"{doc.locality.unit} {doc.locality.name}" if doc.locality else "?"
            lines.append(
                f"-- [{i}] {_KIND_VI[doc.kind]}{' (dự thảo)' if doc.draft else ''} số {doc.number or '—'}, "
                f"ngày {_date(doc.date)}, {where}; dòng {doc.lines[0]}-{doc.lines[1]}"
            )
            if doc.issuer:
                lines.append(f"   cơ quan ban hành: {doc.issuer}; ký: {doc.signer or '—'}; thông qua: {_date(doc.adopted)}")
            for citation in doc.legal_bases:
                lines.append(f"   căn cứ: {citation.type or '?'} {citation.number or ''} {_date(citation.date, '')} (dòng {citation.line})")
            for anomaly in doc.anomalies:
                lines.append(f"   ! {anomaly.code} {anomaly.label} (dòng {anomaly.line}): {anomaly.detail}")
            _walk(doc.body, 1, lines)
    if report.errors:
        from dancoso_compare.report.text import errors_lines

        lines += ["", *errors_lines(report.errors)]
    return "\n".join(lines)


def document_table(doc: DocumentAudit, lang: str = "vi", rules: RulesRef | None = None) -> Table:
    """One document: each measure's status with its evidence locations, then extras and findings."""
    from dancoso_compare.report import i18n

    pack = i18n.PackLabels(rules)
    title = f"{i18n.doc_label(doc, lang)} ({i18n.doc_ref(doc.source, doc.index, lang)})"
    # Text cells: file names and quoted document text are never read as rich markup ("[bold]x.txt").
    table = Table(title=Text(title), show_lines=False)
    for key in ("measure", "status", "evidence"):
        table.add_column(i18n.t(key, lang))
    if doc.ocr is not None:
        from dancoso_compare.report.i18n import ocr_summary

        table.add_row("OCR", Text(ocr_summary(doc.ocr, lang)), "")
    for measure, cov in doc.coverage.items():
        where = "; ".join(i18n.where_of(e, lang) for e in cov.evidence[:4]) or "—"
        status = f"{i18n.status_symbol(cov.status)} {i18n.status_label(cov.status, lang)}"
        name = pack.name(measure, lang)
        label = measure if name == measure else f"{measure} {name}"
        table.add_row(Text(label), Text(status + (f" — {cov.note}" if cov.note else "")), Text(where))
    for extra in doc.extras:
        table.add_row(i18n.t("extras", lang), Text(extra.topic), Text(i18n.where_of(extra, lang)))
    for finding in doc.findings:
        table.add_row(Text(finding.rule), i18n.severity_label(finding.severity, lang),
                      Text(f"{i18n.where_of(finding, lang)}: {i18n.finding_message(finding, lang)}"))
    return table
