"""Run ``parse`` / ``audit`` over many files, in this process or on a process pool.

Each input file is one unit of work: it is read, parsed and (for an audit)
mapped and checked in a worker, which hands back only what the caller asked
for: the JSON text of each item (serialized in the worker, so the parent only
writes bytes), the small audit models, or a pruned copy of the parsed
documents for the HTML outline. Results come back **in input order**, so the
output is byte-identical whatever the number of workers (``jobs=1`` runs
everything in-process, without a pool).

    from dancoso_compare.batch import Task, run
    for result in run(["corpus/"], Task("audit", encode="jsonl"), jobs=0):   # 0 = all cores
        ...
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from dancoso_compare.errors import InputError
from dancoso_compare.models import DocumentAudit, InputErrorRecord, ParsedFile
from dancoso_compare.report.serialize import Encoding, encode_file, encode_item

if TYPE_CHECKING:
    from dancoso_compare.api import Auditor
    from dancoso_compare.models import Document, Node

ProgressCallback = Callable[[Path, int, int], None]
REFERENCE_FOLDER = "reference"
# Below this many files per worker a pool costs more (start-up, model loading) than it saves.
_FILES_PER_WORKER = 4


@dataclass(frozen=True)
class Task:
    """What to do with each file, and what to send back (picklable: it travels to the workers)."""

    kind: Literal["parse", "audit"] = "audit"
    rules: str | None = None
    lint: bool = True
    encode: Encoding | None = None  # serialize each item in the worker ("json" = indented as in the report)
    keep: bool = True  # send back the models (ParsedFile for parse, DocumentAudit list for audit)
    outline: bool = False  # audit: also send back the documents pruned to their outline (HTML report)
    as_of: date | None = None  # audit: judge legal bases on this day instead of each document's own date
    parsed: bool = False  # audit: also send back the whole ParsedFile (the review register keys documents by text)


@dataclass
class FileResult:
    """The outcome for one input file."""

    source: str
    error: InputErrorRecord | None = None
    parsed: ParsedFile | None = None
    audits: list[DocumentAudit] = field(default_factory=list)
    encoded: list[str] = field(default_factory=list)  # one per item: the file (parse) or each document (audit)
    documents: dict[str, Document] = field(default_factory=dict)  # "source#index" -> outline-only document


# --------------------------------------------------------------------------- inputs


def collect_inputs(paths: Iterable[str | PathLike]) -> list[tuple[Path, InputError | None]]:
    """Files as given and the supported files of the given folders (sorted), minus their ``reference/`` folders."""
    from dancoso_compare.ingest.read import expand_inputs

    given = list(paths)
    folders = [Path(p) for p in given if Path(p).is_dir()]
    return [item for item in expand_inputs(given)
            if not any((folder / REFERENCE_FOLDER) in item[0].parents for folder in folders)]


def default_jobs() -> int:
    """Cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def workers_for(jobs: int | None, files: int) -> int:
    """Worker count: ``jobs`` as asked (capped by the number of files); None/0 = all cores when it pays."""
    if files <= 1:
        return 1
    if jobs is None or jobs <= 0:
        return max(1, min(default_jobs(), files // _FILES_PER_WORKER))
    return max(1, min(jobs, files))


# --------------------------------------------------------------------------- the unit of work

_AUDITORS: dict[tuple[str | None, bool, date | None, int], Auditor] = {}


def _auditor(task: Task) -> Auditor:
    """One Auditor per process (and thread: Dask may run tasks in threads) and rule pack.

    The models and caches load once per worker, not once per file.
    """
    import threading

    key = (task.rules, task.lint, task.as_of, threading.get_ident())
    if key not in _AUDITORS:
        from dancoso_compare.api import Auditor

        _AUDITORS[key] = Auditor.from_path(task.rules, lint=task.lint, as_of=task.as_of)
    return _AUDITORS[key]


def process_file(path: Path, problem: InputError | None, task: Task) -> FileResult:
    """Read, parse and (for an audit) map and check one file; input problems become an error record."""
    from dancoso_compare.api import read

    result = FileResult(source=str(path))
    try:
        if problem is not None:
            raise problem
        parsed = read(path)
    except InputError as exc:
        result.error = InputErrorRecord(source=str(path), error=exc.message, code=exc.code)
        return result
    if task.kind == "parse":
        if task.encode:
            result.encoded.append(encode_file(parsed, task.encode))
        if task.keep:
            result.parsed = parsed
        return result
    audits = _auditor(task).audit_file(parsed)
    if task.encode:
        result.encoded.extend(encode_item(a, task.encode) for a in audits)
    if task.keep:
        result.audits = audits
    if task.outline:
        result.documents = {f"{parsed.source}#{i}": outline_only(doc) for i, doc in enumerate(parsed.documents)}
    if task.parsed:
        result.parsed = parsed
    return result


def _process(item: tuple[Path, InputError | None, Task]) -> FileResult:
    return process_file(*item)


_OUTLINE_KINDS = ("part", "chapter", "section", "article")


def outline_only(doc: Document) -> Document:
    """The document with its tree cut to the nodes an outline shows (headings and top-level items).

    The HTML report lists each document's Phần / Chương / Mục / Điều (or, in a
    Tờ trình, its numbered items); sending back that much instead of the
    whole tree keeps the parent's memory flat on large batches.
    """

    def prune(node: Node, depth: int) -> Node:
        copy = node.model_copy()
        copy.__pydantic_private__ = {**node.__pydantic_private__, "_offsets": None}  # type: ignore[index]
        copy.children = [prune(c, depth + 1) for c in node.children if depth < 1 or c.kind in _OUTLINE_KINDS]
        return copy

    pruned = doc.model_copy()
    pruned.body = [prune(n, 0) for n in doc.body]
    return pruned


# --------------------------------------------------------------------------- running


def run(paths: Iterable[str | PathLike], task: Task, *, jobs: int | None = 1,
        on_file: ProgressCallback | None = None) -> Iterator[FileResult]:
    """Process every input file; yields one :class:`FileResult` per file, in input order.

    ``jobs``: 1 = in this process; N = a pool of N processes; None or 0 = all
    cores when there are enough files to pay for the workers' start-up.
    """
    inputs = collect_inputs(paths)
    yield from run_inputs(inputs, task, jobs=jobs, on_file=on_file)


def run_inputs(inputs: list[tuple[Path, InputError | None]], task: Task, *, jobs: int | None = 1,
               on_file: ProgressCallback | None = None) -> Iterator[FileResult]:
    total = len(inputs)
    workers = workers_for(jobs, total)
    items = [(path, problem, task) for path, problem in inputs]
    if workers == 1:
        for n, item in enumerate(items, 1):
            if on_file:
                on_file(item[0], n, total)
            yield _process(item)
        return
    from concurrent.futures import ProcessPoolExecutor

    # Small chunks keep the workers busy to the end; several per worker amortize the messages.
    chunksize = max(1, min(8, total // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(), initializer=_worker_init) as pool:
        for n, (item, result) in enumerate(zip(items, pool.map(_process, items, chunksize=chunksize)), 1):
            if on_file:
                on_file(item[0], n, total)
            yield result


def _worker_init() -> None:
    """A forked worker must not use its parent's Auditors or cache connection (SQLite forbids it)."""
    from dancoso_compare.cache import shared_cache

    _AUDITORS.clear()
    shared_cache.cache_clear()


def _context():  # noqa: ANN202
    """fork where it exists (workers inherit the loaded modules), else the platform default."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)
