"""The fast line cleaner gives exactly what the general, character-by-character one gives."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso_compare.ingest.normalize import (
    _CONNECTOR_END,
    _END_WINDOW,
    _REFERENCE_END,
    _config,
    build_blocks,
    clean_line,
    clean_line_general,
)

# Pieces of real lines plus what sends a line down the general path: markup, combining marks, odd spaces.
_PIECES = st.sampled_from([
    "Điều 1.", "1.", "a)", "- gạch", "**Điều 2**", "## ", "* ", "+ ", "\\.", "__x__", "hoà thuỷ", "e\u0301",
    "\u00ad", "\u00a0", "\u200b", "\t", " ", "  ", "\x07", "0", "l", "O", "của", "tại Điều", "ngày", "đối với",
    "CHỦ TỊCH", "Nguyễn Văn A", "(*)", ";", ",",
])
_LINE = st.lists(_PIECES | st.text(max_size=6), max_size=14).map("".join).map(lambda s: s.replace("\n", " ").replace("\r", " "))


@settings(max_examples=400, deadline=None)
@given(_LINE, st.integers(min_value=0, max_value=1000))
def test_fast_clean_line_equals_the_general_one(raw, pos):
    cfg = _config()
    text, offsets, level, runs = clean_line(raw, pos, cfg)
    chars, level_g, runs_g = clean_line_general(raw, pos, cfg)
    assert (text, offsets, level, runs) == ("".join(chars.chars), chars.offsets, level_g, runs_g)
    assert len(offsets) == len(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=8), max_size=20).map("".join))
def test_end_patterns_only_need_the_end_of_a_block(text):
    for pattern in (_REFERENCE_END, _CONNECTOR_END):
        assert bool(pattern.search(text[-_END_WINDOW:])) == bool(pattern.search(text))


def test_blocks_keep_every_offset_on_a_wrapped_text():
    text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6\nnăm 2015;\n  1.  Tuyên  truyền\tphổ biến\n"
    blocks = build_blocks(text)
    assert [b.clean for b in blocks] == ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
                                         "1. Tuyên truyền phổ biến"]
    for block in blocks:
        assert len(block.offsets) == len(block.clean)
        assert all(text[o] == c for o, c in zip(block.offsets, block.clean) if c != " ")
