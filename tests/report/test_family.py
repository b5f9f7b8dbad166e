"""Comparison of a lower-level resolution with its parent."""

from __future__ import annotations

from dancoso_compare.report.family import FamilyComparison, compare_with_parent, comparisons_by_child
from dancoso_compare.models import Extra, Locality
from dancoso_compare.report import family_text

from tests.report_factory import RULES, coverage, full_coverage, sample_documents

DOCS = sample_documents()
SON_LA, MUONG_KIM, CA_MAU, VIET_TRI = DOCS[3], DOCS[2], DOCS[4], DOCS[6]


def test_child_omissions():
    cmp = compare_with_parent(SON_LA, MUONG_KIM)
    assert [(g.measure, g.parent_status, g.child_status, g.elements) for g in cmp.omitted_measures] == [
        ("M4", "present", "missing", ["M4.commendation", "M4.discipline"])]
    assert [(g.measure, g.elements) for g in cmp.omitted_elements] == [("M2", ["M2.awareness"])]
    assert not cmp.consistent
    assert cmp.level_ok is True
    assert cmp.added_measures == [] and cmp.added_elements == {}
    # both have a "kinh phí" extra (same topic id): nothing added
    assert cmp.added_extras == []


def test_child_additions():
    cmp = compare_with_parent(CA_MAU, VIET_TRI)  # Cà Mau lacks digital government in M5; Việt Trì has it
    assert cmp.consistent
    assert cmp.added_elements == {"M5": ["M5.digital_government"]}
    assert [x.topic for x in cmp.added_extras] == ["giám sát của Mặt trận Tổ quốc"]
    assert cmp.omitted_measures == [] and cmp.omitted_elements == []


def test_measure_only_the_child_decides():
    parent = SON_LA.model_copy(update={"coverage": full_coverage(M5=coverage("M5", "missing"))})
    cmp = compare_with_parent(parent, VIET_TRI)
    assert cmp.added_measures == ["M5"]
    assert cmp.added_elements == {"M5": ["M5.digital_government", "M5.technology"]}


def test_partial_child_keeps_the_measure_but_not_all_elements():
    child = VIET_TRI.model_copy(update={"coverage": full_coverage(M3=coverage("M3", "partial", missing=("M3.evaluation",)))})
    cmp = compare_with_parent(SON_LA, child)
    assert cmp.omitted_measures == []
    assert [(g.measure, g.child_status, g.elements) for g in cmp.omitted_elements] == [
        ("M3", "partial", ["M3.evaluation"])]


def test_measure_absent_from_child_audit_counts_as_omitted():
    child = VIET_TRI.model_copy(update={"coverage": {m: c for m, c in VIET_TRI.coverage.items() if m != "M3"}})
    cmp = compare_with_parent(SON_LA, child)
    assert [(g.measure, g.child_status) for g in cmp.omitted_measures] == [("M3", None)]


def test_topics_without_ids_match_by_wording():
    parent = SON_LA.model_copy(update={"extras": [Extra(id="x", text="t", topic="Kinh phí thực hiện")]})
    child = VIET_TRI.model_copy(update={"extras": [
        Extra(id="a", text="t", topic="kinh phí  thực hiện"),
        Extra(id="b", text="t", topic="Chế độ thông tin, báo cáo"),
    ]})
    cmp = compare_with_parent(parent, child)
    assert [x.id for x in cmp.added_extras] == ["b"]


def test_level_check():
    same_level = compare_with_parent(VIET_TRI, DOCS[5])  # huyện vs huyện
    assert same_level.level_ok is False
    upside_down = compare_with_parent(MUONG_KIM, SON_LA)
    assert upside_down.level_ok is False
    unknown = compare_with_parent(SON_LA, DOCS[7])  # child without locality
    assert unknown.level_ok is None


def test_identical_documents_are_consistent():
    cmp = compare_with_parent(SON_LA, SON_LA)
    assert cmp.consistent and not cmp.added_elements and not cmp.added_extras and not cmp.added_measures


