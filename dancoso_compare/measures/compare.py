"""Compare stage: which measures of the rule pack a document decides, and where.

1. Find the *units*: the numbered items that decide something (khoản of a
   measures article, top-level items of a Tờ trình, an Điều per measure).
   Subtrees headed by scope, principles, objectives, funding or
   implementation are not measures; objectives are kept aside for notes.
2. Score each unit per measure by what it is about: the heading's main-act
   cues (+ rapidfuzz similarity to the measure's headings when no strong cue
   explains it) and the share of its points whose main act is the measure.
   Cues in a subordinate role (purpose, manner, audience, attribute, agent;
   see ``annotate.assign_roles``) are mentions: recorded, never decisions.
3. Assign: best measure when its score reaches the pack threshold; a second
   one when the heading states it too (merged). Else an extra, named by topic.
   ``explain_unit`` says why in the reader's terms.
4. Coverage per measure: present (every element found in its units),
   partial, missing, with located evidence; plus order / split / merged /
   misplaced-point findings.

Recognition is by meaning (cues and similarity), never by position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dancoso_compare.measures.annotate import Analyzer
from dancoso_compare.measures.annotate import CLAUSE_END
from dancoso_compare.models import Document, DocumentAudit, Evidence, Extra, Finding, MeasureCoverage, Mention, Node, UnitMapping
from dancoso_compare.textkey import fold
from dancoso_compare.measures.rulepack import RulePack

_LABEL_PREFIX = re.compile(r"^(?:điều\s+\d+[a-zđ]?\s*[.:]?|\d{1,3}[a-zđ]?[.)]|[a-zđăâêôơưfjwz]\d?\)|[-–—•+])\s*", re.IGNORECASE)


def analyzed_text(node: Node) -> tuple[str, int]:
    """The text the pipeline reads for a node, and where it starts in ``node.clean``.

    A unit's own text without its label ('2. Tăng cường ...' -> 'Tăng cường ...');
    for an article, its title.
    """
    clean = node.clean
    if node.kind == "article" and node.title:
        return node.title, max(clean.find(node.title), 0)
    match = _LABEL_PREFIX.match(clean)
    start = match.end() if match else 0
    text = clean[start:]
    stripped = text.strip()
    return stripped, start + (len(text) - len(text.lstrip()))


def heading_text(node: Node) -> str:
    return analyzed_text(node)[0]


@dataclass
class Unit:
    node: Node
    article: Node | None
    body: list[Node] = field(default_factory=list)


# Words a heading may start with before its topic ("Nguồn kinh phí", "Về công tác ...").
_HEADING_FILLERS = re.compile(r"^(?:(?:" + "|".join(fold(w) for w in ("về", "các", "nguồn", "công tác")) + r")\s+)+")


def _starts_with_cue(text: str, folded_cues: tuple[str, ...]) -> bool:
    key = _HEADING_FILLERS.sub("", fold(text[:120]).lstrip(" *:-"))  # a heading's topic is in its first words
    return key.startswith(folded_cues)


class UnitFinder:
    """Finds the numbered items that decide something.

    ``states_measure(title)`` tells whether a heading itself names a measure: an
    article "Điều 2. Công tác thông tin, tuyên truyền" is one item whose khoản
    implement it, while "Điều 4. Các biện pháp" is a container whose khoản are
    the items.
    """

    def __init__(self, pack: RulePack, states_measure=lambda title: False) -> None:  # noqa: ANN001
        self.pack = pack
        self.states_measure = states_measure
        self._non_measure = [(t.id, tuple(fold(c) for c in t.cues)) for t in pack.non_measure]
        self._objective_starts = tuple(fold(c) for c in pack.objective_starts)
        self._verdicts: dict[str, str | None] = {}

    def non_measure(self, text: str) -> str | None:
        if text not in self._verdicts:
            if len(self._verdicts) > 50_000:
                self._verdicts.clear()  # a bounded memo for long batches
            self._verdicts[text] = self._non_measure_of(text)
        return self._verdicts[text]

    def _non_measure_of(self, text: str) -> str | None:
        for topic_id, cues in self._non_measure:
            if _starts_with_cue(text, cues):
                return topic_id
        if _starts_with_cue(text, self._objective_starts):
            return "objectives"
        return None

    def find(self, doc: Document) -> tuple[list[Unit], list[Node]]:
        units: list[Unit] = []
        objectives: list[Node] = []
        self._walk(doc.body, None, units, objectives)
        if not units:
            # Not a resolution (a news summary, a letter): audit the paragraphs it states.
            for node in doc.walk():
                if node.kind in ("paragraph", "bullet", "clause", "point") and node.role is None and not node.children:
                    if self.non_measure(heading_text(node)) == "objectives":
                        objectives.append(node)
                    else:
                        units.append(Unit(node, None, []))
        return units, objectives

    def _walk(self, nodes: list[Node], article: Node | None, units: list[Unit], objectives: list[Node]) -> None:
        for node in nodes:
            if node.role is not None:
                continue
            if node.kind in ("part", "chapter", "section", "article"):
                kind = self.non_measure(node.title or "")
                if kind == "objectives":
                    objectives.extend(node.walk())
                if kind:
                    continue
                owner = node if node.kind == "article" else article
                has_items = any(c.kind == "clause" for c in node.children)
                whole = (node.kind == "article" and not has_items) or (
                    node.kind in ("article", "section") and has_items and self.states_measure(node.title or ""))
                if whole and node.title:
                    units.append(Unit(node, owner, [c for c in node.walk() if c is not node]))
                else:
                    self._walk(node.children, owner, units, objectives)
            elif node.kind == "clause":
                kind = self.non_measure(heading_text(node))
                if kind == "objectives":
                    objectives.extend(node.walk())
                if kind:
                    continue
                units.append(Unit(node, article, [c for c in node.walk() if c is not node]))
            elif node.kind == "bullet" and article is None and self.non_measure(heading_text(node)) == "objectives":
                objectives.append(node)


@dataclass
class Scored:
    unit: Unit
    heading: dict
    bodies: list[tuple[Node, dict]]
    scores: dict[str, float]
    measures: list[str]
    topic: str | None
    method: str
    shares: dict[str, list[Node]] = field(default_factory=dict)  # measure -> points whose main act is it
    voters: int = 0  # points that decide some measure


@dataclass
class Why:
    main_act: dict[str, str]
    reasons: dict[str, list[str]]
    reasons_en: dict[str, list[str]]
    mentions: list[Mention]


def act_phrase(text: str, hit: dict, limit: int = 90) -> str:
    """The words of a clause up to the end of its main-act cue: 'Tổ chức các lớp bồi dưỡng'."""
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, hit["start"])), default=0)
    phrase = " ".join(text[start:hit["end"]].split())
    return phrase if len(phrase) <= limit else "… " + phrase[-limit:]


def _first_main(analysis: dict, measure: str) -> dict | None:
    return next((h for h in analysis["cues"] if h["group"] == measure and h.get("role") is None
                 and h["strength"] == "strong"), None) or next(
        (h for h in analysis["cues"] if h["group"] == measure and h.get("role") is None), None)


def explain_unit(pack: RulePack, s: "Scored", where) -> Why:  # noqa: ANN001
    """Why the unit got its measures, and which mentions were set aside, in the reader's terms."""
    roles = {r.id: r for r in pack.roles}
    titles = {m.id: m.name for m in pack.measures} | {f"topic:{t.id}": t.name for t in pack.extra_topics}
    weights = pack.scoring
    main_act: dict[str, str] = {}
    reasons: dict[str, list[str]] = {}
    reasons_en: dict[str, list[str]] = {}
    heading, _ = analyzed_text(s.unit.node)
    for measure in s.measures:
        vi, en = [], []
        h = s.heading["measures"][measure]
        hit = _first_main(s.heading, measure)
        if hit is not None:
            main_act[measure] = act_phrase(heading, hit)
            vi.append(f"tiêu đề có việc chính “{main_act[measure]}” (cụm từ: {', '.join(h['matched'])}; +{h['cue']:.2f})")
            en.append(f"the heading's main act is “{main_act[measure]}” (phrases: {', '.join(h['matched'])}; +{h['cue']:.2f})")
        if h["similarity"] > weights.similarity_floor:
            bonus = (h["similarity"] - weights.similarity_floor) * weights.similarity_weight
            vi.append(f"tiêu đề gần với cách diễn đạt của luật (độ tương đồng {h['similarity']:.2f}; +{bonus:.2f})")
            en.append(f"the heading is close to the law's wording (similarity {h['similarity']:.2f}; +{bonus:.2f})")
        points = s.shares.get(measure, [])
        if points:
            share = len(points) / s.voters * weights.body_share
            labels = ", ".join(where(n, s.unit.article) for n in points[:6]) + (" …" if len(points) > 6 else "")
            vi.append(f"{len(points)}/{s.voters} điểm có việc chính thuộc {measure} ({labels}; +{share:.2f})")
            en.append(f"{len(points)}/{s.voters} deciding points have {measure} as their main act ({labels}; +{share:.2f})")
            if measure not in main_act:
                node = points[0]
                analysis = next(a for n, a in s.bodies if n is node)
                first = _first_main(analysis, measure)
                if first is not None:
                    main_act[measure] = act_phrase(analyzed_text(node)[0], first)
        vi.append(f"điểm số {s.scores[measure]:.2f} ≥ ngưỡng {weights.assign:.2f}")
        en.append(f"score {s.scores[measure]:.2f} ≥ threshold {weights.assign:.2f}")
        reasons[measure], reasons_en[measure] = vi, en
    if not s.measures:
        best = max(pack.measure_ids, key=lambda m: (s.scores[m], -pack.measure_ids.index(m)))
        vi, en = [], []
        if s.heading["topics"]:
            names = ", ".join(t.name for t in pack.extra_topics if t.id in s.heading["topics"])
            vi.append(f"việc chính của tiêu đề thuộc chủ đề ngoài các biện pháp: {names}")
            en.append(f"the heading's main act is a topic outside the measures: {names}")
        vi.append(f"điểm cao nhất {best} {s.scores[best]:.2f}; ngưỡng {weights.assign:.2f}")
        en.append(f"best score {best} {s.scores[best]:.2f}; threshold {weights.assign:.2f}")
        reasons["extra"], reasons_en["extra"] = vi, en
    mentions: list[Mention] = []
    for node, analysis in [(s.unit.node, s.heading), *s.bodies]:
        text, offset = analyzed_text(node)
        aside = [h for h in analysis["cues"] if h.get("role") is not None]
        for hit in aside:
            if any(o is not hit and o["group"] == hit["group"] and o["start"] <= hit["start"] and hit["end"] <= o["end"]
                   and (o["end"] - o["start"]) > (hit["end"] - hit["start"]) for o in aside):
                continue  # "công nghệ" inside "công nghệ thông tin": one mention
            role = roles.get(hit["role"])
            group = hit["group"] if hit["group"] != "topic" else f"topic:{hit['element']}"
            mentions.append(Mention(
                measure=group, element=hit["element"] if hit["group"] != "topic" else "", name=titles.get(group, ""),
                phrase=hit["text"],
                role=hit["role"], marker=hit.get("marker") or "",
                reason=role.reason if role else "", reason_en=role.reason_en if role else "",
                node_id=node.id, location=where(node, s.unit.article), line=node.lines[0],
                span=node.source_span(offset + hit["start"], offset + hit["end"]),
                counted=hit["group"] in s.measures))
    return Why(main_act, reasons, reasons_en, mentions)


