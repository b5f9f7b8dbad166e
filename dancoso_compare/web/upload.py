"""Uploads: safe names, zip archives unpacked with limits, then the same reader as the CLI."""

from __future__ import annotations

import re
import unicodedata
import zipfile
from pathlib import Path, PurePosixPath

from dancoso_compare.errors import InputError

MAX_MEMBERS = 2000
EXPANSION = 20  # a zip may unpack to at most this many times the upload limit


class UploadError(InputError):
    code = "upload_error"
    summary_vi = "tệp tải lên bị từ chối"
    advice_vi = "Hãy kiểm tra tệp .zip (số tệp, dung lượng) rồi tải lên lại."


_UNSAFE = re.compile(r"[^\w.\- ]+", re.UNICODE)


def safe_name(name: str | None, fallback: str = "tai-lieu") -> str:
    """A file name without folders or odd characters ('../../x.txt' -> 'x.txt')."""
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", unicodedata.normalize("NFC", base)).strip(" .")
    return base[:150] or fallback


def unpack_zip(archive: Path, target: Path, limit: int) -> list[Path]:
    """Extract the regular files of a zip into ``target`` (no absolute paths, no '..', bounded size)."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise UploadError(archive.name, f"the archive has {len(members)} files; at most {MAX_MEMBERS}")
            if sum(m.file_size for m in members) > limit * EXPANSION:
                raise UploadError(archive.name, "the archive unpacks to more than the allowed size")
            written = []
            for member in members:
                parts = [safe_name(p) for p in PurePosixPath(member.filename.replace("\\", "/")).parts
                         if p not in ("", ".", "..", "/")]
                if not parts:
                    continue
                destination = target.joinpath(*parts)
                destination.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(member) as source, destination.open("wb") as out:
                    remaining = member.file_size + 1
                    while chunk := source.read(1 << 16):
                        remaining -= len(chunk)
                        if remaining < 0:  # the header lied about the size
                            raise UploadError(archive.name, f"{member.filename}: larger than declared")
                        out.write(chunk)
                written.append(destination)
            return written
    except zipfile.BadZipFile as exc:
        raise UploadError(archive.name, f"not a readable .zip archive ({exc})") from exc
