"""Markdown as people write it: CommonMark plus GFM tables and footnotes, into the HTML every
format is made from.

One parser (markdown-it-py with the ``table`` rule and mdit-py-plugins' footnotes) reads every
Markdown body. Raw HTML is escaped, never passed through. ``render_body`` checks what a reader
would otherwise lose (pictures without alt text, links that are not web, e-mail or phone links,
footnotes without text, tables without their ``| --- |`` line) and writes HTML that each format
styles in its own way:

- a table sits in a labelled region (``<div class="table" role="region" aria-label="Table 1"
  tabindex="0">``) that a web page scrolls sideways when it is wider than the screen; its header
  cells are ``<th scope="col">``, its columns' alignment a class (``align-right``), and each data
  cell carries its column's header as ``data-label`` so large print can stack a wide table's rows
  as "label: value" lines; a table of more than three columns, or whose rows run past about 40
  characters, is marked ``wide``;
- a footnote reference is a link to its note (``#note-1``), and each note a ``<div
  class="footnote" id="note-1">`` whose number links back to the (first) reference; the notes
  follow the body under a "Notes" heading;
- a web link whose words are not its address carries ``data-address`` (the address as a reader
  types it), which print formats print after the words;
- words in another language than the document's are marked with mdit-py-plugins' attributes,
  ``[Social Work Teaching Partnership]{lang=en}`` (a ``<span lang="en">``; a link, picture or
  code takes ``{lang=en}`` after it too), so a screen reader switches voice for them; ``lang``
  is the one attribute kept, and it must be a BCP 47 tag.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from markupsafe import escape

from generator.errors import CharterError
from generator.languages import language_problem
from generator.limits import MAX_BLOCKS, MAX_NESTING, MAX_URL
from generator.pictures import resolve_picture
from generator.project import builtin_dir
from generator.strings import REFERENCE, Strings, strings_for

WEB_LINK = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)  # a full http(s) address with a host name
WIDE_TABLE_CHARACTERS = 30  # a row longer than this (its cells' text together) stacks in large print
# A table's narrowest width (``data-chars``): each column's longest word, header words a tenth
# wider (bold), and the space between cells (0.6 em, about 1.2 characters), in characters of
# the text; a handout sets a table narrower than its line smaller or stacked (typeset.fit_tables).
BOLD_WIDTH = 1.1
CELL_GAP_CHARACTERS = 1.2
FOOTNOTE_LEFT = re.compile(r"\[\^[^\]\s]+\]")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def parser() -> Any:
    """The one Markdown parser: CommonMark with GFM tables, footnotes and ``{lang=..}`` attributes,
    raw HTML escaped, typographic quotes off.

    Every link becomes a link token, even ``javascript:`` and ``file:`` ones (markdown-it would
    print those as literal text), so that ``render_body`` refuses them.
    """
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = (
        MarkdownIt("commonmark", {"html": False})
        .enable("table")
        .use(footnote_plugin)
        .use(attrs_plugin, spans=True, allowed=["lang"])
    )
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def check_length(url: str, path: Path | None, line: int | None = None) -> None:
    """A link longer than MAX_URL characters is refused (no QR code can hold one much longer)."""
    if len(url) > MAX_URL:
        raise CharterError(
            f"the link '{url[:40]}...' is {len(url):,} characters long, over the {MAX_URL:,} a link may "
            "have (and too long for a QR code). Use a shorter link.",
            path,
            line,
        )


_BLOCKS = ("paragraph_open", "heading_open", "list_item_open", "td_open", "th_open", "footnote_open")


def parse(body: str, env: dict[str, Any], path: Path, first_line: int) -> list[Any]:
    """The tokens of a Markdown body; lists and quotes nested more than MAX_NESTING deep are
    refused (the parser would silently drop what is deeper), and so is a body of more than
    MAX_BLOCKS blocks (each takes time to lay out and to compare with a translation)."""
    md = parser()
    md.options["maxNesting"] = 4 * MAX_NESTING
    tokens: list[Any] = md.parse(body, env)
    depth = blocks = 0
    line = first_line
    for token in tokens:
        line = token.map[0] + first_line if token.map else line
        blocks += token.type in _BLOCKS
        if blocks > MAX_BLOCKS:
            raise CharterError(
                f"the text has more than {MAX_BLOCKS:,} blocks (paragraphs, headings, list items, "
                "table cells and notes) by here. Split it into several documents.",
                path,
                line,
            )
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            depth += 1
            if depth > MAX_NESTING:
                raise CharterError(
                    f"lists and quotes are nested more than {MAX_NESTING} deep here. Flatten them.",
                    path,
                    line,
                )
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            depth -= 1
    return tokens


def address(href: str) -> str:
    """A web address as a reader types it: no ``https://``, no ``mailto:`` or ``tel:``."""
    return re.sub(r"^(?:https?://|mailto:|tel:)", "", href, flags=re.IGNORECASE)


