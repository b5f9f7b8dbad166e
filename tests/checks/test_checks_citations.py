"""Citations of legal bases (dancoso_compare.checks.citations): validity at every boundary date of the registry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from dancoso_compare.models import Document

from tests.checks_fixtures import (
    RULES,
    _with,
    cite,
    redate,
    resolution,
    rules_of,
    run,
    submission,
)


# Legal-basis validity at every boundary date of the registry
# ---------------------------------------------------------------------------


def _citing(instrument_id: str, day: date) -> tuple[Document, int]:
    inst = RULES.legal_sources.get(instrument_id)
    doc = redate(resolution(), day.isoformat())
    line = 90
    issued = inst.issued
    text = f"{inst.type} số {inst.number} ngày {issued.day:02d}/{issued.month:02d}/{issued.year}" if inst.number else f"{inst.title} ngày {issued.day}/{issued.month}/{issued.year}"
    doc.legal_bases.append(cite(text, line, type=inst.type, number=inst.number, day=issued.isoformat(), title=inst.title))
    return doc, line


def _at(findings, rule: str, line: int) -> bool:
    return any(f.rule == rule and f.line == line for f in findings)


@pytest.mark.parametrize("instrument_id", [i.id for i in RULES.legal_sources.instruments])
def test_coming_into_force_boundary(instrument_id):
    inst = RULES.legal_sources.get(instrument_id)
    doc, line = _citing(instrument_id, inst.in_force - timedelta(days=1))
    assert _at(run(doc), "DC-CIT-002", line), "the day before it comes into force"
    doc, line = _citing(instrument_id, inst.in_force)
    assert not _at(run(doc), "DC-CIT-002", line), "the day it comes into force"
    assert not _at(run(doc), "DC-CIT-001", line)


@pytest.mark.parametrize("instrument_id", [i.id for i in RULES.legal_sources.instruments if i.ceased])
def test_ceasing_boundary(instrument_id):
    inst = RULES.legal_sources.get(instrument_id)
    doc, line = _citing(instrument_id, inst.ceased - timedelta(days=1))
    assert not _at(run(doc), "DC-CIT-001", line), "the last day in force"
    doc, line = _citing(instrument_id, inst.ceased)
    findings = [f for f in run(doc) if f.rule == "DC-CIT-001" and f.line == line]
    assert findings, "the day it ceases"
    if inst.replaced_by:
        assert RULES.legal_sources.get(inst.replaced_by).label in findings[0].message


def test_local_government_law_of_2015_in_a_resolution_of_november_2025():
    doc = redate(resolution(), "2025-11-20")
    findings = [f for f in run(doc) if f.rule == "DC-CIT-001"]
    assert len(findings) == 1 and findings[0].line == 5 and findings[0].node_id == "p-3"
    assert "72/2025/QH15" in findings[0].message  # replaced twice: 65/2025 then 72/2025; the message names the next one
    assert "65/2025/QH15" in findings[0].message


def test_core_basis_message_names_the_law_in_force():
    doc = _with(redate(resolution(), "2025-11-20"), lambda d: d.legal_bases.pop(0))
    [finding] = [f for f in run(doc) if f.rule == "DC-CIT-004"]
    assert "72/2025/QH15" in finding.message and finding.severity == "error"


def test_core_basis_missing_is_a_warning_in_a_submission():
    doc = _with(submission(), lambda d: d.legal_bases.pop(1))
    [finding] = [f for f in run(doc) if f.rule == "DC-CIT-004"]
    assert finding.severity == "warning" and "Thực hiện dân chủ" in finding.message


def test_number_and_date_disagree_names_both():
    doc = _with(resolution(), lambda d: setattr(d.legal_bases[2], "date", "2023-09-14"))
    [finding] = [f for f in run(doc) if f.rule == "DC-CIT-003"]
    assert "14/09/2023" in finding.message and "14/08/2023" in finding.message
    assert finding.node_id == "p-5" and finding.line == 7


def test_year_only_citation_resolves_by_the_law_in_force():
    # "Luật Tổ chức chính quyền địa phương năm 2025" could be 65/2025 or 72/2025: the date decides.
    doc = redate(resolution(), "2025-11-20")
    doc.legal_bases[0] = cite("Luật Tổ chức chính quyền địa phương năm 2025", 5, type="Luật", year=2025)
    assert not {"DC-CIT-001", "DC-CIT-004", "DC-CIT-005"} & rules_of(run(doc))


def test_name_and_date_from_the_text_when_the_parser_gave_none():
    doc = redate(resolution(), "2025-11-20")
    doc.legal_bases[0] = cite("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", 5)
    assert "DC-CIT-001" in rules_of(run(doc))


def test_amending_law_of_2019_is_not_the_2015_law():
    doc = resolution()
    doc.legal_bases.append(cite(
        "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019",
        5, type="Luật", day="2019-11-22"))
    assert run(doc) == []
    doc = redate(doc, "2025-03-01")
    assert [f.message for f in run(doc) if f.rule == "DC-CIT-001" and "47/2019" in f.message]


# ---------------------------------------------------------------------------
