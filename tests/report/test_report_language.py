"""The Vietnamese reports of every seed read as Vietnamese: no English interface words, no internal
ids, paths or module names, no ISO dates — in the HTML page, the terminal text and the workbook."""

from __future__ import annotations

import re

import pytest

from dancoso_compare.api import Auditor, audit_report
from dancoso_compare.report.diff import diff_documents
from dancoso_compare.report.family import comparisons_by_child
from dancoso_compare.report.outline import document_table
from dancoso_compare.report import build_workbook, diff_text, family_text, render_html, render_plain, summary_table
from dancoso_compare.report.results import documents_from_parse

from tests.conftest import SEEDS
from tests.language_scan import VisibleText, problems


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    seeds = sorted(SEEDS.glob("*.txt"))
    assert len(seeds) == 5
    # files that cannot be read: their errors must be listed in Vietnamese too
    bad = tmp_path_factory.mktemp("bad")
    (bad / "rong.txt").write_bytes(b"")
    (bad / "cu.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64)
    report, parsed = audit_report([*seeds, bad / "rong.txt", bad / "cu.doc"])
    assert len(report.errors) == 2
    documents = documents_from_parse(parsed)
    # every commune or district document compared with a province's adopted resolution of the batch
    provinces = [d for d in report.documents if d.locality and d.locality.level == "tinh" and not d.draft]
    assert provinces, "the seeds hold a provincial resolution"
    pairs = [(provinces[0], d) for d in report.documents if d.locality and d.locality.level != "tinh"]
    parents = comparisons_by_child(pairs)
    # allowed: the user's own file names and the rule pack's id, which the report names on purpose
    allowed = tuple(str(s) for s in seeds) + tuple(e.source for e in report.errors) + (report.rules.id,)
    return report, parsed, documents, parents, allowed


def _assert_vietnamese(text: str, allowed: tuple[str, ...]) -> None:
    found = problems(text, allowed)
    assert not found, "\n".join(found[:20])


def test_html_page_is_vietnamese(batch, monkeypatch):
    report, _, documents, parents, allowed = batch
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764763200")
    page = VisibleText(render_html(report, documents=documents, parents=parents)).text
    _assert_vietnamese(page, allowed)
    assert "Lập lúc: 03/12/2025 19:00 (giờ Việt Nam)" in page
    assert f"phiên bản {report.rules.version}" in page and "trở lên thì khoản được xếp vào biện pháp" in page
    assert re.search(r"\b\d{2}/\d{2}/\d{4}\b", page)  # dates shown, as dd/mm/yyyy
    assert "So sánh với văn bản cấp trên" in page
    assert "Tệp không đọc được" in page and "tệp rỗng, không có chữ" in page


def test_terminal_text_is_vietnamese(batch):
    report, parsed, _, parents, allowed = batch
    parts = [render_plain(summary_table(report), 200)]
    parts += [render_plain(document_table(d, "vi", report.rules), 200) for d in report.documents]
    parts += [family_text(cmp, "vi", report.rules) for cmp in parents.values()]
    auditor = Auditor.from_path(lint=False)
    for file in parsed.files:
        if len(file.documents) > 1:  # a Tờ trình and its draft: the diff between them
            audits = auditor.audit_file(file)
            parts.append(diff_text(diff_documents(file.documents[0], audits[0], file.documents[1], audits[1]),
                                   rules=report.rules))
    assert len(parts) > len(report.documents) + 1
    _assert_vietnamese("\n".join(parts), allowed)


def test_workbook_is_vietnamese(batch):
    report, _, _, _, allowed = batch
    workbook = build_workbook(report)
    cells = [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    _assert_vietnamese("\n".join(c for c in cells if isinstance(c, str)), allowed + tuple(workbook.sheetnames))


@pytest.mark.parametrize("bad", [
    "Mức độ: warning", "Loại: nghi_quyet", "Vị trí: khoan-6", "dieu-1.khoan-2.diem-a", "p-1", "gach-3",
    "rules/legal_sources.yaml", "underthesea.address", "ngày 2025-11-12", "M1.training",
    "the PDF has no text layer", "Internal error: please report it",
])
def test_control_the_scan_catches_what_it_looks_for(bad):
    assert problems(f"Văn bản {bad} ở đây")


def test_control_the_scan_passes_plain_vietnamese():
    assert not problems("Điều 1 khoản 2 điểm a, dòng 14 · Nghị quyết 15/NQ-HĐND ngày 12/11/2025 · độ khớp 0,92 · M1")


def test_findings_carry_their_place_in_the_tree(batch):
    report, _, documents, _, _ = batch
    checked = 0
    for audit in report.documents:
        document = documents[f"{audit.source}#{audit.index}"]
        nodes = {n.id: n for n in document.walk()}
        articles = {n.id: n for n in document.articles()}
        for finding in audit.findings:
            node = nodes.get(finding.node_id or "")
            if node is None or node.kind not in ("article", "clause", "point"):
                continue
            checked += 1
            if node.kind == "point":
                assert finding.point == node.label
            if node.kind == "clause":
                assert finding.clause == node.number and finding.point is None
            article = next((a for a in articles.values() if node in list(a.walk())), None)
            assert finding.article == (article.number if article else None)
    assert checked, "the seeds have findings on numbered units"
