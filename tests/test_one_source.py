"""One source for each fact (issue 20 item 6): the poster's sheet margin is poster.py's, read by
its stylesheet through --margin; the theme's custom properties and the easy-read point are
macros the print and web templates share."""

from __future__ import annotations

import re
from pathlib import Path

from generator.poster import SHEET_MARGIN_U, PosterLayout

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def test_the_poster_margin_is_set_once_and_read_by_the_stylesheet() -> None:
    layout = PosterLayout(26, 18, 1.0, 297, 0.0, None, None, "p")
    assert f"--margin: {SHEET_MARGIN_U:g}" in layout.style
    css = (TEMPLATES / "css" / "poster.css").read_text()
    assert css.count("var(--margin) * var(--u)") == 5
    assert not re.search(rf"\b{SHEET_MARGIN_U:g} \* var\(--u\)", css)


def test_the_theme_and_the_easy_read_point_are_written_in_one_macro_each() -> None:
    uses = {"theme_properties(theme)": [], "easy_read_point(point, marked, counter.n)": []}
    for path in sorted(TEMPLATES.glob("*.j2")):
        text = path.read_text()
        if path.name != "macros.html.j2":
            assert "--accent-soft: {{" not in text and '<li class="point">' not in text, path.name
        for call in uses:
            if f"m.{call}" in text:
                uses[call].append(path.name)
    assert uses == {
        "theme_properties(theme)": ["base.html.j2", "web.html.j2"],
        "easy_read_point(point, marked, counter.n)": ["easy-read-html.html.j2", "easy-read.html.j2"],
    }
