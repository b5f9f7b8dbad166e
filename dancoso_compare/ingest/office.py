"""Word 97 ``.doc``, ``.rtf``, ``.odt`` and ``.html``: converted to ``.docx`` by LibreOffice.

LibreOffice (Debian ``libreoffice-writer-nogui``) reads all four with their
Vietnamese text, tables and list numbering; its ``.docx`` then goes through the
existing ``.docx`` reader, so every format yields the same lines. Portal pages
saved as ``.html`` keep their table cells as separate paragraphs (one line
each), as in a ``.docx``.

Each conversion runs ``soffice --headless`` in a private temporary folder with
a private profile (concurrent processes do not share a lock), under a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from dancoso_compare.errors import ConversionError, ToolMissingError

__all__ = ["OFFICE_SUFFIXES", "TIMEOUT_SECONDS", "convert_to_docx", "soffice_binary"]

OFFICE_SUFFIXES = (".doc", ".rtf", ".odt", ".html", ".htm")
TIMEOUT_SECONDS = 120
_INSTALL = (
    "Install LibreOffice Writer (Debian/Ubuntu: apt-get install libreoffice-writer-nogui), "
    "or set DANCOSO_SOFFICE to the soffice program; or save the file as .docx."
)
# LibreOffice opens .html in Writer/Web, which cannot save .docx; the Writer HTML filter can.
_INPUT_FILTERS = {".html": "HTML (StarWriter)", ".htm": "HTML (StarWriter)"}


def soffice_binary() -> str | None:
    """The LibreOffice program: $DANCOSO_SOFFICE, else soffice or libreoffice on PATH."""
    configured = os.environ.get("DANCOSO_SOFFICE")
    if configured:
        return configured if shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, path: str) -> bytes:
    """The ``.docx`` LibreOffice writes for this file's content (the suffix of ``path`` picks the filter)."""
    binary = soffice_binary()
    if binary is None:
        raise ToolMissingError(path, "reading this format needs LibreOffice (soffice)", advice=_INSTALL)
    suffix = Path(path).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="dancoso-office-") as work:
        folder = Path(work)
        source = folder / f"input{suffix}"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--norestore", "--nologo", "--nolockcheck",
        ]
        if suffix in _INPUT_FILTERS:
            command.append(f"--infilter={_INPUT_FILTERS[suffix]}")
        command += ["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder / "out"), str(source)]
        try:
            result = subprocess.run(
                command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False, stdin=subprocess.DEVNULL,
                env={**os.environ, "HOME": work},
            )
        except subprocess.TimeoutExpired as exc:
            raise ConversionError(path, f"LibreOffice did not finish within {TIMEOUT_SECONDS} s") from exc
        except OSError as exc:
            raise ToolMissingError(path, f"LibreOffice could not be started ({exc})", advice=_INSTALL) from exc
        converted = folder / "out" / "input.docx"
        if result.returncode != 0 or not converted.is_file():
            said = _tool_said(result.stderr) or _tool_said(result.stdout)
            detail = "LibreOffice could not open it" + (f" ({said})" if said else "")
            raise ConversionError(path, detail)
        return converted.read_bytes()


def _tool_said(output: bytes) -> str:
    """LibreOffice's own error line, without its harmless Java warning."""
    lines = [line.strip() for line in output.decode("utf-8", "replace").splitlines()]
    return "; ".join(line for line in lines if line and "javaldx" not in line)[:200]
