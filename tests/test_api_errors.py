"""The library never hides its own failures: a missing part is an error, not a silently shorter report."""

from __future__ import annotations

import sys

import pytest

from dancoso_compare.api import Auditor, read
from dancoso_compare.measures.rulepack import load_pack

from tests.builders import MINIMAL_RESOLUTION

DRAFTING_CHECK_MODULES = ("dancoso_compare.checks",)


def test_drafting_checks_that_cannot_be_imported_fail_the_audit(tmp_path, monkeypatch):
    source = tmp_path / "nq.txt"
    source.write_text(MINIMAL_RESOLUTION, encoding="utf-8")
    parsed = read(source)
    for name in DRAFTING_CHECK_MODULES:  # importing the drafting checks now fails with ImportError
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(ImportError):
        Auditor(load_pack()).audit_file(parsed)


def test_without_drafting_checks_requested_nothing_is_imported(tmp_path, monkeypatch):
    source = tmp_path / "nq.txt"
    source.write_text(MINIMAL_RESOLUTION, encoding="utf-8")
    parsed = read(source)
    for name in DRAFTING_CHECK_MODULES:
        monkeypatch.setitem(sys.modules, name, None)
    audits = Auditor(load_pack(), lint=False).audit_file(parsed)
    assert len(audits) == 1  # the audit itself runs; only the drafting checks are left out
