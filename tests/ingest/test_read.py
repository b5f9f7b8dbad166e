"""Tests of dancoso_compare.ingest.read: decoding, extraction and typed input errors."""

from __future__ import annotations

import codecs
import random
import unicodedata
from pathlib import Path

import docx
import pypdf
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from fpdf import FPDF
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso_compare.errors import (
    BinaryFileError,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileNotFound,
    InputError,
    NoDocumentsError,
    NotADocumentError,
    ScannedPdfError,
    SymlinkLoopError,
    UndecodableError,
    UnsupportedTypeError,
)
from dancoso_compare.ingest.read import SUPPORTED_SUFFIXES, expand_inputs, read_bytes, read_source

from tests import builders
from tests.conftest import SEEDS as SEED_DIR

# ---------------------------------------------------------------------------
# Seeds
# ---------------------------------------------------------------------------


SEEDS = sorted(SEED_DIR.glob("*.txt"))  # tests/data/seeds
assert SEEDS, f"the seed files are missing from {SEED_DIR}"
seeds = pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])


def _seed_text(seed: Path) -> str:
    return seed.read_bytes().decode("utf-8")  # no newline translation


# One seed types "Üy ban" for "Ủy ban". Ü is not a Vietnamese letter and has no
# TCVN3 code (its byte is the letter ĩ there), so legacy round trips use Ủ.
_SEED_TYPOS = str.maketrans({"Ü": "Ủ"})


