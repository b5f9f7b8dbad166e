"""The catalogue of every check the tool reports: drafting checks and the comparator's measure findings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from dancoso_compare.checks.rules import RuleData, load_rules

if TYPE_CHECKING:
    from rich.table import Table

    from dancoso_compare.measures.rulepack import RulePack

__all__ = ["CheckInfo", "INPUT_CHECKS", "MEASURE_CHECKS", "checks_table", "format_checks_table", "list_checks"]

# Findings raised by the comparator itself (compare.py); their legal source is the rule pack's article,
# filled in from the pack when the catalogue is printed.
MEASURE_CHECKS = (
    ("DC-MEASURE-<id>", "error", "Biện pháp bắt buộc bị thiếu hoặc chỉ có một phần"),
    ("DC-MEAS-ORDER", "info", "Thứ tự các biện pháp khác thứ tự của điều luật"),
    ("DC-MEAS-SPLIT", "info", "Một biện pháp được tách thành nhiều mục"),
    ("DC-MEAS-MERGED", "info", "Một mục gộp nhiều biện pháp"),
    ("DC-MEAS-MISPLACED", "info", "Một điểm có nội dung thuộc chế độ khác (báo cáo, kinh phí, ...)"),
)

# Findings about how the input was read (ingest/ocr.py).
INPUT_CHECKS = (
    ("DC-INPUT-OCR-LOWCONF", "warning", "Trang văn bản quét được nhận dạng ký tự với độ tin cậy thấp", "Tesseract OCR (vie)"),
)


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


def format_checks_table(rules: RuleData | None = None) -> Table:
    """The drafting checks as a rich table (English and Vietnamese titles)."""
    from rich.table import Table

    table = Table(title="Drafting checks (lint)", show_lines=False)
    for column in ("ID", "Severity", "Check", "Kiểm tra", "Legal source"):
        table.add_column(column, overflow="fold")
    for info in list_checks(rules):
        severity = info.severity + "".join(f", {k}: {v}" for k, v in sorted(info.severity_by_kind.items()))
        table.add_row(info.id, severity, info.title_en, info.title_vi, info.legal_source)
    return table


def checks_table(pack: RulePack | None = None) -> Table:
    """Every check, drafting and measure (sourced to ``pack``'s article, the default pack's when None), for
    ``dancoso rules list``."""
    from rich.table import Table

    from dancoso_compare.measures.rulepack import load_pack

    pack = pack or load_pack()
    law = f"{pack.law.article} {pack.law.instrument}"

    table = Table("id", "severity", "check", "legal source", title="dancoso checks")
    for info in list_checks():
        table.add_row(info.id, info.severity, info.title_vi, info.legal_source)
    for row in MEASURE_CHECKS:
        table.add_row(*row, law)
    for row in INPUT_CHECKS:
        table.add_row(*row)
    return table
