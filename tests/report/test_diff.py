"""Version diff: alignment by meaning, statuses, word diffs, measure changes."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dancoso_compare.report.diff import DocumentDiff, diff_documents
from dancoso_compare.models import DocumentAudit, Extra, Locality
from dancoso_compare.report import diff_text

from tests.conftest import SEEDS
from tests.report_factory import PACK, RULES, coverage, full_coverage, nq_lines, outline_document

SEED = SEEDS / "000_5ffeab1d114f175f.txt"

EDIT_OLD = "phải kịp thời, nghiêm túc, gắn với việc thực hiện nhiệm vụ chính trị"
EDIT_NEW = "phải kịp thời, thường xuyên, gắn với việc thực hiện nhiệm vụ chính trị của địa phương"


def audit(source: str, **coverage_overrides) -> DocumentAudit:
    return DocumentAudit(source=source, index=0, kind="nghi_quyet", draft=False,
                         coverage=full_coverage(**coverage_overrides))


def without_m4_and_edited(text: str) -> str:
    """The seed's draft with Điều 4 khoản 4 (M4) dropped, later khoản renumbered, and Điều 2 khoản 2 edited."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("4. Kịp thời biểu dương"))
    end = next(i for i, line in enumerate(lines) if line.startswith("5. Hỗ trợ, khuyến khích"))
    out, in_article_4 = [], False
    for line in lines[:start] + lines[end:]:
        if line.startswith("Điều "):
            in_article_4 = line.startswith("Điều 4.")
        if in_article_4 and (m := re.match(r"^([56])\. (.*)", line)):
            line = f"{int(m[1]) - 1}. {m[2]}"
        out.append(line)
    edited = "\n".join(out)
    assert EDIT_OLD in edited
    return edited.replace(EDIT_OLD, EDIT_NEW)


@pytest.fixture(scope="module")
def seed_text() -> str:
    return nq_lines(str(SEED))


@pytest.fixture(scope="module")
def seed_diff(seed_text) -> DocumentDiff:
    old = outline_document(seed_text)
    new = outline_document(without_m4_and_edited(seed_text))
    return diff_documents(old, audit("v1.txt"), new, audit("v2.txt", M4=coverage("M4", "missing")))


def test_removed_measure_clause(seed_diff):
    removed = [u.old.id for u in seed_diff.removed]
    assert removed == ["dieu-4.khoan-4", "dieu-4.khoan-4.diem-a", "dieu-4.khoan-4.diem-b", "dieu-4.khoan-4.diem-c"]
    assert seed_diff.added == []


def test_renumbered_clauses_are_moved_not_changed(seed_diff):
    moved = {u.old.id: u.new.id for u in seed_diff.moved}
    assert moved == {
        "dieu-4.khoan-5": "dieu-4.khoan-4", "dieu-4.khoan-5.diem-a": "dieu-4.khoan-4.diem-a",
        "dieu-4.khoan-5.diem-b": "dieu-4.khoan-4.diem-b", "dieu-4.khoan-5.diem-c": "dieu-4.khoan-4.diem-c",
        "dieu-4.khoan-6": "dieu-4.khoan-5", "dieu-4.khoan-6.diem-a": "dieu-4.khoan-5.diem-a",
        "dieu-4.khoan-6.diem-b": "dieu-4.khoan-5.diem-b",
    }
    assert all(u.renumbered for u in seed_diff.moved)


def test_edited_clause_is_changed_with_word_diff(seed_diff):
    (changed,) = seed_diff.changed
    assert changed.old.id == changed.new.id == "dieu-2.khoan-2"
    assert not changed.renumbered
    assert 70 <= changed.similarity < 100
    assert "phải kịp thời, [-nghiêm túc-] {+thường xuyên+}, gắn với" in changed.word_diff
    assert "của địa phương" in changed.word_diff


def test_everything_else_unchanged(seed_diff):
    counts = Counter(u.status for u in seed_diff.units)
    assert counts == {"unchanged": counts["unchanged"], "moved": 7, "removed": 4, "changed": 1}
    assert counts["unchanged"] > 20
    assert all(u.old.id == u.new.id and u.similarity == 100 for u in seed_diff.by_status("unchanged"))


def test_removed_units_listed_where_they_were(seed_diff):
    ids = [(u.old or u.new).id if u.status == "removed" else u.new.id for u in seed_diff.units]
    position = ids.index("dieu-4.khoan-4.diem-c")
    # the removed khoản 4 sits between the end of khoản 3 and the former khoản 5
    assert ids[position - 4] == "dieu-4.khoan-3.diem-d"
    assert seed_diff.units[position + 1].old.id == "dieu-4.khoan-5"


