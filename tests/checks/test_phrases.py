"""checks/base.py PhraseSet: the fast whole-word scan finds exactly what the whole-word pattern finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dancoso_compare.checks.base import PhraseSet

_PHRASES = ["ủy ban nhân dân", "ban", "nhân dân", "hội đồng", "hđnd", "uy ban", "10%"]
_WORDS = st.sampled_from(["uy", "ban", "nhan", "dan", "hoi", "dong", "hdnd", "x", "10%", "a1", "ubnd", "bann", "dân"])
_TEXT = st.lists(_WORDS | st.text(alphabet="abn %\n1", max_size=4), max_size=25).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_fast_scan_equals_the_whole_word_pattern(text):
    phrases = PhraseSet(_PHRASES)
    expected = [(m.start(), m.end()) for m in phrases.pattern.finditer(text)]
    assert [(m.start(), m.end()) for m in phrases._matches(text)] == expected
    assert phrases.search(text) == bool(expected)
    assert phrases.positions(text) == [start for start, _ in expected]


def test_a_phrase_inside_a_longer_word_is_not_found():
    phrases = PhraseSet(["ban"])
    assert not phrases.search("xban bann")
    assert phrases.positions("xban ban bann ban") == [5, 14]
