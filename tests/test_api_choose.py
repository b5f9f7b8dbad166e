"""Choosing the document a file stands for ("file.txt" / "file.txt#1") and parent comparisons (dancoso_compare.api)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dancoso_compare.api import Auditor, main_document_index, parent_comparisons, parse_paths, pick_audit, pick_document
from dancoso_compare.errors import InputError
from dancoso_compare.models import AuditReport

from tests.builders import MINIMAL_RESOLUTION
from tests.conftest import REPO

TWO_DOCUMENTS = REPO / "corpus" / "xa-muong-kim-2025.txt"


def test_the_main_document_is_the_first_resolution_else_the_first():
    assert main_document_index(["to_trinh", "nghi_quyet", "nghi_quyet"]) == 1
    assert main_document_index(["to_trinh", "other"]) == 0
    assert main_document_index([]) == 0


def test_a_file_stands_for_its_resolution_and_an_index_names_one_document():
    parsed, index, document = pick_document(TWO_DOCUMENTS)
    assert len(parsed.documents) >= 2
    assert document is parsed.documents[index]
    assert index == main_document_index(d.kind for d in parsed.documents)
    parsed, index, document = pick_document(f"{TWO_DOCUMENTS}#1")
    assert index == 1 and document is parsed.documents[1]


@pytest.mark.parametrize("index", ["9", "x", "-1"])
def test_an_index_outside_the_file_is_an_input_error_naming_the_file(index):
    with pytest.raises(InputError, match="out of range") as raised:
        pick_document(f"{TWO_DOCUMENTS}#{index}")
    assert "xa-muong-kim-2025.txt" in str(raised.value)


def test_pick_audit_audits_the_chosen_document():
    document, audit = pick_audit(f"{TWO_DOCUMENTS}#1", Auditor.from_path(lint=False))
    assert audit.index == 1 and audit.kind == document.kind


def test_parent_comparisons_key_each_document_and_reject_an_empty_parent(tmp_path):
    child = tmp_path / "xa.txt"
    child.write_text(MINIMAL_RESOLUTION, encoding="utf-8")
    report = Auditor.from_path().report(parse_paths([child]))
    comparisons = parent_comparisons(TWO_DOCUMENTS, report)
    assert list(comparisons) == [f"{d.source}#{d.index}" for d in report.documents]
    empty = tmp_path / "empty.txt"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(InputError):
        parent_comparisons(empty, AuditReport(rules=report.rules, documents=[]))


def test_diff_with_a_bad_index_is_an_input_error_not_an_internal_one():
    result = subprocess.run([sys.executable, "-m", "dancoso_compare.cli", "diff", f"{TWO_DOCUMENTS}#x", str(TWO_DOCUMENTS)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert result.returncode == 2, result.stderr
    assert "không có văn bản số x" in result.stderr and "lỗi nội bộ" not in result.stderr  # Vietnamese by default