def test_measure_changes(seed_diff):
    (m4,) = seed_diff.measures
    assert (m4.measure, m4.old_status, m4.new_status) == ("M4", "present", "missing")
    assert m4.lost == ["M4.commendation", "M4.discipline"] and m4.gained == []


def test_json_round_trip_and_determinism(seed_diff, seed_text):
    assert DocumentDiff.model_validate_json(seed_diff.model_dump_json()) == seed_diff
    again = diff_documents(outline_document(seed_text), audit("v1.txt"),
                           outline_document(without_m4_and_edited(seed_text)),
                           audit("v2.txt", M4=coverage("M4", "missing")))
    assert again.model_dump_json() == seed_diff.model_dump_json()


def test_text_rendering(seed_diff):
    vi = diff_text(seed_diff, rules=RULES)
    names = ", ".join(e.name for e in PACK.measure("M4").elements)
    assert f"M4: ✔ Đầy đủ → ✘ Thiếu (mất: {names})" in vi
    assert "[Bị bỏ] Điều 4 khoản 4, dòng" in vi
    assert "[Đổi vị trí] Điều 4 khoản 5 → Điều 4 khoản 4" in vi
    assert "[Sửa đổi] Điều 2 khoản 2" in vi
    assert "[Giữ nguyên]" not in vi
    assert "#0" not in vi and "M4.commendation" not in vi  # no internal keys or ids
    en = diff_text(seed_diff, "en", rules=RULES)
    names_en = ", ".join(e.name_en for e in PACK.measure("M4").elements)
    assert f"M4: ✔ Present → ✘ Missing (lost: {names_en})" in en
    assert "[Removed] Article 4(4), line" in en and "[Moved] Article 4(5) → Article 4(4)" in en
    assert "[Unchanged]" in diff_text(seed_diff, "en", show_unchanged=True)


def test_identical_versions():
    text = "Điều 1. Phạm vi\n1. Nghị quyết này quy định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở.\n"
    doc = outline_document(text)
    d = diff_documents(doc, audit("a"), doc, audit("b"))
    assert not d.has_changes
    assert "Không có thay đổi." in diff_text(d)


def test_moved_article_is_found_by_meaning():
    old = outline_document("Điều 1. Nguyên tắc bảo đảm dân chủ\n1. Bảo đảm sự lãnh đạo của Đảng và vai trò của Mặt trận.\n"
                           "Điều 2. Nguồn kinh phí thực hiện\n1. Kinh phí do ngân sách nhà nước bảo đảm theo phân cấp.\n")
    new = outline_document("Điều 1. Nguồn kinh phí thực hiện\n1. Kinh phí do ngân sách nhà nước bảo đảm theo phân cấp.\n"
                           "Điều 2. Nguyên tắc bảo đảm dân chủ\n1. Bảo đảm sự lãnh đạo của Đảng và vai trò của Mặt trận.\n")
    d = diff_documents(old, audit("a"), new, audit("b"))
    assert {(u.old.id, u.new.id) for u in d.moved} == {
        ("dieu-1", "dieu-2"), ("dieu-1.khoan-1", "dieu-2.khoan-1"),
        ("dieu-2", "dieu-1"), ("dieu-2.khoan-1", "dieu-1.khoan-1")}
    assert not d.added and not d.removed and not d.changed


def test_rewritten_clause_is_removed_and_added():
    old = outline_document("Điều 1. Biện pháp\n1. Tăng cường công tác thông tin, tuyên truyền, phổ biến pháp luật.\n")
    new = outline_document("Điều 1. Biện pháp\n1. Hỗ trợ ứng dụng công nghệ số trong giải quyết thủ tục hành chính cho người dân.\n")
    d = diff_documents(old, audit("a"), new, audit("b"))
    assert [u.status for u in d.units] == ["unchanged", "removed", "added"]


def test_short_heading_is_not_taken_for_a_long_clause_containing_it():
    old = outline_document("Điều 1. Mục tiêu\n1. Mục tiêu\n")
    new = outline_document("Điều 1. Mục tiêu\n1. Mục tiêu của Nghị quyết là bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn xã.\n")
    d = diff_documents(old, audit("a"), new, audit("b"))
    assert [u.status for u in d.units] == ["unchanged", "removed", "added"]


def test_punctuation_at_the_end_does_not_count():
    old = outline_document("Điều 1. A\n1. Khoản\na) Nội dung thứ nhất về tuyên truyền pháp luật;\n")
    new = outline_document("Điều 1. A\n1. Khoản\na) Nội dung thứ nhất về tuyên truyền pháp luật.\n")
    d = diff_documents(old, audit("a"), new, audit("b"))
    assert all(u.status == "unchanged" for u in d.units)


