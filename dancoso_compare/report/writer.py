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
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from dancoso_compare.models import AuditReport
from dancoso_compare.report import i18n
from dancoso_compare.report.html import DocumentsArg, render_html
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
    """
    i18n.check_lang(lang)
    out = Path(out_dir)
    _check_target(out)
    extra = dict(extra_files or {})
    for name in extra:
        if name in OUTPUTS.values() or name == MARKER or Path(name).name != name:
            raise ValueError(f"extra file name {name!r} must be a plain file name other than the report's own")

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        _write_json(staging / OUTPUTS["json"], report)
        html = render_html(report, lang=lang, documents=documents, parents=parents, generated_at=generated_at)
        _write_bytes(staging / OUTPUTS["html"], html.encode("utf-8"))
        write_xlsx(report, staging / OUTPUTS["xlsx"], lang=lang)
        _fsync_file(staging / OUTPUTS["xlsx"])
        for name, content in sorted(extra.items()):
            _write_bytes(staging / name, content.encode("utf-8") if isinstance(content, str) else content)
        _write_bytes(staging / MARKER, b"dancoso_compare report folder: replaced as a whole on each run\n")
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a report folder is meant to be shared
        _fsync_dir(staging)
        _put_in_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    paths = {key: out / name for key, name in OUTPUTS.items()}
    paths.update({name: out / name for name in extra})
    return paths


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
    """``report.model_dump_json(indent=2)``, written document by document (no copy of the whole text in memory)."""
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
