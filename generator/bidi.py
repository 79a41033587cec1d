"""Right-to-left text: embedded left-to-right runs (web addresses, e-mail addresses, phone
numbers) kept in their own order inside Urdu or Arabic text.

The Unicode bidirectional algorithm already orders a plain English name right ("John Smith"
reads as one run), but a run held together by neutral characters does not survive it: in a
right-to-left line the groups of "0121 496 0000" come out in reverse order, and the slash
ending "example.org/" at a line end moves to the run's far side. Such a run is wrapped in a
LEFT-TO-RIGHT ISOLATE ... POP DIRECTIONAL ISOLATE (U+2066 ... U+2069): WeasyPrint 70 ignores
``<bdi>`` and ``unicode-bidi``, but Pango honours the characters, and so do browsers. Only the
text between tags changes; a left-to-right document is returned as it is.
"""

from __future__ import annotations

import re

from markupsafe import Markup

LRI, PDI = "\u2066", "\u2069"
_TAG = re.compile(r"(<[^>]*>)")
_STYLE = re.compile(r"(<(style|script)\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
_LATIN = r"[A-Za-z0-9\u00c0-\u024f]"
_JOINER = r"(?:[ .,:;/@\-_~%+=?#'\u2019]|&(?:#\d+|#x[0-9a-fA-F]+|\w+);)"  # inside a run, never at its ends
# A left-to-right run: Latin letters and digits, joined by spaces and punctuation, and a web
# address's closing slash.
_RUN = re.compile(rf"{_LATIN}+(?:{_JOINER}+{_LATIN}+)*/?")
_NEEDS = re.compile(r"[/@:]|\d")
_PLAIN = re.compile(rf"{_LATIN}+")


def _isolate(match: re.Match[str]) -> str:
    run = match[0]
    if _NEEDS.search(run) and not _PLAIN.fullmatch(run):
        return f"{LRI}{run}{PDI}"
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
            parts = _TAG.split(piece)  # text, tag, text, ...
            out.append("".join(p if i % 2 else _RUN.sub(_isolate, p) for i, p in enumerate(parts)))
        elif index % 3 == 1:  # a style or script element, kept whole
            out.append(piece)
    return Markup("".join(out))
