"""Typesetting for print: no single word left alone on the last line of a heading or a point,
and no word broken at its hyphen.

Jinja filters that join the last two words with a no-break space (U+00A0), so a line break
falls before the last two words, never before the last one alone, and that keep a hyphenated
word ("co-production") on one line. They work on plain text and on escaped HTML (a space or
hyphen inside a tag is left alone). Text in two languages (``generator.pair.Pair``) comes
out as two blocks, each half treated alone and marked with its language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markupsafe import Markup, escape

NBSP = "\u00a0"
WORD_JOINER = "\u2060"  # no line break on either side; invisible, and text extraction drops it
_HYPHEN_IN_WORD = re.compile(r"(?<=\w)-(?=\w)")
_HEADING = re.compile(r"(<h[1-6][^>]*>)(.*?)(</h[1-6]>)", re.DOTALL)
_TAG = re.compile(r"(<[^>]*>)")
# A word with a hyphen between letters or digits, with the punctuation stuck to either end.
_QUOTES = "\u2018\u2019\u201c\u201d"
_HYPHENATED = re.compile(rf"(?:[(\[{_QUOTES}]|&#3[49];)*\w+(?:-\w+)+(?:[.,;:!?)\]{_QUOTES}]|&#3[49];)*")


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


def halves(text: object, make: Callable[[object], Markup] = escape) -> Markup:
    """Text in two languages (a ``Pair``) as two blocks, ``<span class="half" lang>`` each, each
    half made by ``make``; other text just made by ``make`` (escaped by default)."""
    parts = getattr(text, "halves", None)
    if parts is None:
        return Markup(make(text))
    languages, directions = text.languages, text.directions  # type: ignore[attr-defined]
    mixed = directions[0] != directions[1]  # Urdu and English: each half says its direction
    # A space between the halves: each is a block, but a bookmark or extracted text reads them
    # as two phrases ("Pam Why"), not one word ("PamWhy").
    return Markup(" ").join(
        Markup('<span class="half" lang="{}"{}>{}</span>').format(
            language, Markup(' dir="{}"').format(direction) if mixed else "", make(part)
        )
        for language, direction, part in zip(languages, directions, parts, strict=True)
        if part
    )


def keep_last_words(text: object) -> Markup:
    """Text (or Markup) whose last two words stay on one line."""
    if hasattr(text, "halves"):
        return halves(text, keep_last_words)
    html = str(escape(text))  # Markup as it is, anything else escaped
    return Markup(_join_last_space(html))


def running_words(text: object) -> Markup:
    """Text for a running footer (a CSS string, which cannot hold a span): its last two words
    stay on one line, and a hyphenated word never breaks at its hyphen (a word joiner follows
    the hyphen)."""
    html = str(escape(text))  # Markup as it is, anything else escaped
    return Markup(_join_last_space(_HYPHEN_IN_WORD.sub("-" + WORD_JOINER, html)))


def keep_heading_words(html: object) -> Markup:
    """HTML in which every heading's last two words stay on one line, and no word in a heading
    breaks at its hyphen."""
    return Markup(_HEADING.sub(lambda m: m[1] + _join_last_space(_whole(m[2])) + m[3], str(html)))


def keep_words(text: object) -> Markup:
    """Text (or Markup) whose hyphenated words never break at the hyphen and whose last two words
    stay on one line: for titles, headings and easy-read text."""
    if hasattr(text, "halves"):
        return halves(text, keep_words)
    html = str(escape(text))  # Markup as it is, anything else escaped
    return Markup(_join_last_space(_whole(html)))


def keep_hyphenated(text: object) -> Markup:
    """Text (or Markup) whose hyphenated words never break at the hyphen, its lines otherwise
    free: ``keep_words`` for a web page, which reflows to any width."""
    if hasattr(text, "halves"):
        return halves(text, keep_hyphenated)
    html = str(escape(text))  # Markup as it is, anything else escaped
    return Markup(_whole(html))


def _whole(html: str) -> str:
    """``html`` with each hyphenated word outside a tag in a ``<span class="word">``, which the
    stylesheet keeps on one line (a line break after a real hyphen is still allowed by Unicode;
    the hyphen itself stays U+002D, so the text reads and searches as written)."""
    parts = _TAG.split(html)
    for index in range(0, len(parts), 2):  # even parts are text, odd ones tags
        parts[index] = _HYPHENATED.sub(lambda m: f'<span class="word">{m[0]}</span>', parts[index])
    return "".join(parts)


_TABLE = re.compile(r'<table class="([^"]*)" data-chars="(\d+)">')
SMALLEST_TABLE_PT = 12.0  # clear print's floor


def fit_tables(html: object, line_chars: float, text_pt: float) -> Markup:
    """HTML whose tables fit a line of ``line_chars`` characters of ``text_pt`` type: a table
    narrower than the line at its narrowest (``data-chars``, generator.markdown) as it is, one
    that fits at 12 pt ``small``, any other ``stacked`` (each row as "label: value" lines);
    ``line_chars`` 0 leaves every table as it is (a web page scrolls a wide one)."""

    def fitted(match: re.Match[str]) -> str:
        classes, narrowest = match[1], int(match[2])
        if narrowest <= line_chars:
            return match[0]
        fits_small = text_pt > SMALLEST_TABLE_PT and narrowest <= line_chars * text_pt / SMALLEST_TABLE_PT
        return match[0].replace(classes, f"{classes} {'small' if fits_small else 'stacked'}", 1)

    return Markup(_TABLE.sub(fitted, str(html)) if line_chars else str(html))
