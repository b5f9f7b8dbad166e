"""Rule packs: the taxonomy of required measures, as validated data.

A pack is a YAML file (default: ``rules/dieu8.yaml``) validated by the
pydantic models below. ``load_pack`` raises :class:`RulePackError` listing
every problem with its location, so a drafting team can fix a pack without
reading code.
"""

from __future__ import annotations

import hashlib
from functools import cache, cached_property
from typing import ClassVar
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dancoso_compare.errors import RulePackError
from dancoso_compare.resources import read_yaml_mapping, rules_dir

DEFAULT_PACK = "dieu8.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _sourced(data: object, fields: tuple[str, ...]) -> object:
    """Accept ``field: {source_id: [phrase, ...]}`` as well as a plain list.

    The grouped form is how the default pack records where each phrase comes
    from (a legal text or a named paraphrase class, see ``sources``): the lists
    are flattened in order and ``provenance`` maps each phrase to its source id.
    """
    if not isinstance(data, dict):
        return data
    data = dict(data)
    provenance = dict(data.get("provenance") or {})
    for name in fields:
        value = data.get(name)
        if isinstance(value, dict):
            flat: list[str] = []
            for source, phrases in value.items():
                for phrase in phrases if isinstance(phrases, (list, tuple)) else [phrases]:
                    flat.append(phrase)
                    provenance.setdefault(str(phrase), str(source))
            data[name] = flat
    if provenance:
        data["provenance"] = provenance
    return data


