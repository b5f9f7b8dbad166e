"""write_report: the folder's contents, reproducibility and atomic replacement."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import weakref

import pytest

from dancoso_compare.models import AuditReport, DocumentAudit
from dancoso_compare.report import ReportTargetError, render_html, write_report
from dancoso_compare.report import writer as writer_module
from dancoso_compare.report.writer import ReportWriter

from tests.conftest import REPO, SEEDS

from tests.report_factory import Page, clean_report, sample_report


def test_writes_the_three_outputs(tmp_path):
    report = sample_report()
    paths = write_report(report, tmp_path / "out")
    assert set(paths) == {"html", "xlsx", "json"}
    assert {p.name for p in paths.values()} == {"index.html", "audit.xlsx", "audit.json"}
    assert all(p.is_file() and p.stat().st_size > 0 for p in paths.values())
    assert paths["json"].read_bytes() == report.model_dump_json(indent=2).encode("utf-8")
    assert AuditReport.model_validate_json(paths["json"].read_bytes()) == report
    assert len(Page(paths["html"].read_text(encoding="utf-8")).find("tr", data_doc="*")) == len(report.documents)


def test_same_input_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764763200")  # the page shows when it was made: fix that time
    report = sample_report()
    a = write_report(report, tmp_path / "a")
    b = write_report(sample_report(), tmp_path / "b")
    assert a["json"].read_bytes() == b["json"].read_bytes()
    assert a["html"].read_bytes() == b["html"].read_bytes()


def test_replaces_a_previous_report_and_leaves_no_temporary_folders(tmp_path):
    out = tmp_path / "out"
    write_report(sample_report(), out)
    paths = write_report(clean_report(), out)
    assert b"batch/viet_tri_nq_21.txt" in paths["json"].read_bytes()
    assert b"muong_kim" not in paths["json"].read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_interrupted_build_keeps_the_previous_report(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_report(clean_report(), out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def explode(*args, **kwargs):
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C while the workbook was being written

    monkeypatch.setattr(writer_module, "write_xlsx", explode)
    with pytest.raises(KeyboardInterrupt):
        write_report(sample_report(), out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_interrupted_first_build_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(writer_module, "render_html_to", lambda *a, **k: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_report(sample_report(), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_two_rename_fallback_when_exchange_is_unavailable(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_report(sample_report(), out)
    monkeypatch.setattr(writer_module, "_exchange", lambda a, b: False)
    paths = write_report(clean_report(), out)
    assert b"muong_kim" not in paths["json"].read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_failed_second_rename_restores_previous_report(tmp_path, monkeypatch):
    out = tmp_path / "out"
    write_report(clean_report(), out)
    before = (out / "audit.json").read_bytes()
    monkeypatch.setattr(writer_module, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def rename(src, dst):
        if str(src).endswith(".tmp"):
            raise OSError("disk full")
        return real_rename(src, dst)

    monkeypatch.setattr(writer_module.os, "rename", rename)
    with pytest.raises(OSError, match="disk full"):
        write_report(sample_report(), out)
    assert (out / "audit.json").read_bytes() == before


def test_refuses_to_replace_a_folder_with_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ReportTargetError, match="not empty"):
        write_report(sample_report(), tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_refuses_a_file_as_target(tmp_path):
    target = tmp_path / "report"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(ReportTargetError, match="not a folder"):
        write_report(sample_report(), target)


def test_empty_existing_folder_is_used(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    paths = write_report(sample_report(), out)
    assert paths["html"].is_file()


def test_extra_files_are_written_with_the_report(tmp_path):
    paths = write_report(sample_report(), tmp_path / "out", extra_files={"audit.sarif": "{}", "github.txt": b"x"})
    assert paths["audit.sarif"].read_text(encoding="utf-8") == "{}"
    assert paths["github.txt"].read_bytes() == b"x"
    with pytest.raises(ValueError):
        write_report(sample_report(), tmp_path / "out", extra_files={"index.html": ""})
    with pytest.raises(ValueError):
        write_report(sample_report(), tmp_path / "out", extra_files={"../escape.txt": ""})


def test_english_report(tmp_path):
    paths = write_report(sample_report(), tmp_path / "out", lang="en")
    html = paths["html"].read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "Measure matrix" in html


# --------------------------------------------------------------------------- streaming (flat memory)


def _fresh_documents(report):
    """The report's documents rebuilt one at a time, as a batch delivers them (nothing else refers to them)."""
    for text in [doc.model_dump_json() for doc in report.documents]:
        yield DocumentAudit.model_validate_json(text)


