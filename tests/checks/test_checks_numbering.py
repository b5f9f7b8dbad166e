"""Numbering, locations, order and severities of the findings (dancoso_compare.checks.numbering and base)."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso_compare.checks import reference_date

from tests.checks_fixtures import (
    RULES,
    _set,
    _supervision,
    _with,
    anomaly,
    node,
    resolution,
    rules_of,
    run,
    set_text,
)


# Locations, order, severities
# ---------------------------------------------------------------------------


def test_point_letter_finding_points_at_the_point():
    doc = resolution(point_letters=("a", "b", "c", "d", "đ", "e", "f"))
    [finding] = [f for f in run(doc) if f.rule == "DC-NUM-004"]
    assert finding.node_id == "dieu-1.khoan-1.diem-f" and finding.line == 18 and finding.severity == "error"


def test_parser_anomaly_is_not_reported_twice():
    doc = resolution(point_letters=("a", "b", "c", "d", "đ", "e", "f"))
    doc.anomalies.append(anomaly("invalid_point_letter", "dieu-1.khoan-1.diem-f", "f", 18))
    assert len([f for f in run(doc) if f.rule == "DC-NUM-004"]) == 1


def test_parser_anomaly_is_reported_when_the_tree_hides_it():
    doc = resolution()
    doc.anomalies.append(anomaly("restart", "dieu-3.khoan-1", "1", 33, "khoản numbering restarts"))
    [finding] = [f for f in run(doc) if f.rule == "DC-NUM-003"]
    assert finding.node_id == "dieu-3.khoan-1" and finding.line == 33


def test_stray_item_is_not_also_a_gap():
    doc = resolution()
    doc.body.insert(10, node("muc-x.khoan-2", "clause", "2. Hồ sơ kèm theo", 37, label="2"))
    doc.anomalies += [anomaly("numbering_gap", "muc-x.khoan-2", "2", 37), anomaly("stray_item", "muc-x.khoan-2", "2", 37)]
    assert [f.rule for f in run(doc)] == ["DC-NUM-008"]


def test_document_level_findings_point_at_the_first_line():
    doc = _with(resolution(), _set(number=None))
    [finding] = run(doc)
    assert finding.line == doc.lines[0] and finding.node_id == "p-1"


def test_findings_are_sorted_by_line_then_rule():
    doc = _with(resolution(point_letters=("a", "f")), _set(number=None, date=None))
    findings = run(doc)
    assert [(f.line, f.rule) for f in findings] == sorted((f.line, f.rule) for f in findings)
    assert len(findings) >= 3


def test_ubnd_bodies_finding_names_the_bodies_and_line():
    doc = _with(resolution(), _supervision(
        "2. Thường trực UBND, các Ban của UBND, các Tổ đại biểu UBND và đại biểu HĐND tỉnh giám sát việc thực hiện Nghị quyết."))
    [finding] = [f for f in run(doc) if f.rule == "DC-IMP-001"]
    assert finding.node_id == "dieu-3.khoan-2" and finding.line == 34
    for body in ("Thường trực UBND", "Ban của UBND", "Tổ đại biểu UBND"):
        assert body in finding.message
    assert "DC-REQ-009" not in rules_of(run(doc))  # one problem, one finding


def test_ocr_variants_still_match():
    doc = set_text(resolution(), "dieu-3.khoan-1", "1. Üy ban nhân dân tỉnh tổ chức triển khai, thực hiện Nghị quyết.")
    assert run(doc) == []


def test_reference_date_falls_back_to_adoption_then_considered():
    doc = resolution()
    assert reference_date(doc) == date(2024, 4, 10)
    doc.date = None
    doc.adopted = "2024-04-12"
    assert reference_date(doc) == date(2024, 4, 12)
    doc.adopted = None
    assert reference_date(doc) == date(2024, 4, 5)  # the latest considered document


def test_draft_reports_blanks_once_as_info():
    doc = _with(resolution(), _set(draft=True, number=None, date=None, signer=None))
    findings = run(doc)
    assert [(f.rule, f.severity) for f in findings] == [("DC-REQ-001", "info")]
    assert "số, ngày" in findings[0].message


def test_other_documents_skip_required_parts():
    doc = _with(resolution(), _set(kind="other", number=None, signer=None))
    assert not any(r.startswith("DC-REQ") for r in rules_of(run(doc)))


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=23), st.sampled_from(["f", "j", "w", "z"]), st.data())
def test_any_vietnamese_prefix_is_clean_and_any_latin_letter_is_an_error(n, bad, data):
    letters = list(RULES.drafting.point_letters.sequence[:n])
    assert not any(r.startswith("DC-NUM") for r in rules_of(run(resolution(point_letters=tuple(letters)))))
    position = data.draw(st.integers(min_value=0, max_value=n))
    letters.insert(position, bad)
    findings = [f for f in run(resolution(point_letters=tuple(letters))) if f.rule.startswith("DC-NUM")]
    assert [f.rule for f in findings] == ["DC-NUM-004"]
    assert findings[0].node_id.endswith(f"diem-{bad}")


# ---------------------------------------------------------------------------


def test_numbering_findings_are_the_structure_anomalies():
    # One home for numbering: every numbering anomaly the parser records becomes exactly one DC-NUM finding.
    from dancoso_compare.checks import lint_document
    from dancoso_compare.checks.numbering import ANOMALY_RULES
    from dancoso_compare.parse import parse_text

    doc = parse_text("Điều 1. A\n1. x\n3. y\na) p\nc) q\nf) r\nă) s\nĐiều 3a. B\n1. z\n1. w\n").documents[0]
    expected = sorted((ANOMALY_RULES[a.code], a.node_id) for a in doc.anomalies)
    found = sorted((f.rule, f.node_id) for f in lint_document(doc) if f.rule.startswith("DC-NUM"))
    assert found == expected and len(expected) == 6
    [gap] = [f for f in lint_document(doc) if f.node_id == "dieu-1.khoan-3.diem-c"]
    assert "điểm c) khoản 3 Điều 1 đứng sau điểm a) khoản 3 Điều 1: thiếu b." in gap.message
