"""Compatibility names for the rule data of the drafting checks.

The three jobs this module used to hold now have one home each:
rule data models and loading in :mod:`dancoso_compare.checks.rules`, the
legal-source index in :mod:`dancoso_compare.checks.sources`, the text keys
in :mod:`dancoso_compare.textkey`. Import from there in new code.
"""

from __future__ import annotations

from dancoso_compare.checks.rules import (  # noqa: F401
    CHECKS_FILE,
    DRAFTING_FILE,
    LEGAL_SOURCES_FILE,
    PROVENANCE_FACTS,
    Catalogue,
    Check,
    CoreBasis,
    Cues,
    Drafting,
    Implementation,
    Instrument,
    LegalSources,
    Misspelling,
    PointLetters,
    Provenance,
    RuleData,
    Supervision,
    Units,
    default_rules_dir,
    load_catalogue,
    load_drafting,
    load_legal_sources,
    load_rules,
)
from dancoso_compare.checks.sources import SourceIndex  # noqa: F401
from dancoso_compare.textkey import loose_key  # noqa: F401
from dancoso_compare.textkey import number_key as normalize_number  # noqa: F401