def test_extras_added_and_removed():
    doc = outline_document("Điều 1. A\n")
    old_audit = audit("a").model_copy(update={"extras": [Extra(id="x", text="t", topic="kinh phí", topic_id="kinh_phi")]})
    new_audit = audit("b").model_copy(update={"extras": [Extra(id="y", text="t", topic="báo cáo", topic_id="bao_cao")]})
    d = diff_documents(doc, old_audit, doc, new_audit)
    assert [x.topic for x in d.extras_added] == ["báo cáo"] and [x.topic for x in d.extras_removed] == ["kinh phí"]
    assert "Chủ đề thêm: báo cáo" in diff_text(d)


def test_article_body_paragraphs_are_compared():
    """With the real parser an article without khoản keeps its text in paragraphs."""
    from dancoso_compare.parse import parse_text

    base = ("Điều 1. Phạm vi\n\nNghị quyết này quy định các biện pháp.\n\n"
            "Điều 2. Nguồn kinh phí thực hiện\n\n"
            "Kinh phí bảo đảm để triển khai thực hiện Nghị quyết được bố trí từ nguồn ngân sách nhà nước.\n")
    edited = base.replace("từ nguồn ngân sách nhà nước", "từ nguồn ngân sách nhà nước và nguồn xã hội hóa")
    old = parse_text("NGHỊ QUYẾT\n\n" + base).documents[0]
    new = parse_text("NGHỊ QUYẾT\n\n" + edited).documents[0]
    d = diff_documents(old, audit("a"), new, audit("b"))
    (changed,) = d.changed
    assert changed.new.kind == "paragraph" and changed.new.article == 2
    assert changed.word_diff == "… ngân sách nhà nước {+và nguồn xã hội hóa+}."


# -- with the real parser, on the seed ----------------------------------------


@pytest.fixture(scope="module")
def parsed_seed():
    from dancoso_compare.parse import parse_file

    return parse_file(SEED)


def test_to_trinh_reproduces_its_draft_resolution(parsed_seed):
    """Seed 000 holds a Tờ trình whose section IV reproduces the draft Nghị quyết that follows it."""
    to_trinh, draft = parsed_seed.documents
    assert (to_trinh.kind, draft.kind) == ("to_trinh", "nghi_quyet")
    d = diff_documents(to_trinh, audit("tt"), draft, audit("nq"))
    article_4 = [u for u in d.units if u.new and u.new.id.startswith("dieu-4")]
    assert len(article_4) == 1 + 6 + 18  # Điều 4, its 6 khoản and 18 điểm
    assert all(u.status in ("unchanged", "moved") for u in article_4)
    # what only the Tờ trình has (its own sections) is reported as removed, nothing is invented
    assert d.removed and all(u.old.id.startswith(("muc-", "dieu")) or u.old.kind in ("paragraph", "bullet")
                             for u in d.removed)


def test_real_parser_seed_against_edited_copy(parsed_seed):
    from dancoso_compare.parse import parse_text

    lines = SEED.read_text(encoding="utf-8").split("\n")
    # Edit only the Nghị quyết (from line 177): the Tờ trình before it reproduces the same Điều 4.
    edited = "\n".join(lines[:176]) + "\n" + without_m4_and_edited("\n".join(lines[176:]))
    old = parsed_seed.documents[1]
    new = parse_text(edited, source="edited.txt").documents[1]
    assert new.kind == "nghi_quyet"
    d = diff_documents(old, audit("v1"), new, audit("v2"))
    assert [u.old.id for u in d.removed] == ["dieu-4.khoan-4", "dieu-4.khoan-4.diem-a", "dieu-4.khoan-4.diem-b",
                                             "dieu-4.khoan-4.diem-c"]
    assert [u.new.id for u in d.changed] == ["dieu-2.khoan-2"]
    assert len(d.moved) == 7 and not d.added


def test_versions_of_different_localities_are_flagged(seed_text):
    old_doc, new_doc = outline_document(seed_text), outline_document(without_m4_and_edited(seed_text))
    a = audit("v1.txt").model_copy(update={"locality": Locality(name="Mường Kim", unit="xã", level="xa")})
    b = audit("v2.txt").model_copy(update={"locality": Locality(name="Tân Lập", unit="xã", level="xa")})
    other = diff_documents(old_doc, a, new_doc, b)
    assert other.same_locality is False
    text = diff_text(other, rules=RULES)
    assert ("! Hai văn bản không cùng địa phương (xã Mường Kim và xã Tân Lập): "
            "kết quả so sánh có thể không có ý nghĩa.") in text
    same = diff_documents(old_doc, a, new_doc, a.model_copy(update={
        "locality": Locality(name="mường  kim", unit="Xã", level="xa")}))
    assert same.same_locality is True and "không cùng địa phương" not in diff_text(same)
    assert diff_documents(old_doc, audit("v1.txt"), new_doc, b).same_locality is None
