"""Outputs for CI: an exit code, GitHub Actions annotations and SARIF 2.1.0.

A missing or partial measure is treated as an error wherever it occurs: a
resolution that does not decide every measure of the rule pack does not do what
the law asks of it, whatever the severity threshold for drafting findings. Measure
ids, names and citations are the pack's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from dancoso_compare import __version__
from dancoso_compare.models import AuditReport, DocumentAudit
from dancoso_compare.report import i18n
from dancoso_compare.report.grouping import MEASURE_KINDS, best_evidence_line, measure_ids, missing_elements

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "dancoso_compare"

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def measure_rule_id(measure: str) -> str:
    return f"DC-MEASURE-{measure}"


@dataclass(frozen=True)
class Problem:
    """One thing to report: a measure gap or a finding, located in a file."""

    rule: str
    severity: str  # error | warning | info
    message: str
    source: str
    line: int
    legal_source: str | None
    document: DocumentAudit
    node_id: str | None = None
    measure: str | None = None


def problems(report: AuditReport, lang: str = "vi") -> Iterator[Problem]:
    """Measure gaps then findings, document by document, in batch order."""
    pack = i18n.PackLabels(report.rules)
    measures = measure_ids(report.documents, report.rules)
    for doc in report.documents:
        first_line = max(doc.lines[0], 1)
        if doc.kind in MEASURE_KINDS:
            for m in measures:
                cov = doc.coverage.get(m)
                if cov is None or cov.status == "present":
                    continue
                name = pack.name(m, lang)
                if cov.status == "missing":
                    message, line = i18n.t("ci_missing", lang).format(m=m, name=name), first_line
                else:
                    elements = [pack.element(e, lang) for e in missing_elements(doc, m)]
                    key = "ci_partial" if elements else "ci_partial_noelem"
                    message = i18n.t(key, lang).format(m=m, name=name, elements=", ".join(elements))
                    line = best_evidence_line(doc, m)
                yield Problem(measure_rule_id(m), "error", message, doc.source, line,
                              pack.citation(m, lang), doc, measure=m)
        for f in doc.findings:
            message = i18n.finding_message(f, lang)
            yield Problem(f.rule, f.severity, message, doc.source, f.line or first_line,
                          i18n.legal_source(f.legal_source), doc, node_id=f.node_id)


def check_exit_code(report: AuditReport, fail_on: str = "error") -> int:
    """0 clean, 1 a measure gap or a finding at or above ``fail_on``, 2 input errors (checked first)."""
    if fail_on not in SEVERITY_RANK:
        raise ValueError(f"fail_on must be one of error, warning, info (got {fail_on!r})")
    if report.errors:
        return 2
    threshold = SEVERITY_RANK[fail_on]
    for problem in problems(report):
        if problem.measure is not None or SEVERITY_RANK[problem.severity] >= threshold:
            return 1
    return 0


# ---------------------------------------------------------------------------
# GitHub Actions workflow commands
# ---------------------------------------------------------------------------


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def _command(kind: str, message: str, **properties: Any) -> str:
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties.items() if value is not None)
    return f"::{kind} {props}::{_escape_data(message)}" if props else f"::{kind}::{_escape_data(message)}"


def to_github(report: AuditReport, lang: str = "vi") -> str:
    """One workflow command per problem; GitHub shows them as annotations on the files."""
    i18n.check_lang(lang)
    lines = [
        _command("error", f"{i18n.t('ci_input_error', lang)}: {i18n.input_error_label(err, lang)}", file=err.source,
                 title=err.code)
        for err in report.errors
    ]
    for p in problems(report, lang):
        message = p.message + (f" ({p.legal_source})" if p.legal_source else "")
        lines.append(_command(GITHUB_COMMAND[p.severity], message, file=p.source, line=p.line, title=p.rule))
    return "\n".join(lines) + ("\n" if lines else "")


# ---------------------------------------------------------------------------
# SARIF 2.1.0
# ---------------------------------------------------------------------------


def artifact_uri(source: str) -> str:
    """A URI reference for a source path: relative paths stay relative (GitHub resolves them
    against the repository root), absolute ones become file:// URIs; non-ASCII is percent-encoded."""
    if PureWindowsPath(source).drive:
        path = PureWindowsPath(source).as_posix()
        return "file:///" + quote(path, safe="/:")
    posix = PurePosixPath(source.replace("\\", "/"))
    if posix.is_absolute():
        return "file://" + quote(posix.as_posix(), safe="/")
    return quote(posix.as_posix(), safe="/")


def _rules(report: AuditReport, lang: str) -> list[dict[str, Any]]:
    rules: dict[str, dict[str, Any]] = {}
    pack = i18n.PackLabels(report.rules)
    for m in measure_ids(report.documents, report.rules):
        rules[measure_rule_id(m)] = {
            "id": measure_rule_id(m),
            "name": f"Measure{m}",
            "shortDescription": {"text": i18n.t("ci_measure_rule", lang).format(m=m, name=pack.name(m, lang))},
            "defaultConfiguration": {"level": "error"},
            "properties": {"legalSource": pack.citation(m, lang), "measure": m},
        }
    # Findings carry no rule description of their own: the first message seen
    # (batch order, so deterministic) describes the rule.
    for doc in report.documents:
        for f in doc.findings:
            if f.rule in rules:
                continue
            rule: dict[str, Any] = {
                "id": f.rule,
                "shortDescription": {"text": i18n.finding_message(f, lang)},
                "defaultConfiguration": {"level": SARIF_LEVEL[f.severity]},
                "properties": {},
            }
            if i18n.legal_source(f.legal_source):
                rule["properties"]["legalSource"] = f.legal_source
            rules[f.rule] = rule
    return list(rules.values())


def to_sarif(report: AuditReport, lang: str = "vi") -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run; measure gaps are results of rules DC-MEASURE-Mx."""
    i18n.check_lang(lang)
    rules = _rules(report, lang)
    index = {rule["id"]: n for n, rule in enumerate(rules)}
    results = []
    for p in problems(report, lang):
        result: dict[str, Any] = {
            "ruleId": p.rule,
            "ruleIndex": index[p.rule],
            "level": SARIF_LEVEL[p.severity],
            "message": {"text": p.message},
            "locations": [{
                "physicalLocation": {
                    "artifactLocation": {"uri": artifact_uri(p.source)},
                    "region": {"startLine": max(p.line, 1)},
                },
            }],
            "properties": {"documentIndex": p.document.index, "documentKind": p.document.kind},
        }
        if p.node_id:
            result["locations"][0]["logicalLocations"] = [{"fullyQualifiedName": p.node_id, "kind": "member"}]
        if p.legal_source:
            result["properties"]["legalSource"] = p.legal_source
        if p.document.locality:
            result["properties"]["locality"] = i18n.locality_label(p.document.locality, lang)
        results.append(result)

    invocation: dict[str, Any] = {"executionSuccessful": not report.errors}
    if report.errors:
        invocation["toolExecutionNotifications"] = [{
            "level": "error",
            "message": {"text": f"{i18n.t('ci_input_error', lang)}: {i18n.input_error_label(err, lang)}"},
            "descriptor": {"id": err.code},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": artifact_uri(err.source)}}}],
        } for err in report.errors]

    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "rules": rules,
                "properties": {"rulePack": report.rules.id, "rulePackVersion": report.rules.version},
            }},
            "language": "vi-VN" if lang == "vi" else "en-US",
            "invocations": [invocation],
            "results": results,
        }],
    }