def test_writer_keeps_only_summary_records_and_consumes_lazily(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764763200")
    report = sample_report(errors=True)
    assert any(cov.evidence for doc in report.documents for cov in doc.coverage.values())
    alive = []
    with ReportWriter(tmp_path / "out", report.rules) as writer:
        n = 0
        for doc in _fresh_documents(report):  # (not enumerate: its reused tuple would hold the last one)
            n += 1
            writer.add(doc)
            alive.append(weakref.ref(doc))
            del doc
            gc.collect()
            assert len(writer.summaries) == n  # one document in, one summary record kept
            assert [ref for ref in alive if ref() is not None] == []  # the full audit is not held
        assert all(not cov.evidence for s in writer.summaries for cov in s.coverage.values())
        paths = writer.close(report.errors)
    # the page drawn from the summary records and the spool is the page drawn from the whole report
    assert paths["html"].read_text(encoding="utf-8") == render_html(report)
    assert paths["json"].read_bytes() == report.model_dump_json(indent=2).encode("utf-8")
    assert sorted(p.name for p in paths["html"].parent.iterdir()) == [".dancoso-report", "audit.json",
                                                                       "audit.xlsx", "index.html"]


def test_writer_sections_follow_the_locality_order_not_the_batch_order(tmp_path):
    report = sample_report()
    reversed_report = report.model_copy(update={"documents": list(reversed(report.documents))})
    paths = write_report(reversed_report, tmp_path / "out")
    page = paths["html"].read_text(encoding="utf-8")
    assert page == render_html(reversed_report)
    sections = re.findall(r'<section class="doc" id="(doc-\d+)"', page)
    assert len(sections) == len(report.documents)
    assert sections != sorted(sections, key=lambda a: int(a.split("-")[1]))  # grouped, not in batch order


def test_writer_left_without_close_removes_its_temporary_folder(tmp_path):
    report = sample_report()
    with pytest.raises(RuntimeError), ReportWriter(tmp_path / "out", report.rules) as writer:
        writer.add(report.documents[0])
        raise RuntimeError("the batch stopped")
    assert list(tmp_path.iterdir()) == []


def test_cli_out_streams_the_same_folder_with_one_or_two_workers(tmp_path, monkeypatch):
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764763200"}

    def audit(*args):
        return subprocess.run([sys.executable, "-m", "dancoso_compare.cli", "audit", str(SEEDS), *args],
                              capture_output=True, text=True, cwd=REPO, env=env, timeout=300)

    one, two = audit("--out", str(tmp_path / "one"), "--jobs", "1"), audit("--out", str(tmp_path / "two"), "--jobs", "2")
    assert one.returncode == two.returncode == 0, one.stderr + two.stderr
    # the summary table, then the path
    assert one.stderr.replace("one", "two") == two.stderr and str(tmp_path / "one" / "index.html") in one.stderr
    for name in ("index.html", "audit.json"):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    whole = audit("--format", "json", "--jobs", "1").stdout
    assert (tmp_path / "one" / "audit.json").read_text(encoding="utf-8") == whole.rstrip("\n")
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    refused = audit("--out", str(busy))
    assert refused.returncode == 2 and "--out" in refused.stderr and "Traceback" not in refused.stderr
    assert [p.name for p in busy.iterdir()] == ["notes.txt"]
