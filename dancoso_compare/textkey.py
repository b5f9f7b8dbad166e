"""Text keys: the one home of the forms under which text is matched.

Two keys, for two jobs:

- :func:`fold` keeps the text's length and accents: lower case with one
  canonical tone placement (hoà/hòa, thuỷ/thủy give the same key). A match in
  the key is a match in the text at the same offsets, and "phấn đấu" stays
  different from "phần đầu". Used for blocks, measure cues and annotations.
- :func:`loose_key` drops accents, đ and punctuation: "Üy ban" from OCR and
  "Ủy ban" give "uy ban". Used where a printed phrase or name must be found
  whatever its accents or punctuation (cue phrases, instrument names, places).

:func:`number_key` is the canonical form of a document number ("346/QĐ- TTg"
-> "346/QĐ-TTG").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "loose_key", "number_key"]

# --------------------------------------------------------------------------
# fold: accents kept, tone placement canonical, same length
# --------------------------------------------------------------------------

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_VOWELS = set("aăâeêioôơuưy")
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """Move the tone mark of one lower-case syllable to a canonical vowel.

    Old and new orthography differ only in which vowel of the nucleus carries
    the tone (hoà/hòa, thuỷ/thủy). Any fixed choice gives equal keys; we use
    the first vowel of the nucleus, skipping the glide of "qu" and "gi".
    """
    if word.isascii():
        return word
    bases: list[str] = []
    tone = ""
    for ch in word:
        decomposed = unicodedata.normalize("NFD", ch)
        marks = "".join(m for m in decomposed[1:] if m in _TONE_MARKS)
        if marks:
            tone = marks[0]
            ch = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
        bases.append(ch)
    if not tone:
        return word
    start = 0
    if len(bases) > 2 and bases[0] == "q" and bases[1] == "u":
        start = 2
    elif len(bases) > 2 and bases[0] == "g" and bases[1] == "i" and bases[2] in _VOWELS:
        start = 2
    target = next((i for i in range(start, len(bases)) if bases[i] in _VOWELS), None)
    if target is None:
        return word
    bases[target] = unicodedata.normalize("NFC", bases[target] + tone)
    folded = "".join(bases)
    return folded if len(folded) == len(word) else word


def fold(text: str) -> str:
    """Matching key: lower case, canonical tone placement, same length as ``text``."""
    return _WORD.sub(lambda m: _fold_word(m.group()), text.lower())


# --------------------------------------------------------------------------
# loose_key: no accents, no punctuation
# --------------------------------------------------------------------------

_D = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D", "ð": "d"})
_NON_KEY = re.compile(r"[^0-9a-z%]+")


@lru_cache(maxsize=65536)  # the checks ask for the key of the same node text many times
def loose_key(text: str) -> str:
    """Accent- and case-insensitive form for matching cue phrases and names.

    Diacritics are dropped (OCR's "Üy" and "Ủy" both give "uy"), đ becomes d,
    punctuation becomes a space and spaces are collapsed.
    """
    text = unicodedata.normalize("NFKD", text.translate(_D))
    if not text.isascii():
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_KEY.sub(" ", text.lower()).split())


# --------------------------------------------------------------------------
# Document numbers
# --------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def number_key(number: str) -> str:
    """Canonical form of a document number: '346/QĐ- TTg' -> '346/QĐ-TTG'."""
    text = unicodedata.normalize("NFC", number).replace("Ð", "Đ").replace("ð", "đ")
    return _SPACES.sub("", text).strip(".,;:").upper()