def _nfc_fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _visible_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _words(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


# ---------------------------------------------------------------------------
# Text files: Unicode
# ---------------------------------------------------------------------------


@seeds
def test_utf8_seed_is_read_exactly(seed):
    source = read_source(seed)
    assert source.text == _seed_text(seed)
    assert (source.format, source.encoding, source.warnings) == ("txt", "utf-8", [])
    assert source.path == str(seed)


def test_utf8_with_bom_drops_only_the_bom(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Điều 1. Phạm vi\n".encode())
    source = read_source(path)
    assert (source.text, source.encoding) == ("Điều 1. Phạm vi\n", "utf-8-sig")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path, codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + "Nghị quyết\r\nĐiều 1.".encode(codec))
    source = read_source(path)
    assert (source.text, source.encoding) == ("Nghị quyết\r\nĐiều 1.", "utf-16")


def test_crlf_and_surrounding_whitespace_are_kept(tmp_path):
    text = "  NGHỊ QUYẾT\r\n\r\nĐiều 1.\tPhạm vi \r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode())
    assert read_source(path).text == text


def test_nfd_text_is_not_normalized(tmp_path):
    text = unicodedata.normalize("NFD", "Hội đồng nhân dân quyết nghị")
    path = tmp_path / "nfd.md"
    path.write_bytes(text.encode())
    source = read_source(path)
    assert source.text == text
    assert source.text != unicodedata.normalize("NFC", text)
    assert source.format == "md"


def test_read_bytes_picks_format_from_suffix_case_insensitively():
    source = read_bytes("# Tờ trình\n".encode(), "upload/TO_TRINH.MD")
    assert (source.format, source.path, source.text) == ("md", "upload/TO_TRINH.MD", "# Tờ trình\n")


# ---------------------------------------------------------------------------
# Text files: legacy Vietnamese encodings
# ---------------------------------------------------------------------------

LEGACY = {"cp1258": builders.encode_cp1258, "tcvn3": builders.encode_tcvn3, "vni": builders.encode_vni}


@seeds
@pytest.mark.parametrize("encoding", LEGACY)
def test_legacy_encoded_seed_reads_back(tmp_path, seed, encoding):
    text = _seed_text(seed).translate(_SEED_TYPOS)
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(LEGACY[encoding](text))
    source = read_source(path)
    assert source.encoding == encoding
    assert source.warnings, "the user is told the file was converted"
    assert _nfc_fold(source.text) == _nfc_fold(text)
    if encoding == "vni":  # VNI has uppercase accented letters: nothing is lost
        assert source.text == unicodedata.normalize("NFC", text)


@seeds
def test_cp1258_keeps_combining_tone_marks(seed):
    text = _seed_text(seed).translate(_SEED_TYPOS)
    source = read_bytes(builders.encode_cp1258(text), "cp1258.txt")
    assert "\u0301" in source.text  # the codec's combining acute, not normalized away
    assert unicodedata.normalize("NFC", source.text) == unicodedata.normalize("NFC", text)


def test_tcvn3_uppercase_headings_come_back_with_lowercase_accents():
    source = read_bytes(builders.encode_tcvn3("HỘI ĐỒNG NHÂN DÂN\nĐiều 1. Phạm vi điều chỉnh\n"), "h.txt")
    assert source.text == "HộI ĐồNG NHÂN DÂN\nĐiều 1. Phạm vi điều chỉnh\n"
    assert "uppercase" in source.warnings[0]


@pytest.mark.parametrize(
    ("encoding", "line"),
    [
        ("tcvn3", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;"),
        ("vni", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025;"),
        # Short lines that more than one decoding renders as syllables: the Vietnamese score decides.
        ("tcvn3", "Nghị quyết được bố cục gồm có 07 Điều."),
        ("tcvn3", "2. Đối tượng áp dụng"),
        ("vni", "2. Hồ sơ tài liệu kèm theo bao gồm:"),
        ("vni", "III. BỐ CỤC CỦA DỰ THẢO NGHỊ QUYẾT"),
    ],
)
def test_short_legacy_line_is_decoded(encoding, line):
    source = read_bytes(LEGACY[encoding](line), "short.txt")
    assert (source.text, source.encoding) == (line, encoding)


@seeds
@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_utf8_text_in_legacy_font_characters_is_converted(seed, encoding):
    # What copying out of a .VnTime / VNI-Times document and saving as UTF-8 gives.
    text = _seed_text(seed).translate(_SEED_TYPOS)
    surface = LEGACY[encoding](text).decode("cp1252")
    source = read_bytes(surface.encode("utf-8"), "copied.txt")
    assert source.encoding == encoding
    assert "UTF-8" in source.warnings[0]
    assert _nfc_fold(source.text) == _nfc_fold(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tôi là ai",  # Vietnamese written only with Latin-1 letters
        "Chào ông bà, Ông ấy",
        "Le café est très bon, déjà vu à Paris.",
        "El niño está aquí, señor.",  # VNI would turn ñ into đ
        "Über größe",
        "Microsoft® Word 2010",
    ],
)
def test_good_utf8_text_is_never_converted(text):
    source = read_bytes(text.encode(), "good.txt")
    assert (source.text, source.encoding, source.warnings) == (text, "utf-8", [])


# ---------------------------------------------------------------------------
# Text files: bad input
# ---------------------------------------------------------------------------


def _random_bytes(seed: int, size: int) -> bytes:
    return random.Random(seed).randbytes(size)


def _raises(error: type[InputError], path: Path) -> InputError:
    with pytest.raises(error) as caught:
        read_source(path)
    assert path.name in str(caught.value)
    return caught.value


@pytest.mark.parametrize(
    "content",
    [b"", b" \r\n\t \n", codecs.BOM_UTF8, codecs.BOM_UTF8 + b"\n  ", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")],
)
def test_empty_or_whitespace_file(tmp_path, content):
    path = tmp_path / "trong.txt"
    path.write_bytes(content)
    _raises(EmptyFileError, path)


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_zero_byte_document_is_empty(tmp_path, suffix):
    path = tmp_path / f"zero{suffix}"
    path.write_bytes(b"")
    _raises(EmptyFileError, path)


def test_random_bytes_with_nul_are_binary(tmp_path):
    data = _random_bytes(7, 4096)
    assert b"\x00" in data
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    _raises(BinaryFileError, path)


@pytest.mark.parametrize(
    ("header", "what"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", ".doc"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ],
)
def test_binary_format_renamed_to_txt_says_what_it_is(tmp_path, header, what):
    path = tmp_path / "renamed.txt"
    path.write_bytes(header + b"rest of the file")
    assert what in str(_raises(BinaryFileError, path))


def test_control_bytes_without_nul_are_binary(tmp_path):
    path = tmp_path / "controls.txt"
    path.write_bytes(b"abc\x01\x02\x03def\x1b\x1cghi\x7f" * 20)
    _raises(BinaryFileError, path)


@seeds
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected(tmp_path, seed, codec):
    text = _seed_text(seed)
    path = tmp_path / "nobom.txt"
    path.write_bytes(text.encode(codec))
    source = read_source(path)
    assert (source.text, source.encoding) == (text, codec)
    assert "without a byte-order mark" in source.warnings[0]


def test_short_utf16_line_without_bom_is_detected():
    assert read_bytes("Nghị quyết".encode("utf-16-le"), "nobom.txt").text == "Nghị quyết"


def test_binary_with_nul_bytes_on_both_parities_is_still_binary(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"ab\x00\x00cd\x00e\x00\x00f" * 50)
    assert "not UTF-16" in str(_raises(BinaryFileError, path))


def test_undecodable_high_bytes(tmp_path):
    rng = random.Random(3)
    data = bytes(rng.choice(range(0x80, 0x100)) if rng.random() < 0.8 else 0x20 for _ in range(2000))
    path = tmp_path / "garbled.txt"
    path.write_bytes(data)
    _raises(UndecodableError, path)


def test_invalid_utf16_after_bom_is_undecodable(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"A\x00\x00\xd8B\x00")  # lone surrogate
    _raises(UndecodableError, path)


def test_rtf_saved_as_txt_is_unsupported(tmp_path):
    path = tmp_path / "nq.txt"
    path.write_bytes(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Hello}")
    assert "RTF" in str(_raises(UnsupportedTypeError, path))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_decode_or_raise_an_input_error(data):
    try:
        source = read_bytes(data, "fuzz.txt")
    except InputError as error:
        assert "fuzz.txt" in str(error)
    else:
        assert source.text.strip()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04"]), st.binary(max_size=2000), st.sampled_from([".docx", ".pdf"])
)
def test_arbitrary_bytes_as_docx_or_pdf_raise_only_input_errors(magic, data, suffix):
    try:
        read_bytes(magic + data, f"fuzz{suffix}")
    except InputError as error:
        assert f"fuzz{suffix}" in str(error)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=300))
def test_unicode_vietnamese_text_comes_back_unchanged(text):
    text = "ư" + text  # a letter outside every legacy surface: real Unicode Vietnamese
    assert read_bytes(text.encode(), "u.txt").text == text


# ---------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------


@seeds
def test_docx_literal_lines_equal_the_source_lines(tmp_path, seed):
    text = _seed_text(seed)
    source = read_source(builders.to_docx_literal(text, tmp_path / "literal.docx"))
    assert (source.format, source.encoding) == ("docx", None)
    assert _visible_lines(source.text) == _visible_lines(text)


def _numbered_paragraph_count(path: Path) -> int:
    return sum(1 for p in docx.Document(str(path)).paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None)


@seeds
def test_docx_autonumbered_lines_equal_the_source_lines(tmp_path, seed):
    text = _seed_text(seed)
    path = builders.to_docx_autonumbered(text, tmp_path / "auto.docx")
    assert _numbered_paragraph_count(path) > 10  # the labels really come from numbering.xml
    assert _visible_lines(read_source(path).text) == _visible_lines(text)


RESOLUTION = """NGHỊ QUYẾT
Điều 1. Phạm vi điều chỉnh
1. Nghị quyết này quy định:
a) Nội dung công khai;
b) Nội dung nhân dân bàn;
c) Nội dung nhân dân tham gia ý kiến;
d) Nội dung nhân dân kiểm tra;
đ) Nội dung khác;
e) Trách nhiệm thi hành.
2. Đối tượng áp dụng.
- Cán bộ, công chức;
- Nhân dân.
Điều 2: Tổ chức thực hiện
1. Ủy ban nhân dân tỉnh tổ chức thực hiện.
a) Hướng dẫn;
b) Kiểm tra.
2. Thường trực Hội đồng nhân dân giám sát.
Điều 4. Hiệu lực thi hành
1. Nghị quyết có hiệu lực từ ngày ký.
"""


def test_docx_autonumbering_restarts_clauses_and_points(tmp_path):
    path = builders.to_docx_autonumbered(RESOLUTION, tmp_path / "restart.docx")
    body = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Phạm vi điều chỉnh" in body and "Nội dung công khai;" in body  # labels are not in the text
    assert "đ) Nội dung khác;" in body  # Word has no letter đ: kept literal
    assert _visible_lines(read_source(path).text) == _visible_lines(RESOLUTION)


def test_docx_table_paragraphs_are_read_in_order(tmp_path):
    path = builders.to_docx_autonumbered(RESOLUTION, tmp_path / "table.docx", table_lines=3)
    document = docx.Document(str(path))
    assert document.tables[0].cell(1, 0).text == "Phạm vi điều chỉnh"
    assert _visible_lines(read_source(path).text) == _visible_lines(RESOLUTION)


def test_docx_merged_and_nested_cells_are_read_once(tmp_path):
    document = docx.Document()
    document.add_paragraph("Trước bảng")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Tiêu đề"  # horizontal merge
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Ủy ban nhân dân"  # vertical merge
    continuation = table.rows[2]._tr.tc_lst[0]
    continuation.p_lst[0].add_r().text = "ẩn"  # Word never shows a continuation cell's content
    table.cell(1, 1).text = "Cộng hòa"
    table.cell(2, 1).paragraphs[0].text = "Trên bảng lồng"
    table.cell(2, 1).add_table(rows=1, cols=1).cell(0, 0).text = "Bảng lồng"
    document.add_paragraph("Sau bảng")
    path = tmp_path / "merged.docx"
    document.save(str(path))
    assert read_source(path).text.split("\n") == [
        "Trước bảng",
        "Tiêu đề",
        "Ủy ban nhân dân",
        "Cộng hòa",
        "Trên bảng lồng",
        "Bảng lồng",
        "",
        "Sau bảng",
    ]


def test_docx_breaks_tabs_and_empty_paragraphs(tmp_path):
    document = docx.Document()
    run = document.add_paragraph().add_run("Nơi nhận:")
    run.add_break()
    run.add_text("- Như Điều 3;")
    run.add_tab()
    run.add_text("Lưu VT.")
    document.add_paragraph("")
    document.add_paragraph("CHỦ TỊCH")
    path = tmp_path / "breaks.docx"
    document.save(str(path))
    assert read_source(path).text == "Nơi nhận:\n- Như Điều 3;\tLưu VT.\n\nCHỦ TỊCH"


def _run(text: str, tag: str = "t"):
    run, content = _w("r"), _w(tag)
    content.text = text
    run.append(content)
    return run


def test_docx_hyperlinks_and_tracked_changes(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("Xem ")
    link, inserted, deleted = _w("hyperlink"), _w("ins", id="1", author="a"), _w("del", id="2", author="a")
    link.append(_run("Cổng thông tin"))
    inserted.append(_run(" đã sửa"))
    deleted.append(_run(" đã xóa", tag="delText"))
    for element in (link, inserted, deleted):
        paragraph._p.append(element)
    path = tmp_path / "links.docx"
    document.save(str(path))
    assert read_source(path).text == "Xem Cổng thông tin đã sửa"


def test_docx_header_and_footer_are_excluded(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "ĐẦU TRANG"
    document.sections[0].footer.paragraphs[0].text = "Trang 1"
    document.add_paragraph("Nội dung")
    path = tmp_path / "hf.docx"
    document.save(str(path))
    assert read_source(path).text == "Nội dung"


def _w(tag: str, **attrs: str):
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _numbered_docx(
    path: Path, items: list[tuple[int | None, str]], levels: list[dict], *, start_override: dict[int, int] | None = None
) -> Path:
    """A .docx with one list (numId 100) of the given levels; items are (ilvl or None, text)."""
    document = docx.Document()
    root = document.part.part_related_by(RT.NUMBERING).element
    abstract = _w("abstractNum", abstractNumId="100")
    for ilvl, spec in enumerate(levels):
        level = _w("lvl", ilvl=str(ilvl))
        level.append(_w("start", val=str(spec.get("start", 1))))
        level.append(_w("numFmt", val=spec["fmt"]))
        if "restart" in spec:
            level.append(_w("lvlRestart", val=str(spec["restart"])))
        if "style" in spec:
            level.append(_w("pStyle", val=spec["style"]))
        if spec.get("legal"):
            level.append(_w("isLgl"))
        level.append(_w("lvlText", val=spec["text"]))
        abstract.append(level)
    root.insert(0, abstract)
    num = _w("num", numId="100")
    num.append(_w("abstractNumId", val="100"))
    for ilvl, start in (start_override or {}).items():
        override = _w("lvlOverride", ilvl=str(ilvl))
        override.append(_w("startOverride", val=str(start)))
        num.append(override)
    root.append(num)
    for ilvl, text in items:
        paragraph = document.add_paragraph(text)
        if ilvl is not None:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = ilvl
            num_pr.get_or_add_numId().val = 100
    document.save(str(path))
    return path


LEGAL_LEVELS = [
    {"fmt": "decimal", "text": "Điều %1."},
    {"fmt": "decimal", "text": "%2."},
    {"fmt": "lowerLetter", "text": "%3)"},
    {"fmt": "bullet", "text": "\uf0b7"},
]


def test_docx_one_multilevel_list_restarts_deeper_levels(tmp_path):
    items = [
        (0, "Phạm vi"),
        (1, "Một"),
        (2, "a"),
        (2, "b"),
        (1, "Hai"),
        (2, "a"),
        (3, "gạch"),
        (None, "Đoạn thường"),
        (0, "Hiệu lực"),
        (1, "Một"),
    ]
    path = _numbered_docx(tmp_path / "multi.docx", items, LEGAL_LEVELS)
    assert read_source(path).text.split("\n") == [
        "Điều 1. Phạm vi",
        "1. Một",
        "a) a",
        "b) b",
        "2. Hai",
        "a) a",
        "- gạch",
        "Đoạn thường",
        "Điều 2. Hiệu lực",
        "1. Một",
    ]


def test_docx_lvl_restart_zero_keeps_counting_and_start_override(tmp_path):
    levels = [{"fmt": "upperRoman", "text": "%1."}, {"fmt": "decimal", "text": "%2.", "restart": 0}]
    items = [(0, "Chương"), (1, "x"), (1, "y"), (0, "Chương"), (1, "z")]
    path = _numbered_docx(tmp_path / "norestart.docx", items, levels, start_override={0: 4})
    assert read_source(path).text.split("\n") == ["IV. Chương", "1. x", "2. y", "V. Chương", "3. z"]


def test_docx_lists_sharing_an_abstract_definition_continue_one_counter(tmp_path):
    """Word (and LibreOffice, which writes one w:num per paragraph) keep one counter per abstract list:
    a w:num with no override or an empty w:lvlOverride continues it, a w:startOverride restarts it."""
    levels = [{"fmt": "decimal", "text": "%1."}, {"fmt": "lowerLetter", "text": "%2)"}]
    items = [(0, "một"), (1, "x"), (1, "y"), (0, "hai"), (1, "z"), (1, "t")]
    path = _numbered_docx(tmp_path / "shared.docx", items, levels)
    document = docx.Document(str(path))
    root = document.part.part_related_by(RT.NUMBERING).element
    for num_id, override in (("101", None), ("102", "empty"), ("103", "start")):
        num = _w("num", numId=num_id)
        num.append(_w("abstractNumId", val="100"))
        if override:
            element = _w("lvlOverride", ilvl="1")
            if override == "start":
                element.append(_w("startOverride", val="1"))
            num.append(element)
        root.append(num)
    paragraphs = document.paragraphs
    for paragraph, num_id in zip(paragraphs[1:], ("101", "102", "100", "103", "101"), strict=True):
        paragraph._p.pPr.numPr.numId.val = int(num_id)
    document.save(str(path))
    assert read_source(path).text.split("\n") == ["1. một", "a) x", "b) y", "2. hai", "a) z", "b) t"]


@pytest.mark.parametrize(
    ("fmt", "text", "start", "labels"),
    [
        ("lowerLetter", "%1)", 25, ["y)", "z)", "aa)"]),
        ("upperLetter", "%1.", 1, ["A.", "B.", "C."]),
        ("lowerRoman", "(%1)", 3, ["(iii)", "(iv)", "(v)"]),
        ("decimalZero", "%1.", 9, ["09.", "10.", "11."]),
        ("none", "Mục", 1, ["Mục", "Mục", "Mục"]),
    ],
)
def test_docx_number_formats(tmp_path, fmt, text, start, labels):
    path = _numbered_docx(tmp_path / "fmt.docx", [(0, "nội dung")] * 3, [{"fmt": fmt, "text": text, "start": start}])
    assert read_source(path).text.split("\n") == [f"{label} nội dung" for label in labels]


def test_docx_level_text_shows_higher_levels(tmp_path):
    levels = [{"fmt": "decimal", "text": "%1."}, {"fmt": "decimal", "text": "%1.%2."}]
    path = _numbered_docx(tmp_path / "compound.docx", [(1, "a"), (0, "b"), (1, "c"), (1, "d")], levels)
    # A level used before its parent shows the parent as 0 (Word's familiar "0.1" heading).
    assert read_source(path).text.split("\n") == ["0.1. a", "1. b", "1.1. c", "1.2. d"]


def test_docx_legal_numbering_shows_decimals(tmp_path):
    levels = [{"fmt": "upperRoman", "text": "%1."}, {"fmt": "lowerLetter", "text": "%1.%2", "legal": True}]
    path = _numbered_docx(tmp_path / "legal.docx", [(0, "Chương"), (1, "mục"), (1, "mục")], levels)
    assert read_source(path).text.split("\n") == ["I. Chương", "1.1 mục", "1.2 mục"]


def test_docx_heading_styles_take_their_level_from_the_list(tmp_path):
    # Word's multilevel heading lists: the style names the list, the list level names the style.
    levels = [
        {"fmt": "upperRoman", "text": "Chương %1", "style": "Heading1"},
        {"fmt": "decimal", "text": "Điều %2.", "style": "Heading2", "restart": 0},
    ]
    path = _numbered_docx(tmp_path / "headings.docx", [], levels)
    document = docx.Document(str(path))
    for style_id in ("Heading1", "Heading2"):
        style = document.styles.get_by_id(style_id, WD_STYLE_TYPE.PARAGRAPH)
        style.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 100
    for style, text in [
        ("Heading 1", "QUY ĐỊNH CHUNG"),
        ("Heading 2", "Phạm vi"),
        ("Heading 1", "TỔ CHỨC"),
        ("Heading 2", "Hiệu lực"),
    ]:
        document.add_paragraph(text, style=style)
    document.save(str(path))
    assert read_source(path).text.split("\n") == [
        "Chương I QUY ĐỊNH CHUNG",
        "Điều 1. Phạm vi",
        "Chương II TỔ CHỨC",
        "Điều 2. Hiệu lực",
    ]


def test_docx_numbering_through_paragraph_style(tmp_path):
    document = docx.Document()
    for text in ("Thứ nhất", "Thứ hai"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("Ý kiến", style="List Bullet")
    off = document.add_paragraph("Không đánh số", style="List Number")
    off._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0  # numId 0 turns numbering off
    path = tmp_path / "styles.docx"
    document.save(str(path))
    assert read_source(path).text.split("\n") == ["1. Thứ nhất", "2. Thứ hai", "- Ý kiến", "Không đánh số"]


def test_docx_without_text_is_empty(tmp_path):
    document = docx.Document()
    document.add_paragraph("   ")
    document.add_table(rows=1, cols=2)
    path = tmp_path / "blank.docx"
    document.save(str(path))
    _raises(EmptyFileError, path)


def test_random_bytes_named_docx_are_corrupt(tmp_path):
    path = tmp_path / "hong.docx"
    path.write_bytes(_random_bytes(5, 2048))
    _raises(CorruptFileError, path)


def test_legacy_doc_renamed_docx_is_corrupt_and_says_so(tmp_path):
    path = tmp_path / "cu.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    assert "Word 97-2003" in str(_raises(CorruptFileError, path))


def test_truncated_docx_is_corrupt(tmp_path):
    path = builders.to_docx_literal(RESOLUTION, tmp_path / "cut.docx")
    path.write_bytes(path.read_bytes()[:1500])
    _raises(CorruptFileError, path)


# ---------------------------------------------------------------------------
# .pdf
# ---------------------------------------------------------------------------


@seeds
def test_pdf_has_the_seed_words_in_order(tmp_path, seed):
    text = _seed_text(seed)
    source = read_source(builders.to_pdf(text, tmp_path / "seed.pdf"))
    assert (source.format, source.encoding, source.warnings) == ("pdf", None, [])
    assert _words(source.text) == _words(text)


def _pdf_pages(path: Path, pages: list[str | None]) -> Path:
    """One page per entry: its text, or None for a page with only a drawing."""
    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(builders._unicode_font_path()))
    pdf.set_font("DejaVu", size=12)
    for text in pages:
        pdf.add_page()
        if text is None:
            pdf.rect(20, 20, 100, 100, style="F")
        else:
            pdf.cell(0, 10, text)
    pdf.output(str(path))
    return path


def test_pdf_pages_are_joined_in_order(tmp_path):
    path = _pdf_pages(tmp_path / "pages.pdf", ["Trang một", "Trang hai", "Trang ba"])
    assert read_source(path).text == "Trang một\n\nTrang hai\n\nTrang ba"


def test_pdf_page_without_text_is_reported(tmp_path):
    path = _pdf_pages(tmp_path / "mixed.pdf", ["Trang một", None])
    source = read_source(path)
    assert source.text.startswith("Trang một")
    assert "page(s) 2" in source.warnings[0]


def test_scan_without_any_recognisable_text(tmp_path):
    error = _raises(ScannedPdfError, builders.to_scanned_pdf(tmp_path / "scan.pdf"))
    assert "OCR found no text" in str(error)


@pytest.mark.parametrize(("header", "what"), [(b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff\xe0", "a JPEG image")])
def test_image_named_pdf_says_what_it_is(tmp_path, header, what):
    path = tmp_path / "scan.pdf"
    path.write_bytes(header + bytes(range(256)) * 8)
    error = _raises(NotADocumentError, path)
    assert f"it is {what}, not a PDF" in str(error)


def test_random_bytes_named_pdf_are_corrupt(tmp_path):
    path = tmp_path / "hong.pdf"
    path.write_bytes(_random_bytes(9, 2048))
    _raises(CorruptFileError, path)


def _encrypted_copy(source: Path, target: Path, user_password: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="RC4-128")
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def test_pdf_with_a_user_password_is_encrypted_not_damaged(tmp_path):
    plain = _pdf_pages(tmp_path / "plain.pdf", ["Bí mật"])
    error = _raises(EncryptedFileError, _encrypted_copy(plain, tmp_path / "locked.pdf", "mat-khau"))
    assert error.code == "encrypted"
    assert "password" in str(error) and "damaged" not in str(error) and "unprotected copy" in str(error)


def test_pdf_with_only_an_owner_password_is_read(tmp_path):
    plain = _pdf_pages(tmp_path / "plain.pdf", ["Công khai"])
    assert read_source(_encrypted_copy(plain, tmp_path / "owner.pdf", "")).text == "Công khai"


# ---------------------------------------------------------------------------
# Unsupported types, missing paths
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["bang.xlsx", "scan.png", "NOSUFFIX", "nq.docm"])
def test_unsupported_suffix(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"anything")
    error = _raises(UnsupportedTypeError, path)
    assert (Path(name).suffix or "no suffix") in str(error)
    with pytest.raises(UnsupportedTypeError):
        read_bytes(b"anything", name)


def test_missing_path(tmp_path):
    _raises(FileNotFound, tmp_path / "khong_co.txt")


def test_directory_is_an_input_error(tmp_path):
    folder = tmp_path / "thu_muc.txt"
    folder.mkdir()
    _raises(InputError, folder)


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".docx", ".pdf", ".doc", ".rtf", ".odt", ".html", ".htm")


# ---------------------------------------------------------------------------
# expand_inputs
# ---------------------------------------------------------------------------


def test_expand_inputs_walks_directories_sorted_and_accounts_for_every_file(tmp_path):
    tree = {
        "b/z.txt": "",
        "b/a.pdf": "",
        "b/sub/m.docx": "",
        "b/bang.xlsx": "",
        "a.md": "",
        "README.md": "",
        "b/readme.md": "",
        ".hidden.txt": "",
        ".git/x.txt": "",
        "b/~$lock.docx": "",
        "notes.doc": "",
        "c.TXT": "",
    }
    for name in tree:
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_text("x")
    explicit = tmp_path / "in" / "c.TXT"
    missing = tmp_path / "missing.txt"
    result = expand_inputs([tmp_path / "in", explicit, str(missing)])
    root = tmp_path / "in"
    assert [path for path, _ in result] == [
        root / "a.md",
        root / "b" / "a.pdf",
        root / "b" / "bang.xlsx",
        root / "b" / "sub" / "m.docx",
        root / "b" / "z.txt",
        root / "c.TXT",
        root / "notes.doc",
        explicit,
        missing,
    ]
    errors = {path.name: error for path, error in result if error is not None}
    assert set(errors) == {"bang.xlsx", "missing.txt"}
    assert isinstance(errors["bang.xlsx"], UnsupportedTypeError) and "'.xlsx'" in str(errors["bang.xlsx"])
    assert isinstance(errors["missing.txt"], FileNotFound) and "missing.txt" in str(errors["missing.txt"])


def test_expand_inputs_empty_folder_is_an_error(tmp_path):
    (tmp_path / "empty" / ".git").mkdir(parents=True)
    ((path, error),) = expand_inputs([tmp_path / "empty"])
    assert isinstance(error, NoDocumentsError) and error.code == "no_documents"
    assert str(tmp_path / "empty") in str(error)


def test_symlink_loop_is_reported_as_a_loop(tmp_path):
    loop = tmp_path / "vong.txt"
    loop.symlink_to(loop)
    error = _raises(SymlinkLoopError, loop)
    assert "loop" in str(error) and "no such file" not in str(error)
    ((_, listed),) = expand_inputs([loop])
    assert isinstance(listed, SymlinkLoopError)


def test_symlinked_folder_leading_back_is_listed_once_as_a_loop(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text("Điều 1.", encoding="utf-8")
    (tmp_path / "in" / "sub" / "back").symlink_to(tmp_path / "in")
    result = expand_inputs([tmp_path / "in"])
    assert [(path.name, type(error).__name__) for path, error in result] == [
        ("a.txt", "NoneType"), ("back", "SymlinkLoopError")]


def test_broken_symlink_names_its_target(tmp_path):
    link = tmp_path / "mat.txt"
    link.symlink_to(tmp_path / "gone.txt")
    error = _raises(FileNotFound, link)
    assert "gone.txt" in str(error)


def test_expand_inputs_files_read_with_their_errors(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Điều 1.", encoding="utf-8")
    ((path, error),) = expand_inputs([good])
    assert error is None and read_source(path).text == "Điều 1."


def test_wrong_decodings_are_rejected_not_returned(tmp_path):
    # C1 control bytes "convert" through the TCVN3 table to nothing readable.
    with pytest.raises(UndecodableError, match="c1.txt"):
        read_bytes(b"\x81\x8d\x8f\x90\x9d" * 40, "c1.txt")
    # A stray UTF-16 byte-order mark in front of Latin-1 bytes decodes to CJK noise.
    with pytest.raises(UndecodableError, match="bom.txt"):
        read_bytes(b"\xff\xfe\xfd abc \xe9\xe8 xyz " * 20, "bom.txt")
