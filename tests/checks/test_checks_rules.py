"""Every rule of rules/checks.yaml: a positive case (one change that must raise it) and a negative case (a near miss)."""

from __future__ import annotations

from datetime import date

import pytest

from dancoso_compare.models import Locality

from tests.checks_fixtures import (
    Case,
    RULES,
    _considered_dates,
    _district,
    _province,
    _related_submission,
    _set,
    _supervision,
    _with,
    anomaly,
    cite,
    doc_only,
    drop,
    find,
    node,
    redate,
    resolution,
    rules_of,
    run,
    set_text,
    submission,
)


POSITIVE: dict[str, list[Case]] = {
    # Citations
    "DC-CIT-001": [doc_only(lambda: redate(resolution(), "2025-03-01"))],
    "DC-CIT-002": [doc_only(lambda: redate(resolution(), "2023-08-14"))],
    "DC-CIT-003": [
        doc_only(lambda: _with(resolution(), lambda d: setattr(d.legal_bases[2], "date", "2023-09-14"))),
        doc_only(lambda: _with(resolution(), lambda d: d.legal_bases.__setitem__(
            0, cite("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2016", 5, type="Luật", day="2016-06-19",
                    title="Luật Tổ chức chính quyền địa phương")))),
        doc_only(lambda: _with(resolution(), lambda d: d.legal_bases.__setitem__(
            1, cite("Luật Thực hiện dân chủ ở cơ sở số 11/2022/QH15 ngày 10 tháng 11 năm 2022", 6, type="Luật",
                    number="11/2022/QH15", day="2022-11-10", title="Luật Thực hiện dân chủ ở cơ sở")))),
    ],
    "DC-CIT-004": [
        doc_only(lambda: _with(resolution(), lambda d: d.legal_bases.pop(1))),
        doc_only(lambda: _with(submission(), lambda d: d.legal_bases.pop(0))),
    ],
    "DC-CIT-005": [doc_only(lambda: _with(resolution(), lambda d: d.legal_bases.append(
        cite("Nghị quyết số 49/NQ-HĐND ngày 08/12/2023 của HĐND tỉnh", 7, type="Nghị quyết", number="49/NQ-HĐND", day="2023-12-08"))))],
    # Numbering
    "DC-NUM-001": [
        doc_only(lambda: resolution(clause_labels=("1", "3"))),
        doc_only(lambda: resolution(point_letters=("a", "b", "d", "e"))),  # a Latin a-e sequence skips đ
        doc_only(lambda: resolution(article2_label="Điều 4")),
    ],
    "DC-NUM-002": [doc_only(lambda: resolution(point_letters=("a", "b", "b"))), doc_only(lambda: resolution(clause_labels=("1", "1")))],
    "DC-NUM-003": [doc_only(lambda: resolution(point_letters=("a", "c", "b")))],
    "DC-NUM-004": [doc_only(lambda: resolution(point_letters=("a", "b", "c", "d", "đ", "e", "f")))],
    "DC-NUM-005": [doc_only(lambda: resolution(point_letters=("a", "ă")))],
    "DC-NUM-006": [doc_only(lambda: resolution(point_letters=("a", "a1", "b"))), doc_only(lambda: resolution(clause_labels=("1", "1a", "2")))],
    "DC-NUM-007": [doc_only(lambda: _with(resolution(), lambda d: d.body.insert(9, node(
        "dieu-2a", "article", "Điều 2a. Bổ sung", 31, label="Điều 2a", title="Bổ sung"))))],
    "DC-NUM-008": [doc_only(lambda: _with(resolution(), lambda d: d.anomalies.append(
        anomaly("stray_item", "dieu-3.khoan-3", "3", 35, "numbered item outside the articles"))))],
    # Required parts
    "DC-REQ-001": [doc_only(lambda: _with(resolution(), _set(draft=True, number=None)))],
    "DC-REQ-002": [doc_only(lambda: _with(resolution(), _set(number=None)))],
    "DC-REQ-003": [doc_only(lambda: _with(resolution(), _set(date=None)))],
    "DC-REQ-004": [doc_only(lambda: _with(drop(resolution(), "p-3", "p-4", "p-5"), _set(legal_bases=[])))],
    "DC-REQ-005": [doc_only(lambda: drop(resolution(), "p-7"))],
    "DC-REQ-006": [doc_only(lambda: drop(resolution(), "dieu-1", "dieu-2", "dieu-3"))],
    "DC-REQ-007": [doc_only(lambda: drop(resolution(), "dieu-2"))],
    "DC-REQ-008": [doc_only(lambda: drop(resolution(), "dieu-3.khoan-1"))],
    "DC-REQ-009": [doc_only(lambda: drop(resolution(), "dieu-3.khoan-2", "dieu-3.khoan-3"))],
    "DC-REQ-010": [doc_only(lambda: drop(resolution(), "dieu-3.p-1"))],
    "DC-REQ-011": [doc_only(lambda: resolution(adoption="Nghị quyết này được Hội đồng nhân dân tỉnh thông qua ngày {d}./."))],
    "DC-REQ-012": [doc_only(lambda: _with(resolution(), _set(signer=None))), doc_only(lambda: _with(submission(), _set(signer=None)))],
    "DC-REQ-013": [doc_only(lambda: _with(drop(submission(), "p-3"), _set(addressee=None)))],
    "DC-REQ-014": [doc_only(lambda: drop(submission(), "p-6", "muc-ii"))],
    "DC-REQ-015": [doc_only(lambda: _with(resolution(), lambda d: d.considered[1].__setattr__("blank", True)))],
    # Supervision bodies
    "DC-IMP-001": [doc_only(lambda: _with(resolution(), _supervision(
        "2. Thường trực UBND, các Ban của UBND, các Tổ đại biểu UBND và đại biểu HĐND tỉnh giám sát việc thực hiện Nghị quyết.")))],
    # Dates
    "DC-DATE-001": [doc_only(lambda: _with(submission(), _set(date=None)))],
    "DC-DATE-002": [doc_only(lambda: _with(resolution(), _considered_dates("2024-04-01", "2024-03-30")))],
    "DC-DATE-003": [
        doc_only(lambda: _with(resolution(), _considered_dates("2024-04-11", None))),
        lambda: (_with(resolution(), lambda d: d.considered.pop(0)), {"related": _related_submission("99/TTr-UBND", "2024-04-11")}),
    ],
    "DC-DATE-004": [doc_only(lambda: _with(resolution(), _set(date="2024-04-12")))],
    "DC-DATE-005": [doc_only(lambda: _with(resolution(), _set(date="2024-04-08")))],
    "DC-DATE-006": [doc_only(lambda: _with(resolution(), _considered_dates("2024-04-01", "2024-04-11")))],
    "DC-DATE-007": [lambda: (resolution(), {"related": _related_submission("10/TTr-UBND", "2024-04-02")})],
    "DC-DATE-008": [lambda: (resolution(), {"as_of": date(2024, 4, 9)})],
    # Administrative units
    "DC-ADM-001": [
        doc_only(lambda: _district("2025-07-01")),
        doc_only(lambda: _with(_district("2025-08-01"), _set(locality=Locality(name="Việt Trì", unit="thành phố", level="huyen")))),
        # the unit word decides, even when the level was recorded as provincial
        doc_only(lambda: _with(_district("2025-08-01"), _set(locality=Locality(name="Việt Trì", unit="thành phố", level="tinh")))),
    ],
    "DC-ADM-002": [doc_only(lambda: _province("Quảng Nam", "2025-07-01"))],
    "DC-ADM-003": [doc_only(lambda: _province("Quảng Nam", "2024-04-10")), doc_only(lambda: _district("2025-06-30"))],
    # Wording
    "DC-TXT-001": [
        doc_only(lambda: set_text(resolution(), "dieu-1.khoan-1.diem-a", "a) Phần đầu 100% cơ quan, đơn vị ứng dụng công nghệ thông tin.")),
        doc_only(lambda: set_text(resolution(), "dieu-1.khoan-1.diem-a", "a) Đẩy mạnh dịch vụ công. Phân đấu thực hiện đạt các chỉ tiêu.")),
    ],
}

