"""The pre-commit hook definition at the repository root."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

HOOKS = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"


def test_dancoso_check_hook():
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "dancoso-check"]
    assert hook["entry"] == "dancoso check"
    assert hook["language"] == "python"
    assert set(hook) <= {"id", "name", "description", "entry", "language", "files", "types", "pass_filenames",
                         "require_serial", "exclude", "args", "stages", "minimum_pre_commit_version"}
    files = re.compile(hook["files"])
    for name in ("nq.txt", "du-thao/nq.md", "a b.docx", "scan.pdf"):
        assert files.search(name), name
    for name in ("script.py", "nq.txt.bak", "README.rst", "doc.docx.tmp"):
        assert not files.search(name), name
