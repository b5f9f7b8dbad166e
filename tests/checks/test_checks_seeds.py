"""End to end: the parser and the drafting checks on the seed files and on crafted texts."""

from __future__ import annotations

from dancoso_compare.models import Document
from dancoso_compare.parse import parse_text

from tests.checks_fixtures import rules_of, run
from tests.conftest import SEEDS


# End to end: the parser on the seed files and on crafted texts
# ---------------------------------------------------------------------------

def _seed(prefix: str) -> list[Document]:
    from dancoso_compare.parse import parse_text

    [path] = sorted(SEEDS.glob(f"{prefix}_*.txt"))  # tests/data/seeds: copies of shared/seeds
    return parse_text(path.read_text(encoding="utf-8"), source=path.name).documents


def _lint_all(docs: list[Document]) -> list[list]:
    return [run(d, related=docs) for d in docs]


def test_seed_son_la_point_f_and_ubnd_supervisors():
    [doc] = _seed("003")
    findings = run(doc)
    [letter] = [f for f in findings if f.rule == "DC-NUM-004"]
    assert letter.severity == "error" and letter.node_id.endswith("diem-f") and letter.line == 73
    [bodies] = [f for f in findings if f.rule == "DC-IMP-001"]
    assert bodies.severity == "error" and bodies.line == 100
    assert "DC-REQ-002" in rules_of(findings)  # no document number


def test_seed_ca_mau_review_report_before_the_submission():
    [doc] = _seed("004")
    findings = run(doc)
    [dates] = [f for f in findings if f.rule == "DC-DATE-002"]
    assert "08/11/2024" in dates.message and "10/11/2024" in dates.message and dates.severity == "error"
    assert dates.line == 34
    assert ("DC-REQ-001", "info") in {(f.rule, f.severity) for f in findings}  # the day of the date line is blank
    assert "DC-TXT-001" in rules_of(findings)  # "Phân đấu"


def test_seed_muong_kim_draft_is_reported_as_draft():
    docs = _seed("000")
    submission_findings, draft_findings = _lint_all(docs)
    assert docs[1].kind == "nghi_quyet" and docs[1].draft
    assert ("DC-REQ-001", "info") in {(f.rule, f.severity) for f in draft_findings}
    assert not {"DC-REQ-002", "DC-REQ-003"} & rules_of(draft_findings)
    [blank] = [f for f in draft_findings if f.rule == "DC-REQ-015"]
    assert blank.severity == "warning" and "Báo cáo thẩm tra" in blank.message
    assert not [f for f in draft_findings if f.severity == "error"]
    assert not [f for f in submission_findings if f.severity == "error"]


def test_seed_viet_tri_has_no_error():
    [doc] = _seed("001")
    assert [f for f in run(doc) if f.severity == "error"] == []


def test_seed_thang_binh_submission():
    [doc] = _seed("002")
    findings = run(doc)
    assert {"DC-REQ-002", "DC-REQ-003", "DC-REQ-012", "DC-TXT-001", "DC-DATE-001"} <= rules_of(findings)
    assert not [f for f in findings if f.severity == "error"]  # a Tờ trình's missing parts are warnings
    [merged] = [f for f in findings if f.rule == "DC-ADM-003"]
    assert "Đà Nẵng" in merged.message


def test_every_seed_finding_is_located():
    for prefix in ("000", "001", "002", "003", "004"):
        docs = _seed(prefix)
        for doc, findings in zip(docs, _lint_all(docs)):
            for f in findings:
                assert doc.lines[0] <= f.line <= doc.lines[1], (prefix, f)
                assert f.node_id is None or doc.find(f.node_id) is not None or any(a.node_id == f.node_id for a in doc.anomalies)


