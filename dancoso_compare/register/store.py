"""The review register: what every audit saw and what the reviewers decided.

Documents are keyed by the SHA-256 of their text (NFC, whitespace collapsed),
so a renamed or re-encoded file keeps its reviews, and an edited text is a new
document. A new text with the same locality, kind and number as a reviewed one
carries the old reviews marked ``stale``, with the changes between the two
texts (from :mod:`dancoso_compare.report.diff`).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from dancoso_compare import __version__
from dancoso_compare.models import (AuditReport, Document, DocumentAudit, FindingReview, MeasureReview, ParsedFile,
                                    ParseReport, ReviewedVersion, RulesRef, Status, TextChange)
from dancoso_compare.register.engine import RegisterError, default_url, make_engine, migrate, redact
from dancoso_compare.register.tables import DocumentRow, FindingReviewRow, MeasureReviewRow, RunDocumentRow, RunRow

STATUSES: tuple[Status, ...] = ("present", "partial", "missing")
Verdict = Literal["accepted", "rejected"]


def content_hash(text: str) -> str:
    """The register key of a document's text: SHA-256 of its NFC text with whitespace collapsed."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def document_text(source_text: str, document: Document) -> str:
    return source_text[document.span[0]:document.span[1]]


def identity(document: Document | DocumentAudit) -> str | None:
    """Which texts are versions of one another: same level, locality, kind and number."""
    if document.locality is None:
        return None
    name = " ".join(unicodedata.normalize("NFC", document.locality.name).casefold().split())
    return "|".join([document.locality.level, name, document.kind, (document.number or "").casefold()])


