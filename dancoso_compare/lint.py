"""Drafting checks ("lint") for resolutions on grassroots democracy.

Given a parsed :class:`~dancoso_compare.models.Document`, report what a
reviewer at a provincial justice department would point out before or after
adoption: legal bases that were not in force, wrong numbering of Điều, khoản
and điểm, missing parts, inconsistent dates, district-level issuers after the
2025 reform, common misspellings.

Every rule lives in ``rules/checks.yaml`` (severity, messages, legal source);
everything the rules know about the law lives in ``rules/legal_sources.yaml``
and ``rules/drafting.yaml``. This module only decides *where* a rule applies,
so nothing here is specific to one province, commune or seed text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from datetime import date

from . import admin_units, dates
from .models import Citation, Document, Finding, Locality, Node
from .registry import Instrument, RuleData, loose_key, load_rules, normalize_number
from .structure import is_codified

__all__ = ["CheckInfo", "format_checks_table", "lint_document", "list_checks", "reference_date"]

# Paragraph roles that are not the body of the decision: cue phrases found
# there (e.g. "Thường trực UBND" in the Nơi nhận list) say nothing about it.
_NON_CONTENT_ROLES = {
    "header", "title", "issuer", "session", "legal_basis", "considered",
    "recipients", "recipient", "signature", "addressee", "number", "place_date",
    "national_motto",
}
_STRUCTURE = {"part", "chapter", "section", "article"}


# ---------------------------------------------------------------------------
# Catalogue
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckInfo:
    id: str
    severity: str
    severity_by_kind: dict[str, str]
    title_vi: str
    title_en: str
    legal_source: str
    description: str


def list_checks(rules: RuleData | None = None) -> list[CheckInfo]:
    rules = rules or load_rules()
    return [
        CheckInfo(
            id=c.id,
            severity=c.severity,
            severity_by_kind=dict(c.severity_by_kind),
            title_vi=c.title_vi,
            title_en=c.title_en,
            legal_source=c.legal_source,
            description=c.description,
        )
        for c in sorted(rules.catalogue.checks, key=lambda c: c.id)
    ]


def format_checks_table(rules: RuleData | None = None):  # -> rich.table.Table
    """The catalogue as a rich table, for ``dancoso rules list``."""
    from rich.table import Table

    table = Table(title="Drafting checks (lint)", show_lines=False)
    for column in ("ID", "Severity", "Check", "Kiểm tra", "Legal source"):
        table.add_column(column, overflow="fold")
    for info in list_checks(rules):
        severity = info.severity + "".join(f", {k}: {v}" for k, v in sorted(info.severity_by_kind.items()))
        table.add_row(info.id, severity, info.title_en, info.title_vi, info.legal_source)
    return table


# ---------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------


def lint_document(
    doc: Document,
    *,
    related: Sequence[Document] = (),
    today: date | None = None,
    rules: RuleData | None = None,
) -> list[Finding]:
    """All drafting findings for ``doc``, sorted by line then rule id.

    ``related`` are the other documents of the same file or batch (the Tờ
    trình filed with a resolution) for cross-document date checks; ``today``
    (default: the system date) bounds plausible dates.
    """
    linter = _Linter(doc, [d for d in related if d is not doc], today or date.today(), rules or load_rules())
    linter.run()
    return sorted(linter.findings, key=lambda f: (f.line or 0, f.rule, f.node_id or "", f.message))


def reference_date(doc: Document) -> date | None:
    """The date the document speaks from: its date, else adoption, else the latest considered document."""
    for value in (doc.date, doc.adopted):
        day = _iso(value)
        if day:
            return day
    considered = [d for d in (_iso(c.date) for c in doc.considered if not c.blank) if d]
    return max(considered) if considered else None


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


def _iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _vn(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _symbol(number: str) -> str:
    """Issuer symbol of a document number: '10/2022/QH15' -> 'QH15', '346/QĐ-TTg' -> 'QĐ-TTG'."""
    return normalize_number(number).rsplit("/", 1)[-1]


def _nfc_lower(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower()


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole-word pattern of a phrase on loose keys (compiled once per phrase)."""
    return re.compile(rf"(?<![0-9a-z]){re.escape(loose_key(phrase))}(?![0-9a-z])")


