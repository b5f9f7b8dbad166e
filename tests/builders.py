"""Build test inputs in other formats from a plain text.

Used by the reader tests and by the cross-format parser tests: the same seed text
is written as .docx (literal or with Word automatic numbering), as a PDF with a
real text layer, as a scanned PDF, and as legacy-encoded bytes (TCVN3, VNI,
Windows-1258). Everything here is pure and deterministic and needs no network.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

import docx
import matplotlib
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from fpdf import FPDF
from PIL import Image, ImageDraw
from viparse.normalize.encodings import CHARMAPS
from viparse.normalize.tables import convert

PathLike = str | os.PathLike
# fpdf2 stamps the creation date; a fixed one keeps its output byte-identical.
_FIXED_DATE = datetime(2025, 1, 1, tzinfo=UTC)

# ---------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------


def _content_lines(text: str) -> list[str]:
    """The lines that become paragraphs: every non-empty line, as is."""
    return [line for line in text.splitlines() if line.strip()]


def _new_document_with_lines(lines: list[str], table_lines: int) -> tuple[docx.document.Document, list[Paragraph]]:
    """A document whose first ``table_lines`` lines sit in a one-column table.

    Returns the document and the paragraph objects in line order, so callers can
    attach numbering to them afterwards.
    """
    document = docx.Document()
    paragraphs = []
    in_table, in_body = lines[:table_lines], lines[table_lines:]
    if in_table:
        table = document.add_table(rows=len(in_table), cols=1)
        for row, line in zip(table.rows, in_table, strict=True):
            cell_paragraph = row.cells[0].paragraphs[0]
            cell_paragraph.add_run(line)
            paragraphs.append(cell_paragraph)
    for line in in_body:
        paragraphs.append(document.add_paragraph(line))
    return document, paragraphs


def to_docx_literal(text: str, path: PathLike, *, table_lines: int = 0) -> Path:
    """Write ``text`` as a .docx: one paragraph per non-empty line, text as is.

    The first ``table_lines`` non-empty lines go into a one-column table, one row
    per line, so tests can prove that table paragraphs are read (in order).
    """
    document, _ = _new_document_with_lines(_content_lines(text), table_lines)
    document.save(str(path))
    return Path(path)


# Structural labels that Word automatic numbering can replace. The label must be
# followed by one space (or end the line): the reader renders "label + space".
_ARTICLE = re.compile(r"^Điều (\d+)([.:])(?: |$)")
_CLAUSE = re.compile(r"^(\d+)\.(?: |$)")
_POINT = re.compile(r"^([a-zđ])\)(?: |$)")
_BULLET = re.compile(r"^- ")

# Level of each kind in our abstract numbering definitions.
ARTICLE_LEVEL, CLAUSE_LEVEL, POINT_LEVEL, BULLET_LEVEL = 0, 1, 2, 3


@dataclass(frozen=True)
class _Label:
    """A structural label found at the start of a line."""

    level: int
    value: int  # the counter value Word must show (1 for a bullet)
    colon: bool  # "Điều N:" rather than "Điều N."
    rest: str  # the line without the label and the one space after it


def _word_letter_value(letter: str) -> int | None:
    """Counter value for which Word's lowerLetter shows ``letter`` (None: it cannot, e.g. đ)."""
    return ord(letter) - ord("a") + 1 if "a" <= letter <= "z" else None


def _auto_label(line: str) -> _Label | None:
    """The label Word numbering could render for this line, or None to keep it literal."""
    if match := _ARTICLE.match(line):
        return _Label(ARTICLE_LEVEL, int(match[1]), match[2] == ":", line[match.end() :])
    if match := _CLAUSE.match(line):
        return _Label(CLAUSE_LEVEL, int(match[1]), False, line[match.end() :])
    if (match := _POINT.match(line)) and (value := _word_letter_value(match[1])) is not None:
        return _Label(POINT_LEVEL, value, False, line[match.end() :])
    if _BULLET.match(line):
        return _Label(BULLET_LEVEL, 1, False, line[2:])
    return None


