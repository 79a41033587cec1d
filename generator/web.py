"""The web version: one document in one brand as a single self-contained, accessible HTML page.

Made from the same loaded content, brand and Jinja environment as the PDFs: ``web.html.j2`` is
the page shell (skip link, landmarks, styles) and each web format has its fragment
(``html.html.j2``, ``easy-read-html.html.j2``). Everything the page needs is inside it: the
stylesheets inline, the brand's upright fonts subset to the characters the page uses and embedded
as WOFF2 ``data:`` URIs, pictures and the logo as ``data:`` URIs. The page links, by relative
address, to the other versions of the same document and brand made in the same run.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html.parser
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from markupsafe import Markup, escape

from generator.bidi import isolate_runs
from generator.compose import environment, find_template_file
from generator.css import decode_css
from generator.errors import CharterError
from generator.formats import get_format
from generator.latinwords import mark_latin_words
from generator.memo import Bounded, file_key
from generator.renderers import Rendered
from generator.run import Inputs, Item, Options
from generator.scripts import Setting
from generator.sections import item_section
from generator.strings import Strings, strings_for
from generator.typeset import keep_hyphenated
from generator.woff2 import encode_woff2

if TYPE_CHECKING:
    from generator.brand import Brand
    from generator.project import Project

_FILE_SRC = re.compile(r'\bsrc="(file://[^"]*)"')
# Attributes whose URL a browser loads by itself (pictures, media, frames, scripts), by tag.
_LOADING = {"src", "srcset", "poster", "data", "background", "action", "formaction"}
# In CSS: what loads something (escapes such as @im\70 ort decoded first).
_CSS_LOADS = re.compile(r"""url\(\s*["']?+(?!data:)([^"')\s]+)|@import\s*(?!url\()["']?+([^"';\s]+)""", re.I)
_LOCAL = re.compile(r"^(?:data:|#|$)", re.I)
_STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)
# Characters drawn by the stylesheets rather than the text (list bullets).
STYLE_CHARACTERS = "\u2022"


def render_html(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """One item's web page (the renderer of ``html`` formats); a bilingual edition's two pages."""
    if "+" in item.language:
        return bilingual_pages(inputs, item, options)
    return Rendered(page_of(inputs, item, options))


@dataclass(frozen=True)
class Alternate:
    """The same page in the other language of a bilingual edition: where it is, its language and
    that language's name in itself (the link's words)."""

    href: str
    language: str
    name: str


def page_of(
    inputs: Inputs,
    item: Item,
    options: Options,
    edition: Item | None = None,
    alternate: Alternate | None = None,
    second: str = "",
) -> bytes:
    """An item's web page; one half of a bilingual ``edition``, linking to the ``alternate`` half
    and to the edition's other files (its other web page in the same language: ``second``, the
    second language's tag, for that language's half)."""
    section = item_section(inputs, item, options)
    doc, brand, fmt = section.doc, section.brand, section.fmt
    s = strings_for(inputs.project.template_dirs, doc.language)
    listed = [
        (s.version_label(get_format(i.fmt), i.page), in_language(i, second))
        for i in other_versions(edition or item, inputs.run)
    ]
    context = {"doc": doc, "section": section, "fmt": fmt, "versions": listed, "alternate": alternate}
    title = s("title_easy_read", title=doc.title) if fmt.easy_read else doc.title
    title = f"{title}: {brand.name}"
    page = WebPage(
        title,
        doc.language,
        fmt.name,
        fmt.stylesheets,
        doc.date,
        section.checked_by,
        section.setting,
        fmt.plain_face,
    )
    return web_page(inputs.project, brand, page, fmt.template, context)


def bilingual_pages(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """A bilingual edition's web page as two pages, each in one language and linking to the other:
    the first language's is the edition's file (``appendix-a.cy+en-html.html``), the second's is
    beside it (``appendix-a.cy+en-html.en.html``)."""
    from dataclasses import replace

    from generator.bilingual import versions_of
    from generator.content import find_document
    from generator.languages import language

    tags = item.language.split("+")
    versions_made = versions_of(find_document(item.doc_id, inputs.project), item.language)
    names = [item.file_name, in_language(item, tags[1])]
    pages = []
    for own, other in ((0, 1), (1, 0)):
        alternate = Alternate(names[other], tags[other], language(tags[other]).own_name or tags[other])
        half = replace(item, language=versions_made[own])
        pages.append(page_of(inputs, half, options, item, alternate, tags[1] if own else ""))
    return Rendered(pages[0], companions=((names[1], pages[1]),))


def in_language(item: Item, tag: str) -> str:
    """The file name of a bilingual edition's page in its second language ``tag`` (``.en.html``),
    for a format whose edition is a page in each language (``Format.page_per_language``); any
    other item's, or with no tag, its own."""
    fmt = get_format(item.fmt)
    if tag and fmt.page_per_language:
        return f"{item.file_name.removesuffix(fmt.suffix)}.{tag}{fmt.suffix}"
    return item.file_name


@dataclass(frozen=True)
class WebPage:
    """What the shell (web.html.j2) makes of a page: its title, language, class, styles and date."""

    title: str
    language: str
    body_class: str  # the body's class: its format's name, which its stylesheets select
    stylesheets: tuple[str, ...]  # under templates/, written inline in this order
    date: str | None = None
    description: str = ""  # the 'Checked by' line of a signed-off document
    setting: Setting = field(default_factory=Setting)  # the face and line height of its script
    plain: bool = False  # set in the brand's plain sans serif families (Format.plain_face)


def web_page(project: Project, brand: Brand, page: WebPage, template: str, context: dict[str, Any]) -> bytes:
    """A self-contained page: ``template`` rendered into the shell, with its stylesheets inline,
    pictures as data: URIs and the brand's upright faces (and its script's Noto faces, where the
    brand's cannot draw its text) subset and embedded."""
    from generator.render import allowed_roots, remote_resource

    env = web_environment(project.template_dirs)
    context = {**context, "brand": brand, "theme": brand.theme, "page": page}
    # Left-to-right runs isolated, then English words marked, in the order a PDF's HTML has them.
    body = env.get_template(template).render(**context)
    body = str(isolate_runs(body, strings_for(project.template_dirs, page.language).direction))
    body = mark_latin_words(body, page.language)
    roots = allowed_roots(*project.template_dirs, project.content_dir, brand.folder)
    body = _FILE_SRC.sub(lambda m: f'src="{data_uri(m.group(1), roots)}"', body)
    styles = [find_template_file(project, name).read_text("utf-8") for name in page.stylesheets]
    characters = "".join(sorted(set(visible_text(body)) | set(page.title) | set(STYLE_CHARACTERS)))
    # Upright faces only: the page sets no italics (clear print: bold for emphasis).
    faces = [face for face in (*brand.faces, *page.setting.faces) if face.style == "normal"]
    fonts = Markup("\n").join(face.css(font_data_uri(face.path, characters)) for face in faces)
    html = str(
        env.get_template("web.html.j2").render(**context, fonts=fonts, styles=styles, body=Markup(body))
    )
    found = _PageParser.read(html)
    if found.loads:  # a user's template or stylesheet asks for something outside the page
        raise remote_resource(found.loads[0])
    return with_policy(html, found).encode("utf-8")


def css_loads(css: str) -> list[str]:
    """What a piece of CSS would fetch (a ``url()`` other than ``data:``, an ``@import``)."""
    return [m.group(1) or m.group(2) for m in _CSS_LOADS.finditer(decode_css(css))]


class _PageParser(html.parser.HTMLParser):
    """A page's markup read as a browser reads it: what it would load (attributes and CSS, never
    prose), and its inline styles (for the Content-Security-Policy)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []
        self.style_attributes: list[str] = []
        self._in_style = False

    @classmethod
    def read(cls, markup: str) -> _PageParser:
        parser = cls()
        parser.feed(markup)
        parser.close()
        for style in _STYLE_ELEMENT.findall(markup):
            parser.loads += css_loads(style)
        return parser

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = (value or "").strip()
            if name == "style":
                self.style_attributes.append(value)
                self.loads += css_loads(value)
            elif (name in _LOADING or (tag == "link" and name == "href")) and not _LOCAL.match(value):
                self.loads.append(value)


def with_policy(page: str, found: _PageParser) -> str:
    """The page with a Content-Security-Policy that lets it load nothing at all: its own style
    element and style attributes (by hash), fonts and pictures from its data: URIs, no script,
    no base URL, no form target."""

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    styles = [sha(s) for s in _STYLE_ELEMENT.findall(page)]
    attributes = sorted({sha(s) for s in found.style_attributes})
    style_src = " ".join([*styles, *(["'unsafe-hashes'", *attributes] if attributes else [])])
    policy = (
        f"default-src 'none'; style-src {style_src}; font-src data:; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return page.replace('<meta charset="utf-8">', f'<meta charset="utf-8">\n{meta}', 1)


@functools.lru_cache(maxsize=8)
def web_environment(template_dirs: tuple[Path, ...]) -> Any:
    """The PDFs' Jinja environment without print typesetting: a web page reflows to any width
    (at 320 px a title's last two words kept together are wider than the screen, and the
    browser cuts a word), so the filters that keep a line's last words together leave the text
    as it is; a hyphenated word still stays whole."""
    env = environment(template_dirs).overlay()
    env.filters = {
        **env.filters,
        **dict.fromkeys(("keep_last_words", "running_words"), escape),  # Markup as it is
        "keep_words": keep_hyphenated,
        "keep_heading_words": lambda html: Markup(str(html)),
    }
    return env


def other_versions(item: Item, run: tuple[Item, ...]) -> list[Item]:
    """The other items of the same document and brand in the run: the other reading level's web
    page first (``Format.listed_first``), then the PDFs."""
    others = [
        i
        for i in run
        if (i.doc_id, i.language, i.brand) == (item.doc_id, item.language, item.brand) and i.fmt != item.fmt
    ]
    return sorted(others, key=lambda i: not get_format(i.fmt).listed_first)


def versions(item: Item, run: tuple[Item, ...], s: Strings) -> list[tuple[str, str]]:
    """(label, relative address) of the other files of the same document and brand in the run
    (``other_versions``), labelled in ``s``'s language."""
    return [(s.version_label(get_format(i.fmt), i.page), i.file_name) for i in other_versions(item, run)]


class _TextParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(markup: str) -> str:
    """The text of an HTML fragment, entities decoded (what the page's fonts must draw)."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def data_uri(url: str, roots: tuple[Path, ...]) -> str:
    """A local picture (``file:`` URL under the allowed folders) as a ``data:`` URI."""
    path = Path(unquote(urlsplit(url).path)).resolve()
    if not any(path.is_relative_to(root.resolve()) for root in roots):
        raise CharterError(f"'{path}' is outside the project and brand folders.")
    from generator.pictures import is_svg

    data = path.read_bytes()
    mime = "image/svg+xml" if is_svg(data) else mimetypes.guess_type(path.name)[0]  # by content first
    if mime is None or not mime.startswith("image/"):
        raise CharterError(f"'{path.name}' is not a picture a web page can show (SVG, PNG, JPEG, GIF, WebP).")
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def font_data_uri(path: Path, characters: str) -> str:
    """A font file subset to ``characters`` as a WOFF2 data URI (see ``font_woff2``)."""
    return f"data:font/woff2;base64,{base64.b64encode(font_woff2(path, characters)).decode('ascii')}"


def font_woff2(path: Path, characters: str) -> bytes:
    """A font file subset to ``characters`` (keeping every layout feature, so the subset shapes the
    text as the whole font does), as WOFF2, kept by the file's content and the characters.

    HarfBuzz's subsetter (uharfbuzz) makes the subset: fontTools' took 4-10 s of CPU for Noto
    Nastaliq Urdu's contextual forms, for each of an Urdu page's or e-book's two faces; HarfBuzz
    takes hundredths of a second, and ``encode_woff2`` writes it (at a lower Brotli quality for a
    face as large as Nastaliq's). The same file and characters give the same bytes.
    """
    return _WOFF2.get((file_key(path), characters), lambda: _subset_woff2(path, characters))


_WOFF2: Bounded[bytes] = Bounded(32)


def _subset_woff2(path: Path, characters: str) -> bytes:
    import uharfbuzz

    wanted = uharfbuzz.SubsetInput()
    wanted.unicode_set.update(map(ord, characters))
    features = wanted.layout_feature_tag_set  # HarfBuzz keeps a default list: keep them all
    features.clear()
    features.invert()
    return encode_woff2(uharfbuzz.subset(uharfbuzz.Face(path.read_bytes()), wanted).blob.data)