def render_body(body: str, path: Path, first_line: int, words: Strings | None = None) -> str:
    """A document's Markdown body as HTML: headings from h2, pictures checked and made local,
    tables and footnotes as the module docstring says, their words ('Notes', 'Table 1') from
    ``words``, the catalog of the document's language (English by default). Every fault found is
    reported together."""
    md = parser()
    env: dict[str, Any] = {}
    tokens = parse(body, env, path, first_line)
    faults: list[CharterError] = []
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    tables = 0
    line: int | None = first_line
    for index, token in enumerate(tokens):
        if token.map:
            line = token.map[0] + first_line
        if token.type in ("heading_open", "heading_close"):
            # Titles are h1: content headings nest under them without skipping a level.
            token.tag = f"h{min(6, 2 + levels.index(int(token.tag[1])))}"
        elif token.type == "table_open":
            tables += 1
            _mark_table(tokens, index, tables)
        elif token.type == "inline":
            _check_inline(token, path, line, faults)
        elif token.type == "paragraph_open" and _introduces(tokens, index):
            token.attrJoin("class", "lead-in")  # css/base.css keeps it with what follows
    refs = env.get("footnotes", {}).get("refs", {})
    for label, number in refs.items():
        if number < 0:  # defined, never referred to: markdown-it would drop it
            faults.append(
                CharterError(
                    f"footnote [^{label.lstrip(':')}] is never referred to. Put [^{label.lstrip(':')}] "
                    "in the text where the note belongs, or delete the note.",
                    path,
                    _definition_line(body, label.lstrip(":"), first_line),
                )
            )
    if faults:
        raise CharterError.several(faults)
    md.add_render_rule("footnote_ref", _footnote_ref)
    md.add_render_rule("footnote_block_open", _notes_open)
    md.add_render_rule("footnote_block_close", lambda *a: "</section>\n")
    md.add_render_rule("footnote_open", _note_open)
    md.add_render_rule("footnote_close", lambda *a: "</div>\n")
    md.add_render_rule("footnote_anchor", lambda *a: "")
    md.add_render_rule("footnote_number", _note_number)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("table_close", lambda *a: "</table>\n</div>\n")
    if words is None:
        words = strings_for((builtin_dir("templates"),), REFERENCE)
    env["words"] = words
    return str(md.renderer.render(tokens, md.options, env))


def _definition_line(body: str, label: str, first_line: int) -> int | None:
    for number, text in enumerate(body.splitlines()):
        if text.startswith(f"[^{label}]:"):
            return number + first_line
    return None


def _check_inline(token: Any, path: Path, line: int | None, faults: list[CharterError]) -> None:
    """Pictures, links, languages and anything a reader would see as Markdown syntax in one inline
    run."""
    for child in token.children or []:
        problem = language_problem(str(child.attrGet("lang"))) if child.attrGet("lang") is not None else None
        if problem:
            faults.append(CharterError(f"{problem} Mark other words like [words]{{lang=en}}.", path, line))
        if child.type == "image":
            alt = child.content.strip()
            src = str(child.attrGet("src") or "")
            if not alt:
                faults.append(
                    CharterError(
                        f"picture '{src}' has no alt text. Write what it shows between the "
                        "square brackets: ![what it shows](file.png).",
                        path,
                        line,
                    )
                )
                continue
            try:
                child.attrSet("src", resolve_picture(src, path.parent, path, line).as_uri())
            except CharterError as error:
                faults.append(error)
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            check_length(href, path, line)
            if not (WEB_LINK.match(href) or href.startswith(("mailto:", "tel:", "#"))):
                faults.append(
                    CharterError(
                        f"link '{href[:60]}' must be a full web address (https://...), an email "
                        "link (mailto:) or a phone link (tel:).",
                        path,
                        line,
                    )
                )
        elif child.type == "text":
            left = FOOTNOTE_LEFT.search(child.content)
            if left:
                faults.append(
                    CharterError(
                        f"footnote {left[0]} has no text. Add a line '{left[0]}: what the note says.' "
                        "after the paragraph.",
                        path,
                        line,
                    )
                )
    _mark_links(token.children or [])
    if token.children and _TABLE_ROW.match(token.content.splitlines()[0]) and token.content.count("|") > 1:
        faults.append(
            CharterError(
                "this looks like a table but has no line of dashes under its header row. "
                "Add one, e.g. '| --- | --- |', with a '|' for each column.",
                path,
                line,
            )
        )