def _w(tag: str, **attrs: str) -> BaseOxmlElement:
    """A ``w:`` element with ``w:`` attributes."""
    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _level(ilvl: int, num_fmt: str, lvl_text: str) -> BaseOxmlElement:
    level = _w("lvl", ilvl=str(ilvl))
    level.append(_w("start", val="1"))
    level.append(_w("numFmt", val=num_fmt))
    level.append(_w("lvlText", val=lvl_text))
    return level


def _abstract_num(abstract_id: int, article_text: str) -> BaseOxmlElement:
    """Article / clause / point / bullet levels, as a Vietnamese resolution numbers them."""
    abstract = _w("abstractNum", abstractNumId=str(abstract_id))
    abstract.append(_w("multiLevelType", val="multilevel"))
    abstract.append(_level(ARTICLE_LEVEL, "decimal", article_text))
    abstract.append(_level(CLAUSE_LEVEL, "decimal", "%2."))
    abstract.append(_level(POINT_LEVEL, "lowerLetter", "%3)"))
    abstract.append(_level(BULLET_LEVEL, "bullet", "\u2022"))
    return abstract


class _Numbering:
    """Adds our definitions to numbering.xml and hands out num instances.

    Every run of siblings gets its own ``w:num`` whose ``w:startOverride`` sets
    the first value, so khoản restart in each Điều and điểm in each khoản, and a
    gap in the source (Điều 1, Điều 3) is reproduced rather than renumbered.
    """

    def __init__(self, document: docx.document.Document) -> None:
        self._root = document.part.part_related_by(RT.NUMBERING).element
        used_abstract = [int(a.get(qn("w:abstractNumId"))) for a in self._root.iter(qn("w:abstractNum"))]
        used_num = [int(n.get(qn("w:numId"))) for n in self._root.iter(qn("w:num"))]
        first_abstract = max(used_abstract, default=-1) + 1
        self._next_num_id = max(used_num, default=0) + 1
        self._abstract_ids = {False: first_abstract, True: first_abstract + 1}
        # Schema order: every abstractNum precedes every num.
        first_num = next(self._root.iter(qn("w:num")), None)
        for colon in (False, True):
            abstract = _abstract_num(self._abstract_ids[colon], "Điều %1:" if colon else "Điều %1.")
            if first_num is None:
                self._root.append(abstract)
            else:
                first_num.addprevious(abstract)

    def new_instance(self, colon: bool, level: int, start: int) -> int:
        num_id = self._next_num_id
        self._next_num_id += 1
        num = _w("num", numId=str(num_id))
        num.append(_w("abstractNumId", val=str(self._abstract_ids[colon])))
        override = _w("lvlOverride", ilvl=str(level))
        override.append(_w("startOverride", val=str(start)))
        num.append(override)
        self._root.append(num)
        return num_id


@dataclass
class _Run:
    """The num instance currently numbering one level, and the value it shows next."""

    num_id: int
    colon: bool
    next_value: int


def _number_paragraph(paragraph: Paragraph, num_id: int, level: int, rest: str) -> None:
    """Replace the paragraph's text by ``rest`` and attach automatic numbering."""
    paragraph.text = rest
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def to_docx_autonumbered(text: str, path: PathLike, *, table_lines: int = 0) -> Path:
    """Write ``text`` as a .docx whose structural labels are Word automatic numbering.

    Lines starting with "Điều N." / "Điều N:", "N.", "a)" … or "- " lose the label
    from their text; Word (and our reader) render it from numbering.xml. A label
    Word cannot produce (a point "đ)", "Điều 5a.") stays literal in the text.
    """
    lines = _content_lines(text)
    document, paragraphs = _new_document_with_lines(lines, table_lines)
    numbering = _Numbering(document)
    runs: dict[int, _Run] = {}
    for paragraph, line in zip(paragraphs, lines, strict=True):
        label = _auto_label(line)
        if label is None:
            continue
        # A new article closes the runs of its clauses and points; a new clause its points.
        for deeper in (CLAUSE_LEVEL, POINT_LEVEL):
            if label.level < deeper:
                runs.pop(deeper, None)
        run = runs.get(label.level)
        if run is None or run.colon != label.colon or run.next_value != label.value:
            run = _Run(numbering.new_instance(label.colon, label.level, label.value), label.colon, label.value)
            runs[label.level] = run
        _number_paragraph(paragraph, run.num_id, label.level, label.rest)
        run.next_value += 1
    document.save(str(path))
    return Path(path)


