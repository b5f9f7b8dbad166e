"""Administrative units after the reorganisation of 1 July 2025.

From 1/7/2025 local government has two levels (province and commune): the
HĐND and UBND of huyện, quận, thị xã and thành phố thuộc tỉnh ceased, and 63
provinces became 34. Audits are rolled up by today's provinces, so every
locality printed in a document (old or new) is mapped to the province it
belongs to now.

The mapping is the one underthesea ships (``underthesea/address/data/
mapping.json``, built from the ``vietnamadminunits`` package): one record per
old commune with its old district and province and its new commune and
province. We read that table rather than keep a hand-written one so that a
correction upstream reaches us with a version bump. It is ~5 MB, so it is
loaded on first use and cached.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .models import Locality

# First day of two-level local government (district level ceased).
TWO_TIER_DATE = date(2025, 7, 1)

# Unit words by level, longest first so that "thị trấn" wins over "thị".
_PROVINCE_UNITS = ("thành phố", "tỉnh")
_DISTRICT_UNITS = ("thành phố", "thị xã", "huyện", "quận")
_COMMUNE_UNITS = ("thị trấn", "phường", "đặc khu", "xã")


@lru_cache(maxsize=None)
def _normalize_key(text: str) -> str:
    # The mapping's keys are made by underthesea's own normalizer; use it so
    # that our keys and theirs agree on every spelling quirk.
    from underthesea.address.normalizer import normalize_key

    return normalize_key(text)


def mapping_path() -> Path:
    # Located without importing underthesea (its import alone takes most of a second).
    from importlib.util import find_spec

    spec = find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("underthesea is not installed; it ships the 2025 administrative mapping")
    return Path(next(iter(spec.submodule_search_locations))) / "address" / "data" / "mapping.json"


@dataclass
class _Index:
    province_of: dict[str, str]  # old province key -> new province key
    new_names: dict[str, str]  # new province key -> display name ("Thành phố Đà Nẵng")
    old_names: dict[str, str]  # old province key -> display name


@dataclass
class _UnitTables:
    # (unit key, name key) of an old district -> old province keys
    districts: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    # (unit key, name key) of an old commune -> {(old province, old district key, new province)}
    old_communes: dict[tuple[str, str], set[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(set))
    # (unit key, name key) of a new commune -> new province keys
    new_communes: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))


@lru_cache(maxsize=1)
def _mapping() -> dict:
    return json.loads(mapping_path().read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _index() -> _Index:
    data = _mapping()
    return _Index(
        province_of=dict(data["province_mapping"]),
        new_names={k: v["name"] for k, v in data["province_names"].items()},
        old_names={k: v["name"] for k, v in data["old_province_names"].items()},
    )


@lru_cache(maxsize=1)
def _unit_tables() -> _UnitTables:
    """District and commune tables: built only when a lower-level unit is looked up (about a second)."""
    tables = _UnitTables()
    for rec in _mapping()["ward_mapping"]:
        old_prov = rec["old_province_key"]
        if rec["old_district"]:
            tables.districts[_split_keyed(rec["old_district"], rec["old_district_key"], _DISTRICT_UNITS)].add(old_prov)
        if rec["old_ward"]:
            tables.old_communes[_split_keyed(rec["old_ward"], rec["old_ward_key"], _COMMUNE_UNITS)].add(
                (old_prov, rec["old_district_key"], rec["new_province_key"])
            )
        if rec["new_ward"]:
            tables.new_communes[_split_keyed(rec["new_ward"], rec["new_ward_key"], _COMMUNE_UNITS)].add(rec["new_province_key"])
    return tables


def _split_keyed(full_name: str, key: str, units: tuple[str, ...]) -> tuple[str, str]:
    """Like :func:`_split`, reusing the key the mapping already stores (normalizing 30,000 names is slow)."""
    lowered = full_name.lower()
    for unit in units:
        unit_key = _normalize_key(unit)
        if lowered.startswith(unit + " ") and key.startswith(unit_key):
            return unit_key, key[len(unit_key):]
    return _split(full_name, units)


def _split(full_name: str, units: tuple[str, ...]) -> tuple[str, str]:
    """'Huyện Nam Trà My' -> ('huyen', 'namtramy'); the unit key is '' if none is printed."""
    lowered = full_name.strip().lower()
    for unit in units:
        if lowered.startswith(unit + " "):
            return _normalize_key(unit), _normalize_key(full_name.strip()[len(unit) + 1 :])
    return "", _normalize_key(full_name)


def _key(locality: Locality) -> tuple[str, str]:
    return _normalize_key(locality.unit), _normalize_key(locality.name)


def _lookup(table: dict[tuple[str, str], set], unit_key: str, name_key: str) -> set:
    """Exact (unit, name) first; the name under any unit word if the unit finds nothing."""
    found = table.get((unit_key, name_key))
    if found:
        return found
    return set().union(*(v for (u, n), v in table.items() if n == name_key)) if name_key else set()


def _province_key(locality: Locality) -> str | None:
    """Old or new province key of a provincial-level locality."""
    idx = _index()
    unit_key, name_key = _key(locality)
    candidates = [unit_key + name_key] + [_normalize_key(u) + name_key for u in _PROVINCE_UNITS]
    for key in candidates:
        if key in idx.province_of or key in idx.new_names:
            return key
    return None


def _new_province(old_or_new_key: str) -> str | None:
    idx = _index()
    if old_or_new_key in idx.province_of:
        return idx.province_of[old_or_new_key]
    return old_or_new_key if old_or_new_key in idx.new_names else None


def _unique(keys: set[str]) -> str | None:
    return next(iter(keys)) if len(keys) == 1 else None


def current_province_key(
    locality: Locality, parent: Locality | None = None, *, as_of: date | None = None
) -> str | None:
    """Key of today's province (e.g. ``thanhphodanang``), or None when unknown or ambiguous."""
    if locality.level == "tinh":
        key = _province_key(locality)
        return _new_province(key) if key else None

    parent_key = current_province_key(parent) if parent is not None and parent.level == "tinh" else None
    if parent_key is not None:
        # The parent province decides; the unit must still exist under it
        # (checked loosely: an unknown unit keeps the parent's answer).
        return parent_key

    idx = _unit_tables()
    unit_key, name_key = _key(locality)
    if locality.level == "huyen":
        olds = _lookup(idx.districts, unit_key, name_key)
        return _unique({p for p in (_new_province(o) for o in olds) if p})

    # Commune level. A name printed after 1/7/2025 is a new commune; before, an
    # old one. Without a date, old names first (most documents predate the
    # reform), then new names.
    old_hits = _lookup(idx.old_communes, unit_key, name_key)
    if parent is not None and parent.level == "huyen":
        district = _normalize_key(parent.unit) + _normalize_key(parent.name)
        old_hits = {h for h in old_hits if h[1] == district} or old_hits
    from_old = {new for _, _, new in old_hits}
    from_new = set(_lookup(idx.new_communes, unit_key, name_key))
    order = (from_new, from_old) if as_of is not None and as_of >= TWO_TIER_DATE else (from_old, from_new)
    for keys in order:
        if keys:
            return _unique(keys)
    return None


