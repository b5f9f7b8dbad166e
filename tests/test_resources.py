"""Rule data read from YAML is never shared: changing one caller's copy leaves the next load intact."""

from __future__ import annotations

from dancoso_compare.resources import load_yaml, read_yaml_mapping, rules_dir


def test_changing_a_loaded_yaml_does_not_change_the_next_load():
    first = load_yaml("units.yaml")
    expected = load_yaml("units.yaml")["units"][0]["word"]
    first["units"][0]["word"] = "changed"
    first["units"].clear()
    first["new"] = 1
    again = load_yaml("units.yaml")
    assert again["units"] and again["units"][0]["word"] == expected
    assert "new" not in again


def test_changing_a_read_mapping_does_not_change_the_next_read(tmp_path):
    path = tmp_path / "pack.yaml"
    path.write_text("id: p\nmeasures:\n  - id: A\n", encoding="utf-8")
    first = read_yaml_mapping(path)
    first["measures"].append({"id": "B"})
    first["id"] = "changed"
    assert read_yaml_mapping(path) == {"id": "p", "measures": [{"id": "A"}]}


def test_the_rule_files_in_the_package_are_found():
    assert (rules_dir() / "units.yaml").is_file()
