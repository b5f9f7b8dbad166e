"""Normalize stage: clean text with a map back to the original offsets.

Real inputs carry Markdown markup, PDF hard wraps, page breaks in the middle
of a sentence, OCR confusions and decomposed Unicode. This stage never edits
the original: it produces, per logical paragraph (:class:`Block`), a cleaned
string plus, for every cleaned character, its offset in the original text.

- ``Block.clean``: NFC, markup removed, OCR confusions fixed, hard-wrapped
  lines and page-broken sentences joined with one space, whitespace collapsed.
- ``Block.key``: ``fold(clean)``: lower case with one canonical tone placement
  (hoà/hòa, thuỷ/thủy give the same key), same length as ``clean`` so a match
  in the key is a match in the clean text at the same offsets.
- ``Block.span``: the original text the block came from (markup included).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from dancoso_compare.resources import load_yaml
from dancoso_compare.spans import OffsetMap, OffsetMapBuilder
from dancoso_compare.textkey import fold


def upper_share(text: str) -> float:
    """Share of upper-case letters (0.0 without letters): headings and issuer lines are in capitals."""
    letters = [c for c in text if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


# --------------------------------------------------------------------------
# Cleaning one physical line
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Config:
    ocr: re.Pattern[str]
    # The same alternation without the look-behind: a quick test of whether a line may hold a confusion
    # (a pattern that starts with a look-behind is tried at every position, one without it is not).
    ocr_candidate: re.Pattern[str]
    ocr_replacements: dict[str, str]
    invisible: frozenset[str]
    spaces: frozenset[str]
    special: frozenset[str]  # invisible | spaces: characters the fast path cannot copy as they are
    slow: re.Pattern[str]  # any character that needs the general path: special or Markdown markup

    def ocr_replace(self, match: re.Match[str]) -> str:
        return self.ocr_replacements[match.group()]

    def fix_ocr(self, text: str) -> str:
        """``text`` with its OCR confusions replaced (same length)."""
        if not self.ocr_replacements or not self.ocr_candidate.search(text):
            return text
        return self.ocr.sub(self.ocr_replace, text)


@cache
def _config() -> _Config:
    data = load_yaml("normalization.yaml")
    replacements: dict[str, str] = {}
    for item in data.get("ocr_confusions", []):
        wrong, right = item["wrong"], item["right"]
        if len(wrong) != len(right):
            raise ValueError(f"normalization.yaml: OCR replacement {wrong!r} -> {right!r} must keep the length")
        replacements[wrong] = right
    # One alternation, longest first, so each line is scanned once.
    alternation = "|".join(re.escape(w) for w in sorted(replacements, key=len, reverse=True)) or "(?!)"
    ocr = re.compile(rf"(?<!\w)(?:{alternation})(?!\w)")
    candidate = re.compile(rf"(?:{alternation})(?!\w)")
    invisible, spaces = frozenset(data.get("invisible", [])), frozenset(data.get("spaces", []))
    special = invisible | spaces
    slow = re.compile("[" + "".join(re.escape(c) for c in sorted(special | set(_MARKUP_CHARS))) + "]")
    return _Config(ocr, candidate, replacements, invisible, spaces, special, slow)


_MARKUP_CHARS = "#*\\_+"  # a line without any of these has no Markdown markup
_HEADING_MARK = re.compile(r"^[ \t]*(#{1,6})[ \t]+")
_LIST_STAR = re.compile(r"^[ \t]*([*+])[ \t]+")
_MD_ESCAPE = re.compile(r"\\(?=[.\-()*#_\[\]!+])")
_STAR_RUN = re.compile(r"\*+")
_UNDERSCORE_PAIR = re.compile(r"(?<![_\w])__(?=\w)|(?<=\w)__(?![_\w])")


@dataclass
class _Chars:
    """Characters of a cleaned string, each with its offset in the original."""

    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.chars)


def _markup_removals(raw: str) -> tuple[set[int], set[int], int, int, int]:
    """Indexes (into ``raw``) of markup to drop / to read as a space, heading level, emphasis runs, list-marker index."""
    drop: set[int] = set()
    spaces: set[int] = set()
    level = 0
    list_marker = -1
    heading = _HEADING_MARK.match(raw)
    if heading:
        level = len(heading.group(1))
        drop.update(range(heading.start(1), heading.end()))
    star_item = _LIST_STAR.match(raw)
    if star_item and not raw[star_item.end():].startswith("*"):
        list_marker = star_item.start(1)
    for match in _MD_ESCAPE.finditer(raw):
        drop.add(match.start())
    emphasis_runs = 0
    for match in _STAR_RUN.finditer(raw):
        if match.start() == list_marker:
            continue
        before = raw[match.start() - 1] if match.start() else ""
        after = raw[match.end()] if match.end() < len(raw) else ""
        if before == "(" and after == ")":
            continue  # "(*)" is a footnote mark, not emphasis
        if before.isalnum() and after.isalnum():
            # "CHỦ TỊCH**Nguyễn" : the markup separated two words, keep them apart.
            spaces.add(match.start())
            drop.update(range(match.start() + 1, match.end()))
        else:
            drop.update(range(match.start(), match.end()))
        emphasis_runs += 1
    for match in _UNDERSCORE_PAIR.finditer(raw):
        drop.update(range(match.start(), match.end()))
    return drop, spaces, level, emphasis_runs, list_marker


def _nfc_with_offsets(raw: str, base: int, drop: set[int], spaces: set[int], list_marker: int, cfg: _Config) -> _Chars:
    """NFC-compose ``raw`` cluster by cluster, keeping each output char's source offset."""
    if unicodedata.is_normalized("NFC", raw) and cfg.special.isdisjoint(raw):
        # The common case: nothing to compose or map, only markup to drop.
        keep = [i for i in range(len(raw)) if i not in drop] if drop or spaces or list_marker >= 0 else range(len(raw))
        chars = [" " if i in spaces else ("-" if i == list_marker else raw[i]) for i in keep] if (spaces or list_marker >= 0) \
            else [raw[i] for i in keep]
        return _Chars(chars, [base + i for i in keep])
    out = _Chars()
    i = 0
    n = len(raw)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(raw[j]):
            j += 1
        cluster = "".join(" " if k in spaces else raw[k] for k in range(i, j) if k not in drop)
        if i == list_marker:
            cluster = "-"
        if cluster:
            for ch in unicodedata.normalize("NFC", cluster):
                if ch in cfg.invisible:
                    continue
                out.chars.append(" " if ch in cfg.spaces else ch)
                out.offsets.append(base + i)
        i = j
    return out


