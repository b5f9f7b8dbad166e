"""A small persistent key-value cache (SQLite, JSON values) shared by the stages.

Analyses of the same text, and look-ups in large data files, are reused across
runs: a single-document audit in CI then costs little more than start-up.
Location: ``$DANCOSO_CACHE_DIR`` or the user cache folder; ``DANCOSO_NO_CACHE=1``
turns it off. A cache that cannot be opened (read-only home) is simply skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from functools import cache
from pathlib import Path
from typing import Any


def cache_path() -> Path | None:
    if os.environ.get("DANCOSO_NO_CACHE"):
        return None
    base = os.environ.get("DANCOSO_CACHE_DIR")
    if base is None:
        from platformdirs import user_cache_dir

        base = user_cache_dir("dancoso_compare")
    return Path(base) / "cache.sqlite"


def make_key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()


class DiskCache:
    def __init__(self, path: Path | None) -> None:
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit + WAL: no write transaction is ever left open, so several processes
            # (a batch, CI jobs, a notebook) share the cache without waiting on each other;
            # a short timeout means contention costs a cache miss, never a stall.
            self._db = sqlite3.connect(path, timeout=0.5, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT)")
        except (OSError, sqlite3.Error):
            self._db = None

    def get(self, key: str) -> Any | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT value FROM kv WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return json.loads(row[0]) if row else None

    def set(self, key: str, value: Any) -> None:
        if self._db is None:
            return
        with self._lock:
            try:
                self._db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))
            except sqlite3.Error:
                pass

    def flush(self) -> None:
        """Nothing to do: every write is committed at once (kept so callers need not know)."""


@cache
def shared_cache(path: Path | None = None) -> DiskCache:
    """One connection per process and location."""
    return DiskCache(path)


def default_cache() -> DiskCache:
    return shared_cache(cache_path())
