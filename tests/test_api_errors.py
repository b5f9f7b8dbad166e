"""The library never hides its own failures: a missing part is an error, not a silently shorter report."""

from __future__ import annotations

import sys

import pytest

from dancoso_compare.api import Auditor, read
from dancoso_compare.rulepack import load_pack

TEXT = """HỘI ĐỒNG NHÂN DÂN
TỈNH THỬ NGHIỆM
Số: 01/2024/NQ-HĐND

NGHỊ QUYẾT
Quy định nội dung công khai

Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định những nội dung công khai để Nhân dân biết.
"""


def test_drafting_checks_that_cannot_be_imported_fail_the_audit(tmp_path, monkeypatch):
    source = tmp_path / "nq.txt"
    source.write_text(TEXT, encoding="utf-8")
    parsed = read(source)
    monkeypatch.setitem(sys.modules, "dancoso_compare.lint", None)  # import fails with ImportError
    with pytest.raises(ImportError):
        Auditor(load_pack()).audit_file(parsed)


def test_without_drafting_checks_requested_nothing_is_imported(tmp_path, monkeypatch):
    source = tmp_path / "nq.txt"
    source.write_text(TEXT, encoding="utf-8")
    parsed = read(source)
    monkeypatch.setitem(sys.modules, "dancoso_compare.lint", None)
    audits = Auditor(load_pack(), lint=False).audit_file(parsed)
    assert len(audits) == 1  # the audit itself runs; only the drafting checks are left out
