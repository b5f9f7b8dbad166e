"""Hand-built audit reports and documents for the reporting tests.

The reports imitate what the pipeline produces for a realistic batch: several
localities at the three levels, an adopted resolution and its draft and Tờ trình
in the same commune, missing and partial measures, extras, findings of every
severity, and Vietnamese text with quotes and an injected ``<script>``.
``outline_document`` is a deliberately tiny parser (Điều / khoản / điểm lines
only) so the diff tests do not depend on the real parser.
"""

from __future__ import annotations

import re
import unicodedata

from dancoso_compare.models import (
    AuditReport,
    Document,
    DocumentAudit,
    Evidence,
    Extra,
    Finding,
    InputErrorRecord,
    Locality,
    MeasureCoverage,
    Node,
    RulesRef,
)
from dancoso_compare.measures.rulepack import load_pack

PACK = load_pack()  # the shipped Điều 8 pack: reports name its measures and elements
RULES = RulesRef.of(PACK)
ELEMENTS = {m.id: [e.id for e in m.elements] for m in PACK.measures}

QUOTES = {
    "M1": "Bồi dưỡng nâng cao năng lực chuyên môn, nghiệp vụ cho người được giao nhiệm vụ tổ chức thực hiện pháp luật về thực hiện dân chủ ở cơ sở",
    "M2": "Tăng cường công tác thông tin, tuyên truyền, phổ biến, giáo dục pháp luật về thực hiện dân chủ ở cơ sở; nâng cao nhận thức cộng đồng",
    "M3": "Nâng cao trách nhiệm của các cơ quan, đơn vị, tổ chức, phát huy vai trò nêu gương của người đứng đầu; lấy mức độ thực hiện dân chủ ở cơ sở làm căn cứ đánh giá",
    "M4": "Kịp thời biểu dương, khen thưởng các gương điển hình; phát hiện và xử lý nghiêm cơ quan, đơn vị, tổ chức, cá nhân vi phạm",
    "M5": "Hỗ trợ, khuyến khích ứng dụng công nghệ thông tin, trang bị phương tiện kỹ thuật phù hợp với tiến trình xây dựng chính quyền điện tử, chính quyền số",
}

SCRIPT = "<script>document.title='XSS';document.body.insertAdjacentHTML('beforeend','<div id=\"xss-marker\"></div>')</script>"
IMG = '<img src=x onerror="document.body.setAttribute(\'data-xss\',\'1\')">'


def coverage(measure: str, status: str, *, article: int = 4, clause: int | None = None, line: int = 60,
             score: float = 0.92, text: str | None = None, missing: tuple[str, ...] = ()) -> MeasureCoverage:
    """One measure: every element true unless listed in ``missing`` (or the measure is missing)."""
    number = int(measure[1:])
    clause = number if clause is None else clause
    if status == "missing":
        return MeasureCoverage(status="missing", elements={e: False for e in ELEMENTS[measure]},
                               note="Không tìm thấy khoản nào tương ứng.")
    elements = {e: e not in missing for e in ELEMENTS[measure]}
    evidence = [
        Evidence(id=f"dieu-{article}.khoan-{clause}", article=article, clause=clause,
                 text=text or QUOTES[measure], score=score, line=line,
                 elements=[e for e, ok in elements.items() if ok], matched=["bồi dưỡng"] if measure == "M1" else [],
                 method="heading-cue"),
    ]
    if status == "present" and measure == "M3":
        # A second, weaker piece of evidence at point level.
        evidence.append(Evidence(id=f"dieu-{article}.khoan-{clause}.diem-d", article=article, clause=clause, point="d",
                                 text="Hằng năm, xem xét kết quả thực hiện dân chủ ở cơ sở để làm căn cứ đánh giá kết quả thực hiện nhiệm vụ.",
                                 score=0.71, line=line + 10, elements=["M3.evaluation"], method="body-cue"))
    return MeasureCoverage(status=status, elements=elements, evidence=evidence)


