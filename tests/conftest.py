"""Shared fixtures: the real seed documents and their hand-made gold answers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"  # copies of shared/seeds, shared/gold and shared/law: the suite runs on a bare clone
SEEDS = DATA / "seeds"
GOLD = DATA / "gold"
LAW = DATA / "law"
CORPUS = REPO / "corpus"


def gold_files() -> list[Path]:
    files = sorted(GOLD.glob("*.yaml"))
    assert files, f"the gold files are missing from {GOLD}"  # never test nothing
    return files


def load_gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def seed_text(gold: dict) -> str:
    return (SEEDS / gold["file"]).read_text(encoding="utf-8")


@pytest.fixture(params=gold_files(), ids=lambda p: p.stem)
def gold_case(request: pytest.FixtureRequest) -> tuple[dict, str]:
    gold = load_gold(request.param)
    return gold, seed_text(gold)


@pytest.fixture(scope="session", autouse=True)
def isolated_analysis_cache(tmp_path_factory: pytest.TempPathFactory):
    """Tests (and the CLI processes they start) write their analysis cache to a temporary folder, not the user's."""
    previous = os.environ.get("DANCOSO_CACHE_DIR")
    os.environ["DANCOSO_CACHE_DIR"] = str(tmp_path_factory.mktemp("dancoso-cache"))
    yield
    if previous is None:
        os.environ.pop("DANCOSO_CACHE_DIR", None)
    else:
        os.environ["DANCOSO_CACHE_DIR"] = previous
