"""The output formats, their paper sizes and page options.

A format declares everything about itself in its one ``Format`` entry: what it is made from (full
or easy-read text), its template and stylesheets, its file suffix and papers, the renderer that
makes it (``"module:function"``, imported when first used), the tools whose versions key its
files, and how packs, web pages' lists of versions and the preview treat it. Nothing outside
this module asks which format or kind of file an item is: it reads the format's declaration.

Adding a format is a renderer (``generator.renderers``), its templates, and one ``register``
call (a line in ``FORMATS`` for a shipped one; a plugin or test registers its own at run time).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from generator.errors import CharterError

# How the preview shows a file: a web page in a frame, a PDF as page images, braille as text;
# "" for a file the preview does not make (e-books, Word, audio).
Preview = Literal["web", "images", "text", ""]


@dataclass(frozen=True)
class TypeScale:
    """A poster's key point size on a paper: designed (start) and legible minimum (floor), in pt.
    The rest of a poster's type scale is set in em of it (css/poster.css)."""

    start_pt: float
    floor_pt: float


@dataclass(frozen=True)
class Paper:
    """A paper size (portrait, in mm) and what is designed for it."""

    name: str
    width_mm: float
    height_mm: float
    unit_mm: float = 1.0  # poster geometry (margins, logo, QR code): 1 unit is 1 mm on A4
    poster: TypeScale | None = None  # key point sizes, for papers posters are made on
    easy_read_poster: TypeScale | None = None
    documents: bool = False  # handouts and easy reads are offered on it
    compact: bool = False  # a small page: handouts and easy reads use their compact design

    def __str__(self) -> str:
        return self.name

    @property
    def design(self) -> str:
        """The page design documents use on it, as stylesheets name it: ``@page handout-compact``
        (every compact paper, both orientations) or ``handout-regular-landscape``."""
        return "compact" if self.compact else "regular"

    def scale(self, easy_read: bool) -> TypeScale:
        """The poster type scale (easy-read posters have larger floors)."""
        scale = self.easy_read_poster if easy_read else self.poster
        if scale is None:
            raise ValueError(f"no poster is designed for {self.name}")
        return scale


PAPERS: dict[str, Paper] = {
    p.name: p
    for p in (
        Paper("A5", 148, 210, documents=True, compact=True),
        Paper("A4", 210, 297, 1.0, TypeScale(26, 18), TypeScale(26, 20), documents=True),
        Paper("A3", 297, 420, math.sqrt(2), TypeScale(36, 24), TypeScale(36, 28)),
        Paper("A2", 420, 594, 2.0, TypeScale(50, 32), TypeScale(50, 40)),
        Paper("letter", 215.9, 279.4, documents=True),
    )
}
"""Every paper, in the order formats offer them. A paper is one entry: the formats it is for
take it from here (see ``Format.papers``) and the stylesheets' page rules name designs, not
papers (see ``page_groups``)."""

PaperSet = Literal["documents", "posters"]


def papers_for(kind: PaperSet) -> tuple[str, ...]:
    """The papers, in table order, that handouts and easy reads ("documents") or posters are
    offered on."""
    if kind == "documents":
        return tuple(p.name for p in PAPERS.values() if p.documents)
    return tuple(p.name for p in PAPERS.values() if p.poster is not None)


# How a list of the other versions names a PDF (English; see generator/strings.py).
PDF_VERSION = "{label}, PDF, {page} paper"


