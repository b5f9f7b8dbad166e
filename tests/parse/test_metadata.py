"""metadata.py: number, date, issuer, locality, level from headers, plain and laid out as portal tables."""

from __future__ import annotations

import pytest

from dancoso_compare.parse.metadata import parse_locality
from dancoso_compare.parse import parse_text

BODY = "\nNGHỊ QUYẾT\nVề các biện pháp bảo đảm thực hiện dân chủ ở cơ sở\nQUYẾT NGHỊ:\nĐiều 1. Phạm vi điều chỉnh\n"


def _doc(header: str):
    parsed = parse_text(header + BODY, "portal.md")
    assert len(parsed.documents) == 1
    return parsed.documents[0]


def test_markdown_table_header_with_separator_row_and_hyphenated_province():
    doc = _doc(
        "| HỘI ĐỒNG NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "|---|---|\n"
        "| | Độc lập - Tự do - Hạnh phúc |\n"
        "| Số: 12/2024/NQ-HĐND | Bà Rịa - Vũng Tàu, ngày 5 tháng 7 năm 2024 |\n"
    )
    assert doc.number == "12/2024/NQ-HĐND"  # no trailing cell separator
    assert doc.date == "2024-07-05"
    assert doc.place == "Bà Rịa - Vũng Tàu"
    assert doc.issuer == "Hội đồng nhân dân tỉnh Bà Rịa - Vũng Tàu"
    assert (doc.locality.name, doc.locality.unit, doc.locality.level) == ("Bà Rịa - Vũng Tàu", "tỉnh", "tinh")
    assert not doc.draft


def test_two_column_rows_issuer_and_unit_on_separate_rows():
    doc = _doc(
        "| HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "| TỈNH BẾN TRE | Độc lập - Tự do - Hạnh phúc |\n"
        "| Số: 12/2024/NQ-HĐND | Bến Tre, ngày 5 tháng 7 năm 2024 |\n"
    )
    assert (doc.number, doc.date, doc.place) == ("12/2024/NQ-HĐND", "2024-07-05", "Bến Tre")
    assert doc.issuer == "Hội đồng nhân dân tỉnh Bến Tre"


def test_repeated_cells_of_merged_columns():
    doc = _doc(
        "| HỘI ĐỒNG NHÂN DÂN TỈNH THỪA THIÊN HUẾ | HỘI ĐỒNG NHÂN DÂN TỈNH THỪA THIÊN HUẾ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "| Số: 05/2023/NQ-HĐND | Số: 05/2023/NQ-HĐND | Thừa Thiên Huế, ngày 14/8/2023 |\n"
    )
    assert (doc.number, doc.date) == ("05/2023/NQ-HĐND", "2023-08-14")
    assert doc.locality.name == "Thừa Thiên Huế" and doc.locality.level == "tinh"


def test_columns_on_alternate_lines_and_number_on_the_line_after_so():
    doc = _doc(
        "HỘI ĐỒNG NHÂN DÂN\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ AN BÌNH\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số:\n21/NQ-HĐND\nAn Bình, ngày 16 tháng 12 năm 2024\n"
    )
    assert doc.number == "21/NQ-HĐND" and not doc.draft
    assert doc.issuer == "Hội đồng nhân dân xã An Bình"
    assert doc.locality.level == "xa"
    assert doc.date == "2024-12-16"


def test_tab_separated_columns():
    doc = _doc(
        "HỘI ĐỒNG NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN TÂN PHÚ\tĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 88/NQ-HĐND\tTân Phú, ngày 3 tháng 4 năm 2024\n"
    )
    assert (doc.number, doc.date, doc.place) == ("88/NQ-HĐND", "2024-04-03", "Tân Phú")
    assert doc.issuer == "Hội đồng nhân dân huyện Tân Phú" and doc.locality.level == "huyen"


def test_blank_number_and_date_in_a_table_mark_a_draft():
    doc = _doc("| HỘI ĐỒNG NHÂN DÂN XÃ AN BÌNH | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số:    /NQ-HĐND | An Bình, ngày    tháng    năm 2025 |\n")
    assert doc.number is None and doc.date is None and doc.draft


