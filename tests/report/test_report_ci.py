"""CI outputs: exit codes, GitHub annotations, SARIF validated against the official schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dancoso_compare.models import Locality
from dancoso_compare.report.ci import artifact_uri, check_exit_code, to_github, to_sarif

from tests.report_factory import clean_report, coverage, finding, full_coverage, report_with, sample_documents, sample_report

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _doc(**update):
    base = sample_documents()[6]  # Việt Trì: complete, no findings
    return base.model_copy(update=update)


# -- exit codes -------------------------------------------------------------


def test_clean_batch_exits_zero():
    assert check_exit_code(clean_report()) == 0
    assert check_exit_code(clean_report(), "info") == 0


def test_input_errors_exit_two_first():
    assert check_exit_code(sample_report(errors=True)) == 2


@pytest.mark.parametrize("status", ["missing", "partial"])
def test_measure_gap_fails_whatever_the_threshold(status):
    report = report_with(_doc(coverage=full_coverage(M3=coverage("M3", status, missing=("danh_gia",)))))
    assert check_exit_code(report, "error") == 1


@pytest.mark.parametrize(("severity", "fail_on", "code"), [
    ("error", "error", 1), ("warning", "error", 0), ("info", "error", 0),
    ("error", "warning", 1), ("warning", "warning", 1), ("info", "warning", 0),
    ("error", "info", 1), ("warning", "info", 1), ("info", "info", 1),
])
def test_findings_against_threshold(severity, fail_on, code):
    report = report_with(_doc(findings=[finding("DC-T-1", severity, "m", "m", 3)]))
    assert check_exit_code(report, fail_on) == code


def test_other_documents_are_not_held_to_article_8():
    report = report_with(_doc(kind="other", coverage={m: coverage(m, "missing") for m in ("M1", "M2", "M3", "M4", "M5")}))
    assert check_exit_code(report) == 0
    assert to_github(report) == ""


def test_bad_threshold_rejected():
    with pytest.raises(ValueError):
        check_exit_code(clean_report(), "fatal")


# -- GitHub -----------------------------------------------------------------


def test_github_one_command_per_problem():
    report = sample_report()
    lines = to_github(report).splitlines()
    gaps = sum(1 for d in report.documents for c in d.coverage.values() if c.status != "present")
    assert len(lines) == gaps + sum(len(d.findings) for d in report.documents)
    assert "::error file=batch/muong_kim_nq_15.docx,line=66,title=DC-NUM-003::Điều 4 có hai khoản cùng số 3." in lines[4]
    assert any(line.startswith("::warning file=batch/ca_mau_du_thao.docx,line=4,title=DC-META-002::") for line in lines)
    assert any(line.startswith("::notice file=batch/son_la_nq_08.pdf,line=1,title=DC-META-005::") for line in lines)
    # a missing measure points at the document's first line, a partial one at its best evidence
    assert any(line.startswith("::error file=batch/muong_kim_nq_15.docx,line=1,title=DC-MEASURE-M4::Thiếu biện pháp M4")
               for line in lines)
    assert any(line.startswith("::error file=batch/muong_kim_nq_15.docx,line=52,title=DC-MEASURE-M2::") for line in lines)


def test_github_escaping():
    doc = _doc(source="dir,with:odd%name.txt",
               findings=[finding("DC-ESC", "warning", "dòng 1\ndòng 2\r 100% xong: a, b", "x", 7)])
    line = to_github(report_with(doc)).strip()
    assert line == ("::warning file=dir%2Cwith%3Aodd%25name.txt,line=7,title=DC-ESC::"
                    "dòng 1%0Adòng 2%0D 100%25 xong: a, b")
    assert "\n" not in line


def test_github_input_errors_and_english():
    out = to_github(sample_report(errors=True), lang="en")
    assert out.splitlines()[0] == "::error file=batch/scan.pdf,title=scanned_pdf::Input file could not be read: the PDF has no text layer (a scanned image)"
    assert "Article 4 has two clauses numbered 3." in out
    assert "Measure M4 is missing" in out


# -- SARIF --------------------------------------------------------------------


def _validate(log):
    jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sarif_is_valid(lang):
    log = to_sarif(sample_report(errors=True), lang=lang)
    _validate(json.loads(json.dumps(log)))  # also proves it is plain JSON


def test_schema_rejects_an_invalid_log():
    log = to_sarif(sample_report())
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate(log)


def test_sarif_content():
    report = sample_report()
    log = to_sarif(report)
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "dancoso_compare"
    rules = {r["id"]: r for r in driver["rules"]}
    assert {"DC-MEASURE-M1", "DC-MEASURE-M5", "DC-NUM-003", "DC-META-001"} <= set(rules)
    assert rules["DC-NUM-003"]["properties"]["legalSource"] == "Khoản 2 Điều 61 Luật Ban hành văn bản quy phạm pháp luật"
    assert rules["DC-MEASURE-M4"]["properties"]["legalSource"] == "Điều 8 khoản 4 Luật 10/2022/QH15"  # the pack's citation
    results = run["results"]
    assert len(results) == len(to_github(report).splitlines())
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    m4 = next(r for r in results if r["ruleId"] == "DC-MEASURE-M4" and "muong_kim" in
              r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
    assert m4["level"] == "error" and m4["message"]["text"].startswith("Thiếu biện pháp M4")
    info = next(r for r in results if r["ruleId"] == "DC-META-005")
    assert info["level"] == "note"
    assert info["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    num = next(r for r in results if r["ruleId"] == "DC-NUM-003")
    assert num["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "dieu-4.khoan-3"


def test_sarif_records_input_errors_as_notifications():
    run = to_sarif(sample_report(errors=True))["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["descriptor"]["id"] == "scanned_pdf"


def test_sarif_is_deterministic():
    assert json.dumps(to_sarif(sample_report())) == json.dumps(to_sarif(sample_report()))


@pytest.mark.parametrize(("source", "uri"), [
    ("batch/nghị quyết 15.docx", "batch/ngh%E1%BB%8B%20quy%E1%BA%BFt%2015.docx"),
    ("/srv/hồ sơ/a.txt", "file:///srv/h%E1%BB%93%20s%C6%A1/a.txt"),
    ("C:\\Hồ sơ\\a.pdf", "file:///C:/H%E1%BB%93%20s%C6%A1/a.pdf"),
    ("a#b?.txt", "a%23b%3F.txt"),
])
def test_artifact_uri(source, uri):
    assert artifact_uri(source) == uri


def test_sarif_with_unusual_paths_is_valid():
    doc = _doc(source="hồ sơ/nghị quyết #1.txt", locality=Locality(name="Hà Nội", unit="thành phố", level="tinh"),
               findings=[finding("DC-T-2", "warning", "m", "m", None)])
    _validate(to_sarif(report_with(doc)))


def test_every_uri_is_an_rfc3986_reference():
    # jsonschema does not check the "uri-reference" format without extra packages: check it here.
    import re

    allowed = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-F]{2})*$")
    doc = _doc(source="hồ sơ/nghị quyết #1 (bản 2) 100%.txt", findings=[finding("DC-T-3", "info", "m", "m", 2)])
    log = to_sarif(report_with(doc, *sample_report().documents))
    uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in log["runs"][0]["results"] for loc in result["locations"]]
    assert uris and all(allowed.match(uri) for uri in uris)


def test_placeholder_legal_source_is_dropped():
    doc = _doc(findings=[finding("DC-X-1", "info", "thông báo", "note", 3, "—")])
    assert to_github(report_with(doc)).strip().endswith("title=DC-X-1::thông báo")
    log = to_sarif(report_with(doc))
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "DC-X-1")
    assert "legalSource" not in rule["properties"]
    assert "legalSource" not in log["runs"][0]["results"][0]["properties"]
