"""Benchmark of the input readers: PDF text extraction libraries, OCR of scans, LibreOffice conversion.

    . .venv/bin/activate
    pip install pdfplumber pymupdf        # only to compare them with pypdf; not dependencies
    python benchmarks/bench_inputs.py     # a few minutes on 2 CPUs; Markdown on stdout

1. **PDF text layer.** The five seeds are written as PDFs with a text layer
   (tests/builders.to_pdf: DejaVu Sans, A4, wrapped lines). Each library
   extracts the text; we time it (best of 3) and score line order: the share
   of the seed's words that come back in order (difflib on the word
   sequences), and whether the parsed tree and metadata equal those of the
   seed text (the criterion the project cares about).
2. **OCR.** The shortest seed rendered to page images only (no text layer), read
   by ``read_source`` (PDFium at 300 dpi, clean-up, Tesseract ``vie``): pages/s and
   word accuracy against the seed.
3. **LibreOffice.** Seconds per conversion (.doc, .rtf, .odt, .html -> .docx).
"""

from __future__ import annotations

import difflib
import statistics
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests import builders  # noqa: E402
from tests.parse.test_parse_formats import signature  # noqa: E402

from dancoso_compare.parse import parse_text  # noqa: E402

SEEDS = sorted((REPO / "tests" / "data" / "seeds").glob("*.txt"))


def _words(text: str) -> list[str]:
    return unicodedata.normalize("NFC", text).split()


def _order_score(expected: str, got: str) -> float:
    a, b = _words(expected), _words(got)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(a), 1)


def _pypdf(path: Path) -> str:
    import pypdf

    return "\n\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def _pdfplumber(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n\n".join(page.extract_text() or "" for page in pdf.pages)


def _pymupdf(path: Path) -> str:
    import pymupdf

    with pymupdf.open(path) as pdf:
        return "\n\n".join(page.get_text() for page in pdf)


def _pypdfium2(path: Path) -> str:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return "\n\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()


LIBRARIES = {"pypdf": _pypdf, "pdfplumber": _pdfplumber, "PyMuPDF": _pymupdf, "pypdfium2": _pypdfium2}


def bench_pdf(folder: Path) -> list[str]:
    pdfs = []
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8").replace("Üy", "Ủy")
        pdfs.append((text, builders.to_pdf(text, folder / f"{seed.stem}.pdf")))
    import pypdf

    pages = sum(len(pypdf.PdfReader(path).pages) for _, path in pdfs)
    rows = ["| library | version | ms/page (best of 3) | words in order | same tree as text |", "|---|---|---|---|---|"]
    for name, extract in LIBRARIES.items():
        try:
            version = _version(name)
        except ImportError:
            rows.append(f"| {name} | not installed | | | |")
            continue
        best = min(_timed(lambda: [extract(path) for _, path in pdfs]) for _ in range(3))
        texts = [extract(path) for _, path in pdfs]
        order = statistics.mean(_order_score(text, got) for (text, _), got in zip(pdfs, texts, strict=True))
        same = sum(signature(parse_text(got)) == signature(parse_text(text)) for (text, _), got in zip(pdfs, texts, strict=True))
        rows.append(f"| {name} | {version} | {1000 * best / pages:.1f} | {100 * order:.2f} % | {same}/{len(pdfs)} |")
    return [f"{len(pdfs)} seed PDFs, {pages} pages.", "", *rows]


def _version(name: str) -> str:
    from importlib.metadata import version

    return version(name.lower())


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def bench_ocr(folder: Path) -> list[str]:
    from dancoso_compare.ingest.read import read_source

    seed = min(SEEDS, key=lambda path: path.stat().st_size)
    text = seed.read_text(encoding="utf-8")
    scan = builders.to_image_only_pdf(text, folder / "scan.pdf")
    seconds = _timed(lambda: read_source(scan))
    source = read_source(scan)
    pages = len(source.ocr.pages)
    accuracy = _order_score(text, source.text)
    same = signature(parse_text(source.text)) == signature(parse_text(text))
    return [
        f"Scan of `{seed.name}` ({pages} pages rendered at 200 dpi, OCR at 300 dpi): "
        f"{pages / seconds:.2f} pages/s ({seconds / pages:.1f} s/page), mean confidence {source.ocr.mean_confidence:.1f}, "
        f"words in order {100 * accuracy:.2f} %, same tree as the text: {same}; engine {source.ocr.engine}.",
    ]


def bench_office(folder: Path) -> list[str]:
    from dancoso_compare.ingest.office import convert_to_docx

    seed = min(SEEDS, key=lambda path: path.stat().st_size)
    docx = builders.to_docx_literal(seed.read_text(encoding="utf-8"), folder / "seed.docx")
    import subprocess

    from dancoso_compare.ingest.office import soffice_binary

    rows = ["| format | s per conversion to .docx |", "|---|---|"]
    for target in ("doc", "rtf", "odt", "html:HTML (StarWriter)"):
        suffix = target.split(":")[0]
        subprocess.run([soffice_binary(), f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", str(folder / suffix), str(docx)], check=True, capture_output=True)
        data = (folder / suffix / f"seed.{suffix}").read_bytes()
        seconds = min(_timed(lambda: convert_to_docx(data, f"seed.{suffix}")) for _ in range(2))
        rows.append(f"| .{suffix} | {seconds:.2f} |")
    return rows


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="dancoso-bench-inputs-") as work:
        folder = Path(work)
        print("### PDF text extraction\n")
        print("\n".join(bench_pdf(folder)))
        print("\n### OCR\n")
        print("\n".join(bench_ocr(folder)))
        print("\n### LibreOffice conversion\n")
        print("\n".join(bench_office(folder)))


if __name__ == "__main__":
    main()
