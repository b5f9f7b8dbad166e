"""Reports take every measure label from the rule pack: a pack with three other measures is reported
without a trace of M1–M5 or Điều 8, in HTML, text, xlsx, SARIF and GitHub annotations."""

from __future__ import annotations

import json
import re

import pytest

from dancoso_compare.api import Auditor, parse_paths
from dancoso_compare.report.outline import document_table
from dancoso_compare.report import build_workbook, render_html, render_plain, summary_table, to_github, to_sarif
from dancoso_compare.report.grouping import measure_ids

from tests.language_scan import VisibleText

PACK = """\
id: thi-diem-giam-sat
version: "0.3.0"
title: "Các biện pháp giám sát cộng đồng (Điều 5 Luật Thí điểm số 99/2024/QH15)"
title_en: "Community supervision measures (Article 5, Pilot Law 99/2024/QH15)"
law: {instrument: "Luật Thí điểm số 99/2024/QH15", article: "Điều 5"}
scoring: {assign: 0.7}
measures:
  - id: TT
    clause: 1
    name: "Tuyên truyền về giám sát cộng đồng"
    short: "Tuyên truyền"
    citation: "Điều 5 khoản 1 Luật Thí điểm số 99/2024/QH15"
    law_text: "Tăng cường tuyên truyền về giám sát cộng đồng."
    headings: ["Tăng cường tuyên truyền về giám sát cộng đồng"]
    elements:
      - {id: TT.noi_dung, name: "tuyên truyền nội dung giám sát", strong: ["tuyên truyền"]}
  - id: GS
    clause: 2
    name: "Tổ chức giám sát định kỳ"
    short: "Giám sát"
    citation: "Điều 5 khoản 2 Luật Thí điểm số 99/2024/QH15"
    law_text: "Tổ chức giám sát định kỳ của cộng đồng dân cư."
    headings: ["Tổ chức giám sát định kỳ"]
    elements:
      - {id: GS.dinh_ky, name: "giám sát định kỳ", strong: ["giám sát định kỳ"]}
      - {id: GS.bao_cao, name: "báo cáo kết quả giám sát", strong: ["báo cáo kết quả giám sát"]}
  - id: KT
    clause: 3
    name: "Kiểm tra việc khắc phục sau giám sát"
    short: "Kiểm tra"
    citation: "Điều 5 khoản 3 Luật Thí điểm số 99/2024/QH15"
    law_text: "Kiểm tra việc khắc phục những tồn tại sau giám sát."
    headings: ["Kiểm tra việc khắc phục sau giám sát"]
    elements:
      - {id: KT.khac_phuc, name: "kiểm tra việc khắc phục", strong: ["kiểm tra việc khắc phục"]}
"""

RESOLUTION = """\
HỘI ĐỒNG NHÂN DÂN
XÃ AN BÌNH
Số: 12/NQ-HĐND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
An Bình, ngày 05 tháng 3 năm 2025

NGHỊ QUYẾT
Về các biện pháp giám sát cộng đồng trên địa bàn xã An Bình

HỘI ĐỒNG NHÂN DÂN XÃ AN BÌNH
KHÓA I, KỲ HỌP THỨ BA

Căn cứ Luật Thí điểm số 99/2024/QH15;

QUYẾT NGHỊ:

Điều 1. Quyết định các biện pháp giám sát cộng đồng
1. Tăng cường tuyên truyền về giám sát cộng đồng
a) Tuyên truyền nội dung giám sát đến từng thôn.
2. Tổ chức giám sát định kỳ
a) Mỗi quý tổ chức giám sát định kỳ một lần.
3. Chế độ khen thưởng tập thể
Điều 2. Tổ chức thực hiện
Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này.

Nghị quyết này được Hội đồng nhân dân xã An Bình khóa I, kỳ họp thứ ba thông qua ngày 05 tháng 3 năm 2025.

CHỦ TỊCH
Nguyễn Văn An
"""

DEFAULT_PACK = re.compile(r"\bM[1-5]\b|Điều 8\b|Article 8\b|Article 8\(")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pack")
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    (folder / "xa-an-binh.txt").write_text(RESOLUTION, encoding="utf-8")
    report = Auditor.from_path(folder / "pack.yaml").report(parse_paths([folder / "xa-an-binh.txt"]))
    (doc,) = report.documents
    assert {m: c.status for m, c in doc.coverage.items()} == {"TT": "present", "GS": "partial", "KT": "missing"}
    return report


def outputs(report) -> dict[str, str]:
    text = render_plain(summary_table(report), 200) + "\n".join(
        render_plain(document_table(d, "vi", report.rules), 200) for d in report.documents)
    workbook = build_workbook(report)
    cells = "\n".join(str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row
                      if c.value is not None)
    return {
        "html": VisibleText(render_html(report)).text,
        "html_en": VisibleText(render_html(report, lang="en")).text,
        "text": text,
        "xlsx": cells,
        "sarif": json.dumps(to_sarif(report), ensure_ascii=False),
        "github": to_github(report),
    }


def test_the_pack_travels_with_the_audit(report):
    rules = report.rules
    assert [m.id for m in rules.measures] == ["TT", "GS", "KT"] and rules.article == "Điều 5" and rules.assign == 0.7
    assert measure_ids(report.documents, rules) == ["TT", "GS", "KT"]


@pytest.mark.parametrize("name", ["html", "html_en", "text", "xlsx", "sarif", "github"])
def test_no_report_mentions_the_default_pack(report, name):
    output = outputs(report)[name]
    assert not DEFAULT_PACK.findall(output), DEFAULT_PACK.findall(output)
    # ... and each names the pack's own measures
    shown = ("GS", "KT") if name == "github" else ("TT", "GS", "KT")  # annotations are for the gaps only
    assert all(re.search(rf"\b{m}\b", output) for m in shown), name


def test_names_citations_and_count_come_from_the_pack(report):
    out = outputs(report)
    html = out["html"]
    assert "Biện pháp (Điều 5)" in html and "Nội dung ngoài các biện pháp (Điều 5)" in html
    assert "Kiểm tra việc khắc phục sau giám sát" in html and "Điều 5 khoản 3 Luật Thí điểm số 99/2024/QH15" in html
    assert "báo cáo kết quả giám sát" in html  # the missing element, by its name
    assert "từ 0,7 trở lên thì khoản được xếp vào biện pháp" in html  # the pack's own threshold
    assert "Tổ chức giám sát định kỳ (Điều 5 khoản 2 Luật Thí điểm số 99/2024/QH15)" in out["xlsx"]
    assert "thi-diem-giam-sat" in out["xlsx"]
    sarif_rules = {r["id"]: r for r in to_sarif(report)["runs"][0]["tool"]["driver"]["rules"]}
    assert sarif_rules["DC-MEASURE-KT"]["properties"]["legalSource"] == "Điều 5 khoản 3 Luật Thí điểm số 99/2024/QH15"
    assert "Thiếu biện pháp KT (Kiểm tra việc khắc phục sau giám sát)" in out["github"]


def test_the_check_catalogue_sources_measure_findings_to_the_pack(tmp_path):
    from dancoso_compare.checks import checks_table
    from dancoso_compare.measures.rulepack import load_pack

    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    listed = render_plain(checks_table(load_pack(tmp_path / "pack.yaml")), 400)
    rows = [line for line in listed.splitlines() if "DC-MEAS" in line]
    assert rows and all("Điều 5" in row and "Điều 8" not in row for row in rows), rows
