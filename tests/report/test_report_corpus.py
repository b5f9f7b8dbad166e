"""The reports on the real pipeline's output for the bundled corpus/ folder."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

import dancoso_compare as dc
from dancoso_compare.report import check_exit_code, render_plain, summary_table, to_github, to_sarif, write_report
from dancoso_compare.report.results import AuditResult

from tests.report_factory import Page

REPO = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _audit():
    audit = getattr(dc, "audit", None)
    if audit is None:  # exported from the package by the lead; the API module has it already
        from dancoso_compare.api import audit
    return audit


@pytest.fixture(scope="module")
def result() -> AuditResult:
    result = _audit()([str(REPO / "corpus")])
    assert isinstance(result, AuditResult)
    assert result.documents, "the corpus should hold documents"
    return result


@pytest.fixture(scope="module")
def written(result, tmp_path_factory):
    return write_report(result.report, tmp_path_factory.mktemp("corpus") / "report", documents=result.parsed_documents)


def test_workbook_matches_the_report(result, written):
    report = result.report
    wb = load_workbook(written["xlsx"])
    assert wb.sheetnames[:3] == ["Tổng hợp", "Bằng chứng", "Phát hiện"]
    summary = list(wb["Tổng hợp"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in summary] == [(d.source, d.index + 1) for d in report.documents]
    evidence = list(wb["Bằng chứng"].iter_rows(min_row=2, values_only=True))
    expected = [(d.source, d.index + 1, m, ev.line) for d in report.documents
                for m in sorted(d.coverage) for ev in d.coverage[m].evidence]
    assert [(r[0], r[1], r[3], r[6]) for r in evidence] == expected
    findings = list(wb["Phát hiện"].iter_rows(min_row=2, values_only=True))
    assert len(findings) == sum(len(d.findings) for d in report.documents)


def test_html_and_json(result, written):
    page = Page(written["html"].read_text(encoding="utf-8"))
    assert len(page.find("tr", data_doc="*")) == len(result.documents)
    assert written["json"].read_bytes() == result.report.model_dump_json(indent=2).encode("utf-8")
    # the parsed documents give every section its outline
    assert page.text.count("Cấu trúc văn bản") == len(result.documents)


def test_ci_outputs(result):
    report = result.report
    jsonschema.Draft4Validator(SCHEMA).validate(to_sarif(report))
    jsonschema.Draft4Validator(SCHEMA).validate(to_sarif(report, "en"))
    lines = to_github(report).splitlines()
    assert len(lines) == len(to_sarif(report)["runs"][0]["results"])
    gaps = any(c.status != "present" for d in report.documents if d.kind != "other" for c in d.coverage.values())
    errors = any(f.severity == "error" for d in report.documents for f in d.findings)
    assert check_exit_code(report) == (1 if gaps or errors else 0)


def test_frames_and_summary(result):
    frame = result.to_frame()
    assert len(frame) == len(result.documents) * len(result.matrix().columns)
    assert set(frame["status"].dropna()) <= {"present", "partial", "missing"}
    text = render_plain(summary_table(result.report), width=160)
    for doc in result.documents:
        if doc.locality:
            assert doc.locality.name in text
