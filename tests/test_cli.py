"""The command line: contracts, exit codes, typed errors, batches that go on after a bad file."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

from dancoso_compare.schema import SCHEMAS, schema_text

from tests.conftest import REPO, SEEDS


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "dancoso_compare.cli", *args], capture_output=True, text=True, cwd=cwd,
                          timeout=300)


def _schema(name):
    return json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))


def test_exported_schemas_are_up_to_date():
    for name, model in SCHEMAS.items():
        assert (REPO / "schema" / name).read_text(encoding="utf-8") == schema_text(model), f"run python -m dancoso_compare.schema"


def test_parse_json_contract_and_exit_zero():
    result = run("parse", str(SEEDS / "000_5ffeab1d114f175f.txt"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, _schema("parse.schema.json"))
    assert data["schema_version"] == "1" and data["errors"] == []
    docs = data["files"][0]["documents"]
    assert [d["kind"] for d in docs] == ["to_trinh", "nghi_quyet"]
    node = docs[1]["body"][-4]
    assert set(node) >= {"id", "kind", "label", "title", "text", "span", "lines", "children"}


def test_parse_text_outline():
    result = run("parse", str(SEEDS / "003_807f00099292550a.txt"), "--format", "text")
    assert result.returncode == 0
    assert "điểm f)" in result.stdout and "invalid_point_letter" in result.stdout


def test_batch_with_bad_files_reports_the_good_ones_and_exits_2(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    good = tmp_path / "good.txt"
    good.write_text((SEEDS / "001_cb2d2923c613e69b.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("audit", str(tmp_path / "empty.txt"), str(tmp_path / "photo.png"), str(good), "--format", "json")
    assert result.returncode == 2
    data = json.loads(result.stdout)
    jsonschema.validate(data, _schema("audit.schema.json"))
    assert [d["source"] for d in data["documents"]] == [str(good)]
    assert {e["source"] for e in data["errors"]} == {str(tmp_path / "empty.txt"), str(tmp_path / "photo.png")}
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr


def test_audit_json_contract_on_the_corpus():
    result = run("audit", "corpus/", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    jsonschema.validate(data, _schema("audit.schema.json"))
    assert data["rules"]["id"] == "luat-10-2022-qh15-dieu-8"
    assert len(data["documents"]) == 6  # the reference law is not audited
    doc = next(d for d in data["documents"] if d["source"].endswith("huyen-thang-binh-2024.txt"))
    assert doc["coverage"]["M4"]["status"] == "present"
    assert doc["extras"][0]["topic"].startswith("Ban Thanh tra")
    assert {"id", "article", "clause", "point", "text", "score"} <= set(doc["coverage"]["M1"]["evidence"][0])


def test_audit_output_is_byte_identical_across_runs():
    first = run("audit", str(SEEDS / "004_2cf445d5ce08baa1.txt"), "--format", "json")
    second = run("audit", str(SEEDS / "004_2cf445d5ce08baa1.txt"), "--format", "json")
    assert first.stdout == second.stdout


def test_rules_check_and_list():
    result = run("rules", "check")
    assert result.returncode == 0 and "M4" in result.stdout and "Ban Thanh tra" in result.stdout
    listed = run("rules", "list")
    assert listed.returncode == 0 and "DC-MEAS-ORDER" in listed.stdout


def test_bad_rule_pack_is_exit_2_without_traceback(tmp_path):
    bad = tmp_path / "pack.yaml"
    bad.write_text("id: x\nmeasures: []\n", encoding="utf-8")
    result = run("rules", "check", str(bad))
    assert result.returncode == 2
    assert "pack.yaml" in result.stderr and "Traceback" not in result.stderr


def test_eval_prints_scores():
    result = run("eval", "--gold", str(SEEDS.parent / "gold"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["accuracy"] == 1.0 and data["documents"] == 6
    assert data["mismatches"] == []


@pytest.mark.parametrize("command", ["parse", "audit", "check", "diff", "eval", "rules"])
def test_help_has_an_example(command):
    result = run(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout or "example" in result.stdout.lower() or command == "rules"


def _bad_inputs(tmp_path):
    from tests import builders

    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 40)
    builders.to_scanned_pdf(tmp_path / "scan.pdf")
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    return {"empty.txt": "empty", "binary.txt": "binary", "undecodable.txt": "encoding", "scan.pdf": "text layer",
            "old.doc": "could not be converted", "broken.docx": "damaged"}


def test_each_bad_input_is_a_typed_error_with_exit_2(tmp_path):
    expected = _bad_inputs(tmp_path)
    for name, words in expected.items():
        result = run("parse", str(tmp_path / name), "--lang", "en")  # the English detail; Vietnamese: test_cli_language
        assert result.returncode == 2, name
        assert name in result.stderr and words in result.stderr.lower(), (name, result.stderr)
        assert "Traceback" not in result.stderr
        assert json.loads(result.stdout)["errors"][0]["source"].endswith(name)
