"""English words in text of another script, marked as English so a screen reader says them so.

A translation into Urdu, Arabic, Punjabi or Bengali keeps some words in Latin letters: the names
of organisations (the credit, the brand's name in the running text), people and places, web
addresses. Those are English (translations are made from the English source), and read in the
voice of the document's language they come out garbled. :func:`mark_latin_words` wraps each run
of such words in ``<span lang="en">``, in the HTML a PDF or web page is made from, wherever the
language in force (the nearest ``lang`` attribute) is written in another script than Latin. Words
an author marked (``[Nom]{lang=fr}``) keep their own language. Text in Latin-script languages is
left as it is, so their HTML is unchanged.
"""

from __future__ import annotations

import re

from generator.languages import listed

ENGLISH = "en"
# A tag (name, attributes), or a comment, doctype or processing instruction (passed over).
_TAG = re.compile(r"<!--.*?-->|<[!?][^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>", re.DOTALL)
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
# A run of words in Latin letters: it starts with a letter and ends with a letter or digit, and
# may hold digits, apostrophes, full stops, ampersands and hyphens, and between words a space,
# a comma, colon, semicolon, dash or slash (an English sentence is one run).
_LATIN_LETTER = "A-Za-z\u00c0-\u024f"
_BETWEEN = "[ \u00a0]|[,;:/\u2013\u2014][ \u00a0]?|[ \u00a0][\u2013\u2014][ \u00a0]"
_RUN = re.compile(
    rf"[{_LATIN_LETTER}](?:[{_LATIN_LETTER}0-9'\u2019&.\-]|(?:{_BETWEEN})(?=[{_LATIN_LETTER}0-9]))*"
    rf"(?<=[{_LATIN_LETTER}0-9])"
)
_ENTITY = re.compile(r"(&#?[a-zA-Z0-9]+;)")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_RAW = {"head", "style", "script", "title", "svg", "math", "textarea"}  # text that is no reading


def _latin(tag: str) -> bool:
    row = listed(tag)
    return row is None or row.script == "Latn"


def mark_latin_words(html: str, language: str) -> str:
    """``html`` with each run of Latin-script words in text of a non-Latin-script language
    wrapped in ``<span lang="en">`` (``language``: the document's, in force outside any
    ``lang`` attribute)."""
    if _latin(language) and "lang=" not in html.split("<body", 1)[-1]:
        return html
    out: list[str] = []
    stack: list[tuple[str, str | None]] = []  # open elements: name, the lang attribute they set
    raw_depth = 0
    position = 0
    for match in _TAG.finditer(html):
        text = html[position : match.start()]
        current = next((lang for _, lang in reversed(stack) if lang is not None), language)
        out.append(text if raw_depth or _latin(current) else _mark(text))
        out.append(match.group(0))
        position = match.end()
        if match.group(2) is None:
            continue
        closing, name = match.group(1) == "/", match.group(2).lower()
        if closing:
            while stack:
                opened, _ = stack.pop()
                raw_depth -= opened in _RAW
                if opened == name:
                    break
        elif name not in _VOID and not match.group(3).rstrip().endswith("/"):
            found = _LANG.search(match.group(3))
            stack.append((name, next(v for v in found.groups() if v is not None) if found else None))
            raw_depth += name in _RAW
    out.append(html[position:])
    return "".join(out)


def _mark(text: str) -> str:
    pieces = _ENTITY.split(text)  # never inside an entity (&amp; is no English word)
    for index in range(0, len(pieces), 2):
        pieces[index] = _RUN.sub(lambda run: f'<span lang="{ENGLISH}">{run.group(0)}</span>', pieces[index])
    return "".join(pieces)
