"""Read one input file into the text every later span indexes into.

The reader decodes (.txt, .md) or extracts (.docx, .pdf) and does nothing else:
no Unicode normalization, no whitespace changes, CRLF kept. The parser
normalizes later and keeps an offset map back to this text. The one exception
is legacy Vietnamese (TCVN3, VNI): those bytes mean nothing until converted, so
the converted text becomes the original.

Every problem with an input is raised as a typed :class:`InputError`.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import os
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from viparse.normalize.detector import detect_encoding_by_content
from viparse.normalize.encodings import AUTO_DETECT_CHARMAPS
from viparse.normalize.frequency import vietnamese_score
from viparse.normalize.tables import convert

from dancoso_compare.errors import (
    BinaryFileError,
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileNotFound,
    InputError,
    NotADocumentError,
    ScannedPdfError,
    UndecodableError,
    UnsupportedTypeError,
)
from dancoso_compare.ingest.archive import is_archive_name, read_archive_member
from dancoso_compare.ingest.discover import DOCUMENT_SUFFIXES, expand_inputs, stat_problem
from dancoso_compare.ingest.limits import verified_package
from dancoso_compare.models import OcrInfo, OcrPage, SourceText

__all__ = ["SUPPORTED_SUFFIXES", "expand_inputs", "read_bytes", "read_source"]

SUPPORTED_SUFFIXES = DOCUMENT_SUFFIXES


@dataclass
class _Decoded:
    """What a format reader produces: the text, the encoding found, warnings for the user."""

    text: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    ocr: OcrInfo | None = None


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def read_source(path: str | os.PathLike) -> SourceText:
    """Read one file (or ``archive.zip/member``). Raises an :class:`InputError` subclass for any bad input."""
    name = os.fspath(path)
    file = Path(name)
    if not os.path.lexists(name):
        member = read_archive_member(file)
        if member is None:
            raise FileNotFound(name)
        return read_bytes(member, name)
    problem = stat_problem(file, name)
    if problem is not None:
        raise problem
    if file.is_dir():
        raise InputError(name, "it is a directory, not a file")
    if is_archive_name(name):
        raise UnsupportedTypeError(name, "a .zip archive holds several files; give the archive as an input to read each")
    _check_suffix(name)  # before reading: an unsupported file may be large
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(name, f"it cannot be opened ({exc.strerror or exc})") from exc
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> SourceText:
    """Read a file's content; the suffix of ``name`` picks the format."""
    suffix = _check_suffix(name)
    if not data:
        raise EmptyFileError(name, "0 bytes")
    decoded = _READERS[suffix](data, name)
    return SourceText(
        path=name,
        text=decoded.text,
        format=_FORMAT_NAMES.get(suffix, suffix.lstrip(".")),
        encoding=decoded.encoding,
        warnings=decoded.warnings,
        ocr=decoded.ocr,
    )


def _check_suffix(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = f"'{suffix}'" if suffix else "no suffix"
        raise UnsupportedTypeError(name, shown)
    return suffix


# ---------------------------------------------------------------------------
# What binary content looks like (for messages that say what the file really is)
# ---------------------------------------------------------------------------

_SIGNATURES = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt file?)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word 97-2003 .doc (or .xls) file"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
)


def _looks_like(data: bytes) -> str | None:
    """What well-known binary format ``data`` starts with, if any."""
    return next((what for magic, what in _SIGNATURES if data.startswith(magic)), None)


# ---------------------------------------------------------------------------
# Text files (.txt, .md)
# ---------------------------------------------------------------------------

# Python's "utf-16" codec reads either byte order and drops the BOM.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, LF, VT, FF, CR, plus DEL: text files do not contain them.
_CONTROL_CODES = bytes([*range(0x09), *range(0x0E, 0x20), 0x7F])
# str.translate with a deletion table runs one dictionary lookup per character (1.4 ms for a resolution);
# a character-class regex finds the same characters in C.
_CONTROL_CHARS = re.compile("[" + "".join(f"\\x{c:02x}" for c in _CONTROL_CODES) + "]")
_MAX_CONTROL_SHARE = 0.05


