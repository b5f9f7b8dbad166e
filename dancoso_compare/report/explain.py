"""Why each item got its measures, in the reader's terms, with every matched phrase in its line.

Like eyecite's annotate-and-dump: the reviewer sees exactly which words of the
original file made the tool decide, with [[brackets]] around each match, where
they are ("Điều 1 khoản 2 điểm a, dòng 14"), what the item's main act is, and
which phrases were only mentions (purpose, manner, audience, ...) and were set
aside. Vietnamese by default; ``lang="en"`` for English.
"""

from __future__ import annotations

from dancoso_compare.models import DocumentAudit, ParsedFile, UnitMapping
from dancoso_compare.ingest.normalize import line_of, line_starts

_TEXT = {
    "doc": {"vi": "== {source}#{index} {kind} {issuer} (dòng {a}-{b})", "en": "== {source}#{index} {kind} {issuer} (lines {a}-{b})"},
    "unit": {"vi": "-- {where}, dòng {line} → {target} [{method}]", "en": "-- {where}, line {line} -> {target} [{method}]"},
    "extra": {"vi": "ngoài các biện pháp: {topic}", "en": "extra: {topic}"},
    "why": {"vi": "   Quyết định {m} vì:", "en": "   Decided {m} because:"},
    "why_not": {"vi": "   Không quyết định biện pháp nào vì:", "en": "   No measure decided because:"},
    "scores": {"vi": "   Điểm số: {scores} (thang: {scale})", "en": "   Scores: {scores} (scale: {scale})"},
    "scale": {
        "vi": "1,0 = việc chính của tiêu đề gọi đúng biện pháp, hoặc mọi điểm có nội dung đều quyết định nó; ngưỡng {t:.2f}",
        "en": "1.0 = the heading's own act names the measure, or every deciding point decides it; threshold {t:.2f}",
    },
    "similarity": {"vi": "   Độ tương đồng của tiêu đề với luật: {values}", "en": "   Heading similarity to the law: {values}"},
    "evidence": {"vi": "   {m} {where}, dòng {line} [{method}] yếu tố: {elements}", "en": "   {m} {where}, line {line} [{method}] elements: {elements}"},
    "supports": {"vi": "(hỗ trợ tiêu đề)", "en": "(supports the heading)"},
    "mentions": {"vi": "   Chỉ nhắc đến, không tính là biện pháp:", "en": "   Mentions set aside (not a decision):"},
    "mention": {"vi": "     - {who} “{phrase}” ({where}, sau “{marker}”): {reason}", "en": "     - {who} “{phrase}” ({where}, after “{marker}”): {reason}"},
    "counted": {"vi": " — mục đã quyết định {m} bằng việc chính, nên vẫn ghi nhận yếu tố", "en": " — the item decides {m} by its main act, so the element still counts"},
    "coverage": {"vi": "   {m}: {status} ({found}){note}", "en": "   {m}: {status} ({found}){note}"},
    "finding": {"vi": "   ! {rule} [{severity}] dòng {line}: {message}", "en": "   ! {rule} [{severity}] line {line}: {message}"},
}
_METHOD = {
    "heading-cue": {"vi": "việc chính ở tiêu đề", "en": "heading-cue"},
    "heading-similarity": {"vi": "tiêu đề gần với luật", "en": "heading-similarity"},
    "body-cue": {"vi": "việc chính của các điểm", "en": "body-cue"},
    "topic-cue": {"vi": "chủ đề ngoài các biện pháp", "en": "topic-cue"},
    "unmatched": {"vi": "không nhận ra", "en": "unmatched"},
}
_STATUS = {"present": {"vi": "đầy đủ", "en": "present"}, "partial": {"vi": "một phần", "en": "partial"},
           "missing": {"vi": "thiếu", "en": "missing"}}
_YES = {"vi": ("có", "không"), "en": ("yes", "no")}


def _t(key: str, lang: str, **values: object) -> str:
    return _TEXT[key][lang].format(**values)


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


