"""The command line speaks Vietnamese by default: every message it prints to people for a bad input, a
missing file or a bad option value is Vietnamese (no English word of the interface, no internal name),
with the same exit codes; ``--lang en`` gives the English messages with their detail."""

from __future__ import annotations

import pytest

from dancoso_compare import cli
from tests.language_scan import problems


@pytest.fixture
def files(tmp_path):
    (tmp_path / "rong.txt").write_bytes(b"")
    (tmp_path / "nhi-phan.txt").write_bytes(bytes(range(256)) * 4)
    return tmp_path


def dancoso(capsys, *args: str) -> tuple[int, str, str]:
    """Run the installed entry point (``main``) in this process: its exit code, stdout and stderr."""
    with pytest.raises(SystemExit) as stop:
        cli.main(list(args))
    captured = capsys.readouterr()
    return stop.value.code, captured.out, captured.err


def _db(folder) -> str:
    return f"sqlite:///{folder / 'so-ra-soat.sqlite3'}"


# (arguments with {d} for the folder of test files, words the user typed that may appear as they are)
CASES = {
    # a file that cannot be read
    "parse an empty file": (["parse", "{d}/rong.txt"], ()),
    "audit a binary file": (["audit", "{d}/nhi-phan.txt", "--format", "json"], ()),
    "check an empty file": (["check", "{d}/rong.txt", "--format", "json"], ()),
    "explain an empty file": (["explain", "{d}/rong.txt"], ()),
    "diff an empty file": (["diff", "{d}/rong.txt", "{d}/nhi-phan.txt"], ()),
    "review an empty file": (["review", "set", "{d}/rong.txt", "M1", "--status", "present", "--note", "x",
                              "--db", "{db}"], ()),
    # a missing file
    "parse a missing file": (["parse", "{d}/khong-co.txt"], ()),
    "audit a missing file": (["audit", "{d}/khong-co.txt", "--format", "json"], ()),
    "diff a missing file": (["diff", "{d}/khong-co.txt", "{d}/rong.txt"], ()),
    "review a missing file": (["review", "finding", "{d}/khong-co.txt", "DC-NUM-001", "--reject", "--note", "x",
                               "--db", "{db}"], ()),
    "a missing rule pack": (["rules", "check", "{d}/khong-co.yaml"], ("khong-co.yaml",)),
    # a bad option value, a missing argument, a mistyped option or command
    "audit --format yaml": (["audit", "{d}/rong.txt", "--format", "yaml"], ()),
    "check --as-of not a date": (["check", "{d}/rong.txt", "--as-of", "20/11/2025"], ("--as-of", "2025-11-20")),  # the form to type
    "parse --jobs -1": (["parse", "{d}/rong.txt", "--jobs", "-1"], ()),
    "review set --status bad": (["review", "set", "{d}/rong.txt", "M1", "--status", "tot", "--note", "x"],
                                ("--status", "present", "partial", "missing")),
    "review list --format yaml": (["review", "list", "--format", "yaml", "--db", "{db}"], ()),
    "explain --lang xx": (["explain", "{d}/rong.txt", "--lang", "xx"], ()),
    "audit without a path": (["audit"], ()),
    "a mistyped option": (["audit", "{d}/rong.txt", "--dbb"], ()),
    "a mistyped command": (["revew"], ()),
}


@pytest.mark.parametrize("name", CASES)
def test_every_message_for_a_bad_input_or_option_is_vietnamese(name, files, capsys):
    args, allowed = CASES[name]
    args = [a.format(d=files, db=_db(files)) for a in args]
    code, _, stderr = dancoso(capsys, *args)
    assert code == 2, stderr
    assert stderr.strip(), "a message is printed"
    assert stderr.lstrip().startswith("lỗi: "), stderr
    assert "Traceback" not in stderr
    commands = (f"dancoso {args[0]}", f"dancoso {' '.join(args[:2])}")  # 'Xem cách dùng: dancoso check --help'
    assert problems(stderr, allowed=(str(files), *commands, *allowed)) == [], stderr


def test_the_input_error_line_gives_the_vietnamese_summary_and_advice_of_its_code(files, capsys):
    code, _, stderr = dancoso(capsys, "parse", str(files / "rong.txt"), str(files / "khong-co.txt"))
    assert code == 2
    assert f"lỗi: {files / 'rong.txt'}: tệp rỗng, không có chữ. Hãy xuất lại văn bản" in stderr
    assert f"lỗi: {files / 'khong-co.txt'}: không có tệp hoặc thư mục này. Hãy kiểm tra lại đường dẫn." in stderr


