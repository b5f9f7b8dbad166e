"""OCR of scanned PDF pages: Tesseract with the Vietnamese model.

Pages are rendered with PDFium (``pypdfium2``) at :data:`DPI`, cleaned up
(grey scale, contrast stretched, de-skewed by the angle whose row profile is
sharpest) and recognised by Tesseract (``pytesseract``; Debian packages
``tesseract-ocr`` and ``tesseract-ocr-vie``). Each page's text is rebuilt from
Tesseract's word table, one line per recognised line and a blank line between
paragraphs, so the text and the confidence come from a single run.

The optional extra ``pip install "dancoso_compare[ocr]"`` brings the Python
parts; a missing part raises :class:`~dancoso_compare.errors.ToolMissingError`
that names the file and says what to install.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dancoso_compare.errors import CorruptFileError, ToolMissingError

__all__ = ["DPI", "LANGUAGE", "LOW_CONFIDENCE", "OcrPageText", "deskew_angle", "engine_name", "ocr_pdf_pages"]

DPI = 300
LANGUAGE = "vie"
LOW_CONFIDENCE = 70.0  # mean word confidence (0-100) below which a page is listed as a finding
_PIP = 'pip install "dancoso_compare[ocr]"'
_APT = "apt-get install tesseract-ocr tesseract-ocr-vie"

PageCallback = Callable[[int, int], None]


@dataclass(frozen=True)
class OcrPageText:
    """One recognised page: its 1-based number, text and mean word confidence (0-100)."""

    page: int
    text: str
    confidence: float
    words: int


def _modules(path: str) -> tuple[Any, Any]:
    try:
        import pypdfium2
        import pytesseract
    except ImportError as exc:
        raise ToolMissingError(
            path, f"the PDF is a scan and OCR needs the Python package '{exc.name}'",
            advice=f"Install the OCR extra: {_PIP} (and {_APT}).",
        ) from exc
    return pypdfium2, pytesseract


def engine_name(path: str = "<ocr>") -> str:
    """'tesseract 5.3.0 (vie)', checking that the program and its Vietnamese model are installed."""
    _, pytesseract = _modules(path)
    try:
        version, languages = _probe(pytesseract, pytesseract.pytesseract.tesseract_cmd)
    except (pytesseract.TesseractNotFoundError, OSError) as exc:
        raise ToolMissingError(
            path, "the PDF is a scan and OCR needs the program 'tesseract'", advice=f"Install it: {_APT}."
        ) from exc
    if LANGUAGE not in languages:
        raise ToolMissingError(
            path, "Tesseract has no Vietnamese model ('vie')", advice="Install it: apt-get install tesseract-ocr-vie."
        )
    return f"tesseract {version} ({LANGUAGE})"


@functools.lru_cache(maxsize=4)
def _probe(pytesseract: Any, command: str) -> tuple[str, tuple[str, ...]]:
    """The version and languages of the Tesseract program ``command`` (asked once per process)."""
    return str(pytesseract.get_tesseract_version()), tuple(pytesseract.get_languages(config=""))


def ocr_pdf_pages(data: bytes, path: str, pages: list[int], on_page: PageCallback | None = None) -> list[OcrPageText]:
    """Recognise the given 1-based pages of a PDF, in order."""
    pypdfium2, pytesseract = _modules(path)
    engine_name(path)  # a clear error before rendering, when the program or its model is missing
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")  # one thread per page: batches run in parallel processes instead
    try:
        document = pypdfium2.PdfDocument(data, password="")
    except pypdfium2.PdfiumError as exc:
        raise CorruptFileError(path, f"its pages could not be rendered for OCR ({exc})") from exc
    results = []
    try:
        for done, number in enumerate(pages, start=1):
            if on_page is not None:
                on_page(done, len(pages))
            page = document[number - 1]
            try:
                image = page.render(scale=DPI / 72, grayscale=True).to_pil()
            finally:
                page.close()
            results.append(_recognise(pytesseract, clean_up(image), number))
    finally:
        document.close()
    return results


def clean_up(image: Any) -> Any:
    """Grey scale, stretched contrast, straightened."""
    from PIL import Image, ImageOps

    grey = ImageOps.autocontrast(image.convert("L"), cutoff=1)
    angle = deskew_angle(grey)
    if angle:
        grey = grey.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    return grey


def deskew_angle(image: Any, limit: float = 5.0, step: float = 0.25) -> float:
    """The rotation (degrees, counter-clockwise) that makes text lines horizontal; 0 when already so.

    Text lines are horizontal when the dark pixels per row vary the most (the
    rows alternate between ink and gap); measured on a small copy.
    """
    import numpy as np
    from PIL import Image

    small = image.convert("L")
    small.thumbnail((600, 600))
    ink = small.point(lambda value: 255 if value < 128 else 0)
    if not ink.getbbox():
        return 0.0

    def sharpness(angle: float) -> float:
        rows = np.asarray(ink.rotate(angle, resample=Image.Resampling.NEAREST), dtype=np.float64).sum(axis=1)
        return float(np.square(np.diff(rows)).sum())

    steps = int(limit / step)
    angles = [round(k * step, 2) for k in range(-steps, steps + 1)]
    scores = {angle: sharpness(angle) for angle in angles}
    best = max(angles, key=lambda angle: (scores[angle], -abs(angle)))
    # Straightening by a fraction of a degree changes nothing Tesseract sees, and costs a resample.
    return best if abs(best) >= 0.5 and scores[best] > scores[0.0] * 1.05 else 0.0


def _recognise(pytesseract: Any, image: Any, number: int) -> OcrPageText:
    table = pytesseract.image_to_data(image, lang=LANGUAGE, config="--psm 3", output_type=pytesseract.Output.DICT)
    lines: list[str] = []
    confidences: list[float] = []
    current_line: tuple | None = None
    current_para: tuple | None = None
    words: list[str] = []
    for index, word in enumerate(table["text"]):
        confidence = float(table["conf"][index])
        if confidence < 0 or not word.strip():
            continue
        para = (table["block_num"][index], table["par_num"][index])
        line = (*para, table["line_num"][index])
        if line != current_line:
            if words:
                lines.append(" ".join(words))
            if current_para is not None and para != current_para:
                lines.append("")
            words, current_line, current_para = [], line, para
        words.append(word.strip())
        confidences.append(confidence)
    if words:
        lines.append(" ".join(words))
    mean = round(sum(confidences) / len(confidences), 1) if confidences else 0.0
    return OcrPageText(page=number, text="\n".join(lines), confidence=mean, words=len(confidences))


LOW_CONFIDENCE_RULE = "DC-INPUT-OCR-LOWCONF"


def low_confidence_findings(info: Any) -> list[Any]:
    """A warning listing the OCR'd pages whose mean confidence is below the threshold (they are kept, not dropped)."""
    from dancoso_compare.models import Finding

    if info is None or not info.low_confidence_pages:
        return []
    pages = ", ".join(map(str, info.low_confidence_pages))
    scores = {page.page: page.confidence for page in info.pages}
    shown = "; ".join(f"{page}: {scores[page]:.1f}" for page in info.low_confidence_pages)
    threshold = f"{info.low_confidence_threshold:.0f}"
    return [Finding(
        rule=LOW_CONFIDENCE_RULE,
        severity="warning",
        message=(f"Văn bản quét: trang {pages} được nhận dạng ký tự với độ tin cậy thấp (dưới {threshold}/100; {shown}); "
                 "cần đối chiếu nội dung các trang này với bản gốc."),
        message_en=(f"Scanned document: page(s) {pages} were recognised by OCR with low confidence (below {threshold}/100; "
                    f"{shown}); check these pages against the original."),
        node_id=None,
        line=None,
        legal_source=None,
    )]
