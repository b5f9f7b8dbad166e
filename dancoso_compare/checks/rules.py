"""Rule data of the drafting checks: models, validation and loading.

Three YAML files (``rules/legal_sources.yaml``, ``rules/checks.yaml``,
``rules/drafting.yaml``) hold everything the checks know about the law: which
instruments exist and when they were in force, the catalogue of checks with
their messages, and the word lists. They are data so that a justice department
can correct a date or add a misspelling without touching code; validating
them strictly here means a typo in the data fails loudly at load time, with the
file, the path inside it and the problem, instead of silently weakening a check.
"""

from __future__ import annotations

import re
import string
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from dancoso_compare.errors import RulePackError
from dancoso_compare.models import DocKind, Severity
from dancoso_compare.resources import read_yaml_mapping, rules_dir
from dancoso_compare.textkey import number_key

if TYPE_CHECKING:
    from dancoso_compare.checks.sources import SourceIndex

LEGAL_SOURCES_FILE = "legal_sources.yaml"
CHECKS_FILE = "checks.yaml"
DRAFTING_FILE = "drafting.yaml"

# Facts of an instrument that must say where they come from.
PROVENANCE_FACTS = ("number", "issued", "in_force", "ceased", "replaced_by")


class _Strict(BaseModel):
    """Frozen, and its lists are tuples: the loaded rules are shared by every document of a process."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _freeze(model: BaseModel, *names: str) -> None:
    """Replace dict fields by read-only views (pydantic's frozen does not freeze containers)."""
    for name in names:
        object.__setattr__(model, name, MappingProxyType(dict(getattr(model, name))))


# ---------------------------------------------------------------------------
# legal_sources.yaml
# ---------------------------------------------------------------------------


class Provenance(_Strict):
    source: str = Field(min_length=3)
    verified: bool


class Instrument(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    type: str = Field(min_length=2)
    number: str | None = None
    title: str = Field(min_length=3)
    short_vi: str | None = None
    issuer: str | None = None
    issued: date
    in_force: date
    ceased: date | None = None
    replaced_by: str | None = None
    amends: str | None = None
    roles: tuple[str, ...] = Field(default_factory=tuple)
    aliases: tuple[str, ...] = Field(default_factory=tuple)
    note: str | None = None
    provenance: dict[str, Provenance]

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        if self.in_force < self.issued:
            raise ValueError(f"in_force {self.in_force} is before issued {self.issued}")
        if self.ceased is not None and self.ceased <= self.in_force:
            raise ValueError(f"ceased {self.ceased} is not after in_force {self.in_force}")
        unknown = sorted(set(self.provenance) - set(PROVENANCE_FACTS))
        if unknown:
            raise ValueError(f"provenance for unknown facts {unknown}; allowed: {list(PROVENANCE_FACTS)}")
        missing = [f for f in PROVENANCE_FACTS if getattr(self, f) is not None and f not in self.provenance]
        if missing:
            raise ValueError(f"no provenance (source, verified) for {missing}")
        _freeze(self, "provenance")
        return self

    @property
    def names(self) -> list[str]:
        """Names under which documents cite the instrument without its number."""
        return [self.title, *self.aliases]

    @property
    def label(self) -> str:
        """How messages name the instrument."""
        return self.short_vi or (f"{self.type} {self.number}" if self.number else self.title)

    def in_force_on(self, day: date) -> bool:
        return self.in_force <= day and (self.ceased is None or day < self.ceased)

    @property
    def unverified_facts(self) -> list[str]:
        return [fact for fact, prov in self.provenance.items() if not prov.verified]


class LegalSources(_Strict):
    version: str
    instruments: tuple[Instrument, ...]

    @model_validator(mode="after")
    def _references(self) -> LegalSources:
        ids = [i.id for i in self.instruments]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate instrument ids {dupes}")
        numbers = [number_key(i.number) for i in self.instruments if i.number]
        dupes = sorted({n for n in numbers if numbers.count(n) > 1})
        if dupes:
            raise ValueError(f"duplicate instrument numbers {dupes}")
        known = set(ids)
        for pos, inst in enumerate(self.instruments):
            for field in ("replaced_by", "amends"):
                target = getattr(inst, field)
                if target is not None and target not in known:
                    raise ValueError(f"instruments[{pos}] (id={inst.id}).{field}: unknown instrument id {target!r}")
            if inst.replaced_by and inst.ceased is None:
                raise ValueError(f"instruments[{pos}] (id={inst.id}): replaced_by without a ceased date")
        return self

    def get(self, instrument_id: str) -> Instrument:
        return next(i for i in self.instruments if i.id == instrument_id)

    def by_number(self, number: str) -> Instrument | None:
        key = number_key(number)
        return next((i for i in self.instruments if i.number and number_key(i.number) == key), None)

    def with_role(self, role: str) -> list[Instrument]:
        return [i for i in self.instruments if role in i.roles]


# ---------------------------------------------------------------------------
# checks.yaml
# ---------------------------------------------------------------------------


class Check(_Strict):
    id: str = Field(pattern=r"^DC-[A-Z]{2,5}-\d{3}$")
    severity: Severity
    severity_by_kind: dict[DocKind, Severity] = Field(default_factory=dict)
    title_vi: str = Field(min_length=3)
    title_en: str = Field(min_length=3)
    message_vi: str = Field(min_length=3)
    message_en: str = Field(min_length=3)
    legal_source: str = Field(min_length=1)
    refs: tuple[str, ...] = Field(default_factory=tuple)
    description: str = ""

    @model_validator(mode="after")
    def _templates(self) -> Check:
        vi, en = _placeholders(self.message_vi), _placeholders(self.message_en)
        # English may use an _en variant of a Vietnamese field and vice versa.
        base = lambda names: {n.removesuffix("_en").removesuffix("_vi") for n in names}  # noqa: E731
        if base(vi) != base(en):
            raise ValueError(f"message_vi fields {sorted(vi)} and message_en fields {sorted(en)} differ")
        _freeze(self, "severity_by_kind")
        return self

    @property
    def fields(self) -> set[str]:
        return _placeholders(self.message_vi) | _placeholders(self.message_en)

    def severity_for(self, kind: str) -> Severity:
        return self.severity_by_kind.get(kind, self.severity)  # type: ignore[call-overload]


def _placeholders(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError as exc:  # unbalanced braces
        raise ValueError(f"bad template {template!r}: {exc}") from exc


class Catalogue(_Strict):
    version: str
    checks: tuple[Check, ...]

    @model_validator(mode="after")
    def _unique(self) -> Catalogue:
        ids = [c.id for c in self.checks]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate check ids {dupes}")
        return self

    def get(self, check_id: str) -> Check:
        for check in self.checks:
            if check.id == check_id:
                return check
        raise KeyError(f"no check {check_id} in {CHECKS_FILE}")


# ---------------------------------------------------------------------------
# drafting.yaml
# ---------------------------------------------------------------------------


class PointLetters(_Strict):
    sequence: tuple[str, ...]
    invalid: tuple[str, ...]
    nonstandard: tuple[str, ...]

    @model_validator(mode="after")
    def _letters(self) -> PointLetters:
        for name in ("sequence", "invalid", "nonstandard"):
            bad = [x for x in getattr(self, name) if len(x) != 1 or not x.isalpha() or x != x.lower()]
            if bad:
                raise ValueError(f"{name}: not single lower-case letters: {bad}")
        overlap = (set(self.sequence) & set(self.invalid)) | (set(self.sequence) & set(self.nonstandard))
        if overlap:
            raise ValueError(f"letters both in the sequence and rejected: {sorted(overlap)}")
        return self


class CoreBasis(_Strict):
    role: str
    name_vi: str
    name_en: str


class Supervision(_Strict):
    verbs: tuple[str, ...] = Field(min_length=1)
    hdnd_bodies: tuple[str, ...] = Field(min_length=1)
    ubnd_bodies: tuple[str, ...] = Field(min_length=1)


class Implementation(_Strict):
    actors: tuple[str, ...] = Field(min_length=1)
    verbs: tuple[str, ...] = Field(min_length=1)


class Cues(_Strict):
    decision_formula: tuple[str, ...] = Field(min_length=1)
    funding: tuple[str, ...] = Field(min_length=1)
    adoption: tuple[str, ...] = Field(min_length=1)
    effect: tuple[str, ...] = Field(min_length=1)
    addressee: tuple[str, ...] = Field(min_length=1)
    proposal: tuple[str, ...] = Field(min_length=1)
    review_report: tuple[str, ...] = Field(min_length=1)
    submission: tuple[str, ...] = Field(min_length=1)
    effect_from_adoption: tuple[str, ...] = Field(min_length=1)


class Misspelling(_Strict):
    wrong: str = Field(min_length=2)
    right: str = Field(min_length=2)
    followed_by: str | None = None

    @field_validator("followed_by")
    @classmethod
    def _regex(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _differs(self) -> Misspelling:
        if self.wrong.lower() == self.right.lower():
            raise ValueError(f"wrong and right forms are the same: {self.wrong!r}")
        return self


class Units(_Strict):
    tinh: tuple[str, ...] = Field(min_length=1)
    huyen: tuple[str, ...] = Field(min_length=1)
    xa: tuple[str, ...] = Field(min_length=1)


class Drafting(_Strict):
    version: str
    point_letters: PointLetters
    core_bases: tuple[CoreBasis, ...] = Field(min_length=1)
    supervision: Supervision
    implementation: Implementation
    cues: Cues
    misspellings: tuple[Misspelling, ...]
    units: Units
    centrally_run_cities: tuple[str, ...] = Field(min_length=1)


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


class RuleData(BaseModel):
    """The three files, validated and cross-checked; read-only and shared."""

    model_config = ConfigDict(frozen=True)

    legal_sources: LegalSources
    catalogue: Catalogue
    drafting: Drafting
    directory: Path

    @cached_property
    def index(self) -> SourceIndex:
        """The look-up index of the legal sources (built once per loaded rule set)."""
        from dancoso_compare.checks.sources import SourceIndex

        return SourceIndex(self)


def default_rules_dir() -> Path:
    """The packaged copy (wheel: ``dancoso_compare/_rules``) or the repository's ``rules/``."""
    return rules_dir()


def load_legal_sources(path: str | Path) -> LegalSources:
    return _load(Path(path), LegalSources)


def load_catalogue(path: str | Path) -> Catalogue:
    return _load(Path(path), Catalogue)


def load_drafting(path: str | Path) -> Drafting:
    return _load(Path(path), Drafting)


def load_rules(directory: str | Path | None = None) -> RuleData:
    """Load the three files of ``directory`` (default: :func:`default_rules_dir`).

    Loaded once per process and directory (the checks call this for every
    document), and loaded again when one of the files changes (its size or
    modification time). The result is immutable: its lists are tuples, its
    mappings read-only, so no caller can change what the next caller gets.
    """
    folder = Path(directory) if directory is not None else default_rules_dir()
    return _load_cached(folder, _stamps(folder))


def _stamps(folder: Path) -> tuple[tuple[str, int, int], ...]:
    stamps = []
    for name in (LEGAL_SOURCES_FILE, CHECKS_FILE, DRAFTING_FILE):
        try:
            stat = (folder / name).stat()
        except OSError:  # reported by the loader, with the file's name
            stamps.append((name, -1, -1))
            continue
        stamps.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@lru_cache(maxsize=8)
def _load_cached(folder: Path, stamps: tuple[tuple[str, int, int], ...]) -> RuleData:  # noqa: ARG001 - part of the key
    return _load_dir(folder)


def _load_dir(directory: Path) -> RuleData:
    sources = load_legal_sources(directory / LEGAL_SOURCES_FILE)
    catalogue = load_catalogue(directory / CHECKS_FILE)
    drafting = load_drafting(directory / DRAFTING_FILE)
    known = {i.id for i in sources.instruments}
    problems = [
        f"checks[{pos}] (id={check.id}).refs: unknown instrument id {ref!r} (not in {LEGAL_SOURCES_FILE})"
        for pos, check in enumerate(catalogue.checks)
        for ref in check.refs
        if ref not in known
    ]
    roles = {role for inst in sources.instruments for role in inst.roles}
    problems += [
        f"core_bases[{pos}].role: no instrument in {LEGAL_SOURCES_FILE} has role {basis.role!r}"
        for pos, basis in enumerate(drafting.core_bases)
        if basis.role not in roles
    ]
    if problems:
        raise RulePackError(f"{directory}: the rule files do not agree:\n  - " + "\n  - ".join(problems))
    return RuleData(legal_sources=sources, catalogue=catalogue, drafting=drafting, directory=directory)


def _load(path: Path, model: type[BaseModel]) -> Any:
    raw = read_yaml_mapping(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise RulePackError(_describe(path, raw, exc)) from None


def _describe(path: Path, raw: dict, exc: ValidationError) -> str:
    """One line per problem: ``file: path.in[2] (id=...).yaml: problem``."""
    lines = []
    for err in exc.errors():
        where = _yaml_path(raw, err["loc"]) or "(top level)"
        message = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            message = "required field is missing"
        elif "input" in err and err["type"] not in ("missing",) and not isinstance(err["input"], dict | list):
            message = f"{message} (got {err['input']!r})"
        lines.append(f"{where}: {message}")
    return f"{path}: {len(lines)} problem(s):\n  - " + "\n  - ".join(lines)


def _yaml_path(raw: Any, loc: tuple) -> str:
    """Render a pydantic location, naming list items by their ``id`` when they have one."""
    parts: list[str] = []
    node = raw
    for key in loc:
        if isinstance(key, int):
            ident = node[key].get("id") if isinstance(node, list) and key < len(node) and isinstance(node[key], dict) else None
            parts[-1:] = [f"{parts[-1] if parts else ''}[{key}]" + (f" (id={ident})" if ident else "")]
        else:
            parts.append(str(key))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
    return ".".join(parts)


