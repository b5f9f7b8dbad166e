"""The batch as an Excel workbook, for auditors who sort, filter and annotate.

Sheets: summary (one row per document), evidence (one row per document x
measure x evidence), findings (one row per finding), extras (one row per extra).
Every sheet has a frozen header row, an autofilter and column widths sized to
the content, so it is usable as soon as it is opened; a last sheet tells when the
report was made and with which rule pack. Dates are date cells (dd/mm/yyyy),
documents are numbered from 1, and every text cell is a string cell, never a
formula, whatever the document's text begins with.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dancoso_compare.models import AuditReport, DocumentAudit, RulesRef
from dancoso_compare.report import i18n, reviews
from dancoso_compare.report.grouping import measure_ids

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "DD/MM/YYYY HH:MM"
# A cell beginning with one of these is taken for a formula by spreadsheet programs
# (OWASP "CSV injection"): document text is always written as a string cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

FILLS = {
    "present": PatternFill("solid", fgColor="DAFBE1"),
    "partial": PatternFill("solid", fgColor="FFF1C2"),
    "missing": PatternFill("solid", fgColor="FFEBE9"),
}
HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
WRAP = Alignment(wrap_text=True, vertical="top")
MAX_WIDTH = 70  # long quotes wrap instead of making a 500-character column
MIN_WIDTH = 6

# openpyxl refuses the control characters XML 1.0 forbids; PDF extraction can produce them.
_ILLEGAL = {c: None for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]}


def write_xlsx(report: AuditReport | XlsxStream, path: str | Path, *, lang: str = "vi",
               generated_at: datetime | None = None, summary: AuditReport | None = None) -> Path:
    """Write the workbook in openpyxl's write-only mode, sheet by sheet from spooled rows.

    ``report``: the whole report, or an :class:`XlsxStream` that was fed the documents one by
    one; then ``summary`` is the report of their summary records (rules, documents, errors).
    """
    i18n.check_lang(lang)
    if isinstance(report, XlsxStream):
        stream = report
        if summary is None:
            raise ValueError("write_xlsx(stream) needs summary=: the report of the documents' summary records")
    else:
        stream, summary = XlsxStream(report.rules, lang=lang), report
        for doc in report.documents:
            stream.add(doc)
    path = path if hasattr(path, "write") else Path(path)
    try:
        stream.save(path, summary, generated_at=generated_at)
    finally:
        stream.discard()
    return path


class _SheetSpool:
    """One sheet's rows, pickled to a temporary file as they come, with the column widths so far."""

    def __init__(self, header: list[str], spool_dir: Path | None) -> None:
        self.header = header
        self.widths = [len(str(title)) for title in header]
        self.count = 0
        self._file = tempfile.TemporaryFile(dir=spool_dir)  # noqa: SIM115 (closed by discard)

    def append(self, row: list[Any]) -> None:
        for index, value in enumerate(row):
            if value is not None:
                self.widths[index] = max(self.widths[index], _width(value))
        pickle.dump([_clean(v) for v in row], self._file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def rows(self) -> Iterator[list[Any]]:
        self._file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self._file)  # noqa: S301 (our own spool, written just before)

    def close(self) -> None:
        self._file.close()


