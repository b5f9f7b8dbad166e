"""A debug dump of the mapping: every decision with its scores, every cue match in its line.

Like eyecite's annotate-and-dump: the reviewer sees exactly which words of the
original file made the tool decide, with [[brackets]] around each match.
"""

from __future__ import annotations

from .models import DocumentAudit, ParsedFile
from .normalize import line_of, line_starts


def _mark(text: str, starts: list[int], spans: list[tuple[int, int]], width: int = 160) -> list[str]:
    """Each original line touched by ``spans``, with the matches bracketed."""
    by_line: dict[int, list[tuple[int, int]]] = {}
    for start, end in spans:
        by_line.setdefault(line_of(starts, start), []).append((start, end))
    out = []
    for number in sorted(by_line):
        begin = starts[number - 1]
        finish = starts[number] - 1 if number < len(starts) else len(text)
        line = text[begin:finish].rstrip("\r\n")
        marked, cursor = [], 0
        for start, end in sorted(by_line[number]):
            a, b = start - begin, min(end - begin, len(line))
            if a < cursor:
                continue  # overlapping matches: keep the first
            marked += [line[cursor:a], "[[", line[a:b], "]]"]
            cursor = b
        marked.append(line[cursor:])
        rendered = "".join(marked).strip()
        out.append(f"    {number:>5} | {rendered if len(rendered) <= width else rendered[: width - 3] + '...'}")
    return out


def explain(parsed: ParsedFile, audits: list[DocumentAudit]) -> str:
    text = parsed.text
    starts = line_starts(text)
    lines: list[str] = []
    for doc, audit in zip(parsed.documents, audits):
        lines.append(f"== {parsed.source}#{audit.index} {audit.kind} {audit.issuer or ''} (lines {audit.lines[0]}-{audit.lines[1]})")
        for unit in audit.mapping:
            target = ", ".join(unit.measures) if unit.measures else f"extra: {unit.topic}"
            scores = " ".join(f"{m} {v:.2f}" for m, v in unit.scores.items())
            similarity = " ".join(f"{m} {v:.2f}" for m, v in unit.heading_similarity.items()) or "not needed (a cue names the measure)"
            lines.append(f"-- {unit.id} (line {unit.line}) -> {target} [{unit.method}]")
            lines.append(f"   scores: {scores} | heading similarity: {similarity}")
            for measure in unit.measures:
                for evidence in audit.coverage[measure].evidence:
                    if evidence.id == unit.id or evidence.id.startswith(unit.id + "."):
                        elements = ", ".join(evidence.elements) or "(supports the heading)"
                        lines.append(f"   {measure} {evidence.id} score {evidence.score:.2f} [{evidence.method}] elements: {elements}")
                        lines += _mark(text, starts, evidence.spans)
        for measure, coverage in audit.coverage.items():
            found = ", ".join(f"{e}={'yes' if ok else 'no'}" for e, ok in coverage.elements.items())
            lines.append(f"   {measure}: {coverage.status} ({found}){' - ' + coverage.note if coverage.note else ''}")
        for finding in audit.findings:
            lines.append(f"   ! {finding.rule} [{finding.severity}] line {finding.line}: {finding.message}")
    return "\n".join(lines)
