"""Parser invariants: lossless spans, ordered coverage, determinism, never refusing text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso_compare.models import ParsedFile
from dancoso_compare.textkey import fold
from dancoso_compare.parse import parse_text

from tests.conftest import CORPUS, SEEDS

# Text built from the pieces real documents are made of, so the generator reaches the parser's branches.
_PIECES = st.sampled_from(
    [
        "Điều 1. Phạm vi", "Điều 10a. Sửa đổi", "1. Bồi dưỡng", "2.", "a) Tuyên truyền", "đ) Khen thưởng", "f) sai",
        "a1) chèn", "- gạch", "Chương I", "NHỮNG QUY ĐỊNH CHUNG", "Mục 2", "I. SỰ CẦN THIẾT", "NGHỊ QUYẾT", "TỜ TRÌNH",
        "Số: /NQ-HĐND", "Hà Nội, ngày 1 tháng 2 năm 2025", "Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022;",
        "Xét Tờ trình số 1/TTr-UBND ngày 1/1/2024", "QUYẾT NGHỊ:", "Nơi nhận:", "CHỦ TỊCH", "Nguyễn Văn A", "**", "*",
        "## ", "hoà thuỷ", "cơ", "sở.", "\t", " ", "Üy ban", "e\u0301", "\u00ad", "12",
        # the wider legal corpus and portal header layouts
        "Điều 1.Phạm vi", "Điều 1.11.LQ.1. Phạm vi", "_ Điều 28. Hiệu lực", "Điều 6. của Nghị định này", "> Chương II",
        "| ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |", "|---|---|", "|", "   ",
        "| Số: 12/2024/NQ-HĐND | Bến Tre, ngày 5 tháng 7 năm 2024 |", "TỈNH BÀ RỊA - VŨNG TÀU", "Số:", "59/2023/NĐ-CP",
        "HỘI ĐỒNG NHÂN DÂN", "XÃ AN BÌNH", "Độc lập - Tự do - Hạnh phúc", "Căn cứ Chỉ thị số 30-CT/TW ngày 30/02/2024;",
        "Lê Thị Ánh", "NGHỊ ĐỊNH",
    ]
)
_SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", " ", "\r", ""])
_TEXT = st.lists(st.tuples(_PIECES | st.text(max_size=12), _SEPARATORS), max_size=40).map(
    lambda parts: "".join(a + b for a, b in parts)
)


def _check_lossless(parsed: ParsedFile, text: str) -> None:
    previous_end = 0
    for doc in parsed.documents:
        assert doc.span[0] == previous_end
        previous_end = doc.span[1]
        last = doc.span[0]
        for node in doc.walk():
            start, end = node.span
            assert text[start:end] == node.text
            assert doc.span[0] <= start <= end <= doc.span[1]
        for node in doc.body:
            assert node.span[0] >= last
            last = node.full_span[1]
    assert previous_end == len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_any_text_parses_losslessly_and_deterministically(text):
    first = parse_text(text, "x")
    _check_lossless(first, text)
    assert parse_text(text, "x").model_dump_json() == first.model_dump_json()
    # The parser builds nodes without validation: what it builds must be what validation accepts.
    dumped = first.model_dump()
    assert ParsedFile.model_validate(dumped).model_dump() == dumped
    for doc in first.documents:
        for node in doc.walk():
            offsets = node.__pydantic_private__["_offsets"]
            assert offsets is None or len(offsets) == len(node.clean)
            assert all(start <= o < end for o in (offsets or ()) for start, end in [node.span])


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_raises(text):
    _check_lossless(parse_text(text, "x"), text)


def test_seeds_are_lossless_and_every_nonblank_line_is_covered():
    for path in [*sorted(SEEDS.glob("*.txt")), CORPUS / "reference" / "luat-10-2022-QH15.txt"]:
        text = path.read_text(encoding="utf-8")
        parsed = parse_text(text, path.name)
        _check_lossless(parsed, text)
        covered = set()
        for doc in parsed.documents:
            for node in doc.walk():
                covered.update(range(node.lines[0], node.lines[1] + 1))
        nonblank = {i + 1 for i, line in enumerate(text.splitlines()) if line.strip()}
        assert nonblank <= covered, sorted(nonblank - covered)[:10]


def test_same_input_gives_byte_identical_json():
    text = (SEEDS / "000_5ffeab1d114f175f.txt").read_text(encoding="utf-8")
    assert parse_text(text, "a").model_dump_json() == parse_text(text, "a").model_dump_json()


def test_fold_unifies_old_and_new_tone_placement():
    assert fold("Hoà bình, thuỷ lợi, Quý") == fold("Hòa bình, thủy lợi, quý")
    assert len(fold("Hoà thuỷ")) == len("Hoà thuỷ")
    assert fold("phấn đấu") != fold("phần đầu")


def test_fold_agrees_with_underthesea_normalization():
    from underthesea import text_normalize

    for word in ["hoà", "thuỷ", "khoẻ", "loà", "quỳ", "tuỳ"]:
        assert fold(text_normalize(word)) == fold(word)


def test_markup_and_hard_wraps_are_cleaned_but_kept_in_text():
    text = "## **Điều 2. Nguyên tắc**\n\n1. Bảo đảm sự lãnh đạo; vai\n\ntrò nòng cốt của Mặt trận.\n2. Các biện pháp."
    doc = parse_text(text).documents[0]
    article = doc.find("dieu-2")
    assert article.title == "Nguyên tắc"
    assert article.text == "## **Điều 2. Nguyên tắc**"
    clause = doc.find("dieu-2.khoan-1")
    assert clause.clean == "1. Bảo đảm sự lãnh đạo; vai trò nòng cốt của Mặt trận."
    assert clause.lines == (3, 5)
    assert doc.find("dieu-2.khoan-2") is not None


def test_anomalies_are_recorded_not_fixed():
    text = "Điều 1. A\n1. x\na) y\nb) y\nf) z\na1) w\n3. q\n3. r\nĐiều 3. B\nĐiều 3a. C\n"
    doc = parse_text(text).documents[0]
    codes = {(a.code, a.node_id) for a in doc.anomalies}
    assert ("invalid_point_letter", "dieu-1.khoan-1.diem-f") in codes
    assert ("inserted_label", "dieu-1.khoan-1.diem-a1") in codes
    assert ("numbering_gap", "dieu-1.khoan-3") in codes
    assert ("duplicate_label", "dieu-1.khoan-3~2") in codes
    assert ("numbering_gap", "dieu-3") in codes
    assert ("suffixed_label", "dieu-3a") in codes
    assert doc.find("dieu-1.khoan-1.diem-f").label == "f"


def test_d_and_dd_points_have_different_ids():
    doc = parse_text("Điều 1. A\n1. B\nd) x\nđ) y\n").documents[0]
    assert doc.find("dieu-1.khoan-1.diem-d").clean == "d) x"
    assert doc.find("dieu-1.khoan-1.diem-đ").clean == "đ) y"


_PROVINCES = st.sampled_from(["BÀ RỊA - VŨNG TÀU", "THỪA THIÊN HUẾ", "BẾN TRE", "SƠN LA", "CÀ MAU", "BÀ RỊA-VŨNG TÀU"])
_LAYOUTS = st.sampled_from(["pipes", "pipes_separator", "tabs", "alternate", "repeated"])


@settings(max_examples=60, deadline=None)
@given(_PROVINCES, _LAYOUTS, st.integers(1, 999), st.integers(2015, 2025), st.integers(1, 28), st.integers(1, 12))
def test_portal_header_layouts_read_the_same_fields(province, layout, number, year, day, month):
    left = ["HỘI ĐỒNG NHÂN DÂN", f"TỈNH {province}", f"Số: {number}/{year}/NQ-HĐND"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", f"Hà Nội, ngày {day} tháng {month} năm {year}"]
    if layout == "alternate":
        header = "".join(f"{a}\n{b}\n" for a, b in zip(left, right))
    elif layout == "tabs":
        header = "".join(f"{a}\t{b}\n" for a, b in zip(left, right))
    elif layout == "repeated":
        header = "".join(f"| {a} | {a} | {b} |\n" for a, b in zip(left, right))
    else:
        rows = [f"| {a} | {b} |" for a, b in zip(left, right)]
        if layout == "pipes_separator":
            rows.insert(1, "|---|---|")
        header = "\n".join(rows) + "\n"
    text = header + "\nNGHỊ QUYẾT\nVề các biện pháp bảo đảm thực hiện dân chủ ở cơ sở\nĐiều 1. Phạm vi\n"
    parsed = parse_text(text, "portal")
    _check_lossless(parsed, text)
    (doc,) = parsed.documents
    assert doc.number == f"{number}/{year}/NQ-HĐND"
    assert doc.date == f"{year:04d}-{month:02d}-{day:02d}"
    assert doc.locality is not None and doc.locality.level == "tinh"
    assert fold(doc.locality.name).replace(" - ", "-") == fold(province.replace(" - ", "-")).replace(" - ", "-")
    assert doc.issuer == f"Hội đồng nhân dân tỉnh {doc.locality.name}"
    assert parse_text(text, "portal").model_dump_json() == parsed.model_dump_json()
