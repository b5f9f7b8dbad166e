"""Rule packs are data validated by a schema; a bad pack is rejected with a clear message."""

from __future__ import annotations

import pytest
import yaml

from dancoso_compare.annotate import find_cues, compile_cues
from dancoso_compare.errors import RulePackError
from dancoso_compare.rulepack import load_pack
from dancoso_compare.resources import rules_dir

from .conftest import CORPUS


def test_default_pack_is_grounded_in_the_law_text():
    pack = load_pack()
    assert pack.measure_ids == ["M1", "M2", "M3", "M4", "M5"]
    law = (CORPUS / "reference" / "luat-10-2022-QH15.txt").read_text(encoding="utf-8")
    for measure in pack.measures:
        assert f"{measure.clause}. {measure.law_text}" in law  # verbatim Điều 8 khoản N
        assert all(e.id.startswith(measure.id + ".") for e in measure.elements)
    assert [len(m.elements) for m in pack.measures] == [1, 2, 2, 2, 2]


def test_every_measure_heading_of_the_law_matches_its_own_elements():
    pack = load_pack()
    cues = compile_cues(pack)
    for measure in pack.measures:
        hits = find_cues(measure.law_text, cues)
        found = {h["element"] for h in hits if h["group"] == measure.id and h["strength"] == "strong"}
        assert found == {e.id for e in measure.elements}, measure.id


def _write(tmp_path, data):
    path = tmp_path / "pack.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_malformed_pack_is_rejected_with_locations(tmp_path):
    data = yaml.safe_load((rules_dir() / "dieu8.yaml").read_text(encoding="utf-8"))
    data["measures"][1]["elements"][0]["id"] = "X2.wrong"
    del data["measures"][2]["law_text"]
    data["scoring"]["assign"] = -1
    with pytest.raises(RulePackError) as info:
        load_pack(_write(tmp_path, data))
    message = str(info.value)
    assert "pack.yaml" in message and "3 problem" in message
    assert "measures.1" in message and "must start with 'M2.'" in message
    assert "measures.2.law_text" in message
    assert "scoring.assign" in message


def test_not_yaml_and_missing_pack(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed", encoding="utf-8")
    with pytest.raises(RulePackError, match="not valid YAML"):
        load_pack(bad)
    with pytest.raises(RulePackError, match="no such rule pack"):
        load_pack(tmp_path / "none.yaml")


def test_another_pack_works_without_code_changes(tmp_path):
    from dancoso_compare.api import Auditor
    from dancoso_compare.parse import parse_text

    pack = {
        "id": "demo-pack", "version": "0.1", "title": "Demo: hai biện pháp",
        "law": {"instrument": "Luật Demo", "article": "Điều 1"},
        "measures": [
            {"id": "A", "name": "Tuyên truyền", "citation": "Điều 1 khoản 1", "law_text": "Tăng cường tuyên truyền pháp luật.",
             "headings": ["Tăng cường tuyên truyền"], "elements": [{"id": "A.info", "name": "tuyên truyền", "strong": ["tuyên truyền"]}]},
            {"id": "B", "name": "Kiểm tra", "citation": "Điều 1 khoản 2", "law_text": "Tăng cường kiểm tra, giám sát.",
             "headings": ["Kiểm tra, giám sát"], "elements": [{"id": "B.check", "name": "kiểm tra", "strong": ["kiểm tra"]}]},
        ],
    }
    auditor = Auditor.from_path(_write(tmp_path, pack), lint=False)
    audit = auditor.audit_file(parse_text("Điều 1. Biện pháp\n1. Tăng cường tuyên truyền pháp luật.\n"))[0]
    assert {m: c.status for m, c in audit.coverage.items()} == {"A": "present", "B": "missing"}
