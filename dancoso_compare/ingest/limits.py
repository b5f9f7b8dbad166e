"""Guards for ZIP containers (.zip archives, and the .docx/.odt packages that are ZIP files).

A container is checked from its central directory before anything is unpacked,
so a bomb is refused in milliseconds: too many members, too much unpacked data,
or a compression ratio no real document has. Because a hostile archive can lie
about the sizes in its directory, :func:`read_member` also stops decompressing
as soon as a member gives more bytes than it declared.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from dancoso_compare.errors import UnsafeContainerError

__all__ = ["LIMITS", "ContainerLimits", "check_container", "open_zip", "read_member", "verified_package"]


@dataclass(frozen=True)
class ContainerLimits:
    """What one container may hold. Real resolutions, even with scanned annexes, stay far below."""

    max_members: int = 10_000
    max_member_size: int = 256 * 1024 * 1024  # one unpacked member
    max_total_size: int = 512 * 1024 * 1024  # all members unpacked
    max_ratio: float = 100.0  # unpacked / packed size of one member ...
    ratio_applies_above: int = 1024 * 1024  # ... once it unpacks to more than this (small files compress well)


LIMITS = ContainerLimits()
_CHUNK = 1024 * 1024


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"


def open_zip(data: bytes | Path, path: str, *, what: str = "archive") -> zipfile.ZipFile:
    """Open ``data`` (bytes, or a file on disk) as a ZIP file, raising a typed error for a damaged one."""
    try:
        return zipfile.ZipFile(data if isinstance(data, Path) else io.BytesIO(data))
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        from dancoso_compare.errors import InputError

        raise InputError(path, f"it cannot be opened ({exc.strerror or exc})") from exc
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
        from dancoso_compare.errors import CorruptFileError

        raise CorruptFileError(path, f"not a valid {what} ({exc})") from exc


def check_container(archive: zipfile.ZipFile, path: str, limits: ContainerLimits = LIMITS) -> None:
    """Refuse the container when its directory announces a bomb."""
    members = archive.infolist()
    if len(members) > limits.max_members:
        raise UnsafeContainerError(path, f"it has {len(members)} members (at most {limits.max_members})")
    total = 0
    for info in members:
        total += info.file_size
        if info.file_size > limits.max_member_size:
            raise UnsafeContainerError(
                path, f"member '{info.filename}' unpacks to {_mib(info.file_size)} (at most {_mib(limits.max_member_size)})"
            )
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limits.ratio_applies_above and ratio > limits.max_ratio:
            raise UnsafeContainerError(
                path,
                f"member '{info.filename}' would unpack {ratio:.0f} times its packed size "
                f"({_mib(info.file_size)}; at most {limits.max_ratio:.0f} times): a ZIP bomb",
            )
    if total > limits.max_total_size:
        raise UnsafeContainerError(path, f"it unpacks to {_mib(total)} (at most {_mib(limits.max_total_size)})")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> bytes:
    """A member's bytes, refusing one that yields more than its directory entry declared."""
    chunks, size = [], 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(_CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    raise UnsafeContainerError(path, f"member '{info.filename}' unpacks to more than it declares")
                chunks.append(chunk)
    except UnsafeContainerError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
        from dancoso_compare.errors import CorruptFileError, EncryptedFileError

        if info.flag_bits & 0x1:
            raise EncryptedFileError(path, f"member '{info.filename}' is encrypted") from exc
        raise CorruptFileError(path, f"member '{info.filename}' cannot be unpacked ({exc})") from exc
    return b"".join(chunks)


def verified_package(data: bytes, path: str, *, what: str) -> bytes:
    """Check a .docx/.odt package before a library unpacks it; returns ``data`` unchanged.

    Every member is decompressed once with the size guard, so a package whose
    directory lies is refused too, before python-docx would read it whole.
    """
    with open_zip(data, path, what=what) as archive:
        check_container(archive, path)
        for info in archive.infolist():
            if not info.is_dir():
                read_member(archive, info, path)
    return data
