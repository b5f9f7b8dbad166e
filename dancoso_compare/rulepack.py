"""Rule packs: the taxonomy of required measures, as validated data.

A pack is a YAML file (default: ``rules/dieu8.yaml``) validated by the
pydantic models below. ``load_pack`` raises :class:`RulePackError` listing
every problem with its location, so a drafting team can fix a pack without
reading code.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import RulePackError
from .resources import read_yaml_mapping, rules_dir

DEFAULT_PACK = "dieu8.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Element(_Strict):
    id: str
    name: str
    name_en: str = ""
    strong: tuple[str, ...] = Field(min_length=1)
    weak: tuple[str, ...] = ()


class Example(_Strict):
    text: str
    source: str = Field(min_length=3, description="provenance: which document, which article/clause")


class Measure(_Strict):
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


class Topic(_Strict):
    id: str
    name: str
    cues: tuple[str, ...] = Field(min_length=1)
    # A separate regime (reporting, funding, ...): a point about it inside a measure is reported as misplaced.
    flag_misplaced: bool = False


class Scoring(_Strict):
    strong_heading: float = 1.0
    weak_heading: float = 0.4
    strong_body: float = 0.5
    weak_body: float = 0.15
    body_cap: float = 1.5
    similarity_floor: float = Field(0.62, ge=0, le=1)
    similarity_weight: float = 1.5
    assign: float = Field(0.8, gt=0)
    merge_heading: float = 1.0


class Law(_Strict):
    instrument: str
    article: str
    text_source: str = ""


class RulePack(_Strict):
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

    @property
    def fingerprint(self) -> str:
        """Changes whenever the pack's content changes (keys the analysis cache)."""
        return hashlib.sha256(self.model_dump_json().encode()).hexdigest()[:16]


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
    return _load(pack_path.resolve())


@cache
def _load(pack_path: Path) -> RulePack:
    if not pack_path.is_file():
        raise RulePackError(f"{pack_path}: no such rule pack file")
    data = read_yaml_mapping(pack_path)
    try:
        return RulePack.model_validate(data)
    except ValidationError as exc:
        raise RulePackError(_format_errors(pack_path, exc)) from None
