"""A picture with no size of its own (an SVG with only a viewBox: every OpenMoji picture) in a
line of right-to-left text: WeasyPrint 70 failed with AttributeError 'position_x' on an Arabic
handout with `![..](openmoji:..)` in its text (generator.engine.place_sized_pictures)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator import engine, render

# 72 by 72 in its viewBox, no width or height: sized from the line it sits in.
SVG = (
    "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 72 72'%3E"
    "%3Crect width='72' height='72'/%3E%3C/svg%3E"
)
CSS = "@page { size: 200px 400px; margin: 0 } body { margin: 0 } img { max-height: 50px; width: auto }"


def picture_box(tmp_path: Path, direction: str, words: str) -> Any:
    """The laid-out picture of a paragraph holding ``words`` then the picture."""
    css = tmp_path / "style.css"
    css.write_text(CSS)
    picture = f"<img alt='a square' src=\"{SVG}\">"
    html = f"<html lang='ar' dir='{direction}'><title>T</title><p>{words}{picture}</p></html>"
    document = render.render_document(html, [css], (tmp_path,), tmp_path, ())
    boxes = engine.box_types()
    page = engine.page_box(document.pages[0])
    found = [b for b in page.descendants() if isinstance(b, boxes.InlineReplacedBox)]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("words", ["", "نص "])
def test_a_picture_without_a_size_sits_in_right_to_left_text_as_in_left_to_right(
    tmp_path: Path, words: str
) -> None:
    ltr, rtl = picture_box(tmp_path, "ltr", words), picture_box(tmp_path, "rtl", words)
    assert (rtl.width, rtl.height) == (ltr.width, ltr.height) == (50, 50)  # sized alike, by max-height
    if not words:  # alone on its line: at the line's start, the left or the right
        assert ltr.position_x == 0
        assert rtl.position_x + rtl.margin_width() == pytest.approx(200)
    else:  # after the words: to their right, or to their left
        assert ltr.position_x > 0
        assert rtl.position_x + rtl.margin_width() < 200
