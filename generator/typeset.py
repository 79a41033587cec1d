"""Typesetting for print: no single word left alone on the last line of a heading or a point.

Jinja filters that join the last two words with a no-break space (U+00A0), so a line break
falls before the last two words, never before the last one alone. They work on plain text and
on escaped HTML (a space inside a tag is left alone).
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

NBSP = "\u00a0"
_HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.DOTALL)


def _join_last_space(html: str) -> str:
    """``html`` with its last space outside a tag (and not at either end) made a no-break space."""
    depth = 0
    end = len(html.rstrip())
    for index in range(end - 1, -1, -1):
        char = html[index]
        if char == ">":
            depth += 1
        elif char == "<":
            depth -= 1
        elif char == " " and depth == 0:
            if not html[:index].strip():
                break
            after = html[index + 1 :]
            if after.startswith("<") and not after.startswith("</"):
                # Before an inline element the no-break space goes inside it: WeasyPrint 70
                # breaks the line early at "of&nbsp;<strong>word</strong>".
                tag_end = after.index(">") + 1
                return f"{html[:index]}{after[:tag_end]}{NBSP}{after[tag_end:]}"
            return f"{html[:index]}{NBSP}{after}"
    return html


def keep_last_words(text: object) -> Markup:
    """Text (or Markup) whose last two words stay on one line."""
    html = str(text if isinstance(text, Markup) else escape(str(text)))
    return Markup(_join_last_space(html))


def keep_heading_words(html: object) -> Markup:
    """HTML in which every heading's last two words stay on one line."""
    return Markup(_HEADING.sub(lambda m: m[1] + _join_last_space(m[2]) + m[3], str(html)))