def _has_phrase(folded_text: str, phrase: str) -> bool:
    return _phrase_pattern(phrase).search(folded_text) is not None


@lru_cache(maxsize=256)
def _any_phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternation = "|".join(re.escape(loose_key(p)) for p in sorted(phrases, key=len, reverse=True)) or "(?!)"
    return re.compile(rf"(?<![0-9a-z])(?:{alternation})(?![0-9a-z])")


def _has_any_phrase(folded_text: str, phrases) -> bool:  # noqa: ANN001
    """One scan for a whole list of phrases (the checks test every sentence against lists)."""
    return _any_phrase_pattern(tuple(phrases)).search(folded_text) is not None


def _phrase_spans(folded_text: str, phrases: Iterable[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping matches, longest first ("Tổ đại biểu UBND" hides "đại biểu UBND")."""
    hits = []
    for phrase in phrases:
        for m in _phrase_pattern(phrase).finditer(folded_text):
            hits.append((m.start(), m.end(), phrase))
    kept: list[tuple[int, int, str]] = []
    for hit in sorted(hits, key=lambda h: h[0] - h[1]):
        if all(hit[1] <= k[0] or hit[0] >= k[1] for k in kept):
            kept.append(hit)
    return sorted(kept)


@lru_cache(maxsize=256)
def _misspelling_pattern(wrong: str, followed_by: str | None) -> re.Pattern[str]:
    tail = rf"(?={followed_by})" if followed_by else r"(?!\w)"
    return re.compile(rf"(?<!\w){re.escape(_nfc_lower(wrong))}{tail}")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"[.;\n]+", text) if s.strip()]


def _node_text(node: Node) -> str:
    return f"{node.title}\n{node.clean}" if node.title and node.title not in node.clean else node.clean


_YEAR_RE = re.compile(r"năm\s+((?:19|20)\d{2})\b", re.IGNORECASE)


def _date_in(text: str) -> date | None:
    found = dates.find_date(unicodedata.normalize("NFC", text))
    return dates.parse_iso(found.iso) if found else None


# ---------------------------------------------------------------------------
# The checks
# ---------------------------------------------------------------------------


class _Linter:
    def __init__(self, doc: Document, related: list[Document], today: date, rules: RuleData) -> None:
        self.doc = doc
        self.related = related
        self.today = today
        self.rules = rules
        self.draft = rules.drafting
        self.sources = rules.legal_sources
        self.findings: list[Finding] = []
        self._seen: set[tuple[str, str | None, int | None, str]] = set()
        self.parents: dict[str, Node | None] = {}
        for top in doc.body:
            self._index_parents(top, None)
        self.nodes = list(doc.walk())
        self.ref_date = reference_date(doc)

    def _index_parents(self, node: Node, parent: Node | None) -> None:
        self.parents[node.id] = parent
        for child in node.children:
            self._index_parents(child, node)

    # -- emitting ---------------------------------------------------------

    def emit(self, rule: str, where: Node | None = None, line: int | None = None, **fields: object) -> None:
        check = self.rules.catalogue.get(rule)
        if where is None and line is None:
            line = self.doc.lines[0]
            first = min(self.doc.body, key=lambda n: n.lines[0], default=None)
            node_id = first.id if first else None
        else:
            node_id = where.id if where else None
            line = line or (where.lines[0] if where else self.doc.lines[0])
        values = {name: "" for name in check.fields}
        values.update({k: str(v) for k, v in fields.items()})
        for name in check.fields:  # an _en field falls back to the plain one
            if not values.get(name):
                values[name] = values.get(name.removesuffix("_en").removesuffix("_vi"), "")
        finding = Finding(
            rule=rule,
            severity=check.severity_for(self.doc.kind),
            message=check.message_vi.format_map(values),
            message_en=check.message_en.format_map(values),
            node_id=node_id,
            line=line,
            legal_source=check.legal_source,
        )
        key = (rule, node_id, line, finding.message)
        if key not in self._seen:
            self._seen.add(key)
            self.findings.append(finding)

    # -- locating ---------------------------------------------------------

    def content_nodes(self) -> list[Node]:
        """Nodes of the decision itself: not the header, Căn cứ, Nơi nhận or signature (nor their children)."""
        out: list[Node] = []

        def visit(node: Node) -> None:
            if node.role in _NON_CONTENT_ROLES:
                return
            out.append(node)
            for child in node.children:
                visit(child)

        for top in self.doc.body:
            visit(top)
        return out

    def node_at(self, line: int, roles: set[str]) -> Node | None:
        """The smallest node covering ``line``, preferring the given roles."""
        covering = [n for n in self.nodes if n.lines[0] <= line <= n.full_lines[1]]
        preferred = [n for n in covering if n.role in roles] or covering
        return min(preferred, key=lambda n: n.full_lines[1] - n.lines[0], default=None)

    def cite_where(self, cit: Citation, role: str) -> tuple[Node | None, int | None]:
        if cit.line:
            return self.node_at(cit.line, {role}), cit.line
        nodes = [n for n in self.nodes if n.role == role]
        return (nodes[0], nodes[0].lines[0]) if nodes else (None, None)

    @staticmethod
    def line_of(node: Node, folded_needle: str) -> int:
        """Line of the first line of ``node.text`` holding the phrase (else the node's first line)."""
        for offset, text_line in enumerate(node.text.splitlines()):
            if folded_needle and folded_needle in loose_key(text_line):
                return node.lines[0] + offset
        return node.lines[0]

    def where_text(self, node: Node, phrase: str) -> int:
        return self.line_of(node, loose_key(phrase))

    # -- run ----------------------------------------------------------------

    def run(self) -> None:
        if self.ref_date is None and self.doc.kind != "other":  # a news item has no formal date to check
            self.emit("DC-DATE-001")
        self.check_citations()
        self.check_numbering()
        self.check_required_parts()
        self.check_supervision_bodies()
        self.check_dates()
        self.check_admin_units()
        self.check_misspellings()

    # -- citations --------------------------------------------------------

    def check_citations(self) -> None:
        effective = self.effective_date()
        roles: set[str] = set()
        for cit in self.doc.legal_bases:
            if cit.blank:
                continue
            node, line = self.cite_where(cit, "legal_basis")
            inst = self.resolve(cit, node, line)
            if inst is None:
                continue
            roles.update(inst.roles)
            self.check_validity(cit, inst, node, line, effective)
        if self.doc.legal_bases and self.doc.kind in ("nghi_quyet", "to_trinh"):
            for basis in self.draft.core_bases:
                if basis.role in roles:
                    continue
                current = [i for i in self.sources.with_role(basis.role) if self.ref_date and i.in_force_on(self.ref_date)]
                self.emit(
                    "DC-CIT-004",
                    basis=basis.name_vi,
                    basis_en=basis.name_en,
                    in_force_vi=f" (văn bản đang có hiệu lực: {current[0].label})" if current else "",
                    in_force_en=f" (in force: {current[0].label})" if current else "",
                )

    def check_validity(self, cit: Citation, inst: Instrument, node: Node | None, line: int | None, effective: date | None) -> None:
        ref = self.ref_date
        if ref is None:
            return
        if inst.ceased is not None and ref >= inst.ceased:
            # Follow the chain of replacements to the instrument in force at
            # the reference date (77/2015 -> 65/2025 -> 72/2025).
            chain = []
            current = inst
            while current.replaced_by and current.ceased is not None and ref >= current.ceased and len(chain) < 10:
                current = self.sources.get(current.replaced_by)
                chain.append(current)
            first = chain[0].label if chain else "—"
            now_vi = f", nay là {chain[-1].label}" if len(chain) > 1 else ""
            now_en = f", now {chain[-1].label}" if len(chain) > 1 else ""
            self.emit(
                "DC-CIT-001", node, line,
                cited=inst.label, ceased=_vn(inst.ceased), ref_date=_vn(ref),
                replacement=first + now_vi, replacement_en=first + now_en,
            )
        takes_effect = min(ref, effective or ref) if ref < inst.issued else (effective or ref)
        if takes_effect < inst.in_force:
            self.emit("DC-CIT-002", node, line, cited=inst.label, in_force=_vn(inst.in_force), effective=_vn(takes_effect))

    def resolve(self, cit: Citation, node: Node | None, line: int | None) -> Instrument | None:
        """The registry instrument a Căn cứ cites, reporting what does not match (DC-CIT-003/005)."""
        cited_date = _iso(cit.date) or (None if cit.year else _date_in(cit.text))
        cited_year = cit.year or (cited_date.year if cited_date else None)
        if cited_year is None and not cit.number:
            m = _YEAR_RE.search(cit.text)
            cited_year = int(m.group(1)) if m else None
        shown = cit.text if len(cit.text) <= 160 else cit.text[:157] + "..."

        if cit.number:
            inst = self.sources.by_number(cit.number)
            if inst is not None:
                if cited_date and cited_date != inst.issued:
                    self.emit(
                        "DC-CIT-003", node, line, cited=shown,
                        problem=f"{inst.type} {inst.number} ban hành ngày {_vn(inst.issued)}, không phải ngày {_vn(cited_date)}",
                        problem_en=f"{inst.type} {inst.number} was issued on {_vn(inst.issued)}, not on {_vn(cited_date)}",
                    )
                elif not cited_date and cited_year and cited_year != inst.issued.year:
                    self.emit(
                        "DC-CIT-003", node, line, cited=shown,
                        problem=f"{inst.number} ban hành năm {inst.issued.year}, không phải năm {cited_year}",
                        problem_en=f"{inst.number} was issued in {inst.issued.year}, not in {cited_year}",
                    )
                return inst

        by_name = self.match_name(cit)
        if cit.number:
            # A number unknown to the registry only points at a registry
            # instrument of the same name if it has the same issuer symbol
            # (".../QH15"): a province's own "Quyết định .../QĐ-UBND ban hành Kế
            # hoạch ..." is another instrument, not a misnumbered 346/QĐ-TTg.
            symbol = _symbol(cit.number)
            by_name = [i for i in by_name if i.number and _symbol(i.number) == symbol]
        if by_name:
            dated = [i for i in by_name if cited_date and i.issued == cited_date]
            yeared = [i for i in by_name if cited_year and i.issued.year == cited_year]
            if cited_date and not dated:
                names = "; ".join(f"{i.label}: {_vn(i.issued)}" for i in by_name)
                self.emit(
                    "DC-CIT-003", node, line, cited=shown,
                    problem=f"không có văn bản cùng tên ban hành ngày {_vn(cited_date)} ({names})",
                    problem_en=f"no instrument of that name was issued on {_vn(cited_date)} ({names})",
                )
                return None
            if not cited_date and cited_year and not yeared:
                names = "; ".join(f"{i.label}: {i.issued.year}" for i in by_name)
                self.emit(
                    "DC-CIT-003", node, line, cited=shown,
                    problem=f"không có văn bản cùng tên ban hành năm {cited_year} ({names})",
                    problem_en=f"no instrument of that name was issued in {cited_year} ({names})",
                )
                return None
            candidates = dated or yeared or by_name
            if len(candidates) > 1 and self.ref_date:
                candidates = [i for i in candidates if i.in_force_on(self.ref_date)] or candidates
            if len(candidates) == 1:
                inst = candidates[0]
                if cit.number and inst.number:  # the name and date fit, the number does not
                    self.emit(
                        "DC-CIT-003", node, line, cited=shown,
                        problem=f"số {cit.number} không đúng, {inst.label} có số {inst.number}",
                        problem_en=f"number {cit.number} is wrong, {inst.label} is numbered {inst.number}",
                    )
                return inst
        self.emit("DC-CIT-005", node, line, cited=shown)
        return None

    def match_name(self, cit: Citation) -> list[Instrument]:
        """Instruments whose name starts the citation (longest name wins)."""
        texts = [t for t in (cit.title, f"{cit.type} {cit.title}" if cit.type and cit.title else None, cit.text) if t]
        folded = [re.sub(r"^(can cu|xet)\s+", "", loose_key(t)) for t in texts]
        best, hits = 0, []
        for inst in self.sources.instruments:
            for name in inst.names:
                key = loose_key(name)
                if any(t == key or t.startswith(key + " ") for t in folded):
                    if len(key) > best:
                        best, hits = len(key), [inst]
                    elif len(key) == best and inst not in hits:
                        hits.append(inst)
        return hits

    def effective_date(self) -> date | None:
        """Date the document takes effect, when its adoption clause says so."""
        cues = self.draft.cues
        for node in self.content_nodes():
            text = _node_text(node)
            folded = loose_key(text)
            if not _has_any_phrase(folded, cues.effect):
                continue
            m = re.search(r"hiệu lực[^.;]{0,40}?ngày\s*\d", text, re.IGNORECASE)
            if m:
                day = _date_in(text[m.start() :])
                if day:
                    return day
            if _has_any_phrase(folded, cues.effect_from_adoption):
                return _iso(self.doc.adopted) or _iso(self.doc.date)
        return None

    # -- numbering --------------------------------------------------------

    def check_numbering(self) -> None:
        # An item the parser could not attach (stray_item) is reported as such
        # (DC-NUM-008), not as a gap in the sequence it was left out of.
        self.stray = {a.node_id for a in self.doc.anomalies if a.code == "stray_item"}
        articles = [n for n in self.nodes if n.kind == "article" and not is_codified(n)]  # Pháp điển labels: no sequence
        self.number_sequence(articles)
        for group in self.sibling_groups("clause"):
            self.number_sequence(group)
        for group in self.sibling_groups("point"):
            self.letter_sequence(group)
        self.check_anomalies()

    def sibling_groups(self, kind: str) -> list[list[Node]]:
        """Runs of same-kind siblings; a heading between them (Mục II) starts a new run."""
        groups: list[list[Node]] = []
        for children in [self.doc.body] + [n.children for n in self.nodes]:
            run: list[Node] = []
            for child in children:
                if child.kind == kind:
                    run.append(child)
                elif child.kind in _STRUCTURE and run:
                    groups.append(run)
                    run = []
            if run:
                groups.append(run)
        return groups

    def describe(self, node: Node) -> str:
        """'khoản 3 Điều 1', 'điểm g) khoản 3 Điều 1', 'Điều 4'."""
        parts = []
        current: Node | None = node
        while current is not None:
            if current.kind == "article":
                parts.append(current.label or "Điều ?")
            elif current.kind == "clause":
                parts.append(f"khoản {current.label}")
            elif current.kind == "point":
                parts.append(f"điểm {current.label})")
            current = self.parents.get(current.id)
        return " ".join(parts) or (node.label or node.id)

    def number_sequence(self, nodes: list[Node]) -> None:
        previous: Node | None = None
        seen: set[int] = set()
        for node in nodes:
            if node.id in self.stray:
                continue
            m = re.search(r"(\d+)\s*([^\W\d_]*)\s*$", node.label or "")
            if not m:
                continue
            number, suffix = int(m.group(1)), m.group(2)
            if suffix:
                if node.kind == "article":
                    self.emit("DC-NUM-007", node, label=node.label)
                else:
                    self.emit("DC-NUM-006", node, what=self.describe(node), label=node.label)
                continue
            before = previous.number if previous is not None else 0
            shown_prev = self.describe(previous) if previous is not None else "đầu danh sách"
            shown_prev_en = self.describe(previous) if previous is not None else "the start"
            if number in seen:
                self.emit("DC-NUM-002", node, what=self.describe(node))
            elif number > before + 1:
                missing = ", ".join(str(i) for i in range(before + 1, number))
                self.emit("DC-NUM-001", node, what=self.describe(node), previous=shown_prev, previous_en=shown_prev_en, missing=missing)
            elif number <= before:
                self.emit("DC-NUM-003", node, what=self.describe(node), previous=shown_prev, previous_en=shown_prev_en)
            seen.add(number)
            previous = node

    def letter_sequence(self, nodes: list[Node]) -> None:
        letters = self.draft.point_letters
        order = {letter: i for i, letter in enumerate(letters.sequence)}
        previous: Node | None = None
        seen: set[str] = set()
        for node in nodes:
            if node.id in self.stray:
                continue
            label = _nfc_lower((node.label or "").strip(" ).")).strip()
            if not label:
                continue
            if re.fullmatch(r"[^\W\d_]\d+", label):
                self.emit("DC-NUM-006", node, what=self.describe(node), label=node.label)
                continue
            if label in letters.invalid:
                self.emit("DC-NUM-004", node, label=node.label)
                continue
            if label in letters.nonstandard:
                self.emit("DC-NUM-005", node, label=node.label)
                continue
            if label not in order:
                continue
            index = order[label]
            before = order[_nfc_lower(previous.label or "").strip(" ).")] if previous is not None else -1
            shown_prev = self.describe(previous) if previous is not None else "đầu danh sách"
            shown_prev_en = self.describe(previous) if previous is not None else "the start"
            if label in seen:
                self.emit("DC-NUM-002", node, what=self.describe(node))
            elif index > before + 1:
                missing = ", ".join(letters.sequence[before + 1 : index])
                self.emit("DC-NUM-001", node, what=self.describe(node), previous=shown_prev, previous_en=shown_prev_en, missing=missing)
            elif index <= before:
                self.emit("DC-NUM-003", node, what=self.describe(node), previous=shown_prev, previous_en=shown_prev_en)
            seen.add(label)
            previous = node

    # The parser's anomalies cover what the tree alone cannot show (an item
    # it could not attach, a restart it re-parented); those the tree analysis
    # already reported for the same node are not repeated.
    _ANOMALY_RULES = {
        "numbering_gap": "DC-NUM-001",
        "duplicate_label": "DC-NUM-002",
        "out_of_order": "DC-NUM-003",
        "restart": "DC-NUM-003",
        "invalid_point_letter": "DC-NUM-004",
        "nonstandard_point_letter": "DC-NUM-005",
        "inserted_label": "DC-NUM-006",
        "suffixed_label": "DC-NUM-007",
        "stray_item": "DC-NUM-008",
    }

    def check_anomalies(self) -> None:
        for anomaly in self.doc.anomalies:
            rule = self._ANOMALY_RULES[anomaly.code]
            if anomaly.code != "stray_item" and anomaly.node_id in self.stray:
                continue
            node = self.doc.find(anomaly.node_id)
            node_id = node.id if node else anomaly.node_id
            if any(f.rule == rule and (f.node_id == node_id or f.line == anomaly.line) for f in self.findings):
                continue
            what = self.describe(node) if node else anomaly.label
            self.emit(
                rule, node, anomaly.line or None,
                what=what, label=anomaly.label, detail=anomaly.detail,
                previous="mục trước", previous_en="the previous item", missing=anomaly.detail,
            )
            if node is None:  # keep the parser's id even without a node in the tree
                self.findings[-1] = self.findings[-1].model_copy(update={"node_id": anomaly.node_id})

    # -- required parts ---------------------------------------------------

    def has_role_or_cue(self, role: str, cues: list[str], *, starts: bool = False, nodes: list[Node] | None = None) -> bool:
        if any(n.role == role for n in self.nodes):
            return True
        for node in nodes if nodes is not None else self.nodes:
            folded = loose_key(_node_text(node))
            if starts and any(folded.startswith(loose_key(c)) for c in cues):
                return True
            if not starts and _has_any_phrase(folded, cues):
                return True
        return False

    def check_required_parts(self) -> None:
        doc, cues = self.doc, self.draft.cues
        if doc.kind == "other":
            return
        if doc.draft:
            blanks = [w for w, missing in (("số", not doc.number), ("ngày", not doc.date)) if missing] or ["số hoặc ngày"]
            blanks_en = [w for w, missing in (("number", not doc.number), ("date", not doc.date)) if missing] or ["number or date"]
            self.emit("DC-REQ-001", blank_vi=", ".join(blanks), blank_en=" and ".join(blanks_en))
        else:
            if not doc.number:
                self.emit("DC-REQ-002")
            if not doc.date:
                self.emit("DC-REQ-003")
            if not doc.signer:
                self.emit("DC-REQ-012")
        if not doc.legal_bases and not any(n.role == "legal_basis" for n in self.nodes):
            self.emit("DC-REQ-004")
        for cit in doc.considered:
            if cit.blank:
                node, line = self.cite_where(cit, "considered")
                self.emit("DC-REQ-015", node, line, cited=self.cited_name(cit))
        if doc.kind == "nghi_quyet":
            self.check_resolution_parts()
        elif doc.kind == "to_trinh":
            if not doc.addressee and not self.has_role_or_cue("addressee", cues.addressee, starts=True):
                self.emit("DC-REQ-013")
            if not self.has_role_or_cue("proposal", cues.proposal):
                self.emit("DC-REQ-014")

    def check_resolution_parts(self) -> None:
        cues, content = self.draft.cues, self.content_nodes()
        if not self.has_role_or_cue("decision_formula", cues.decision_formula, starts=True):
            self.emit("DC-REQ-005")
        if not any(n.kind in ("article", "clause") for n in self.nodes):
            self.emit("DC-REQ-006")
        if not self.has_role_or_cue("funding", cues.funding, nodes=content):
            self.emit("DC-REQ-007")
        sentences = [loose_key(s) for n in content for s in _sentences(_node_text(n))]
        supervision = [s for s in sentences if _has_any_phrase(s, self.draft.supervision.verbs)]
        if not any(self.implements(s) for s in sentences if s not in supervision):
            self.emit("DC-REQ-008")
        bodies = self.draft.supervision.hdnd_bodies + self.draft.supervision.ubnd_bodies
        if not any(_phrase_spans(s, bodies) for s in supervision):
            self.emit("DC-REQ-009")
        if not self.has_role_or_cue("adoption", cues.adoption, nodes=content):
            self.emit("DC-REQ-010")
        elif not any(_has_any_phrase(loose_key(_node_text(n)), cues.effect) for n in content):
            self.emit("DC-REQ-011")

    def implements(self, folded_sentence: str) -> bool:
        impl = self.draft.implementation
        actors = [m.start() for m in _any_phrase_pattern(tuple(impl.actors)).finditer(folded_sentence)]
        verbs = [m.start() for m in _any_phrase_pattern(tuple(impl.verbs)).finditer(folded_sentence)]
        return bool(actors and verbs and min(actors) < max(verbs))

    def check_supervision_bodies(self) -> None:
        sup = self.draft.supervision
        for node in self.content_nodes():
            found: list[str] = []
            for sentence in _sentences(_node_text(node)):
                folded = loose_key(sentence)
                if _has_any_phrase(folded, sup.verbs):
                    found += [phrase for _, _, phrase in _phrase_spans(folded, sup.ubnd_bodies)]
            if found:
                unique = list(dict.fromkeys(found))
                self.emit("DC-IMP-001", node, self.where_text(node, unique[0]), bodies=", ".join(unique))

    # -- dates ------------------------------------------------------------

    def is_kind(self, cit: Citation, cue_list: list[str], number_mark: str) -> bool:
        head = re.sub(r"^(xet|can cu)\s+", "", loose_key(f"{cit.type or ''} {cit.text}".strip()))
        if cit.number and number_mark in normalize_number(cit.number):
            return True
        return any(head.startswith(loose_key(c)) or (cit.type and loose_key(cit.type).startswith(loose_key(c))) for c in cue_list)

    def cited_name(self, cit: Citation) -> str:
        kind = cit.type or (cit.text.split(" số")[0] if " số" in cit.text else cit.text[:60])
        return f"{kind} {cit.number}".strip() if cit.number else kind

    def check_dates(self) -> None:
        doc, cues = self.doc, self.draft.cues
        submissions = [c for c in doc.considered if self.is_kind(c, cues.submission, "/TTR")]
        reports = [
            c for c in doc.considered
            if c not in submissions and any(_has_phrase(loose_key(f"{c.type or ''} {c.text}"), cue) for cue in cues.review_report)
        ]
        for report in reports:
            r_day = _iso(report.date)
            for sub in submissions:
                s_day = _iso(sub.date)
                if r_day and s_day and r_day < s_day:
                    node, line = self.cite_where(report, "considered")
                    self.emit(
                        "DC-DATE-002", node, line,
                        report=self.cited_name(report), report_date=_vn(r_day),
                        submission=self.cited_name(sub), submission_date=_vn(s_day),
                    )
        own_date, adopted = _iso(doc.date), _iso(doc.adopted)
        if doc.kind == "nghi_quyet":
            self.check_adoption_dates(submissions, own_date, adopted)
        own_ref = own_date or adopted
        if own_ref:
            for cit in doc.considered:
                c_day = _iso(cit.date)
                if c_day and not cit.blank and c_day > own_ref:
                    node, line = self.cite_where(cit, "considered")
                    self.emit("DC-DATE-006", node, line, cited=self.cited_name(cit), cited_date=_vn(c_day), ref_date=_vn(own_ref))
        for other in self.related:
            other_day = _iso(other.date)
            if other.kind != "to_trinh" or not other.number or not other_day:
                continue
            for sub in submissions:
                s_day = _iso(sub.date)
                if sub.number and normalize_number(sub.number) == normalize_number(other.number) and s_day and s_day != other_day:
                    node, line = self.cite_where(sub, "considered")
                    self.emit("DC-DATE-007", node, line, cited=self.cited_name(sub), cited_date=_vn(s_day), related_date=_vn(other_day))
        if self.ref_date and self.ref_date > self.today:
            self.emit("DC-DATE-008", ref_date=_vn(self.ref_date), today=_vn(self.today))

    def check_adoption_dates(self, submissions: list[Citation], own_date: date | None, adopted: date | None) -> None:
        if own_date and adopted and own_date > adopted:
            self.emit("DC-DATE-004", date=_vn(own_date), adopted=_vn(adopted))
        if own_date and adopted and own_date < adopted:
            self.emit("DC-DATE-005", date=_vn(own_date), adopted=_vn(adopted))
        if not adopted:
            return
        dated: list[tuple[str, date, Citation | None]] = [
            (self.cited_name(s), d, s) for s in submissions if (d := _iso(s.date))
        ]
        cited_numbers = {normalize_number(s.number) for s in submissions if s.number}
        for other in self.related:
            d = _iso(other.date)
            if other.kind == "to_trinh" and d and (not other.number or normalize_number(other.number) not in cited_numbers):
                dated.append((f"Tờ trình {other.number or ''}".strip(), d, None))
        for name, day, cit in dated:
            if adopted < day:
                node, line = self.cite_where(cit, "considered") if cit else (None, None)
                self.emit("DC-DATE-003", node, line, adopted=_vn(adopted), submission=name, submission_date=_vn(day))

    # -- administrative units ---------------------------------------------

    def check_admin_units(self) -> None:
        loc: Locality | None = self.doc.locality
        if loc is None:
            return
        ref = self.ref_date
        unit = admin_units.issuer_unit(loc, self.draft.centrally_run_cities, as_of=ref)
        if ref is not None and ref >= admin_units.TWO_TIER_DATE:
            if unit.ceased:
                self.emit("DC-ADM-001", unit=loc.unit, name=loc.name, ref_date=_vn(ref))
            elif unit.merged and unit.level == "tinh":
                self.emit("DC-ADM-002", unit=loc.unit, name=loc.name, current=unit.current_province, ref_date=_vn(ref))
        elif unit.merged:
            self.emit("DC-ADM-003", unit=loc.unit, name=loc.name, current=unit.current_province)

    # -- wording ----------------------------------------------------------

    def check_misspellings(self) -> None:
        patterns = [(item, _nfc_lower(item.wrong), _misspelling_pattern(item.wrong, item.followed_by))
                    for item in self.draft.misspellings]
        whole = _nfc_lower("\n".join(_node_text(n) for n in self.nodes))
        patterns = [p for p in patterns if p[2].search(whole)]  # most documents have none: one scan each
        for node in self.nodes if patterns else ():
            text = _nfc_lower(_node_text(node))
            for item, wrong, pattern in patterns:
                for m in pattern.finditer(text):
                    printed = _node_text(node)[m.start() : m.end()]
                    self.emit("DC-TXT-001", node, self.line_in_text(node, wrong), wrong=printed, right=item.right)

    @staticmethod
    def line_in_text(node: Node, needle: str) -> int:
        for offset, text_line in enumerate(node.text.splitlines()):
            if needle in _nfc_lower(text_line):
                return node.lines[0] + offset
        return node.lines[0]