class Comparator:
    def __init__(self, pack: RulePack, analyzer: Analyzer) -> None:
        self.pack = pack
        self.analyzer = analyzer
        self.finder = UnitFinder(pack, self._states_measure)

    def _states_measure(self, title: str) -> bool:
        return any(h["strength"] == "strong" and h["group"] != "topic" and h.get("role") is None
                   for h in self.analyzer.cue_hits(title))

    # -- scoring -----------------------------------------------------------------
    def _score(self, unit: Unit) -> Scored:
        """Decide what the unit as a whole is about.

        score(M) = heading main-act cue (1.0 strong / 0.4 weak per element)
                 + heading similarity bonus (when no strong cue explains the heading)
                 + body_share x (deciding points whose main act is M) / (deciding points)
        A cue in a subordinate role (purpose, manner, audience, attribute,
        agent) is a mention and adds nothing. M is decided when its score
        reaches ``scoring.assign``; 1.0 means "the heading's own act names M"
        or "every point that decides something decides M".
        """
        heading = self.analyzer.analyze(heading_text(unit.node), "heading")
        bodies = [(n, self.analyzer.analyze(heading_text(n), "body")) for n in unit.body if heading_text(n)]
        weights = self.pack.scoring
        ids = self.pack.measure_ids
        voters = [(n, [m for m in ids if a["measures"][m]["strong_elements"]]) for n, a in bodies]
        voters = [(n, ms) for n, ms in voters if ms]
        scores: dict[str, float] = {}
        shares: dict[str, list[Node]] = {}
        for measure in ids:
            h = heading["measures"][measure]
            shares[measure] = [n for n, ms in voters if measure in ms]
            share = len(shares[measure]) / len(voters) if voters else 0.0
            similarity_bonus = max(0.0, h["similarity"] - weights.similarity_floor) * weights.similarity_weight
            scores[measure] = round(h["cue"] + similarity_bonus + share * weights.body_share, 4)
        ranked = sorted(ids, key=lambda m: (-scores[m], -heading["measures"][m]["cue"], ids.index(m)))
        best = ranked[0]
        heading_topics = heading["topics"]
        heading_has_measure = heading["measures"][best]["cue"] > 0 or heading["measures"][best]["similarity"] >= 0.75
        measures: list[str] = []
        method = "none"
        if scores[best] >= weights.assign and (heading_has_measure or not heading_topics):
            measures = [best]
            method = "heading-cue" if heading["measures"][best]["cue"] > 0 else (
                "heading-similarity" if heading["measures"][best]["similarity"] >= 0.75 else "body-cue")
            for other in ranked[1:]:
                if heading["measures"][other]["cue"] >= weights.merge_heading and scores[other] >= weights.assign:
                    measures.append(other)
        topic = None
        if not measures:
            names = [t.name for t in self.pack.extra_topics if t.id in heading_topics]
            if not names:
                body_topics = sorted({t for _, a in bodies for t in a["topics"]})
                names = [t.name for t in self.pack.extra_topics if t.id in body_topics][:1]
            topic = "; ".join(names) if names else heading_text(unit.node)[:120]
            method = "topic-cue" if names else "unmatched"
        return Scored(unit, heading, bodies, scores, measures, topic, method, shares, len(voters))

    # -- locating ----------------------------------------------------------------
    @staticmethod
    def _location(places: dict[str, tuple[int | None, int | None, str | None]], node: Node) -> dict:
        """The node's Điều / khoản / điểm, read from the tree (``Document.locations``), never from its id."""
        article, clause, point = places.get(node.id, (None, None, None))
        return {"article": article, "clause": clause, "point": point}

    @classmethod
    def _where(cls, places: dict[str, tuple[int | None, int | None, str | None]], node: Node) -> str:
        """'Điều 1 khoản 2 điểm a', as a reader writes it (the node's own label when nothing is numbered)."""
        loc = cls._location(places, node)
        parts = []
        if loc["article"] is not None:
            parts.append(f"Điều {loc['article']}")
        if loc["clause"] is not None:
            parts.append(f"khoản {loc['clause']}")
        if loc["point"]:
            parts.append(f"điểm {loc['point']}")
        return " ".join(parts) or (node.label or node.id)

    # -- the document ----------------------------------------------------------------
    def audit(self, doc: Document, source: str, index: int) -> DocumentAudit:
        units, objectives = self.finder.find(doc)
        places = doc.locations()
        scored = [self._score(u) for u in units]
        coverage = {m.id: self._coverage(m.id, scored, objectives, places) for m in self.pack.measures}
        extras = [
            Extra(id=s.unit.node.id, **self._location(places, s.unit.node), text=s.unit.node.clean,
                  topic=s.topic or "", topic_id=None, line=s.unit.node.lines[0],
                  matched=sorted({m for t in s.heading["topics"].values() for m in t}))
            for s in scored if not s.measures
        ]
        mapping = [self._mapping(s, places) for s in scored]
        findings = self._findings(scored)
        return DocumentAudit(
            source=source, index=index, kind=doc.kind, draft=doc.draft, number=doc.number, date=doc.date,
            adopted=doc.adopted, issuer=doc.issuer, title=doc.title, locality=doc.locality, lines=doc.lines,
            coverage=coverage, extras=extras, findings=findings, mapping=mapping,
        )

    def _coverage(self, measure_id: str, scored: list[Scored], objectives: list[Node],
                  places: dict[str, tuple[int | None, int | None, str | None]]) -> MeasureCoverage:
        measure = self.pack.measure(measure_id)
        found: dict[str, bool] = {e.id: False for e in measure.elements}
        evidence: list[Evidence] = []
        for s in scored:
            if measure_id not in s.measures:
                continue
            # Within an item decided for this measure, its mentions in a subordinate role
            # ("tuyên truyền … nhằm nâng cao nhận thức") show elements too.
            head = s.heading["measures"][measure_id]
            head_elements = sorted({e for e, w in {**head["elements"], **head.get("mention_elements", {})}.items() if w > 0})
            for element in head_elements:
                found[element] = True
            evidence.append(self._evidence(places, s.unit.node, s.scores[measure_id], head_elements,
                                           head["matched"] + head.get("mentioned", []), s.method, s.heading["cues"], measure_id))
            for node, analysis in s.bodies:
                body = analysis["measures"][measure_id]
                strong = sorted(set(body["strong_elements"]) | set(body.get("mention_strong", [])))
                for element in strong:
                    found[element] = True
                if body["elements"] or body.get("mention_elements"):
                    evidence.append(self._evidence(places, node, round(body["cue"], 4), strong,
                                                   body["matched"] + body.get("mentioned", []), "body-cue", analysis["cues"], measure_id))
        count = sum(found.values())
        status = "present" if count == len(found) else "partial" if count else "missing"
        note = None
        if status != "present":
            stated = [n for n in objectives if self.analyzer.analyze(heading_text(n), "body")["measures"][measure_id]["elements"]]
            if stated and status == "missing":
                note = f"chỉ được nêu như mục tiêu ({', '.join(n.id for n in stated[:3])}), không quyết định biện pháp"
            elif status == "partial":
                missing = [e.name for e in measure.elements if not found[e.id]]
                note = "thiếu: " + "; ".join(missing)
        return MeasureCoverage(status=status, elements=found, evidence=evidence, note=note)  # type: ignore[arg-type]

    def _evidence(self, places: dict[str, tuple[int | None, int | None, str | None]], node: Node, score: float,
                  elements: list[str], matched: list[str], method: str, cues: list[dict], measure_id: str) -> Evidence:
        _, offset = analyzed_text(node)
        spans = sorted({node.source_span(offset + c["start"], offset + c["end"]) for c in cues if c["group"] == measure_id})
        return Evidence(id=node.id, **self._location(places, node), text=node.clean, score=score, line=node.lines[0],
                        elements=sorted(elements), matched=matched, spans=spans, method=method)

    def _mapping(self, s: Scored, places: dict[str, tuple[int | None, int | None, str | None]]) -> UnitMapping:
        loc = self._location(places, s.unit.node)
        why = explain_unit(self.pack, s, lambda node, _article: self._where(places, node))
        return UnitMapping(
            id=s.unit.node.id, article=loc["article"], clause=loc["clause"], heading=heading_text(s.unit.node)[:300],
            measures=s.measures, scores=s.scores,
            elements={m: sorted({e for e, w in {**s.heading["measures"][m]["elements"],
                                                **s.heading["measures"][m].get("mention_elements", {})}.items() if w > 0}
                                | {e for _, a in s.bodies for e in a["measures"][m]["strong_elements"]}
                                | {e for _, a in s.bodies for e in a["measures"][m].get("mention_strong", [])}) for m in s.measures},
            matched={m: s.heading["measures"][m]["matched"] for m in s.measures},
            main_act=why.main_act, reasons=why.reasons, reasons_en=why.reasons_en, mentions=why.mentions,
            location=self._where(places, s.unit.node), threshold=self.pack.scoring.assign,
            # computed only where the heading needed the NLP pipeline (no strong cue named its measure)
            heading_similarity={m: s.heading["measures"][m]["similarity"] for m in self.pack.measure_ids} if s.heading.get("nlp") else {},
            method=s.method, topic=s.topic, line=s.unit.node.lines[0],
        )

    def _findings(self, scored: list[Scored]) -> list[Finding]:
        findings: list[Finding] = []
        law = f"{self.pack.law.article} {self.pack.law.instrument}"
        order = [m for s in scored for m in s.measures[:1]]
        first_seen = list(dict.fromkeys(order))
        expected = [m for m in self.pack.measure_ids if m in first_seen]
        if first_seen != expected:
            line = next((s.unit.node.lines[0] for s in scored if s.measures), None)
            findings.append(Finding(
                rule="DC-MEAS-ORDER", severity="info", line=line,
                message=f"Thứ tự các biện pháp ({', '.join(first_seen)}) khác thứ tự của {self.pack.law.article}.",
                message_en=f"The measures are in another order ({', '.join(first_seen)}) than in {self.pack.law.article}.",
                legal_source=law))
        for measure_id in self.pack.measure_ids:
            owners = [s for s in scored if s.measures[:1] == [measure_id]]
            if len(owners) > 1:
                labels = ", ".join(_unit_label(s.unit.node) for s in owners)
                labels_en = ", ".join(_unit_label(s.unit.node, "en") for s in owners)
                findings.append(Finding(
                    rule="DC-MEAS-SPLIT", severity="info", node_id=owners[0].unit.node.id, line=owners[0].unit.node.lines[0],
                    message=f"Biện pháp {measure_id} được tách thành nhiều mục ({labels}).",
                    message_en=f"Measure {measure_id} is split over several items ({labels_en}).", legal_source=law))
        for s in scored:
            if len(s.measures) > 1:
                findings.append(Finding(
                    rule="DC-MEAS-MERGED", severity="info", node_id=s.unit.node.id, line=s.unit.node.lines[0],
                    message=f"Một mục gộp nhiều biện pháp ({', '.join(s.measures)}).",
                    message_en=f"One item merges several measures ({', '.join(s.measures)}).", legal_source=law))
            findings.extend(self._misplaced(s, law))
        return findings

    def _misplaced(self, s: Scored, law: str) -> list[Finding]:
        """A point whose content belongs to another measure or to a topic outside the pack."""
        out: list[Finding] = []
        if not s.measures:
            return out
        for node, analysis in s.bodies:
            if node.kind != "point":
                continue
            own = any(analysis["measures"][m]["elements"] for m in s.measures)
            if own:
                continue
            topics = [t.name for t in self.pack.extra_topics if t.flag_misplaced and t.id in analysis["topics"]]
            if not topics:
                continue
            where = topics[0]
            out.append(Finding(
                rule="DC-MEAS-MISPLACED", severity="info", node_id=node.id, line=node.lines[0],
                message=f"Điểm {node.label}) thuộc nội dung '{where}', không thuộc biện pháp {', '.join(s.measures)} của mục chứa nó.",
                message_en=f"Point {node.label}) is about '{where}', not the measure {', '.join(s.measures)} of its item.",
                legal_source=law))
        return out


def _unit_label(node: Node, lang: str = "vi") -> str:
    """'khoản 6' / 'Điều 4' / 'dòng 70' for a message: a node's printed label, never its id."""
    if node.kind == "article" and node.label:
        return node.label if lang == "vi" else node.label.replace("Điều", "Article")
    words = {"clause": ("khoản", "item"), "point": ("điểm", "point")}.get(node.kind)
    if words and node.label:
        return f"{words[0] if lang == 'vi' else words[1]} {node.label}"
    return f"dòng {node.lines[0]}" if lang == "vi" else f"line {node.lines[0]}"
