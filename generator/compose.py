"""Compose: charter content + brand -> one HTML document, through Jinja templates.

One environment, one base template; each format is a fragment included once per section,
so a standalone handout and a combined workshop pack come from the same templates. Content
reaches templates as data (already-escaped HTML or plain text), never as template source.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.bidi import isolate_runs
from generator.brand import MEASURE_CHARS, Brand
from generator.content import Document
from generator.css import RTL_PAGE, TWO_PHRASE_PAGE, css_string
from generator.easyread import EasyReadDocument
from generator.fonts import FontFace
from generator.formats import Format, PageOptions, page_name
from generator.latinwords import mark_latin_words
from generator.poster import PosterLayout
from generator.project import Project
from generator.scripts import Setting
from generator.strings import jinja_globals, strings_for
from generator.typeset import (
    fit_tables,
    halves,
    keep_heading_words,
    keep_last_words,
    keep_words,
    running_words,
)
from generator.usercache import cache_folder

MM_PER_PT = 25.4 / 72
# Easy read: the gap between a picture and its words (css/easy-read.css), and the characters a line
# (of the face's average width) the words keep beside a grown picture: what 28 mm pictures left
# them on A5 at 28 pt, so a picture grows only where the page has room for it.
EASY_READ_PICTURE_GAP_MM = 8.0
EASY_READ_WORDS_CHARS = 20


@dataclass(frozen=True)
class Section:
    """One document in one format, and what its template shows beside the document."""

    fmt: Format
    brand: Brand
    page: PageOptions
    doc: Document | EasyReadDocument
    footer_credit: str = ""  # the credit line under the organisation's name on every page
    credit: str = ""  # who wrote the charter (the full document's ``credit``; the source's marked so)
    charter: str = ""  # the charter's name (the full document's ``charter``; the source's marked so)
    org: str = ""  # the brand's short name, marked with its language where the document's differs
    org_name: str = ""  # the brand's full name, marked likewise
    has_easy_read: bool = False  # the full document has an easy-read version (a handout says so)
    full_title: str = ""  # easy read: the title of the full version
    full_in_english: bool = False  # easy read translated alone: its only full version is the English
    picture_credit: str = ""  # easy read: the pictograms' credit and licence
    text_pt: float = 16.0  # easy read and large print: body text size
    about_flows: bool = False  # easy read: "About this document" is taller than a page (it may split)
    other_versions: str = ""  # the print versions a reader can ask for besides this one
    poster: PosterLayout | None = None  # posters: the fitted type scale and the link
    checked_by: str = ""  # 'Checked by <group> on <date>.' while the document's sign-off holds
    setting: Setting = field(
        default_factory=Setting
    )  # the face and line height its language's script is set in
    direction: str = "ltr"  # the document's writing direction (its language's catalog): ltr or rtl
    second_direction: str = ""  # a bilingual edition's: its second language's writing direction

    @property
    def two_directions(self) -> bool:
        """A bilingual edition of two writing directions (Urdu and English)."""
        return bool(self.second_direction) and self.second_direction != self.direction

    @property
    def easy_read_sizes(self) -> tuple[float, float, float]:
        """Easy read's furniture, grown with its text (16 pt and up): the pictures' side (mm, 28 at
        16 pt, by the square root of the size: 37 at 28 pt, as far as the words beside them keep
        EASY_READ_WORDS_CHARS a line: on A5 34.5 at 24 pt, 29.5 at 28; 28 on A5 landscape), the
        footer's size (6 pt under the text, 16 at least) and the page's bottom margin that footer
        needs (mm: the organisation's name wrapped at the footer's width, 10 mm from the edge)."""
        text_pt = max(16.0, self.text_pt)
        width_mm, _ = self.page.size_mm
        compact = self.page.paper.compact
        column_mm = width_mm - 2 * (12 if compact else 18)  # css/easy-read.css: the page's margins
        grown = round(28 * math.sqrt(text_pt / 16) * 2) / 2
        advance_mm = (self.brand.char_em or 0.5) * text_pt * MM_PER_PT
        widest = column_mm - EASY_READ_PICTURE_GAP_MM - EASY_READ_WORDS_CHARS * advance_mm
        picture_mm = max(28.0, min(grown, math.floor(widest * 2) / 2))
        if compact and self.page.landscape:
            # 148 mm tall: a larger picture narrowed the words, so that at 28 pt a point grew a
            # line and no longer shared the page with its heading.
            picture_mm = 28.0
        footer_pt = max(16.0, text_pt - 6)
        footer_mm = column_mm * (0.8 if compact and self.page.landscape else 0.62)
        per_line = max(1, int(footer_mm / ((self.brand.char_em or 0.5) * footer_pt * MM_PER_PT) * 0.85))
        lines = math.ceil(len(self.brand.footer_name) / per_line)
        base_mm = 25 if compact and self.page.landscape else 30
        margin_mm = max(base_mm, 10 + lines * footer_pt * 1.3 * MM_PER_PT + 3)
        return picture_mm, footer_pt, round(margin_mm, 1)

    @property
    def table_fit(self) -> tuple[float, float]:
        """The characters of its body face a line of a handout's text holds, and the text's size,
        for ``typeset.fit_tables`` (the margins, columns and sizes of css/handout.css, and the
        measure, ``MEASURE_CHARS``); (0, 0) where tables are not fitted: large print stacks every
        wide table, and a web page or e-book scrolls one sideways."""
        if self.fmt.large_print or not self.fmt.papers:
            return (0.0, 0.0)
        compact, landscape = self.page.paper.compact, self.page.landscape
        text_pt = 12.0 if compact else 14.0
        width_mm = self.page.size_mm[0] - 2 * (
            (40 if compact else 20) if landscape else (14 if compact else 25)
        )
        if landscape:
            width_mm = (width_mm - 12) / 2  # two columns, 12 mm apart
        chars = width_mm / (text_pt * MM_PER_PT * (self.brand.char_em or 0.5))
        return (round(chars if landscape else min(chars, MEASURE_CHARS), 1), text_pt)

    @property
    def page_name(self) -> str:
        """A CSS named page for this section's format and paper; a right-to-left document's
        mirrors the page-margin boxes (``css.mirrored_page_rules``); an edition of two directions
        says its page number in two phrases (``css.two_phrase_page_rules``)."""
        name = page_name(self.fmt, self.page) + (RTL_PAGE if self.direction == "rtl" else "")
        return name + (TWO_PHRASE_PAGE if self.two_directions else "")


@dataclass(frozen=True)
class Composition:
    """Everything one PDF is composed from: its sections, its metadata and any front matter."""

    sections: tuple[Section, ...]
    title: str
    language: str
    brand: Brand
    date: str | None = None
    front: tuple[str, ...] = ()  # templates before the sections (a pack's cover and contents)
    styles: tuple[str, ...] = ()  # the stylesheets of the front templates
    context: Mapping[str, Any] = field(default_factory=dict)  # what the front templates read
    description: str = ""  # the PDF's Subject (and XMP dc:description): the 'Checked by' line
    # How text the front templates show besides the sections' is set (a pack's contents list
    # each document's title in its own script).
    front_settings: tuple[Setting, ...] = ()

    @property
    def faces(self) -> tuple[FontFace, ...]:
        """Every face its @font-face rules name: the brand's, then each section's script face."""
        return tuple(dict.fromkeys([*self.brand.faces, *(f for s in self._settings for f in s.faces)]))

    @property
    def _settings(self) -> tuple[Setting, ...]:
        return (*(s.setting for s in self.sections), *self.front_settings)

    @property
    def setting(self) -> Setting:
        """The setting every section shares (the running footers are set in it), else the brand's."""
        settings = {s.setting for s in self.sections}
        return settings.pop() if len(settings) == 1 else Setting()

    @property
    def fallback_families(self) -> tuple[str, ...]:
        """The sections' script faces after the brand's in the page's font stack: in a pack
        mixing languages, a footer's Urdu letters are drawn by Noto Nastaliq Urdu."""
        return tuple(dict.fromkeys(s.family for s in self._settings if s.family))

    @classmethod
    def single(cls, section: Section) -> Composition:
        """One document on its own, titled as the document."""
        doc = section.doc
        language = doc.language.partition("+")[0]  # a bilingual edition's first language
        return cls((section,), doc.title, language, section.brand, doc.date, description=section.checked_by)


