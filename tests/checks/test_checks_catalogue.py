"""The catalogue of checks (dancoso_compare.checks.catalogue) and `dancoso rules list`."""

from __future__ import annotations

from dancoso_compare.checks import format_checks_table, list_checks

from tests.checks_fixtures import RULES

CATALOGUE_IDS = sorted(c.id for c in RULES.catalogue.checks)


# Catalogue
# ---------------------------------------------------------------------------


def test_list_checks_matches_the_catalogue():
    infos = list_checks()
    assert [i.id for i in infos] == CATALOGUE_IDS
    assert all(i.severity in ("error", "warning", "info") and i.title_vi and i.title_en and i.legal_source for i in infos)


def test_checks_table_renders():
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(format_checks_table())
    text = console.export_text()
    assert "DC-CIT-001" in text and "DC-TXT-001" in text


# ---------------------------------------------------------------------------