class _Sourced(_Strict):
    """A rule whose phrases may be grouped by source; ``provenance`` maps phrase -> source id."""

    provenance: dict[str, str] = Field(default_factory=dict)
    _sourced_fields: ClassVar[tuple[str, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _group_by_source(cls, data: object) -> object:
        return _sourced(data, cls._sourced_fields)


class Element(_Sourced):
    _sourced_fields: ClassVar[tuple[str, ...]] = ("strong", "weak")
    id: str
    name: str
    name_en: str = ""
    strong: tuple[str, ...] = Field(min_length=1)
    weak: tuple[str, ...] = ()


class Example(_Strict):
    text: str
    source: str = Field(min_length=3, description="provenance: which document, which article/clause")
    # a source id of the pack's ``sources`` (a legal text or a paraphrase class), when the example is not a law quote
    kind: str = ""


class Measure(_Sourced):
    _sourced_fields: ClassVar[tuple[str, ...]] = ("headings",)
    id: str = Field(pattern=r"^[A-Za-z][\w.-]*$")
    clause: int | None = None
    name: str
    name_en: str = ""
    short: str = ""  # a word or two for report table headers (the name when empty)
    short_en: str = ""
    citation: str
    law_text: str = Field(min_length=10)
    headings: tuple[str, ...] = Field(min_length=1)
    elements: tuple[Element, ...] = Field(min_length=1)
    examples: tuple[Example, ...] = ()

    @model_validator(mode="after")
    def _element_ids_are_prefixed(self) -> "Measure":
        for element in self.elements:
            if not element.id.startswith(self.id + "."):
                raise ValueError(f"element id {element.id!r} must start with '{self.id}.'")
        return self


class Topic(_Sourced):
    _sourced_fields: ClassVar[tuple[str, ...]] = ("cues",)
    id: str
    name: str
    cues: tuple[str, ...] = Field(min_length=1)
    # A separate regime (reporting, funding, ...): a point about it inside a measure is reported as misplaced.
    flag_misplaced: bool = False


class Role(_Sourced):
    """A subordinate role a phrase can play inside a clause (purpose, manner, audience, ...).

    A cue found in that role is a *mention*: recorded with its reason, never a
    decision by itself. ``position: after`` markers open the role for the rest
    of the clause (up to the first comma when the clause starts with the
    marker); ``position: subject`` markers name the agent at the start of a
    clause: a cue inside them is an agent mention when the same clause goes on
    to decide another measure ("Người đứng đầu ... cử cán bộ tham gia bồi dưỡng").
    """

    _sourced_fields: ClassVar[tuple[str, ...]] = ("markers",)
    id: str
    name: str
    name_en: str = ""
    reason: str = Field(min_length=3, description="why such a phrase is set aside, in Vietnamese")
    reason_en: str = ""
    position: str = Field("after", pattern=r"^(after|subject)$")
    # clause: the role covers the rest of the clause; noun-phrase: it ends at the next verb (underthesea POS
    # tags; a verb inside a cue phrase, not at its start, does not count): "cho người dân | ứng dụng công nghệ thông tin"
    scope: str = Field("clause", pattern=r"^(clause|noun-phrase)$")
    # when set, the marker opens the role only within this many syllables after a measure's strong cue of the
    # same clause: "tuyên truyền, phổ biến pháp luật trên cổng thông tin điện tử" (the channel of an act),
    # not "đăng tải thông tin trên cổng thông tin điện tử" (the act itself)
    after_act: int | None = Field(None, ge=0)
    markers: tuple[str, ...] = Field(min_length=1)


class Scoring(_Strict):
    strong_heading: float = 1.0
    weak_heading: float = 0.4
    strong_body: float = 0.5
    weak_body: float = 0.15
    body_cap: float = 1.5  # unused since decisions are by main act (kept so older packs stay valid)
    similarity_floor: float = Field(0.62, ge=0, le=1)
    similarity_weight: float = 1.5
    assign: float = Field(0.8, gt=0)
    merge_heading: float = 1.0
    # share of the unit's points whose main act is the measure, times this weight
    body_share: float = 1.0


class Law(_Strict):
    instrument: str
    article: str
    text_source: str = ""


class RulePack(_Sourced):
    _sourced_fields: ClassVar[tuple[str, ...]] = ("objective_starts",)
    id: str
    version: str
    title: str
    title_en: str = ""
    law: Law
    scoring: Scoring = Scoring()
    measures: tuple[Measure, ...] = Field(min_length=1)
    non_measure: tuple[Topic, ...] = ()
    objective_starts: tuple[str, ...] = ()
    extra_topics: tuple[Topic, ...] = ()
    roles: tuple[Role, ...] = ()
    # source id -> what it is: a legal text with its citation, or a named class of common paraphrase
    sources: dict[str, str] = Field(default_factory=dict)

    @field_validator("measures")
    @classmethod
    def _unique_ids(cls, measures: tuple[Measure, ...]) -> tuple[Measure, ...]:
        ids = [m.id for m in measures] + [e.id for m in measures for e in m.elements]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"duplicate ids: {', '.join(duplicates)}")
        return measures

    def measure(self, measure_id: str) -> Measure:
        return next(m for m in self.measures if m.id == measure_id)

    @property
    def measure_ids(self) -> list[str]:
        return [m.id for m in self.measures]

    def unsourced(self) -> list[str]:
        """Every phrase of the pack without a known source (empty for a fully grounded pack)."""
        problems: list[str] = []

        def check(where: str, rule: _Sourced, phrases: tuple[str, ...]) -> None:
            for phrase in phrases:
                source = rule.provenance.get(phrase)
                if source is None:
                    problems.append(f"{where}: {phrase!r} has no source")
                elif source not in self.sources:
                    problems.append(f"{where}: {phrase!r} cites unknown source {source!r}")

        for measure in self.measures:
            check(f"measures.{measure.id}.headings", measure, measure.headings)
            for element in measure.elements:
                check(f"measures.{element.id}", element, element.strong + element.weak)
            for example in measure.examples:
                if example.kind and example.kind not in self.sources:
                    problems.append(f"measures.{measure.id}.examples: unknown source {example.kind!r}")
        for group, topics in (("non_measure", self.non_measure), ("extra_topics", self.extra_topics)):
            for topic in topics:
                check(f"{group}.{topic.id}", topic, topic.cues)
        for role in self.roles:
            check(f"roles.{role.id}", role, role.markers)
        check("objective_starts", self, self.objective_starts)
        return problems

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever the pack's content changes (keys the analysis cache)."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]

    def __hash__(self) -> int:  # the pack holds dicts (provenance, sources); its content hash identifies it
        return hash(self.fingerprint)


def _format_errors(path: Path, error: ValidationError) -> str:
    lines = [f"{path}: the rule pack is not valid ({error.error_count()} problem(s)):"]
    for item in error.errors():
        where = ".".join(str(p) for p in item["loc"]) or "(top level)"
        lines.append(f"  - {where}: {item['msg']}")
    lines.append("See README, 'Writing a rule pack'.")
    return "\n".join(lines)


def load_pack(path: str | Path | None = None) -> RulePack:
    """Load and validate a rule pack (default: the Điều 8 pack shipped in ``rules/``)."""
    pack_path = Path(path) if path else rules_dir() / DEFAULT_PACK
    if pack_path.is_dir():
        pack_path = pack_path / DEFAULT_PACK
    pack_path = pack_path.resolve()
    try:
        digest = hashlib.sha256(pack_path.read_bytes()).hexdigest()
    except OSError:
        digest = ""
    # keyed by the file's content: an edited pack is read again, never served stale (the same content is shared)
    return _load(pack_path, digest)


@cache
def _load(pack_path: Path, _digest: str = "") -> RulePack:
    if not pack_path.is_file():
        raise RulePackError(f"{pack_path}: no such rule pack file",
                            f"{pack_path}: không có tệp bộ quy tắc này. Hãy kiểm tra lại đường dẫn.")
    data = read_yaml_mapping(pack_path)
    try:
        return RulePack.model_validate(data)
    except ValidationError as exc:
        raise RulePackError(_format_errors(pack_path, exc)) from None