def search_key(text: str) -> str:
    """Loose key for finding a locality: no accents or tone marks, đ = d, case and spacing ignored."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


MAX_NOTE = 4000


def _check_note(note: str) -> str:
    note = unicodedata.normalize("NFC", note).strip()
    if not note:
        raise RegisterError("a review needs a note saying why (--note)")
    if len(note) > MAX_NOTE:
        raise RegisterError(f"the note is {len(note)} characters long; at most {MAX_NOTE}")
    return note


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class ReviewEntry:
    """One review in force, for ``dancoso review list`` and the web app."""

    content_hash: str
    source: str
    locality: str | None
    number: str | None
    kind: str
    target: str  # measure id or rule id
    decision: str  # status or verdict
    note: str
    by: str | None
    at: str
    what: Literal["measure", "finding"]


class Register:
    """A review register on SQLite or PostgreSQL; open it with :func:`open_register`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Register":
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writes

    def _insert_ignore(self, table, values: dict):  # noqa: ANN001, ANN202
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table).values(**values).on_conflict_do_nothing(index_elements=["content_hash"])

    def _ensure_document(self, connection, document: Document, text_hash: str, source: str) -> int:  # noqa: ANN001
        loc = document.locality
        values = {
            "content_hash": text_hash, "identity": identity(document), "kind": document.kind,
            "draft": document.draft, "number": document.number, "locality_name": loc.name if loc else None,
            "locality_unit": loc.unit if loc else None, "level": loc.level if loc else None,
            "title": document.title, "source": source, "document_json": document.model_dump_json(),
            "audit_json": None, "first_seen": _now(), "last_run_id": None,
        }
        connection.execute(self._insert_ignore(DocumentRow.__table__, values))
        return connection.execute(select(DocumentRow.id).where(DocumentRow.content_hash == text_hash)).scalar_one()

    def add_document(self, document: Document, source_text: str, source: str) -> str:
        """Register a parsed document (without an audit); returns its content hash."""
        text_hash = content_hash(document_text(source_text, document))
        with self._begin() as connection:
            self._ensure_document(connection, document, text_hash, source)
        return text_hash

    def record(self, report: AuditReport, parsed: ParseReport) -> int:
        """Store one audit run: every document (by hash), its file name, decisions and findings."""
        run_id = self.start_run(report.rules)
        files = {f.source: f for f in parsed.files}
        for source, audits in _by_source(report.documents).items():
            self.record_file(run_id, audits, files[source])
        return run_id

    def start_run(self, rules: RulesRef) -> int:
        """A new run row; its documents are added file by file with :meth:`record_file`."""
        with self._begin() as connection:
            return connection.execute(insert(RunRow).values(
                at=_now(), rules_id=rules.id, rules_version=rules.version, tool_version=__version__,
            ).returning(RunRow.id)).scalar_one()

    def record_file(self, run_id: int, audits: list[DocumentAudit], parsed: ParsedFile) -> None:
        """Store the audited documents of one file in the run (a batch is recorded as its files arrive,
        so the parsed texts need not all be held until the end)."""
        with self._begin() as connection:
            for audit in audits:
                document = parsed.documents[audit.index]
                text_hash = content_hash(document_text(parsed.text, document))
                audit.content_hash = text_hash
                doc_id = self._ensure_document(connection, document, text_hash, audit.source)
                plain = audit.model_copy(update={"reviewed_version": None})
                connection.execute(DocumentRow.__table__.update().where(DocumentRow.id == doc_id).values(
                    source=audit.source, audit_json=_without_reviews(plain), last_run_id=run_id,
                    document_json=document.model_dump_json()))
                connection.execute(insert(RunDocumentRow).values(
                    run_id=run_id, document_id=doc_id, source=audit.source, doc_index=audit.index,
                    decisions_json=json.dumps({m: c.status for m, c in audit.coverage.items()}, sort_keys=True),
                    findings_json=json.dumps([{"rule": f.rule, "severity": f.severity, "line": f.line}
                                              for f in audit.findings], ensure_ascii=False)))

    def set_measure_review(self, text_hash: str, measure: str, status: Status, note: str, by: str | None = None) -> str:
        if status not in STATUSES:
            raise RegisterError(f"status must be one of {', '.join(STATUSES)}, not {status!r}")
        return self._add_review(MeasureReviewRow, text_hash, note, by, measure=measure, status=status)

    def set_finding_review(self, text_hash: str, rule: str, verdict: Verdict, note: str, by: str | None = None) -> str:
        if verdict not in ("accepted", "rejected"):
            raise RegisterError(f"verdict must be accepted or rejected, not {verdict!r}")
        return self._add_review(FindingReviewRow, text_hash, note, by, rule=rule, verdict=verdict)

    def _add_review(self, table: type, text_hash: str, note: str, by: str | None, **decision: str) -> str:
        """One review row of the document ``text_hash`` (a note is required); returns its time."""
        note = _check_note(note)
        at = _now()
        with self._begin() as connection:
            doc_id = self._document_id(connection, text_hash)
            connection.execute(insert(table).values(document_id=doc_id, note=note, by=by, at=at, **decision))
        return at

    # ------------------------------------------------------------------ reads

    def annotate(self, report: AuditReport, parsed: ParseReport | None = None) -> AuditReport:
        """Put the reviews in force on every document of the report (in place; also returned)."""
        files = {f.source: f for f in parsed.files} if parsed is not None else {}
        for source, audits in _by_source(report.documents).items():
            self.annotate_audits(audits, files.get(source))
        return report

    def annotate_audits(self, audits: list[DocumentAudit], parsed: ParsedFile | None = None) -> list[DocumentAudit]:
        """Put the reviews in force on the audited documents of one file (in place; also returned)."""
        with Session(self.engine) as connection:
            for audit in audits:
                if audit.content_hash is None and parsed is not None and audit.index < len(parsed.documents):
                    audit.content_hash = content_hash(document_text(parsed.text, parsed.documents[audit.index]))
                if audit.content_hash is None:
                    continue
                row = connection.execute(select(DocumentRow).where(DocumentRow.content_hash == audit.content_hash)).scalar()
                self._apply(connection, audit, row)
        return audits

    def _apply(self, connection, audit: DocumentAudit, row: DocumentRow | None) -> None:  # noqa: ANN001
        versions: list[DocumentRow] = [row] if row is not None else []
        key = row.identity if row is not None else identity(audit)
        if key is not None:
            versions += connection.execute(
                select(DocumentRow).where(DocumentRow.identity == key, DocumentRow.content_hash != audit.content_hash)
                .order_by(DocumentRow.id.desc())).scalars().all()
        stale_from: DocumentRow | None = None
        for version in versions:
            stale = version.content_hash != audit.content_hash
            for measure, review in _latest(connection, MeasureReviewRow, MeasureReviewRow.measure, version.id).items():
                cov = audit.coverage.get(measure)
                if cov is not None and cov.review is None:
                    cov.review = MeasureReview(status=review.status, note=review.note, by=review.by, at=review.at,
                                               stale=stale)
                    stale_from = stale_from or (version if stale else None)
            verdicts = _latest(connection, FindingReviewRow, FindingReviewRow.rule, version.id)
            for finding in audit.findings:
                review = verdicts.get(finding.rule)
                if review is not None and finding.review is None:
                    finding.review = FindingReview(verdict=review.verdict, note=review.note, by=review.by,
                                                   at=review.at, stale=stale)
                    stale_from = stale_from or (version if stale else None)
        if stale_from is not None and row is not None:
            audit.reviewed_version = ReviewedVersion(content_hash=stale_from.content_hash, source=stale_from.source,
                                                     changes=_changes(stale_from, row, audit))

    def reviews(self, locality: str | None = None) -> list[ReviewEntry]:
        """The reviews in force (latest per document and measure or rule), optionally for one locality."""
        wanted = search_key(locality) if locality else None
        entries: list[ReviewEntry] = []
        with Session(self.engine) as connection:
            rows = connection.execute(select(DocumentRow).order_by(DocumentRow.level, DocumentRow.locality_name,
                                                                   DocumentRow.id)).scalars().all()
            for row in rows:
                name = row.locality_name or ""
                if wanted and wanted not in search_key(name):
                    continue
                base = dict(content_hash=row.content_hash, source=row.source,
                            locality=f"{row.locality_unit} {row.locality_name}" if row.locality_name else None,
                            number=row.number, kind=row.kind)
                for measure, r in sorted(_latest(connection, MeasureReviewRow, MeasureReviewRow.measure, row.id).items()):
                    entries.append(ReviewEntry(**base, target=measure, decision=r.status, note=r.note, by=r.by,
                                               at=r.at, what="measure"))
                for rule, r in sorted(_latest(connection, FindingReviewRow, FindingReviewRow.rule, row.id).items()):
                    entries.append(ReviewEntry(**base, target=rule, decision=r.verdict, note=r.note, by=r.by,
                                               at=r.at, what="finding"))
        return entries

    def latest_report(self) -> tuple[AuditReport | None, dict[str, Document]]:
        """The latest audit of every current text (one per locality/kind/number), with reviews applied."""
        from dancoso_compare.models import RulesRef

        with Session(self.engine) as connection:
            rows = connection.execute(select(DocumentRow).where(DocumentRow.audit_json.is_not(None))
                                      .order_by(DocumentRow.id)).scalars().all()
            run_id = connection.execute(select(func.max(RunRow.id))).scalar()
            run = connection.get(RunRow, run_id) if run_id is not None else None
        newest: dict[str, DocumentRow] = {}
        for row in rows:
            key = row.identity or row.content_hash
            current = newest.get(key)
            if current is None or (row.last_run_id or 0, row.id) >= (current.last_run_id or 0, current.id):
                newest[key] = row
        if run is None:
            return None, {}
        audits, documents = [], {}
        for row in sorted(newest.values(), key=lambda r: (r.source, r.id)):
            audit = DocumentAudit.model_validate_json(row.audit_json)
            audit.content_hash = row.content_hash
            audits.append(audit)
            documents[f"{audit.source}#{audit.index}"] = Document.model_validate_json(row.document_json)
        report = AuditReport(rules=RulesRef(id=run.rules_id, version=run.rules_version), documents=audits)
        return self.annotate(report), documents

    def document(self, text_hash: str) -> tuple[DocumentAudit, Document] | None:
        """One registered text's latest audit (with reviews) and parsed document."""
        with Session(self.engine) as connection:
            row = connection.execute(select(DocumentRow).where(DocumentRow.content_hash == text_hash)).scalar()
            if row is None or row.audit_json is None:
                return None
            audit = DocumentAudit.model_validate_json(row.audit_json)
            audit.content_hash = row.content_hash
            self._apply(connection, audit, row)
            return audit, Document.model_validate_json(row.document_json)

    def count(self, table: type) -> int:
        with Session(self.engine) as connection:
            return connection.execute(select(func.count()).select_from(table)).scalar_one()

    # ------------------------------------------------------------------ helpers

    def _begin(self):  # noqa: ANN202
        return _Guard(Session(self.engine), self.url)

    def _document_id(self, connection, text_hash: str) -> int:  # noqa: ANN001
        doc_id = connection.execute(select(DocumentRow.id).where(DocumentRow.content_hash == text_hash)).scalar()
        if doc_id is None:
            raise RegisterError(f"no document with content hash {text_hash[:12]}… in the register; audit it first")
        return doc_id


