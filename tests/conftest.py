"""Shared fixtures: the real seed documents and their hand-made gold answers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DANCOSO_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
LAW = SHARED / "law"
CORPUS = REPO / "corpus"


def gold_files() -> list[Path]:
    return sorted(GOLD.glob("*.yaml"))


def load_gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def seed_text(gold: dict) -> str:
    return (SEEDS / gold["file"]).read_text(encoding="utf-8")


@pytest.fixture(params=gold_files(), ids=lambda p: p.stem)
def gold_case(request: pytest.FixtureRequest) -> tuple[dict, str]:
    gold = load_gold(request.param)
    return gold, seed_text(gold)
