"""JSON Schema of the two contracts, exported to ``schema/`` (regenerate: python -m dancoso_compare.schema)."""

from __future__ import annotations

import json
from pathlib import Path

from dancoso_compare.models import AuditReport, ParseReport


def compact_parse_schema() -> dict:
    """Schema of ``dancoso parse --compact``: the parse contract with each file's ``text`` once,
    nodes without ``text`` (it is ``file.text[span[0]:span[1]]``) and fields at their default left out."""
    schema = ParseReport.model_json_schema(mode="serialization")
    schema["title"] = "CompactParseReport"
    schema["properties"]["compact"] = {"const": True, "title": "Compact"}
    defs = schema["$defs"]
    defs["Node"]["properties"].pop("text")
    defs["Node"]["required"].remove("text")
    defs["ParsedFile"]["properties"]["text"] = {
        "type": "string", "title": "Text",
        "description": "the source text all spans index into; a node's text is text[span[0]:span[1]]"}
    defs["ParsedFile"]["required"].append("text")
    for part in [schema, *defs.values()]:
        properties = part.get("properties", {})
        if "required" in part:
            part["required"] = [name for name in part["required"] if "default" not in properties.get(name, {})]
    schema["required"] = sorted(set(schema.get("required", [])) | {"compact", "schema_version"})
    return schema


SCHEMAS = {"parse.schema.json": ParseReport, "audit.schema.json": AuditReport,
           "parse-compact.schema.json": compact_parse_schema}


def schema_text(model) -> str:  # noqa: ANN001
    """A model's JSON Schema (or a function returning one), as exported."""
    schema = model() if callable(model) and not hasattr(model, "model_json_schema") else \
        model.model_json_schema(mode="serialization")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        (folder / name).write_text(schema_text(model), encoding="utf-8")


if __name__ == "__main__":
    export(Path(__file__).resolve().parents[1] / "schema")
