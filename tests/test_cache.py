"""The shared disk cache commits every write at once, so other processes never wait on it;
a failing cache is reported once and the run goes on uncached."""

from __future__ import annotations

import logging
import sqlite3
from concurrent.futures import ProcessPoolExecutor

from dancoso_compare.cache import CacheError, DiskCache, make_key


def test_a_write_is_visible_to_another_connection_at_once(tmp_path):
    path = tmp_path / "cache"
    cache = DiskCache(path)
    cache.set(make_key("a", "b"), {"x": [1, 2]})
    other = DiskCache(path)  # a second connection, as another process would open
    assert other.get(make_key("a", "b")) == {"x": [1, 2]}
    other.set("k", 1)  # no lock held by the first connection
    assert cache.get("k") == 1
    assert DiskCache(path).get(make_key("a", "b")) == {"x": [1, 2]}


def _write_many(args: tuple[str, int]) -> int:
    path, worker = args
    from pathlib import Path

    cache = DiskCache(Path(path))
    for n in range(40):
        cache.set(f"w{worker}-{n}", {"worker": worker, "n": n})
    return worker


def test_processes_writing_at_once_do_not_corrupt(tmp_path):
    path = tmp_path / "cache"
    DiskCache(path)  # created once, as the first run would
    with ProcessPoolExecutor(max_workers=3) as pool:
        assert sorted(pool.map(_write_many, [(str(path), w) for w in range(3)])) == [0, 1, 2]
    fresh = DiskCache(path)
    assert fresh.error is None
    stored = {(w, n): fresh.get(f"w{w}-{n}") for w in range(3) for n in range(40)}
    # contention may drop a write (a later miss), never corrupt one
    assert all(v is None or v == {"worker": w, "n": n} for (w, n), v in stored.items())
    assert sum(v is not None for v in stored.values()) > 60


def test_values_come_back_as_fresh_structures(tmp_path):
    cache = DiskCache(tmp_path / "cache")
    cache.set("k", {"list": [1]})
    cache.get("k")["list"].append(2)
    assert cache.get("k") == {"list": [1]}


def test_an_unusable_location_is_a_miss_reported_once(tmp_path, caplog):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="dancoso_compare.cache"):
        cache = DiskCache(blocker / "cache")
        cache.set("k", 1)
        cache.set("j", 2)
    assert isinstance(cache.error, CacheError)
    assert str(blocker / "cache") in cache.error.message
    assert [r.getMessage() for r in caplog.records] == [cache.error.message]
    assert DiskCache(blocker / "cache").get("k") is None


def test_a_cache_failing_while_in_use_is_logged_once_and_the_run_goes_on(tmp_path, caplog, monkeypatch):
    cache = DiskCache(tmp_path / "cache")
    cache.set("before", 1)

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(cache._store, "set", broken)
    monkeypatch.setattr(cache._store, "get", broken)
    with caplog.at_level(logging.WARNING, logger="dancoso_compare.cache"):
        cache.set("k", {"v": 1})  # fails on disk, kept in memory
        cache.set("j", 2)
        assert cache.get("k") == {"v": 1}
        assert cache.get("missing") is None
    assert len(caplog.records) == 1
    assert "disk I/O error" in caplog.records[0].getMessage()
    assert isinstance(cache.error, CacheError)


def test_no_cache_setting_turns_everything_off(monkeypatch):
    from dancoso_compare.cache import cache_path

    monkeypatch.setenv("DANCOSO_NO_CACHE", "1")
    assert cache_path() is None
    cache = DiskCache(None)
    cache.set("k", 1)
    assert cache.get("k") is None
    assert cache.error is None


def test_cache_dir_setting_is_honoured(tmp_path, monkeypatch):
    from dancoso_compare.cache import cache_path

    monkeypatch.delenv("DANCOSO_NO_CACHE", raising=False)
    monkeypatch.setenv("DANCOSO_CACHE_DIR", str(tmp_path / "custom"))
    assert cache_path().parent == tmp_path / "custom"
