"""dancoso_compare: audit Vietnamese local resolutions on grassroots democracy
(Luật Thực hiện dân chủ ở cơ sở 10/2022/QH15, Điều 8) against the law.

    import dancoso_compare as dc
    parsed = dc.read("corpus/tinh-son-la-2024.txt")   # documents, metadata, Điều/khoản/điểm tree
    result = dc.audit(["corpus/"])                      # AuditResult: .to_frame(), .matrix(), .plot()

The names below are the public, typed API (the package ships ``py.typed``); everything
else is internal and may move. They are imported on first use, so that importing the
package (the CLI does) stays cheap.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> module that defines it (absolute, so a package move rewrites it with every other import).
_EXPORTS: dict[str, str] = {
    "read": "dancoso_compare.api",
    "audit": "dancoso_compare.api",
    "Auditor": "dancoso_compare.api",
    "AuditResult": "dancoso_compare.report.results",
    "RulePack": "dancoso_compare.measures.rulepack",
    "load_pack": "dancoso_compare.measures.rulepack",
    "ParsedFile": "dancoso_compare.models",
    "ParseReport": "dancoso_compare.models",
    "Document": "dancoso_compare.models",
    "Node": "dancoso_compare.models",
    "AuditReport": "dancoso_compare.models",
    "DocumentAudit": "dancoso_compare.models",
    "Finding": "dancoso_compare.models",
    "DancosoError": "dancoso_compare.errors",
    "InputError": "dancoso_compare.errors",
    "RulePackError": "dancoso_compare.errors",
}

__all__ = ["__version__", *_EXPORTS]

if TYPE_CHECKING:  # what static type checkers see; at run time the same names load lazily
    from dancoso_compare.api import Auditor, audit, read
    from dancoso_compare.errors import DancosoError, InputError, RulePackError
    from dancoso_compare.models import AuditReport, Document, DocumentAudit, Finding, Node, ParsedFile, ParseReport
    from dancoso_compare.report.results import AuditResult
    from dancoso_compare.measures.rulepack import RulePack, load_pack


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'dancoso_compare' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


class _Package(types.ModuleType):
    """Importing a submodule binds it on the package; one named like a public function (the reader
    module ``dancoso_compare.ingest.read``) must not replace that function (``dc.read``)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _EXPORTS and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __dir__() -> list[str]:
    return sorted(__all__)