def current_province(locality: Locality, parent: Locality | None = None, *, as_of: date | None = None) -> str | None:
    """Name of the province the unit belongs to today, e.g. 'Thành phố Đà Nẵng' for Quảng Nam.

    ``parent`` is the province (or district, for a commune) printed with the
    unit, when known. A district or commune name alone is looked up among the
    units of the mapping and answered only when all matches lie in one province.
    ``as_of`` (the document's date) tells whether a commune name is an old or
    a new one.
    """
    key = current_province_key(locality, parent, as_of=as_of)
    return _index().new_names.get(key) if key else None


def province_was_merged(locality: Locality) -> bool:
    """True for a province that ceased to exist on 1/7/2025 (merged into another)."""
    if locality.level != "tinh":
        return False
    key = _province_key(locality)
    if key is None or key not in _index().province_of:
        return False
    return _index().province_of[key] != key


def infer_level(unit: str, name: str, centrally_run_cities: list[str]) -> str | None:
    """Level of a unit from its unit word: 'thành phố' is provincial only for the centrally-run cities."""
    word = unit.strip().lower()
    if word == "tỉnh":
        return "tinh"
    if word == "thành phố":
        names = {_normalize_key(c) for c in centrally_run_cities}
        return "tinh" if _normalize_key(name) in names else "huyen"
    if word in ("huyện", "quận", "thị xã"):
        return "huyen"
    if word in _COMMUNE_UNITS:
        return "xa"
    return None


