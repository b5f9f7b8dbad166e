"""The shared disk cache commits every write at once, so other processes never wait on it."""

from __future__ import annotations

import sqlite3

from dancoso_compare.cache import DiskCache, make_key


def test_a_write_is_visible_to_another_connection_at_once(tmp_path):
    path = tmp_path / "cache.sqlite"
    cache = DiskCache(path)
    cache.set(make_key("a", "b"), {"x": [1, 2]})
    other = sqlite3.connect(path, timeout=0)
    assert other.execute("SELECT count(*) FROM kv").fetchone() == (1,)
    other.execute("INSERT INTO kv VALUES ('k', '1')")  # no lock held by the first connection
    other.commit()
    assert DiskCache(path).get(make_key("a", "b")) == {"x": [1, 2]}


def test_an_unusable_location_is_a_miss_not_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = DiskCache(blocker / "cache.sqlite")
    cache.set("k", 1)
    assert cache.get("k") is None