class XlsxStream:
    """The workbook's document rows, collected one document at a time (see :func:`write_xlsx`).

    Evidence, findings and extras rows are spooled to temporary files (in ``spool_dir``); the
    summary and information sheets are built at the end from the summary records.
    """

    def __init__(self, rules: RulesRef, *, lang: str = "vi", spool_dir: Path | None = None) -> None:
        self.rules, self.lang = rules, lang
        self.pack = i18n.PackLabels(rules)
        self.sheets = {
            "evidence": _SheetSpool(_evidence_header(lang), spool_dir),
            "findings": _SheetSpool(_findings_header(lang), spool_dir),
            "extras": _SheetSpool(_extras_header(lang), spool_dir),
            "reviews": _SheetSpool(reviews.sheet_header(lang), spool_dir),
        }

    def add(self, doc: DocumentAudit) -> None:
        # The document's own measures in the batch's order (the pack's, then the others sorted).
        measures = measure_ids([doc], self.rules)
        for row in _evidence_rows(doc, measures, self.lang, self.pack):
            self.sheets["evidence"].append(row)
        for row in _finding_rows(doc, self.lang):
            self.sheets["findings"].append(row)
        for row in _extra_rows(doc, self.lang):
            self.sheets["extras"].append(row)
        for row in reviews.sheet_rows(doc, self.lang):  # one row per review: status, note, reviewer, date, stale
            self.sheets["reviews"].append(row)

    def save(self, path: Path, summary: AuditReport, *, generated_at: datetime | None = None) -> None:
        lang = self.lang
        measures = measure_ids(summary.documents, summary.rules)
        workbook = Workbook(write_only=True)
        reviewed = reviews.reviewed_measures(summary)  # a reviewed measure gets its reviewed status beside the tool's
        columns = reviews.summary_columns(measures, reviewed, lang)
        rows = _SheetSpool(_summary_header(columns, lang), None)
        try:
            for doc in summary.documents:
                rows.append(_summary_row(doc, measures, lang, reviewed))
            _write_sheet(workbook, i18n.t("sheet_summary", lang), rows,
                         status_columns=range(9, 9 + len(columns)), wrap_columns=())
        finally:
            rows.close()
        _write_sheet(workbook, i18n.t("sheet_evidence", lang), self.sheets["evidence"],
                     status_columns=(5,), wrap_columns=(12,))
        _write_sheet(workbook, i18n.t("sheet_findings", lang), self.sheets["findings"],
                     status_columns=(), wrap_columns=(6, 9))
        _write_sheet(workbook, i18n.t("sheet_extras", lang), self.sheets["extras"],
                     status_columns=(), wrap_columns=(6,))
        if self.sheets["reviews"].count:  # only when the report carries reviews
            _write_sheet(workbook, reviews.sheet_name(lang), self.sheets["reviews"],
                         status_columns=(6, 7), wrap_columns=(8,))
        moment = generated_at or i18n.report_time()
        info = _SheetSpool([i18n.t("item", lang), i18n.t("value", lang)], None)
        try:
            for row in _info_rows(summary, self.pack, moment, lang):
                info.append(row)
            _write_sheet(workbook, i18n.t("sheet_info", lang), info, status_columns=(), wrap_columns=(2,))
        finally:
            info.close()
        workbook.properties.title = f"{i18n.t('report_title', lang)} — {self.pack.title(lang)}"
        workbook.properties.creator = "dancoso"
        workbook.properties.created = _naive(moment)
        workbook.save(path)

    def discard(self) -> None:
        for sheet in self.sheets.values():
            sheet.close()


def _write_sheet(workbook: Workbook, title: str, spool: _SheetSpool, *, status_columns, wrap_columns) -> None:
    """A write-only sheet: widths, frozen header and autofilter first, then the rows one by one."""
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(spool.widths, start=1):
        # +2 leaves room for the autofilter arrow.
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(spool.header))}{spool.count + 1}"
    header = []
    for value in spool.header:
        cell = WriteOnlyCell(sheet, value)
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL, HEADER_ALIGNMENT
        header.append(cell)
    sheet.append(header)
    labels = {i18n.status_label(s, lang): s for s in FILLS for lang in i18n.LANGS}
    status_columns, wrap_columns = set(status_columns), set(wrap_columns)
    for row in spool.rows():
        cells = []
        for column, value in enumerate(row, start=1):
            cell = WriteOnlyCell(sheet, value)
            _typed(cell)
            if column in status_columns and labels.get(value):
                cell.fill = FILLS[labels[value]]
            if column in wrap_columns:
                cell.alignment = WRAP
            cells.append(cell)
        sheet.append(cells)


def build_workbook(report: AuditReport, *, lang: str = "vi", generated_at: datetime | None = None) -> Workbook:
    """The workbook :func:`write_xlsx` writes, opened again (for inspection in Python).

    ``generated_at``: the report's time (default: now, or ``SOURCE_DATE_EPOCH`` when set)."""
    from io import BytesIO

    from openpyxl import load_workbook

    buffer = BytesIO()
    write_xlsx(report, buffer, lang=lang, generated_at=generated_at)  # type: ignore[arg-type]
    buffer.seek(0)
    return load_workbook(buffer)


def _naive(moment: datetime) -> datetime:
    """Spreadsheets have no time zones: the report's time as read on a clock in Vietnam."""
    return moment.astimezone(i18n.VIETNAM_TIME).replace(tzinfo=None) if moment.tzinfo else moment


def _info_rows(report: AuditReport, pack: i18n.PackLabels, moment: datetime, lang: str) -> list[list[Any]]:
    return [
        [i18n.t("generated", lang), _naive(moment)],
        [i18n.t("rules", lang), pack.title(lang)],
        [i18n.t("pack_id", lang).capitalize(), report.rules.id],
        [i18n.t("version", lang).capitalize(), report.rules.version],
        [i18n.t("score", lang), pack.score_scale(lang)],
        [i18n.t("documents", lang), len(report.documents)],
        [i18n.t("input_errors", lang), len(report.errors)],
        # the measures' columns, named as the pack names them
        *[[m, f"{pack.name(m, lang)} ({pack.citation(m, lang)})"] for m in measure_ids(report.documents, report.rules)],
    ]