def test_a_bad_option_value_says_what_to_choose_and_where_to_read_more(files, capsys):
    code, _, stderr = dancoso(capsys, "check", str(files / "rong.txt"), "--format", "yaml")
    assert code == 2
    assert "lỗi: giá trị không hợp lệ cho '--format'; hãy chọn một trong: text, json, github, sarif" in stderr
    assert "Xem cách dùng: dancoso check --help" in stderr
    code, _, stderr = dancoso(capsys, "audit", str(files / "rong.txt"), "--dbb")
    assert code == 2 and "không có tùy chọn --dbb; có phải ý bạn là --db?" in stderr


def test_english_keeps_the_english_message_and_its_detail(files, capsys):
    code, _, stderr = dancoso(capsys, "parse", str(files / "nhi-phan.txt"), "--lang", "en")
    assert code == 2 and "error: " in stderr and "the file is binary, not text" in stderr
    code, _, stderr = dancoso(capsys, "audit", str(files / "rong.txt"), "--format", "yaml", "--lang", "en")
    assert code == 2 and "Invalid value for '--format'" in stderr


def test_an_error_without_vietnamese_words_of_its_own_gets_the_general_ones_and_its_detail(files, capsys):
    (files / "hong.yaml").write_text("measures: [\n", encoding="utf-8")
    code, _, stderr = dancoso(capsys, "rules", "check", str(files / "hong.yaml"))
    assert code == 2
    assert stderr.startswith("lỗi: bộ quy tắc không dùng được. Hãy sửa tệp quy tắc")
    assert "chi tiết: " in stderr and "hong.yaml" in stderr


def test_an_unexpected_failure_is_an_internal_error_in_vietnamese_with_exit_3(files, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("dancoso_compare.api.parse_paths", broken)
    code, _, stderr = dancoso(capsys, "explain", str(files / "rong.txt"))
    assert code == 3
    assert stderr.startswith("lỗi nội bộ của chương trình. Xin hãy báo lỗi này kèm tệp đầu vào.")
    assert "RuntimeError: boom" in stderr  # the technical detail for the bug report


def test_review_outputs_are_vietnamese(files, capsys):
    from dancoso_compare.report.reviews import stored_line

    line = stored_line("M2", "partial", "a" * 64, "2026-12-03T11:48:58.5Z")
    assert line == "M2: đã ghi kết quả rà soát — Một phần (mã nội dung văn bản aaaaaaaaaaaa, 03/12/2026 11:48 UTC)"
    assert stored_line("DC-NUM-001", "rejected", "b" * 64, "2026-12-03T11:48:58Z").startswith(
        "DC-NUM-001: đã ghi kết quả rà soát — Bác bỏ")
    assert stored_line("M2", "partial", "a" * 64, "2026-12-03T11:48:58Z", "en") == \
        "M2: partial (aaaaaaaaaaaa, 2026-12-03T11:48:58Z)"


def test_rules_check_prints_its_summary_in_vietnamese(capsys):
    code, stdout, _ = dancoso(capsys, "rules", "check")
    assert code == 0
    assert stdout.startswith("Hợp lệ  ") and "phiên bản" in stdout
    assert "Căn cứ" in stdout and "Chủ đề ngoài các biện pháp: " in stdout
    assert "Nguồn gốc: mọi cụm từ đều có nguồn (" in stdout
    assert "Provenance" not in stdout and "Extra topics" not in stdout


def test_a_report_folder_that_cannot_be_used_is_a_vietnamese_error_with_exit_2(files, capsys):
    from tests.builders import MINIMAL_RESOLUTION

    (files / "nq.txt").write_text(MINIMAL_RESOLUTION, encoding="utf-8")
    (files / "khac").mkdir()
    (files / "khac" / "ghi-chu.txt").write_text("của người dùng", encoding="utf-8")
    code, _, stderr = dancoso(capsys, "audit", str(files / "nq.txt"), "--out", str(files / "khac"))
    assert code == 2
    assert f"lỗi: {files / 'khac'}: không ghi được báo cáo vào đây. Hãy chọn (--out) một thư mục mới" in stderr
    assert (files / "khac" / "ghi-chu.txt").exists()
    code, _, stderr = dancoso(capsys, "audit", str(files / "nq.txt"), "--out", str(files / "nq.txt"), "--lang", "en")
    assert code == 2 and "exists and is not a folder" in stderr