def test_a_wide_gap_inside_the_date_is_not_two_columns():
    # Seed 004 prints "Cà Mau, ngày tháng 11 năm 2024" with the day left blank.
    doc = _doc("HỘI ĐỒNG NHÂN DÂN TỈNH CÀ MAU\nCà Mau, ngày      tháng 11 năm 2024\n")
    assert doc.place == "Cà Mau" and doc.date is None and doc.draft


def test_header_spans_still_slice_back():
    text = "| HỘI ĐỒNG NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n| Số: 12/2024/NQ-HĐND | Bến Tre, ngày 5/7/2024 |\n" + BODY
    for node in parse_text(text, "x").documents[0].walk():
        assert text[node.span[0]:node.span[1]] == node.text


@pytest.mark.parametrize(
    ("text", "name", "unit", "level"),
    [
        ("TỈNH BÀ RỊA - VŨNG TÀU", "Bà Rịa - Vũng Tàu", "tỉnh", "tinh"),
        ("TỈNH BÀ RỊA-VŨNG TÀU", "Bà Rịa - Vũng Tàu", "tỉnh", "tinh"),
        ("tỉnh Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu", "tỉnh", "tinh"),
        ("TỈNH THỪA THIÊN HUẾ", "Thừa Thiên Huế", "tỉnh", "tinh"),
        ("THÀNH PHỐ HỒ CHÍ MINH", "Hồ Chí Minh", "thành phố", "tinh"),
        ("THÀNH PHỐ VIỆT TRÌ KHÓA XXI", "Việt Trì", "thành phố", "huyen"),
        ("thành phố Phan Rang-Tháp Chàm", "Phan Rang - Tháp Chàm", "thành phố", "huyen"),
        ("XÃ AN BÌNH - HUYỆN LONG THÀNH", "An Bình", "xã", "xa"),
        ("TỈNH BẾN TRE CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Bến Tre", "tỉnh", "tinh"),
        ("trên địa bàn xã Mường Kim.", "Mường Kim", "xã", "xa"),
    ],
)
def test_parse_locality(text, name, unit, level):
    found = parse_locality(text)
    assert (found.name, found.unit, found.level) == (name, unit, level)


def test_a_long_province_name_is_cut_to_the_known_unit():
    # Two columns run together on one line without a separator: the unit data says where the name ends.
    assert parse_locality("TỈNH BẾN TRE SỞ TƯ PHÁP TỈNH").name == "Bến Tre"


def test_seed_header_fields():
    from tests.conftest import SEEDS

    doc = parse_text((SEEDS / "001_cb2d2923c613e69b.txt").read_text(encoding="utf-8"), "seed").documents[0]
    assert (doc.number, doc.date, doc.place) == ("21/NQ-HĐND", "2024-12-16", "Việt Trì")
    assert doc.issuer == "Hội đồng nhân dân thành phố Việt Trì"
    assert (doc.session.term, doc.session.sitting) == ("XXI", "thứ chín")


def test_columns_run_together_on_one_line_as_a_pdf_gives_them():
    doc = _doc(
        "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ AN BÌNH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 12/NQ-HĐND An Bình, ngày 5 tháng 7 năm 2024\n"
    )
    assert (doc.number, doc.date, doc.place) == ("12/NQ-HĐND", "2024-07-05", "An Bình")
    assert doc.locality.name == "An Bình" and doc.locality.unit == "xã"


def test_wide_gaps_inside_a_blank_number_and_date_are_not_columns():
    doc = _doc("HỘI ĐỒNG NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU\nSố:     /NQ-HĐND     Bà Rịa - Vũng Tàu, ngày    tháng    năm 2024\n")
    assert doc.number is None and doc.date is None and doc.draft
    assert doc.place == "Bà Rịa - Vũng Tàu"


def test_number_with_spaces_around_its_separators():
    doc = _doc("HỘI ĐỒNG NHÂN DÂN TỈNH SƠN LA\nSố: 12 / 2024 / NQ - HĐND\n")
    assert doc.number == "12/2024/NQ-HĐND"