def _summary_header(measures: list[str], lang: str) -> list[str]:
    L = lambda key: i18n.t(key, lang)  # noqa: E731
    return [L("source"), L("index"), L("kind"), L("is_draft"), L("number"), L("date"), L("locality"), L("level"),
            *measures, L("extras"), L("findings"), f"{L('findings')}: {L('error').lower()}",
            f"{L('findings')}: {L('warning').lower()}", L("adopted"), L("issuer"), L("title")]


def _summary_row(doc: DocumentAudit, measures: list[str], lang: str, reviewed: set[str] = frozenset()) -> list[Any]:
    statuses = reviews.summary_cells(doc, measures, reviewed, lang)
    errors = sum(1 for f in doc.findings if f.severity == "error")
    warnings = sum(1 for f in doc.findings if f.severity == "warning")
    adopted = None if doc.draft else i18n.parse_date(doc.adopted)  # a draft is not adopted
    return [doc.source, doc.index + 1, i18n.kind_label(doc.kind, lang), i18n.t("yes" if doc.draft else "no", lang),
            doc.number, i18n.parse_date(doc.date) or doc.date, i18n.locality_label(doc.locality, lang) if doc.locality else None,
            i18n.level_label(doc.locality.level, lang) if doc.locality else None,
            *statuses, len(doc.extras), len(doc.findings), errors, warnings, adopted, doc.issuer, doc.title]


def _evidence_header(lang: str) -> list[str]:
    L = lambda key: i18n.t(key, lang)  # noqa: E731
    return [L("source"), L("index"), L("locality"), L("measure"), L("status"), L("location"), L("line"),
            L("score"), L("method"), L("elements"), L("matched"), L("quote")]


def _evidence_rows(doc: DocumentAudit, measures: list[str], lang: str, pack: i18n.PackLabels) -> list[list[Any]]:
    rows = []
    locality = i18n.locality_label(doc.locality, lang) if doc.locality else None
    for m in measures:
        cov = doc.coverage.get(m)
        if cov is None:
            continue
        for ev in cov.evidence:
            rows.append([doc.source, doc.index + 1, locality, m, i18n.status_label(cov.status, lang),
                         i18n.location_label(ev.article, ev.clause, ev.point, lang) or None, ev.line or None,
                         round(ev.score, 4), i18n.method_label(ev.method, lang) if ev.method else None,
                         pack.elements_label(ev.elements, lang), ", ".join(dict.fromkeys(ev.matched)), ev.text])
    return rows


def _findings_header(lang: str) -> list[str]:
    L = lambda key: i18n.t(key, lang)  # noqa: E731
    return [L("source"), L("index"), L("locality"), L("severity"), L("rule"), L("message"), L("location"), L("line"),
            L("legal_source")]


def _finding_rows(doc: DocumentAudit, lang: str) -> list[list[Any]]:
    locality = i18n.locality_label(doc.locality, lang) if doc.locality else None
    return [[doc.source, doc.index + 1, locality, i18n.severity_label(f.severity, lang), f.rule,
             i18n.finding_message(f, lang), i18n.location_label(f.article, f.clause, f.point, lang) or None, f.line,
             i18n.legal_source(f.legal_source)] for f in doc.findings]


def _extras_header(lang: str) -> list[str]:
    L = lambda key: i18n.t(key, lang)  # noqa: E731
    return [L("source"), L("index"), L("locality"), L("location"), L("line"), L("text"), L("topic")]


def _extra_rows(doc: DocumentAudit, lang: str) -> list[list[Any]]:
    locality = i18n.locality_label(doc.locality, lang) if doc.locality else None
    return [[doc.source, doc.index + 1, locality, i18n.location_label(x.article, x.clause, x.point, lang) or None,
             x.line or None, x.text, x.topic] for x in doc.extras]


def _clean(value: Any) -> Any:
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


def _typed(cell) -> None:  # noqa: ANN001
    """Text stays text (never a formula, OWASP CSV injection); dates get a date format."""
    value = cell.value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel keeps it text when the cell is edited, too
    elif isinstance(value, datetime):
        cell.number_format = TIME_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT


def _width(value: Any) -> int:
    if isinstance(value, datetime):
        return len(TIME_FORMAT)
    if isinstance(value, date):
        return len(DATE_FORMAT)
    return len(str(value))