def test_json_round_trip_and_keying():
    cmp = compare_with_parent(SON_LA, MUONG_KIM)
    assert FamilyComparison.model_validate_json(cmp.model_dump_json()) == cmp
    assert cmp.parent.key == "batch/son_la_nq_08.pdf#0" and cmp.child.key == "batch/muong_kim_nq_15.docx#0"
    assert list(comparisons_by_child([(SON_LA, MUONG_KIM)])) == ["batch/muong_kim_nq_15.docx#0"]


def test_text_rendering_vi_and_en():
    cmp = compare_with_parent(SON_LA, MUONG_KIM)
    vi = family_text(cmp, "vi", RULES)
    assert "So sánh với văn bản cấp trên" in vi
    assert "Văn bản cấp trên: tỉnh Sơn La — Nghị quyết 08/2023/NQ-HĐND (tệp batch/son_la_nq_08.pdf, văn bản thứ 1)" in vi
    assert ("✘ M4 (Biểu dương, khen thưởng; phát hiện và xử lý nghiêm vi phạm) — Thiếu: "
            "kịp thời biểu dương, khen thưởng" in vi)
    assert "✘ M2: nâng cao nhận thức cộng đồng" in vi
    assert "#0" not in vi and "M4.commendation" not in vi  # no internal keys or ids
    en = family_text(cmp, "en", RULES)
    assert "Measures the parent decides that the child omits:" in en
    assert "✘ M4 (Commendation; detecting and strictly handling violations) — Missing" in en
    assert "So sánh" not in en


def test_text_rendering_names_elements_of_the_shipped_pack():
    from dancoso_compare.measures.rulepack import load_pack

    pack = load_pack()
    element = pack.measures[0].elements[0]
    parent = SON_LA.model_copy(update={"coverage": {"M1": coverage("M1", "present")}})
    parent.coverage["M1"].elements = {element.id: True}
    child = VIET_TRI.model_copy(update={"coverage": {"M1": coverage("M1", "missing")}})
    child.coverage["M1"].elements = {element.id: False}
    text = family_text(compare_with_parent(parent, child), rules=pack.id)  # a bare id of the shipped pack
    assert element.name in text and element.id not in text
    other = family_text(compare_with_parent(parent, child), rules="some-other-pack")
    assert element.id not in other and "training" in other  # unnamed: the id's last part, never the id


def test_consistent_family_message():
    text = family_text(compare_with_parent(SON_LA, SON_LA.model_copy(update={
        "locality": Locality(name="Mai Sơn", unit="huyện", level="huyen")})))
    assert "✔ Văn bản giữ đủ các biện pháp của cấp trên." in text
    assert "Không có" in text


def test_the_child_must_lie_in_the_parents_province():
    elsewhere = compare_with_parent(SON_LA, MUONG_KIM)  # xã Mường Kim is in Lai Châu
    assert elsewhere.same_province is False
    text = family_text(elsewhere, "vi", RULES)
    assert "! Văn bản cấp dưới (xã Mường Kim) không thuộc tỉnh Sơn La: hãy kiểm tra lại văn bản cấp trên." in text
    assert "does not belong to tỉnh Sơn La" in family_text(elsewhere, "en", RULES)
    inside = compare_with_parent(SON_LA, SON_LA.model_copy(update={
        "locality": Locality(name="Mai Sơn", unit="huyện", level="huyen")}))
    assert inside.same_province is True and "không thuộc" not in family_text(inside)
    # a province merged on 1/7/2025 still holds its former districts
    merged = SON_LA.model_copy(update={"locality": Locality(name="Quảng Nam", unit="tỉnh", level="tinh")})
    assert compare_with_parent(merged, DOCS[5]).same_province is True  # huyện Thăng Bình
    assert compare_with_parent(SON_LA, DOCS[7]).same_province is None  # no locality: nothing to say


def test_levels_in_the_wrong_order_are_a_warning_line():
    text = family_text(compare_with_parent(MUONG_KIM, SON_LA), "vi", RULES)
    assert "! Cấp hành chính của văn bản cấp trên không cao hơn văn bản cấp dưới." in text
