"""Plain-text views for people: the parse outline and the per-document audit table."""

from __future__ import annotations

from rich.table import Table

from .models import DocumentAudit, Node, ParseReport

_KIND_VI = {"nghi_quyet": "Nghị quyết", "to_trinh": "Tờ trình", "other": "Văn bản khác"}
_STATUS = {"present": "✔ có", "partial": "◐ một phần", "missing": "✘ thiếu"}


def _node_line(node: Node, depth: int) -> str:
    label = {"article": node.label, "clause": f"khoản {node.label}", "point": f"điểm {node.label})",
             "chapter": f"Chương {node.label}", "part": f"Phần {node.label}", "section": f"Mục {node.label}"}.get(node.kind)
    text = node.title if node.title and node.kind in ("article", "chapter", "part", "section") else node.clean
    text = text if len(text) <= 90 else text[:87] + "..."
    head = f"{label}: " if label else (f"[{node.role}] " if node.role else "")
    return f"{'  ' * depth}{head}{text}  (dòng {node.lines[0]}-{node.lines[1]}, {node.id})"


def _walk(nodes: list[Node], depth: int, lines: list[str]) -> None:
    for node in nodes:
        lines.append(_node_line(node, depth))
        _walk(node.children, depth + 1, lines)


def outline(report: ParseReport) -> str:
    lines: list[str] = []
    for parsed in report.files:
        lines.append(f"== {parsed.source} ({parsed.format}{', ' + parsed.encoding if parsed.encoding else ''})")
        if parsed.ocr is not None:
            from .report.i18n import ocr_summary

            lines.append(f"   {ocr_summary(parsed.ocr)}")
        for i, doc in enumerate(parsed.documents):
            where = f"{doc.locality.unit} {doc.locality.name}" if doc.locality else "?"
            lines.append(
                f"-- [{i}] {_KIND_VI[doc.kind]}{' (dự thảo)' if doc.draft else ''} số {doc.number or '—'}, "
                f"ngày {doc.date or '—'}, {where}; dòng {doc.lines[0]}-{doc.lines[1]}"
            )
            if doc.issuer:
                lines.append(f"   cơ quan ban hành: {doc.issuer}; ký: {doc.signer or '—'}; thông qua: {doc.adopted or '—'}")
            for citation in doc.legal_bases:
                lines.append(f"   căn cứ: {citation.type or '?'} {citation.number or ''} {citation.date or ''} (dòng {citation.line})")
            for anomaly in doc.anomalies:
                lines.append(f"   ! {anomaly.code} {anomaly.label} (dòng {anomaly.line}): {anomaly.detail}")
            _walk(doc.body, 1, lines)
    if report.errors:
        from .report.text import errors_lines

        lines += ["", *errors_lines(report.errors)]
    return "\n".join(lines)


def document_table(doc: DocumentAudit, lang: str = "vi") -> Table:
    """One document: each measure's status with its evidence locations, then extras and findings."""
    en = lang == "en"
    title = f"{doc.source}#{doc.index} {doc.kind}{' (draft)' if en and doc.draft else ' (dự thảo)' if doc.draft else ''}"
    table = Table(title=title, show_lines=False)
    for column in (("Measure", "Status", "Evidence") if en else ("Biện pháp", "Kết quả", "Bằng chứng")):
        table.add_column(column)
    if doc.ocr is not None:
        from .report.i18n import ocr_summary

        table.add_row("OCR", ocr_summary(doc.ocr, lang), "")
    for measure, cov in doc.coverage.items():
        where = ", ".join(f"{e.id} (l.{e.line})" for e in cov.evidence[:4]) or "—"
        status = cov.status if en else _STATUS[cov.status]
        table.add_row(measure, status + (f" — {cov.note}" if cov.note else ""), where)
    for extra in doc.extras:
        table.add_row("extra" if en else "ngoài Điều 8", extra.topic, f"{extra.id} (l.{extra.line})")
    for finding in doc.findings:
        message = finding.message_en if en and finding.message_en else finding.message
        table.add_row(finding.rule, finding.severity, f"l.{finding.line or '?'}: {message}")
    return table
