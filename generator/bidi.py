"""Right-to-left text: embedded left-to-right runs (web addresses, e-mail addresses, phone
numbers) kept in their own order inside Urdu or Arabic text.

The Unicode bidirectional algorithm already orders a plain English name right ("John Smith"
reads as one run), but a run held together by neutral characters does not survive it: in a
right-to-left line the groups of "0121 496 0000" come out in reverse order, the slash ending
"example.org/" at a line end moves to the run's far side, and an English sentence wrapped over
lines (the pictures' credit) has its words shuffled on every line after the first. Such a run
is wrapped in ``<span dir="ltr">``: browsers isolate it (HTML's ``dir``), and WeasyPrint 70,
which ignores ``<bdi>``, ``unicode-bidi`` and, after a line break, the isolate characters
U+2066 ... U+2069, lays each of the span's lines out left to right. Only the text between tags
changes; a left-to-right document is returned as it is.
"""

from __future__ import annotations

import re

from markupsafe import Markup

OPEN, CLOSE = '<span dir="ltr">', "</span>"
# Tags end a run, except a hyphenated word's own span (typeset.keep_words), which a run takes whole.
_WORD = r'<span class="word">[^<]*</span>'
_TAG = re.compile(r'(<(?!span class="word">|/span>)[^>]*>)')
_STYLE = re.compile(r"(<(style|script)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_LATIN = rf"(?:[A-Za-z0-9\u00c0-\u024f]+|{_WORD})"
# Joiners come inside a run, never at its ends.
_JOINER = r"(?:[ \u00a0.,:;/@\-_~%+=?#'\u2019]|&(?:#\d+|#x[0-9a-fA-F]+|\w+);)"
# A left-to-right run: Latin letters and digits, joined by spaces and punctuation, and a web
# address's closing slash.
_RUN = re.compile(rf"{_LATIN}+(?:{_JOINER}+{_LATIN}+)*/?")
_NEEDS = re.compile(r"[/@:]|\d")
_PLAIN = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+")
_ANY_TAG = re.compile(r"<[^>]*>")


def _isolate(match: re.Match[str]) -> str:
    run = match[0]
    text = _ANY_TAG.sub("", run)
    if _NEEDS.search(text) and not _PLAIN.fullmatch(text):
        return f"{OPEN}{run}{CLOSE}"
    return run


def isolate_runs(html: object, direction: str) -> Markup:
    """``html`` (escaped HTML, or Markup) with, in a right-to-left document, each left-to-right
    run that holds digits or a web or e-mail address isolated; tags, attributes and style
    elements untouched."""
    text = str(html)
    if direction != "rtl":
        return Markup(text)
    pieces = _STYLE.split(text)  # text, element, its name, text, ...
    out = []
    for index, piece in enumerate(pieces):
        if index % 3 == 0:
            parts = _TAG.split(piece)  # text (with any hyphenated words' spans), tag, text, ...
            out.append("".join(p if i % 2 else _RUN.sub(_isolate, p) for i, p in enumerate(parts)))
        elif index % 3 == 1:  # a style or script element, kept whole
            out.append(piece)
    return Markup("".join(out))
