""".zip archives: members audited as ``archive.zip/member``; bombs and path traversal refused, the batch goes on."""

from __future__ import annotations

import io
import zipfile

import pytest

from dancoso_compare.api import parse_paths
from dancoso_compare.errors import UnsafeContainerError
from dancoso_compare.ingest.archive import archive_members, split_archive_path
from dancoso_compare.ingest.limits import ContainerLimits, check_container
from dancoso_compare.ingest.read import expand_inputs, read_source

from tests import builders
from tests.conftest import SEEDS

SEED = SEEDS / "003_807f00099292550a.txt"


def _zip(path, members: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _docx_bytes(tmp_path, text):
    return builders.to_docx_literal(text, tmp_path / "member.docx").read_bytes()


def test_each_member_is_read_as_its_own_file(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    inner = _zip(tmp_path / "inner.zip", {"to-trinh.txt": "Tờ trình số 1\n".encode()})
    archive = _zip(tmp_path / "ho-so.zip", {
        "nghi-quyet.docx": _docx_bytes(tmp_path, text),
        "kem-theo/nghi-quyet.txt": text.encode(),
        "bang.xlsx": b"PK",
        "__MACOSX/._nghi-quyet.docx": b"junk",
        "kem-theo/": b"",
        "them.zip": inner.read_bytes(),
    })
    report = parse_paths([archive])
    assert [f.source for f in report.files] == [
        f"{archive}/nghi-quyet.docx", f"{archive}/kem-theo/nghi-quyet.txt", f"{archive}/them.zip/to-trinh.txt"]
    assert [(e.source, e.code) for e in report.errors] == [(f"{archive}/bang.xlsx", "unsupported_type")]
    docx_file, txt_file, _ = report.files
    assert [d.number for d in docx_file.documents] == [d.number for d in txt_file.documents]
    assert docx_file.format == "docx" and txt_file.text == text


def test_member_path_reads_through_nested_archives(tmp_path):
    inner = _zip(tmp_path / "inner.zip", {"a/nq.txt": "Điều 1. Phạm vi\n".encode()})
    outer = _zip(tmp_path / "outer.zip", {"sub/inner.zip": inner.read_bytes()})
    assert split_archive_path(f"{outer}/sub/inner.zip/a/nq.txt") == (outer, ["sub/inner.zip", "a/nq.txt"])
    assert read_source(f"{outer}/sub/inner.zip/a/nq.txt").text == "Điều 1. Phạm vi\n"


@pytest.mark.parametrize("member", ["../x.txt", "a/../../x.txt", "/etc/x.txt", "C:/x.txt"])
def test_path_traversal_member_is_refused_and_the_rest_is_read(tmp_path, member):
    archive = _zip(tmp_path / "ho-so.zip", {member: b"Dieu 1.", "tot.txt": "Điều 1. Phạm vi\n".encode()})
    report = parse_paths([archive])
    assert [f.source for f in report.files] == [f"{archive}/tot.txt"]
    ((error),) = report.errors
    assert error.code == "unsafe_container" and member in error.source
    assert "'..'" in error.error or "absolute" in error.error
    assert not (tmp_path / "x.txt").exists()


def test_zip_bomb_is_refused_quickly_and_the_batch_continues(tmp_path):
    bomb = builders.zip_bomb(tmp_path / "bom.zip", "nghi-quyet.txt")
    good = tmp_path / "tot.txt"
    good.write_text("Điều 1. Phạm vi\n", encoding="utf-8")
    report = parse_paths([bomb, good])
    assert [f.source for f in report.files] == [str(good)]
    ((error),) = report.errors
    assert error.code == "unsafe_container" and error.source == str(bomb) and "ZIP bomb" in error.error


def test_docx_bomb_is_refused(tmp_path):
    bomb = builders.docx_bomb(tmp_path / "bom.docx")
    with pytest.raises(UnsafeContainerError) as caught:
        read_source(bomb)
    assert "word/document.xml" in str(caught.value) and "ZIP bomb" in str(caught.value)


def test_lying_directory_sizes_are_caught_while_unpacking(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nq.txt", "Điều 1. " * 5000)
    data = bytearray(buffer.getvalue())
    # Shrink the declared size in the central directory (offset 24 of its entry) to 10 bytes.
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    path = tmp_path / "lying.zip"
    path.write_bytes(bytes(data))
    report = parse_paths([path])
    assert report.files == []
    assert report.errors[0].code in ("unsafe_container", "corrupt")


def test_too_many_members_and_total_size_limits():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(5):
            archive.writestr(f"{n}.txt", b"x" * 100)
    with zipfile.ZipFile(buffer) as archive:
        with pytest.raises(UnsafeContainerError, match="5 members"):
            check_container(archive, "a.zip", ContainerLimits(max_members=4))
        with pytest.raises(UnsafeContainerError, match="unpacks to"):
            check_container(archive, "a.zip", ContainerLimits(max_total_size=400))


def test_damaged_and_empty_archives(tmp_path):
    broken = tmp_path / "hong.zip"
    broken.write_bytes(b"PK\x03\x04 not a zip at all")
    empty = _zip(tmp_path / "rong.zip", {})
    entries = expand_inputs([broken, empty])
    assert [(path.name, error.code) for path, error in entries] == [("hong.zip", "corrupt"), ("rong.zip", "no_documents")]


def test_archive_members_keep_archive_order():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("b.txt", "a.txt"):
            archive.writestr(name, b"x")
    assert [name for name, _ in archive_members(buffer.getvalue(), "x.zip")] == ["x.zip/b.txt", "x.zip/a.txt"]
