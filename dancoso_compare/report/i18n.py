"""Vietnamese and English labels for every report format.

Vietnamese is the default: the main users are provincial justice departments
(Sở Tư pháp). One table of labels keeps the HTML, Excel, terminal and CI outputs
consistent; a missing English label falls back to Vietnamese rather than failing.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from typing import Literal

from dancoso_compare import dates
from dancoso_compare.models import DocumentAudit, Finding, InputErrorRecord, Locality, MeasureRef, OcrInfo, RulesRef

Lang = Literal["vi", "en"]
LANGS: tuple[str, ...] = ("vi", "en")

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
    "report_title": {"vi": "Báo cáo rà soát văn bản", "en": "Document audit report"},
    "checked_against": {"vi": "Đối chiếu với", "en": "Checked against"},
    "version": {"vi": "phiên bản", "en": "version"},
    "pack_id": {"vi": "mã", "en": "id"},
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
    "index": {"vi": "Thứ tự trong tệp", "en": "Position in file"},
    "nth_in_file": {"vi": "tệp {source}, văn bản thứ {n}", "en": "file {source}, document {n}"},
    "not_adopted": {"vi": "chưa thông qua (dự thảo)", "en": "not adopted (draft)"},
    "score_scale": {
        "vi": "Độ khớp: 1,0 nghĩa là việc chính của tiêu đề gọi đúng biện pháp, hoặc mọi điểm có nội dung của khoản "
              "đều quyết định biện pháp đó (các cụm từ chỉ được nhắc đến không được tính); "
              "từ {assign} trở lên thì khoản được xếp vào biện pháp.",
        "en": "Score: 1.0 means the heading's own act names the measure, or every deciding point of the item decides "
              "it (passing mentions do not count); an item is assigned to the measure from {assign}.",
    },
    "score_scale_plain": {"vi": "Độ khớp càng cao thì nội dung càng sát với biện pháp.",
                          "en": "The higher the score, the closer the text is to the measure."},
    "time_zone": {"vi": "giờ Việt Nam", "en": "Vietnam time"},
    "report_info": {"vi": "Thông tin báo cáo", "en": "Report information"},
    "sheet_info": {"vi": "Thông tin", "en": "Information"},
    "item": {"vi": "Mục", "en": "Item"},
    "value": {"vi": "Giá trị", "en": "Value"},
    "not_same_locality": {
        "vi": "Hai văn bản không cùng địa phương ({old} và {new}): kết quả so sánh có thể không có ý nghĩa.",
        "en": "The two documents are not of the same locality ({old} and {new}): the comparison may be meaningless.",
    },
    "not_in_province": {
        "vi": "Văn bản cấp dưới ({child}) không thuộc {parent}: hãy kiểm tra lại văn bản cấp trên.",
        "en": "The child ({child}) does not belong to {parent}: check the parent document.",
    },
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
    "measures": {"vi": "Biện pháp", "en": "Measures"},
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
    "extras_long": {"vi": "Nội dung ngoài các biện pháp", "en": "Content beyond the measures"},
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
    "summary_missing": {"vi": "văn bản còn thiếu biện pháp", "en": "documents lacking a measure"},
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
    """Human location of a unit: 'Điều 4 khoản 2 điểm a' / 'Article 4(2)(a)'; '' when nothing is numbered."""
    if lang == "en":
        if article is None:
            parts = [f"item {clause}" if clause is not None else "", f"point {point}" if point else ""]
            return ", ".join(p for p in parts if p)
        return f"Article {article}" + (f"({clause})" if clause is not None else "") + (f"({point})" if point else "")
    parts = []
    if article is not None:
        parts.append(f"Điều {article}")
    if clause is not None:
        parts.append(f"khoản {clause}" if article is not None else f"mục {clause}")
    if point:
        parts.append(f"điểm {point}")
    return " ".join(parts)


def where(article: int | None, clause: int | None, point: str | None, line: int | None, lang: str = "vi") -> str:
    """'Điều 1 khoản 2 điểm a, dòng 14'; just 'dòng 14' for an unnumbered paragraph; '—' when nothing is known."""
    parts = [location_label(article, clause, point, lang)]
    if line:
        parts.append(f"{t('line', lang).lower()} {line}")
    return ", ".join(p for p in parts if p) or "—"


def where_of(item, lang: str = "vi") -> str:  # noqa: ANN001 - Evidence, Extra, Finding, UnitRef
    """``where`` for anything carrying article, clause, point and line."""
    return where(item.article, item.clause, item.point, item.line, lang)


def doc_title(doc: DocumentAudit, lang: str = "vi", *, draft_suffix: bool = True) -> str:
    """Short name of a document: 'Nghị quyết 21/NQ-HĐND', 'Tờ trình (dự thảo)'."""
    parts = [kind_label(doc.kind, lang)]
    if doc.number:
        parts.append(doc.number)
    label = " ".join(parts)
    if doc.draft and draft_suffix:
        label += f" ({t('draft', lang)})"
    return label


def doc_ref(source: str, index: int, lang: str = "vi") -> str:
    """'tệp a.txt, văn bản thứ 2': documents are numbered from 1 for people."""
    return t("nth_in_file", lang).format(source=source, n=index + 1)


def doc_label(doc: DocumentAudit, lang: str = "vi") -> str:
    """Locality and document in one line, for matrix rows and plot axes."""
    return f"{locality_label(doc.locality, lang)} — {doc_title(doc, lang)}"


# ---------------------------------------------------------------------------
# Labels from the rule pack: measure ids, names, citations and count are the pack's
# ---------------------------------------------------------------------------


class PackLabels:
    """Names of the measures and elements of the audit's rule pack.

    They come from the report itself (``rules.measures``, written by the audit); a
    report made before those fields existed gets them from the shipped pack when its
    id matches, and otherwise shows the ids the coverage uses.
    """

    def __init__(self, rules: RulesRef | None) -> None:
        self.rules = rules
        measures = list(rules.measures) if rules is not None else []
        if rules is not None and not measures:
            measures = _shipped_measures(rules.id)
        self.measures: dict[str, MeasureRef] = {m.id: m for m in measures}
        self.elements = {e.id: e for m in measures for e in m.elements}

    @property
    def ids(self) -> list[str]:
        return list(self.measures)

    def name(self, measure: str, lang: str = "vi") -> str:
        m = self.measures.get(measure)
        if m is None:
            return measure
        return (m.name_en or m.name) if lang == "en" else m.name

    def short(self, measure: str, lang: str = "vi") -> str:
        m = self.measures.get(measure)
        if m is None:
            return ""
        if lang == "en" and (m.short_en or m.name_en):
            return m.short_en or m.name_en
        return m.short or m.name

    def citation(self, measure: str, lang: str = "vi") -> str:
        m = self.measures.get(measure)
        if m is not None and m.citation:
            return m.citation
        return self.law_label()

    def element(self, element_id: str, lang: str = "vi") -> str:
        e = self.elements.get(element_id)
        if e is None:
            return element_id.rpartition(".")[2].replace("_", " ")
        return (e.name_en or e.name) if lang == "en" else e.name

    def elements_label(self, element_ids, lang: str = "vi") -> str:  # noqa: ANN001
        return ", ".join(self.element(e, lang) for e in element_ids)

    def title(self, lang: str = "vi") -> str:
        rules = self.rules
        if rules is None:
            return ""
        if lang == "en" and rules.title_en:
            return rules.title_en
        return rules.title or rules.id

    def law_label(self) -> str:
        rules = self.rules
        if rules is None:
            return ""
        return " ".join(p for p in (rules.article, rules.law) if p) or rules.title or rules.id

    def pack_line(self, lang: str = "vi") -> str:
        """'Bộ quy tắc: <title> (mã x, phiên bản 1.0.0)'."""
        if self.rules is None:
            return ""
        return (f"{t('rules', lang)}: {self.title(lang)} ({t('pack_id', lang)} {self.rules.id}, "
                f"{t('version', lang)} {self.rules.version})")

    def pack_ref(self, lang: str = "vi") -> str:
        """'Bộ quy tắc: mã x, phiên bản 1.0.0' (the title is shown beside it)."""
        if self.rules is None:
            return ""
        return f"{t('rules', lang)}: {t('pack_id', lang)} {self.rules.id}, {t('version', lang)} {self.rules.version}"

    def score_scale(self, lang: str = "vi") -> str:
        """One line on what the score means, from the pack's assign threshold."""
        assign = self.rules.assign if self.rules is not None else None
        if assign is None:
            return t("score_scale_plain", lang)
        return t("score_scale", lang).format(assign=number_label(assign, lang))


