"""Parse stage: original text -> documents with metadata and a lossless tree.

``parse_text`` runs normalize -> segment -> structure -> metadata. It never
refuses text; problems with a *file* (encoding, scanned PDF, ...) are raised
by :mod:`dancoso_compare.read` before this stage.
"""

from __future__ import annotations

from pathlib import Path

from .metadata import extract
from .models import Document, ParsedFile, SourceText
from .normalize import build_blocks, line_of, line_starts
from .segment import segment
from .structure import build_tree


def parse_text(text: str, source: str = "<string>", *, format: str = "txt", encoding: str | None = None) -> ParsedFile:
    """Parse one file's text into its documents."""
    starts = line_starts(text)
    total_lines = len(starts)
    blocks = build_blocks(text)
    documents: list[Document] = []
    segments = segment(blocks, total_lines)
    for n, seg in enumerate(segments):
        body, anomalies = build_tree(text, seg.blocks)
        meta, legal_bases, considered = extract(seg, body, lambda off: line_of(starts, off), text)
        span_start = 0 if n == 0 else starts[seg.first_line - 1]
        span_end = starts[segments[n + 1].first_line - 1] if n + 1 < len(segments) else len(text)
        documents.append(
            Document(
                kind=seg.kind,  # type: ignore[arg-type]
                draft=meta.is_draft,
                **meta.document_fields(),
                legal_bases=legal_bases,
                considered=considered,
                lines=(seg.first_line, seg.last_line),
                span=(span_start, span_end),
                body=body,
                anomalies=anomalies,
            )
        )
    parsed = ParsedFile(source=source, format=format, encoding=encoding, documents=documents)
    parsed._text = text
    return parsed


def parse_source(source: SourceText) -> ParsedFile:
    return parse_text(source.text, source.path, format=source.format, encoding=source.encoding)


def parse_file(path: str | Path) -> ParsedFile:
    """Read and parse one file (raises :class:`~dancoso_compare.errors.InputError` for bad input)."""
    from .read import read_source

    return parse_source(read_source(path))
