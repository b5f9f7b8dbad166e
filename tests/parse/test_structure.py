"""structure.py: Điều / khoản / điểm tree, ids, signature block, numbering anomalies."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso_compare.parse import structure
from dancoso_compare.ingest.normalize import build_blocks
from dancoso_compare.parse import parse_text
from dancoso_compare.parse.structure import PERSON_NAME, build_tree, classify, paragraph_role

from tests.conftest import LAW


def _tree(text: str):
    return build_tree(text, build_blocks(text))


@pytest.mark.parametrize("name", ["Lê Thị Ánh", "Nguyễn Văn Ất", "Ưng Thị Ý", "Đỗ Ánh Hồng", "Phạm Ngọc Ẩn"])
def test_person_names_with_accented_initials(name):
    assert PERSON_NAME.match(name)


@pytest.mark.parametrize("text", ["nguyễn văn a", "Phạm Văn 2", "Nơi nhận:", "Lê"])
def test_not_person_names(text):
    assert not PERSON_NAME.match(text)


def test_signer_with_accented_initial_is_read():
    text = "NGHỊ QUYẾT\nĐiều 1. Phạm vi\nNơi nhận:\n- Như Điều 1;\nTM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\nLê Thị Ánh\n"
    doc = parse_text(text, "x").documents[0]
    assert doc.signer == "Lê Thị Ánh"
    assert doc.signer_capacity is not None and doc.signer_capacity.endswith("CHỦ TỊCH")


def test_law_fragment_tree():
    text = (LAW / "luat_10_2022_QH15_key_articles.txt").read_text(encoding="utf-8")
    roots, anomalies = _tree(text)
    articles = [n for r in roots for n in r.walk() if n.kind == "article"]
    assert articles, "the key articles parse into Điều"
    art8 = next(a for a in articles if a.id == "dieu-8")
    assert [c.label for c in art8.children if c.kind == "clause"] == ["1", "2", "3", "4", "5"]
    for node in (n for r in roots for n in r.walk()):
        assert text[node.span[0]:node.span[1]] == node.text


def test_numbering_anomalies_are_recorded_not_fixed():
    text = "Điều 1. A\n1. Một\n3. Ba\na) x\nc) y\nf) z\nĐiều 1. Lại\n"
    roots, anomalies = _tree(text)
    codes = sorted((a.code, a.label) for a in anomalies)
    assert ("numbering_gap", "3") in codes
    assert ("numbering_gap", "c") in codes
    assert ("invalid_point_letter", "f") in codes
    assert ("duplicate_label", "Điều 1") in codes
    assert [r.id for r in roots] == ["dieu-1", "dieu-1~2"]


def test_repeated_labels_get_distinct_ids_in_order():
    text = "".join("Điều 1. Lặp\n" for _ in range(5))
    roots, _ = _tree(text)
    assert [r.id for r in roots] == ["dieu-1", "dieu-1~2", "dieu-1~3", "dieu-1~4", "dieu-1~5"]


def test_ordinal_ids_count_siblings_per_parent():
    text = "Điều 1. A\n- một\n- hai\nĐiều 2. B\n- ba\n"
    roots, _ = _tree(text)
    assert [c.id for c in roots[0].children] == ["dieu-1.gach-1", "dieu-1.gach-2"]
    assert [c.id for c in roots[1].children] == ["dieu-2.gach-1"]


def test_three_hundred_thousand_lines_after_the_signature_parse():
    # An annex of 300,000 short lines after the signature (issue 11 item 7): ids must not recount siblings.
    head = "NGHỊ QUYẾT\nĐiều 1. Phạm vi\n1. Một.\nTM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\nLê Thị Ánh\n"
    lines = 300_000
    text = head + "".join(f"- {i}.\n" for i in range(lines))
    doc = parse_text(text, "annex").documents[0]
    assert len(doc.body) == lines + 5  # title, Điều 1, two signature lines, name, then one paragraph per line
    assert doc.body[-1].id == f"p-{lines + 4}"
    assert len({n.id for n in doc.walk()}) == sum(1 for _ in doc.walk())
    assert doc.signer == "Lê Thị Ánh"


def test_classify_labels():
    assert (classify("Điều 10a. Sửa đổi").kind, classify("Điều 10a. Sửa đổi").label) == ("article", "10a")
    assert classify("a1) chèn").label == "a1"
    assert classify("Chương II").kind == "chapter"
    assert classify("Điều 6 = x").kind == "paragraph"


_FRAGMENTS = st.sampled_from(
    [
        "Điều 1.", "Điều 1.Phạm vi", "_ Điều 28.", "> Chương II", "Chương I", "Phần thứ hai", "Mục 2", "II.", "1.", "12a)",
        "a)", "đ)", "a1)", "b.", "- ", "• ", "+ ", "Nơi nhận:", "Căn cứ", "Xét", "QUYẾT NGHỊ:", "Kính gửi:", "Số:", "CỘNG HÒA",
        "Độc lập -", "(Dự thảo)", "Bến Tre, ngày 5", "TM. ỦY BAN", "KT. CHỦ TỊCH", "Chủ tịch", "Phó Trưởng ban", "Thư ký",
        "| Số: 1/NQ | ", "Nghị quyết này được HĐND thông qua", "ſố:", "x", " ", "É", "Ⅸ",
    ]
)
_BLOCK_TEXT = st.lists(_FRAGMENTS | st.text(max_size=6), min_size=1, max_size=4).map("".join)


@settings(max_examples=400, deadline=None)
@given(_BLOCK_TEXT)
def test_fast_classification_agrees_with_every_pattern(text):
    # classify() skips the label patterns a first character rules out; it must agree with trying them all.
    assert classify(text) == structure._classify_label(text)
    stripped = text.lstrip("| ") if text[:1] == "|" else text
    slow = next((role for role, pattern in structure._ROLES if pattern.match(stripped)), None)
    if slow is None and structure._SIGNATURE.match(stripped) and len(stripped.split()) <= (12 if "." in stripped[:5] else 6):
        slow = "signature"
    assert paragraph_role(text) == slow


def test_numbering_anomalies_say_what_is_missing_and_what_came_before():
    roots, anomalies = _tree("Điều 1. A\n1. x\n4. y\na) q\nd) r\nĐiều 3. B\n")
    gaps = {a.node_id: (a.previous_id, a.missing) for a in anomalies if a.code == "numbering_gap"}
    assert gaps == {
        "dieu-1.khoan-4": ("dieu-1.khoan-1", ["2", "3"]),
        "dieu-1.khoan-4.diem-d": ("dieu-1.khoan-4.diem-a", ["b", "c"]),
        "dieu-3": ("dieu-1", ["Điều 2"]),
    }


def test_no_missing_signer_finding_for_an_accented_initial():
    from dancoso_compare.checks import lint_document

    text = "NGHỊ QUYẾT\nĐiều 1. Phạm vi\nNơi nhận:\n- Như Điều 1;\nTM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\nLê Thị Ánh\n"
    doc = parse_text(text, "x").documents[0]
    assert "DC-REQ-012" not in {f.rule for f in lint_document(doc)}


def test_numbering_runs_restart_after_a_heading_and_skip_stray_items():
    # Khoản after "Mục II" start a new run; a numbered item placed outside an article is stray, not a gap.
    text = "Mục I. A\n1. x\n2. y\nMục II. B\n1. z\nĐiều 1. C\nMột đoạn.\n2. lạc\nĐiều 2. D\n"
    roots, anomalies = _tree(text)
    assert [(a.code, a.node_id) for a in anomalies] == [("stray_item", "muc-ii.khoan-2")]


def test_label_anomalies_come_from_the_tree_not_the_placement():
    roots, anomalies = _tree("Điều 1. A\n1. x\nf1) y\nĐiều 1a. B\n1a. z\n")
    key = lambda a: (a.line, a.code, a.node_id)  # noqa: E731
    assert sorted(structure.numbering_anomalies(roots), key=key) == anomalies
    assert {(a.code, a.label) for a in anomalies} == {
        ("inserted_label", "f1"), ("invalid_point_letter", "f1"), ("suffixed_label", "Điều 1a"), ("inserted_label", "1a"),
    }


def test_parser_point_letters_are_the_rule_data_letters():
    from dancoso_compare.checks.rules import load_rules

    letters = load_rules().drafting.point_letters
    default = structure.POINT_LETTERS
    assert (list(letters.sequence), set(letters.invalid), set(letters.nonstandard)) == (
        list(default.sequence), set(default.invalid), set(default.nonstandard))
