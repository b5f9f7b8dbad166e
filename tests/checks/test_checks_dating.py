"""The checks never read the clock; --as-of; the rule data is immutable and reloaded when it changes."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dancoso_compare import admin_units, textkey
from dancoso_compare.checks import FAMILIES, lint_document
from dancoso_compare.checks.rules import _load_dir, default_rules_dir, load_rules
from dancoso_compare.cli import app
from dancoso_compare.parse import parse_text

from tests.checks_fixtures import RULES, redate, resolution
from tests.conftest import SEEDS


def _seed_findings() -> list[str]:
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        docs = parse_text(path.read_text(encoding="utf-8"), source=path.name).documents
        out += [f.model_dump_json() for d in docs for f in lint_document(d, related=docs)]
    return out


def _fake_clock(monkeypatch: pytest.MonkeyPatch, day: dt.date) -> None:
    """Every dancoso_compare module sees ``date.today()`` / ``datetime.now()`` as ``day``."""

    class FakeDate(dt.date):
        @classmethod
        def today(cls):  # noqa: ANN206
            return cls(day.year, day.month, day.day)

    class FakeDateTime(dt.datetime):
        @classmethod
        def now(cls, tz=None):  # noqa: ANN001, ANN206
            return cls(day.year, day.month, day.day, 12, tzinfo=tz)

    for name, module in list(sys.modules.items()):
        if name.startswith("dancoso_compare"):
            if getattr(module, "date", None) is dt.date:
                monkeypatch.setattr(module, "date", FakeDate)
            if getattr(module, "datetime", None) is dt.datetime:
                monkeypatch.setattr(module, "datetime", FakeDateTime)
    monkeypatch.setattr(dt, "date", FakeDate)
    monkeypatch.setattr(dt, "datetime", FakeDateTime)


def test_same_input_same_findings_on_any_day(monkeypatch):
    today = _seed_findings()
    assert today
    for day in (dt.date(2001, 1, 1), dt.date(2099, 12, 31)):
        with monkeypatch.context() as m:
            _fake_clock(m, day)
            assert _seed_findings() == today, day


def test_a_resolution_of_2024_is_not_judged_on_the_clock():
    # The 2015 local-government law ceased on 1/3/2025; a resolution of 2024
    # citing it is fine on its own date whatever the day of the check ...
    doc = resolution()
    assert "DC-CIT-001" not in {f.rule for f in lint_document(doc)}
    # ... and is judged on a later day only when asked to.
    [finding] = [f for f in lint_document(doc, as_of=dt.date(2025, 11, 20)) if f.rule == "DC-CIT-001"]
    assert "--as-of" in finding.message and "20/11/2025" in finding.message


def test_date_in_the_future_needs_a_check_date():
    doc = redate(resolution(), "2030-01-10")
    assert "DC-DATE-008" not in {f.rule for f in lint_document(doc)}
    assert "DC-DATE-008" in {f.rule for f in lint_document(doc, as_of=dt.date(2029, 12, 31))}


def test_units_are_judged_on_the_document_date_not_the_check_date():
    from dancoso_compare.models import Locality

    doc = redate(resolution(locality=Locality(name="Thăng Bình", unit="huyện", level="huyen")), "2024-04-10")
    rules = {f.rule for f in lint_document(doc, as_of=dt.date(2026, 1, 1))}
    assert "DC-ADM-001" not in rules and "DC-ADM-003" in rules


def test_cli_as_of(tmp_path):
    runner = CliRunner()
    path = sorted(SEEDS.glob("003_*.txt"))[0]
    plain = runner.invoke(app, ["check", str(path), "--format", "json"])
    dated = runner.invoke(app, ["check", str(path), "--format", "json", "--as-of", "2026-01-01"])
    assert "DC-CIT-001" not in plain.stdout and "DC-CIT-001" in dated.stdout
    bad = runner.invoke(app, ["check", str(path), "--as-of", "2026-13-01"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_loaded_rules_cannot_be_changed_by_a_caller():
    rules = load_rules()
    with pytest.raises(AttributeError):
        rules.drafting.misspellings.append(None)  # a tuple
    with pytest.raises(TypeError):
        rules.catalogue.get("DC-CIT-004").severity_by_kind["to_trinh"] = "error"  # a read-only mapping
    with pytest.raises(TypeError):
        rules.legal_sources.instruments[0].provenance["issued"] = None
    with pytest.raises(ValueError):  # frozen model
        rules.drafting.cues.funding = ("x",)
    assert load_rules() == _load_dir(default_rules_dir())  # the next caller gets what is on disk


def test_rules_are_reloaded_when_a_file_changes(tmp_path):
    folder = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), folder)
    first = load_rules(folder)
    assert load_rules(folder) is first  # cached while unchanged
    drafting = folder / "drafting.yaml"
    drafting.write_text(drafting.read_text(encoding="utf-8").replace(
        "misspellings:\n", "misspellings:\n  - wrong: Hội đồng nhân dẩn\n    right: Hội đồng nhân dân\n", 1), encoding="utf-8")
    second = load_rules(folder)
    assert len(second.drafting.misspellings) == len(first.drafting.misspellings) + 1


def test_every_rule_belongs_to_one_registered_family():
    names = [f.name for f in FAMILIES]
    assert len(names) == len(set(names)) >= 7
    for check in RULES.catalogue.checks:
        owners = [f for f in FAMILIES if any(check.id.startswith(p) for p in f.rules)]
        assert len(owners) == 1, check.id


def test_one_home_for_text_keys():
    import importlib.util

    assert importlib.util.find_spec("dancoso_compare.checks.registry") is None  # no second home for them
    assert all(not re.search(r"^def (fold|loose_key)\(", path.read_text(encoding="utf-8"), re.M)
               for path in Path(textkey.__file__).parent.rglob("*.py") if path.name != "textkey.py")
    assert textkey.fold("Hoà") == textkey.fold("Hòa") and textkey.loose_key("Ủy ban") == "uy ban"


def test_unit_table_comes_back_from_the_disk_cache_without_the_package(monkeypatch):
    admin_units._compact.cache_clear()
    admin_units._index.cache_clear()
    admin_units._unit_tables.cache_clear()
    admin_units._compact()  # fills the (test) disk cache
    for cache in (admin_units._compact, admin_units._index, admin_units._unit_tables, admin_units._by_name):
        cache.cache_clear()
    monkeypatch.delitem(sys.modules, "vietnam_address_converter.data", raising=False)

    def no_package(release: str) -> dict:
        raise AssertionError("the package data was read again")

    monkeypatch.setattr(admin_units, "_build_compact", no_package)
    assert admin_units.current_province(admin_units.Locality(name="Thăng Bình", unit="huyện", level="huyen")) == "Thành phố Đà Nẵng"
    assert "vietnam_address_converter.data" not in sys.modules
    for cache in (admin_units._compact, admin_units._index, admin_units._unit_tables, admin_units._by_name):
        cache.cache_clear()