def _introduces(tokens: list[Any], index: int) -> bool:
    """The paragraph opening at ``index`` ends in a colon ("As one member said:") and something
    follows it: it introduces what comes next, so a page must not end between them."""
    inline = tokens[index + 1] if index + 1 < len(tokens) else None
    if inline is None or inline.type != "inline" or not inline.content.rstrip().endswith(":"):
        return False
    after = index + 3  # past the inline and paragraph_close
    if after >= len(tokens):
        return False
    following = tokens[after].type
    return not following.endswith("_close") and following != "footnote_block_open"


def _mark_links(children: list[Any]) -> None:
    """Give each web link whose words are not its address a ``data-address`` to print."""
    for index, child in enumerate(children):
        if child.type != "link_open":
            continue
        href = str(child.attrGet("href") or "")
        if not WEB_LINK.match(href):
            continue
        words = []
        for later in children[index + 1 :]:
            if later.type == "link_close":
                break
            words.append(later.content)
        text = "".join(words).strip()
        if address(text).rstrip("/") != address(href).rstrip("/"):
            child.attrSet("data-address", address(href))


def _cell_text(token: Any) -> str:
    return " ".join(token.content.split())


def _mark_table(tokens: list[Any], start: int, number: int) -> None:
    """Number a table, mark it wide or not, give header cells their scope, data cells their
    column's label, and alignment as a class."""
    headers: list[str] = []
    widest = 0
    row: list[str] = []
    in_head = False
    column = 0
    longest: dict[int, float] = {}  # each column's longest word, in characters (bold ones wider)
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.type == "table_close":
            break
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row, column = [], 0
        elif token.type == "tr_close":
            widest = max(widest, sum(len(cell) for cell in row))
        elif token.type in ("th_open", "td_open"):
            style = str(token.attrGet("style") or "")
            token.attrs.pop("style", None)
            align = style.removeprefix("text-align:")
            if align in ("left", "center", "right"):
                token.attrSet("class", f"align-{align}")
            text = _cell_text(tokens[index + 1])
            row.append(text)
            word = max((len(w.strip("*_`")) for w in text.split()), default=0) * (
                BOLD_WIDTH if in_head else 1
            )
            longest[column] = max(longest.get(column, 0.0), word)
            if in_head:
                token.attrSet("scope", "col")
                headers.append(text)
            elif column < len(headers) and headers[column]:
                token.attrSet("data-label", headers[column])
            column += 1
    wide = len(headers) > 3 or widest > WIDE_TABLE_CHARACTERS
    narrowest = math.ceil(sum(longest.values()) + CELL_GAP_CHARACTERS * len(longest))
    tokens[start].meta = {"number": number, "wide": wide, "narrowest": narrowest}


def _table_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta or {}
    kind = "table wide" if meta.get("wide") else "table"
    number = meta.get("number", 1)
    label = _say(env, "table_label", number)
    return (
        f'<div class="table-region" role="region" aria-label="{label}" tabindex="0">\n'
        f'<table class="{kind}" data-chars="{meta.get("narrowest", 0)}">\n'
    )


def _note_id(number: int) -> str:
    return f"note-{number}"


def _footnote_ref(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    meta = tokens[idx].meta
    number = meta["id"] + 1
    ref_id = f"{_note_id(number)}-ref" + (f"-{meta['subId']}" if meta.get("subId") else "")
    return (  # a word joiner (U+2060): the reference never starts a line away from its word
        f'\u2060<sup class="footnote-ref"><a href="#{_note_id(number)}" id="{ref_id}" '
        f'title="{_say(env, "note_link", number)}">{number}</a></sup>'
    )


def _notes_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    return (
        '<section class="footnotes" aria-labelledby="notes-heading">\n'
        f'<h2 id="notes-heading">{_say(env, "notes_heading")}</h2>\n'
    )


def _note_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    number = tokens[idx].meta["id"] + 1
    # The note's number, a link back to its first reference, opens its first paragraph.
    for later in tokens[idx + 1 :]:
        if later.type == "inline":
            from markdown_it.token import Token

            mark = Token("footnote_number", "", 0, meta={"number": number})
            later.children = [mark, *(later.children or [])]
            break
        if later.type == "footnote_close":
            break
    return f'<div class="footnote" id="{_note_id(number)}">\n'


def _note_number(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    number = tokens[idx].meta["number"]
    label = _say(env, "note_back", number)
    return (
        f'<a class="footnote-back" href="#{_note_id(number)}-ref" aria-label="{label}" '
        f'title="{_say(env, "note_back_title", number)}">{number}.</a> '
    )


def _say(env: dict[str, Any], key: str, number: int | None = None) -> str:
    """A catalog string for the body (``env["words"]``), escaped for an attribute or text."""
    words: Strings = env["words"]
    return str(escape(words(key, number=number) if number is not None else words(key)))
