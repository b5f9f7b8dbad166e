"""Reports of an audit: HTML, Excel, JSON, terminal tables and CI formats.

``write_report`` writes the report folder; ``summary_table`` is the terminal
summary; ``dancoso_compare.report.ci`` has the exit code, GitHub annotations and
SARIF. Labels are Vietnamese by default, English with ``lang="en"``.
"""

from __future__ import annotations

from .ci import check_exit_code, to_github, to_sarif
from .grouping import doc_key, group_by_locality
from .html import render_html
from .text import diff_text, family_text, render_plain, summary_table
from .writer import OUTPUTS, ReportTargetError, write_report
from .xlsx import build_workbook, write_xlsx

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