@functools.lru_cache(maxsize=8)
def environment(template_dirs: tuple[Path, ...]) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=_LimitedLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_compiled_templates(),
    )
    env.filters["css_string"] = css_string
    env.filters["isolate_runs"] = isolate_runs
    env.filters["keep_last_words"] = keep_last_words
    env.filters["running_words"] = running_words
    env.filters["keep_heading_words"] = keep_heading_words
    env.filters["fit_tables"] = fit_tables
    env.filters["keep_words"] = keep_words
    env.filters["halves"] = halves
    env.globals.update(jinja_globals(template_dirs))
    return env


def _limited(path: Path) -> Path:
    """A template file (a user's own, or a built-in) held to the limits of every other input: a
    regular file (never a FIFO or device) of at most MAX_TEXT bytes."""
    from generator.limits import MAX_TEXT, check_regular

    check_regular(path, MAX_TEXT, "template file")
    return path


class _LimitedLoader:
    """jinja2's FileSystemLoader, each file checked (``_limited``) before it is read."""

    def __new__(cls, searchpath: list[str]) -> Any:
        import jinja2

        class Loader(jinja2.FileSystemLoader):
            def get_source(self, environment: Any, template: str) -> Any:
                for folder in self.searchpath:
                    path = Path(folder) / template
                    if path.is_file() or (path.exists() and not path.is_dir()):
                        _limited(path)
                        break
                return super().get_source(environment, template)

        return Loader(searchpath)


