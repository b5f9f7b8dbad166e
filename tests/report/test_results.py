"""AuditResult: frames, matrix, evidence, notebook HTML, heatmap."""

from __future__ import annotations

import math
import warnings

import matplotlib
import pandas as pd
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from dancoso_compare.models import Locality  # noqa: E402
from dancoso_compare.report.results import FRAME_COLUMNS, AuditResult  # noqa: E402

from tests.report_factory import Page, report_with, sample_documents, sample_report  # noqa: E402


@pytest.fixture(scope="module")
def result():
    return AuditResult(sample_report())


def test_report_and_documents(result):
    assert result.report.rules.id == "luat-10-2022-qh15-dieu-8"
    assert result.documents == result.report.documents and len(result) == 8
    assert "8 documents" in repr(result)


def test_to_frame_long(result):
    frame = result.to_frame()
    assert list(frame.columns) == FRAME_COLUMNS
    assert len(frame) == 8 * 5
    assert list(frame["measure"].unique()) == ["M1", "M2", "M3", "M4", "M5"]
    row = frame[(frame["source"] == "batch/muong_kim_nq_15.docx") & (frame["measure"] == "M2")].iloc[0]
    assert row["status"] == "partial" and row["evidence_count"] == 1 and row["best_score"] == pytest.approx(0.64)
    assert row["locality"] == "Mường Kim" and row["unit"] == "xã" and row["level"] == "xa" and row["year"] == 2025
    assert row["n_extras"] == 1 and row["n_findings"] == 3
    missing = frame[(frame["source"] == "batch/muong_kim_nq_15.docx") & (frame["measure"] == "M4")].iloc[0]
    assert missing["status"] == "missing" and missing["evidence_count"] == 0 and math.isnan(missing["best_score"])
    draft = frame[(frame["source"] == "seeds/000_muong_kim.txt") & (frame["index"] == 1)].iloc[0]
    assert draft["year"] == 2025  # from the adoption date when the date line is blank
    assert str(frame["year"].dtype) == "Int64"
    unknown = frame[frame["source"] == "batch/khong_ro.md"].iloc[0]
    assert pd.isna(unknown["locality"]) and pd.isna(unknown["level"])


def test_matrix_wide(result):
    matrix = result.matrix()
    assert list(matrix.columns) == ["M1", "M2", "M3", "M4", "M5"]
    assert matrix.index.is_unique and len(matrix) == 8
    assert matrix.loc["xã Mường Kim — Nghị quyết 15/NQ-HĐND"].tolist() == ["present", "partial", "present", "missing", "present"]


def test_labels_made_unique():
    docs = sample_documents()
    twin = docs[4].model_copy(update={"source": "batch/ca_mau_du_thao_v2.docx"})
    labels = AuditResult(report_with(docs[4], twin)).labels()
    assert labels == ["tỉnh Cà Mau — Nghị quyết (dự thảo) [ca_mau_du_thao.docx#0]",
                      "tỉnh Cà Mau — Nghị quyết (dự thảo) [ca_mau_du_thao_v2.docx#0]"]


def test_evidence_lookup(result):
    by_position = result.evidence(2, "M2")
    by_key = result.evidence("batch/muong_kim_nq_15.docx#0", "M2")
    by_source = result.evidence("batch/muong_kim_nq_15.docx", "M2")
    assert by_position.equals(by_key) and by_key.equals(by_source)
    assert by_key.iloc[0]["location"] == "Điều 4 khoản 2" and by_key.iloc[0]["line"] == 52
    everything = result.evidence(2)
    assert everything["measure"].tolist() == ["M1", "M2", "M3", "M3", "M5"]  # M4 missing: no evidence
    m3 = everything[everything["measure"] == "M3"]
    assert m3["score"].tolist() == sorted(m3["score"], reverse=True)  # best evidence first
    with pytest.raises(KeyError):
        result.evidence("nope.txt", "M1")
    with pytest.raises(KeyError):
        result.evidence(2, "M9")


def test_findings_frame(result):
    findings = result.findings()
    assert len(findings) == sum(len(d.findings) for d in result.documents)
    assert "Điều 4 có hai khoản cùng số 3." in set(findings["message"])
    en = AuditResult(sample_report(), lang="en").findings()
    assert "Article 4 has two clauses numbered 3." in set(en["message"])


def test_repr_html_is_escaped_matrix():
    docs = sample_documents()
    evil = docs[6].model_copy(update={"locality": Locality(name="<script>alert(1)</script>", unit="xã", level="xa")})
    html = AuditResult(report_with(evil, docs[2]))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = Page(html)
    assert len(page.find("tr")) == 3  # header + 2 documents
    assert "◐" in page.text and "✘" in page.text


def test_plot_heatmap_values(result):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # e.g. a missing glyph for ✔ ◐ ✘ would warn
        ax = result.plot()
        ax.figure.canvas.draw()
    image = ax.get_images()[0].get_array()
    assert image.shape == (8, 5)
    row = result.labels().index("xã Mường Kim — Nghị quyết 15/NQ-HĐND")
    assert image[row].tolist() == [2, 1, 2, 0, 2]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["M1", "M2", "M3", "M4", "M5"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["✔ Đầy đủ", "◐ Một phần", "✘ Thiếu"]
    plt.close(ax.figure)


def test_plot_on_given_axes():
    fig, ax = plt.subplots()
    assert AuditResult(sample_report(), lang="en").plot(ax=ax) is ax
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["✔ Present", "◐ Partial", "✘ Missing"]
    plt.close(fig)


def test_write_and_exit_code(tmp_path, result):
    paths = result.write(tmp_path / "out")
    assert paths["html"].is_file() and paths["xlsx"].is_file()
    assert result.exit_code() == 1
    assert AuditResult(sample_report(errors=True)).exit_code() == 2
    assert result.to_json() == result.report.model_dump_json(indent=2)


def test_parsed_documents_keyed_like_the_report():
    from tests.report_factory import outline_document

    docs = sample_documents()[:2]
    parsed = [outline_document("Điều 1. A\n"), outline_document("Điều 1. B\n")]
    result = AuditResult(report_with(*docs), parsed)
    assert result.parsed_document(1).body[0].title == "B"
    assert result.parsed_document("seeds/000_muong_kim.txt#0").body[0].title == "A"
