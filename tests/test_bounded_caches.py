"""Caches are bounded and keyed by content (generator.memo): a long-lived process (a preview
server, a pack's workers) draws an edited stylesheet or font as it is now, and never holds more
than each cache's size."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pdfplumber
import pytest
from fontTools import subset
from fontTools.ttLib import TTFont

from generator import render
from generator.fonts import FontFace, default_faces, face_points
from generator.memo import Bounded, file_key
from generator.web import font_woff2

REGULAR, BOLD = (
    next(f.path for f in default_faces() if (f.weight, f.style) == (w, "normal")) for w in ("normal", "bold")
)


def test_a_bounded_cache_drops_the_least_recently_used() -> None:
    cache: Bounded[str] = Bounded(2)
    made: list[str] = []

    def make(value: str) -> str:
        made.append(value)
        return value

    cache.get("a", lambda: make("a"))
    cache.get("b", lambda: make("b"))
    assert cache.get("a", lambda: make("again")) == "a"  # kept, and now the most recent
    cache.get("c", lambda: make("c"))
    assert "a" in cache and "c" in cache and "b" not in cache and len(cache) == 2
    assert made == ["a", "b", "c"]
    cache.put("d", "d")
    assert list(cache) == ["c", "d"]
    with pytest.raises(ValueError):
        Bounded(0)


def test_a_file_key_is_its_content(tmp_path: Path) -> None:
    one, two = tmp_path / "one.css", tmp_path / "two.css"
    one.write_text("p { color: red }")
    two.write_text("p { color: red }")
    first = file_key(one)
    assert first[1] == file_key(two)[1] and first[0] != file_key(two)[0]
    stamp = one.stat().st_mtime_ns
    one.write_text("p { color: tan }")  # the same size and time: only the content tells
    os.utime(one, ns=(stamp, stamp))
    assert file_key(one) != first
    assert file_key(tmp_path / "gone.css") == (str(tmp_path / "gone.css"), "")


def test_the_image_cache_holds_its_size_at_most(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "IMAGES_KEPT", 3)
    images = render.ContentKeyedImages()
    for n in range(5):
        images[f"data:image/png;base64,{n}"] = n
    assert list(images) == [f"data:image/png;base64,{n}" for n in (2, 3, 4)]


def _a_few_letters(source: Path, target: Path) -> None:
    """``target`` made the font ``source`` cut down to 'abc'."""
    options = subset.Options()
    with TTFont(source) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="abc")
        subsetter.subset(font)
        font.save(target)


def test_an_edited_font_file_is_read_again(tmp_path: Path) -> None:
    face = tmp_path / "face.ttf"
    shutil.copy(REGULAR, face)
    stamp = face.stat().st_mtime_ns
    whole, woff2 = face_points(face), font_woff2(face, "abcxyz")
    assert ord("z") in whole
    _a_few_letters(REGULAR, face)
    os.utime(face, ns=(stamp, stamp))  # even with its old time
    assert ord("a") in face_points(face) and ord("z") not in face_points(face)
    assert font_woff2(face, "abcxyz") != woff2


@pytest.mark.slow
def test_a_long_lived_process_draws_an_edited_stylesheet_and_font(tmp_path: Path) -> None:
    face, css = tmp_path / "face.ttf", tmp_path / "style.css"
    shutil.copy(REGULAR, face)
    css.write_text("p { font-family: Brand; font-size: 12pt }")
    brand = FontFace("Brand", face)
    html = f"<html lang='en'><title>T</title><style>{brand.css()}</style><p>Hi</p></html>"

    def drawn() -> tuple[int, float]:
        """The size of the text and the width it takes, in pt."""
        document = render.render_document(html, [css], (tmp_path,), tmp_path, (brand,))
        with pdfplumber.open(io.BytesIO(render.pdf_bytes(document))) as pdf:
            chars = pdf.pages[0].chars
            return round(chars[0]["size"]), round(chars[-1]["x1"] - chars[0]["x0"], 2)

    size, regular_12 = drawn()
    assert size == 12
    css.write_text(css.read_text().replace("12pt", "24pt"))
    size, regular_24 = drawn()
    assert size == 24 and regular_24 == pytest.approx(2 * regular_12, abs=0.1)
    shutil.copy(BOLD, face)  # the same family name, another file's glyphs: wider
    size, bold_24 = drawn()
    assert size == 24 and bold_24 > regular_24 + 0.5
