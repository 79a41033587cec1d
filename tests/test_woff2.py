"""Web pages' and e-books' WOFF2 (generator.woff2): a large face is compressed at a faster Brotli
quality, decodes to the same font, and a small face keeps fontTools' own bytes."""

from __future__ import annotations

import io

import uharfbuzz
from fontTools.ttLib import TTFont, woff2

from generator.fonts import default_faces, installed_file
from generator.woff2 import BEST_QUALITY, FAST_QUALITY, LARGE_FACE, brotli_quality, encode_woff2


def test_only_a_face_larger_than_the_limit_is_compressed_faster() -> None:
    assert brotli_quality(LARGE_FACE) == BEST_QUALITY == 11
    assert brotli_quality(LARGE_FACE + 1) == FAST_QUALITY < BEST_QUALITY


def _subset(data: bytes, characters: str) -> bytes:
    wanted = uharfbuzz.SubsetInput()
    wanted.unicode_set.update(map(ord, characters))
    features = wanted.layout_feature_tag_set
    features.clear()
    features.invert()
    return bytes(uharfbuzz.subset(uharfbuzz.Face(data), wanted).blob.data)


def test_a_large_face_decodes_to_the_same_font_and_the_writer_is_put_back() -> None:
    path = installed_file("Noto Nastaliq Urdu")
    assert path, "the tests need fonts-noto-core"
    sfnt = _subset(path.read_bytes(), "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنوہھءیے \u06d4")  # Urdu letters
    assert len(sfnt) > LARGE_FACE  # so it is written at the fast quality
    writer = woff2.brotli
    data = encode_woff2(sfnt)
    assert woff2.brotli is writer and data[:4] == b"wOF2" and len(data) < len(sfnt) / 2
    with TTFont(io.BytesIO(sfnt)) as whole, TTFont(io.BytesIO(data)) as web:
        assert web.flavor == "woff2" and web.getGlyphOrder() == whole.getGlyphOrder()
        assert web.getBestCmap() == whole.getBestCmap()
        for tag in ("GDEF", "GSUB", "GPOS", "cmap", "hmtx"):  # every layout feature kept
            assert web.reader[tag] == whole.reader[tag], tag
        glyphs = whole.getGlyphOrder()[:: len(whole.getGlyphOrder()) // 25]
        for name in glyphs:
            assert web["glyf"][name] == whole["glyf"][name], name


def test_a_small_face_keeps_the_bytes_fonttools_writes() -> None:
    path = next(f.path for f in default_faces() if (f.weight, f.style) == ("normal", "normal"))
    sfnt = _subset(path.read_bytes(), "Our charter")
    assert len(sfnt) <= LARGE_FACE
    with TTFont(io.BytesIO(sfnt), recalcTimestamp=False) as font:
        font.flavor = "woff2"
        plain = io.BytesIO()
        font.save(plain)
    assert encode_woff2(sfnt) == plain.getvalue()
