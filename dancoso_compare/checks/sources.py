"""The one look-up index the checks share: legal sources and administrative units.

Built once per loaded rule set (:attr:`RuleData.index`): instruments by id,
by canonical number, by role, and by the loose key of every name under which
documents cite them, so that resolving a Căn cứ costs a few dictionary
look-ups instead of a scan of the registry; administrative units are looked
up through :mod:`dancoso_compare.admin_units`, whose table is loaded lazily
once per process.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from dancoso_compare import admin_units
from dancoso_compare.models import Locality
from dancoso_compare.textkey import loose_key, number_key

if TYPE_CHECKING:
    from dancoso_compare.checks.rules import Instrument, RuleData

__all__ = ["SourceIndex", "symbol"]


def symbol(number: str) -> str:
    """Issuer symbol of a document number: '10/2022/QH15' -> 'QH15', '346/QĐ-TTg' -> 'QĐ-TTG'."""
    return number_key(number).rsplit("/", 1)[-1]


class SourceIndex:
    def __init__(self, rules: RuleData) -> None:
        self.instruments: tuple[Instrument, ...] = rules.legal_sources.instruments
        self._position = {inst.id: pos for pos, inst in enumerate(self.instruments)}
        self._by_id = {inst.id: inst for inst in self.instruments}
        self._by_number = {number_key(inst.number): inst for inst in self.instruments if inst.number}
        roles: dict[str, list[Instrument]] = defaultdict(list)
        names: dict[str, list[int]] = defaultdict(list)
        for pos, inst in enumerate(self.instruments):
            for role in inst.roles:
                roles[role].append(inst)
            for name in inst.names:
                key = loose_key(name)
                if key and pos not in names[key]:
                    names[key].append(pos)
        self._roles = {role: tuple(found) for role, found in roles.items()}
        self._names = {key: tuple(found) for key, found in names.items()}
        self._cities = tuple(rules.drafting.centrally_run_cities)

    # -- legal sources ----------------------------------------------------

    def get(self, instrument_id: str) -> Instrument:
        return self._by_id[instrument_id]

    def by_number(self, number: str) -> Instrument | None:
        return self._by_number.get(number_key(number))

    def with_role(self, role: str) -> tuple[Instrument, ...]:
        return self._roles.get(role, ())

    def match_name(self, folded_texts: list[str]) -> list[Instrument]:
        """Instruments one of whose names starts one of the (loose-keyed) texts; the longest name wins."""
        found: dict[int, int] = {}  # instrument position -> length of its longest matching name
        for text in folded_texts:
            words = text.split(" ")
            for n in range(1, len(words) + 1):
                prefix = " ".join(words[:n])
                for pos in self._names.get(prefix, ()):
                    found[pos] = max(found.get(pos, 0), len(prefix))
        if not found:
            return []
        best = max(found.values())
        return [self.instruments[pos] for pos in sorted(found) if found[pos] == best]

    def replacements(self, inst: Instrument, day: date) -> list[Instrument]:
        """The chain of instruments that replaced ``inst`` up to the one in force on ``day``."""
        chain: list[Instrument] = []
        current = inst
        while current.replaced_by and current.ceased is not None and day >= current.ceased and len(chain) < 10:
            current = self.get(current.replaced_by)
            chain.append(current)
        return chain

    # -- administrative units ---------------------------------------------

    def issuer_unit(self, locality: Locality, as_of: date | None) -> admin_units.IssuerUnit:
        return admin_units.issuer_unit(locality, list(self._cities), as_of=as_of)
