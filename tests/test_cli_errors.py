"""The command line's own messages: usage mistakes are usage messages (exit 2, never "internal error"),
and user-provided strings are printed as they are, never read as rich markup."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.builders import MINIMAL_RESOLUTION
from tests.conftest import REPO


def run(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-m", "dancoso_compare.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.mark.parametrize(("args", "words"), [
    (("revew",), "No such command 'revew'"),
    (("audit", "x.txt", "--dbb"), "No such option: --dbb"),
    (("audit", "x.txt", "--format", "yaml"), "Invalid value for '--format'"),
])
def test_a_mistyped_command_or_option_is_a_usage_message_with_exit_2(args, words):
    result = run(*args, "--lang", "en")  # click's own English usage message; Vietnamese: test_cli_language
    assert result.returncode == 2, result.stderr
    assert words in result.stderr and "Usage: dancoso" in result.stderr
    assert "internal error" not in result.stderr and "Please report" not in result.stderr
    assert "Traceback" not in result.stderr


def test_file_names_with_rich_markup_are_printed_as_they_are(tmp_path):
    good = tmp_path / "[bold]x.txt"
    good.write_text(MINIMAL_RESOLUTION, encoding="utf-8")
    empty = tmp_path / "[red]empty.txt"
    empty.write_bytes(b"")
    # Relative names, so that rich does not wrap a long temporary path inside a table title.
    result = run("audit", good.name, empty.name, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"tệp {good.name}, văn bản thứ 1" in result.stdout
    assert empty.name in result.stderr and "Traceback" not in result.stderr


def test_document_table_does_not_read_markup_in_document_strings():
    from dancoso_compare.models import DocumentAudit
    from dancoso_compare.report.outline import document_table
    from dancoso_compare.report import render_plain

    doc = DocumentAudit.model_construct(source="[bold]x.txt", index=0, kind="other", draft=False, coverage={},
                                        extras=[], findings=[])
    assert "[bold]x.txt, văn bản thứ 1" in " ".join(render_plain(document_table(doc)).split())
