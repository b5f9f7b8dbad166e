"""The same seed as .docx (literal / Word numbering), PDF, TCVN3, VNI, UTF-16, NFD and CRLF gives the same tree and metadata."""

from __future__ import annotations

import unicodedata

import pytest

from dancoso_compare.api import read
from dancoso_compare.textkey import fold
from dancoso_compare.parse import parse_text

from tests import builders
from tests.conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def _key(value):
    return fold(unicodedata.normalize("NFC", value)) if isinstance(value, str) else value


def signature(parsed) -> list:
    """What must not depend on the file format: metadata and the Điều/khoản/điểm skeleton."""
    out = []
    for doc in parsed.documents:
        meta = [doc.kind, doc.draft, doc.number, doc.date, _key(doc.issuer), _key(doc.signer), doc.adopted,
                doc.locality and (_key(doc.locality.name), doc.locality.unit, doc.locality.level),
                [(c.type, c.number, c.date) for c in doc.legal_bases]]
        tree = [(n.id, n.kind, n.label, _key(n.title)) for n in doc.walk() if n.kind in ("chapter", "section", "article", "clause", "point")]
        out.append((meta, tree))
    return out


def _seed(path):
    # The OCR'd "Üy" cannot be written in TCVN3/VNI; compare on the spelling those encodings can carry.
    return path.read_text(encoding="utf-8").replace("Üy", "Ủy")


@pytest.fixture(params=SEED_FILES, ids=lambda p: p.stem[:3])
def seed(request):
    text = _seed(request.param)
    return text, signature(parse_text(text))


@pytest.mark.parametrize("encoding", ["tcvn3", "vni", "utf-16", "cp1258", "utf-8-sig"])
def test_encodings(seed, encoding, tmp_path):
    text, expected = seed
    data = {
        "tcvn3": builders.encode_tcvn3, "vni": builders.encode_vni, "cp1258": builders.encode_cp1258,
        "utf-16": lambda t: t.encode("utf-16"), "utf-8-sig": lambda t: t.encode("utf-8-sig"),
    }[encoding](text)
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    assert signature(read(path)) == expected


def test_nfd_and_crlf(seed, tmp_path):
    text, expected = seed
    variant = unicodedata.normalize("NFD", text).replace("\n", "\r\n")
    path = tmp_path / "seed.txt"
    path.write_bytes(variant.encode("utf-8"))
    parsed = read(path)
    assert signature(parsed) == expected
    # Lines and spans still point into the CRLF/NFD original.
    original = parsed.text
    for doc in parsed.documents:
        for node in doc.walk():
            assert original[node.span[0]:node.span[1]] == node.text


@pytest.mark.parametrize("builder", ["to_docx_literal", "to_docx_autonumbered"])
def test_docx(seed, builder, tmp_path):
    text, expected = seed
    path = getattr(builders, builder)(text, tmp_path / "seed.docx")
    assert signature(read(path)) == expected


def test_pdf(seed, tmp_path):
    text, expected = seed
    path = builders.to_pdf(text, tmp_path / "seed.pdf")
    assert signature(read(path)) == expected
