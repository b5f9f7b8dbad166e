"""The public API: exactly the names in ``__all__``, each importable, the functions fully typed, ``py.typed`` shipped."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
import typing
from importlib.resources import files

import dancoso_compare as dc


def _public_namespace() -> dict[str, object]:
    return {name: getattr(dc, name) for name in dc.__all__}


def test_the_package_exposes_exactly_all():
    assert len(set(dc.__all__)) == len(dc.__all__)
    assert [n for n in dir(dc) if not n.startswith("_")] == sorted(n for n in dc.__all__ if not n.startswith("_"))
    namespace: dict[str, object] = {}
    exec("from dancoso_compare import *", namespace)  # noqa: S102 - the star import a user would write
    assert set(namespace) - {"__builtins__"} == set(dc.__all__)


def test_unknown_names_are_an_attribute_error():
    try:
        dc.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def _functions():
    for name, value in _public_namespace().items():
        if inspect.isfunction(value):
            yield name, value
        elif inspect.isclass(value) and value.__module__.startswith("dancoso_compare") and not hasattr(value, "model_fields"):
            for method_name, method in vars(value).items():
                if not method_name.startswith("_"):
                    function = method.__func__ if isinstance(method, classmethod) else method
                    if inspect.isfunction(function):
                        yield f"{name}.{method_name}", function


def _type_checking_names(module_name: str) -> dict[str, object]:
    """The names a module imports under ``if TYPE_CHECKING:`` (what a type checker sees), imported for real."""
    module = importlib.import_module(module_name)
    names: dict[str, object] = {}
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom):
                    source = importlib.import_module("." * statement.level + (statement.module or ""), module.__package__)
                    for alias in statement.names:
                        names[alias.asname or alias.name] = getattr(source, alias.name)
    return names


def test_public_functions_have_complete_type_hints():
    checked = []
    for name, function in _functions():
        namespace = {**_type_checking_names(function.__module__), **_public_namespace()}
        hints = typing.get_type_hints(function, localns=namespace)
        parameters = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
        assert "return" in hints, f"{name} has no return type"
        assert set(parameters) <= set(hints), f"{name}: parameters without a type: {set(parameters) - set(hints)}"
        checked.append(name)
    assert {"read", "audit", "load_pack", "Auditor.from_path", "AuditResult.to_frame"} <= set(checked), checked


def test_a_submodule_named_like_a_public_function_does_not_hide_it():
    code = ("import importlib, dancoso_compare as dc; importlib.import_module('dancoso_compare.api'); "
            "print(callable(dc.read), dc.read.__module__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "dancoso_compare.api"]


def test_importing_the_package_stays_cheap():
    code = "import sys, dancoso_compare; print(sorted(m for m in ('pandas', 'spacy', 'dancoso_compare.api') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_package_ships_a_py_typed_marker():
    assert files("dancoso_compare").joinpath("py.typed").is_file()
