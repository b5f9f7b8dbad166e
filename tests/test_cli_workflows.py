"""The three ways people use the tool, end to end through the command line."""

from __future__ import annotations

import json
import re

import jsonschema
import openpyxl

from tests.conftest import REPO, SEEDS
from tests.test_cli import run

MUONG_KIM = SEEDS / "000_5ffeab1d114f175f.txt"
VIET_TRI = SEEDS / "001_cb2d2923c613e69b.txt"
SON_LA = SEEDS / "003_807f00099292550a.txt"


def _without_clause(text: str, heading_start: str) -> str:
    """Drop one numbered item (its line and its points) from a seed."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if re.match(rf"^\s*(#+\s*)?\d+\.\s*{re.escape(heading_start)}", line))
    end = next(i for i in range(start + 1, len(lines)) if re.match(r"^\s*(#+\s*)?(\*\*)?(\d+\.|Điều \d)", lines[i]))
    return "\n".join(lines[:start] + lines[end:])


# -- 1. auditors: report folder, parent comparison, diff --------------------------------------------------


def test_audit_out_writes_the_report_and_says_where(tmp_path):
    out = tmp_path / "report"
    result = run("audit", "corpus/", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out / "index.html") in result.stderr
    assert {p.name for p in out.iterdir()} >= {"index.html", "audit.xlsx", "audit.json"}
    book = openpyxl.load_workbook(out / "audit.xlsx")
    summary = book.worksheets[0]
    assert summary.max_row - 1 == 6  # one row per document of the corpus
    data = json.loads((out / "audit.json").read_text(encoding="utf-8"))
    assert len(data["documents"]) == 6
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count("data-doc=") >= 6 and "<script src" not in html and "http://" not in html.split("</head>")[0]


def test_parent_comparison_reports_what_the_child_omits(tmp_path):
    child = tmp_path / "xa.txt"
    child.write_text(_without_clause(VIET_TRI.read_text(encoding="utf-8"), "Kịp thời biểu dương"), encoding="utf-8")
    result = run("audit", str(child), "--parent", str(SON_LA), "--format", "text")
    assert result.returncode == 0, result.stderr
    assert "M4" in result.stdout
    assert re.search(r"M4.*(thiếu|bỏ|không)", result.stdout, re.IGNORECASE | re.DOTALL)


def test_diff_of_the_submission_and_its_draft_resolution():
    result = run("diff", f"{MUONG_KIM}#0", f"{MUONG_KIM}#1", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    statuses = {u["status"] for u in data["units"]}
    assert "unchanged" in statuses
    assert data["measures"] == []  # the Tờ trình reproduces the draft: same measures


def test_diff_finds_a_removed_measure_and_an_edited_clause(tmp_path):
    text = VIET_TRI.read_text(encoding="utf-8")
    edited = _without_clause(text, "Hỗ trợ, khuyến khích ứng dụng công nghệ thông tin")
    edited = edited.replace("Tổ chức các cuộc vận động, đẩy mạnh các phong trào thi đua yêu nước",
                            "Hằng năm tổ chức các phong trào thi đua yêu nước")
    new = tmp_path / "new.txt"
    new.write_text(edited, encoding="utf-8")
    result = run("diff", str(VIET_TRI), str(new), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert any(m["measure"] == "M5" and m["new_status"] == "missing" for m in data["measures"])
    statuses = [u["status"] for u in data["units"]]
    assert "removed" in statuses and "changed" in statuses
    text_out = run("diff", str(VIET_TRI), str(new)).stdout
    assert "M5" in text_out


# -- 2. drafting teams in CI ------------------------------------------------------------------------------


def test_check_exit_codes(tmp_path):
    assert run("check", str(VIET_TRI)).returncode == 0  # no error-level finding, all measures present
    assert run("check", str(VIET_TRI), "--fail-on", "info").returncode == 1  # it has info findings
    assert run("check", str(SON_LA)).returncode == 1  # "f)" point letter and UBND bodies supervising: errors
    missing = tmp_path / "draft.txt"
    missing.write_text(_without_clause(VIET_TRI.read_text(encoding="utf-8"), "Bồi dưỡng"), encoding="utf-8")
    assert run("check", str(missing)).returncode == 1  # M1 missing
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert run("check", str(empty), str(VIET_TRI)).returncode == 2


def test_check_github_annotations_point_at_the_right_line():
    result = run("check", str(SON_LA), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    letter = next(l for l in lines if "DC-NUM-004" in l)
    assert letter.startswith("::error ") and "line=73" in letter
    supervision = next(l for l in lines if "DC-IMP-001" in l)
    assert "line=100" in supervision


def test_check_sarif_is_valid_sarif_2_1_0():
    schema = json.loads((REPO / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    result = run("check", str(SON_LA), "--format", "sarif", "--lang", "en")
    assert result.returncode == 1
    sarif = json.loads(result.stdout)
    jsonschema.validate(sarif, schema)
    results = sarif["runs"][0]["results"]
    assert any(r["ruleId"] == "DC-NUM-004" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 73 for r in results)


def test_english_reports():
    result = run("audit", str(SON_LA), "--format", "text", "--lang", "en")
    assert result.returncode == 0
    assert "Present" in result.stdout and "Measure" in result.stdout


def test_pre_commit_hook_runs_check():
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "dancoso check" in hooks or "entry: dancoso" in hooks
