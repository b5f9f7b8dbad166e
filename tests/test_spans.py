"""spans.py: the run-length offset map behaves exactly like the per-character list it replaces."""

from __future__ import annotations

from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso_compare.spans import OffsetMap, OffsetMapBuilder

# Non-decreasing offset lists, as the cleaner makes them: runs of consecutive offsets, repeats, jumps.
_STEPS = st.lists(st.sampled_from([0, 1, 1, 1, 2, 5]), max_size=60)


def _offsets(start: int, steps: list[int]) -> list[int]:
    out, value = [], start
    for step in steps:
        value += step
        out.append(value)
    return out


_LISTS = st.builds(_offsets, st.integers(0, 500), _STEPS)


@settings(max_examples=300, deadline=None)
@given(_LISTS)
def test_map_reads_back_the_offsets_it_was_built_from(offsets):
    m = OffsetMap.from_offsets(offsets)
    assert len(m) == len(offsets)
    assert list(m) == offsets
    assert [m[i] for i in range(len(offsets))] == offsets
    assert m == offsets and m == OffsetMap.from_offsets(list(m))


@settings(max_examples=300, deadline=None)
@given(_LISTS, st.integers(0, 70), st.integers(0, 70))
def test_slices_spans_and_searches_agree_with_the_list(offsets, i, j):
    m = OffsetMap.from_offsets(offsets)
    assert list(m.slice(i, j)) == offsets[i:j]
    assert list(m[i:j]) == offsets[i:j]
    if i < j <= len(offsets):
        assert m.span(i, j) == (offsets[i], offsets[j - 1] + 1)
    for probe in {*offsets, *(o + 1 for o in offsets), 0, 10_000}:
        assert m.index_of(probe) == bisect_left(offsets, probe)


@settings(max_examples=200, deadline=None)
@given(st.lists(_LISTS, max_size=5))
def test_concatenation_is_the_lists_joined(parts):
    joined = OffsetMap.concat(OffsetMap.from_offsets(p) for p in parts)
    assert list(joined) == [o for p in parts for o in p]


def test_a_typed_line_is_one_run_and_a_joined_paragraph_one_per_line():
    line = OffsetMap.identity(100, 40)
    assert line.runs == 1 and line[0] == 100 and line[39] == 139
    builder = OffsetMapBuilder()
    builder.add_map(line)
    builder.add_run(141, 1)  # the joining space stands where the next line starts
    builder.add_map(OffsetMap.identity(141, 30))
    paragraph = builder.build()
    assert len(paragraph) == 71 and paragraph.runs == 3
    assert paragraph.span(0, 71) == (100, 171)


def test_map_pickles_and_hashes():
    import pickle

    m = OffsetMap.from_offsets([3, 4, 5, 9, 9, 10])
    assert pickle.loads(pickle.dumps(m)) == m
    assert hash(m) == hash(OffsetMap.from_offsets([3, 4, 5, 9, 9, 10]))