class _Guard:
    """A write transaction whose database errors become a RegisterError naming the database."""

    def __init__(self, context, url: str) -> None:  # noqa: ANN001
        self.context, self.url = context, url

    def __enter__(self):  # noqa: ANN204
        try:
            self.transaction = self.context.begin()
            return self.context
        except SQLAlchemyError as exc:
            raise RegisterError(f"{redact(self.url)}: {_short_error(exc)}") from exc

    def __exit__(self, *exc_info):  # noqa: ANN002, ANN204
        try:
            self.transaction.__exit__(*exc_info)
        except SQLAlchemyError as exc:
            raise RegisterError(f"{redact(self.url)}: {_short_error(exc)}") from exc
        finally:
            self.context.close()


def _short_error(exc: SQLAlchemyError) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _latest(connection, table, key, document_id: int) -> dict:  # noqa: ANN001
    """Latest row per key (highest id wins) for one document."""
    rows = connection.execute(select(table).where(table.document_id == document_id).order_by(table.id)).scalars().all()
    return {getattr(r, key.key): r for r in rows}


def _without_reviews(audit: DocumentAudit) -> str:
    data = audit.model_copy(deep=True)
    for cov in data.coverage.values():
        cov.review = None
    for finding in data.findings:
        finding.review = None
    data.content_hash = None
    return data.model_dump_json()