def _apply_ocr(chars: _Chars, cfg: _Config) -> None:
    text = chars.text()
    if not cfg.ocr_candidate.search(text):
        return
    for match in cfg.ocr.finditer(text):
        chars.chars[match.start():match.end()] = list(cfg.ocr_replacements[match.group()])


def _collapse_spaces(chars: _Chars) -> _Chars:
    text = chars.text()
    if "  " not in text and not text.startswith(" ") and not text.endswith(" ") and text.isprintable():
        return chars  # already one space between words
    out = _Chars()
    for ch, off in zip(chars.chars, chars.offsets):
        if ch.isspace():
            if not out.chars or out.chars[-1] == " ":
                continue
            ch = " "
        out.chars.append(ch)
        out.offsets.append(off)
    while out.chars and out.chars[-1] == " ":
        out.chars.pop()
        out.offsets.pop()
    return out


# --------------------------------------------------------------------------
# Physical lines and logical blocks
# --------------------------------------------------------------------------


@dataclass(slots=True)
class Line:
    number: int  # 1-based
    start: int  # offset of the first character of the line
    end: int  # offset just past the last character (line break excluded)
    content_start: int  # first non-space character (== end when blank)
    content_end: int
    offsets: OffsetMap  # original offset of each character of ``text``
    heading_level: int
    emphasis_runs: int
    text: str = ""  # the cleaned line


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


_NON_SPACE = re.compile(r"\S+")


def clean_line_general(raw: str, pos: int, cfg: _Config) -> tuple[_Chars, int, int]:
    """Clean one physical line character by character (any input): cleaned chars with offsets, heading level, runs."""
    drop, spaces, level, runs, list_marker = _markup_removals(raw)
    chars = _nfc_with_offsets(raw, pos, drop, spaces, list_marker, cfg)
    _apply_ocr(chars, cfg)
    chars = _collapse_spaces(chars)
    if chars.chars and chars.chars[0] == " ":
        del chars.chars[0], chars.offsets[0]
    return chars, level, runs


