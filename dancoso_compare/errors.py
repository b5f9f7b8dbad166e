"""Typed input errors.

Every problem with an input file is an :class:`InputError` that names the file
and tells the user what to do. The CLI turns them into one line on stderr and
exit code 2; in a batch the other files are still processed.
"""

from __future__ import annotations

from pathlib import Path


class DancosoError(Exception):
    """Base class of the errors this library raises on purpose."""


class InputError(DancosoError):
    """A file that cannot be read as a document."""

    code = "input_error"
    advice = "Check the file."

    def __init__(self, path: str | Path, detail: str = "") -> None:
        self.path = str(path)
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        detail = f": {self.detail}" if self.detail else ""
        return f"{self.path}: {self.summary}{detail}. {self.advice}"

    summary = "cannot be read"


class FileNotFound(InputError):
    code = "not_found"
    summary = "no such file or directory"
    advice = "Check the path."


class EmptyFileError(InputError):
    code = "empty"
    summary = "the file is empty (no text)"
    advice = "Export the document again; an empty file has nothing to audit."


class BinaryFileError(InputError):
    code = "binary"
    summary = "the file is binary, not text"
    advice = "Give a .txt, .md, .docx or .pdf file (convert .doc with Word or LibreOffice first)."


class UndecodableError(InputError):
    code = "undecodable"
    summary = "the text encoding could not be recognised"
    advice = "Save the file as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8))."


class ScannedPdfError(InputError):
    code = "scanned_pdf"
    summary = "the PDF has no text layer (a scanned image)"
    advice = "Run OCR on it first (e.g. ocrmypdf -l vie) or use the .docx original."


class UnsupportedTypeError(InputError):
    code = "unsupported_type"
    summary = "unsupported file type"
    advice = "Supported: .txt, .md, .docx, .pdf. Convert .doc/.rtf/.odt to .docx first."


class CorruptFileError(InputError):
    code = "corrupt"
    summary = "the file is damaged and could not be opened"
    advice = "Open it in Word or a PDF reader and save it again."


class RulePackError(DancosoError):
    """A rule pack that does not validate; the message lists every problem."""
