"""Walk the inputs a user gives and account for every file found.

Each entry is ``(path, problem)``: ``problem`` is None for a file to read, or
the typed error that says why it cannot be (missing path, symbolic link loop,
unsupported type, a refused archive member, a folder with no document). A
folder's files are sorted by path, so a batch is deterministic. The only files
passed over without an entry are the ones that are never documents by
convention: hidden files and folders (``.git``), ``README.md`` and the
``~$x.docx`` lock files Word leaves beside an open document.

``.zip`` archives are expanded into their members (``archive.zip/member``).
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from pathlib import Path

from dancoso_compare.errors import FileNotFound, InputError, NoDocumentsError, SymlinkLoopError, UnsupportedTypeError
from dancoso_compare.ingest.archive import archive_members, is_archive_name

__all__ = ["DOCUMENT_SUFFIXES", "Entry", "expand_inputs", "is_conventional_skip", "stat_problem"]

# Suffixes read as documents; .zip archives are expanded into their members.
DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".doc", ".rtf", ".odt", ".html", ".htm")

Entry = tuple[Path, InputError | None]


def stat_problem(path: Path, given: str) -> InputError | None:
    """The error for a path that cannot be followed (missing, a link loop), else None."""
    try:
        path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return SymlinkLoopError(given)
        if path.is_symlink():
            return FileNotFound(given, f"it is a symbolic link to {os.readlink(path)!r}, which does not exist")
        return FileNotFound(given)
    return None


def is_conventional_skip(name: str) -> bool:
    """Hidden files, README.md and Word lock files are never documents."""
    return name.startswith((".", "~$")) or name.lower() == "readme.md"


def _unsupported(path: Path) -> InputError | None:
    suffix = path.suffix.lower()
    if suffix in DOCUMENT_SUFFIXES or is_archive_name(path.name):
        return None
    return UnsupportedTypeError(os.fspath(path), f"'{suffix}'" if suffix else "no suffix")


def expand_inputs(paths: Iterable[str | os.PathLike]) -> list[Entry]:
    """Files as given, folders walked recursively, archives expanded; every file gets an entry."""
    expanded: list[Entry] = []
    for given in paths:
        path = Path(given)
        problem = stat_problem(path, os.fspath(given))
        if problem is not None:
            expanded.append((path, problem))
        elif path.is_dir():
            found = _walk(path)
            if not found:
                expanded.append((path, NoDocumentsError(os.fspath(given), "no file found in it, sub-folders included")))
            expanded.extend(found)
        elif is_archive_name(path.name):
            expanded.extend(_archive(path))
        else:
            expanded.append((path, None))  # a file given by name is read whatever its suffix
    return expanded


def _archive(path: Path) -> list[Entry]:
    entries = []
    for name, problem in archive_members(path, os.fspath(path)):
        member = Path(name)
        entries.append((member, problem or _unsupported(member)))
    if not entries:
        entries.append((path, NoDocumentsError(os.fspath(path), "the archive is empty")))
    return entries


def _walk(directory: Path) -> list[Entry]:
    """Every file under ``directory``; symbolic links to folders are followed once (a loop is reported)."""
    entries: list[Entry] = []
    seen = {_identity(directory)}
    pending = [directory]
    while pending:
        folder = pending.pop()
        try:
            children = sorted(os.scandir(folder), key=lambda item: item.name)
        except OSError as exc:
            entries.append((folder, InputError(os.fspath(folder), f"the folder cannot be listed ({exc.strerror or exc})")))
            continue
        for child in children:
            if is_conventional_skip(child.name):
                continue
            path = Path(child.path)
            problem = stat_problem(path, child.path)
            if problem is not None:
                entries.append((path, problem))
            elif path.is_dir():
                identity = _identity(path)
                if identity in seen:
                    entries.append((path, SymlinkLoopError(child.path, "it leads back to a folder already read")))
                else:
                    seen.add(identity)
                    pending.append(path)
            elif is_archive_name(child.name):
                entries.extend(_archive(path))
            else:
                entries.append((path, _unsupported(path)))
    return sorted(entries, key=lambda entry: entry[0].parts)


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_dev, stat.st_ino
