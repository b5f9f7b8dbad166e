"""segment.py: documents of one file and their kind, header lines going with the document they head."""

from __future__ import annotations

from dancoso_compare.ingest.normalize import build_blocks
from dancoso_compare.parse.segment import kind_of_title, segment

TO_TRINH_THEN_DRAFT = """ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM
Số: 1911/TTr-UBND
Mường Kim, ngày 04 tháng 11 năm 2025
TỜ TRÌNH
Đề nghị ban hành Nghị quyết
I. SỰ CẦN THIẾT BAN HÀNH NGHỊ QUYẾT
Nội dung.
Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Lê Thị Ánh
HỘI ĐỒNG NHÂN DÂN XÃ MƯỜNG KIM
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số:    /NQ-HĐND
Mường Kim, ngày    tháng    năm 2025
DỰ THẢO
NGHỊ QUYẾT
Về các biện pháp bảo đảm thực hiện dân chủ ở cơ sở
Điều 1. Phạm vi
"""


def _segments(text: str):
    blocks = build_blocks(text)
    return segment(blocks, text.count("\n") + 1)


def test_a_to_trinh_and_its_draft_resolution_are_two_documents():
    first, second = _segments(TO_TRINH_THEN_DRAFT)
    assert (first.kind, second.kind) == ("to_trinh", "nghi_quyet")
    assert first.first_line == 1 and first.last_line + 1 == second.first_line
    # the second document's header (issuer, motto, number, date, draft mark) goes with it
    assert second.blocks[0].clean == "HỘI ĐỒNG NHÂN DÂN XÃ MƯỜNG KIM"
    assert second.blocks[second.title_index].clean == "NGHỊ QUYẾT"


def test_a_table_row_header_goes_with_the_second_document():
    text = TO_TRINH_THEN_DRAFT.replace(
        "HỘI ĐỒNG NHÂN DÂN XÃ MƯỜNG KIM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố:    /NQ-HĐND\nMường Kim, ngày    tháng    năm 2025\n",
        "| HỘI ĐỒNG NHÂN DÂN XÃ MƯỜNG KIM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số:    /NQ-HĐND | Mường Kim, ngày    tháng    năm 2025 |\n",
    )
    first, second = _segments(text)
    assert second.blocks[0].clean.startswith("| HỘI ĐỒNG NHÂN DÂN")
    assert first.blocks[-1].clean == "Lê Thị Ánh"


def test_kind_titles():
    (title,) = build_blocks("**NGHỊ QUYẾT**")
    assert kind_of_title(title) == "nghi_quyet"
    (decree,) = build_blocks("NGHỊ ĐỊNH")
    assert kind_of_title(decree) == "other"
    (long,) = build_blocks("Nghị quyết này được Hội đồng nhân dân xã thông qua ngày 1 tháng 2 năm 2025")
    assert kind_of_title(long) is None


def test_kind_from_the_number_when_there_is_no_title():
    (only,) = _segments("Số: 12/NQ-HĐND\nĐiều 1. Phạm vi\n")
    assert only.kind == "nghi_quyet" and only.title_index is None


def test_one_document_file():
    (only,) = _segments("NGHỊ QUYẾT\nĐiều 1. A\nĐiều 2. B\n")
    assert only.kind == "nghi_quyet" and only.first_line == 1


def test_header_lines_with_both_columns_run_together_go_with_the_second_document():
    text = TO_TRINH_THEN_DRAFT.replace(
        "HỘI ĐỒNG NHÂN DÂN XÃ MƯỜNG KIM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n",
        "HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ MƯỜNG KIM Độc lập - Tự do - Hạnh phúc\n",
    )
    first, second = _segments(text)
    assert second.blocks[0].clean == "HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert first.blocks[-1].clean == "Lê Thị Ánh"
