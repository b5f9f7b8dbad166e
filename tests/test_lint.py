"""Tests of the drafting checks (dancoso_compare.lint).

Crafted documents first: ``resolution()`` and ``submission()`` build a clean
Nghị quyết and a clean Tờ trình that raise no finding; every rule of
rules/checks.yaml then gets a positive case (one change that must raise it) and
a negative case (a near miss that must not). Legal-basis validity is tested at
the boundary dates of every instrument in the registry. End-to-end tests run
the parser on the seed files and on crafted texts.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso_compare.checks import format_checks_table, lint_document, list_checks, reference_date
from dancoso_compare.models import Anomaly, Citation, Document, Locality, Node
from dancoso_compare.parse import parse_text

from .conftest import SEEDS
from dancoso_compare.registry import load_rules

RULES = load_rules()
TODAY = date(2026, 1, 1)

# ---------------------------------------------------------------------------
# Crafted documents
# ---------------------------------------------------------------------------


_counter = [0]


def node(
    node_id: str,
    kind: str,
    text: str,
    line: int,
    *,
    label: str | None = None,
    title: str | None = None,
    role: str | None = None,
    children: list[Node] | None = None,
    last_line: int | None = None,
) -> Node:
    n = Node(
        id=node_id,
        kind=kind,  # type: ignore[arg-type]
        label=label,
        title=title,
        text=text,
        span=(line * 100, line * 100 + len(text)),
        lines=(line, last_line or line),
        role=role,
        children=children or [],
    )
    n._clean = " ".join(text.split())
    return n


def cite(text: str, line: int, *, type: str | None = None, number: str | None = None, day: str | None = None,
         year: int | None = None, title: str | None = None, blank: bool = False) -> Citation:
    return Citation(text=text, type=type, number=number, date=day, year=year, title=title, blank=blank, line=line)


LAW_2015 = dict(text="Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015", type="Luật",
                day="2015-06-19", year=2015, title="Luật Tổ chức chính quyền địa phương")
LAW_72 = dict(text="Luật Tổ chức chính quyền địa phương ngày 16/6/2025", type="Luật",
              day="2025-06-16", year=2025, title="Luật Tổ chức chính quyền địa phương")
LAW_10 = dict(text="Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022", type="Luật",
              day="2022-11-10", year=2022, title="Luật Thực hiện dân chủ ở cơ sở")
ND_59 = dict(text="Nghị định số 59/2023/NĐ-CP ngày 14 tháng 8 năm 2023 của Chính phủ quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
             type="Nghị định", number="59/2023/NĐ-CP", day="2023-08-14", year=2023)


def points(prefix: str, letters: list[str], first_line: int) -> list[Node]:
    return [
        node(f"{prefix}.diem-{x}", "point", f"{x}) Nội dung điểm {x} về thực hiện dân chủ ở cơ sở.", first_line + i, label=x)
        for i, x in enumerate(letters)
    ]


def resolution(
    *,
    day: str = "2024-04-10",
    locality: Locality | None = None,
    clause_labels: tuple[str, ...] = ("1", "2"),
    point_letters: tuple[str, ...] = ("a", "b", "c"),
    article2_label: str = "Điều 2",
    adoption: str = "Nghị quyết này được Hội đồng nhân dân tỉnh Lai Châu khóa XV, kỳ họp thứ mười thông qua ngày {d} và có hiệu lực từ ngày thông qua./.",
) -> Document:
    """A clean provincial resolution; ``day`` is its date and adoption date."""
    d = date.fromisoformat(day)
    vn = f"{d.day:02d} tháng {d.month:02d} năm {d.year}"
    submitted, reviewed = d - timedelta(days=9), d - timedelta(days=5)
    clauses = [
        node(f"dieu-1.khoan-{c}", "clause", f"{c}. Biện pháp số {c}", 11 + 5 * i, label=c,
             children=points(f"dieu-1.khoan-{c}", list(point_letters), 12 + 5 * i) if i == 0 else [])
        for i, c in enumerate(clause_labels)
    ]
    body = [
        node("p-1", "paragraph", "Số: 12/NQ-HĐND", 1, role="number"),
        node("p-2", "paragraph", f"Lai Châu, ngày {vn}", 2, role="place_date"),
        node("p-3", "paragraph", f"Căn cứ {LAW_2015['text']};", 5, role="legal_basis"),
        node("p-4", "paragraph", f"Căn cứ {LAW_10['text']};", 6, role="legal_basis"),
        node("p-5", "paragraph", f"Căn cứ {ND_59['text']};", 7, role="legal_basis"),
        node("p-6", "paragraph", "Xét Tờ trình số 10/TTr-UBND của Ủy ban nhân dân tỉnh; Báo cáo thẩm tra số 5/BC-HĐND của Ban Pháp chế.", 8, role="considered"),
        node("p-7", "paragraph", "QUYẾT NGHỊ:", 9, role="decision_formula"),
        node("dieu-1", "article", "Điều 1. Quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở", 10,
             label="Điều 1", title="Quyết định các biện pháp bảo đảm thực hiện dân chủ ở cơ sở", children=clauses),
        node("dieu-2", "article", f"{article2_label}. Kinh phí thực hiện\nKinh phí thực hiện được bố trí từ ngân sách nhà nước.", 30,
             label=article2_label, title="Kinh phí thực hiện", last_line=31),
        node("dieu-3", "article", "Điều 3. Tổ chức thực hiện", 32, label="Điều 3", title="Tổ chức thực hiện", children=[
            node("dieu-3.khoan-1", "clause", "1. Giao Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết.", 33, label="1"),
            node("dieu-3.khoan-2", "clause", "2. Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu Hội đồng nhân dân và đại biểu Hội đồng nhân dân tỉnh giám sát việc thực hiện Nghị quyết.", 34, label="2"),
            node("dieu-3.khoan-3", "clause", "3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh giám sát việc thực hiện Nghị quyết.", 35, label="3"),
            node("dieu-3.p-1", "paragraph", adoption.format(d=vn), 36, role="adoption"),
        ]),
        node("noi-nhan", "section", "Nơi nhận:", 38, role="recipients", children=[
            node("noi-nhan.gach-1", "bullet", "- Thường trực UBND tỉnh;", 39, role="recipient"),
        ]),
        node("p-8", "paragraph", "CHỦ TỊCH", 41, role="signature"),
        node("p-9", "paragraph", "Nguyễn Văn An", 43, role="signature"),
    ]
    return Document(
        kind="nghi_quyet",
        number="12/NQ-HĐND",
        date=day,
        adopted=day,
        issuer="Hội đồng nhân dân tỉnh Lai Châu",
        locality=locality or Locality(name="Lai Châu", unit="tỉnh", level="tinh"),
        signer="Nguyễn Văn An",
        legal_bases=[cite(line=5, **LAW_2015), cite(line=6, **LAW_10), cite(line=7, **ND_59)],
        considered=[
            cite("Tờ trình số 10/TTr-UBND", 8, type="Tờ trình", number="10/TTr-UBND", day=submitted.isoformat()),
            cite("Báo cáo thẩm tra số 5/BC-HĐND", 8, type="Báo cáo thẩm tra", number="5/BC-HĐND", day=reviewed.isoformat()),
        ],
        lines=(1, 43),
        span=(0, 5000),
        body=body,
    )


def submission(*, day: str = "2025-09-02") -> Document:
    """A clean Tờ trình of a commune People's Committee after the 2025 reform."""
    body = [
        node("p-1", "paragraph", "Số: 101/TTr-UBND", 1, role="number"),
        node("p-2", "paragraph", "Mường Kim, ngày 02 tháng 9 năm 2025", 2, role="place_date"),
        node("p-3", "paragraph", "Kính gửi: Hội đồng nhân dân xã Mường Kim.", 5, role="addressee"),
        node("p-4", "paragraph", f"Căn cứ {LAW_72['text']};", 6, role="legal_basis"),
        node("p-5", "paragraph", "Căn cứ Luật Thực hiện dân chủ ở cơ sở năm 2022;", 7, role="legal_basis"),
        node("p-6", "paragraph", "Ủy ban nhân dân xã trình Hội đồng nhân dân xã xem xét, ban hành Nghị quyết như sau:", 8),
        node("muc-i", "section", "I. CÁC BIỆN PHÁP", 9, label="I", children=[
            node("muc-i.khoan-1", "clause", "1. Bồi dưỡng nâng cao năng lực", 10, label="1"),
            node("muc-i.khoan-2", "clause", "2. Thông tin, tuyên truyền", 11, label="2"),
        ]),
        node("muc-ii", "section", "II. KIẾN NGHỊ", 12, label="II", children=[
            node("muc-ii.khoan-1", "clause", "1. Kính trình Hội đồng nhân dân xã xem xét, quyết định./.", 13, label="1"),
        ]),
        node("p-7", "paragraph", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", 15, role="signature", last_line=16),
        node("p-8", "paragraph", "Vũ Văn Bình", 18, role="signature"),
    ]
    return Document(
        kind="to_trinh",
        number="101/TTr-UBND",
        date=day,
        issuer="Ủy ban nhân dân xã Mường Kim",
        addressee="Hội đồng nhân dân xã Mường Kim",
        locality=Locality(name="Mường Kim", unit="xã", level="xa"),
        signer="Vũ Văn Bình",
        legal_bases=[
            cite(line=6, **LAW_72),
            cite("Luật Thực hiện dân chủ ở cơ sở năm 2022", 7, type="Luật", year=2022, title="Luật Thực hiện dân chủ ở cơ sở"),
        ],
        lines=(1, 18),
        span=(0, 3000),
        body=body,
    )


def redate(doc: Document, day: str) -> Document:
    """Move a resolution to another date, keeping its considered documents a few days earlier."""
    d = date.fromisoformat(day)
    doc.date = doc.adopted = day
    for cit, back in zip(doc.considered, (9, 5)):
        cit.date = (d - timedelta(days=back)).isoformat()
    return doc


def find(doc: Document, node_id: str) -> Node:
    found = doc.find(node_id)
    assert found is not None, node_id
    return found


def set_text(doc: Document, node_id: str, text: str) -> Document:
    n = find(doc, node_id)
    n.text = text
    n._clean = " ".join(text.split())
    return doc


def drop(doc: Document, *node_ids: str) -> Document:
    def keep(nodes: list[Node]) -> list[Node]:
        out = []
        for n in nodes:
            if n.id in node_ids:
                continue
            n.children = keep(n.children)
            out.append(n)
        return out

    doc.body = keep(doc.body)
    return doc


def anomaly(code: str, node_id: str, label: str, line: int, detail: str = "detail") -> Anomaly:
    return Anomaly(code=code, node_id=node_id, label=label, line=line, detail=detail)  # type: ignore[arg-type]


def run(doc: Document, **kwargs) -> list:
    return lint_document(doc, **kwargs)


def rules_of(findings) -> set[str]:
    return {f.rule for f in findings}


def _with(doc: Document, fn: Callable[[Document], object]) -> Document:
    fn(doc)
    return doc


def _set(**fields) -> Callable[[Document], None]:
    def apply(doc: Document) -> None:
        for k, v in fields.items():
            setattr(doc, k, v)
    return apply


def _considered_dates(submitted: str | None, reviewed: str | None) -> Callable[[Document], None]:
    def apply(doc: Document) -> None:
        doc.considered[0].date = submitted
        doc.considered[1].date = reviewed
    return apply


def _supervision(text: str) -> Callable[[Document], None]:
    return lambda doc: set_text(doc, "dieu-3.khoan-2", text)


def _district(day: str) -> Document:
    doc = redate(resolution(locality=Locality(name="Thăng Bình", unit="huyện", level="huyen")), day)
    doc.legal_bases[0] = cite(line=5, **LAW_72)
    return doc


def _province(name: str, day: str) -> Document:
    doc = redate(resolution(locality=Locality(name=name, unit="tỉnh", level="tinh")), day)
    if day >= "2025-03-01":
        doc.legal_bases[0] = cite(line=5, **LAW_72)
    return doc


def _related_submission(number: str, day: str) -> list[Document]:
    other = submission(day=day)
    other.number = number
    return [other]


# Each case: () -> (document, keyword arguments of lint_document). A positive
# case must raise the rule, a negative case (a near miss) must not.
Case = Callable[[], tuple[Document, dict]]


def doc_only(builder: Callable[[], Document]) -> Case:
    return lambda: (builder(), {})


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
# Catalogue
# ---------------------------------------------------------------------------


def test_list_checks_matches_the_catalogue():
    infos = list_checks()
    assert [i.id for i in infos] == CATALOGUE_IDS
    assert all(i.severity in ("error", "warning", "info") and i.title_vi and i.title_en and i.legal_source for i in infos)


def test_checks_table_renders():
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(format_checks_table())
    text = console.export_text()
    assert "DC-CIT-001" in text and "DC-TXT-001" in text


# ---------------------------------------------------------------------------
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