def full_coverage(base_line: int = 60, **overrides: MeasureCoverage) -> dict[str, MeasureCoverage]:
    result = {m: coverage(m, "present", line=base_line + 8 * i) for i, m in enumerate(ELEMENTS)}
    result.update(overrides)
    return result


def finding(rule: str, severity: str, message: str, message_en: str, line: int | None, legal: str | None = None,
            node_id: str | None = None) -> Finding:
    return Finding(rule=rule, severity=severity, message=message, message_en=message_en, line=line,
                   legal_source=legal, node_id=node_id)


def sample_documents() -> list[DocumentAudit]:
    muong_kim = Locality(name="Mường Kim", unit="xã", level="xa")
    docs = [
        # A commune: Tờ trình, then its draft resolution (one file), then the adopted one.
        DocumentAudit(
            source="seeds/000_muong_kim.txt", index=0, kind="to_trinh", draft=False, number="1911/TTr-UBND",
            date="2025-11-04", issuer="Ủy ban nhân dân xã Mường Kim",
            title="Đề nghị ban hành Nghị quyết quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn xã Mường Kim",
            locality=muong_kim, lines=(1, 176), coverage=full_coverage(90),
            extras=[Extra(id="dieu-4.khoan-6", article=4, clause=6, text="Công tác kiểm tra, hướng dẫn, chế độ báo cáo kết quả thực hiện dân chủ ở cơ sở định kỳ",
                          topic="kiểm tra, hướng dẫn, chế độ báo cáo định kỳ", topic_id="bao_cao", line=150)],
        ),
        DocumentAudit(
            source="seeds/000_muong_kim.txt", index=1, kind="nghi_quyet", draft=True, number=None, date=None,
            adopted="2025-11-12", issuer="Hội đồng nhân dân xã Mường Kim",
            title="Quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn xã Mường Kim",
            locality=Locality(name="mường kim", unit="Xã", level="xa"), lines=(177, 316), coverage=full_coverage(235),
            extras=[Extra(id="dieu-4.khoan-6", article=4, clause=6, text="Công tác kiểm tra, hướng dẫn, chế độ báo cáo kết quả thực hiện dân chủ ở cơ sở định kỳ",
                          topic="kiểm tra, hướng dẫn, chế độ báo cáo định kỳ", topic_id="bao_cao", line=279)],
            findings=[
                finding("DC-META-001", "warning", "Số văn bản để trống (Số: /NQ-HĐND): văn bản là dự thảo.",
                        "Document number left blank (Số: /NQ-HĐND): the document is a draft.", 177,
                        "Khoản 1 Điều 59 Nghị định 30/2020/NĐ-CP"),
                finding("DC-CITE-002", "info", "Báo cáo thẩm tra được viện dẫn với số và ngày để trống.",
                        "The verification report is cited with a blank number and date.", 197),
            ],
        ),
        DocumentAudit(
            source="batch/muong_kim_nq_15.docx", index=0, kind="nghi_quyet", draft=False, number="15/NQ-HĐND",
            date="2025-11-12", adopted="2025-11-12", issuer="Hội đồng nhân dân xã Mường Kim",
            title="Quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn xã \"Mường Kim\" " + SCRIPT,
            locality=muong_kim, lines=(1, 120),
            coverage=full_coverage(
                40,
                M2=coverage("M2", "partial", line=52, score=0.64, missing=("M2.awareness",),
                            text="Tuyên truyền \"sâu rộng\" về dân chủ ở cơ sở " + SCRIPT + " " + IMG),
                M4=coverage("M4", "missing"),
            ),
            extras=[Extra(id="dieu-4.khoan-5", article=4, clause=5, text="Bảo đảm kinh phí <b>thực hiện</b> & tổ chức hội nghị",
                          topic="kinh phí thực hiện", topic_id="kinh_phi", line=77)],
            findings=[
                finding("DC-NUM-003", "error", "Điều 4 có hai khoản cùng số 3.", "Article 4 has two clauses numbered 3.",
                        66, "Khoản 2 Điều 61 Luật Ban hành văn bản quy phạm pháp luật", "dieu-4.khoan-3"),
                finding("DC-CITE-001", "warning", "Căn cứ ban hành dẫn \"Luật Tổ chức chính quyền địa phương\" không ghi năm.",
                        "The legal basis cites \"Law on Local Government\" without its year.", 9, None),
                finding("DC-STYLE-004", "info", "Điểm viết hoa không thống nhất: " + SCRIPT, "Inconsistent capitalisation of points.", None),
            ],
        ),
        # A province with an adopted resolution.
        DocumentAudit(
            source="batch/son_la_nq_08.pdf", index=0, kind="nghi_quyet", draft=False, number="08/2023/NQ-HĐND",
            date="2023-07-14", adopted="2023-07-14", issuer="Hội đồng nhân dân tỉnh Sơn La",
            title="Quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh Sơn La",
            locality=Locality(name="Sơn La", unit="tỉnh", level="tinh"), lines=(1, 210),
            coverage=full_coverage(80, M4=coverage("M4", "present", line=112, text="Khen thưởng, kỷ luật")),
            extras=[Extra(id="dieu-2.khoan-6", article=2, clause=6, text="Bảo đảm nguồn lực, kinh phí thực hiện", topic="kinh phí thực hiện",
                          topic_id="kinh_phi", line=130),
                    Extra(id="dieu-2.khoan-7", article=2, clause=7, text="Chế độ thông tin, báo cáo", topic="kiểm tra, hướng dẫn, chế độ báo cáo định kỳ",
                          topic_id="bao_cao", line=136)],
            findings=[finding("DC-META-005", "info", "Văn bản không ghi số ký hiệu trong phần đầu.",
                              "The header carries no document number.", 1)],
        ),
        # A province with only a draft.
        DocumentAudit(
            source="batch/ca_mau_du_thao.docx", index=0, kind="nghi_quyet", draft=True, number=None, date=None,
            issuer="Hội đồng nhân dân tỉnh Cà Mau",
            title="Quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh Cà Mau",
            locality=Locality(name="Cà Mau", unit="tỉnh", level="tinh"), lines=(1, 150),
            coverage=full_coverage(50, M5=coverage("M5", "partial", line=98, missing=("M5.digital_government",))),
            findings=[finding("DC-META-002", "warning", "Ngày ban hành để trống.", "The date is left blank.", 4)],
        ),
        # A district with only a Tờ trình: two measures short.
        DocumentAudit(
            source="batch/thang_binh_to_trinh.txt", index=0, kind="to_trinh", draft=False, number=None,
            issuer="Ủy ban nhân dân huyện Thăng Bình",
            title="Về việc ban hành Nghị quyết quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở",
            locality=Locality(name="Thăng Bình", unit="huyện", level="huyen"), lines=(1, 90),
            coverage=full_coverage(30, M3=coverage("M3", "missing"),
                                   M5=coverage("M5", "partial", line=70, missing=("M5.technology", "M5.digital_government"))),
            findings=[finding("DC-STRUCT-010", "error", "Mục 3 bị lặp số.", "Item 3 is numbered twice.", 41, None, "muc-3")],
        ),
        # A city (district level) with an adopted resolution in another order.
        DocumentAudit(
            source="batch/viet_tri_nq_21.txt", index=0, kind="nghi_quyet", draft=False, number="21/NQ-HĐND",
            date="2023-12-08", adopted="2023-12-08", issuer="Hội đồng nhân dân thành phố Việt Trì",
            title="Quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn thành phố Việt Trì",
            locality=Locality(name="Việt Trì", unit="thành phố", level="huyen"), lines=(1, 180), coverage=full_coverage(70),
            extras=[Extra(id="dieu-3.khoan-6", article=3, clause=6, text="Phát huy vai trò giám sát của Mặt trận Tổ quốc",
                          topic="giám sát của Mặt trận Tổ quốc", topic_id="giam_sat", line=140)],
        ),
        # A resolution whose locality could not be recognised.
        DocumentAudit(
            source="batch/khong_ro.md", index=0, kind="nghi_quyet", draft=False, number="03/NQ-HĐND",
            date="2024-03-01", adopted="2024-03-01", title="Nghị quyết về dân chủ ở cơ sở",
            locality=None, lines=(1, 40),
            coverage={m: coverage(m, "missing") for m in ELEMENTS} | {"M1": coverage("M1", "present", line=20)},
        ),
    ]
    return docs