@dataclass(frozen=True)
class Format:
    """One kind of output, declared whole: its text, template and stylesheets, papers, file
    suffix, renderer, the tools that key its files, and its place in packs, version lists and the
    preview. The defaults describe a PDF."""

    name: str
    description: str
    paper_names: tuple[str, ...] | PaperSet  # none for a web page or braille, which have no paper
    default_paper: str = "A4"
    easy_read: bool = False  # built from the easy-read version of a document (its cache key reads it)
    poster: bool = False  # one page, its type fitted to the paper (generator/poster.py)
    shares: tuple[str, ...] = ()  # formats whose stylesheets this one builds on
    large_print: bool = False  # every character at the run's --large-print-size or larger
    # Its pictures, footer and bottom margin grow with --easy-read-size (Section.easy_read_sizes):
    # easy read on pages (a poster's type is fitted to its paper instead).
    grows_with_text: bool = False
    landscape: bool = True  # may be made in landscape (--landscape); else portrait only
    suffix: str = ".pdf"
    renderer: str = "generator.pdf:render_pdf"  # "module:function" (see generator.renderers)
    # "module:function" giving the message saying what to install, or None when its tools are
    # there: a build of every format leaves it out, with that warning, where they are missing.
    requires: str = ""
    # "module:function" giving {tool: version} of the programs that make it (liblouis, espeak-ng):
    # every file's key holds them (generator.cache.tool_versions).
    tools: str = ""
    # How a list of the other versions names a file of this format: fields {label} ('Easy read
    # poster') and {page} ('A3 landscape').
    version: str = PDF_VERSION
    lists_versions: bool = False  # says which other versions were made beside it (needs the run)
    listed_first: bool = False  # named before the other versions in such a list (web pages)
    combined: bool = True  # in an organisation's combined pack PDF (PDF formats)
    bilingual: bool = False  # made as a bilingual edition (--bilingual, generator.bilingual)
    # Its bilingual edition is a file in each language, linking to each other (web pages:
    # appendix-a.cy+en-html.html and appendix-a.cy+en-html.en.html); others are one file.
    page_per_language: bool = False
    cost: int = 2  # rough rendering cost, for scheduling a pack's work (a PDF is laid out, maybe fitted)
    preview: Preview = "images"
    # The field of a language's row (generator.languages.Language) saying how each language is
    # made in this format ("braille_code"), listed under it by ``charter list``; "" for none.
    by_language: str = ""

    @property
    def papers(self) -> tuple[str, ...]:
        """The papers it is offered on: its own list, or every paper of the table for documents
        (handouts, easy reads) or posters."""
        if isinstance(self.paper_names, str):
            return papers_for(self.paper_names)
        return self.paper_names

    @property
    def plain_face(self) -> bool:
        """Set in the brand's plain sans serif families (``Brand.plain_body_family``), never its
        serif: easy read and large print."""
        return self.easy_read or self.large_print

    @property
    def label(self) -> str:
        """The format's name as a reader would say it: 'Easy read poster'."""
        return self.name.replace("-", " ").capitalize()

    @property
    def template(self) -> str:
        return f"{self.name}.html.j2"

    @property
    def stylesheet(self) -> str:
        return f"css/{self.name}.css"

    @property
    def stylesheets(self) -> tuple[str, ...]:
        """The stylesheets of the formats it shares, then its own."""
        return (*(f"css/{name}.css" for name in self.shares), self.stylesheet)

    def version_label(self, page: PageOptions) -> str:
        """How an English list of versions names a file of this format on ``page``: 'Easy read
        web page', 'Handout, PDF, A4 landscape paper' (other languages:
        ``generator.strings.Strings.version_label``)."""
        return self.version.format(label=self.label, page=page.text)


# What web pages, the files made without WeasyPrint and audio declare alike.
WEB_PAGE: dict[str, Any] = {
    "combined": False,
    "cost": 1,
    "preview": "web",
    "listed_first": True,
    "bilingual": True,
    "page_per_language": True,
}
NOT_PREVIEWED: dict[str, Any] = {"combined": False, "cost": 1, "preview": ""}
AUDIO: dict[str, Any] = {
    **NOT_PREVIEWED,
    "suffix": ".mp3",
    "renderer": "generator.audio:render_mp3",
    "requires": "generator.audio:missing",
    "tools": "generator.audio:tool_versions",
}

FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("handout", "the full text as a branded handout", "documents", bilingual=True),
        Format(
            "easy-read",
            "pictures beside short sentences, 16 pt and up",
            "documents",
            easy_read=True,
            grows_with_text=True,
            bilingual=True,
        ),
        Format(
            "large-print",
            "the handout's text reflowed in large print, 16-24 pt, one column",
            ("A4",),
            large_print=True,
            landscape=False,
            bilingual=True,
        ),
        Format(
            "poster",
            "one page: the key points, a QR code to the full charter",
            "posters",
            default_paper="A3",
            poster=True,
            bilingual=True,
        ),
        Format(
            "easy-read-poster",
            "one page: the easy-read key points with their pictures, a QR code",
            "posters",
            default_paper="A3",
            easy_read=True,
            poster=True,
            shares=("poster",),
            bilingual=True,
        ),
        Format(
            "html",
            "the full text as one self-contained web page",
            (),
            shares=("web",),
            suffix=".html",
            renderer="generator.web:render_html",
            version="Full text web page",
            lists_versions=True,
            **WEB_PAGE,
        ),
        Format(
            "easy-read-html",
            "the easy-read version as one self-contained web page",
            (),
            easy_read=True,
            shares=("web",),
            suffix=".html",
            renderer="generator.web:render_html",
            version="Easy read web page",
            lists_versions=True,
            **WEB_PAGE,
        ),
        Format(
            "braille",
            "the full text in braille, a BRF file for embossers and displays, in each language's code:",
            (),
            suffix=".brf",
            renderer="generator.braille:render_brf",
            requires="generator.braille:missing",
            tools="generator.braille:tool_versions",
            version="Braille, BRF file (Unified English Braille, grade 2)",
            combined=False,
            cost=1,
            preview="text",
            by_language="braille_code",
        ),
        Format(
            "epub",
            "the full text as an accessible EPUB 3 e-book",
            (),
            suffix=".epub",
            renderer="generator.epub:render_epub",
            version="E-book, EPUB 3",
            lists_versions=True,
            **NOT_PREVIEWED,
        ),
        Format(
            "docx",
            "the full text as a Word document people can edit",
            (),
            suffix=".docx",
            renderer="generator.word:render_docx",
            version="Word document, DOCX",
            lists_versions=True,
            **NOT_PREVIEWED,
        ),
        Format(
            "audio",
            "the full text read aloud, an MP3 with a chapter for each section",
            (),
            version="Audio, MP3",
            lists_versions=True,
            **AUDIO,
        ),
        Format(
            "easy-read-audio",
            "the easy-read version read aloud, pictures described, an MP3 with chapters",
            (),
            easy_read=True,
            version="Easy read audio, MP3",
            lists_versions=True,
            **AUDIO,
        ),
    )
}


@dataclass(frozen=True)
class PageOptions:
    """How one item is laid out on paper."""

    paper: Paper = PAPERS["A4"]
    landscape: bool = False
    print_marks: bool = False

    @property
    def size_mm(self) -> tuple[float, float]:
        width, height = self.paper.width_mm, self.paper.height_mm
        return (height, width) if self.landscape else (width, height)

    @property
    def css_size(self) -> str:
        width, height = self.size_mm
        return f"{width:g}mm {height:g}mm"

    @property
    def orientation(self) -> str:
        return "landscape" if self.landscape else "portrait"

    @property
    def text(self) -> str:
        """As a reader writes it: 'A4', 'A3 landscape'."""
        return f"{self.paper} landscape" if self.landscape else str(self.paper)

    def as_dict(self) -> dict[str, Any]:
        """For cache keys and manifest.json."""
        return {"paper": self.paper.name, "landscape": self.landscape, "print_marks": self.print_marks}


def page_name(fmt: Format, page: PageOptions) -> str:
    """The CSS named page of a format on a paper: 'handout-a5-portrait'."""
    return f"{fmt.name}-{page.paper.name}-{page.orientation}".lower()