def is_district_level(locality: Locality, centrally_run_cities: list[str]) -> bool:
    """District level by the printed unit word, not only by the parser's level."""
    inferred = infer_level(locality.unit, locality.name, centrally_run_cities)
    return (inferred or locality.level) == "huyen"


def new_province_names() -> list[str]:
    return sorted(_index().new_names.values())


def merged_into(locality: Locality, parent: Locality | None = None, *, as_of: date | None = None) -> str | None:
    """Today's province when the unit's (old) province was merged into another one, else None.

    A commune name printed on or after 1/7/2025 is a new commune, whose
    province already is today's: None.
    """
    idx = _index()
    if parent is not None and parent.level == "tinh":
        key = _province_key(parent)
        olds = {key} if key else set()
    elif locality.level == "tinh":
        key = _province_key(locality)
        olds = {key} if key else set()
    elif locality.level == "huyen":
        olds = set(_lookup(_unit_tables().districts, *_key(locality)))
    elif as_of is not None and as_of >= TWO_TIER_DATE:
        return None
    else:
        olds = {prov for prov, _, _ in _lookup(_unit_tables().old_communes, *_key(locality))}
    old = _unique({o for o in olds if o in idx.province_of})
    if old is None:
        return None
    new = idx.province_of[old]
    return idx.new_names.get(new) if new != old else None


@dataclass(frozen=True)
class IssuerUnit:
    """Where a document comes from, for roll-ups by today's provinces."""

    name: str
    unit: str
    level: str  # tinh | huyen | xa, from the unit word when it is unambiguous
    current_province: str | None
    merged: bool  # its province ceased on 1/7/2025
    ceased: bool  # a district-level unit, whose HĐND and UBND ceased on 1/7/2025


def issuer_unit(locality: Locality, centrally_run_cities: list[str], *, as_of: date | None = None) -> IssuerUnit:
    """The issuer's unit facts; cached on disk because building the mapping index costs about a second."""
    from dataclasses import asdict

    from .cache import default_cache, make_key

    path = mapping_path()
    key = make_key("issuer_unit", "1", locality.model_dump_json(), "|".join(centrally_run_cities), str(as_of),
                   str(path), str(path.stat().st_size))
    store = default_cache()
    cached = store.get(key)
    if cached is not None:
        return IssuerUnit(**cached)
    unit = _issuer_unit(locality, centrally_run_cities, as_of=as_of)
    store.set(key, asdict(unit))
    return unit


def _issuer_unit(locality: Locality, centrally_run_cities: list[str], *, as_of: date | None = None) -> IssuerUnit:
    level = infer_level(locality.unit, locality.name, centrally_run_cities) or locality.level
    # The printed unit word decides the level ("thành phố Bắc Giang" was a district).
    locality = locality.model_copy(update={"level": level})
    return IssuerUnit(
        name=locality.name,
        unit=locality.unit,
        level=level,
        current_province=current_province(locality, as_of=as_of),
        merged=merged_into(locality, as_of=as_of) is not None,
        ceased=level == "huyen",
    )