CRAFTED_DISTRICT_2025 = """Số: 45/NQ-HĐND

Hòa Vang, ngày 20 tháng 8 năm 2025

NGHỊ QUYẾT

Về các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn huyện Hòa Vang

HỘI ĐỒNG NHÂN DÂN HUYỆN HÒA VANG KHÓA XII, KỲ HỌP THỨ MƯỜI

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;

Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022;

Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14 tháng 9 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở;

Xét Tờ trình số 120/TTr-UBND ngày 05 tháng 8 năm 2025 của Ủy ban nhân dân huyện; Báo cáo thẩm tra số 30/BC-HĐND ngày 01 tháng 8 năm 2025 của Ban Pháp chế Hội đồng nhân dân huyện.

QUYẾT NGHỊ:

Điều 1. Các biện pháp bảo đảm thực hiện dân chủ ở cơ sở

1. Bồi dưỡng nâng cao năng lực chuyên môn, nghiệp vụ

a) Tập huấn cho cán bộ, công chức.

b) Bồi dưỡng kỹ năng.

c) Cập nhật kiến thức pháp luật.

d) Đánh giá kết quả.

e) Phân đấu 100% cán bộ được tập huấn.

f) Tổng kết hằng năm.

3. Thông tin, tuyên truyền, phổ biến, giáo dục pháp luật

Điều 2. Kinh phí thực hiện

Kinh phí thực hiện được bố trí từ ngân sách nhà nước.

Điều 3. Tổ chức thực hiện

1. Ủy ban nhân dân huyện tổ chức thực hiện Nghị quyết.

2. Thường trực UBND, các Ban của UBND và đại biểu HĐND huyện giám sát việc thực hiện Nghị quyết.

Nghị quyết này được Hội đồng nhân dân huyện Hòa Vang khóa XII, kỳ họp thứ mười thông qua ngày 20 tháng 8 năm 2025 và có hiệu lực từ ngày thông qua./.

Nơi nhận:
- Thường trực HĐND thành phố;
- Lưu: VT.

CHỦ TỊCH

Trần Văn Bình
"""


def test_crafted_district_resolution_after_the_reform():
    [doc] = parse_text(CRAFTED_DISTRICT_2025, source="crafted").documents
    findings = run(doc)
    by_rule = {f.rule: f for f in findings}
    assert {"DC-ADM-001", "DC-CIT-001", "DC-CIT-003", "DC-DATE-002", "DC-NUM-001", "DC-NUM-004", "DC-IMP-001", "DC-TXT-001"} <= set(by_rule)
    assert by_rule["DC-CIT-001"].line == 11 and "72/2025/QH15" in by_rule["DC-CIT-001"].message
    assert by_rule["DC-CIT-003"].line == 15
    assert by_rule["DC-NUM-004"].line == 35
    assert by_rule["DC-IMP-001"].line == 47


def test_crafted_clean_commune_resolution_after_the_reform():
    text = (CRAFTED_DISTRICT_2025
            .replace("huyện Hòa Vang", "xã Bà Nà").replace("HUYỆN HÒA VANG", "XÃ BÀ NÀ").replace("Hòa Vang,", "Bà Nà,")
            .replace("ngày 19 tháng 6 năm 2015", "ngày 16 tháng 6 năm 2025")
            .replace("14 tháng 9 năm 2023", "14 tháng 8 năm 2023")
            .replace("ngày 01 tháng 8 năm 2025 của Ban", "ngày 12 tháng 8 năm 2025 của Ban")
            .replace("e) Phân đấu", "đ) Phấn đấu").replace("f) Tổng kết", "e) Tổng kết")
            .replace("3. Thông tin", "2. Thông tin")
            .replace("Thường trực UBND, các Ban của UBND", "Thường trực HĐND, các Ban của HĐND")
            .replace("của Ủy ban nhân dân huyện", "của Ủy ban nhân dân xã").replace("Hội đồng nhân dân huyện", "Hội đồng nhân dân xã")
            .replace("HĐND huyện", "HĐND xã").replace("nhân dân huyện tổ chức", "nhân dân xã tổ chức"))
    [doc] = parse_text(text, source="crafted").documents
    assert doc.locality is not None and doc.locality.level == "xa"
    assert run(doc) == []
