"""Scale out on Dask (optional extra: ``pip install "dancoso_compare[dask]"``).

    from dancoso_compare.dask import audit_bag, audit_frame
    rows = audit_bag(["corpus/"])            # dask.bag of audit rows (document x measure)
    frame = audit_frame(["corpus/"])         # the same as a dask.dataframe
    frame.groupby("measure").status.value_counts().compute()

Rows have the columns of ``AuditResult.to_frame()`` (``FRAME_COLUMNS``), in
input order. Each file is one task: it is read, parsed, mapped and checked on
a worker (one Auditor per worker, loaded once). The workers must see the same
paths as the client (a shared folder). ``dancoso audit --scheduler ADDRESS``
runs a whole audit this way on a running ``distributed`` cluster and writes
the same output as a local run (``DANCOSO_DASK_TIMEOUT``, default 10s, bounds
the wait for the scheduler).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from os import PathLike
from typing import TYPE_CHECKING, Any

from dancoso_compare.batch import FileResult, Task, collect_inputs, process_file
from dancoso_compare.errors import DancosoError

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe

    from dancoso_compare.models import AuditReport, Document

EXTRA_HINT = 'install the Dask extra: pip install "dancoso_compare[dask]"'


class DaskMissing(DancosoError):
    """The [dask] extra is not installed."""

    summary_vi = "chưa cài phần mở rộng Dask"
    advice_vi = "Hãy cài: pip install \"dancoso_compare[dask]\"."

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} needs Dask; {EXTRA_HINT}")


def _bag_module():  # noqa: ANN202
    try:
        import dask.bag as db
    except ImportError as exc:
        raise DaskMissing("dancoso_compare.dask") from exc
    return db


def _task(rules: str | PathLike | None, outline: bool = False) -> Task:
    return Task("audit", str(rules) if rules else None, outline=outline)


def _one(item: tuple[str, Any], task: Task) -> FileResult:
    from pathlib import Path

    path, problem = item
    return process_file(Path(path), problem, task)


def file_bag(paths: Iterable[str | PathLike], rules: str | PathLike | None = None, *,
             npartitions: int | None = None, outline: bool = False) -> dask.bag.Bag:
    """A bag of :class:`~dancoso_compare.batch.FileResult` (audits or input error), one per file, in input order."""
    db = _bag_module()
    inputs = [(str(path), problem) for path, problem in collect_inputs(paths)]
    if not inputs:
        return db.from_sequence([], npartitions=1)
    parts = npartitions or min(len(inputs), 64)
    return db.from_sequence(inputs, npartitions=parts).map(_one, _task(rules, outline))


def document_rows(result: FileResult) -> list[dict[str, Any]]:
    from dancoso_compare.report.grouping import measure_ids
    from dancoso_compare.report.results import frame_rows

    return [row for doc in result.audits for row in frame_rows(doc, measure_ids([doc]))]


def audit_bag(paths: Iterable[str | PathLike], rules: str | PathLike | None = None, *,
              npartitions: int | None = None) -> dask.bag.Bag:
    """A bag of audit rows (dicts with the columns of ``AuditResult.to_frame()``), document x measure."""
    return file_bag(paths, rules, npartitions=npartitions).map(document_rows).flatten()


def _partition_frame(partition, columns: list[str], dtypes: dict):  # noqa: ANN001, ANN202
    import pandas as pd

    rows = [row for rows in partition for row in rows]
    return pd.DataFrame(rows, columns=columns).astype(dtypes)


def audit_frame(paths: Iterable[str | PathLike], rules: str | PathLike | None = None, *,
                npartitions: int | None = None) -> dask.dataframe.DataFrame:
    """The audit rows as a Dask dataframe (``.compute()`` gives the pandas frame of ``AuditResult.to_frame()``)."""
    import pandas as pd

    from dancoso_compare.report.results import FRAME_COLUMNS, frame_dtypes

    dtypes = frame_dtypes()
    meta = pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in FRAME_COLUMNS}, columns=FRAME_COLUMNS)
    import dask
    import dask.dataframe as dd

    bag = file_bag(paths, rules, npartitions=npartitions).map(document_rows)
    parts = [dask.delayed(_partition_frame)(part, FRAME_COLUMNS, dtypes) for part in bag.to_delayed()]
    return dd.from_delayed(parts, meta=meta, verify_meta=False)


def run_on_cluster(paths: Iterable[str | PathLike], rules: str | PathLike | None, address: str, *,
                   outline: bool = False) -> tuple[AuditReport, dict[str, Document]]:
    """The whole audit on the Dask cluster at ``address``; same report as a local run, in the same order."""
    from dancoso_compare.models import AuditReport, RulesRef
    from dancoso_compare.measures.rulepack import load_pack

    try:
        from distributed import Client
    except ImportError as exc:
        raise DaskMissing("--scheduler") from exc
    pack = load_pack(rules)
    bag = file_bag(paths, rules, outline=outline)
    try:
        client = Client(address, timeout=os.environ.get("DANCOSO_DASK_TIMEOUT", "10s"))
    except (OSError, TimeoutError) as exc:
        raise DancosoError(f"cannot reach the Dask scheduler at {address}: {exc}. Check the address "
                           "(tcp://host:8786) and that the scheduler is running") from exc
    with client:
        results: list[FileResult] = bag.compute(scheduler=client)
    report = AuditReport(rules=RulesRef.of(pack), documents=[])
    documents: dict = {}
    for result in results:
        if result.error is not None:
            report.errors.append(result.error)
        report.documents.extend(result.audits)
        documents.update(result.documents)
    return report, documents
