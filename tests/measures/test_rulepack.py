"""Rule packs are data validated by a schema; a bad pack is rejected with a clear message."""

from __future__ import annotations

import pytest
import yaml

from dancoso_compare.measures.annotate import find_cues, compile_cues
from dancoso_compare.errors import RulePackError
from dancoso_compare.measures.rulepack import load_pack
from dancoso_compare.resources import rules_dir

from tests.conftest import CORPUS


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


# -- provenance (issue 9): every phrase of the pack says where it comes from ---------------

def test_every_rule_of_the_default_pack_has_a_known_source():
    pack = load_pack()
    assert pack.unsourced() == []
    used = {s for rule in [pack, *pack.measures, *(e for m in pack.measures for e in m.elements),
                           *pack.non_measure, *pack.extra_topics, *pack.roles] for s in rule.provenance.values()}
    assert used == set(pack.sources)  # no source is listed without being used
    assert all(e.source for m in pack.measures for e in m.examples)


def test_a_phrase_without_a_source_is_reported(tmp_path):
    data = yaml.safe_load((rules_dir() / "dieu8.yaml").read_text(encoding="utf-8"))
    data["measures"][0]["elements"][0]["strong"]["law-8.1"].append("lớp học tập")
    data["roles"][0]["markers"] = {"nowhere": ["nhằm"]}
    problems = load_pack(_write(tmp_path, data)).unsourced()
    assert any("'lớp học tập'" in p for p in problems) is False  # grouped under a known id: sourced
    assert any("'nhằm' cites unknown source 'nowhere'" in p for p in problems)
    data["measures"][0]["elements"][0]["weak"] = ["học tập"]  # a plain list: no source at all
    problems = load_pack(_write(tmp_path, data)).unsourced()
    assert any("measures.M1.training: 'học tập' has no source" in p for p in problems)


def _legal_texts():
    from tests.conftest import LAW

    return {
        "law": (LAW / "luat_10_2022_QH15_full.txt").read_text(encoding="utf-8"),
        "nd59": (LAW / "nd_59_2023_ND-CP_full.txt").read_text(encoding="utf-8"),
        "nd61": (LAW / "nd_61_2023_ND-CP_full.txt").read_text(encoding="utf-8"),
    }


def test_phrases_attributed_to_a_legal_text_occur_in_it():
    from dancoso_compare.textkey import fold

    pack = load_pack()
    texts = {k: " ".join(fold(v).split()) for k, v in _legal_texts().items()}
    law_text = {f"law-8.{m.clause}": " ".join(fold(m.law_text).split()) for m in pack.measures}
    rules = [pack, *pack.measures, *(e for m in pack.measures for e in m.elements), *pack.non_measure,
             *pack.extra_topics, *pack.roles]
    checked = 0
    for rule in rules:
        for phrase, source in rule.provenance.items():
            if source in law_text:
                haystack = law_text[source]
            elif source.split("-")[0] in texts:
                haystack = texts[source.split("-")[0]]
            else:
                continue  # a named paraphrase class
            for part in fold(phrase).split("…"):
                assert " ".join(part.split()) in haystack, (source, phrase)
            checked += 1
    assert checked > 60


def test_seed_only_cues_are_gone():
    pack = load_pack()
    phrases = [p for m in pack.measures for e in m.elements for p in e.strong + e.weak] + list(pack.objective_starts)
    assert not [p for p in phrases if p.rstrip().endswith(":")]  # "kỷ luật:"-style fragments of one seed's layout
    assert not {"phần đầu", "phân đấu"} & set(phrases)  # OCR typos of "phấn đấu"


def test_an_edited_pack_is_read_again(tmp_path):
    data = yaml.safe_load((rules_dir() / "dieu8.yaml").read_text(encoding="utf-8"))
    path = _write(tmp_path, data)
    first = load_pack(path)
    assert load_pack(path) is first  # unchanged file: the cached pack
    data["title"] = "Tiêu đề"  # same file, new content (whatever the clock resolution)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    second = load_pack(path)
    assert second.title == "Tiêu đề" and second.fingerprint != first.fingerprint


def test_rules_check_reports_phrases_without_a_source(tmp_path):
    from tests.test_cli import run

    data = yaml.safe_load((rules_dir() / "dieu8.yaml").read_text(encoding="utf-8"))
    data["measures"][0]["elements"][0]["weak"] = ["học tập"]
    result = run("rules", "check", str(_write(tmp_path, data)), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Provenance: 1 phrase(s) without a known source" in result.stdout
    assert "'học tập' has no source" in result.stdout
