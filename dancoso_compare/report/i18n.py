"""Vietnamese and English labels for every report format.

Vietnamese is the default: the main users are provincial justice departments
(Sở Tư pháp). One table of labels keeps the HTML, Excel, terminal and CI outputs
consistent; a missing English label falls back to Vietnamese rather than failing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from ..models import DocumentAudit, Finding, Locality, OcrInfo

Lang = Literal["vi", "en"]
LANGS: tuple[str, ...] = ("vi", "en")

# The five measures of Điều 8 Luật 10/2022/QH15, short names for table headers.
MEASURES: dict[str, dict[str, str]] = {
    "M1": {"vi": "Bồi dưỡng năng lực chuyên môn, nghiệp vụ", "en": "Capacity building for officials"},
    "M2": {
        "vi": "Thông tin, tuyên truyền, phổ biến, giáo dục pháp luật",
        "en": "Information, outreach and legal education",
    },
    "M3": {
        "vi": "Trách nhiệm, vai trò nêu gương của người đứng đầu",
        "en": "Responsibility and leading by example",
    },
    "M4": {"vi": "Biểu dương, khen thưởng; xử lý vi phạm", "en": "Commendation; handling violations"},
    "M5": {
        "vi": "Ứng dụng công nghệ thông tin, bảo đảm điều kiện",
        "en": "Information technology and technical means",
    },
}

# Column headers of the matrix: a word or two each, the full name is the tooltip.
MEASURES_SHORT: dict[str, dict[str, str]] = {
    "M1": {"vi": "Bồi dưỡng", "en": "Training"},
    "M2": {"vi": "Tuyên truyền", "en": "Outreach"},
    "M3": {"vi": "Nêu gương", "en": "Example"},
    "M4": {"vi": "Khen thưởng, xử lý", "en": "Rewards, sanctions"},
    "M5": {"vi": "CNTT", "en": "IT"},
}

LAW = {"vi": "Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15", "en": "Law on Grassroots Democracy No. 10/2022/QH15"}

STATUS_SYMBOL = {"present": "✔", "partial": "◐", "missing": "✘"}

_LABELS: dict[str, dict[str, str]] = {
    # statuses
    "present": {"vi": "Đầy đủ", "en": "Present"},
    "partial": {"vi": "Một phần", "en": "Partial"},
    "missing": {"vi": "Thiếu", "en": "Missing"},
    "absent": {"vi": "Không đánh giá", "en": "Not assessed"},
    # document kinds and roles
    "nghi_quyet": {"vi": "Nghị quyết", "en": "Resolution"},
    "to_trinh": {"vi": "Tờ trình", "en": "Submission"},
    "other": {"vi": "Văn bản khác", "en": "Other document"},
    "draft": {"vi": "dự thảo", "en": "draft"},
    "adopted_doc": {"vi": "đã ban hành", "en": "adopted"},
    "role_draft": {"vi": "dự thảo", "en": "draft"},
    "role_to_trinh": {"vi": "tờ trình", "en": "submission"},
    "role_other": {"vi": "văn bản khác", "en": "other document"},
    # levels
    "tinh": {"vi": "Cấp tỉnh", "en": "Provincial level"},
    "huyen": {"vi": "Cấp huyện", "en": "District level"},
    "xa": {"vi": "Cấp xã", "en": "Commune level"},
    "unknown_locality": {"vi": "Không xác định", "en": "Unknown locality"},
    "unknown_level": {"vi": "Không xác định cấp", "en": "Unknown level"},
    # severities
    "error": {"vi": "Lỗi", "en": "Error"},
    "warning": {"vi": "Cảnh báo", "en": "Warning"},
    "info": {"vi": "Thông tin", "en": "Info"},
    # headings and columns
    "report_title": {"vi": "Báo cáo rà soát Nghị quyết về dân chủ ở cơ sở", "en": "Grassroots democracy resolution audit"},
    "report_subtitle": {
        "vi": "Đối chiếu các biện pháp bảo đảm thực hiện dân chủ ở cơ sở với Điều 8 Luật số 10/2022/QH15",
        "en": "Measures ensuring grassroots democracy checked against Article 8 of Law No. 10/2022/QH15",
    },
    "generated": {"vi": "Lập lúc", "en": "Generated"},
    "rules": {"vi": "Bộ quy tắc", "en": "Rule pack"},
    "overview": {"vi": "Tổng quan", "en": "Overview"},
    "matrix": {"vi": "Ma trận biện pháp", "en": "Measure matrix"},
    "legend": {"vi": "Chú giải", "en": "Legend"},
    "locality": {"vi": "Địa phương", "en": "Locality"},
    "level": {"vi": "Cấp", "en": "Level"},
    "unit": {"vi": "Loại đơn vị", "en": "Unit"},
    "document": {"vi": "Văn bản", "en": "Document"},
    "documents": {"vi": "Văn bản", "en": "Documents"},
    "localities": {"vi": "Địa phương", "en": "Localities"},
    "source": {"vi": "Tệp", "en": "File"},
    "index": {"vi": "Thứ tự trong tệp", "en": "Index in file"},
    "kind": {"vi": "Loại văn bản", "en": "Kind"},
    "is_draft": {"vi": "Dự thảo", "en": "Draft"},
    "number": {"vi": "Số, ký hiệu", "en": "Number"},
    "date": {"vi": "Ngày", "en": "Date"},
    "adopted": {"vi": "Ngày thông qua", "en": "Adopted"},
    "issuer": {"vi": "Cơ quan ban hành", "en": "Issuer"},
    "title": {"vi": "Trích yếu", "en": "Title"},
    "lines": {"vi": "Dòng", "en": "Lines"},
    "line": {"vi": "Dòng", "en": "Line"},
    "measure": {"vi": "Biện pháp", "en": "Measure"},
    "measures": {"vi": "Biện pháp (Điều 8)", "en": "Measures (Article 8)"},
    "status": {"vi": "Mức độ", "en": "Status"},
    "elements": {"vi": "Nội dung thành phần", "en": "Elements"},
    "evidence": {"vi": "Căn cứ trong văn bản", "en": "Evidence"},
    "more_evidence": {"vi": "Căn cứ khác", "en": "More evidence"},
    "no_evidence": {"vi": "Không tìm thấy nội dung tương ứng.", "en": "No corresponding text found."},
    "location": {"vi": "Vị trí", "en": "Location"},
    "score": {"vi": "Độ khớp", "en": "Score"},
    "method": {"vi": "Cách xác định", "en": "Method"},
    "matched": {"vi": "Cụm từ khớp", "en": "Matched phrases"},
    "quote": {"vi": "Trích dẫn", "en": "Quote"},
    "note": {"vi": "Ghi chú", "en": "Note"},
    "extras": {"vi": "Nội dung thêm", "en": "Extras"},
    "extras_long": {
        "vi": "Nội dung ngoài năm biện pháp của Điều 8",
        "en": "Content beyond the five measures of Article 8",
    },
    "no_extras": {"vi": "Không có nội dung thêm.", "en": "No extra content."},
    "topic": {"vi": "Chủ đề", "en": "Topic"},
    "text": {"vi": "Nội dung", "en": "Text"},
    "findings": {"vi": "Phát hiện", "en": "Findings"},
    "findings_long": {"vi": "Phát hiện về kỹ thuật soạn thảo", "en": "Drafting findings"},
    "no_findings": {"vi": "Không có phát hiện.", "en": "No findings."},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "rule": {"vi": "Mã quy tắc", "en": "Rule"},
    "message": {"vi": "Nội dung", "en": "Message"},
    "node": {"vi": "Mục", "en": "Node"},
    "legal_source": {"vi": "Căn cứ pháp lý", "en": "Legal source"},
    "input_errors": {"vi": "Tệp không đọc được", "en": "Files that could not be read"},
    "scanned_ocr": {"vi": "văn bản quét, đã nhận dạng ký tự", "en": "scanned document, text recognised by OCR"},
    "ocr_detail": {"vi": "Nhận dạng ký tự", "en": "OCR"},
    "error_code": {"vi": "Mã lỗi", "en": "Error code"},
    "also_in_locality": {"vi": "Văn bản khác của địa phương", "en": "Other documents of the locality"},
    "stand_in_note": {
        "vi": "chưa có Nghị quyết đã ban hành: hiển thị dự thảo hoặc tờ trình",
        "en": "no adopted resolution in the batch: the draft or submission is shown",
    },
    "shown_instead": {"vi": "chưa có Nghị quyết đã ban hành", "en": "no adopted resolution in the batch"},
    "back_to_matrix": {"vi": "Về ma trận", "en": "Back to matrix"},
    "filter": {"vi": "Lọc", "en": "Filter"},
    "filter_placeholder": {"vi": "Tên địa phương, số văn bản…", "en": "Locality, document number…"},
    "only_problems": {"vi": "Chỉ hiện văn bản thiếu biện pháp", "en": "Only documents with missing measures"},
    "structure": {"vi": "Cấu trúc văn bản", "en": "Document structure"},
    "summary_missing": {"vi": "văn bản chưa đủ năm biện pháp", "en": "documents lacking a measure"},
    "sheet_summary": {"vi": "Tổng hợp", "en": "Summary"},
    "sheet_evidence": {"vi": "Bằng chứng", "en": "Evidence"},
    "sheet_findings": {"vi": "Phát hiện", "en": "Findings"},
    "sheet_extras": {"vi": "Nội dung thêm", "en": "Extras"},
    "yes": {"vi": "Có", "en": "Yes"},
    "no": {"vi": "Không", "en": "No"},
    "article": {"vi": "Điều", "en": "Article"},
    # family comparison
    "family": {"vi": "So sánh với văn bản cấp trên", "en": "Comparison with the parent resolution"},
    "parent": {"vi": "Văn bản cấp trên", "en": "Parent"},
    "child": {"vi": "Văn bản cấp dưới", "en": "Child"},
    "omitted_measures": {"vi": "Biện pháp cấp trên quyết định nhưng văn bản này bỏ", "en": "Measures the parent decides that the child omits"},
    "omitted_elements": {"vi": "Nội dung cấp trên có nhưng văn bản này thiếu", "en": "Elements the parent has that the child lacks"},
    "added_measures": {"vi": "Biện pháp văn bản này có thêm", "en": "Measures only the child decides"},
    "added_elements": {"vi": "Nội dung văn bản này có thêm", "en": "Elements only the child has"},
    "added_extras": {"vi": "Chủ đề riêng của văn bản này", "en": "Topics only the child has"},
    "family_consistent": {"vi": "Văn bản giữ đủ các biện pháp của cấp trên.", "en": "The child keeps every measure of the parent."},
    "level_mismatch": {
        "vi": "Cấp hành chính của văn bản cấp trên không cao hơn văn bản cấp dưới.",
        "en": "The parent's administrative level is not above the child's.",
    },
    "none": {"vi": "Không có", "en": "None"},
    # diff
    "diff": {"vi": "So sánh hai phiên bản", "en": "Comparison of two versions"},
    "old": {"vi": "Bản cũ", "en": "Old"},
    "new": {"vi": "Bản mới", "en": "New"},
    "measure_changes": {"vi": "Thay đổi về biện pháp", "en": "Measure changes"},
    "gained": {"vi": "thêm", "en": "gained"},
    "lost": {"vi": "mất", "en": "lost"},
    "unit_changes": {"vi": "Thay đổi theo điều, khoản, điểm", "en": "Changes by article, clause and point"},
    "added": {"vi": "Thêm mới", "en": "Added"},
    "removed": {"vi": "Bị bỏ", "en": "Removed"},
    "changed": {"vi": "Sửa đổi", "en": "Changed"},
    "moved": {"vi": "Đổi vị trí", "en": "Moved"},
    "unchanged": {"vi": "Giữ nguyên", "en": "Unchanged"},
    "no_changes": {"vi": "Không có thay đổi.", "en": "No changes."},
    "extras_added": {"vi": "Chủ đề thêm", "en": "Topics added"},
    "extras_removed": {"vi": "Chủ đề bỏ", "en": "Topics removed"},
    # CI messages
    "ci_missing": {"vi": "Thiếu biện pháp {m} ({name})", "en": "Measure {m} is missing ({name})"},
    "ci_partial": {
        "vi": "Biện pháp {m} ({name}) mới quy định một phần; thiếu: {elements}",
        "en": "Measure {m} ({name}) is only partly decided; missing: {elements}",
    },
    "ci_partial_noelem": {"vi": "Biện pháp {m} ({name}) mới quy định một phần", "en": "Measure {m} ({name}) is only partly decided"},
    "ci_measure_rule": {"vi": "Văn bản phải quy định biện pháp {m}: {name}", "en": "The document must decide measure {m}: {name}"},
    "ci_input_error": {"vi": "Không đọc được tệp", "en": "Input file could not be read"},
}


def t(key: str, lang: str = "vi") -> str:
    """Label for ``key`` in ``lang``; Vietnamese when no translation exists."""
    entry = _LABELS[key]
    return entry.get(lang) or entry["vi"]


_SINGULAR_EN = {"documents": "document", "localities": "locality"}


def count_label(n: int, key: str, lang: str = "vi") -> str:
    """'3 văn bản' / '1 document', '3 documents' (Vietnamese nouns do not inflect)."""
    word = t(key, lang).lower()
    if lang == "en" and n == 1:
        word = _SINGULAR_EN.get(key, word)
    return f"{n} {word}"


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"unsupported language {lang!r}; use 'vi' or 'en'")
    return lang


def measure_name(measure: str, lang: str = "vi") -> str:
    entry = MEASURES.get(measure)
    return (entry.get(lang) or entry["vi"]) if entry else measure


def measure_short(measure: str, lang: str = "vi") -> str:
    entry = MEASURES_SHORT.get(measure)
    return (entry.get(lang) or entry["vi"]) if entry else measure


def measure_legal_source(measure: str, lang: str = "vi") -> str:
    """'Điều 8 khoản 1 Luật ...' for M1..M5, so every measure result cites the law."""
    digits = "".join(ch for ch in measure if ch.isdigit())
    if measure not in MEASURES or not digits:
        return LAW[lang]
    if lang == "en":
        return f"Article 8({digits}), {LAW['en']}"
    return f"Khoản {digits} Điều 8 {LAW['vi']}"


def status_label(status: str | None, lang: str = "vi") -> str:
    return t(status or "absent", lang)


def status_symbol(status: str | None) -> str:
    return STATUS_SYMBOL.get(status or "", "—")


def kind_label(kind: str, lang: str = "vi") -> str:
    return t(kind, lang)


def level_label(level: str | None, lang: str = "vi") -> str:
    return t(level, lang) if level else t("unknown_level", lang)


def severity_label(severity: str, lang: str = "vi") -> str:
    return t(severity, lang)


_METHODS = {
    "heading-cue": {"vi": "tiêu đề có cụm từ của biện pháp", "en": "heading cue"},
    "heading-similarity": {"vi": "tiêu đề tương đồng", "en": "heading similarity"},
    "body-cue": {"vi": "nội dung có cụm từ của biện pháp", "en": "body cue"},
    "parent-context": {"vi": "theo mục cha", "en": "parent context"},
}


def method_label(method: str, lang: str = "vi") -> str:
    """How the mapper decided, in words; unknown methods are shown as given."""
    entry = _METHODS.get(method)
    return entry.get(lang, entry["vi"]) if entry else method


@lru_cache(maxsize=8)
def _element_names(rules_id: str) -> dict[str, tuple[str, str]]:
    """Element names of the shipped rule pack, when the report was made with it."""
    try:
        from ..rulepack import load_pack

        pack = load_pack()
    except Exception:  # noqa: BLE001 - names are a nicety; a report must render without the pack
        return {}
    if pack.id != rules_id:
        return {}  # a custom pack: its element ids are shown as they are
    return {e.id: (e.name, e.name_en or e.name) for m in pack.measures for e in m.elements}


def element_label(element_id: str, rules_id: str | None = None, lang: str = "vi") -> str:
    """'bồi dưỡng, tập huấn ...' for 'M1.training'; the id itself when the pack does not name it."""
    names = _element_names(rules_id) if rules_id else {}
    if element_id not in names:
        return element_id
    return names[element_id][1 if lang == "en" else 0]


_SEVERITY_ABBR = {"error": {"vi": "L", "en": "E"}, "warning": {"vi": "C", "en": "W"}, "info": {"vi": "T", "en": "I"}}


def severity_abbr(severity: str, lang: str = "vi") -> str:
    """One letter per severity for narrow terminal columns (Lỗi, Cảnh báo, Thông tin)."""
    return _SEVERITY_ABBR[severity].get(lang, _SEVERITY_ABBR[severity]["vi"])


def finding_message(finding: Finding, lang: str = "vi") -> str:
    """The finding in ``lang``; the Vietnamese message when no English one was written."""
    if lang == "en" and finding.message_en:
        return finding.message_en
    return finding.message


def legal_source(value: str | None) -> str | None:
    """The legal source, or None when it is empty or a placeholder such as '—'."""
    if value and any(ch.isalnum() for ch in value):
        return value
    return None


def locality_label(locality: Locality | None, lang: str = "vi") -> str:
    if locality is None:
        return t("unknown_locality", lang)
    return f"{locality.unit} {locality.name}".strip()


def location_label(article: int | None, clause: int | None, point: str | None, lang: str = "vi") -> str:
    """Human location of a unit: 'Điều 4, khoản 2, điểm a' / 'Article 4(2)(a)'."""
    if lang == "en":
        if article is None:
            parts = [f"item {clause}" if clause is not None else "", f"point {point}" if point else ""]
            return ", ".join(p for p in parts if p) or "—"
        return f"Article {article}" + (f"({clause})" if clause is not None else "") + (f"({point})" if point else "")
    parts = []
    if article is not None:
        parts.append(f"Điều {article}")
    if clause is not None:
        parts.append(f"khoản {clause}" if article is not None else f"mục {clause}")
    if point:
        parts.append(f"điểm {point}")
    return ", ".join(parts) or "—"


_ID_PART = re.compile(r"^(dieu|khoan|diem|muc|item)-(.+)$")


def location_from_id(node_id: str, lang: str = "vi") -> str:
    """Location from a node id such as ``dieu-4.khoan-2.diem-đ`` when no numbers were given."""
    article = clause = None
    point = None
    for part in node_id.split("."):
        m = _ID_PART.match(part)
        if not m:
            continue
        kind, value = m.groups()
        if kind == "dieu" and value.isdigit():
            article = int(value)
        elif kind in ("khoan", "muc", "item") and value.isdigit():
            clause = int(value)
        elif kind == "diem":
            point = value
    if article is None and clause is None and point is None:
        return node_id
    return location_label(article, clause, point, lang)


def doc_title(doc: DocumentAudit, lang: str = "vi", *, draft_suffix: bool = True) -> str:
    """Short name of a document: 'Nghị quyết 21/NQ-HĐND', 'Tờ trình (dự thảo)'."""
    parts = [kind_label(doc.kind, lang)]
    if doc.number:
        parts.append(doc.number)
    label = " ".join(parts)
    if doc.draft and draft_suffix:
        label += f" ({t('draft', lang)})"
    return label


def doc_label(doc: DocumentAudit, lang: str = "vi") -> str:
    """Locality and document in one line, for matrix rows and plot axes."""
    return f"{locality_label(doc.locality, lang)} — {doc_title(doc, lang)}"


def ocr_summary(ocr: OcrInfo, lang: str = "vi") -> str:
    """'văn bản quét, đã nhận dạng ký tự (trang 1, 2; độ tin cậy trung bình 91.3/100; tesseract 5.3.0 (vie))'."""
    pages = ", ".join(str(page.page) for page in ocr.pages)
    if lang == "en":
        detail = f"page(s) {pages}; mean confidence {ocr.mean_confidence:.1f}/100; {ocr.engine}"
    else:
        detail = f"trang {pages}; độ tin cậy trung bình {ocr.mean_confidence:.1f}/100; {ocr.engine}"
    return f"{t('scanned_ocr', lang)} ({detail})"