def clean_line(raw: str, pos: int, cfg: _Config) -> tuple[str, OffsetMap, int, int]:
    """Clean one physical line: (text, offsets, heading level, emphasis runs); same result as the general path.

    The common line (composed, no Markdown markup, no invisible or special
    spaces) maps one to one onto its original: it is cleaned with string
    operations done in C and its offsets are one run per word at most, instead
    of one Python step per character.
    """
    if cfg.slow.search(raw) or not unicodedata.is_normalized("NFC", raw):
        chars, level, runs = clean_line_general(raw, pos, cfg)
        return "".join(chars.chars), OffsetMap.from_offsets(chars.offsets), level, runs
    text = cfg.fix_ocr(raw)
    # Printable text has no whitespace but " " (tabs, no-break and other spaces are not printable).
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text, OffsetMap.identity(pos, len(text)), 0, 0
    # Collapse whitespace: words joined by one space that keeps the offset of the run's first character.
    builder = OffsetMapBuilder()
    words = list(_NON_SPACE.finditer(text))
    for n, word in enumerate(words):
        if n:
            builder.add_run(pos + words[n - 1].end(), 1)
        builder.add_run(pos + word.start(), word.end() - word.start())
    return " ".join(w.group() for w in words), builder.build(), 0, 0


def split_lines(text: str) -> list[Line]:
    cfg = _config()
    lines: list[Line] = []
    pos = 0
    number = 1
    for match in [*_LINE_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        raw = text[pos:end]
        stripped_right = len(raw.rstrip())
        clean, offsets, level, runs = clean_line(raw, pos, cfg)
        if stripped_right:
            content_start, content_end = pos + len(raw) - len(raw.lstrip()), pos + stripped_right
        else:
            content_start = content_end = end
        lines.append(Line(number, pos, end, content_start, content_end, offsets, level, runs, clean))
        if match is None:
            break
        pos = match.end()
        number += 1
    return lines


@dataclass(slots=True)
class Block:
    """A logical paragraph: one or more physical lines joined."""

    lines: list[Line]
    clean: str
    offsets: OffsetMap  # offsets[i] = original offset of clean[i]
    heading_level: int

    @property
    def start(self) -> int:
        return self.lines[0].content_start

    @property
    def end(self) -> int:
        return self.lines[-1].content_end

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @property
    def first_line(self) -> int:
        return self.lines[0].number

    @property
    def last_line(self) -> int:
        return self.lines[-1].number

    @property
    def key(self) -> str:
        return fold(self.clean)

    def original_span(self, i: int, j: int) -> tuple[int, int]:
        """Original span of ``clean[i:j]``."""
        if i >= j:
            off = self.offsets[i] if i < len(self.offsets) else self.end
            return (off, off)
        return self.offsets.span(i, j)


# A line that starts something new is never glued to the previous one.
STRUCTURE_START = re.compile(
    r"""^(?:
        (?:[_>]+\s*)?điều\s+\d{1,3}[a-zđ]?\s*(?:[.:]|$)
      | (?:[_>]+\s*)?(?:chương|mục|phần)\s+(?:thứ\s+)?[\dIVXLC]+\b
      | [IVXLC]+[.)](?:\s|$)
      | \d{1,3}[a-zđ]?\d?[.)](?:\s|$)
      | [a-zđăâêôơưfjwz]\d?\)
      | [a-zđ]\.\s
      | [-–—•+]\s?
      | \(\d{1,3}\)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Parts of the preamble and closing; only when capitalised ("... làm căn cứ đánh giá" is prose).
_PART_START = re.compile(
    r"^(?:căn\s+cứ|xét\b|kính\s+gửi|nơi\s+nhận|quyết\s+nghị|số\s*:|tm\.|kt\.|tl\.|q\.\s|chủ\s+tịch|phó\s+chủ\s+tịch|dự\s+thảo)",
    re.IGNORECASE,
)
# A reference word at the end of a line waits for its number on the next one ("tại Điều" / "1.").
_REFERENCE_END = re.compile(r"\b(?:điều|khoản|điểm|chương|mục|số|ngày|tháng|năm)$", re.IGNORECASE)


def starts_structure(text: str) -> bool:
    return bool(STRUCTURE_START.match(text) or (text[:1].isupper() and _PART_START.match(text)))
_PAGE_FURNITURE = re.compile(r"^(?:\d{1,3}|-\s*\d{1,3}\s*-|trang\s+\d{1,3}(?:\s*/\s*\d{1,3})?)$", re.IGNORECASE)
_CONNECTOR_END = re.compile(
    r"(?:\b(?:của|và|các|với|cho|tại|trong|theo|về|ngày|số|là|được|để|có|những|đến|từ|hoặc|như|nhằm|bằng|đối với)|[,\-–(])$",
    re.IGNORECASE,
)
_TERMINAL = ".;:!?"
# The end-anchored patterns above only look at the end of a block: longer than their
# longest word plus one character before it (for the word boundary), so not the whole block.
_END_WINDOW = 16
_PREAMBLE_START = re.compile(r"^(?:căn\s+cứ|xét)\b", re.IGNORECASE)
_MAX_EMPHASIS_JOIN = 8


def _continues(block_lines: list[Line], block_text: str, line: Line, emphasis_open: bool, full_width: int | None) -> bool:
    """Whether ``line`` continues the sentence of the block (hard wrap or page break).

    ``full_width`` is set when the previous line touches the right margin of a
    hard-wrapped (PDF) layout with no blank line in between: then the sentence
    goes on whatever the case of the next word.
    """
    text = line.text
    if not text or line.heading_level:
        return False
    if text[:1].isdigit() and _REFERENCE_END.search(block_text[-_END_WINDOW:]):
        return True
    if starts_structure(text):
        return False
    if emphasis_open and len(block_lines) < _MAX_EMPHASIS_JOIN:
        return True
    tail = block_text.rstrip(" *_\"”’')")
    if not tail:
        return False
    first = text[0]
    if tail[-1] in ";," and first.islower():
        return True  # an enumeration inside one sentence, wrapped after its separator
    at_margin = bool(full_width) and len(block_lines[-1].text) >= full_width  # type: ignore[operator]
    if tail[-1] in _TERMINAL:
        # In a hard-wrapped layout a sentence may end at the margin and the paragraph go on.
        return at_margin and tail[-1] != ":"
    if first.islower() or first.isdigit():
        return True
    if _CONNECTOR_END.search(tail[-_END_WINDOW:]):
        return True
    if at_margin:
        return True
    # A Căn cứ / Xét citation is one sentence until its ';' or '.', whatever the case of the next word.
    return bool(_PREAMBLE_START.match(block_text))


def _make_block(lines: list[Line]) -> Block:
    if len(lines) == 1:  # the common block: one line, its text and offsets as they are
        line = lines[0]
        return Block(lines=lines, clean=line.text, offsets=line.offsets, heading_level=line.heading_level)
    parts: list[str] = []
    offsets = OffsetMapBuilder()
    for line in lines:
        if not line.text or _PAGE_FURNITURE.match(line.text) and line is not lines[0]:
            continue
        if parts:
            offsets.add_run(line.offsets[0], 1)  # the joining space stands where the next line starts
        parts.append(line.text)
        offsets.add_map(line.offsets)
    return Block(lines=lines, clean=" ".join(parts), offsets=offsets.build(), heading_level=lines[0].heading_level)


def _wrap_margin(lines: list[Line]) -> int | None:
    """Length from which a line reaches the right margin, when the text is hard-wrapped at a fixed width.

    PDF extraction breaks every line near the same width; text typed in an
    editor has paragraphs of any length. We call a layout hard-wrapped when
    most long lines end within a narrow band of lengths.
    """
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 40)
    if len(lengths) < 8:
        return None
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    band = [n for n in lengths if n >= 0.8 * p90]
    if len(band) < 0.5 * len(lengths) or p90 > 160:
        return None
    return int(0.8 * p90)


def build_blocks(text: str) -> list[Block]:
    """Group physical lines into logical paragraphs (lossless: every non-blank line is in exactly one block)."""
    blocks: list[Block] = []
    current: list[Line] = []
    current_text = ""
    emphasis_open = False
    held: list[Line] = []  # page numbers seen after an unfinished sentence
    lines = split_lines(text)
    margin = _wrap_margin(lines)
    for line in lines:
        if not line.text:
            continue
        if current and _PAGE_FURNITURE.match(line.text) and current_text and current_text[-1] not in _TERMINAL:
            held.append(line)
            continue
        # A blank line in a hard-wrapped layout is often a page break, so the margin test applies across it.
        if current and _continues(current, current_text, line, emphasis_open, margin):
            current.extend(held)
            current.append(line)
            current_text = f"{current_text} {line.text}"
        else:
            if current:
                blocks.append(_make_block(current))
            blocks.extend(_make_block([h]) for h in held)
            current = [line]
            current_text = line.text
        held = []
        if line.emphasis_runs % 2:
            emphasis_open = not emphasis_open
    if current:
        blocks.append(_make_block(current))
    blocks.extend(_make_block([h]) for h in held)
    return blocks


def line_starts(text: str) -> list[int]:
    """Offsets at which each 1-based line starts (index 0 = line 1)."""
    starts = [0]
    for match in _LINE_BREAK.finditer(text):
        starts.append(match.end())
    return starts


def line_of(starts: list[int], offset: int) -> int:
    """1-based line number containing ``offset``."""
    from bisect import bisect_right

    return bisect_right(starts, offset)