NEGATIVE: dict[str, list[Case]] = {
    "DC-CIT-001": [doc_only(lambda: redate(resolution(), "2025-02-28"))],
    "DC-CIT-002": [
        doc_only(lambda: redate(resolution(), "2023-08-15")),
        # adopted before Nghị định 59 came into force, but takes effect after it (Nghị định 34/2016, Điều 61)
        doc_only(lambda: redate(resolution(adoption="Nghị quyết này được Hội đồng nhân dân tỉnh thông qua ngày {d} và có hiệu lực từ ngày 01 tháng 9 năm 2023./."), "2023-08-14")),
    ],
    "DC-CIT-004": [doc_only(resolution), doc_only(submission)],
    "DC-CIT-005": [doc_only(submission), doc_only(lambda: _with(resolution(), lambda d: d.legal_bases.__setitem__(
        0, cite("Luật Tổ chức chính quyền địa phương năm 2015", 5, type="Luật", year=2015))))],
    # (a province's own plan with the same title as 346/QĐ-TTg is unknown, not a misnumbered 346/QĐ-TTg)
    "DC-CIT-003": [doc_only(resolution), doc_only(lambda: _with(resolution(), lambda d: d.legal_bases.__setitem__(
        1, cite("Luật Thực hiện dân chủ ở cơ sở năm 2022", 6, type="Luật", year=2022, title="Luật Thực hiện dân chủ ở cơ sở")))),
        doc_only(lambda: _with(resolution(), lambda d: d.legal_bases.append(cite(
            "Quyết định số 1234/QĐ-UBND ngày 10/5/2023 của UBND tỉnh ban hành Kế hoạch triển khai thi hành Luật Thực hiện dân chủ ở cơ sở",
            7, type="Quyết định", number="1234/QĐ-UBND", day="2023-05-10",
            title="ban hành Kế hoạch triển khai thi hành Luật Thực hiện dân chủ ở cơ sở"))))],
    "DC-NUM-001": [doc_only(lambda: resolution(clause_labels=("1", "2", "3"))), doc_only(lambda: resolution(point_letters=("a", "b", "c", "d", "đ", "e", "g")))],
    "DC-NUM-002": [doc_only(lambda: resolution(point_letters=("a", "b", "c")))],
    "DC-NUM-003": [doc_only(lambda: resolution(point_letters=("a", "b", "c")))],
    "DC-NUM-004": [doc_only(lambda: resolution(point_letters=("a", "b", "c", "d", "đ", "e", "g")))],
    "DC-NUM-005": [doc_only(lambda: resolution(point_letters=("a", "b", "c", "d", "đ")))],
    "DC-NUM-006": [doc_only(lambda: resolution(point_letters=("a", "b")))],
    "DC-NUM-007": [doc_only(resolution)],
    "DC-NUM-008": [doc_only(resolution)],
    "DC-REQ-001": [doc_only(resolution)],
    "DC-REQ-002": [doc_only(lambda: _with(resolution(), _set(draft=True, number=None)))],  # a draft is not "missing"
    "DC-REQ-003": [doc_only(lambda: _with(resolution(), _set(draft=True, date=None)))],
    "DC-REQ-004": [doc_only(lambda: _with(resolution(), _set(legal_bases=[])))],  # the paragraphs are there
    "DC-REQ-005": [doc_only(lambda: _with(resolution(), lambda d: setattr(find(d, "p-7"), "role", None)))],
    "DC-REQ-006": [doc_only(lambda: drop(resolution(), "dieu-1"))],
    "DC-REQ-007": [doc_only(lambda: set_text(drop(resolution(), "dieu-2"), "dieu-1.khoan-2", "2. Nguồn kinh phí do ngân sách tỉnh bảo đảm."))],
    "DC-REQ-008": [doc_only(lambda: set_text(resolution(), "dieu-3.khoan-1", "1. Giao UBND tỉnh triển khai Nghị quyết."))],
    "DC-REQ-009": [doc_only(lambda: drop(resolution(), "dieu-3.khoan-3"))],
    "DC-REQ-010": [doc_only(lambda: _with(resolution(), lambda d: setattr(find(d, "dieu-3.p-1"), "role", None)))],
    "DC-REQ-011": [doc_only(resolution)],
    "DC-REQ-012": [doc_only(lambda: _with(resolution(), _set(signer=None, draft=True, number=None)))],
    "DC-REQ-013": [doc_only(lambda: _with(submission(), _set(addressee=None)))],  # the Kính gửi paragraph is there
    "DC-REQ-014": [doc_only(lambda: drop(submission(), "p-6"))],  # the Kiến nghị section still proposes
    "DC-REQ-015": [doc_only(resolution)],
    "DC-IMP-001": [
        doc_only(resolution),  # "Thường trực UBND" only in the Nơi nhận list
        doc_only(lambda: _with(resolution(), _supervision("2. Thường trực HĐND, UBND tỉnh, các Ban HĐND tỉnh giám sát việc thực hiện."))),
    ],
    "DC-DATE-001": [doc_only(lambda: _with(resolution(), _set(date=None, adopted=None)))],  # considered dates remain
    "DC-DATE-002": [doc_only(lambda: _with(resolution(), _considered_dates("2024-04-01", "2024-04-01")))],
    "DC-DATE-003": [
        doc_only(lambda: _with(resolution(), _considered_dates("2024-04-10", None))),
        lambda: (_with(resolution(), lambda d: d.considered.pop(0)), {"related": _related_submission("99/TTr-UBND", "2024-04-10")}),
    ],
    "DC-DATE-004": [doc_only(resolution)],
    "DC-DATE-005": [doc_only(resolution)],
    "DC-DATE-006": [doc_only(lambda: _with(resolution(), _considered_dates("2024-04-01", "2024-04-10")))],
    "DC-DATE-007": [lambda: (resolution(), {"related": _related_submission("10/TTr-UBND", "2024-04-01")})],
    "DC-DATE-008": [lambda: (resolution(), {"as_of": date(2024, 4, 10)})],
    "DC-ADM-001": [
        doc_only(lambda: _district("2025-06-30")),
        doc_only(lambda: _with(_province("Đà Nẵng", "2025-08-01"), _set(locality=Locality(name="Đà Nẵng", unit="thành phố", level="tinh")))),
    ],
    "DC-ADM-002": [doc_only(lambda: _province("Quảng Ngãi", "2025-07-01")), doc_only(lambda: _province("Quảng Nam", "2025-06-30"))],
    "DC-ADM-003": [doc_only(lambda: _province("Sơn La", "2024-04-10")), doc_only(lambda: _province("Quảng Nam", "2025-07-01"))],
    "DC-TXT-001": [
        doc_only(lambda: set_text(resolution(), "dieu-1.khoan-1.diem-a", "a) Phần đầu của Nghị quyết nêu căn cứ. Phấn đấu 100% cơ quan thực hiện.")),
    ],
}

