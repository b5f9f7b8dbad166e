"""Segment stage: find the documents in a file and their kind.

A file may hold several documents (a Tờ trình followed by the draft Nghị
quyết it proposes). A new document starts at a kind title ("NGHỊ QUYẾT",
"TỜ TRÌNH", ...) that follows the body of the previous one; its header lines
(Số:, place and date, national motto, issuer) just before the title belong to
it. Documents partition the file's lines in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dancoso_compare.ingest.normalize import Block, upper_share
from dancoso_compare.textkey import fold
from dancoso_compare.parse.structure import classify, paragraph_role

# Folded kind titles -> document kind. Other administrative kinds are "other".
KIND_TITLES: dict[str, str] = {
    fold("nghị quyết"): "nghi_quyet",
    fold("dự thảo nghị quyết"): "nghi_quyet",
    fold("tờ trình"): "to_trinh",
    fold("báo cáo"): "other",
    fold("báo cáo thẩm tra"): "other",
    fold("quyết định"): "other",
    fold("kế hoạch"): "other",
    fold("thông báo"): "other",
    fold("công văn"): "other",
    fold("hướng dẫn"): "other",
    # statutes, decrees and circulars of the wider legal corpus
    fold("luật"): "other",
    fold("bộ luật"): "other",
    fold("pháp lệnh"): "other",
    fold("nghị định"): "other",
    fold("thông tư"): "other",
    fold("thông tư liên tịch"): "other",
    fold("nghị quyết liên tịch"): "other",
    fold("chỉ thị"): "other",
}
_NUMBER_KIND = ((re.compile(r"/ttr\b", re.IGNORECASE), "to_trinh"), (re.compile(r"/nq\b", re.IGNORECASE), "nghi_quyet"))
_HEADER_ROLES = {"number", "place_date", "national_motto", "draft_mark"}
_BODY_KINDS = {"article", "clause", "roman", "chapter", "part"}


@dataclass
class Segment:
    kind: str
    blocks: list[Block]
    first_line: int
    last_line: int
    title_index: int | None  # index in ``blocks`` of the kind title


# First words of the kind titles: a block that starts with another word is not a title, and is not folded.
_TITLE_FIRST_WORDS = frozenset(title.split()[0] for title in KIND_TITLES)


@lru_cache(maxsize=4096)
def _folded_word(word: str) -> str:
    return fold(word)


def kind_of_title(block: Block) -> str | None:
    text = block.clean.strip(" :.")
    if len(text) > 40 or not text or _folded_word(text.split(None, 1)[0]) not in _TITLE_FIRST_WORDS:
        return None
    return KIND_TITLES.get(fold(text))


def _is_header(block: Block) -> bool:
    if "|" in block.clean:  # a header laid out as a table row: any of its cells
        return any(_is_header_text(cell.strip()) for cell in block.clean.split("|") if cell.strip())
    return _is_header_text(block.clean)


# The national motto anywhere in a line: a header whose two columns run together ("XÃ AN BÌNH Độc lập - Tự do ...").
NATIONAL_MOTTO = re.compile(r"\bcộng\s+h(?:òa|oà)\s+xã\s+hội\b|\bđộc\s+lập\s*[-–]\s*tự\s+do\b", re.IGNORECASE)


def _is_header_text(text: str) -> bool:
    role = paragraph_role(text)
    if role in _HEADER_ROLES or (role is None and len(text) <= 120 and NATIONAL_MOTTO.search(text)):
        return True
    if role is not None or classify(text).kind != "paragraph":
        return False
    # Issuer lines above the title are short and in capitals (ỦY BAN NHÂN DÂN / XÃ ...).
    return len(text.split()) <= 12 and upper_share(text) >= 0.8


def segment(blocks: list[Block], total_lines: int) -> list[Segment]:
    starts: list[tuple[int, int | None]] = [(0, None)]  # (first block index, title index)
    seen_body = False
    for i, block in enumerate(blocks):
        if kind_of_title(block):
            current_start, current_title = starts[-1]
            if current_title is None and not seen_body:
                starts[-1] = (current_start, i)
            elif seen_body:
                first = i
                while first - 1 > current_start and first - 1 >= 0 and _is_header(blocks[first - 1]):
                    first -= 1
                starts.append((first, i))
                seen_body = False
            continue
        lab = classify(block.clean).kind
        if lab in _BODY_KINDS or lab == "recipients" or paragraph_role(block.clean) == "signature":
            seen_body = True
    segments: list[Segment] = []
    for n, (first, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(blocks)
        doc_blocks = blocks[first:end]
        first_line = 1 if n == 0 else blocks[first].first_line
        last_line = blocks[end].first_line - 1 if end < len(blocks) else total_lines
        title_index = None if title is None else title - first
        segments.append(Segment(_kind(doc_blocks, title_index), doc_blocks, first_line, last_line, title_index))
    return segments


def _kind(blocks: list[Block], title_index: int | None) -> str:
    if title_index is not None:
        return kind_of_title(blocks[title_index]) or "other"
    for block in blocks[:15]:
        if paragraph_role(block.clean) == "number":
            for pattern, kind in _NUMBER_KIND:
                if pattern.search(block.clean):
                    return kind
    return "other"