def _compiled_templates() -> Any:
    """Jinja's cache of compiled templates, in the user's cache folder: compiling them is about
    20 ms of a one-handout build. Jinja uses an entry only for the same template source and
    Python; entries are named after Jinja's version and this module (whose settings above shape
    the compiled code) too. A folder that cannot be written is passed over."""
    import pickle

    import jinja2

    try:
        folder = cache_folder("templates")
    except RuntimeError:  # no home folder
        return None
    made_by = f"{jinja2.__version__} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"

    class CompiledTemplates(jinja2.FileSystemBytecodeCache):
        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, pickle.UnpicklingError):  # compiled again
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):
                folder.mkdir(parents=True, exist_ok=True)
                super().dump_bytecode(bucket)

    return CompiledTemplates(str(folder), f"{hashlib.sha256(made_by.encode()).hexdigest()[:16]}-%s.cache")


def stylesheet_paths(project: Project, formats: list[Format], extra: tuple[str, ...] = ()) -> list[Path]:
    """base.css, each format's stylesheets, then ``extra`` ones (e.g. a pack's cover), the user's
    templates/ winning over built-ins."""
    names = ["css/base.css", *dict.fromkeys(name for f in formats for name in f.stylesheets), *extra]
    return [find_template_file(project, name) for name in names]


def find_template_file(project: Project, name: str) -> Path:
    for folder in project.template_dirs:
        path = folder / name
        if path.exists() and not path.is_dir():
            return _limited(path)
    raise RuntimeError(f"template file {name} is missing from {project.template_dirs}")


def compose_html(project: Project, composition: Composition) -> str:
    """The whole HTML for one PDF: the front matter templates (e.g. a pack cover), then sections."""
    env = environment(project.template_dirs)
    sections = composition.sections
    html = str(
        env.get_template("base.html.j2").render(
            **composition.context,
            title=_titled(project, composition),
            language=composition.language,
            brand=composition.brand,
            faces=composition.faces,
            setting=composition.setting,
            fallback_families=composition.fallback_families,
            theme=composition.brand.theme,
            date=composition.date,
            description=composition.description,
            sections=list(sections),
            pages={s.page_name: s.page for s in sections},
            front=list(composition.front),
        )
    )
    return mark_latin_words(html, composition.language)


def _titled(project: Project, composition: Composition) -> str:
    """The PDF's title (its metadata and tagged title): a document on its own names its format,
    in the document's language ('A trauma informed & responsive approach — Large print'); a pack's
    combined PDF keeps its own title."""
    if composition.front or len(composition.sections) != 1:
        return composition.title
    words = strings_for(project.template_dirs, composition.language)
    kind = words.format_label(composition.sections[0].fmt)
    return words("format_title", title=composition.title, format=kind)
