"""Write a report folder atomically.

Everything is built in a hidden temporary folder beside the target and only
then put in place, so an interrupted run (Ctrl-C, a crash, a full disk) leaves
either the previous report or the new one, never a half-written mix. On Linux
an existing report is swapped in one step (renameat2 RENAME_EXCHANGE); where
that is unavailable two renames are used, with the old folder put back if the
second one fails.

A folder is only ever replaced if it is empty or holds a previous report
(recognised by its marker file): ``--out .`` must not wipe a working tree.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from dancoso_compare.models import AuditReport, Document, DocumentAudit, InputErrorRecord, RulesRef
from dancoso_compare.report import i18n
from dancoso_compare.report.grouping import doc_key
from dancoso_compare.report.html import DocumentsArg, documents_by_key, render_html_to
from dancoso_compare.report.xlsx import write_xlsx

if TYPE_CHECKING:
    from dancoso_compare.report.family import FamilyComparison

MARKER = ".dancoso-report"
OUTPUTS = {"html": "index.html", "xlsx": "audit.xlsx", "json": "audit.json"}


class ReportTargetError(FileExistsError):
    """The output path exists and is not a report folder this tool may replace."""


def write_report(
    report: AuditReport,
    out_dir: str | os.PathLike[str],
    *,
    lang: str = "vi",
    documents: DocumentsArg = None,
    parents: Mapping[str, FamilyComparison] | None = None,
    generated_at: str | None = None,
    extra_files: Mapping[str, str | bytes] | None = None,
) -> dict[str, Path]:
    """Write index.html, audit.xlsx and audit.json into ``out_dir``; return their final paths.

    ``documents``: parsed documents (mapping ``source#index`` -> Document, or a list
    aligned with ``report.documents``) adds each document's outline to the HTML.
    ``parents``: ``{child source#index: FamilyComparison}`` adds parent comparisons.
    ``generated_at``: a timestamp shown in the HTML (omitted when None, keeping output reproducible).
    ``extra_files``: more files for the same folder (e.g. ``{"audit.sarif": ...}``), written atomically too.

    The same as feeding a :class:`ReportWriter` document by document.
    """
    parsed = documents_by_key(report, documents)
    with ReportWriter(out_dir, report, lang=lang, parents=parents, generated_at=generated_at,
                      extra_files=extra_files) as writer:
        for doc in report.documents:
            writer.add(doc, parsed.get(doc_key(doc)))
        return writer.close(report.errors)


class ReportWriter:
    """The report folder written as the audits arrive, so a batch of any size runs in flat memory.

    Each :meth:`add` appends the document to audit.json, its rows to the
    workbook's spooled sheets and the document itself (audit and outline) to a
    spool file in the temporary folder; only a small summary record (the audit
    without its evidence quotes) stays in memory, for the matrix, the grouping by
    locality and the summary sheet. :meth:`close` writes index.html from the
    summaries, reading each document's section back from the spool in the page's
    order, finishes the workbook and puts the folder in place. Use it as a
    context manager: leaving the block without :meth:`close` (an error, Ctrl-C)
    removes the temporary folder and keeps the previous report.

    ``rules``: the rule pack's reference, or a report whose envelope (schema version, rules) to keep.
    ``parents`` is the whole ``{key: FamilyComparison}`` mapping, known beforehand.
    """

    def __init__(self, out_dir: str | os.PathLike[str], rules: RulesRef | AuditReport, *, lang: str = "vi",
                 parents: Mapping[str, FamilyComparison] | None = None, generated_at: str | None = None,
                 extra_files: Mapping[str, str | bytes] | None = None) -> None:
        from dancoso_compare.report.serialize import ReportStream
        from dancoso_compare.report.xlsx import XlsxStream

        i18n.check_lang(lang)
        self.out = Path(out_dir)
        _check_target(self.out)
        self.extra = dict(extra_files or {})
        for name in self.extra:
            if name in OUTPUTS.values() or name == MARKER or Path(name).name != name:
                raise ValueError(f"extra file name {name!r} must be a plain file name other than the report's own")
        if isinstance(rules, AuditReport):
            self._envelope = rules.model_copy(update={"documents": [], "errors": []})
        else:
            self._envelope = AuditReport(rules=rules, documents=[])
        self.rules, self.lang, self.generated_at = self._envelope.rules, lang, generated_at
        self.parents = dict(parents or {})
        self.summaries: list[DocumentAudit] = []
        self._spans: list[tuple[int, int]] = []  # where each document lies in the spool
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out.name}.", suffix=".tmp", dir=self.out.parent))
        try:
            self._spool_dir = self.staging / ".spool"
            self._spool_dir.mkdir()
            self._spool = open(self._spool_dir / "documents.pickle", "w+b")  # noqa: SIM115 (closed in close/abort)
            self._json = open(self.staging / OUTPUTS["json"], "w", encoding="utf-8", newline="")  # noqa: SIM115
            self._stream = ReportStream(self._json.write, self._envelope, "documents", "json")
            self._xlsx = XlsxStream(self.rules, lang=lang, spool_dir=self._spool_dir)
        except BaseException:
            self.abort()
            raise

    def __enter__(self) -> ReportWriter:
        return self

    def __exit__(self, kind, value, traceback) -> None:  # noqa: ANN001
        if self.staging.exists():
            self.abort()

    def add(self, audit: DocumentAudit, outline: Document | None = None) -> None:
        """One audited document (and its outline-only parse, for the page's outline)."""
        from dancoso_compare.report.serialize import encode_item

        self._stream.add(encode_item(audit, "json"))
        self._xlsx.add(audit)
        start = self._spool.tell()
        pickle.dump((audit, outline), self._spool, protocol=pickle.HIGHEST_PROTOCOL)
        self._spans.append((start, self._spool.tell() - start))
        self.summaries.append(summary_record(audit))

    def summary_report(self, errors: list[InputErrorRecord] | None = None) -> AuditReport:
        """The batch as summary records (enough for the terminal's summary table)."""
        return self._envelope.model_copy(update={"documents": list(self.summaries), "errors": list(errors or [])})

    def close(self, errors: list[InputErrorRecord] | None = None) -> dict[str, Path]:
        """Finish the three files, put the folder in place and return the final paths."""
        errors = list(errors or [])
        try:
            unknown = sorted(set(self.parents) - {doc_key(doc) for doc in self.summaries})
            if unknown:  # a mistyped key would silently drop the comparison from the page
                raise ValueError(f"parents keys not in the report (expected 'source#index'): {', '.join(unknown)}")
            self._stream.close(errors, end="")
            self._json.flush()
            os.fsync(self._json.fileno())
            self._json.close()
            summary = self._envelope.model_copy(update={"documents": self.summaries, "errors": errors})
            self._spool.flush()
            positions = {id(doc): n for n, doc in enumerate(self.summaries)}
            with open(self.staging / OUTPUTS["html"], "w", encoding="utf-8", newline="") as handle:
                render_html_to(handle.write, summary, lambda doc: self._read(positions[id(doc)]), lang=self.lang,
                               parents=self.parents, generated_at=self.generated_at)
                handle.flush()
                os.fsync(handle.fileno())
            self._spool.close()
            write_xlsx(self._xlsx, self.staging / OUTPUTS["xlsx"], lang=self.lang, summary=summary)
            _fsync_file(self.staging / OUTPUTS["xlsx"])
            shutil.rmtree(self._spool_dir)
            for name, content in sorted(self.extra.items()):
                _write_bytes(self.staging / name, content.encode("utf-8") if isinstance(content, str) else content)
            _write_bytes(self.staging / MARKER, b"dancoso_compare report folder: replaced as a whole on each run\n")
            os.chmod(self.staging, 0o755)  # mkdtemp makes it private; a report folder is meant to be shared
            _fsync_dir(self.staging)
            _put_in_place(self.staging, self.out)
        except BaseException:
            self.abort()
            raise
        paths = {key: self.out / name for key, name in OUTPUTS.items()}
        paths.update({name: self.out / name for name in self.extra})
        return paths

    def abort(self) -> None:
        """Drop everything written so far; the previous report (if any) stays."""
        for name in ("_spool", "_json"):
            handle = getattr(self, name, None)
            if handle is not None and not handle.closed:
                handle.close()
        shutil.rmtree(self.staging, ignore_errors=True)

    def _read(self, position: int) -> tuple[DocumentAudit, Document | None]:
        start, length = self._spans[position]
        self._spool.seek(start)
        return pickle.loads(self._spool.read(length))  # noqa: S301 (our own spool file, written just before)


def summary_record(audit: DocumentAudit) -> DocumentAudit:
    """What the matrix, the grouping and the summary sheet read of a document: the audit without
    its evidence quotes and its unit mapping (the bulk of its size)."""
    coverage = {m: cov.model_copy(update={"evidence": []}) for m, cov in audit.coverage.items()}
    return audit.model_copy(update={"coverage": coverage, "mapping": []})


def _check_target(out: Path) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise ReportTargetError(f"{out}: exists and is not a folder; choose a folder for the report")
    entries = {p.name for p in out.iterdir()}
    if entries and MARKER not in entries:
        raise ReportTargetError(
            f"{out}: folder is not empty and holds no previous report; "
            "choose a new or empty folder (it is replaced as a whole)"
        )


def _write_json(path: Path, report: AuditReport) -> None:
    """``report.model_dump_json(indent=2)``, written document by document (what ReportWriter does as they come)."""
    from dancoso_compare.report.serialize import ReportStream, encode_item

    with open(path, "w", encoding="utf-8", newline="") as handle:
        stream = ReportStream(handle.write, report.model_copy(update={"documents": [], "errors": []}),
                              "documents", "json")
        for doc in report.documents:
            stream.add(encode_item(doc, "json"))
        stream.close(report.errors, end="")
        handle.flush()
        os.fsync(handle.fileno())


def _write_bytes(path: Path, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # not supported on Windows
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _put_in_place(staging: Path, out: Path) -> None:
    if not out.exists():
        os.rename(staging, out)
    elif _exchange(staging, out):
        shutil.rmtree(staging)  # now holds the previous report
    else:
        previous = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
        os.rmdir(previous)
        os.rename(out, previous)
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(previous, out)
            raise
        shutil.rmtree(previous, ignore_errors=True)
    _fsync_dir(out.parent)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
