"""The JSON contracts written item by item: the report envelope, one item per file or document, the errors.

``ReportStream`` gives the same bytes as serializing the whole report at once (``json``), one JSON
document per line (``jsonl``), or the compact parse form (``compact``: each file's text once, node
texts sliced back from their spans by ``expand_compact``). Items are encoded where they are
produced (a worker process), so the writer only copies text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from dancoso_compare.models import InputErrorRecord, ParsedFile

Encoding = Literal["json", "jsonl", "compact"]


def encode_item(model, encoding: Encoding) -> str:  # noqa: ANN001
    """One item as it appears in the report: indented like ``report.model_dump_json(indent=2)`` or on one line."""
    if encoding == "json":
        return model.model_dump_json(indent=2)
    return model.model_dump_json()


def encode_file(parsed: ParsedFile, encoding: Encoding) -> str:
    if encoding == "compact":
        return compact_file_json(parsed)
    return encode_item(parsed, encoding)



# --------------------------------------------------------------------------- streamed reports


class ReportStream:
    """Writes a report item by item, byte-identical to serializing the whole report at once.

    ``envelope`` is the report model with an empty ``field`` list (``files`` or
    ``documents``) and no errors; items are the worker-encoded JSON texts.

    - ``json``: exactly ``report.model_dump_json(indent=2)`` plus a newline;
    - ``jsonl``: the envelope on the first line (without the items and errors),
      then one line per item, then one line per input error;
    - ``compact``: one line, no indentation (``compact_report`` documents the form).
    """

    def __init__(self, write: Callable[[str], object], envelope, field: str, encoding: Encoding) -> None:  # noqa: ANN001
        self.write, self.envelope, self.field, self.encoding = write, envelope, field, encoding
        self.count = 0
        if encoding == "jsonl":
            write(envelope.model_dump_json(exclude={field, "errors"}) + "\n")
        elif encoding == "compact":
            head = envelope.model_dump(mode="json", exclude={field, "errors"})
            write(_dumps({**head, "compact": True})[:-1] + f',"{field}":[')
        else:
            write(self._split(envelope)[0])

    def _split(self, envelope) -> tuple[str, str]:  # noqa: ANN001
        text = envelope.model_dump_json(indent=2)
        marker = f'"{self.field}": []'
        at = text.index(marker) + len(marker) - 1  # just before the closing bracket
        return text[:at], text[at:]

    def add(self, item: str) -> None:
        if self.encoding == "jsonl":
            self.write(item + "\n")
        elif self.encoding == "compact":
            self.write(("," if self.count else "") + item)
        else:
            indented = "\n".join("    " + line for line in item.split("\n"))
            self.write(("," if self.count else "") + "\n" + indented)
        self.count += 1

    def close(self, errors: list[InputErrorRecord], end: str = "\n") -> None:
        if self.encoding == "jsonl":
            for record in errors:
                self.write(record.model_dump_json() + "\n")
            return
        if self.encoding == "compact":
            self.write("]," + _dumps({"errors": [e.model_dump(mode="json") for e in errors]})[1:] + "\n")
            return
        tail = self._split(self.envelope.model_copy(update={"errors": errors}))[1]
        self.write(("\n  " if self.count else "") + tail + end)


def _dumps(value) -> str:  # noqa: ANN001
    import json

    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


# --------------------------------------------------------------------------- compact parse JSON


def compact_file(parsed: ParsedFile) -> dict:
    """One file of the compact parse form: its source text once, nodes without their ``text``.

    Every node's text is ``file["text"][span[0]:span[1]]`` (the lossless
    invariant); fields at their default value (null, false, empty lists) are
    left out. :func:`expand_compact` gives back the full ``schema_version: "1"``
    report.
    """
    data = parsed.model_dump(mode="json", exclude_defaults=True)
    for doc in data.get("documents", []):
        _drop_text(doc.get("body", []))
    data["text"] = parsed.text
    return data


def _drop_text(nodes: list[dict]) -> None:
    for node in nodes:
        node.pop("text", None)
        _drop_text(node.get("children", []))


def compact_file_json(parsed: ParsedFile) -> str:
    return _dumps(compact_file(parsed))


def expand_compact(payload: dict):  # noqa: ANN201
    """The full ParseReport from a compact one (node texts sliced back from each file's text)."""
    from dancoso_compare.models import ParseReport

    files = []
    for item in payload.get("files", []):
        item = dict(item)
        text = item.pop("text")
        for doc in item.get("documents", []):
            _restore_text(doc.get("body", []), text)
        files.append((item, text))
    report = ParseReport.model_validate({"files": [f for f, _ in files], "errors": payload.get("errors", []),
                                         **({"schema_version": payload["schema_version"]}
                                            if "schema_version" in payload else {})})
    for parsed, (_, text) in zip(report.files, files, strict=True):
        parsed._text = text
    return report


def _restore_text(nodes: list[dict], text: str) -> None:
    for node in nodes:
        start, end = node["span"]
        node["text"] = text[start:end]
        _restore_text(node.get("children", []), text)
