"""The HTML report: structure, grouping, escaping, self-containment, languages."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from dancoso_compare.report.family import compare_with_parent
from dancoso_compare.models import Locality
from dancoso_compare.report import doc_key, group_by_locality, render_html

from tests.report_factory import SCRIPT, Page, outline_document, report_with, sample_documents, sample_report


@pytest.fixture(scope="module")
def report():
    return sample_report(errors=True)


@pytest.fixture(scope="module")
def page(report):
    return Page(render_html(report))


def test_one_matrix_row_per_document(report, page):
    rows = page.find("tr", data_doc="*")
    assert len(rows) == len(report.documents) == 8
    assert sorted(r["data-doc"] for r in rows) == sorted(doc_key(d) for d in report.documents)


def test_rows_grouped_by_level_then_locality(page):
    keys = [r["data-doc"] for r in page.find("tr", data_doc="*")]
    assert keys == [
        "batch/ca_mau_du_thao.docx#0",      # tỉnh Cà Mau (draft only)
        "batch/son_la_nq_08.pdf#0",         # tỉnh Sơn La
        "batch/thang_binh_to_trinh.txt#0",  # huyện Thăng Bình (Tờ trình only)
        "batch/viet_tri_nq_21.txt#0",       # thành phố Việt Trì
        "batch/muong_kim_nq_15.docx#0",     # xã Mường Kim: the adopted NQ represents it ...
        "seeds/000_muong_kim.txt#0",        # ... its Tờ trình and draft stay beneath
        "seeds/000_muong_kim.txt#1",
        "batch/khong_ro.md#0",              # no locality: last, under "Không xác định"
    ]
    levels = [t["data-level"] for t in page.find("tbody", data_level="*")]
    assert levels == ["tinh", "huyen", "xa", ""]
    assert "Không xác định" in page.text


def test_locality_key_is_casefolded():
    groups = group_by_locality(sample_documents())
    muong_kim = [g for g in groups if g.key == ("mường kim", "xã", "xa")]
    assert len(muong_kim) == 1
    assert len(muong_kim[0].documents) == 3
    assert muong_kim[0].representative.number == "15/NQ-HĐND"
    assert muong_kim[0].role == "adopted"


def test_representative_and_stand_ins(page):
    rows = {r["data-doc"]: r for r in page.find("tr", data_doc="*")}
    assert rows["batch/muong_kim_nq_15.docx#0"]["class"] == "rep"
    assert rows["seeds/000_muong_kim.txt#0"]["class"] == "sub"
    assert rows["seeds/000_muong_kim.txt#1"]["class"] == "sub"
    html = render_html(sample_report())
    # The stand-in rows carry the marks "dự thảo" / "tờ trình".
    ca_mau = _row_html(html, "batch/ca_mau_du_thao.docx#0")
    assert 'class="tag stand-in"' in ca_mau and ">dự thảo<" in ca_mau
    thang_binh = _row_html(html, "batch/thang_binh_to_trinh.txt#0")
    assert 'class="tag stand-in"' in thang_binh and ">tờ trình<" in thang_binh
    assert "stand-in" not in _row_html(html, "batch/muong_kim_nq_15.docx#0")


def test_latest_adopted_resolution_represents_locality():
    docs = sample_documents()
    older = docs[2].model_copy(update={"number": "02/NQ-HĐND", "adopted": "2023-01-05", "date": "2023-01-05",
                                       "source": "batch/old.docx"})
    groups = group_by_locality([older, docs[2], docs[0]])
    assert groups[0].representative.number == "15/NQ-HĐND"
    assert [d.number for d in groups[0].others] == ["02/NQ-HĐND", "1911/TTr-UBND"]


def test_status_has_colour_class_and_symbol(page, report):
    html = render_html(report)
    row = _row_html(html, "batch/muong_kim_nq_15.docx#0")
    cells = re.findall(r'<td class="st st-(\w+)"[^>]*><span aria-hidden="true">(.)</span>', row)
    assert cells == [("present", "✔"), ("partial", "◐"), ("present", "✔"), ("missing", "✘"), ("present", "✔")]
    assert all(symbol in page.text for symbol in "✔◐✘")


def test_counts_of_extras_and_findings(report):
    html = render_html(report)
    row = _row_html(html, "batch/muong_kim_nq_15.docx#0")
    assert re.search(r'<td class="num">1</td>', row)  # one extra
    assert re.findall(r'class="sev sev-(\w+)"[^>]*>(\d+)<', row) == [("error", "1"), ("warning", "1"), ("info", "1")]


def test_anchor_links_reach_a_section_per_document(page, report):
    links = [a["href"] for a in page.find("a", href="*") if a["href"].startswith("#doc-")]
    sections = [s["id"] for s in page.find("section", id="*") if s["id"].startswith("doc-")]
    assert len(links) == len(report.documents) == len(sections)
    assert sorted(link[1:] for link in links) == sorted(sections)


def test_section_quotes_evidence_extras_and_findings(page):
    text = page.text
    # evidence quoted and located
    assert "“Bồi dưỡng nâng cao năng lực chuyên môn" in text
    assert "Điều 4 khoản 3 điểm d, dòng 76 · độ khớp 0,71" in text
    # an extra with its topic
    assert "kiểm tra, hướng dẫn, chế độ báo cáo định kỳ" in text
    # a finding: severity, rule, message, line, legal source
    assert "DC-NUM-003" in text and "Điều 4 có hai khoản cùng số 3." in text
    assert "Khoản 2 Điều 61 Luật Ban hành văn bản quy phạm pháp luật" in text
    assert "Lỗi" in text and "Cảnh báo" in text and "Thông tin" in text
    # input errors listed
    assert "batch/scan.pdf" in text and "tệp PDF là bản quét nhưng không nhận dạng được chữ" in text
    assert "scanned_pdf" not in text and "no text layer" not in text  # no internal code, no English


def test_document_text_is_escaped(report):
    html = render_html(report)
    assert SCRIPT not in html
    assert "&lt;script&gt;document.title=" in html
    assert "<img src=x" not in html
    assert "&lt;b&gt;thực hiện&lt;/b&gt; &amp; tổ chức" in html
    page = Page(html)
    assert len(page.scripts) == 1  # ours only
    assert "xss-marker" not in page.scripts[0]
    assert "&#34;Mường Kim&#34;" in html or "&quot;Mường Kim&quot;" in html


def test_self_contained_no_network(report):
    html = render_html(report)
    page = Page(html)
    assert not page.find("link")
    assert not page.find("img")
    assert not page.find("script", src="*")
    assert not re.search(r"(?:src|href)\s*=\s*[\"']?(?:https?:)?//", html)
    assert "@import" not in html and "url(" not in html
    assert "@font-face" not in html


def test_csp_whitelists_exactly_our_script(report):
    html = render_html(report)
    page = Page(html)
    csp = page.find("meta", http_equiv="Content-Security-Policy")[0]["content"]
    digest = base64.b64encode(hashlib.sha256(page.scripts[0].encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_deterministic_and_no_timestamp_unless_given(report):
    first, second = render_html(report), render_html(report)
    assert first == second
    assert not re.search(r"\d{2}:\d{2}:\d{2}", first)
    stamped = render_html(report, generated_at="2025-11-20 08:30")
    assert "2025-11-20 08:30" in stamped and "Lập lúc" in stamped


def test_vietnamese_by_default_english_on_request(report):
    vi = Page(render_html(report))
    en = Page(render_html(report, lang="en"))
    assert vi.find("html")[0]["lang"] == "vi" and en.find("html")[0]["lang"] == "en"
    assert "Ma trận biện pháp" in vi.text and "Measure matrix" not in vi.text
    assert "Measure matrix" in en.text and "Ma trận biện pháp" not in en.text
    # finding messages follow the language
    assert "Article 4 has two clauses numbered 3." in en.text
    assert "Điều 4 có hai khoản cùng số 3." not in en.text
    assert "Điều 4 có hai khoản cùng số 3." in vi.text
    assert "Article 4(3)(d)" in en.text


def test_unsupported_language_rejected(report):
    with pytest.raises(ValueError, match="unsupported language"):
        render_html(report, lang="fr")


def test_parent_comparison_in_section():
    docs = sample_documents()
    parent, child = docs[3], docs[2]  # tỉnh Sơn La -> xã Mường Kim (adopted)
    parent = parent.model_copy(update={"locality": Locality(name="Sơn La", unit="tỉnh", level="tinh")})
    html = render_html(report_with(parent, child), parents={doc_key(child): compare_with_parent(parent, child)})
    page = Page(html)
    assert "So sánh với văn bản cấp trên" in page.text
    assert "M4 (Biểu dương, khen thưởng; phát hiện và xử lý nghiêm vi phạm) — Thiếu" in page.text
    assert "M2: nâng cao nhận thức cộng đồng" in page.text
    assert "Văn bản cấp dưới (xã Mường Kim) không thuộc tỉnh Sơn La" in page.text  # xã Mường Kim is in Lai Châu
    with pytest.raises(ValueError, match="parents keys not in the report"):
        render_html(report_with(parent, child), parents={"nope.txt#0": compare_with_parent(parent, child)})


def test_document_outline_when_parsed_documents_given():
    docs = sample_documents()[:1]
    parsed = outline_document("Điều 1. Phạm vi điều chỉnh\n1. Nội dung\nĐiều 2. Nguyên tắc\n")
    page = Page(render_html(report_with(*docs), documents=[parsed]))
    assert "Cấu trúc văn bản" in page.text and "Điều 2. Nguyên tắc" in page.text
    with pytest.raises(ValueError, match="aligned"):
        render_html(report_with(*docs), documents=[parsed, parsed])


def test_empty_batch_renders():
    page = Page(render_html(report_with()))
    assert not page.find("tr", data_doc="*")
    assert "Ma trận biện pháp" in page.text


def _row_html(html: str, key: str) -> str:
    match = re.search(rf'<tr data-doc="{re.escape(key)}".*?</tr>', html, re.S)
    assert match, key
    return match.group(0)


def test_long_evidence_lists_fold_after_two_quotes():
    from dancoso_compare.models import Evidence

    doc = sample_documents()[6].model_copy(deep=True)
    doc.coverage["M2"].evidence = [
        Evidence(id=f"dieu-1.khoan-2.diem-{p}", article=1, clause=2, point=p, text=f"trích dẫn {p}", score=s, line=10 + n,
                 matched=["tuyên truyền", "tuyên truyền", "phổ biến"])
        for n, (p, s) in enumerate([("a", 0.5), ("b", 2.0), ("c", 1.0), ("d", 0.7)])
    ]
    html = render_html(report_with(doc))
    shown, folded = html.split('<details class="more">')
    assert "“trích dẫn b”" in shown and "“trích dẫn c”" in shown  # best two first
    assert "“trích dẫn d”" in folded and "“trích dẫn a”" in folded and "Căn cứ khác: 2" in folded
    assert "cụm từ khớp: tuyên truyền, phổ biến" in html  # repeated hits listed once



def test_level_headings_count_localities_and_documents():
    vi = Page(render_html(sample_report())).text
    assert "Cấp xã · 1 địa phương, 3 văn bản" in vi
    en = Page(render_html(sample_report(), lang="en")).text
    assert "Commune level · 1 locality, 3 documents" in en and "Provincial level · 2 localities, 2 documents" in en


# -- dates, time, pack and drafts ------------------------------------------------


def _section(html: str, anchor: str) -> str:
    start = html.index(f'<section class="doc" id="{anchor}">')
    return html[start:html.index("</section>", start)]


def test_report_time_honours_source_date_epoch(report, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13:20 UTC = 05:13 on the 15th in Vietnam
    first = render_html(report)
    assert "Lập lúc: 15/11/2023 05:13 (giờ Việt Nam)" in Page(first).text
    assert render_html(report) == first  # byte-identical: the time is fixed
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert re.search(r"Lập lúc: \d{2}/\d{2}/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)", Page(render_html(report)).text)
    assert "Generated: 14/11/2023 08:00" in render_html(report, lang="en", generated_at="14/11/2023 08:00")


def test_pack_id_version_and_score_scale_are_shown(page, report):
    text = page.text
    assert f"mã {report.rules.id}, phiên bản {report.rules.version}" in text
    assert "Độ khớp: 1,0 nghĩa là việc chính của tiêu đề gọi đúng biện pháp" in text and "từ 0,8 trở lên thì khoản được xếp vào biện pháp" in text


def test_dates_are_day_month_year(page):
    text = page.text
    assert "14/07/2023" in text and "2023-07-14" not in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)


def test_a_draft_is_labelled_as_a_draft_never_with_an_adoption_date(report):
    html = render_html(report)
    draft = next(n for n, d in enumerate(report.documents, 1) if d.draft and d.adopted)
    section = Page(_section(html, f"doc-{draft}")).text
    assert "(dự thảo)" in section
    assert "Ngày thông qua chưa thông qua (dự thảo)" in section
    assert "12/11/2025" not in section  # the sitting date the draft announces is not shown as adopted
    row = next(r for r in re.findall(r"<tr data-doc=.*?</tr>", html, re.S) if "000_muong_kim.txt#1" in r)
    assert "12/11/2025" not in row


def test_finding_location_comes_from_its_fields_not_its_id(report):
    doc = report.documents[2].model_copy(deep=True)
    doc.findings[0].node_id = "dieu-9.khoan-9"  # an id saying something else: never read
    doc.findings[0].article, doc.findings[0].clause, doc.findings[0].point = 4, 3, "b"
    text = Page(_section(render_html(report_with(doc)), "doc-1")).text
    assert "(Điều 4 khoản 3 điểm b)" in text and "Điều 9" not in text and "dieu-9" not in text