# ---------------------------------------------------------------------------
# .pdf
# ---------------------------------------------------------------------------


def _unicode_font_path() -> Path:
    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def to_pdf(text: str, path: PathLike) -> Path:
    """Write ``text`` as a PDF with a real text layer (DejaVu Sans, A4).

    One paragraph per line; multi_cell wraps long lines, which adds the hard line
    breaks a real exported PDF has. Empty lines become vertical space.
    """
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("DejaVu", fname=str(_unicode_font_path()))
    pdf.set_font("DejaVu", size=12)
    pdf.set_creation_date(_FIXED_DATE)
    pdf.add_page()
    for line in text.splitlines():
        if line.strip():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(3)
    pdf.output(str(path))
    return Path(path)


def to_scanned_pdf(path: PathLike) -> Path:
    """Write a PDF that has only an image and a drawing, no text layer (like a scan)."""
    image = Image.new("L", (400, 560), color=255)
    draw = ImageDraw.Draw(image)
    for top in range(40, 520, 24):  # grey bars where a scan would show text lines
        draw.rectangle((40, top, 360, top + 10), fill=90)
    pdf = FPDF(format="A4")
    pdf.set_creation_date(_FIXED_DATE)
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    pdf.rect(5, 5, 200, 287)
    pdf.output(str(path))
    return Path(path)


# ---------------------------------------------------------------------------
# Legacy encodings
# ---------------------------------------------------------------------------


# VNI fonts give ì í Ì Í a byte of their own (viparse reads them as themselves);
# its "i + mark" entries for them are derived, not seen in real documents.
_VNI_SINGLE_BYTE = frozenset("ìíÌÍ")


@cache
def _reverse_charmap(name: str) -> dict[str, str]:
    """Unicode letter -> legacy surface sequence, from viparse's table."""
    return {
        unicode: legacy
        for legacy, unicode in CHARMAPS[name].pairs
        if not (name == "vni" and unicode in _VNI_SINGLE_BYTE)
    }


def _legacy_code(char: str, reverse: dict[str, str], lowercase_fallback: bool) -> tuple[str, str]:
    """(surface sequence written for ``char``, the letter it reads back as)."""
    if char in reverse:
        return reverse[char], char
    if lowercase_fallback and char.lower() in reverse:
        # .VnTimeH draws lowercase codes as capitals: TCVN3 has no uppercase accented letters.
        return reverse[char.lower()], char.lower()
    return char, char


def _encode_legacy(text: str, name: str, *, lowercase_fallback: bool) -> bytes:
    reverse = _reverse_charmap(name)
    codes = [_legacy_code(char, reverse, lowercase_fallback) for char in unicodedata.normalize("NFC", text)]
    surface = "".join(code for code, _ in codes)
    expected = "".join(letter for _, letter in codes)
    # A character that is itself a legacy code (a Latin-1 letter outside the
    # Vietnamese alphabet, e.g. "Ü") would read back as another letter: refuse it.
    if convert(surface, CHARMAPS[name]) != expected:
        raise ValueError(f"text cannot be written in {name}: it would not read back as written")
    return surface.encode("cp1252")  # raises for characters no legacy font can show


