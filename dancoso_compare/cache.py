"""The persistent key-value cache (JSON values) shared by the stages.

Analyses of the same text, and look-ups in large data files, are reused across
runs: a single-document audit in CI then costs little more than start-up.

The store is :mod:`diskcache` (SQLite in WAL mode, safe for many processes at
once) with a bounded in-memory LRU (:mod:`cachetools`) in front of it. Values are
kept as JSON text, so every ``get`` returns a fresh structure that the caller may
change freely.

Location: ``$DANCOSO_CACHE_DIR`` or the user cache folder; ``DANCOSO_NO_CACHE=1``
turns it off. A cache that cannot be opened or fails while in use (read-only
home, full disk, damaged file) is reported once as a :class:`CacheError` warning on
the ``dancoso_compare.cache`` logger, and the run goes on without it. Contention
between processes is not a failure: a write that would wait is dropped, a read
that would wait is a miss.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import threading
from functools import cache
from pathlib import Path
from typing import Any

import diskcache
from cachetools import LRUCache

from dancoso_compare.errors import DancosoError

log = logging.getLogger(__name__)

#: Entries kept in memory per process (JSON strings; an analysis is a few hundred bytes).
MEMORY_ENTRIES = 4096
#: Seconds a process waits for another one's SQLite lock before treating it as a miss.
LOCK_TIMEOUT = 0.5
#: Upper bound of the cache folder; diskcache evicts the least recently stored entries past it.
SIZE_LIMIT = 512 * 2**20
_FOLDER = "diskcache"


class CacheError(DancosoError):
    """The disk cache failed; the run continues without it."""

    def __init__(self, location: str | Path | None, detail: str) -> None:
        self.location = str(location) if location is not None else None
        self.detail = detail
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return (f"cache {self.location}: {self.detail}. Continuing without the cache "
                "(set DANCOSO_CACHE_DIR to a writable folder, or DANCOSO_NO_CACHE=1 to silence this).")


def cache_path() -> Path | None:
    if os.environ.get("DANCOSO_NO_CACHE"):
        return None
    base = os.environ.get("DANCOSO_CACHE_DIR")
    if base is None:
        from platformdirs import user_cache_dir

        base = user_cache_dir("dancoso_compare")
    return Path(base) / _FOLDER


def make_key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


_FAILURES = (OSError, sqlite3.Error)


class DiskCache:
    """A diskcache store behind a bounded LRU; ``path`` None is no cache at all (``DANCOSO_NO_CACHE``)."""

    def __init__(self, path: Path | None, *, memory_entries: int = MEMORY_ENTRIES) -> None:
        self.path = path
        self.error: CacheError | None = None
        self._memory: LRUCache[str, str] | None = LRUCache(maxsize=memory_entries) if path is not None else None
        self._lock = threading.Lock()
        self._store: diskcache.Cache | None = None
        if path is None:
            return
        try:
            self._store = diskcache.Cache(str(path), timeout=LOCK_TIMEOUT, size_limit=SIZE_LIMIT)
        except _FAILURES as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        """Log the first failure once and go on uncached."""
        if self.error is None:
            self.error = CacheError(self.path, f"{type(exc).__name__}: {exc}")
            log.warning("%s", self.error.message)
        store, self._store = self._store, None
        if store is not None:
            try:
                store.close()
            except _FAILURES:  # already failing; the first error was reported
                pass

    def _remember(self, key: str, text: str) -> None:
        if self._memory is not None:
            with self._lock:
                self._memory[key] = text

    def get(self, key: str) -> Any | None:
        if self._memory is None:
            return None
        with self._lock:
            text = self._memory.get(key)
        if text is None and self._store is not None:
            try:
                text = self._store.get(key)
            except diskcache.Timeout:
                log.debug("cache %s busy: read of %s is a miss", self.path, key)
            except _FAILURES as exc:
                self._fail(exc)
            if text is not None:
                self._remember(key, text)
        return json.loads(text) if text is not None else None

    def set(self, key: str, value: Any) -> None:
        if self._memory is None:
            return
        text = json.dumps(value, ensure_ascii=False)
        self._remember(key, text)
        if self._store is None:
            return
        try:
            self._store.set(key, text)
        except diskcache.Timeout:
            log.debug("cache %s busy: write of %s dropped", self.path, key)
        except _FAILURES as exc:
            self._fail(exc)

    def flush(self) -> None:
        """Nothing to do: every write is committed at once (kept so callers need not know)."""

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


@cache
def shared_cache(path: Path | None = None) -> DiskCache:
    """One store per process and location."""
    return DiskCache(path)


def default_cache() -> DiskCache:
    return shared_cache(cache_path())
