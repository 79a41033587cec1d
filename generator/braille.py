"""Braille: a document as a BRF file, through liblouis: Unified English Braille grade 2 for
English, and for another language the liblouis tables ``generator.languages`` gives it.

Text is translated by liblouis's ``lou_translate`` command (one process per document, one line
per block), in North American braille ASCII (``en-us-brf.dis``), then laid out on braille pages
here, following UKAAF and BANA braille formats. Braille runs left to right in every language:
text in a right-to-left script is translated in its logical order (the order it is typed and
spoken in), as Urdu and Arabic braille are read.

- every page is ``cells`` x ``lines``; its first line holds only the braille page number, at
  the right (``#`` and the letters a-j for the digits); pages are separated by form feeds;
- the title and section headings are centred, with a blank line before and after (three cells
  free at each side); lower headings start at cell 5; a heading never ends a page;
- paragraphs start at cell 3 and run over to cell 1; list items and key points start at cell 3
  and run over to cell 5 (two cells deeper per nested list); the transcriber's note, between
  UEB transcriber's note indicators, starts at cell 7 and runs over to cell 5;
- lines break only at spaces; a braille word longer than a whole line is divided after a
  hyphen in it, or else with a hyphen added (UEB rules 10.13), never after a prefix sign.

Layout is a pure function of translated text (``lay_out``), testable without liblouis.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Literal

from generator.errors import CharterError, display_path
from generator.languages import having, listed
from generator.project import builtin_dir
from generator.strings import REFERENCE, Strings, strings_for
from generator.typeset import WORD_JOINER

if TYPE_CHECKING:
    from generator.content import Document
    from generator.renderers import Rendered
    from generator.run import Inputs, Item, Options

DISPLAY = "en-us-brf.dis"  # North American braille ASCII
MISSING = "braille needs liblouis: apt-get install liblouis-bin liblouis-data"
CELLS = (20, 60)  # --braille-cells: the shortest and longest line, in cells
LINES = (10, 50)  # --braille-lines: the fewest and most lines a page
NOTE_OPEN, NOTE_CLOSE = "@.<", "@.>"  # UEB transcriber's note indicators (dots 4-46-126, 4-46-345)
PREFIXES = frozenset(',;"._^@#')  # signs that modify the next cell: never the last cell of a line
FORM_FEED = "\f"
PIECE = 400  # characters of text given to lou_translate a line (see ``translate``)

Kind = Literal["heading", "paragraph", "item", "note"]


@dataclass(frozen=True)
class Block:
    """One piece of a document as braille lays it out: print text, not yet translated."""

    kind: Kind
    text: str
    level: int = 1  # a heading's level (1: the title); a list item's depth (1: top level)


@dataclass(frozen=True)
class PageSize:
    """A braille page: cells a line and lines a page (its first line the page number)."""

    cells: int = 40
    lines: int = 25


def pieces(text: str, limit: int = PIECE) -> list[str]:
    """Text in pieces of at most ``limit`` characters, broken at spaces where it can be."""
    out: list[str] = []
    for word in text.split():
        while len(word) > limit:
            out, word = [*out, word[:limit]], word[limit:]
        if out and len(out[-1]) + 1 + len(word) <= limit:
            out[-1] += " " + word
        else:
            out.append(word)
    return out


def available() -> bool:
    """Whether liblouis's ``lou_translate`` is installed (on PATH)."""
    return shutil.which("lou_translate") is not None


def missing() -> str | None:
    """Why a build of every format makes no braille here (liblouis missing), or None."""
    return None if available() else f"no braille is made: {MISSING}."


def tables(language: str) -> str:
    """The ``lou_translate`` table list for a language tag: braille ASCII, then the language's
    tables (project files from ``templates/braille/`` by their full path)."""
    entry = listed(language)
    if entry is None or not entry.braille:
        raise CharterError(
            f"there is no braille table for the language '{language}'. Braille can be made in "
            f"{having('braille')}; leave out the braille format for this document."
        )
    folder = builtin_dir("templates") / "braille"
    names = [str(folder / name) if (folder / name).is_file() else name for name in entry.braille]
    return ",".join([DISPLAY, *names])


