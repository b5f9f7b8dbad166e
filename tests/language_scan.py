"""What a Vietnamese report must not show: English interface words, internal ids and paths, ISO dates.

Shared by the report-language tests; ``problems(text)`` lists every offending match.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Interface words of the English reports, and the internal names of kinds, severities and methods.
ENGLISH = re.compile(
    r"\b(?:warning|info|error|errors|present|partial|missing|absent|draft|evidence|measures?|score|heading|"
    r"cue|extras?|findings?|none|null|true|false|unknown|line|article|clause|point|method|node|rule pack|"
    r"file|files|locality|document|documents|resolution|submission|adopted|report|generated|status|"
    r"internal error|please|check|cannot|could not|no such|not found|the|and|of)\b",
    re.IGNORECASE,
)
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")  # nghi_quyet, to_trinh, legal_basis, scanned_pdf ...
NODE_ID = re.compile(
    r"(?<![\w/-])(?:dieu|khoan|diem|muc|gach|chuong|phan|item|p|noi-nhan|doan)-[0-9a-zđivxlc]+(?:[.~][\w.~-]*)?\b"
)
ELEMENT_ID = re.compile(r"\b[A-Z]\w*\d\.[a-z_]+\b")  # M1.training
PATHS = re.compile(r"rules/|\.ya?ml\b|\.py\b|dancoso_compare|underthesea|\bsource#|#\d+\b")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

CHECKS = {"English word": ENGLISH, "internal name": SNAKE, "node id": NODE_ID, "element id": ELEMENT_ID,
          "path or module": PATHS, "ISO date": ISO_DATE}


def problems(text: str, allowed: tuple[str, ...] = ()) -> list[str]:
    """Every match, as 'kind: …context…'; ``allowed`` strings (file names, the pack id) are removed first."""
    for item in sorted(allowed, key=len, reverse=True):
        text = text.replace(item, " ")
    found = []
    for kind, pattern in CHECKS.items():
        for m in pattern.finditer(text):
            context = text[max(0, m.start() - 40): m.end() + 40].replace("\n", " ")
            found.append(f"{kind}: {m.group()!r} in …{context}…")
    return found


class VisibleText(HTMLParser):
    """What a reader sees of a page: text outside <style>/<script>, and the title/placeholder/aria-label attributes."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self._skip += 1
        for name, value in attrs:
            if name in ("title", "placeholder", "aria-label", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return "\n".join(self.parts)
