"""Nothing is silently skipped: every file of a folder is audited or listed, with exit code 2 for any unreadable input."""

from __future__ import annotations

import json
import subprocess
import sys

import pypdf
import pytest

from dancoso_compare.ingest.office import soffice_binary

from tests import builders
from tests.conftest import REPO, SEEDS

SEED = SEEDS / "003_807f00099292550a.txt"


def run(*args, lang="en"):
    """In English by default: these tests read each error's English detail; tests/test_cli_language.py has the Vietnamese."""
    return subprocess.run([sys.executable, "-m", "dancoso_compare.cli", *args, "--lang", lang], capture_output=True,
                          text=True, cwd=REPO, timeout=300)


def _only_tool_lines(stderr: str) -> None:
    """stderr holds the tool's own 'error:' lines and nothing from a library (warnings, log lines, tracebacks)."""
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and all(line.startswith("error: ") for line in lines), stderr


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("ho-so")
    text = SEED.read_text(encoding="utf-8")
    (folder / "tot.txt").write_text(text, encoding="utf-8")
    docx = builders.to_docx_literal(text, tmp_path_factory.mktemp("src") / "cu.docx")
    subprocess.run([soffice_binary(), f"-env:UserInstallation={(folder.parent / 'lo-profile').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(folder / "word97"), str(docx)], check=True,
                   capture_output=True, timeout=300)
    (folder / "bang-tinh.xyz").write_bytes(b"not a document")
    (folder / "hong.docx").write_bytes(b"PK\x03\x04 broken")
    return folder


@pytest.mark.parametrize("command", ["audit", "check", "parse"])
def test_folder_with_good_doc_unknown_and_corrupt_files(mixed_folder, command):
    result = run(command, str(mixed_folder), "--format", "json")
    assert result.returncode == 2, result.stderr
    data = json.loads(result.stdout)
    read = [f["source"] for f in data["files"]] if command == "parse" else sorted({d["source"] for d in data["documents"]})
    assert read == sorted([str(mixed_folder / "tot.txt"), str(mixed_folder / "word97" / "cu.doc")])
    errors = {e["source"]: e["code"] for e in data["errors"]}
    assert errors == {str(mixed_folder / "bang-tinh.xyz"): "unsupported_type", str(mixed_folder / "hong.docx"): "corrupt"}
    _only_tool_lines(result.stderr)
    assert "bang-tinh.xyz" in result.stderr and "hong.docx" in result.stderr


def test_text_report_lists_the_unread_files(mixed_folder):
    result = run("audit", str(mixed_folder), lang="vi")
    assert result.returncode == 2
    assert "Tệp không đọc được (2):" in result.stdout
    assert "bang-tinh.xyz: định dạng tệp không được hỗ trợ" in result.stdout
    assert "hong.docx: tệp bị hỏng, không mở được" in result.stdout


def test_html_report_lists_the_unread_files(mixed_folder, tmp_path):
    result = run("audit", str(mixed_folder), "--out", str(tmp_path / "bao-cao"), lang="vi")
    assert result.returncode == 2
    page = (tmp_path / "bao-cao" / "index.html").read_text(encoding="utf-8")
    assert "bang-tinh.xyz" in page and "định dạng tệp không được hỗ trợ" in page and "hong.docx" in page


@pytest.mark.parametrize("command", ["audit", "check", "parse"])
def test_empty_folder_exits_2(tmp_path, command):
    (tmp_path / "rong").mkdir()
    result = run(command, str(tmp_path / "rong"))
    assert result.returncode == 2
    assert "the folder holds no document" in result.stderr and "rong" in result.stderr
    _only_tool_lines(result.stderr)


@pytest.mark.parametrize("command", ["audit", "check", "parse"])
def test_missing_path_exits_2(tmp_path, command):
    result = run(command, str(tmp_path / "khong-co"))
    assert result.returncode == 2
    assert "khong-co" in result.stderr and "no such file" in result.stderr
    _only_tool_lines(result.stderr)


def test_diff_missing_path_and_folder_exit_2(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "rong").mkdir()
    for old, new, words in ((str(good), str(tmp_path / "khong-co.txt"), "no such file"),
                            (str(tmp_path / "rong"), str(good), "directory")):
        result = run("diff", old, new)
        assert result.returncode == 2
        assert words in result.stderr
        _only_tool_lines(result.stderr)


# --- hostile and odd files: each its own message, no library noise ---------------


def _encrypted_pdf(path):
    plain = builders.to_pdf("Điều 1. Phạm vi điều chỉnh", path.with_suffix(".plain.pdf"))
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="mat-khau", owner_password="chu", algorithm="AES-256")
    with open(path, "wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def test_hostile_files_each_get_their_own_message(tmp_path):
    folder = tmp_path / "la"
    folder.mkdir()
    _encrypted_pdf(folder / "mat-khau.pdf")
    (folder / "anh.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16)
    (folder / "hong.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\n" + bytes(range(256)) * 12)
    (folder / "vong.txt").symlink_to(folder / "vong.txt")
    (folder / "utf16.txt").write_bytes(SEED.read_text(encoding="utf-8").encode("utf-16-le"))
    result = run("parse", str(folder))
    assert result.returncode == 2
    data = json.loads(result.stdout)
    assert [f["source"] for f in data["files"]] == [str(folder / "utf16.txt")]
    assert data["files"][0]["encoding"] == "utf-16-le"
    codes = {e["source"].rsplit("/", 1)[1]: e["code"] for e in data["errors"]}
    assert codes == {"anh.pdf": "wrong_type", "hong.pdf": "corrupt", "mat-khau.pdf": "encrypted", "vong.txt": "symlink_loop"}
    _only_tool_lines(result.stderr)
    assert "it is a PNG image, not a PDF" in result.stderr
    (locked,) = [line for line in result.stderr.splitlines() if "mat-khau.pdf" in line]
    assert "protected by a password" in locked and "damaged" not in locked
    assert "symbolic link loop" in result.stderr
