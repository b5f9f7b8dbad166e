"""Offset maps: where each character of a cleaned string came from in the original text.

The normalize stage cleans text (markup removed, wraps joined, whitespace
collapsed) but every match must keep its span in the original. The map from a
cleaned string back to the source is stored as *runs*: stretches of cleaned
characters that map onto consecutive original offsets. A typed line is one
run; a paragraph joined from wrapped lines is one run per line plus one per
joining space. This keeps the map's size proportional to the number of edits,
not to the number of characters (a per-character list of ints costs ~36 bytes
and one Python step per character).

``offsets[i]`` is the original offset of cleaned character ``i``; the sequence
is non-decreasing (characters composed from a cluster, or a joining space,
share the offset of what they stand for).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from typing import overload

__all__ = ["OffsetMap"]


class OffsetMap(Sequence[int]):
    """Immutable, run-length encoded sequence of original offsets (one per cleaned character).

    Runs are kept canonical (adjacent runs that continue each other are merged),
    so two maps of the same offsets compare equal however they were built.
    """

    __slots__ = ("_starts", "_origins", "_length")

    def __init__(self, starts: Sequence[int] = (), origins: Sequence[int] = (), length: int = 0) -> None:
        # starts[k]: cleaned position where run k begins (starts[0] == 0); origins[k]: its original offset.
        self._starts = tuple(starts)
        self._origins = tuple(origins)
        self._length = length

    # -- construction ------------------------------------------------------------
    @classmethod
    def identity(cls, origin: int, length: int) -> OffsetMap:
        """``length`` characters copied as they are from ``origin`` on."""
        return cls((0,), (origin,), length) if length > 0 else _EMPTY

    @classmethod
    def from_offsets(cls, offsets: Iterable[int]) -> OffsetMap:
        """The map of an explicit per-character offset list (the general, character-by-character cleaner)."""
        builder = OffsetMapBuilder()
        for offset in offsets:
            builder.add_run(offset, 1)
        return builder.build()

    @classmethod
    def concat(cls, maps: Iterable[OffsetMap]) -> OffsetMap:
        builder = OffsetMapBuilder()
        for m in maps:
            builder.add_map(m)
        return builder.build()

    # -- Sequence ---------------------------------------------------------------
    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> OffsetMap: ...
    def __getitem__(self, index: int | slice) -> int | OffsetMap:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._length)
            if step != 1:
                raise ValueError("OffsetMap slices take no step")
            return self.slice(start, stop)
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("OffsetMap index out of range")
        k = bisect_right(self._starts, index) - 1
        return self._origins[k] + index - self._starts[k]

    def __iter__(self) -> Iterator[int]:
        ends = (*self._starts[1:], self._length)
        for start, end, origin in zip(self._starts, ends, self._origins):
            yield from range(origin, origin + end - start)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, OffsetMap):
            return (self._length, self._starts, self._origins) == (other._length, other._starts, other._origins)
        if isinstance(other, (list, tuple)):
            return len(other) == self._length and list(self) == list(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._length, self._starts, self._origins))

    def __repr__(self) -> str:
        runs = ", ".join(f"{s}→{o}" for s, o in zip(self._starts, self._origins))
        return f"OffsetMap(len={self._length}, runs=[{runs}])"

    def __reduce__(self) -> tuple[type[OffsetMap], tuple[tuple[int, ...], tuple[int, ...], int]]:
        return (OffsetMap, (self._starts, self._origins, self._length))

    # -- queries ------------------------------------------------------------------
    @property
    def runs(self) -> int:
        return len(self._starts)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original span of ``clean[start:end]`` (``start < end <= len``): first character to past the last."""
        return (self[start], self[end - 1] + 1)

    def index_of(self, offset: int) -> int:
        """First cleaned position whose original offset is ``>= offset`` (``len`` if none): ``bisect_left``."""
        if not self._length:
            return 0
        ends = (*self._starts[1:], self._length)
        lasts = [origin + end - start - 1 for start, end, origin in zip(self._starts, ends, self._origins)]
        k = bisect_left(lasts, offset)
        if k == len(lasts):
            return self._length
        return self._starts[k] + max(0, offset - self._origins[k])

    def slice(self, start: int, end: int) -> OffsetMap:
        """The map of ``clean[start:end]``."""
        start, end = max(0, start), min(end, self._length)
        if start >= end:
            return _EMPTY
        k = bisect_right(self._starts, start) - 1
        last = bisect_left(self._starts, end)
        starts = [0] + [s - start for s in self._starts[k + 1:last]]
        origins = [self._origins[k] + start - self._starts[k], *self._origins[k + 1:last]]
        return OffsetMap(starts, origins, end - start)


class OffsetMapBuilder:
    """Appends runs, merging a run into the previous one when it continues it."""

    __slots__ = ("_starts", "_origins", "_length")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._length = 0

    def add_run(self, origin: int, length: int) -> None:
        """``length`` cleaned characters mapping to ``origin``, ``origin + 1``, ..."""
        if length <= 0:
            return
        if self._starts and self._origins[-1] + self._length - self._starts[-1] == origin:
            self._length += length  # continues the previous run
            return
        self._starts.append(self._length)
        self._origins.append(origin)
        self._length += length

    def add_map(self, other: OffsetMap) -> None:
        ends = (*other._starts[1:], other._length)
        for start, end, origin in zip(other._starts, ends, other._origins):
            self.add_run(origin, end - start)

    def __len__(self) -> int:
        return self._length

    def build(self) -> OffsetMap:
        return OffsetMap(self._starts, self._origins, self._length) if self._length else _EMPTY


_EMPTY = OffsetMap()
