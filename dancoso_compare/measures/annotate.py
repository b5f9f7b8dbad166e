"""Annotate stage: a spaCy pipeline for Vietnamese built from a rule pack.

- Tokenizer ``dancoso.underthesea_tokenizer.v1``: underthesea word
  segmentation realigned to the input, so ``doc.text == text`` always and
  multi-syllable words ("dân chủ") are single tokens.
- ``dancoso_cue_matcher``: finds the pack's cue phrases on the tone-folded
  text (whole words) and keeps each match as a span snapped to word tokens.
  Matching the folded character sequence, not token sequences, is deliberate:
  underthesea segments the same phrase differently in different contexts.
- ``dancoso_measure_scorer``: per measure and element, cue evidence plus the
  rapidfuzz similarity of the text to the measure's headings.

Results are plain dicts, cached by (pack fingerprint, zone, text) in memory
and on disk, so the same clause is never analysed twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

from dancoso_compare.cache import default_cache, make_key
from dancoso_compare.textkey import fold
from dancoso_compare.measures.rulepack import RulePack

ANALYSIS_VERSION = "8"


# --------------------------------------------------------------------------
# Tokenizer
# --------------------------------------------------------------------------


def _segment_words(text: str) -> list[str]:
    from underthesea import word_tokenize

    return word_tokenize(text)


def align_words(text: str, words: list[str]) -> tuple[list[str], list[bool]]:
    """Realign segmenter output to ``text``: tokens are exact substrings, spaces are recorded.

    The segmenter may drop or alter characters; whatever it does not account
    for becomes its own token, so nothing of ``text`` is lost.
    """
    tokens: list[str] = []
    pos = 0
    for word in words:
        found = text.find(word, pos) if word else -1
        if found < 0:
            continue
        _append_gap(text[pos:found], tokens)
        tokens.append(word)
        pos = found + len(word)
    _append_gap(text[pos:], tokens)
    # Merge whitespace into the preceding token's trailing space flag.
    words_out: list[str] = []
    spaces: list[bool] = []
    for token in tokens:
        if token == " " and words_out and not spaces[-1]:
            spaces[-1] = True
        else:
            words_out.append(token)
            spaces.append(False)
    return words_out, spaces


def _append_gap(gap: str, tokens: list[str]) -> None:
    for piece in re.findall(r" |\s|[^\s]+", gap):
        tokens.append(piece)


class UndertheseaTokenizer:
    def __init__(self, vocab) -> None:  # noqa: ANN001
        self.vocab = vocab

    def __call__(self, text: str):  # noqa: ANN204
        from spacy.tokens import Doc

        words, spaces = align_words(text, _segment_words(text) if text.strip() else [])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        for token in doc:
            token.norm_ = fold(token.text)
        return doc

    # spaCy serializes tokenizers; this one has no state of its own.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **__: object) -> "UndertheseaTokenizer":
        return self


# --------------------------------------------------------------------------
# Cue patterns compiled from the pack
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class CueGroup:
    """The cue phrases of one element (or topic) and strength, as one alternation.

    One scan per group instead of one per phrase; longest phrases first, so at a
    given position the most specific phrase is the one reported.
    """

    group: str  # measure id, or "topic"
    element: str  # element id or topic id
    strength: str  # strong | weak
    pattern: re.Pattern[str]
    phrases: dict[str, str]  # folded phrase -> phrase as written in the pack
    gapped: tuple[tuple[re.Pattern[str], str], ...] = ()  # phrases with a ' … ' gap


GAP = "…"
_GAP_WORDS = 12  # "đến … và nhân dân": at most this many syllables in the gap


def _phrase_regex(folded: str) -> str:
    """Whole words, any spacing; ' … ' stands for up to a few words of a list inside one clause."""
    parts = [r"\s+".join(re.escape(w) for w in part.split()) for part in folded.split(GAP)]
    return (r"(?:\s+[^\s;.:!?]+){0,%d}?\s+" % _GAP_WORDS).join(p for p in parts if p)


def _group(group: str, element: str, strength: str, phrases: tuple[str, ...]) -> CueGroup:
    folded = {" ".join(fold(p).split()): p for p in phrases}
    alternatives = [_phrase_regex(f) for f in sorted(folded, key=len, reverse=True)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
    gapped = tuple((re.compile(_phrase_regex(f)), p) for f, p in folded.items() if GAP in f)
    return CueGroup(group, element, strength, pattern, folded, gapped)


@cache
def compile_cues(pack: RulePack) -> tuple[CueGroup, ...]:
    groups: list[CueGroup] = []
    for measure in pack.measures:
        for element in measure.elements:
            groups.append(_group(measure.id, element.id, "strong", element.strong))
            if element.weak:
                groups.append(_group(measure.id, element.id, "weak", element.weak))
    groups += [_group("topic", topic.id, "strong", topic.cues) for topic in pack.extra_topics]
    return tuple(groups)


def find_cues(text: str, cues: tuple[CueGroup, ...]) -> list[dict]:
    """Every cue occurrence: phrase, group, element, strength and [start, end) in ``text``."""
    key = fold(text)
    hits = []
    for cue in cues:
        for match in cue.pattern.finditer(key):
            hits.append(
                {"group": cue.group, "element": cue.element, "strength": cue.strength,
                 "cue": cue.phrases.get(" ".join(match.group().split()))
                 or next(p for r, p in cue.gapped if r.fullmatch(match.group())),
                 "start": match.start(), "end": match.end(), "text": text[match.start():match.end()]}
            )
    hits.sort(key=lambda h: (h["start"], -h["end"], h["group"], h["element"], h["cue"]))
    return hits


# --------------------------------------------------------------------------
# Roles: a cue in a subordinate role is a mention, not what the clause decides
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleMarkers:
    role: str
    position: str  # after | subject
    pattern: re.Pattern[str]
    scope: str = "clause"  # clause | noun-phrase
    after_act: int | None = None  # syllables allowed between a strong measure cue and the marker


@lru_cache(maxsize=20_000)
def verb_starts(segment: str) -> tuple[int, ...]:
    """Offsets in ``segment`` where underthesea's POS tagger sees a verb (bounded, cached: used only after an audience marker)."""
    from underthesea import pos_tag

    starts, pos = [], 0
    for word, tag in pos_tag(segment) if segment.strip() else []:
        found = segment.find(word, pos)
        if found < 0:
            continue
        if tag == "V":
            starts.append(found)
        pos = found + len(word)
    return tuple(starts)


