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
    advice = "Give a .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html or .zip file."


class UndecodableError(InputError):
    code = "undecodable"
    summary = "the text encoding could not be recognised"
    advice = "Save the file as UTF-8 (in Word: Save As > Plain Text > Unicode (UTF-8))."


class ScannedPdfError(InputError):
    code = "scanned_pdf"
    summary = "the PDF has no text layer (a scanned image)"
    advice = "The scan is too faint or has no text; scan it again at 300 dpi or use the .docx original."


class UnsupportedTypeError(InputError):
    code = "unsupported_type"
    summary = "unsupported file type"
    advice = "Supported: .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html, .htm and .zip archives of these."


class CorruptFileError(InputError):
    code = "corrupt"
    summary = "the file is damaged and could not be opened"
    advice = "Open it in Word or a PDF reader and save it again."


class EncryptedFileError(InputError):
    code = "encrypted"
    summary = "the file is protected by a password"
    advice = "Ask the sender for a copy without a password, or open it with the password and save an unprotected copy."


class NotADocumentError(InputError):
    """A file whose content is another format than its suffix says (a PNG named .pdf)."""

    code = "wrong_type"
    summary = "the content does not match the file suffix"
    advice = "Rename the file with its real suffix, or give the original document."


class SymlinkLoopError(InputError):
    code = "symlink_loop"
    summary = "the path is a symbolic link loop (it points back to itself)"
    advice = "Fix or remove the link."


class NoDocumentsError(InputError):
    code = "no_documents"
    summary = "the folder holds no document"
    advice = "Check the path; supported files are .txt, .md, .docx, .pdf, .doc, .rtf, .odt, .html and .zip."


class UnsafeContainerError(InputError):
    """An archive or document package that would unpack to too much, or outside its folder."""

    code = "unsafe_container"
    summary = "the archive was refused"
    advice = "Unpack it yourself and check its content; a safe archive has no absurd compression and no '..' paths."


class ToolMissingError(InputError):
    """A reader needs an external program or an optional Python package that is not installed."""

    code = "tool_missing"
    summary = "a program needed to read this file is not installed"

    def __init__(self, path: str | Path, detail: str = "", advice: str = "") -> None:
        if advice:
            self.advice = advice
        super().__init__(path, detail)


class ConversionError(InputError):
    code = "conversion_failed"
    summary = "the file could not be converted"
    advice = "Open it in LibreOffice or Word and save it as .docx."


class RulePackError(DancosoError):
    """A rule pack that does not validate; the message lists every problem."""