def _shipped_measures(rules_id: str) -> list[MeasureRef]:
    from dancoso_compare.measures.rulepack import load_pack

    pack = load_pack()
    return RulesRef.of(pack).measures if pack.id == rules_id else []


def number_label(value: float, lang: str = "vi", digits: int = 2) -> str:
    """0.8 -> '0,8' in Vietnamese (decimal comma), '0.8' in English."""
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return text.replace(".", ",") if lang == "vi" else text


def score_label(value: float, lang: str = "vi") -> str:
    text = f"{value:.2f}"
    return text.replace(".", ",") if lang == "vi" else text


# ---------------------------------------------------------------------------
# Dates and the report's time
# ---------------------------------------------------------------------------

VIETNAM_TIME = timezone(timedelta(hours=7), "UTC+7")  # no daylight saving time


parse_date = dates.parse_iso  # an ISO date of the JSON contract; None when absent or not a full date


def date_label(value: str | None, lang: str = "vi") -> str | None:
    """'2025-11-12' -> '12/11/2025'; a value that is not a full date is shown as given."""
    parsed = parse_date(value)
    if parsed is None:
        return value or None
    return f"{parsed.day:02d}/{parsed.month:02d}/{parsed.year}"


def report_time() -> datetime:
    """When the report is made, in Vietnam time; ``SOURCE_DATE_EPOCH`` (reproducible builds) fixes it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), VIETNAM_TIME)
        except (ValueError, OverflowError, OSError):
            pass  # an unusable value: the clock, as without it
    return datetime.now(VIETNAM_TIME)


def time_label(moment: datetime, lang: str = "vi") -> str:
    """'03/12/2026 18:45 (giờ Việt Nam)'."""
    local = moment.astimezone(VIETNAM_TIME) if moment.tzinfo else moment
    return f"{local.day:02d}/{local.month:02d}/{local.year} {local.hour:02d}:{local.minute:02d} ({t('time_zone', lang)})"


# ---------------------------------------------------------------------------
# Input errors in the reader's language
# ---------------------------------------------------------------------------

def input_error_label(record: InputErrorRecord, lang: str = "vi") -> str:
    """What went wrong with an input file and what to do, in ``lang`` (the record's text is English)."""
    if lang == "en":
        return record.error
    from dancoso_compare.errors import describe_vi

    return describe_vi(record.code)
def ocr_summary(ocr: OcrInfo, lang: str = "vi") -> str:
    """'văn bản quét, đã nhận dạng ký tự (trang 1, 2; độ tin cậy trung bình 91.3/100; tesseract 5.3.0 (vie))'."""
    pages = ", ".join(str(page.page) for page in ocr.pages)
    if lang == "en":
        detail = f"page(s) {pages}; mean confidence {ocr.mean_confidence:.1f}/100; {ocr.engine}"
    else:
        detail = f"trang {pages}; độ tin cậy trung bình {ocr.mean_confidence:.1f}/100; {ocr.engine}"
    return f"{t('scanned_ocr', lang)} ({detail})"
