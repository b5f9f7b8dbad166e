"""normalize.py: matching keys, cleaned lines with offsets into the source, logical blocks (real fragments)."""

from __future__ import annotations

import unicodedata

from dancoso_compare.ingest.normalize import build_blocks, line_of, line_starts, split_lines, upper_share
from dancoso_compare.textkey import fold


def _check_offsets(text: str) -> None:
    for block in build_blocks(text):
        assert len(block.offsets) == len(block.clean)
        assert all(a <= b for a, b in zip(block.offsets, block.offsets[1:]))
        start, end = block.span
        assert text[start:end].strip() == text[start:end]


def test_fold_old_and_new_tone_placement_give_one_key():
    assert fold("Hoà thuỷ") == fold("hòa thủy")
    assert fold("QUYẾT NGHỊ") == fold("quyết nghị")
    assert fold("quý") == fold("qúy") or fold("quý") == "quý"
    assert len(fold("Uỷ ban nhân dân")) == len("Uỷ ban nhân dân")


def test_upper_share():
    assert upper_share("HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA") == 1.0
    assert upper_share("Căn cứ") == 0.2
    assert upper_share("12/2024") == 0.0


def test_decomposed_text_is_composed_and_mapped_back():
    text = unicodedata.normalize("NFD", "Điều 8. Các biện pháp")
    (block,) = build_blocks(text)
    assert block.clean == "Điều 8. Các biện pháp"
    assert text[block.start:block.end] == text
    assert len(block.offsets) == len(block.clean)


def test_markdown_markup_is_dropped_from_the_clean_text_only():
    text = "### **Điều 1. Phạm vi điều chỉnh**\n\\- gạch\n__Nơi nhận__:"
    blocks = build_blocks(text)
    assert [b.clean for b in blocks] == ["Điều 1. Phạm vi điều chỉnh", "- gạch", "Nơi nhận:"]
    assert blocks[0].heading_level == 3
    first = blocks[0]
    i = first.clean.index("Phạm")
    a, b = first.original_span(i, i + len("Phạm vi"))
    assert text[a:b] == "Phạm vi"


def test_invisible_characters_and_ocr_confusions():
    text = "Üy ban nhân\u00ad dân\u00a0xã"
    (line,) = split_lines(text)
    assert line.text == "Ủy ban nhân dân xã"
    _check_offsets(text)


def test_hard_wrapped_sentence_is_one_block_but_a_new_label_is_not_glued():
    text = (
        "1. Bồi dưỡng nâng cao năng lực chuyên môn, nghiệp vụ để đảm bảo thực\n"
        "hiện dân chủ ở cơ sở\n"
        "a) Xây dựng kế hoạch tập huấn\n"
        "Điều 2. Tổ chức thực hiện\n"
    )
    blocks = build_blocks(text)
    assert [b.clean for b in blocks] == [
        "1. Bồi dưỡng nâng cao năng lực chuyên môn, nghiệp vụ để đảm bảo thực hiện dân chủ ở cơ sở",
        "a) Xây dựng kế hoạch tập huấn",
        "Điều 2. Tổ chức thực hiện",
    ]
    assert (blocks[0].first_line, blocks[0].last_line) == (1, 2)
    _check_offsets(text)


def test_a_citation_wraps_until_its_semicolon():
    text = "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của\nChính phủ quy định chi tiết;\nCăn cứ Luật;"
    blocks = build_blocks(text)
    assert len(blocks) == 2 and blocks[0].clean.endswith("quy định chi tiết;")


def test_stray_markup_before_a_heading_starts_a_block():
    text = "Nghị định này quy định chi tiết một số điều của Luật\n_ Điều 28. Hiệu lực thi hành\n"
    assert [b.clean for b in build_blocks(text)] == [
        "Nghị định này quy định chi tiết một số điều của Luật", "_ Điều 28. Hiệu lực thi hành",
    ]


def test_line_numbers_of_offsets():
    text = "a\r\nb\nc"
    starts = line_starts(text)
    assert [line_of(starts, text.index(ch)) for ch in "abc"] == [1, 2, 3]