def sample_report(*, errors: bool = False) -> AuditReport:
    report = AuditReport(rules=RULES, documents=sample_documents())
    if errors:
        report.errors.append(InputErrorRecord(source="batch/scan.pdf", error="the PDF has no text layer (a scanned image)",
                                              code="scanned_pdf"))
    return report


def clean_report() -> AuditReport:
    """A batch with nothing to report: every measure present, no findings."""
    doc = sample_documents()[6]  # Việt Trì: complete, no findings
    return AuditReport(rules=RULES, documents=[doc])


def report_with(*docs: DocumentAudit) -> AuditReport:
    return AuditReport(rules=RULES, documents=list(docs))


# ---------------------------------------------------------------------------
# A tiny outline parser, for the diff tests only
# ---------------------------------------------------------------------------

_ARTICLE = re.compile(r"^Điều\s+(\d+[a-z]?)\.\s*(.*)$")
_CLAUSE = re.compile(r"^(\d+)\.\s+(.*)$")
_POINT = re.compile(r"^([a-zđ])\)\s+(.*)$")


def outline_document(text: str, *, kind: str = "nghi_quyet", draft: bool = False,
                     locality: Locality | None = None) -> Document:
    """Document tree of the 'Điều N.' / 'N.' / 'a)' lines of ``text`` (other lines are ignored)."""
    text = unicodedata.normalize("NFC", text)
    body: list[Node] = []
    article = clause = None
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if m := _ARTICLE.match(stripped):
            article = Node(id=f"dieu-{m[1]}", kind="article", label=f"Điều {m[1]}", title=m[2], text=line,
                           span=(start, end), lines=(number, number))
            article._clean = stripped
            body.append(article)
            clause = None
        elif article is not None and (m := _CLAUSE.match(stripped)):
            clause = Node(id=f"{article.id}.khoan-{m[1]}", kind="clause", label=m[1], text=line,
                          span=(start, end), lines=(number, number))
            clause._clean = stripped
            article.children.append(clause)
        elif clause is not None and (m := _POINT.match(stripped)):
            point = Node(id=f"{clause.id}.diem-{m[1]}", kind="point", label=m[1], text=line,
                         span=(start, end), lines=(number, number))
            point._clean = stripped
            clause.children.append(point)
    return Document(kind=kind, draft=draft, locality=locality, lines=(1, len(lines)), span=(0, len(text)), body=body)


def nq_lines(path: str) -> str:
    """The draft Nghị quyết of seed 000 (lines 177-316)."""
    with open(path, encoding="utf-8") as handle:
        return "".join(handle.readlines()[176:316])


# ---------------------------------------------------------------------------
# Reading our own HTML back, without a browser
# ---------------------------------------------------------------------------

from html.parser import HTMLParser  # noqa: E402


class Page(HTMLParser):
    """Elements (tag, attrs) in document order, script bodies, and the visible text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.text_parts: list[str] = []
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        """Elements of ``tag`` having each attribute (``attr=None`` ... given value; '*' = any value)."""
        found = []
        for name, element_attrs in self.elements:
            if name != tag:
                continue
            if all(k.replace("_", "-") in element_attrs and (v == "*" or element_attrs[k.replace("_", "-")] == v)
                   for k, v in attrs.items()):
                found.append(element_attrs)
        return found
