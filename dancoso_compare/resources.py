"""Where the data files live.

Rule data sits in the top-level ``rules/`` folder of the repository; a wheel
carries the same files as ``dancoso_compare/_rules`` (see pyproject.toml).
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE_DIR = Path(__file__).resolve().parent
# libyaml's loader when present: the rule files are read at every start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def rules_dir() -> Path:
    for candidate in (_PACKAGE_DIR / "_rules", _PACKAGE_DIR.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("rules/ data folder not found next to the dancoso_compare package")


@cache
def _parsed_yaml(name: str) -> Any:
    with (rules_dir() / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)  # noqa: S506 - a safe loader


def load_yaml(name: str) -> dict:
    """A YAML file of the rules folder, parsed once per process; every call gets its own copy,
    so a caller that changes the result never changes what the next caller sees."""
    return copy.deepcopy(_parsed_yaml(name))


def read_yaml_mapping(path: Path) -> dict:
    """A YAML file that must hold a mapping, read afresh at every call (so never shared between callers);
    problems become a RulePackError naming the file."""
    from dancoso_compare.errors import RulePackError

    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    except FileNotFoundError:
        raise RulePackError(f"{path}: rule file not found",
                            f"{path}: không có tệp quy tắc này. Hãy kiểm tra lại đường dẫn.") from None
    except yaml.YAMLError as exc:
        raise RulePackError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(raw, dict):
        raise RulePackError(f"{path}: expected a mapping at the top level, got {type(raw).__name__}")
    return raw
