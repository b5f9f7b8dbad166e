"""Parse stage: original text -> documents with metadata and a lossless tree.

``parse_text`` runs normalize -> segment -> structure -> metadata. It never
refuses text; problems with a *file* (encoding, scanned PDF, ...) are raised
by :mod:`dancoso_compare.ingest.read` before this stage.
"""

from __future__ import annotations

from pathlib import Path

from dancoso_compare.parse.metadata import extract
from dancoso_compare.models import Document, OcrInfo, ParsedFile, SourceText
from dancoso_compare.ingest.normalize import build_blocks, line_of, line_starts
from dancoso_compare.parse.segment import segment
from dancoso_compare.parse.structure import build_tree


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
    parsed = parse_text(source.text, source.path, format=source.format, encoding=source.encoding)
    if source.ocr is not None:
        parsed.ocr = source.ocr
        for doc in parsed.documents:
            doc.ocr = _ocr_within(source.ocr, doc.span)
    return parsed


def _ocr_within(ocr: OcrInfo, span: tuple[int, int]) -> OcrInfo | None:
    """The OCR provenance of the pages a document's span overlaps (None: it has no OCR'd page)."""
    pages = [page for page in ocr.pages if page.span[0] < span[1] and span[0] < page.span[1]]
    if not pages:
        return None
    read = [page.confidence for page in pages if page.words]
    low = [page.page for page in pages if page.page in ocr.low_confidence_pages]
    mean = round(sum(read) / len(read), 1) if read else 0.0
    return ocr.model_copy(update={"pages": pages, "mean_confidence": mean, "low_confidence_pages": low})


def parse_file(path: str | Path) -> ParsedFile:
    """Read and parse one file (raises :class:`~dancoso_compare.errors.InputError` for bad input)."""
    from dancoso_compare.ingest.read import read_source

    return parse_source(read_source(path))
