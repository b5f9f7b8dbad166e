""".doc, .rtf, .odt and portal .html are read through LibreOffice: same tree and decisions as the .docx."""

from __future__ import annotations

import os
import subprocess

import pytest

from dancoso_compare.api import Auditor, read
from dancoso_compare.errors import ConversionError, NotADocumentError, ToolMissingError, UnsafeContainerError
from dancoso_compare.ingest.office import soffice_binary
from dancoso_compare.ingest.read import read_bytes, read_source

from tests import builders
from tests.conftest import SEEDS
from tests.parse.test_parse_formats import signature

SEED = SEEDS / "003_807f00099292550a.txt"
FORMATS = {"doc": "doc", "rtf": "rtf", "odt": "odt", "html": "html:HTML (StarWriter)"}


def _soffice_convert(source, target_format, outdir, profile):
    subprocess.run(
        [soffice_binary(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", target_format,
         "--outdir", str(outdir), str(source)],
        check=True, capture_output=True, timeout=300,
    )
    return outdir / f"{source.stem}.{target_format.split(':')[0]}"


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """The seed as a .docx (its header in a table, as portals and Word templates lay it out), then as each format."""
    folder = tmp_path_factory.mktemp("office")
    text = SEED.read_text(encoding="utf-8")
    docx = builders.to_docx_literal(text, folder / "nghi-quyet.docx", table_lines=4)
    files = {name: _soffice_convert(docx, target, folder / name, folder / "profile") for name, target in FORMATS.items()}
    return docx, files


@pytest.fixture(scope="module")
def auditor():
    return Auditor.from_path()


def _decisions(auditor, parsed):
    return [(a.kind, {m: c.status for m, c in a.coverage.items()}) for a in auditor.audit_file(parsed)]


@pytest.mark.parametrize("name", list(FORMATS))
def test_office_format_gives_the_same_tree_and_decisions_as_the_docx(converted, auditor, name):
    docx, files = converted
    expected = read(docx)
    parsed = read(files[name])
    assert parsed.format == name
    assert signature(parsed) == signature(expected)
    assert _decisions(auditor, parsed) == _decisions(auditor, expected)
    for doc in parsed.documents:
        for node in doc.walk():
            assert parsed.text[node.span[0]:node.span[1]] == node.text


def test_portal_html_keeps_table_cells_as_separate_lines(tmp_path):
    page = """<html><head><meta charset="utf-8"><title>Nghị quyết</title></head><body>
<table><tr><td><b>HỘI ĐỒNG NHÂN DÂN<br>TỈNH BÀ RỊA - VŨNG TÀU</b></td>
<td><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</td></tr>
<tr><td>Số: 12/2024/NQ-HĐND</td><td><i>Bà Rịa - Vũng Tàu, ngày 10 tháng 7 năm 2024</i></td></tr></table>
<p align="center"><b>NGHỊ QUYẾT</b></p><p>Điều 1. Phạm vi điều chỉnh</p><p>1. Nghị quyết này quy định các biện pháp.</p>
</body></html>"""
    path = tmp_path / "nq.htm"
    path.write_text(page, encoding="utf-8")
    source = read_source(path)
    lines = [line.strip() for line in source.text.split("\n") if line.strip()]
    assert source.format == "html"
    assert lines[:6] == ["HỘI ĐỒNG NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Số: 12/2024/NQ-HĐND", "Bà Rịa - Vũng Tàu, ngày 10 tháng 7 năm 2024"]
    assert lines[-3:] == ["NGHỊ QUYẾT", "Điều 1. Phạm vi điều chỉnh", "1. Nghị quyết này quy định các biện pháp."]


def test_damaged_doc_is_a_conversion_error_not_a_crash():
    with pytest.raises(ConversionError) as caught:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "hong.doc")
    assert "hong.doc" in str(caught.value) and "LibreOffice" in str(caught.value)


def test_png_named_doc_says_what_it_is():
    with pytest.raises(NotADocumentError, match="it is a PNG image, not a Word 97-2003 .doc"):
        read_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100), "anh.doc")


def test_odt_bomb_is_refused_before_libreoffice(tmp_path):
    path = builders.zip_bomb(tmp_path / "bom.odt", "content.xml", extra={"mimetype": b"application/vnd.oasis.opendocument.text"})
    with pytest.raises(UnsafeContainerError, match="ZIP bomb"):
        read_source(path)


def test_missing_libreoffice_names_the_file_and_the_package(monkeypatch):
    monkeypatch.setenv("DANCOSO_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(ToolMissingError) as caught:
        read_bytes(b"{\\rtf1 Dieu 1.}", "nq.rtf")
    message = str(caught.value)
    assert "nq.rtf" in message and "apt-get install libreoffice-writer-nogui" in message
    assert os.environ["DANCOSO_SOFFICE"] == "/nonexistent/soffice"


def test_word_automatic_numbering_survives_odt(tmp_path):
    """LibreOffice writes one w:num per numbered paragraph, all of one abstract list: the labels keep counting."""
    text = SEED.read_text(encoding="utf-8")
    docx = builders.to_docx_autonumbered(text, tmp_path / "tu-dong.docx")
    odt = _soffice_convert(docx, "odt", tmp_path / "odt", tmp_path / "profile")
    expected, parsed = read(docx), read(odt)
    assert [line for line in parsed.text.split("\n") if line.strip()] == [
        line for line in expected.text.split("\n") if line.strip()]
    assert signature(parsed) == signature(expected)