def page_groups() -> dict[str, tuple[str, ...]]:
    """The names a stylesheet's ``@page`` rule may use, each with the named pages it stands for:
    a format ('handout': every paper and orientation), a format on a paper ('handout-a5'), a
    format on the papers of a design ('handout-compact', 'handout-regular'), and a design in one
    orientation ('handout-regular-landscape'). A paper added to the table takes its design's rules."""
    groups: dict[str, tuple[str, ...]] = {}
    for fmt in FORMATS.values():
        by_design: dict[str, list[str]] = {}
        for paper in fmt.papers:
            pages = [PageOptions(PAPERS[paper], landscape) for landscape in (False, True)]
            groups[f"{fmt.name}-{paper}".lower()] = tuple(page_name(fmt, page) for page in pages)
            for page in pages:
                design = f"{fmt.name}-{page.paper.design}"
                by_design.setdefault(design, []).append(page_name(fmt, page))
                by_design.setdefault(f"{design}-{page.orientation}", []).append(page_name(fmt, page))
        groups.update((name, tuple(pages)) for name, pages in by_design.items())
        groups[fmt.name] = tuple(
            name for paper in fmt.papers for name in groups[f"{fmt.name}-{paper}".lower()]
        )
    return groups


def register(fmt: Format) -> Format:
    """Add a format to the registry (a plugin's or a test's, at run time): from then on ``charter
    build --format`` and packs offer it like a shipped one. Its name must be new."""
    if fmt.name in FORMATS or fmt.name != fmt.name.lower():
        raise ValueError(f"a format is already named '{fmt.name}', or the name is not lower case")
    FORMATS[fmt.name] = fmt
    return fmt


def resolve(spec: str) -> Any:
    """What a format's ``"module:function"`` names (its renderer, tools), imported now."""
    import importlib

    module, name = spec.split(":")
    return getattr(importlib.import_module(module), name)


def missing_tools(fmt: Format) -> str | None:
    """What to install to make ``fmt`` (its ``requires``), or None when nothing is missing."""
    message: str | None = resolve(fmt.requires)() if fmt.requires else None
    return message


def get_format(name: str) -> Format:
    """The format a name gives, in any case (``Handout``, ``EASY-READ``)."""
    key = name.strip().lower()
    if key not in FORMATS:
        raise CharterError(f"unknown format '{name}'. Valid formats: {', '.join(FORMATS)}.")
    return FORMATS[key]


def find_paper(fmt: Format, name: str) -> Paper | None:
    """The paper ``name`` (any case) when the format offers it."""
    return next((PAPERS[p] for p in fmt.papers if p.lower() == name.lower()), None)


def paper_for(fmt: Format, paper: str | None) -> Paper:
    """The paper to use for a format: the one asked for, when the format allows it. A format
    with no paper (a web page, braille) ignores ``paper``."""
    if paper is None or not fmt.papers:
        return PAPERS[fmt.default_paper]
    allowed = find_paper(fmt, paper)
    if allowed is None:
        raise CharterError(
            f"--paper {paper} is not available for the {fmt.name} format. "
            f"Use one of: {', '.join(fmt.papers)}."
        )
    return allowed


def paper_in_run(fmt: Format, paper: str | None, run: Iterable[Format]) -> tuple[Paper, str | None]:
    """The paper for a format in a run of several, and a warning when it is not the one asked for.

    A format takes ``--paper`` when it allows it. One that does not keeps its own default
    paper, with a warning, as long as another format of the run allows it (``--paper A3``
    with every format: A3 posters, A4 handouts); when none does, that is an error.
    """
    if paper is None or not fmt.papers or find_paper(fmt, paper):
        return paper_for(fmt, paper), None
    if not any(find_paper(other, paper) for other in run):
        return paper_for(fmt, paper), None
    return PAPERS[fmt.default_paper], (
        f"--paper {paper} is not available for the {fmt.name} format, so it is made on "
        f"{fmt.default_paper} (its papers: {', '.join(fmt.papers)})."
    )
