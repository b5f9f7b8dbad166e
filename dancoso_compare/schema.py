"""JSON Schema of the two contracts, exported to ``schema/`` (regenerate: python -m dancoso_compare.schema)."""

from __future__ import annotations

import json
from pathlib import Path

from .models import AuditReport, ParseReport

SCHEMAS = {"parse.schema.json": ParseReport, "audit.schema.json": AuditReport}


def schema_text(model) -> str:  # noqa: ANN001
    return json.dumps(model.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (folder / name).write_text(schema_text(model), encoding="utf-8")


if __name__ == "__main__":
    export(Path(__file__).resolve().parents[1] / "schema")