CATALOGUE_IDS = sorted(c.id for c in RULES.catalogue.checks)


def _cases(table: dict[str, list[Case]]) -> list:
    return [pytest.param(rule, case, id=f"{rule}-{i}") for rule, cases in table.items() for i, case in enumerate(cases)]


# ---------------------------------------------------------------------------
# Every rule: a positive and a negative case
# ---------------------------------------------------------------------------


def test_clean_documents_raise_nothing():
    assert run(resolution()) == []
    assert run(submission()) == []


@pytest.mark.parametrize("rule, case", _cases(POSITIVE))
def test_rule_fires(rule, case):
    doc, kwargs = case()
    findings = [f for f in run(doc, **kwargs) if f.rule == rule]
    assert findings, f"{rule} not raised"
    check = RULES.catalogue.get(rule)
    for f in findings:
        assert f.severity == check.severity_for(doc.kind)
        assert f.legal_source == check.legal_source
        assert f.line is not None and f.line >= 1
        assert f.message and f.message_en and "{" not in f.message + f.message_en


@pytest.mark.parametrize("rule, case", _cases(NEGATIVE))
def test_rule_does_not_fire(rule, case):
    doc, kwargs = case()
    assert rule not in rules_of(run(doc, **kwargs))


@pytest.mark.parametrize("rule", CATALOGUE_IDS)
def test_every_check_has_positive_and_negative_cases(rule):
    assert POSITIVE.get(rule), f"{rule} has no positive test case"
    assert NEGATIVE.get(rule), f"{rule} has no negative test case"


def test_case_tables_name_only_catalogued_checks():
    assert set(POSITIVE) <= set(CATALOGUE_IDS) and set(NEGATIVE) <= set(CATALOGUE_IDS)


# ---------------------------------------------------------------------------