def encode_tcvn3(text: str) -> bytes:
    """``text`` as TCVN3 (ABC, .VnTime) bytes.

    Uppercase accented letters have no TCVN3 code and are written as the lowercase
    code, as with the .VnTimeH font. ASCII stays ASCII; other characters go through
    cp1252. Raises ValueError for a text that would not read back.
    """
    return _encode_legacy(text, "tcvn3", lowercase_fallback=True)


def encode_vni(text: str) -> bytes:
    """``text`` as VNI-Windows bytes (base letter + mark bytes). Raises ValueError as encode_tcvn3."""
    return _encode_legacy(text, "vni", lowercase_fallback=False)


_CP1258_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")


def _cp1258_char(char: str) -> str:
    """The character, or base letter + combining tone mark where cp1258 has no precomposed form."""
    if _in_cp1258(char):
        return char
    base, *marks = unicodedata.normalize("NFD", char)
    tones = [mark for mark in marks if mark in _CP1258_TONES]
    shape = [mark for mark in marks if mark not in _CP1258_TONES]
    # ă â ê ô ơ ư keep their shape mark precomposed; the tone is a separate code.
    return unicodedata.normalize("NFC", base + "".join(shape)) + "".join(tones)


def _in_cp1258(char: str) -> bool:
    try:
        char.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


def encode_cp1258(text: str) -> bytes:
    """``text`` as Windows-1258 bytes, tone marks decomposed where the code page needs it."""
    return "".join(_cp1258_char(char) for char in unicodedata.normalize("NFC", text)).encode("cp1258")


# ---------------------------------------------------------------------------
# Text fixtures
# ---------------------------------------------------------------------------

#: The smallest resolution the pipeline reads as one Nghị quyết (header, number, title, one Điều).
MINIMAL_RESOLUTION = """HỘI ĐỒNG NHÂN DÂN
TỈNH THỬ NGHIỆM
Số: 01/2024/NQ-HĐND

NGHỊ QUYẾT
Quy định nội dung công khai

Điều 1. Phạm vi điều chỉnh
Nghị quyết này quy định những nội dung công khai để Nhân dân biết.
"""
def to_image_only_pdf(text: str, path: PathLike, *, dpi: int = 200, skew: float = 0.0) -> Path:
    """A scan of ``text``: its PDF pages rendered to grey images, saved as a PDF with no text layer.

    ``skew`` rotates each page image by that many degrees, like a sheet fed askew.
    """
    import pypdfium2

    text_pdf = Path(path).with_suffix(".text.pdf")
    to_pdf(text, text_pdf)
    document = pypdfium2.PdfDocument(str(text_pdf))
    images = []
    for page in document:
        image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if skew:
            image = image.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
        images.append(image)
        page.close()
    document.close()
    text_pdf.unlink()
    images[0].save(str(path), "PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return Path(path)


def zip_bomb(path: PathLike, member: str, *, size: int = 200 * 1024 * 1024, extra: dict[str, bytes] | None = None) -> Path:
    """A ZIP whose ``member`` unpacks to ``size`` bytes of spaces (about a thousand times its packed size)."""
    import zipfile

    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
        with archive.open(member, "w", force_zip64=True) as handle:
            block = b" " * (1024 * 1024)
            for _ in range(size // len(block)):
                handle.write(block)
    return Path(path)


def docx_bomb(path: PathLike, *, size: int = 200 * 1024 * 1024) -> Path:
    """A real .docx whose word/document.xml is replaced by one that unpacks to ``size`` bytes."""
    import zipfile

    source = Path(path).with_suffix(".orig.docx")
    to_docx_literal("Điều 1. Phạm vi điều chỉnh\n", source)
    with zipfile.ZipFile(source) as original:
        parts = {info.filename: original.read(info) for info in original.infolist() if info.filename != "word/document.xml"}
    source.unlink()
    return zip_bomb(path, "word/document.xml", size=size, extra=parts)
