"""The Python API behind the CLI: read, parse and audit files.

    import dancoso_compare as dc
    files = dc.read("corpus/tinh-son-la-2024.txt")     # ParsedFile
    result = dc.audit(["corpus/"])                        # AuditResult (pandas, HTML, plot)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

from dancoso_compare.measures.annotate import Analyzer
from dancoso_compare.measures.compare import Comparator
from dancoso_compare.errors import InputError
from dancoso_compare.ingest.ocr import low_confidence_findings
from dancoso_compare.models import AuditReport, DocumentAudit, Finding, InputErrorRecord, ParsedFile, ParseReport, RulesRef
from dancoso_compare.parse import parse_source
from dancoso_compare.ingest.read import read_source
from dancoso_compare.measures.rulepack import RulePack, load_pack

if TYPE_CHECKING:
    from dancoso_compare.models import Document
    from dancoso_compare.report.family import FamilyComparison
    from dancoso_compare.report.results import AuditResult  # pandas: imported only when audit() is called

__all__ = [
    "Auditor", "ProgressCallback", "audit", "audit_report", "main_document_index", "parent_comparisons",
    "parse_paths", "pick_audit", "pick_document", "read",
]

ProgressCallback = Callable[[Path, int, int], None]


def read(path: str | PathLike) -> ParsedFile:
    """Parse one file into its documents (raises InputError for unreadable input)."""
    return parse_source(read_source(path))


def parse_paths(paths: Iterable[str | PathLike], on_file: ProgressCallback | None = None, *,
                jobs: int | None = 1) -> ParseReport:
    """Parse files and folders; bad files become error records, the others are still parsed.

    ``jobs``: 1 = in this process, N = N worker processes, None/0 = all cores (same result, same order).
    """
    from dancoso_compare.batch import Task, run

    files: list[ParsedFile] = []
    errors: list[InputErrorRecord] = []
    for result in run(paths, Task("parse"), jobs=jobs, on_file=on_file):
        if result.error is not None:
            errors.append(result.error)
        elif result.parsed is not None:
            files.append(result.parsed)
    return ParseReport(files=files, errors=errors)


def _lint(doc, related, as_of: date | None = None) -> list[Finding]:  # noqa: ANN001
    from dancoso_compare.checks import lint_document  # part of the package: an ImportError here is a real error

    return lint_document(doc, related=related, as_of=as_of)


@dataclass
class Auditor:
    """Audits parsed files against one rule pack; reuse it for many files."""

    pack: RulePack
    pack_path: str | None = None
    lint: bool = True
    as_of: date | None = None  # the day the drafting checks judge legal bases on (default: each document's date)
    analyzer: Analyzer = field(init=False)

    def __post_init__(self) -> None:
        self.analyzer = Analyzer(self.pack, self.pack_path)
        self.comparator = Comparator(self.pack, self.analyzer)

    @classmethod
    def from_path(cls, rules: str | PathLike | None = None, *, lint: bool = True,
                  as_of: date | None = None) -> "Auditor":
        return cls(load_pack(rules), str(rules) if rules else None, lint, as_of)

    def audit_file(self, parsed: ParsedFile) -> list[DocumentAudit]:
        audits = []
        for index, doc in enumerate(parsed.documents):
            audit = self.comparator.audit(doc, parsed.source, index)
            if doc.ocr is not None:  # a scan read by OCR: say so, and list its doubtful pages
                audit.ocr = doc.ocr
                audit.findings = low_confidence_findings(doc.ocr) + audit.findings
            if self.lint:
                related = [d for d in parsed.documents if d is not doc]
                findings = audit.findings + _lint(doc, related, self.as_of)
                audit.findings = sorted(findings, key=lambda f: (f.line or 0, f.rule, f.node_id or ""))
            doc.locate(audit.findings)  # Điều / khoản / điểm of each finding, from the tree
            audits.append(audit)
        self.analyzer.flush()
        return audits

    def report(self, parsed: ParseReport) -> AuditReport:
        documents = [a for f in parsed.files for a in self.audit_file(f)]
        return AuditReport(rules=RulesRef.of(self.pack), documents=documents,
                           errors=parsed.errors)


def audit_report(paths: Iterable[str | PathLike], rules: str | PathLike | None = None,
                 on_file: ProgressCallback | None = None, *, jobs: int | None = 1) -> tuple[AuditReport, ParseReport]:
    """The audit and the parsed files (each parsed once; ``jobs`` as in :func:`parse_paths`)."""
    if jobs == 1:
        parsed = parse_paths(paths, on_file)
        return Auditor.from_path(rules).report(parsed), parsed
    from dancoso_compare.batch import Task, run

    pack = load_pack(rules)
    task = Task("audit", str(rules) if rules else None, outline=False)
    files: list[ParsedFile] = []
    documents: list[DocumentAudit] = []
    errors: list[InputErrorRecord] = []
    for result in run(paths, task, jobs=jobs, on_file=on_file):
        if result.error is not None:
            errors.append(result.error)
        documents.extend(result.audits)
    report = AuditReport(rules=RulesRef.of(pack), documents=documents, errors=errors)
    return report, ParseReport(files=files, errors=errors)


def audit(paths: str | PathLike | Iterable[str | PathLike], rules: str | PathLike | None = None, *,
          jobs: int | None = 1, db: str | None = None) -> AuditResult:
    """Audit files/folders; returns an AuditResult (``.to_frame()``, ``.matrix()``, ``.plot()``).

    ``jobs``: worker processes (1 = this process, None/0 = all cores); with
    more than one, the parsed trees stay in the workers (``parse_report`` is empty).
    ``db``: a review register URL (``sqlite:///FILE``, ``postgresql://...``): the run is recorded
    and the reviews in force are put on the result, as ``dancoso audit --db``. The register keys
    documents by their text, so a run with ``db`` parses in this process (``jobs`` is ignored).
    """
    from dancoso_compare.report.results import AuditResult

    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    if db:
        from dancoso_compare.register.workflow import record_run

        report, parsed = audit_report(paths, rules)
        record_run(report, parsed, db)
    else:
        report, parsed = audit_report(paths, rules, jobs=jobs)
    return AuditResult(report, parsed=parsed)


# ---------------------------------------------------------------------------
# Choosing documents: "file.txt" (its Nghị quyết, else its first document) or "file.txt#1"
# ---------------------------------------------------------------------------


def main_document_index(kinds: Iterable[str]) -> int:
    """Index of the document a file stands for: its first Nghị quyết, else its first document."""
    return next((n for n, kind in enumerate(kinds) if kind == "nghi_quyet"), 0)


def pick_document(spec: str | PathLike) -> tuple[ParsedFile, int, Document]:
    """'file.txt' (its Nghị quyết, else its first document) or 'file.txt#1' (the document at that index).

    Returns the parsed file, the index and the document; raises :class:`InputError` naming the file when it
    has no document or the index is not one of its documents.
    """
    path, _, index = str(spec).partition("#")
    parsed = read(path)
    if not parsed.documents:
        raise InputError(path, "no document found", detail_vi="không tìm thấy văn bản nào trong tệp")
    if index:
        if not index.isdigit() or not 0 <= int(index) < len(parsed.documents):
            raise InputError(path, f"document index {index} out of range (the file has {len(parsed.documents)})",
                             detail_vi=f"không có văn bản số {index} (tệp có {len(parsed.documents)} văn bản, "
                             "đánh số từ 0)")
        i = int(index)
    else:
        i = main_document_index(d.kind for d in parsed.documents)
    return parsed, i, parsed.documents[i]


def pick_audit(spec: str | PathLike, auditor: Auditor) -> tuple[Document, DocumentAudit]:
    """The document ``spec`` names (as :func:`pick_document`) and its audit by ``auditor``."""
    parsed, i, document = pick_document(spec)
    return document, auditor.audit_file(parsed)[i]


def parent_comparisons(parent: str | PathLike, report: AuditReport, rules: str | PathLike | None = None, *,
                       as_of: date | None = None) -> dict[str, FamilyComparison]:
    """Each document of ``report`` compared with the higher-level resolution in the file ``parent``.

    The parent file stands for its Nghị quyết (else its first document). Keys are ``"source#index"``.
    Raises :class:`InputError` when the parent file has no document.
    """
    from dancoso_compare.batch import Task, _auditor
    from dancoso_compare.report.family import compare_with_parent
    from dancoso_compare.report.grouping import doc_key

    auditor = _auditor(Task("audit", str(rules) if rules else None, as_of=as_of))  # the one this process audits with
    parent_audits = auditor.audit_file(read(parent))
    if not parent_audits:
        raise InputError(parent, "no document found in the parent file",
                         detail_vi="không tìm thấy văn bản nào trong tệp văn bản cấp trên")
    chosen = parent_audits[main_document_index(a.kind for a in parent_audits)]
    return {doc_key(d): compare_with_parent(chosen, d) for d in report.documents}
