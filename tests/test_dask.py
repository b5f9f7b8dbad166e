"""Dask: a two-worker LocalCluster gives the same rows, and ``--scheduler`` the same report, as a local run."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest
from distributed import Client, LocalCluster

import dancoso_compare as dc
from dancoso_compare.dask import audit_bag, audit_frame, run_on_cluster

from tests.conftest import REPO, SEEDS


@pytest.fixture(scope="module")
def client():
    # Threads, not processes: fast to start; each worker thread gets its own Auditor.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        yield client


@pytest.fixture(scope="module")
def local():
    return dc.audit([SEEDS])


def test_two_worker_cluster_gives_the_same_rows_as_a_local_run(client, local):
    frame = local.to_frame()
    rows = audit_bag([SEEDS], npartitions=3).compute(scheduler=client)
    assert len(rows) == len(frame) == 6 * 5  # six documents x M1..M5
    assert pd.DataFrame(rows, columns=frame.columns).astype(frame.dtypes.to_dict()).equals(frame)
    distributed = audit_frame([SEEDS], npartitions=3).compute(scheduler=client)
    pd.testing.assert_frame_equal(distributed.reset_index(drop=True), frame)


def test_cluster_report_is_the_local_report(client, local):
    report, documents = run_on_cluster([SEEDS], None, client.scheduler.address, outline=True)
    assert report.model_dump_json(indent=2) == local.report.model_dump_json(indent=2)
    assert sorted(documents) == sorted(local.parsed_documents)


def test_cli_scheduler_option_writes_the_local_json(tmp_path):
    from dancoso_compare.dask import DaskMissing

    assert "[dask]" in str(DaskMissing("x"))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                      memory_limit="1GiB") as cluster:
        args = [sys.executable, "-m", "dancoso_compare.cli", "audit", str(SEEDS / "000_5ffeab1d114f175f.txt"),
                "--format", "json"]
        remote = subprocess.run([*args, "--scheduler", cluster.scheduler_address], capture_output=True, text=True,
                                cwd=REPO, timeout=300)
    here = subprocess.run(args, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert remote.returncode == here.returncode == 0, remote.stderr
    assert remote.stdout == here.stdout and json.loads(remote.stdout)["documents"]


def test_unreachable_scheduler_is_a_clear_error():
    env = {**os.environ, "DANCOSO_DASK_TIMEOUT": "1s"}
    result = subprocess.run([sys.executable, "-m", "dancoso_compare.cli", "audit", str(SEEDS), "--scheduler",
                             "tcp://127.0.0.1:9"], capture_output=True, text=True, cwd=REPO, timeout=120, env=env)
    assert result.returncode == 2
    assert "Dask scheduler at tcp://127.0.0.1:9" in result.stderr and "Traceback" not in result.stderr
