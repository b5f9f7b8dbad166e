"""Scanned PDFs are read by Tesseract OCR: same M1-M5 decisions as the text, with provenance and confidence."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pypdfium2
import pytest

from dancoso_compare.api import Auditor, read
from dancoso_compare.errors import ToolMissingError
from dancoso_compare.ingest import ocr
from dancoso_compare.models import AuditReport, OcrInfo, OcrPage, RulesRef, SourceText
from dancoso_compare.parse import parse_source, parse_text
from dancoso_compare.ingest.read import read_source
from dancoso_compare.report import render_html
from dancoso_compare.report.outline import document_table
from dancoso_compare.report.text import render_plain

from tests import builders
from tests.conftest import REPO, SEEDS

# The shortest seed (a Nghị quyết of four printed pages): the scan is OCR'd once for the module.
SEED = SEEDS / "003_807f00099292550a.txt"


@pytest.fixture(scope="module")
def auditor():
    return Auditor.from_path()


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    text = SEED.read_text(encoding="utf-8")
    path = builders.to_image_only_pdf(text, tmp_path_factory.mktemp("scan") / "nghi-quyet-scan.pdf")
    return text, path, read_source(path)


def _decisions(audits):
    return [(a.kind, {m: c.status for m, c in a.coverage.items()},
             {m: sorted(e for e, found in c.elements.items() if found) for m, c in a.coverage.items()}) for a in audits]


def test_the_scan_has_no_text_layer(scan):
    import pypdf

    _, path, _ = scan
    assert all(not (page.extract_text() or "").strip() for page in pypdf.PdfReader(path).pages)


def test_scanned_seed_gives_the_same_decisions_as_its_text(scan, auditor):
    text, _, source = scan
    expected = _decisions(auditor.audit_file(parse_text(text, "seed.txt")))
    got = _decisions(auditor.audit_file(parse_source(source)))
    assert got == expected
    assert all(status == "present" for _, statuses, _ in got for status in statuses.values())


def test_ocr_provenance_and_confidence_are_in_the_json(scan, auditor):
    _, path, source = scan
    pages = len(pypdfium2.PdfDocument(str(path)))
    assert source.format == "pdf"
    assert source.ocr.engine.startswith("tesseract ") and source.ocr.engine.endswith("(vie)")
    assert [page.page for page in source.ocr.pages] == list(range(1, pages + 1))
    assert all(page.confidence > 80 and page.words > 0 for page in source.ocr.pages)
    assert source.ocr.mean_confidence > 80 and source.ocr.low_confidence_pages == []
    parsed = parse_source(source)
    data = json.loads(parsed.model_dump_json())
    assert data["ocr"]["pages"][0]["page"] == 1 and "mean_confidence" in data["ocr"]
    (doc,) = data["documents"]
    assert doc["ocr"]["engine"] == source.ocr.engine
    audit = json.loads(AuditReport(rules=RulesRef(id="x", version="1"), documents=auditor.audit_file(parsed)).model_dump_json())
    assert audit["documents"][0]["ocr"]["mean_confidence"] == source.ocr.mean_confidence


def test_spans_point_into_the_ocr_text(scan):
    _, _, source = scan
    for page in source.ocr.pages:
        start, end = page.span
        assert source.text[start:end].strip()
    parsed = parse_source(source)
    for doc in parsed.documents:
        for node in doc.walk():
            assert source.text[node.span[0]:node.span[1]] == node.text


def test_report_says_the_document_was_scanned(scan, auditor):
    _, _, source = scan
    (audit,) = auditor.audit_file(parse_source(source))
    assert "văn bản quét, đã nhận dạng ký tự" in render_plain(document_table(audit, "vi"))
    report = AuditReport(rules=RulesRef(id="dieu8", version="1"), documents=[audit])
    assert "văn bản quét, đã nhận dạng ký tự" in render_html(report, lang="vi")


def test_mixed_pdf_ocrs_only_the_page_without_text(tmp_path):
    import pypdf

    typed = builders.to_pdf("NGHỊ QUYẾT\nĐiều 1. Phạm vi điều chỉnh", tmp_path / "typed.pdf")
    scanned = builders.to_image_only_pdf("Điều 2. Hiệu lực thi hành\nNghị quyết này có hiệu lực từ ngày ký.",
                                         tmp_path / "scanned.pdf")
    writer = pypdf.PdfWriter()
    for part in (typed, scanned):
        writer.append(str(part))
    with open(tmp_path / "mixed.pdf", "wb") as handle:
        writer.write(handle)
    source = read_source(tmp_path / "mixed.pdf")
    assert [page.page for page in source.ocr.pages] == [2]
    (page,) = source.ocr.pages
    assert source.text.startswith("NGHỊ QUYẾT\nĐiều 1. Phạm vi điều chỉnh")
    assert source.text[page.span[0]:page.span[1]] == "Điều 2. Hiệu lực thi hành\nNghị quyết này có hiệu lực từ ngày ký."
    assert [n.label for n in parse_source(source).documents[0].walk() if n.kind == "article"] == ["Điều 1", "Điều 2"]


def test_page_with_only_a_drawing_is_not_called_a_scan(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(builders._unicode_font_path()))
    pdf.set_font("DejaVu", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "Điều 1. Phạm vi điều chỉnh")
    pdf.add_page()
    pdf.rect(20, 20, 100, 100, style="F")
    pdf.output(str(tmp_path / "drawing.pdf"))
    source = read_source(tmp_path / "drawing.pdf")
    assert source.ocr is None and "OCR found no text" in source.warnings[0]


# --- low confidence: the pages are listed as a finding, not dropped ---------


def _ocr_source(confidences: list[float]) -> SourceText:
    text = SEED.read_text(encoding="utf-8")
    cut = len(text) // len(confidences)
    pages = [OcrPage(page=n + 1, confidence=c, words=100, span=(n * cut, (n + 1) * cut)) for n, c in enumerate(confidences)]
    low = [p.page for p in pages if p.confidence < ocr.LOW_CONFIDENCE]
    info = OcrInfo(engine="tesseract 5 (vie)", pages=pages, mean_confidence=sum(confidences) / len(confidences),
                   low_confidence_pages=low, low_confidence_threshold=ocr.LOW_CONFIDENCE)
    return SourceText(path="scan.pdf", text=text, format="pdf", ocr=info)


def test_low_confidence_pages_are_a_finding(auditor):
    parsed = parse_source(_ocr_source([92.0, 41.5, 88.0, 55.0]))
    (audit,) = auditor.audit_file(parsed)
    (finding,) = [f for f in audit.findings if f.rule == "DC-INPUT-OCR-LOWCONF"]
    assert finding.severity == "warning"
    assert "trang 2, 4" in finding.message and "41.5" in finding.message and "page(s) 2, 4" in finding.message_en
    assert audit.ocr.low_confidence_pages == [2, 4]
    # The doubtful pages' text is still audited.
    assert audit.coverage and parsed.text == SEED.read_text(encoding="utf-8")


def test_a_real_poor_scan_is_kept_and_flagged(tmp_path, auditor):
    """A page scanned at 40 dpi: Tesseract reads it with low confidence; its text stays, the finding names the page."""
    lines = SEED.read_text(encoding="utf-8").splitlines()[30:45]
    source = read_source(builders.to_image_only_pdf("\n".join(lines), tmp_path / "mo.pdf", dpi=40))
    (page,) = source.ocr.pages
    assert page.words > 50 and page.confidence < ocr.LOW_CONFIDENCE
    assert source.ocr.low_confidence_pages == [1] and source.text.strip()
    audits = auditor.audit_file(parse_source(source))
    findings = [f for audit in audits for f in audit.findings if f.rule == "DC-INPUT-OCR-LOWCONF"]
    assert findings and all("trang 1 " in f.message for f in findings)


def test_confident_scan_has_no_low_confidence_finding(auditor):
    (audit,) = auditor.audit_file(parse_source(_ocr_source([95.0, 93.0])))
    assert not [f for f in audit.findings if f.rule == "DC-INPUT-OCR-LOWCONF"]


def test_low_confidence_rule_is_listed():
    from dancoso_compare.checks import checks_table

    assert "DC-INPUT-OCR-LOWCONF" in render_plain(checks_table(), width=200)


# --- clean-up -----------------------------------------------------------------


@pytest.mark.parametrize("skew", [0.0, 2.0, -3.0])
def test_deskew_finds_the_angle_of_a_skewed_page(tmp_path, skew):
    lines = SEED.read_text(encoding="utf-8").splitlines()[:40]
    path = builders.to_image_only_pdf("\n".join(lines), tmp_path / "skew.pdf", dpi=100, skew=skew)
    image = pypdfium2.PdfDocument(str(path))[0].render(scale=100 / 72, grayscale=True).to_pil()
    assert ocr.deskew_angle(image) == pytest.approx(-skew, abs=0.5)


# --- missing engine ----------------------------------------------------------


def test_missing_tesseract_names_the_file_and_the_package(tmp_path, monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(tmp_path / "no-tesseract"))
    path = builders.to_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ToolMissingError) as caught:
        read(path)
    message = str(caught.value)
    assert str(path) in message and "apt-get install tesseract-ocr tesseract-ocr-vie" in message


def test_missing_python_ocr_package_says_which_extra(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pytesseract", None)  # import fails as if not installed
    path = builders.to_scanned_pdf(tmp_path / "scan.pdf")
    with pytest.raises(ToolMissingError) as caught:
        read(path)
    assert 'pip install "dancoso_compare[ocr]"' in str(caught.value) and str(path) in str(caught.value)


def test_cli_without_tesseract_exits_2_with_the_install_line(tmp_path):
    path = builders.to_scanned_pdf(tmp_path / "scan.pdf")
    env = {**os.environ, "PATH": str(tmp_path)}  # no tesseract on this PATH
    result = subprocess.run([sys.executable, "-m", "dancoso_compare.cli", "parse", str(path)], capture_output=True,
                            text=True, cwd=REPO, env=env, timeout=300)
    assert result.returncode == 2
    assert "scan.pdf" in result.stderr and "apt-get install tesseract-ocr tesseract-ocr-vie" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["errors"][0]["code"] == "tool_missing"