def _precomposed() -> dict[str, str]:
    """Indic letters with a nukta, decomposed (as Unicode normalisation leaves them) -> the one
    character liblouis's tables define them as (U+09AF U+09BC -> U+09DF)."""
    pairs = {}
    for code in range(0x0900, 0x0E00):
        letter = chr(code)
        decomposed = unicodedata.normalize("NFD", letter)
        if decomposed != letter and unicodedata.normalize("NFC", letter) != letter:
            pairs[decomposed] = letter
    return pairs


PRECOMPOSED = _precomposed()
_NUKTA_LETTER = re.compile("|".join(map(re.escape, PRECOMPOSED)))


ESCAPE = re.compile(r"'.X[0-9A-J]{4,}'")  # liblouis's '\\x2022' for a character it has no braille for


def escaped(braille: str) -> bool:
    """Whether liblouis wrote a character as its escape (its hexadecimal number, in braille ASCII or
    with cells outside it): its tables have no braille for that character."""
    return bool(ESCAPE.search(braille)) or any(not 0x20 <= ord(ch) <= 0x5F for ch in braille)


def translate(texts: list[str], backward: bool = False, language: str = "en") -> list[str]:
    """Print text -> BRF (or, ``backward``, BRF -> print), one string out for each string in, with
    the braille tables of ``language`` (a BCP 47 tag).

    One ``lou_translate`` process reads every text, each in pieces of at most ``PIECE``
    characters on lines of their own: it translates its input in chunks of about 2,000
    characters, and cuts off what grows past that in translation. A character the tables have
    no braille for is a ``CharterError`` naming each one.
    """
    table = tables(language)
    if not backward:
        texts = [_NUKTA_LETTER.sub(lambda m: PRECOMPOSED[m.group(0)], text) for text in texts]
    translated = _lou_translate(table, texts, backward)
    if not backward and any(escaped(text) for text in translated):
        characters = sorted({ch for text in texts for ch in text if not ch.isspace()})
        missing = [
            ch for ch, out in zip(characters, _lou_translate(table, characters), strict=True) if escaped(out)
        ]
        if missing:
            named = ", ".join(f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')})" for ch in missing)
            name = listed(language).name  # type: ignore[union-attr]  # tables() found it
            raise CharterError(
                f"liblouis's {name} braille has no braille for {named}: write the text without "
                f"{'it' if len(missing) == 1 else 'them'}, or leave out the braille format."
            )
    return translated


def _lou_translate(table: str, texts: list[str], backward: bool = False) -> list[str]:
    """``lou_translate`` run once over ``texts``: one string out for each string in."""
    command = shutil.which("lou_translate")
    if command is None:
        raise CharterError(MISSING + ".")
    split = [pieces(text) for text in texts]
    # lou_translate reads backslash escapes: a backslash (BRF "ou", or in print) is written twice.
    lines = [piece.replace("\\", "\\\\") for parts in split for piece in parts]
    result = subprocess.run(
        [command, "--backward" if backward else "--forward", table],
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["no message"])[0]
        raise CharterError(f"{MISSING} (lou_translate failed: {reason}).")
    out = result.stdout.split("\n")
    if len(out) != len(lines) + 1 or out[-1]:
        raise RuntimeError(f"lou_translate gave {len(out) - 1} lines for {len(lines)}")
    translated, start = [], 0
    for parts in split:
        translated.append(" ".join(out[start : start + len(parts)]))
        start += len(parts)
    return translated


def page_number(number: int) -> str:
    """A braille page number in BRF: the number sign and the digits as the letters A-J (braille a-j)."""
    return "#" + "".join("JABCDEFGHI"[int(digit)] for digit in str(number))


def divide(word: str, width: int) -> list[str]:
    """A braille word longer than ``width`` cells, in pieces that fit: after a hyphen in it when
    the piece before fits, else at the width less one with a hyphen added, never leaving a prefix
    sign at a line's end."""
    pieces = []
    while len(word) > width:
        cut = word.rfind("-", 0, width) + 1
        if cut <= 1:
            cut = width - 1
            while cut > 1 and word[cut - 1] in PREFIXES:
                cut -= 1
            pieces.append(word[:cut] + "-")
        else:
            pieces.append(word[:cut])
        word = word[cut:]
    return [*pieces, word]


def wrap(text: str, first: int, runover: int, cells: int) -> list[str]:
    """Braille text in lines of at most ``cells``: the first indented ``first`` cells, the rest
    ``runover``; lines break only at spaces (see ``divide`` for a word longer than a line)."""
    lines: list[str] = []
    indent, current = first, ""
    for word in text.split():
        if current and indent + len(current) + 1 + len(word) <= cells:
            current += " " + word
            continue
        if current:
            lines.append(" " * indent + current)
            indent = runover
        *whole, current = divide(word, cells - max(first, runover))
        for piece in whole:
            lines.append(" " * indent + piece)
            indent = runover
    if current:
        lines.append(" " * indent + current)
    return lines


def centred(text: str, cells: int) -> list[str]:
    """Lines centred on the page, each with at least three cells free at either side."""
    width = cells - 6
    return [" " * ((cells - len(line)) // 2) + line for line in wrap(text, 0, 0, width)]


def block_lines(block: Block, braille: str, cells: int) -> tuple[list[str], bool]:
    """A translated block's lines, and whether it wants a blank line before and after it."""
    if block.kind == "heading" and block.level <= 2:
        return centred(braille, cells), True
    if block.kind == "heading":
        return wrap(braille, 4, 4, cells), True
    if block.kind == "item":
        depth = 2 * (block.level - 1)
        return wrap(braille, 2 + depth, 4 + depth, cells), False
    if block.kind == "note":
        return wrap(f"{NOTE_OPEN}{braille}{NOTE_CLOSE}", 6, 4, cells), True
    return wrap(braille, 2, 0, cells), False


def kept_together(blocks: list[Block], laid: list[list[str]]) -> list[int]:
    """How many of each block's lines must fit on the page it starts on: a short item or note
    whole, one line of anything else, and a heading with the blank line and what the next
    block keeps (a heading never ends a page)."""
    keep = [0] * len(blocks)
    for index in reversed(range(len(blocks))):
        block, lines = blocks[index], len(laid[index])
        if block.kind == "heading":
            keep[index] = lines + (1 + keep[index + 1] if index + 1 < len(blocks) else 0)
        elif block.kind in ("item", "note") and lines <= 3:
            keep[index] = lines
        else:
            keep[index] = 1
    return keep


def lay_out(blocks: list[Block], braille: list[str], size: PageSize) -> list[list[str]]:
    """Translated blocks on braille pages: each page a list of lines, the first its number."""
    body = size.lines - 1
    laid = [block_lines(block, text, size.cells) for block, text in zip(blocks, braille, strict=True)]
    keeps = kept_together(blocks, [lines for lines, _ in laid])
    pages: list[list[str]] = []
    page: list[str] = []

    def new_page() -> None:
        nonlocal page
        if page:
            pages.append(page)
        page = []

    def blank() -> None:
        if page and page[-1] and len(page) < body:
            page.append("")

    for (lines, spaced), keep in zip(laid, keeps, strict=True):
        if spaced:
            blank()
        if len(page) + min(keep, body) > body:
            new_page()
        for line in lines:
            if len(page) == body:
                new_page()
            page.append(line)
        if spaced:
            blank()
    new_page()
    numbered = []
    for number, lines in enumerate(pages, 1):
        while lines and not lines[-1]:
            lines.pop()
        label = page_number(number)
        numbered.append([" " * (size.cells - len(label)) + label, *lines])
    return numbered


def brf_text(pages: list[list[str]]) -> str:
    """BRF: lines ending in CR LF (as embossers and braille notetakers expect), pages separated by
    form feeds; only 0x20-0x5F otherwise."""
    text = FORM_FEED.join("".join(line.rstrip() + "\r\n" for line in page) for page in pages)
    stray = {ch for ch in text if ch not in "\r\n\f" and not 0x20 <= ord(ch) <= 0x5F}
    if stray:
        raise RuntimeError(f"liblouis gave characters outside braille ASCII: {sorted(stray)}")
    return text


def to_brf(blocks: list[Block], size: PageSize, language: str = "en") -> tuple[bytes, int]:
    """Blocks of print text in ``language`` -> a BRF file's bytes and its number of braille pages."""
    pages = lay_out(blocks, translate([b.text for b in blocks], language=language), size)
    return brf_text(pages).encode("ascii"), len(pages)


@dataclass
class Table:
    """A table as braille reads it: its header labels, then each row's cells with their labels."""

    s: Strings
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    row: list[str] = field(default_factory=list)
    heading_row: bool = False

    def cell(self, tag: str, text: str) -> None:
        self.row.append(text)
        self.heading_row = self.heading_row or tag == "th"

    def end_row(self) -> None:
        if self.heading_row and not self.rows and not self.headers:
            self.headers = self.row
        else:
            self.rows.append(self.row)
        self.row, self.heading_row = [], False

    def blocks(self) -> list[Block]:
        """An introduction naming the columns, then one item a row, each cell after its label."""
        s = self.s
        rows = s("braille_row") if len(self.rows) == 1 else s("braille_rows", count=len(self.rows))
        if self.headers:
            intro = s("braille_table_columns", rows=rows, columns=", ".join(self.headers))
        else:
            intro = s("braille_table", rows=rows)
        items = []
        for row in self.rows:
            cells = [
                f"{label}: {value}" if label else value
                for label, value in zip([*self.headers, *[""] * len(row)], row, strict=False)
                if value
            ]
            items.append(Block("item", "; ".join(cells) + "."))
        return [Block("paragraph", intro), *items]


class _BodyBlocks(HTMLParser):
    """The blocks of a document's body HTML (as ``markdown.render_body`` writes it)."""

    def __init__(self, s: Strings) -> None:
        super().__init__(convert_charrefs=True)
        self.s = s  # the catalog of the document's language (a table's introduction)
        self.blocks: list[Block] = []
        self.lists: list[int] = []  # the lists open: the last number given (-1: not numbered)
        self.open: tuple[Kind, int] | None = None  # the block being read
        self.text: list[str] = []
        self.links: list[str] = []  # the addresses to say after each open link's words ('' for none)
        self.table: Table | None = None
        self.note_ref = False  # inside a footnote reference, said as "(note 1)"

    def start(self, kind: Kind, level: int) -> None:
        self.end()
        self.open = (kind, level)

    def end(self) -> None:
        text = " ".join("".join(self.text).split())
        if self.open and text:
            self.blocks.append(Block(self.open[0], text, self.open[1]))
        self.open, self.text = None, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "a":
            address = attributes.get("data-address")
            self.links.append(f" ({address})" if address else "")
        elif tag == "sup" and "footnote-ref" in (attributes.get("class") or ""):
            self.text.append(" (note ")
            self.note_ref = True
        if self.table is not None or tag == "table":
            self.table_tag(tag, opening=True)
        elif tag in ("ul", "ol"):
            self.end()
            self.lists.append(int(dict(attrs).get("start") or 1) - 1 if tag == "ol" else -1)
        elif tag == "li" and self.lists:
            self.start("item", len(self.lists))
            if self.lists[-1] >= 0:
                self.lists[-1] += 1
                self.text.append(f"{self.lists[-1]}. ")
        elif re.fullmatch(r"h[1-6]", tag):
            self.start("heading", int(tag[1]))
        elif tag == "p" and not (self.open and self.open[0] == "item"):
            self.start("paragraph", 1)
        elif tag == "img":
            self.text.append(dict(attrs).get("alt") or "")
        elif tag == "br":
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            self.text.append(self.links.pop())
        elif tag == "sup" and self.note_ref:
            self.text.append(")")
            self.note_ref = False
        if self.table is not None:
            self.table_tag(tag, opening=False)
        elif tag in ("ul", "ol") and self.lists:
            self.end()
            self.lists.pop()
        elif tag in ("li", "p", "h1", "h2", "h3", "h4", "h5", "h6") and not (
            tag == "p" and self.open and self.open[0] == "item"
        ):
            self.end()

    def table_tag(self, tag: str, opening: bool) -> None:
        """A table read row by row: each body row becomes one item, "header: value; ..."."""
        if tag == "table" and opening:
            self.end()
            self.table = Table(self.s)
        elif self.table is None:
            return
        elif tag in ("th", "td"):
            if opening:
                self.text = []
            else:
                self.table.cell(tag, " ".join("".join(self.text).split()))
                self.text = []
        elif tag == "tr" and not opening:
            self.table.end_row()
        elif tag == "table" and not opening:
            self.blocks.extend(self.table.blocks())
            self.table, self.text = None, []

    def handle_data(self, data: str) -> None:
        data = data.replace(WORD_JOINER, "")  # before a footnote reference: print's line breaking only
        if self.table is not None:
            self.text.append(data)
            return
        if self.open is None and data.strip():
            self.open = ("paragraph", 1)  # text outside any block (e.g. in a blockquote)
        self.text.append(data)


def body_blocks(body_html: str, s: Strings | None = None) -> list[Block]:
    """Headings, paragraphs and list items (with their depth) of a document's body HTML (a
    table introduced in ``s``'s language, English by default)."""
    parser = _BodyBlocks(s or strings_for((builtin_dir("templates"),), REFERENCE))
    parser.feed(body_html)
    parser.close()
    parser.end()
    return parser.blocks


def document_blocks(
    doc: Document,
    brand: str,
    size: PageSize,
    has_easy_read: bool,
    checked_by: str = "",
    s: Strings | None = None,
) -> list[Block]:
    """What the braille file says, in order: the title, the credit and a transcriber's note, then
    the handout's content (summary, key points, full text, credit, where to get other versions)."""
    s = s or strings_for((builtin_dir("templates"),), doc.language)
    if doc.credit:
        credit = s.credit(doc.charter, doc.appendix, doc.credit, brand)
    else:
        credit = s.series(doc.charter, doc.appendix) or doc.title
    note = s("braille_note", title=doc.title, code=s("braille_code"), cells=size.cells, lines=size.lines)
    blocks = [Block("heading", doc.title), Block("paragraph", credit), Block("note", note)]
    if doc.draft:  # a draft translation says so at the start, as the print versions do
        blocks.insert(1, Block("paragraph", s("draft")))
    if checked_by:
        blocks.append(Block("paragraph", checked_by))
    if doc.summary:
        blocks.append(Block("paragraph", doc.summary))
    if doc.key_points:
        blocks += [Block("heading", s("key_points"), 2), *(Block("item", point) for point in doc.key_points)]
    blocks += body_blocks(doc.body_html, s)
    blocks.append(Block("paragraph", credit))  # and again where the print versions end
    if checked_by:
        blocks.append(Block("paragraph", checked_by))
    if has_easy_read:
        blocks.append(Block("paragraph", s("easy_read_available", org=brand)))
    versions = s("versions_available", versions=s("versions_braille"), org=brand)
    blocks.append(Block("paragraph", versions))
    if doc.url:
        blocks.append(Block("paragraph", f"{s('read_full_charter')} {doc.url}"))
    return blocks


@functools.cache
def liblouis_version() -> str:
    """The installed liblouis ('3.24.0'), for cache keys and manifests; 'none' when missing."""
    command = shutil.which("lou_translate")
    if command is None:
        return "none"
    result = subprocess.run([command, "--version"], capture_output=True, encoding="utf-8", check=False)
    match = re.search(r"\d+(?:\.\d+)+", result.stdout)
    return match.group(0) if match else "unknown"


def tool_versions() -> dict[str, str]:
    """The version of liblouis, which translates the braille (every file's key holds it)."""
    return {"liblouis": liblouis_version()}


def render_brf(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """The renderer of braille formats (see ``generator.renderers``): one document's BRF file."""
    from generator.renderers import Rendered

    doc = inputs.document(item.doc_id, item.language)
    size = PageSize(options.braille_cells, options.braille_lines)
    has_easy_read = inputs.has_easy_read(item)
    checked_by = inputs.checked_by(item)
    s = strings_for(inputs.project.template_dirs, doc.language)
    blocks = document_blocks(doc, inputs.brand(item.brand).name, size, has_easy_read, checked_by, s)
    if not available():
        raise CharterError(MISSING + ".")
    try:
        data, pages = to_brf(blocks, size, doc.language)
    except CharterError as error:
        raise CharterError(f"{display_path(doc.source)}: {error}") from None
    return Rendered(data, pages)