def _changes(old: DocumentRow, new: DocumentRow, new_audit: DocumentAudit) -> list[TextChange]:
    from dancoso_compare.report.diff import diff_documents

    if old.audit_json is None:
        return []
    old_doc = Document.model_validate_json(old.document_json)
    new_doc = Document.model_validate_json(new.document_json)
    old_audit = DocumentAudit.model_validate_json(old.audit_json)
    result = diff_documents(old_doc, old_audit, new_doc, new_audit)
    changes = []
    for unit in result.units:
        if unit.status == "unchanged":
            continue
        ref = unit.new or unit.old
        changes.append(TextChange(status=unit.status, location=ref.location("vi"), line=ref.line,
                                  old=unit.old.text if unit.old else None, new=unit.new.text if unit.new else None,
                                  word_diff=unit.word_diff))
    return changes


def _by_source(audits: list[DocumentAudit]) -> dict[str, list[DocumentAudit]]:
    """The audited documents grouped by file, files in order of first appearance (one pass)."""
    groups: dict[str, list[DocumentAudit]] = {}
    for audit in audits:
        groups.setdefault(audit.source, []).append(audit)
    return groups


def open_register(url: str | None = None) -> Register:
    """Open (creating and migrating when needed) the register at ``url`` (default: :func:`default_url`)."""
    url = url or default_url()
    engine = make_engine(url)
    try:
        migrate(engine)
    except (OperationalError, SQLAlchemyError) as exc:
        engine.dispose()
        raise RegisterError(f"{redact(url)}: cannot open the review register: {_short_error(exc)}") from exc
    return Register(engine, url)
