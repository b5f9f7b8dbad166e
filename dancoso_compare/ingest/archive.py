"""``.zip`` archives of a whole hồ sơ: each member is its own input, named ``archive.zip/member``.

Archives are opened safely: the container limits of :mod:`.limits` apply, and
a member whose name is absolute or climbs out with ``..`` is refused (it is
listed as an error; the other members are still read). Nothing is written to
disk: members are read into memory. Archives inside an archive are opened too,
up to :data:`MAX_DEPTH` levels.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path, PurePosixPath

from dancoso_compare.errors import FileNotFound, InputError, UnsafeContainerError
from dancoso_compare.ingest.limits import check_container, open_zip, read_member

__all__ = ["MAX_DEPTH", "archive_members", "is_archive_name", "read_archive_member", "split_archive_path"]

MAX_DEPTH = 3


def is_archive_name(name: str) -> bool:
    return name.lower().endswith(".zip")


def _member_problem(name: str) -> str | None:
    """Why a member name is unsafe, or None."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return "its path is absolute"
    if ".." in PurePosixPath(posix).parts:
        return "its path climbs out of the archive with '..'"
    return None


def _is_junk(name: str) -> bool:
    """Folders and the metadata macOS and Windows add to archives: not documents."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    hidden = any(part.startswith(".") and part not in (".", "..") for part in parts)
    return name.endswith("/") or "__MACOSX" in parts or hidden or (
        bool(parts) and parts[-1].lower() == "thumbs.db"
    )


def archive_members(data: bytes | Path, name: str, depth: int = 1) -> list[tuple[str, InputError | None]]:
    """Every member of an archive as ``(name/member, problem)``; nested archives are expanded.

    A refused archive is one entry with its error; a refused member is listed
    with its error beside the good ones. Members keep their order in the archive.
    """
    try:
        with open_zip(data, name) as archive:
            check_container(archive, name)
            entries: list[tuple[str, InputError | None]] = []
            for info in archive.infolist():
                if _is_junk(info.filename):
                    continue
                member = f"{name}/{info.filename}"
                problem = _member_problem(info.filename)
                if problem is not None:
                    entries.append((member, UnsafeContainerError(member, problem)))
                elif is_archive_name(info.filename):
                    entries.extend(_nested(archive, info, member, depth))
                else:
                    entries.append((member, None))
            return entries
    except InputError as exc:
        return [(name, exc)]


def _nested(archive: zipfile.ZipFile, info: zipfile.ZipInfo, member: str, depth: int) -> list:
    if depth >= MAX_DEPTH:
        return [(member, UnsafeContainerError(member, f"archives nested more than {MAX_DEPTH} deep"))]
    try:
        data = read_member(archive, info, member)
    except InputError as exc:
        return [(member, exc)]
    return archive_members(data, member, depth + 1)


def split_archive_path(path: str | os.PathLike) -> tuple[Path, list[str]] | None:
    """``a/b.zip/x/c.zip/d.docx`` -> (``a/b.zip``, [``x/c.zip``, ``d.docx``]) when ``a/b.zip`` is a file.

    None when the path goes through no archive file.
    """
    parts = Path(path).parts
    for end in range(1, len(parts)):
        head = Path(*parts[:end])
        if is_archive_name(head.name) and head.is_file():
            inner = list(parts[end:])
            return head, _split_nested(inner)
    return None


def _split_nested(parts: list[str]) -> list[str]:
    """Member names, one per archive level: [x, c.zip, d.docx] -> [x/c.zip, d.docx]."""
    members, current = [], []
    for part in parts:
        current.append(part)
        if is_archive_name(part):
            members.append("/".join(current))
            current = []
    if current:
        members.append("/".join(current))
    return members


def read_archive_member(path: str | os.PathLike) -> bytes | None:
    """The bytes of ``archive.zip/member`` (nested archives followed); None when no archive is on the path."""
    split = split_archive_path(path)
    if split is None:
        return None
    archive_path, members = split
    name = os.fspath(archive_path)
    data: bytes | Path = archive_path  # the outer archive is read from disk, member by member
    for member in members:
        problem = _member_problem(member)
        if problem is not None:
            raise UnsafeContainerError(f"{name}/{member}", problem)
        with open_zip(data, name) as archive:
            check_container(archive, name)
            try:
                info = archive.getinfo(member)
            except KeyError:
                raise FileNotFound(f"{name}/{member}", "the archive has no such member") from None
            data = read_member(archive, info, f"{name}/{member}")
        name = f"{name}/{member}"
    return data