def _read_text(data: bytes, path: str) -> _Decoded:
    what = _looks_like(data)
    if what is not None:
        raise BinaryFileError(path, f"it looks like {what}")
    if data.lstrip().startswith(b"{\\rtf"):
        raise UnsupportedTypeError(path, "it is an RTF document saved with a text suffix; rename it to .rtf")
    decoded = _decode_with_bom(data, path) or _decode_without_bom(data, path)
    _reject_control_codes(decoded.text, path)  # UTF-16 control codes show only once decoded
    _reject_unreadable(decoded, path)
    if not decoded.text.strip():
        raise EmptyFileError(path, "only whitespace")
    return decoded


def _decode_with_bom(data: bytes, path: str) -> _Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    path, f"it starts with a {encoding} byte-order mark but byte {exc.start} is invalid"
                ) from exc
    return None


def _decode_without_bom(data: bytes, path: str) -> _Decoded:
    if b"\x00" in data:
        utf16 = _decode_utf16_without_bom(data)
        if utf16 is not None:
            return utf16
        raise BinaryFileError(path, "it contains NUL bytes and is not UTF-16 text")
    _reject_control_codes(data, path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _decode_legacy(data, path, first_bad_byte=exc.start)
    return _convert_legacy_surface(text) or _Decoded(text, "utf-8")


_MIN_UTF16_ZERO_SHARE = 0.3  # of the high bytes: ASCII (spaces, digits, Latin letters) has a zero high byte


def _decode_utf16_without_bom(data: bytes) -> _Decoded | None:
    """UTF-16 text saved without a byte-order mark, told apart from binary by where its NUL bytes sit.

    In UTF-16 the NUL bytes are the high bytes of ASCII characters, so they fall
    on one parity (odd offsets for little-endian) and almost never on the other.
    """
    if len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    zeros_even, zeros_odd = even.count(0), odd.count(0)
    half = len(data) // 2
    if zeros_odd >= _MIN_UTF16_ZERO_SHARE * half and zeros_even <= 0.01 * half:
        encoding = "utf-16-le"
    elif zeros_even >= _MIN_UTF16_ZERO_SHARE * half and zeros_odd <= 0.01 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    warning = f"read as {encoding.upper()} without a byte-order mark"
    return _Decoded(text, encoding, [warning])


def _reject_control_codes(text: str | bytes, path: str) -> None:
    if isinstance(text, bytes):
        controls = len(text) - len(text.translate(None, _CONTROL_CODES))
    else:
        controls = sum(1 for _ in _CONTROL_CHARS.finditer(text)) if _CONTROL_CHARS.search(text) else 0
    if controls and controls / len(text) > _MAX_CONTROL_SHARE:
        raise BinaryFileError(path, f"{controls} of its {len(text)} characters are control codes")


_MAX_UNREADABLE_SHARE = 0.02
_MAX_FOREIGN_LETTER_SHARE = 0.5


def _is_vietnamese_script(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF  # Latin, with the Vietnamese block


def _reject_unreadable(decoded: _Decoded, path: str) -> None:
    """A decoding that yields C1 controls, private-use or unassigned code points, or mostly
    non-Latin letters, is the wrong one (random bytes, a stray UTF-16 byte-order mark)."""
    if decoded.encoding in ("utf-8", "utf-8-sig"):
        return  # valid UTF-8 is unambiguous: whatever it says is what the file holds
    text = decoded.text
    bad = sum(1 for char in text if 0x80 <= ord(char) <= 0x9F or unicodedata.category(char) in ("Co", "Cn", "Cs")
              or char == "\ufffd")
    letters = [char for char in text if char.isalpha()]
    foreign = sum(1 for char in letters if not _is_vietnamese_script(char))
    if bad > _MAX_UNREADABLE_SHARE * len(text) or (letters and foreign > _MAX_FOREIGN_LETTER_SHARE * len(letters)):
        raise UndecodableError(path, f"read as {decoded.encoding or 'text'} it is not Vietnamese text")


# --- legacy Vietnamese encodings -------------------------------------------

# TCVN3 and VNI are the legacy encodings of Vietnamese Word documents. VISCII and
# VPS are left out: their letters sit on control codes, which a text file rejects.
_LEGACY_CHARMAPS = {name: AUTO_DETECT_CHARMAPS[name] for name in ("tcvn3", "vni")}
_LEGACY_WARNINGS = {
    "tcvn3": "converted from TCVN3 (ABC, .VnTime fonts); TCVN3 has no uppercase accented "
    "letters, so headings typed in a .VnTimeH font read with lowercase accented letters",
    "vni": "converted from VNI (VNI-Windows fonts)",
    "cp1258": "decoded as Windows-1258; its tone marks are combining characters and were left as they are",
}


def _cp1252_surface_table() -> dict[int, str]:
    """Latin-1 character -> the cp1252 character of the same byte (where cp1252 defines one)."""
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # undefined in cp1252 (0x81, 0x8D, ...): keep the Latin-1 control
    return table


_CP1252_SURFACE = _cp1252_surface_table()


def _surface(data: bytes) -> str:
    """The characters a legacy font's bytes show as on Windows (cp1252, Latin-1 where undefined).

    This is how TCVN3 and VNI text surfaces when copied out of Word; viparse's
    tables convert from these characters.
    """
    return data.decode("latin-1").translate(_CP1252_SURFACE)


# Characters a TCVN3/VNI document can consist of once saved as Unicode: the
# surface of every byte, plus the two glyphs a PDF text layer substitutes for
# TCVN3 letters (viparse restores them).
_SURFACE_CHARS = frozenset(_surface(bytes(range(256)))) | {"\u2212", "\u2219"}


def _convert_legacy_surface(text: str) -> _Decoded | None:
    """Convert UTF-8 text that is really TCVN3/VNI characters (copied from a .VnTime font).

    Converting good text would corrupt it, so every guard must agree: the text
    consists only of legacy surface characters (real Unicode Vietnamese has
    letters such as ư, ơ, đ, ạ outside that set), it does not already read as
    Vietnamese syllables (Spanish "niño, señor" does, and would otherwise turn
    into VNI "niđo"), viparse's detector picks a table, and the result reads as
    Vietnamese.
    """
    if text.isascii() or not set(text) <= _SURFACE_CHARS:
        return None
    share = _syllable_share(text)
    if share is not None and share >= _MIN_SYLLABLE_SHARE:
        return None
    detection = detect_encoding_by_content(text, _LEGACY_CHARMAPS)
    if detection.encoding is None:
        return None
    converted = convert(text, _LEGACY_CHARMAPS[detection.encoding])
    if _syllable_share(converted) is None or not _reads_as_vietnamese(converted):
        return None
    warning = f"the UTF-8 text was legacy font characters: {_LEGACY_WARNINGS[detection.encoding]}"
    return _Decoded(converted, detection.encoding, [warning])


def _decode_legacy(data: bytes, path: str, *, first_bad_byte: int) -> _Decoded:
    """Choose among Windows-1258, TCVN3 and VNI the decoding that reads as Vietnamese."""
    readable = [
        (vietnamese_score(text), -order, encoding, text)
        for order, (encoding, text) in enumerate(_legacy_candidates(data))
        if _reads_as_vietnamese(text)
    ]
    if not readable:
        raise UndecodableError(
            path,
            f"it is not UTF-8 (invalid byte at offset {first_bad_byte}) and reads as Vietnamese "
            "in none of Windows-1258, TCVN3 or VNI",
        )
    _, _, encoding, text = max(readable)
    return _Decoded(text, encoding, [_LEGACY_WARNINGS[encoding]])


def _legacy_candidates(data: bytes) -> Iterator[tuple[str, str]]:
    """Each legacy decoding of ``data``, Windows-1258 first (it wins ties)."""
    with contextlib.suppress(UnicodeDecodeError):  # a byte cp1258 leaves undefined: not Windows-1258
        yield "cp1258", data.decode("cp1258")
    surface = _surface(data)
    for name, charmap in _LEGACY_CHARMAPS.items():
        yield name, convert(surface, charmap)


_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền sắc ngã hỏi nặng
_SHAPE_MARKS = frozenset("\u0302\u0306\u031b")  # â/ê/ô, ă, ơ/ư
_VIETNAMESE_MARKS = _TONE_MARKS | _SHAPE_MARKS
_LONGEST_SYLLABLE = 7  # "nghiêng"
_MIN_SYLLABLE_SHARE = 0.8
_WORD = re.compile(r"[^\W\d_]+")


def _reads_as_vietnamese(text: str) -> bool:
    share = _syllable_share(text)
    return share is None or share >= _MIN_SYLLABLE_SHARE


def _syllable_share(text: str) -> float | None:
    """Share of the words with non-ASCII letters that look like Vietnamese syllables.

    None when there is no such word. A wrong legacy decoding still yields
    accented letters, but strung into impossible syllables: measured on the
    seed documents, a right decoding has every such word syllable-shaped, a
    wrong one at most 73%, raw TCVN3/VNI surface text about 50%, random bytes
    under 55%.
    """
    words = [word for word in _WORD.findall(unicodedata.normalize("NFC", text)) if not word.isascii()]
    if not words:
        return None
    return sum(1 for word in words if _is_syllable_shaped(word)) / len(words)


def _is_syllable_shaped(word: str) -> bool:
    """At most seven Vietnamese letters carrying at most one tone mark."""
    if len(word) > _LONGEST_SYLLABLE:
        return False
    tones = 0
    for letter in word:
        if letter in "đĐ":
            continue
        base, *marks = unicodedata.normalize("NFD", letter)
        if not (base.isascii() and base.isalpha()) or not _VIETNAMESE_MARKS.issuperset(marks):
            return False
        tones += sum(1 for mark in marks if mark in _TONE_MARKS)
    return tones <= 1


# ---------------------------------------------------------------------------
# .docx
# ---------------------------------------------------------------------------

_W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _w(tag: str) -> str:
    return _W_NS + tag


_P, _R, _TC = _w("p"), _w("r"), _w("tc")
# Elements that only wrap block content: tables (rows, cells), content controls, custom XML.
_BLOCK_WRAPPERS = frozenset(map(_w, ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml")))
# Elements inside a paragraph that only wrap runs. Deleted text (w:del, w:moveFrom) is not shown.
_RUN_WRAPPERS = frozenset(
    map(_w, ("hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "sdt", "sdtContent", "customXml", "dir", "bdo"))
)
_RUN_TEXT = {_w("tab"): "\t", _w("ptab"): "\t", _w("br"): "\n", _w("cr"): "\n", _w("noBreakHyphen"): "-"}


def _read_docx(data: bytes, path: str) -> _Decoded:
    document = _open_docx(data, path)
    numbering = _NumberingDefinitions(_part_xml(document, "numbering"))
    styles = _StyleNumbering(_part_xml(document, "styles"))
    counters = _ListCounters(numbering)
    lines = []
    for paragraph in _paragraphs(document.element.body):
        label = _numbering_label(paragraph, styles, numbering, counters)
        lines.append(_with_label(label, _paragraph_text(paragraph)))
    text = "\n".join(lines)
    if not text.strip():
        raise EmptyFileError(path, "the document body has no text")
    return _Decoded(text)


def _open_docx(data: bytes, path: str) -> Any:
    what = _looks_like(data)
    if what is not None and not what.startswith("a ZIP"):
        raise CorruptFileError(path, f"it is {what}, not a .docx")
    verified_package(data, path, what=".docx")  # a ZIP bomb is refused before python-docx unpacks it
    import docx  # imported when a .docx is read: start-up stays fast for text files

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        what = _looks_like(data)
        detail = f"it is {what}, not a .docx" if what and not what.startswith("a ZIP") else f"not a valid .docx ({exc})"
        raise CorruptFileError(path, detail) from exc


def _part_xml(document: Any, kind: str) -> Any | None:
    """The root element of the styles or numbering part, None when the package has none."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    relationship = {"numbering": RELATIONSHIP_TYPE.NUMBERING, "styles": RELATIONSHIP_TYPE.STYLES}[kind]
    try:
        return document.part.part_related_by(relationship).element
    except KeyError:
        return None


def _paragraphs(container: Any) -> Iterator[Any]:
    """Body paragraphs, table-cell paragraphs and nested tables, in document order."""
    for child in container:
        if child.tag == _P:
            yield child
        elif child.tag == _TC and _continues_merge(child):
            continue  # the merged cell's content is in the cell that starts the merge
        elif child.tag in _BLOCK_WRAPPERS:
            yield from _paragraphs(child)


def _continues_merge(cell: Any) -> bool:
    for merge in ("vMerge", "hMerge"):
        mark = cell.find(f"{_w('tcPr')}/{_w(merge)}")
        if mark is not None and mark.get(_w("val"), "continue") == "continue":
            return True
    return False


def _paragraph_text(paragraph: Any) -> str:
    parts = []
    for run in _runs(paragraph):
        for child in run:
            if child.tag == _w("t"):
                parts.append(child.text or "")
            elif child.tag in _RUN_TEXT:
                parts.append(_RUN_TEXT[child.tag])
    return "".join(parts)


def _runs(element: Any) -> Iterator[Any]:
    for child in element:
        if child.tag == _R:
            yield child
        elif child.tag in _RUN_WRAPPERS:
            yield from _runs(child)


def _with_label(label: str | None, text: str) -> str:
    if not label:
        return text
    return f"{label} {text}" if text else label


# --- Word automatic numbering ----------------------------------------------


def _to_int(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute value; ``default`` when absent or malformed."""
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default


def _int_attr(element: Any | None, default: int | None = None) -> int | None:
    """The integer ``w:val`` of an element; ``default`` when the element is absent."""
    return default if element is None else _to_int(element.get(_w("val")), default)


def _str_attr(element: Any | None) -> str | None:
    return None if element is None else element.get(_w("val"))


@dataclass(frozen=True)
class _Level:
    """One level of a list definition (w:lvl)."""

    start: int
    num_format: str
    text: str | None  # w:lvlText with %1..%9 placeholders
    restart_after: int | None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool  # w:isLgl: show every level's number as decimal
    style: str | None  # w:pStyle: the paragraph style this level belongs to

    @classmethod
    def from_xml(cls, lvl: Any) -> _Level:
        return cls(
            start=_int_attr(lvl.find(_w("start")), 0),
            num_format=_str_attr(lvl.find(_w("numFmt"))) or "decimal",
            text=_str_attr(lvl.find(_w("lvlText"))),
            restart_after=_int_attr(lvl.find(_w("lvlRestart"))),
            legal=_is_on(lvl.find(_w("isLgl"))),
            style=_str_attr(lvl.find(_w("pStyle"))),
        )


def _is_on(element: Any | None) -> bool:
    """An OOXML on/off property: present without w:val, or with a true value."""
    return element is not None and _is_true(element.get(_w("val"), "true"))


def _is_true(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _levels(parent: Any) -> dict[int, _Level]:
    return {
        ilvl: _Level.from_xml(lvl)
        for lvl in parent.findall(_w("lvl"))
        if (ilvl := _to_int(lvl.get(_w("ilvl")))) is not None
    }


class _NumberingDefinitions:
    """numbering.xml: the levels each numId shows, with its overrides applied."""

    def __init__(self, root: Any | None) -> None:
        self._levels_by_num: dict[str, dict[int, _Level]] = {}
        self._abstract_of: dict[str, str] = {}
        self._restarted: dict[str, tuple[int, ...]] = {}
        if root is None:
            return
        abstracts = {
            abstract.get(_w("abstractNumId")): _levels(abstract) for abstract in root.findall(_w("abstractNum"))
        }
        for num in root.findall(_w("num")):
            abstract_id = _str_attr(num.find(_w("abstractNumId")))
            if abstract_id in abstracts:
                levels = dict(abstracts[abstract_id])
                overridden = _overridden_levels(num, levels)
                levels.update(overridden)
                num_id = num.get(_w("numId"))
                self._levels_by_num[num_id] = levels
                self._abstract_of[num_id] = abstract_id
                self._restarted[num_id] = _restarting_levels(num)

    def levels(self, num_id: str) -> dict[int, _Level] | None:
        return self._levels_by_num.get(num_id)

    def list_of(self, num_id: str) -> str:
        """The list whose counters a numId advances: every w:num of one abstractNum continues one list."""
        return self._abstract_of.get(num_id, num_id)

    def restarted_levels(self, num_id: str) -> tuple[int, ...]:
        """Levels a w:num restarts (w:lvlOverride) where it is first used."""
        return self._restarted.get(num_id, ())

    def level_of_style(self, num_id: str, style_id: str | None) -> int | None:
        """The level whose w:pStyle is this style (how heading styles pick their level)."""
        for ilvl, level in (self.levels(num_id) or {}).items():
            if style_id is not None and level.style == style_id:
                return ilvl
        return None


def _overridden_levels(num: Any, levels: dict[int, _Level]) -> dict[int, _Level]:
    """The levels a w:num changes with w:lvlOverride (a whole w:lvl, or just the start)."""
    changed = {}
    for override in num.findall(_w("lvlOverride")):
        ilvl = _to_int(override.get(_w("ilvl")))
        if ilvl is None:
            continue
        lvl = override.find(_w("lvl"))
        level = _Level.from_xml(lvl) if lvl is not None else levels.get(ilvl)
        start = _int_attr(override.find(_w("startOverride")))
        if level is not None and start is not None:
            level = replace(level, start=start)
        if level is not None:
            changed[ilvl] = level
    return changed


def _restarting_levels(num: Any) -> tuple[int, ...]:
    """Levels a w:num restarts: those with a w:startOverride or a whole w:lvl (an empty w:lvlOverride changes nothing)."""
    restarted = []
    for override in num.findall(_w("lvlOverride")):
        ilvl = _to_int(override.get(_w("ilvl")))
        if ilvl is not None and (override.find(_w("startOverride")) is not None or override.find(_w("lvl")) is not None):
            restarted.append(ilvl)
    return tuple(sorted(restarted))


class _StyleNumbering:
    """styles.xml: the numbering a paragraph style gives (through w:basedOn)."""

    def __init__(self, root: Any | None) -> None:
        self._based_on: dict[str, str] = {}
        self._num_pr: dict[str, tuple[str | None, int | None]] = {}
        self.default_style: str | None = None
        if root is None:
            return
        for style in root.findall(_w("style")):
            if style.get(_w("type")) != "paragraph":
                continue
            style_id = style.get(_w("styleId"))
            if _is_true(style.get(_w("default"))):
                self.default_style = style_id
            based_on = _str_attr(style.find(_w("basedOn")))
            if based_on:
                self._based_on[style_id] = based_on
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                self._num_pr[style_id] = _num_pr_values(num_pr)

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) the style or the nearest style it is based on sets."""
        seen = set()
        while style_id is not None and style_id not in seen:
            seen.add(style_id)
            if style_id in self._num_pr:
                return self._num_pr[style_id]
            style_id = self._based_on.get(style_id)
        return None, None


def _num_pr_values(num_pr: Any) -> tuple[str | None, int | None]:
    return _str_attr(num_pr.find(_w("numId"))), _int_attr(num_pr.find(_w("ilvl")))


def _numbering_label(
    paragraph: Any, styles: _StyleNumbering, numbering: _NumberingDefinitions, counters: _ListCounters
) -> str | None:
    """The label Word shows before this paragraph, advancing the list counters."""
    style_id = _str_attr(paragraph.find(f"{_w('pPr')}/{_w('pStyle')}")) or styles.default_style
    style_num_id, style_ilvl = styles.numbering(style_id)
    num_pr = paragraph.find(f"{_w('pPr')}/{_w('numPr')}")
    num_id, ilvl = _num_pr_values(num_pr) if num_pr is not None else (None, None)
    # A direct numId wins over the style's; numId 0, which no w:num defines, switches it off.
    num_id = num_id or style_num_id
    if num_id is None:
        return None
    if ilvl is None:
        ilvl = style_ilvl
    if ilvl is None:
        ilvl = numbering.level_of_style(num_id, style_id) or 0
    return counters.advance(num_id, ilvl)


class _ListCounters:
    """The running counters of each list (numId), as Word keeps them."""

    def __init__(self, numbering: _NumberingDefinitions) -> None:
        self._numbering = numbering
        self._values: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()

    def advance(self, num_id: str, ilvl: int) -> str | None:
        """Count one more paragraph at ``ilvl`` of list ``num_id`` and return its label.

        Word keeps one set of counters per abstract list: a w:num without an
        override continues it (LibreOffice writes one w:num per paragraph), a
        w:num with a w:lvlOverride restarts the overridden levels where it is first used.
        """
        levels = self._numbering.levels(num_id)
        if levels is None or ilvl not in levels:
            return None  # Word shows no number for an undefined list or level
        values = self._values.setdefault(self._numbering.list_of(num_id), {})
        if num_id not in self._used:
            self._used.add(num_id)
            for restarted in self._numbering.restarted_levels(num_id):
                values.pop(restarted, None)
        values[ilvl] = _current(values, levels, ilvl) + 1
        for deeper in [lvl for lvl in values if lvl > ilvl]:
            if _restarts(levels.get(deeper), ilvl):
                del values[deeper]
        return _render_label(levels, ilvl, values)


def _current(values: dict[int, int], levels: dict[int, _Level], ilvl: int) -> int:
    """A level's counter; one below its start until it is used or after it restarts.

    That is why Word shows "0.1" for a level-2 item that precedes every level-1 item.
    """
    return values.get(ilvl, levels[ilvl].start - 1)


def _restarts(level: _Level | None, advanced: int) -> bool:
    """Whether ``level`` starts over when the shallower level ``advanced`` counts on."""
    if level is None or level.restart_after is None:
        return True
    # w:lvlRestart is 1-based: restart after level N means after levels 0..N-1 (0 = never).
    return advanced < level.restart_after


_PLACEHOLDER = re.compile(r"%([1-9])")


def _render_label(levels: dict[int, _Level], ilvl: int, values: dict[int, int]) -> str:
    level = levels[ilvl]
    if level.num_format == "bullet":
        return "-"  # the bullet glyph is usually a Symbol-font private-use character
    if not level.text:
        return ""

    def number(match: re.Match[str]) -> str:
        shown = int(match[1]) - 1
        if shown not in levels:
            return ""
        value = _current(values, levels, shown)
        num_format = "decimal" if level.legal else levels[shown].num_format
        return _format_number(value, num_format)

    return _PLACEHOLDER.sub(number, level.text)


_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip


def _format_number(value: int, num_format: str) -> str:
    if num_format == "none":
        return ""
    if num_format in ("lowerLetter", "upperLetter") and value > 0:
        # Word goes a … z, aa … zz, aaa …
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if num_format == "upperLetter" else letters
    if num_format in ("lowerRoman", "upperRoman") and value > 0:
        roman = _roman(value)
        return roman.upper() if num_format == "upperRoman" else roman
    if num_format == "decimalZero":
        return f"{value:02d}"
    return str(value)  # decimal, and the fallback for formats Vietnamese documents do not use


def _roman(value: int) -> str:
    parts = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        parts.append(numeral * count)
    return "".join(parts)


# ---------------------------------------------------------------------------
# .pdf
# ---------------------------------------------------------------------------


@contextlib.contextmanager
def _quiet_libraries() -> Iterator[None]:
    """Keep PDF libraries' own log lines and warnings off the user's terminal.

    What they would say about a damaged file is in the typed error instead.
    """
    logger = logging.getLogger("pypdf")
    propagate, level = logger.propagate, logger.level
    logger.propagate, logger.level = False, logging.CRITICAL + 1
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.propagate, logger.level = propagate, level


# Where a PDF's "%PDF-" header may start: readers accept some leading junk.
_PDF_HEADER_WINDOW = 1024


def _read_pdf(data: bytes, path: str) -> _Decoded:
    if b"%PDF-" not in data[:_PDF_HEADER_WINDOW]:
        what = _looks_like(data)
        if what is not None:
            raise NotADocumentError(path, f"it is {what}, not a PDF")
        raise CorruptFileError(path, "it has no PDF header (%PDF-); not a PDF, or the start of the file is missing")
    with _quiet_libraries():
        reader = _open_pdf(data, path)
        try:
            pages = [page.extract_text() or "" for page in reader.pages]
        except Exception as exc:  # pypdf raises many kinds for a damaged page
            raise CorruptFileError(path, f"its text could not be extracted ({exc})") from exc
    if not pages:
        raise EmptyFileError(path, "the PDF has no pages")
    blank = [number for number, text in enumerate(pages, start=1) if not text.strip()]
    if not blank:
        return _Decoded("\n\n".join(pages))
    return _with_ocr(data, path, pages, blank)


def _with_ocr(data: bytes, path: str, pages: list[str], blank: list[int]) -> _Decoded:
    """Recognise the pages without a text layer; the OCR text takes their place."""
    from dancoso_compare.ingest import ocr

    engine = ocr.engine_name(path)
    with _quiet_libraries():
        recognised = {result.page: result for result in ocr.ocr_pdf_pages(data, path, blank, _ocr_progress(path))}
    texts, ocr_pages, offset = [], [], 0
    for number, text in enumerate(pages, start=1):
        if number > 1:
            offset += 2  # the blank line between pages
        if number in recognised:
            result = recognised[number]
            text = result.text
            ocr_pages.append(OcrPage(page=number, confidence=result.confidence, words=result.words,
                                     span=(offset, offset + len(text))))
        texts.append(text)
        offset += len(text)
    if not any(text.strip() for text in texts):
        raise ScannedPdfError(path, f"OCR found no text on its {len(pages)} page(s)")
    warnings_ = []
    empty = [page.page for page in ocr_pages if not page.words]
    if empty:
        warnings_.append(f"page(s) {', '.join(map(str, empty))} have no text layer and OCR found no text on them")
    read = [page.confidence for page in ocr_pages if page.words]
    if not read:  # pages with only a drawing or a stamp: nothing was recognised, the text is the text layer's
        return _Decoded("\n\n".join(texts), warnings=warnings_)
    low = [page.page for page in ocr_pages if page.words and page.confidence < ocr.LOW_CONFIDENCE]
    info = OcrInfo(
        engine=engine, dpi=ocr.DPI, pages=ocr_pages,
        mean_confidence=round(sum(read) / len(read), 1),
        low_confidence_pages=low, low_confidence_threshold=ocr.LOW_CONFIDENCE,
    )
    return _Decoded("\n\n".join(texts), warnings=warnings_, ocr=info)


def _ocr_progress(path: str) -> Any:
    """Page-by-page progress on a terminal: OCR takes seconds per page."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rOCR {path}: page {done}/{total}{end}")
        sys.stderr.flush()

    return show


def _open_pdf(data: bytes, path: str) -> Any:
    import pypdf  # imported when a PDF is read

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
    except Exception as exc:
        raise CorruptFileError(path, f"not a readable PDF ({exc})") from exc
    # Many official PDFs are encrypted with an empty user password (no-edit flags only).
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # an encryption method pypdf cannot undo
            raise EncryptedFileError(path, f"its encryption could not be opened ({exc})") from exc
        if not opened:
            raise EncryptedFileError(path, "the PDF needs a password to open")
    return reader


def _read_office(data: bytes, path: str) -> _Decoded:
    """.doc, .rtf, .odt, .html: LibreOffice writes a .docx, which the .docx reader reads."""
    from dancoso_compare.ingest.office import convert_to_docx

    suffix = Path(path).suffix.lower()
    if suffix == ".odt":
        verified_package(data, path, what=".odt")
    elif suffix == ".doc" and _looks_like(data) not in (None, "a Word 97-2003 .doc (or .xls) file"):
        raise NotADocumentError(path, f"it is {_looks_like(data)}, not a Word 97-2003 .doc")
    return _read_docx(convert_to_docx(data, path), path)


_READERS = {".txt": _read_text, ".md": _read_text, ".docx": _read_docx, ".pdf": _read_pdf,
            ".doc": _read_office, ".rtf": _read_office, ".odt": _read_office, ".html": _read_office,
            ".htm": _read_office}
_FORMAT_NAMES = {".htm": "html"}