CLAUSE_END = re.compile(r"[;.:!?\n]")


@cache
def compile_roles(pack: RulePack) -> tuple[RoleMarkers, ...]:
    return tuple(RoleMarkers(r.id, r.position, _group("role", r.id, "strong", r.markers).pattern, r.scope,
                             r.after_act) for r in pack.roles)


def _clauses(key: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for match in CLAUSE_END.finditer(key):
        out.append((start, match.start()))
        start = match.end()
    out.append((start, len(key)))
    return out


def assign_roles(text: str, hits: list[dict], roles: tuple[RoleMarkers, ...]) -> None:
    """Mark each hit with ``role`` (None = the clause's own act) and the ``marker`` that set it aside.

    Clauses end at ; . : ! ? or a line break. An ``after`` marker covers the
    rest of its clause (only up to the first comma when the clause starts with
    it: a fronted "Để …, tổ chức …"); the nearest marker before a cue decides
    its role. A marker inside a cue phrase does not count ("căn cứ để đánh giá").
    A ``subject`` marker at the start of a clause makes the cues inside it an
    agent mention when the clause goes on to decide another measure.
    """
    for hit in hits:
        hit["role"] = None
        hit["marker"] = None
    if not roles or not hits:
        return
    key = fold(text)
    covered = [(h["start"], h["end"]) for h in hits]
    for start, end in _clauses(key):
        inside = [h for h in hits if start <= h["start"] < end]
        if not inside:
            continue
        lead = start + len(key[start:end]) - len(key[start:end].lstrip(" *-–\t\"'“(,"))
        scopes: list[tuple[int, int, int, str]] = []  # marker start, marker end, scope end, role
        subjects: list[tuple[int, int, str]] = []
        for role in roles:
            for match in role.pattern.finditer(key, start, end):
                if role.position == "subject":
                    if match.start() == lead:
                        subjects.append((match.start(), match.end(), role.role))
                    continue
                if any(a <= match.start() < b for a, b in covered):
                    continue
                if role.after_act is not None and not any(
                        h["group"] != "topic" and h["strength"] == "strong" and h["end"] <= match.start()
                        and len(key[h["end"]:match.start()].split()) <= role.after_act for h in inside):
                    continue
                scope_end = end
                if match.start() == lead:
                    comma = key.find(",", match.end(), end)
                    scope_end = comma if comma >= 0 else end
                later = [h["end"] for h in inside if match.end() <= h["start"] < scope_end]
                if role.scope == "noun-phrase" and later:
                    # the audience ends where its own verb starts: "cho cán bộ | tham gia bồi dưỡng";
                    # only the words up to the last cue are tagged (short, cached)
                    for offset in verb_starts(text[match.end():max(later)]):
                        at = match.end() + offset
                        if not any(a < at < b for a, b in covered):  # a verb inside a name ("Ban Giám sát") is no act
                            scope_end = at
                            break
                scopes.append((match.start(), match.end(), scope_end, role.role))
        for hit in inside:
            before = [s for s in scopes if s[1] <= hit["start"] < s[2]]
            if before:
                m_start, m_end, _, role_id = max(before)
                hit["role"], hit["marker"] = role_id, text[m_start:m_end]
        for m_start, m_end, role_id in subjects:
            acts = {h["group"] for h in inside if h["role"] is None and h["start"] >= m_end
                    and h["group"] != "topic" and h["strength"] == "strong"}
            for hit in inside:
                if hit["role"] is None and hit["start"] < m_end and acts - {hit["group"]}:
                    hit["role"], hit["marker"] = role_id, text[m_start:m_end]


# --------------------------------------------------------------------------
# spaCy components
# --------------------------------------------------------------------------


def _register() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.util import registry

    if "dancoso.underthesea_tokenizer.v1" in registry.tokenizers:
        return

    @registry.tokenizers("dancoso.underthesea_tokenizer.v1")
    def create_tokenizer() -> Callable:
        return lambda nlp: UndertheseaTokenizer(nlp.vocab)

    for name in ("dancoso_cues", "dancoso_scores", "dancoso_zone", "dancoso_roles"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)

    @Language.factory("dancoso_cue_matcher", default_config={"pack_path": None})
    def create_cue_matcher(nlp: Language, name: str, pack_path: str | None) -> Callable:
        from dancoso_compare.measures.rulepack import load_pack

        cues = compile_cues(load_pack(pack_path))
        roles = compile_roles(load_pack(pack_path))

        def cue_matcher(doc):  # noqa: ANN001, ANN202
            hits = find_cues(doc.text, cues)
            assign_roles(doc.text, hits, roles)
            spans = []
            for hit in hits:
                span = doc.char_span(hit["start"], hit["end"], label=f"{hit['group']}|{hit['element']}|{hit['strength']}",
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
            doc.spans["dancoso_cues"] = spans
            doc._.dancoso_cues = hits
            return doc

        return cue_matcher

    @Language.factory("dancoso_measure_scorer", default_config={"pack_path": None})
    def create_scorer(nlp: Language, name: str, pack_path: str | None) -> Callable:
        from dancoso_compare.measures.rulepack import load_pack

        pack = load_pack(pack_path)
        headings = {m.id: [_word_string(nlp.make_doc(h)) for h in m.headings] for m in pack.measures}

        def scorer(doc):  # noqa: ANN001, ANN202
            doc._.dancoso_scores = score_measures(pack, doc._.dancoso_cues or [], _word_string(doc), headings,
                                                  doc._.dancoso_zone or "body")
            return doc

        return scorer


def _word_string(doc) -> str:  # noqa: ANN001
    """Folded words joined with '_' inside and ' ' between: rapidfuzz then compares words, not syllables."""
    return " ".join(t.norm_.replace(" ", "_") for t in doc if not t.is_punct and not t.is_space)


def score_measures(pack: RulePack, hits: list[dict], words: str, headings: dict[str, list[str]], zone: str) -> dict:
    """Per measure: cue score, elements found, matched phrases, heading similarity."""
    from rapidfuzz import fuzz

    weights = pack.scoring
    strong = weights.strong_heading if zone == "heading" else weights.strong_body
    weak = weights.weak_heading if zone == "heading" else weights.weak_body
    result: dict[str, dict] = {}
    for measure in pack.measures:
        elements: dict[str, float] = {}
        mention_elements: dict[str, float] = {}
        matched: list[str] = []
        mentioned: list[str] = []
        for hit in hits:
            if hit["group"] != measure.id:
                continue
            weight = strong if hit["strength"] == "strong" else weak
            into, names = (elements, matched) if hit.get("role") is None else (mention_elements, mentioned)
            if weight > into.get(hit["element"], 0.0):
                into[hit["element"]] = weight
            if hit["text"] not in names:
                names.append(hit["text"])
        similarity = 0.0
        if zone == "heading" and words:
            similarity = max(fuzz.token_set_ratio(words, h) for h in headings[measure.id]) / 100.0
        cue_score = sum(elements.values())
        result[measure.id] = {
            "cue": round(cue_score, 4),
            "similarity": round(similarity, 4),
            "elements": {k: round(v, 4) for k, v in sorted(elements.items())},
            "strong_elements": sorted(e for e, v in elements.items() if v >= strong),
            "matched": matched,
            # the same measure named in a subordinate role (purpose, manner, audience, ...)
            "mention_elements": {k: round(v, 4) for k, v in sorted(mention_elements.items())},
            "mention_strong": sorted(e for e, v in mention_elements.items() if v >= strong),
            "mentioned": mentioned,
        }
    topics: dict[str, list[str]] = {}
    for hit in hits:
        if hit["group"] == "topic" and hit.get("role") is None:
            topics.setdefault(hit["element"], [])
            if hit["text"] not in topics[hit["element"]]:
                topics[hit["element"]].append(hit["text"])
    return {"measures": result, "topics": dict(sorted(topics.items()))}


# --------------------------------------------------------------------------
# The analyzer: pipeline + cache
# --------------------------------------------------------------------------


def build_nlp(pack_path: str | None = None):  # noqa: ANN201
    """The spaCy ``Language`` for Vietnamese with the dancoso components."""
    import spacy

    _register()
    nlp = spacy.blank("xx", config={"nlp": {"tokenizer": {"@tokenizers": "dancoso.underthesea_tokenizer.v1"}}})
    nlp.lang = "vi"  # no pyvi: our tokenizer replaces spaCy's Vietnamese one
    nlp.add_pipe("dancoso_cue_matcher", config={"pack_path": pack_path})
    nlp.add_pipe("dancoso_measure_scorer", config={"pack_path": pack_path})
    return nlp


class Analyzer:
    """Runs the pipeline on one text at a time; results are reused across runs."""

    def __init__(self, pack: RulePack, pack_path: str | None = None) -> None:
        self.pack = pack
        self.pack_path = pack_path
        self._fingerprint = pack.fingerprint  # hashing the pack once, not per text
        self._nlp = None
        self._memory: dict[str, dict] = {}
        self._disk = default_cache()
        self.stats = {"computed": 0, "memory": 0, "disk": 0}

    @property
    def nlp(self):  # noqa: ANN201
        if self._nlp is None:
            self._nlp = build_nlp(self.pack_path)
        return self._nlp

    def _key(self, text: str, zone: str) -> str:
        return make_key("analysis", ANALYSIS_VERSION, self._fingerprint, zone, text)

    def analyze(self, text: str, zone: str) -> dict:
        """{'measures': {...}, 'topics': {...}, 'cues': [...]} for ``text`` read as a heading or a body."""
        key = self._key(text, zone)
        if key in self._memory:
            self.stats["memory"] += 1
            return self._memory[key]
        value = self._disk.get(key)
        if value is not None:
            self.stats["disk"] += 1
        else:
            value = self._compute(text, zone)
            self._disk.set(key, value)
        self._memory[key] = value
        return value

    def cue_hits(self, text: str) -> list[dict]:
        """Cue matches only (no NLP): enough to tell whether a heading names a measure."""
        return self.analyze(text, "cues")["cues"]

    def _compute(self, text: str, zone: str) -> dict:
        """Cue matching always; the spaCy pipeline only for a heading that no strong cue explains.

        Word segmentation and heading similarity are what a paraphrased heading
        needs; a body text or a heading that names its measure does not, so the
        heavy NLP (and its start-up) is paid only there.
        """
        self.stats["computed"] += 1
        hits = find_cues(text, compile_cues(self.pack))
        assign_roles(text, hits, compile_roles(self.pack))
        # A strong cue as the clause's own act (of a measure, or of a topic outside the pack) decides a heading by itself.
        if zone != "heading" or any(h["strength"] == "strong" and h["role"] is None for h in hits):
            value = score_measures(self.pack, hits, "", {}, zone)
            value.update(cues=hits, nlp=False)
            return value
        self.stats["nlp"] = self.stats.get("nlp", 0) + 1
        nlp = self.nlp
        doc = nlp.make_doc(text)
        doc._.dancoso_zone = zone
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        value = dict(doc._.dancoso_scores)
        value.update(cues=doc._.dancoso_cues, nlp=True, tokens=len(doc))
        return value

    def flush(self) -> None:
        self._disk.flush()
