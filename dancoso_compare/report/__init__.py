"""Reports of an audit: HTML, Excel, JSON, terminal tables and CI formats.

``write_report`` writes the report folder; ``summary_table`` is the terminal
summary; ``dancoso_compare.report.ci`` has the exit code, GitHub annotations and
SARIF. Labels are Vietnamese by default, English with ``lang="en"``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dancoso_compare.report.ci import check_exit_code, to_github, to_sarif
    from dancoso_compare.report.grouping import doc_key, group_by_locality
    from dancoso_compare.report.html import render_html
    from dancoso_compare.report.text import diff_text, family_text, render_plain, summary_table
    from dancoso_compare.report.writer import OUTPUTS, ReportTargetError, write_report
    from dancoso_compare.report.xlsx import build_workbook, write_xlsx

# Imported on first use: `dancoso check` must not pay for openpyxl, numpy and jinja2.
_WHERE = {
    "check_exit_code": "ci", "to_github": "ci", "to_sarif": "ci",
    "doc_key": "grouping", "group_by_locality": "grouping",
    "render_html": "html",
    "diff_text": "text", "family_text": "text", "render_plain": "text", "summary_table": "text",
    "OUTPUTS": "writer", "ReportTargetError": "writer", "write_report": "writer",
    "build_workbook": "xlsx", "write_xlsx": "xlsx",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "OUTPUTS",
    "ReportTargetError",
    "build_workbook",
    "check_exit_code",
    "diff_text",
    "doc_key",
    "family_text",
    "group_by_locality",
    "render_html",
    "render_plain",
    "summary_table",
    "to_github",
    "to_sarif",
    "write_report",
    "write_xlsx",
]
