"""Batches: a process pool gives the same bytes as one process; streamed, jsonl and compact JSON carry the same data."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import jsonschema
import pytest

from dancoso_compare.api import parse_paths
from dancoso_compare.batch import Task, outline_only, run, workers_for
from dancoso_compare.report.serialize import expand_compact
from dancoso_compare.schema import compact_parse_schema

from tests.conftest import REPO, SEEDS


def cli(*args):
    result = subprocess.run([sys.executable, "-m", "dancoso_compare.cli", *args], capture_output=True, text=True,
                            cwd=REPO, timeout=300)
    assert result.returncode in (0, 2), result.stderr
    return result


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A small folder generated from the seeds (reordered, dropped, re-headed items; other localities and dates)."""
    spec = importlib.util.spec_from_file_location("bench", REPO / "benchmarks" / "bench.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench", bench)  # dataclasses look their module up while the file runs
    spec.loader.exec_module(bench)
    corpus = bench.generate_corpus(bench.load_seeds(), 14, seed=7)
    folder = tmp_path_factory.mktemp("generated")
    for n, (_, text) in enumerate(corpus.texts):
        (folder / f"{n:03d}.txt").write_text(text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")  # an input error in the middle of the batch
    assert len(corpus.texts) > len(list(SEEDS.glob("*.txt")))
    return folder


@pytest.mark.parametrize("command", ["parse", "audit"])
def test_jobs_two_and_one_give_identical_json_on_the_seeds(command):
    one = cli(command, str(SEEDS), "--format", "json", "--jobs", "1")
    two = cli(command, str(SEEDS), "--format", "json", "--jobs", "2")
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["files" if command == "parse" else "documents"]


def test_jobs_two_and_one_give_identical_json_on_a_generated_folder(generated):
    one = cli("audit", str(generated), "--format", "json", "--jobs", "1")
    two = cli("audit", str(generated), "--format", "json", "--jobs", "2")
    assert one.returncode == two.returncode == 2  # the empty file
    assert one.stdout == two.stdout
    data = json.loads(one.stdout)
    assert [e["code"] for e in data["errors"]] == ["empty"]
    sources = [d["source"] for d in data["documents"]]
    assert sources == sorted(sources)  # input order, whatever worker finished first


def test_pool_results_come_back_in_input_order(generated):
    task = Task("parse", keep=False, encode="jsonl")
    local = list(run([generated], task, jobs=1))
    pooled = list(run([generated], task, jobs=2))
    assert [r.source for r in pooled] == [r.source for r in local]
    assert [r.encoded for r in pooled] == [r.encoded for r in local]
    assert workers_for(2, len(local)) == 2 and workers_for(1, len(local)) == 1 and workers_for(5, 1) == 1


def test_streamed_json_is_the_whole_report_dump(generated):
    streamed = cli("parse", str(generated), "--format", "json", "--jobs", "1").stdout
    assert streamed == parse_paths([generated]).model_dump_json(indent=2) + "\n"


def test_streamed_json_without_any_document():
    result = cli("audit", str(REPO / "missing.txt"), "--format", "json")
    data = json.loads(result.stdout)
    assert data["documents"] == [] and data["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize("command", ["parse", "audit"])
def test_jsonl_parses_line_by_line_and_carries_the_same_documents_as_json(command, generated):
    full = json.loads(cli(command, str(generated), "--format", "json").stdout)
    lines = [json.loads(line) for line in cli(command, str(generated), "--format", "jsonl").stdout.splitlines()]
    items = "files" if command == "parse" else "documents"
    header, rest = lines[0], lines[1:]
    assert header == {k: v for k, v in full.items() if k not in (items, "errors")}
    errors = [line for line in rest if "error" in line]
    assert rest[:len(rest) - len(errors)] == full[items]  # the documents, then the errors
    assert errors == full["errors"] and errors


def test_compact_parse_json_holds_each_text_once_and_expands_to_the_contract(generated):
    full = cli("parse", str(generated), "--format", "json").stdout
    compact_text = cli("parse", str(generated), "--compact").stdout
    assert "\n" not in compact_text.rstrip("\n")
    compact = json.loads(compact_text)
    jsonschema.validate(compact, compact_parse_schema())
    assert compact["compact"] is True and compact["schema_version"] == "1"

    def nodes(items):
        for node in items:
            yield node
            yield from nodes(node.get("children", []))

    for file in compact["files"]:
        for doc in file["documents"]:
            assert all("text" not in node for node in nodes(doc["body"]))
    assert len(compact_text) < 0.7 * len(full)
    assert expand_compact(compact).model_dump_json(indent=2) + "\n" == full


def test_outline_only_keeps_what_the_html_outline_shows():
    from dancoso_compare.report.html import _outline

    report = parse_paths([SEEDS])
    for parsed in report.files:
        for doc in parsed.documents:
            pruned = outline_only(doc)
            assert _outline(pruned) == _outline(doc)
            assert sum(1 for _ in pruned.walk()) <= sum(1 for _ in doc.walk())


def test_audit_report_folder_from_a_pool_matches_one_process(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    cli("audit", str(SEEDS), "--out", str(one), "--jobs", "1")
    cli("audit", str(SEEDS), "--out", str(two), "--jobs", "2")
    for name in ("index.html", "audit.json"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    assert "Điều 1" in (one / "index.html").read_text(encoding="utf-8")  # the outline made it through


def test_report_folder_json_is_written_document_by_document_with_the_same_bytes(tmp_path):
    from dancoso_compare.models import InputErrorRecord
    from dancoso_compare.report.writer import _write_json

    report = dc_audit_report()
    report.errors.append(InputErrorRecord(source="x.doc", error="x.doc: unsupported", code="unsupported"))
    _write_json(tmp_path / "audit.json", report)
    assert (tmp_path / "audit.json").read_bytes() == report.model_dump_json(indent=2).encode("utf-8")


def dc_audit_report():
    from dancoso_compare.api import audit_report

    return audit_report([SEEDS / "000_5ffeab1d114f175f.txt"])[0]