def _unit(lines: list[str], text: str, starts: list[int], audit: DocumentAudit, unit: UnitMapping, lang: str,
          threshold: float) -> None:
    where = unit.location or unit.id
    target = ", ".join(unit.measures) if unit.measures else _t("extra", lang, topic=unit.topic)
    method = _METHOD.get(unit.method, {}).get(lang, unit.method)
    lines.append(_t("unit", lang, where=where, line=unit.line, target=target, method=method))
    reasons = unit.reasons if lang == "vi" else unit.reasons_en
    for measure in unit.measures or ["extra"]:
        lines.append(_t("why", lang, m=measure) if unit.measures else _t("why_not", lang))
        lines += [f"     - {r}" for r in reasons.get(measure, [])]
    scores = " · ".join(f"{m} {v:.2f}" for m, v in unit.scores.items())
    lines.append(_t("scores", lang, scores=scores, scale=_t("scale", lang, t=threshold)))
    if unit.heading_similarity:
        lines.append(_t("similarity", lang, values=" · ".join(f"{m} {v:.2f}" for m, v in unit.heading_similarity.items())))
    for measure in unit.measures:
        for evidence in audit.coverage[measure].evidence:
            if evidence.id == unit.id or evidence.id.startswith(unit.id + "."):
                parts = [f"Điều {evidence.article}" if evidence.article is not None else "",
                         f"khoản {evidence.clause}" if evidence.clause is not None else "",
                         f"điểm {evidence.point}" if evidence.point else ""]
                located = " ".join(p for p in parts if p) or where
                elements = ", ".join(evidence.elements) or _t("supports", lang)
                method_name = _METHOD.get(evidence.method, {}).get(lang, evidence.method)
                lines.append(_t("evidence", lang, m=measure, where=located, line=evidence.line, method=method_name,
                                elements=elements))
                lines += _mark(text, starts, evidence.spans)
    if unit.mentions:
        lines.append(_t("mentions", lang))
        for mention in unit.mentions:
            who = mention.measure if not mention.measure.startswith("topic:") else (mention.name or mention.measure[6:])
            reason = mention.reason if lang == "vi" else (mention.reason_en or mention.reason)
            if mention.counted:
                reason += _t("counted", lang, m=mention.measure)
            lines.append(_t("mention", lang, who=who, phrase=mention.phrase, marker=mention.marker,
                            where=f"{mention.location}, {'dòng' if lang == 'vi' else 'line'} "
                                  f"{line_of(starts, mention.span[0]) if mention.span else mention.line}",
                            reason=reason))
            if mention.span:
                lines += ["  " + row for row in _mark(text, starts, [mention.span])]


def explain(parsed: ParsedFile, audits: list[DocumentAudit], lang: str = "vi", threshold: float | None = None) -> str:
    lang = "en" if lang == "en" else "vi"
    text = parsed.text
    starts = line_starts(text)
    lines: list[str] = []
    for audit in audits:
        lines.append(_t("doc", lang, source=parsed.source, index=audit.index, kind=audit.kind, issuer=audit.issuer or "",
                        a=audit.lines[0], b=audit.lines[1]))
        for unit in audit.mapping:
            _unit(lines, text, starts, audit, unit, lang, threshold if threshold is not None else (unit.threshold or 0.8))
        yes, no = _YES[lang]
        for measure, coverage in audit.coverage.items():
            found = ", ".join(f"{e}={yes if ok else no}" for e, ok in coverage.elements.items())
            note = " - " + coverage.note if coverage.note else ""
            lines.append(_t("coverage", lang, m=measure, status=_STATUS[coverage.status][lang], found=found, note=note))
        for finding in audit.findings:
            message = finding.message if lang == "vi" else (finding.message_en or finding.message)
            lines.append(_t("finding", lang, rule=finding.rule, severity=finding.severity, line=finding.line, message=message))
    return "\n".join(lines)
