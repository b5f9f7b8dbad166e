"""Terminal output: the batch summary as a rich table, and plain-text renderings
of parent comparisons and version diffs (for the CLI, logs and CI)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from dancoso_compare.models import AuditReport, DocumentAudit, InputErrorRecord, RulesRef
from dancoso_compare.report import i18n
from dancoso_compare.report.grouping import group_by_locality, measure_ids, severity_counts

if TYPE_CHECKING:
    from dancoso_compare.report.diff import DocumentDiff
    from dancoso_compare.report.family import FamilyComparison

_START = object()
STATUS_STYLE = {"present": "bold green", "partial": "bold yellow", "missing": "bold red"}
SEVERITY_STYLE = {"error": "red", "warning": "yellow", "info": "cyan"}


def summary_table(report: AuditReport, lang: str = "vi") -> Table:
    """One row per document, grouped by locality: the representative first, the others indented."""
    i18n.check_lang(lang)
    measures = measure_ids(report.documents, report.rules)
    caption = _legend(lang) + f"\n{i18n.PackLabels(report.rules).pack_ref(lang)}"
    table = Table(title=i18n.t("report_title", lang), caption=caption, show_lines=False,
                  header_style="bold", title_style="bold")
    table.add_column(i18n.t("locality", lang), no_wrap=False)
    table.add_column(i18n.t("document", lang))
    for m in measures:
        table.add_column(m, justify="center")
    table.add_column(i18n.t("extras", lang), justify="right")
    table.add_column(i18n.t("findings", lang), justify="right")

    level: object = _START
    for group in group_by_locality(report.documents):
        if group.level != level:
            if level is not _START:
                table.add_section()
            level = group.level
            heading = i18n.level_label(level, lang) if level else i18n.t("unknown_locality", lang)
            table.add_row(Text(heading.upper(), style="bold cyan"))
        for position, doc in enumerate(group.documents):
            if position == 0:
                locality = Text(i18n.locality_label(group.locality, lang), style="bold")
            else:
                locality = Text("  └", style="dim")
            title = Text(i18n.doc_title(doc, lang), style="" if position == 0 else "dim")
            if position == 0 and group.role != "adopted":
                # A draft or Tờ trình standing in for a locality without an adopted resolution.
                title.stylize("italic yellow")
                title.append(" *", style="bold yellow")
            table.add_row(locality, title, *_status_cells(doc, measures), str(len(doc.extras)),
                          _findings_cell(doc, lang))
    return table


def _status_cells(doc: DocumentAudit, measures: list[str]) -> list[Text]:
    cells = []
    for m in measures:
        cov = doc.coverage.get(m)
        status = cov.status if cov else None
        mark = ""
        if cov is not None and cov.review is not None:  # the reviewer's status, marked as reviewed
            status, mark = cov.review.status, "✎"
        cells.append(Text(i18n.status_symbol(status) + mark, style=STATUS_STYLE.get(status or "", "dim")))
    return cells


def _findings_cell(doc: DocumentAudit, lang: str) -> Text:
    counts = severity_counts(doc)
    text = Text()
    for severity, count in counts.items():
        if count:
            if text:
                text.append(" ")
            text.append(f"{count}{i18n.severity_abbr(severity, lang)}", style=SEVERITY_STYLE[severity])
    return text if text else Text("0", style="dim")


def errors_lines(errors: list[InputErrorRecord], lang: str = "vi") -> list[str]:
    """The files that could not be read, one line each with what to do: nothing is left out silently."""
    if not errors:
        return []
    return [f"{i18n.t('input_errors', lang)} ({len(errors)}):"] + [
        f"  ✘ {record.source}: {i18n.input_error_label(record, lang)}" for record in errors
    ]


def _legend(lang: str) -> str:
    items = [f"{i18n.status_symbol(s)} {i18n.status_label(s, lang)}" for s in ("present", "partial", "missing")]
    sev = ", ".join(f"{i18n.severity_abbr(s, lang)} = {i18n.severity_label(s, lang)}" for s in ("error", "warning", "info"))
    return "  ".join(items) + f"  ·  {sev}\n* {i18n.t('stand_in_note', lang)}"


def render_plain(renderable: Any, width: int = 120) -> str:
    """A rich renderable as plain text (no colour codes), e.g. for logs or tests; strings are never read as markup."""
    console = Console(width=width, record=True, color_system=None, file=_Null(), markup=False)
    console.print(renderable)
    return console.export_text()


class _Null:
    def write(self, _: str) -> int:
        return 0

    def flush(self) -> None:
        pass


# ---------------------------------------------------------------------------
# Parent comparison
# ---------------------------------------------------------------------------

RulesArg = RulesRef | str | None


def pack_labels(rules: RulesArg) -> i18n.PackLabels:
    """Labels of the audit's rule pack; a bare pack id (older callers) names the shipped pack's measures."""
    if isinstance(rules, str):
        rules = RulesRef(id=rules, version="")
    return i18n.PackLabels(rules)


def family_warnings(cmp: FamilyComparison, lang: str = "vi") -> list[str]:
    """Why the two documents may not belong together: levels in the wrong order, another province."""
    warnings = []
    if cmp.level_ok is False:
        warnings.append(i18n.t("level_mismatch", lang))
    if cmp.same_province is False:
        warnings.append(i18n.t("not_in_province", lang).format(
            child=i18n.locality_label(cmp.child.locality, lang), parent=i18n.locality_label(cmp.parent.locality, lang)))
    return warnings


def family_rows(cmp: FamilyComparison, lang: str = "vi", rules: RulesArg | i18n.PackLabels = None) -> list[dict[str, Any]]:
    """Headings with their items; shared by the text and HTML renderings.

    ``rules``: the rule pack of the audit (``report.rules``), to name measures and elements.
    """
    pack = rules if isinstance(rules, i18n.PackLabels) else pack_labels(rules)

    def names(elements: list[str]) -> str:
        return pack.elements_label(elements, lang)

    def gap(g) -> str:
        status = i18n.status_label(g.child_status, lang)
        elements = f": {names(g.elements)}" if g.elements else ""
        return f"{g.measure} ({pack.name(g.measure, lang)}) — {status}{elements}"

    rows = [
        {"key": "omitted_measures", "heading": i18n.t("omitted_measures", lang),
         "items": [gap(g) for g in cmp.omitted_measures], "problem": True},
        {"key": "omitted_elements", "heading": i18n.t("omitted_elements", lang),
         "items": [f"{g.measure}: {names(g.elements)}" for g in cmp.omitted_elements], "problem": True},
        {"key": "added_measures", "heading": i18n.t("added_measures", lang),
         "items": [f"{m} ({pack.name(m, lang)})" for m in cmp.added_measures], "problem": False},
        {"key": "added_elements", "heading": i18n.t("added_elements", lang),
         "items": [f"{m}: {names(els)}" for m, els in cmp.added_elements.items()], "problem": False},
        {"key": "added_extras", "heading": i18n.t("added_extras", lang),
         "items": [f"{x.topic} — {i18n.where_of(x, lang)}" for x in cmp.added_extras],
         "problem": False},
    ]
    return rows


def family_text(cmp: FamilyComparison, lang: str = "vi", rules: RulesArg = None) -> str:
    i18n.check_lang(lang)
    lines = [
        i18n.t("family", lang),
        f"  {i18n.t('parent', lang)}: {cmp.parent.label(lang)} ({cmp.parent.where(lang)})",
        f"  {i18n.t('child', lang)}: {cmp.child.label(lang)} ({cmp.child.where(lang)})",
    ]
    lines.extend(f"  ! {warning}" for warning in family_warnings(cmp, lang))
    if cmp.consistent:
        lines.append(f"  ✔ {i18n.t('family_consistent', lang)}")
    for row in family_rows(cmp, lang, rules):
        lines.append(f"{row['heading']}:")
        if row["items"]:
            mark = "✘" if row["problem"] else "+"
            lines.extend(f"  {mark} {item}" for item in row["items"])
        else:
            lines.append(f"  — {i18n.t('none', lang)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Version diff
# ---------------------------------------------------------------------------


def diff_warnings(diff: DocumentDiff, lang: str = "vi") -> list[str]:
    if diff.same_locality is False:
        return [i18n.t("not_same_locality", lang).format(old=i18n.locality_label(diff.old.locality, lang),
                                                         new=i18n.locality_label(diff.new.locality, lang))]
    return []


def diff_text(diff: DocumentDiff, lang: str = "vi", *, show_unchanged: bool = False,
              rules: RulesArg = None, rules_id: str | None = None) -> str:
    i18n.check_lang(lang)
    pack = pack_labels(rules if rules is not None else rules_id)
    lines = [
        i18n.t("diff", lang),
        f"  {i18n.t('old', lang)}: {diff.old.label(lang)} ({diff.old.where(lang)})",
        f"  {i18n.t('new', lang)}: {diff.new.label(lang)} ({diff.new.where(lang)})",
    ]
    lines.extend(f"  ! {warning}" for warning in diff_warnings(diff, lang))
    lines.append(f"{i18n.t('measure_changes', lang)}:")
    if diff.measures:
        for mc in diff.measures:
            line = (f"  {mc.measure}: {i18n.status_symbol(mc.old_status)} {i18n.status_label(mc.old_status, lang)}"
                    f" → {i18n.status_symbol(mc.new_status)} {i18n.status_label(mc.new_status, lang)}")
            details = []
            if mc.gained:
                details.append(f"{i18n.t('gained', lang)}: " + pack.elements_label(mc.gained, lang))
            if mc.lost:
                details.append(f"{i18n.t('lost', lang)}: " + pack.elements_label(mc.lost, lang))
            lines.append(line + (f" ({'; '.join(details)})" if details else ""))
    else:
        lines.append(f"  — {i18n.t('no_changes', lang)}")
    for key, extras in (("extras_added", diff.extras_added), ("extras_removed", diff.extras_removed)):
        if extras:
            lines.append(f"{i18n.t(key, lang)}: " + "; ".join(x.topic for x in extras))

    lines.append(f"{i18n.t('unit_changes', lang)}:")
    shown = [u for u in diff.units if show_unchanged or u.status != "unchanged"]
    if not shown:
        lines.append(f"  — {i18n.t('no_changes', lang)}")
    line_word = i18n.t("line", lang).lower()
    for unit in shown:
        tag = f"[{i18n.t(unit.status, lang)}]"
        if unit.old and unit.new:
            where = unit.new.location(lang)
            if unit.renumbered:
                where = f"{unit.old.location(lang) or '—'} → {unit.new.location(lang) or '—'}"
            lead = f"{where} ({line_word} {unit.old.line} → {unit.new.line})" if where else \
                f"{line_word} {unit.old.line} → {unit.new.line}"
            lines.append(f"  {tag} {lead}")
            if unit.word_diff:
                lines.append(f"      {unit.word_diff}")
        else:
            ref = unit.new or unit.old
            assert ref is not None
            lines.append(f"  {tag} {i18n.where_of(ref, lang)}: {_short(ref.text)}")
    return "\n".join(lines) + "\n"


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
