"""Crafted documents for the tests of the drafting checks (dancoso_compare.checks).

``resolution()`` and ``submission()`` build a clean Nghị quyết and a clean Tờ
trình that raise no finding; the helpers change one thing at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from dancoso_compare.checks import lint_document
from dancoso_compare.models import Anomaly, Citation, Document, Locality, Node
from dancoso_compare.checks.rules import load_rules

RULES = load_rules()

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
