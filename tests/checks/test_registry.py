"""Tests of the rule data (rules/*.yaml) and of its validation (dancoso_compare.checks.rules)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from dancoso_compare.errors import RulePackError
from dancoso_compare.checks.rules import (
    CHECKS_FILE,
    DRAFTING_FILE,
    LEGAL_SOURCES_FILE,
    default_rules_dir,
    load_catalogue,
    load_drafting,
    load_legal_sources,
    load_rules,
)
from dancoso_compare.textkey import loose_key
from dancoso_compare.textkey import number_key as normalize_number

RULES_DIR = default_rules_dir()


def test_the_shipped_rules_load():
    rules = load_rules()
    assert rules.directory == RULES_DIR
    assert len(rules.catalogue.checks) >= 30
    assert load_rules() is rules  # cached: loaded once per process


@pytest.mark.parametrize(
    "number, issued, in_force, ceased, replaced_by",
    [
        ("77/2015/QH13", date(2015, 6, 19), date(2016, 1, 1), date(2025, 3, 1), "65/2025/QH15"),
        ("47/2019/QH14", date(2019, 11, 22), date(2020, 7, 1), date(2025, 3, 1), "65/2025/QH15"),
        ("65/2025/QH15", date(2025, 2, 19), date(2025, 3, 1), date(2025, 6, 16), "72/2025/QH15"),
        ("72/2025/QH15", date(2025, 6, 16), date(2025, 6, 16), None, None),
        ("10/2022/QH15", date(2022, 11, 10), date(2023, 7, 1), None, None),
        ("59/2023/NĐ-CP", date(2023, 8, 14), date(2023, 8, 15), None, None),
        ("61/2023/NĐ-CP", date(2023, 8, 16), date(2023, 8, 16), None, None),
        ("346/QĐ-TTg", date(2023, 4, 6), date(2023, 4, 6), None, None),
        ("80/2015/QH13", date(2015, 6, 22), date(2016, 7, 1), date(2025, 4, 1), "64/2025/QH15"),
        ("64/2025/QH15", date(2025, 2, 19), date(2025, 4, 1), None, None),
        ("87/2025/QH15", date(2025, 6, 25), date(2025, 7, 1), None, None),
    ],
)
def test_registry_facts(number, issued, in_force, ceased, replaced_by):
    sources = load_rules().legal_sources
    inst = sources.by_number(number)
    assert inst is not None
    assert (inst.issued, inst.in_force, inst.ceased) == (issued, in_force, ceased)
    assert (sources.get(inst.replaced_by).number if inst.replaced_by else None) == replaced_by


def test_every_fact_says_where_it_comes_from():
    for inst in load_rules().legal_sources.instruments:
        for fact in ("number", "issued", "in_force", "ceased", "replaced_by"):
            if getattr(inst, fact) is not None:
                assert inst.provenance[fact].source.strip()


def test_roles_of_the_core_bases():
    sources = load_rules().legal_sources
    assert {i.number for i in sources.with_role("local_government_law")} == {"77/2015/QH13", "65/2025/QH15", "72/2025/QH15"}
    assert [i.number for i in sources.with_role("grassroots_democracy_law")] == ["10/2022/QH15"]


def test_number_and_text_normalization():
    assert normalize_number("346/QĐ- TTg") == normalize_number("346/QĐ-TTg")
    assert normalize_number("59/2023/NÐ-CP") == normalize_number("59/2023/NĐ-CP")  # Ð (U+00D0) from Word
    assert loose_key("Üy ban nhân dân") == loose_key("Ủy ban nhân dân") == "uy ban nhan dan"
    assert loose_key("QUYẾT NGHỊ:") == "quyet nghi"


# ---------------------------------------------------------------------------
# Malformed rule files are rejected with file, path and problem
# ---------------------------------------------------------------------------


@pytest.fixture()
def rules_copy(tmp_path: Path) -> Path:
    for name in (LEGAL_SOURCES_FILE, CHECKS_FILE, DRAFTING_FILE):
        shutil.copy(RULES_DIR / name, tmp_path / name)
    return tmp_path


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _rejects(loader, path: Path, *fragments: str) -> str:
    with pytest.raises(RulePackError) as info:
        loader(path)
    message = str(info.value)
    assert path.name in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_copy_of_the_rules_loads(rules_copy):
    assert len(load_rules(rules_copy).catalogue.checks) == len(load_rules().catalogue.checks)


def test_missing_field(rules_copy):
    path = rules_copy / LEGAL_SOURCES_FILE
    _edit(path, lambda d: d["instruments"][0].pop("issued"))
    _rejects(load_legal_sources, path, "instruments[0] (id=luat-77-2015-tccqdp).issued", "required field is missing")


def test_bad_date(rules_copy):
    path = rules_copy / LEGAL_SOURCES_FILE
    _edit(path, lambda d: d["instruments"][1].__setitem__("in_force", "2020-13-45"))
    _rejects(load_legal_sources, path, "instruments[1] (id=luat-47-2019-tccp-tccqdp).in_force", "2020-13-45")


def test_replaced_by_unknown_id(rules_copy):
    path = rules_copy / LEGAL_SOURCES_FILE
    _edit(path, lambda d: d["instruments"][0].__setitem__("replaced_by", "luat-99-2099"))
    _rejects(load_legal_sources, path, "replaced_by", "unknown instrument id 'luat-99-2099'")


def test_ceased_before_in_force(rules_copy):
    path = rules_copy / LEGAL_SOURCES_FILE
    _edit(path, lambda d: d["instruments"][0].__setitem__("ceased", "2015-01-01"))
    _rejects(load_legal_sources, path, "instruments[0]", "is not after in_force")


def test_fact_without_provenance(rules_copy):
    path = rules_copy / LEGAL_SOURCES_FILE
    _edit(path, lambda d: d["instruments"][3]["provenance"].pop("in_force"))
    _rejects(load_legal_sources, path, "instruments[3] (id=luat-72-2025-tccqdp)", "no provenance", "in_force")


def test_duplicate_instrument(rules_copy):
    path = rules_copy / LEGAL_SOURCES_FILE
    _edit(path, lambda d: d["instruments"].append(dict(d["instruments"][0])))
    _rejects(load_legal_sources, path, "duplicate instrument ids", "luat-77-2015-tccqdp")


def test_bad_severity_and_templates(rules_copy):
    path = rules_copy / CHECKS_FILE

    def change(d):
        d["checks"][0]["severity"] = "fatal"
        d["checks"][1]["message_en"] = "Legal basis {cited} {oops}."

    _edit(path, change)
    message = _rejects(load_catalogue, path, "checks[0] (id=DC-CIT-001).severity", "'fatal'", "checks[1] (id=DC-CIT-002)")
    assert "2 problem(s)" in message


def test_bad_check_id_and_duplicates(rules_copy):
    path = rules_copy / CHECKS_FILE
    _edit(path, lambda d: d["checks"][0].__setitem__("id", "CIT-1"))
    _rejects(load_catalogue, path, "checks[0] (id=CIT-1).id")
    _edit(path, lambda d: d["checks"].__setitem__(0, dict(d["checks"][1])))
    _rejects(load_catalogue, path, "duplicate check ids", "DC-CIT-002")


def test_check_refs_must_exist(rules_copy):
    _edit(rules_copy / CHECKS_FILE, lambda d: d["checks"][0].__setitem__("refs", ["nd-00-1999"]))
    with pytest.raises(RulePackError, match=r"checks\[0\] \(id=DC-CIT-001\)\.refs: unknown instrument id 'nd-00-1999'"):
        load_rules(rules_copy)


def test_drafting_regex_letters_and_roles(rules_copy):
    path = rules_copy / DRAFTING_FILE
    _edit(path, lambda d: d["misspellings"][0].__setitem__("followed_by", "(unclosed"))
    _rejects(load_drafting, path, "misspellings[0].followed_by", "not a valid regular expression")
    shutil.copy(RULES_DIR / DRAFTING_FILE, path)
    _edit(path, lambda d: d["point_letters"]["sequence"].append("f"))
    _rejects(load_drafting, path, "point_letters", "['f']")
    shutil.copy(RULES_DIR / DRAFTING_FILE, path)
    _edit(path, lambda d: d["core_bases"][0].__setitem__("role", "no_such_role"))
    with pytest.raises(RulePackError, match="core_bases\\[0\\].role: no instrument"):
        load_rules(rules_copy)


def test_not_yaml_and_not_found(rules_copy):
    path = rules_copy / CHECKS_FILE
    path.write_text("checks: [unclosed\n", encoding="utf-8")
    _rejects(load_catalogue, path, "not valid YAML")
    path.write_text("- a list\n", encoding="utf-8")
    _rejects(load_catalogue, path, "expected a mapping")
    with pytest.raises(RulePackError, match="not found"):
        load_catalogue(rules_copy / "missing.yaml")
