"""Wording: common misspellings, compared with their accents (DC-TXT-001)."""

from __future__ import annotations

import re
from functools import lru_cache

from dancoso_compare.checks.base import Context, family, nfc_lower
from dancoso_compare.checks.rules import Misspelling


class _Misspellings:
    """One alternation of every wrong form (a prefilter run once per document), and one exact pattern per entry."""

    def __init__(self, items: tuple[Misspelling, ...]) -> None:
        self.items = items
        self.wrong = tuple(nfc_lower(i.wrong) for i in items)
        alternation = "|".join(re.escape(w) for w in sorted(set(self.wrong), key=lambda w: (-len(w), w))) or "(?!)"
        # A look-ahead, so that forms overlapping one another are all seen.
        self.plain = re.compile(rf"(?<!\w)(?:{alternation})")
        self.any = re.compile(rf"(?<!\w)(?=({alternation}))")
        self.exact = tuple(re.compile(r"(?<!\w)" + re.escape(w) + _tail(i)) for i, w in zip(items, self.wrong))

    def candidates(self, text: str) -> list[int]:
        """Entries whose wrong form occurs in ``text`` (a longer form found also stands for its prefixes)."""
        if self.plain.search(text) is None:  # no form at all (a form hidden inside another is still a match)
            return []
        found = {m.group(1) for m in self.any.finditer(text)}
        return [k for k, w in enumerate(self.wrong) if any(f.startswith(w) for f in found)]


def _tail(item: Misspelling) -> str:
    """What must follow the wrong form: the entry's ``followed_by``, else the end of the word."""
    return f"(?={item.followed_by})" if item.followed_by else r"(?!\w)"


@lru_cache(maxsize=8)
def _compiled(items: tuple[Misspelling, ...]) -> _Misspellings:
    return _Misspellings(items)


@family("wording", "DC-TXT")
def check_misspellings(ctx: Context) -> None:
    table = _compiled(ctx.draft.misspellings)
    texts = [(node, ctx.text(node)) for node in ctx.nodes]
    candidates = table.candidates(nfc_lower("\n".join(text for _, text in texts)))
    if not candidates:  # most documents: one scan
        return
    for node, text in texts:
        lowered = nfc_lower(text)
        for k in candidates:
            item, wrong = table.items[k], table.wrong[k]
            for m in table.exact[k].finditer(lowered):
                printed = text[m.start():m.end()]
                ctx.emit("DC-TXT-001", node, ctx.line_of(node, wrong, key=nfc_lower), wrong=printed, right=item.right)
