"""The one module that touches WeasyPrint: its import, the internals charter reads or patches,
and a check at first use that the installed WeasyPrint has each of them.

The import is made without the library search's two dozen subprocesses.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject by trying each library's Windows,
macOS and Linux names in turn. cffi answers every name that does not open with
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` (and ``gcc``/``ld`` where
installed) as subprocesses: 24 searches, about 0.15 s of CPU in a cold build of a handout,
before the Linux soname further down each list opens directly. Whatever a search finds on
Linux is opened by its soname too, so skipping it loads the same libraries. If a library does
not open that way, WeasyPrint is imported again with the search on.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from generator.memo import Bounded


def load() -> None:
    """Import WeasyPrint, once per process (later calls cost nothing)."""
    if "weasyprint" in sys.modules:
        return
    if sys.platform.startswith("linux"):
        try:
            with _sonames_only():
                from weasyprint.text import ffi
            if ffi.harfbuzz_subset is not None:
                return
        except OSError:
            pass
        for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
            del sys.modules[name]
    import weasyprint  # noqa: F401


@contextmanager
def _sonames_only() -> Iterator[None]:
    """``ctypes.util.find_library`` finds nothing, for the duration; what WeasyPrint prints or
    warns about a library it could not open is left to the import that follows, if any."""
    import ctypes.util
    import io
    import warnings
    from contextlib import redirect_stdout

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        ctypes.util.find_library = search


# The one place charter reaches into WeasyPrint. Everything below names WeasyPrint 70's
# internals; no other module imports WeasyPrint or reads a private name of it
# (tests/test_engine.py holds every one of them to this and checks each against the installed
# WeasyPrint). A WeasyPrint that lacks one stops the first build with one line.
SUPPORTED = "70."
PATCHED = (
    "weasyprint.pdf.tags._build_box_tree",
    "weasyprint.pdf.stream.Stream.marked",
    "weasyprint.document.layout_document",
    "weasyprint.svg.TAGS['path']",
    "weasyprint.layout.block.block_level_width",
)
_checked: list[bool] = []


def weasyprint() -> Any:
    """The ``weasyprint`` package, imported (see :func:`load`) and checked to be one charter
    works with."""
    load()
    import weasyprint as package

    if not _checked:
        problem = mismatch()
        if problem:
            from generator.errors import CharterError

            raise CharterError(problem)
        _checked.append(True)
    return package


def mismatch() -> str | None:
    """What makes the installed WeasyPrint one charter cannot use, in one line (None: nothing)."""
    import weasyprint as package

    version = getattr(package, "__version__", "?")
    if not version.startswith(SUPPORTED):
        return (
            f"WeasyPrint {version} is installed; charter needs WeasyPrint {SUPPORTED}x "
            f"(pip install 'weasyprint>={SUPPORTED[:-1]},<{int(SUPPORTED[:-1]) + 1}')."
        )
    missing = [name for name, found in internals().items() if not found]
    if missing:
        lacking = ", ".join(missing)
        return f"WeasyPrint {version} lacks {lacking}, which charter uses: reinstall WeasyPrint {SUPPORTED}x."
    return None


def internals() -> dict[str, bool]:
    """Each WeasyPrint internal charter uses, and whether the installed WeasyPrint has it."""
    import importlib

    found = {}
    for dotted in (
        *PATCHED,
        "weasyprint.document.Page",
        "weasyprint.formatting_structure.boxes.MarginBox",
        "weasyprint.layout.background.layout_backgrounds",
        "weasyprint.layout.background.layout_box_backgrounds",
        "weasyprint.layout.page.make_margin_boxes",
        "weasyprint.text.ffi.pango",
        "weasyprint.text.fonts.get_font_description",
        "weasyprint.text.line_break.create_layout",
        "weasyprint.urls.URLFetcherResponse",
        "weasyprint.urls.FatalURLFetchingError",
    ):
        path, _, item = dotted.partition("[")
        module_name, _, attribute = path.rpartition(".")
        owner, _, method = module_name.rpartition(".")  # a class's method: module.Class.method
        try:
            if method[:1].isupper():
                value = getattr(getattr(importlib.import_module(owner), method), attribute)
            else:
                value = getattr(importlib.import_module(module_name), attribute)
            found[dotted] = item.strip("]'") in value if item else True
        except (ImportError, AttributeError):
            found[dotted] = False
    return found


def box_types() -> Any:
    """WeasyPrint's box classes (``LineBox``, ``BlockBox``, ...)."""
    weasyprint()
    from weasyprint.formatting_structure import boxes

    return boxes


def page_box(page: Any) -> Any:
    """A laid-out page's page box (the root of its box tree)."""
    return page._page_box


def page_of(box: Any) -> Any:
    """A page made from a (changed) page box."""
    from weasyprint.document import Page

    return Page(box)


def lay_out_backgrounds(box: Any, fetch: Any) -> None:
    """Lay out the backgrounds of a page box again (after its boxes moved)."""
    from weasyprint.layout.background import layout_backgrounds

    layout_backgrounds(box, fetch)


def tagged_box(box: Any) -> Any:
    """The box WeasyPrint tags for ``box`` (an absolutely positioned box is tagged as its box)."""
    return getattr(box, "_box", box)


def fetcher_class(fetch: Any) -> type:
    """A WeasyPrint URL fetcher whose ``fetch(self, url, headers)`` is ``fetch``; it returns
    ``self.response(url, data, content_type)`` or ``self.fetch_data(url, headers)`` (WeasyPrint's
    own fetching, for data: URIs)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class Fetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint is untyped
        def __init__(self, roots: Any):
            super().__init__(fail_on_errors=True)
            self.roots = roots

        def fetch(self, url: str, headers: Any = None) -> Any:
            return fetch(self, url, headers)

        def fetch_data(self, url: str, headers: Any = None) -> Any:
            return URLFetcher.fetch(self, url, headers)

        @staticmethod
        def response(url: str, data: bytes, kind: str | None) -> Any:
            return URLFetcherResponse(url, data, {"Content-Type": kind} if kind else None)

    return Fetcher


def fatal_fetch_error() -> type[Exception]:
    """The exception WeasyPrint raises when its fetcher fails a resource."""
    from weasyprint.urls import FatalURLFetchingError

    return FatalURLFetchingError  # type: ignore[no-any-return]


def new_font_config() -> Any:
    """A fresh WeasyPrint font configuration."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def font_config_folder(config: Any) -> str | None:
    """The temporary folder of font files a font configuration made (None: none)."""
    return getattr(config, "_folder", None)


def wrap_tag_builder(stamp: Any, stamp_page: Any) -> None:
    """Call ``stamp(element, box)`` on every structure element WeasyPrint's tagging makes
    (``weasyprint.pdf.tags._build_box_tree`` calls itself through the module, so the wrapper
    sees every box), before it is passed up, and ``stamp_page(page, runs)`` on each page's
    dictionary before its elements are made (``runs``: the page's text boxes by the MCID of the
    marked content each is drawn in); installed once per process."""
    weasyprint()
    from weasyprint.formatting_structure.boxes import PageBox, TextBox
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "charter_hook", False):
        return
    original = tags._build_box_tree

    def build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
        if isinstance(box, PageBox):  # args: parent, pdf, page number, nums, annotations, tags
            pdf, number, marked = args[1], args[2], args[5]
            page = pdf.objects[int(pdf.page_references[number].split()[0])]
            stamp_page(page, {tag["mcid"]: run for run, tag in marked.items() if isinstance(run, TextBox)})
        for element in original(box, *args):
            stamp(element, box)
            yield element

    build_box_tree.charter_hook = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


def mark_text_runs(actual_text: Any) -> None:
    """Give the marked-content sequence WeasyPrint draws each run of text in (``/Span <</MCID n>>
    BDC``) an ``/ActualText`` of ``actual_text(box)``, where that is not None (``box``: the
    run's text box). Installed once per process; what WeasyPrint draws is unchanged."""
    weasyprint()
    import pydyf
    from weasyprint.formatting_structure.boxes import TextBox
    from weasyprint.pdf.stream import Stream

    if getattr(Stream.marked, "actual_text", False):
        return

    @contextmanager
    def marked(self: Any, box: Any, tag: str) -> Iterator[None]:
        # WeasyPrint 70's Stream.marked, with the property list extended.
        if self._tags is None:
            yield
            return
        mcid = len(self._tags)
        assert box not in self._tags
        self._tags[box] = {"tag": tag, "mcid": mcid}
        properties = pydyf.Dictionary({"MCID": mcid})
        text = actual_text(box) if isinstance(box, TextBox) else None
        if text is not None:
            properties["ActualText"] = pydyf.String(text)
        pydyf.Stream.begin_marked_content(self, tag, properties)
        try:
            yield
        finally:
            pydyf.Stream.end_marked_content(self)

    marked.actual_text = True  # type: ignore[attr-defined]
    Stream.marked = marked


def keep_layout_context() -> None:
    """Have every laid-out page box keep the layout context it was made in (its page styles,
    named strings and counters), as ``layout_context``: a pack's combined PDF makes the margin
    boxes of an item's pages again with their page numbers in the pack (see :func:`renumbered`).
    Installed once per process; WeasyPrint's layout is unchanged."""
    weasyprint()
    from weasyprint import document

    if getattr(document.layout_document, "keeps_context", False):
        return
    original = document.layout_document

    def layout_document(html: Any, root_box: Any, context: Any, *args: Any) -> Any:
        for box in original(html, root_box, context, *args):
            box.layout_context = context
            yield box

    layout_document.keeps_context = True  # type: ignore[attr-defined]
    document.layout_document = layout_document


def renumbered(page: Any, index: int, number: int, total: int) -> Any:
    """A copy of ``page`` (the ``index``-th of its document) whose margin boxes say it is page
    ``number`` of ``total`` (its document was laid out with :func:`keep_layout_context`)."""
    from weasyprint.formatting_structure.boxes import MarginBox
    from weasyprint.layout.background import layout_box_backgrounds
    from weasyprint.layout.page import make_margin_boxes

    box = page._page_box
    context = box.layout_context
    # page_maker[n]: (resume at, next page, blank, the counters after page n, ...)
    state = copy.deepcopy(context.page_maker[index + 1][3])
    state[1]["page"], state[1]["pages"] = [number], [total]
    context.current_page = index + 1  # named strings (the organisation) as on this page
    kept = [child for child in box.children if not isinstance(child, MarginBox)]
    joined = box.copy_with_children(kept)
    margins = list(make_margin_boxes(context, joined, state))
    for margin in margins:
        layout_box_backgrounds(joined, margin, context.get_image_from_uri)
    joined.children = (*kept, *margins)
    return page_of(joined)


def place_sized_pictures() -> None:
    """Let a picture with no size of its own (an SVG with only a viewBox, as OpenMoji's are) sit
    in a line of right-to-left text: WeasyPrint 70 sizes it from its container as a block and
    right-aligns it by moving a position it does not have yet (AttributeError 'position_x').
    The line sets its position afterwards, so it starts at 0; left-to-right text never reads it,
    so English is unchanged. Installed once per process."""
    weasyprint()
    from weasyprint.layout import block

    original = block.block_level_width
    if getattr(original, "placed", False):
        return

    def block_level_width(box: Any, containing_block: Any, with_min_max: bool = True) -> Any:
        if not hasattr(box, "position_x"):
            box.position_x = 0
        return original(box, containing_block, with_min_max)

    block_level_width.placed = True  # type: ignore[attr-defined]
    block_level_width.without_min_max = original.without_min_max  # type: ignore[attr-defined]
    block.block_level_width = block_level_width


# What drawing an SVG path did, by its data and font size: the stream calls, the vertices it added
# (the most recently drawn paths: an easy read's pictograms and a logo hold a few hundred).
_SVG_PATHS: Bounded[tuple[list[tuple[str, tuple[Any, ...], dict[str, Any]]], list[Any]]] = Bounded(4096)


def reuse_svg_paths() -> None:
    """Parse each SVG path's data once per process: WeasyPrint parses it every time the picture is
    drawn (an easy read's pictograms, a logo, a QR code: half the time of writing a PDF that has
    them). The first drawing of a path is recorded, as the calls it makes on the stream (moves,
    lines, curves) and the vertices it adds to its node; later drawings make the same calls, so
    the PDF is byte for byte the same. Installed once per process."""
    weasyprint()
    from weasyprint import svg

    original = svg.TAGS["path"]
    if getattr(original, "reused", False):
        return

    def path(image: Any, node: Any, font_size: float) -> None:
        key = (node.get("d", ""), font_size)
        if key in _SVG_PATHS:
            calls, vertices = _SVG_PATHS[key]
            for name, args, kwargs in calls:
                getattr(image.stream, name)(*args, **kwargs)
            node.vertices.extend(vertices)
            return
        stream, before = image.stream, len(node.vertices)
        image.stream = recorder = _Recorder(stream)
        try:
            original(image, node, font_size)
        finally:
            image.stream = stream
        _SVG_PATHS.put(key, (recorder.calls, list(node.vertices)[before:]))

    path.reused = True  # type: ignore[attr-defined]
    svg.TAGS["path"] = path


class _Recorder:
    """Passes calls on to a stream and records them."""

    def __init__(self, stream: Any):
        self.stream = stream
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.stream, name)

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return method(*args, **kwargs)

        return call


def pango_lines(layouts: list[Any], text: str, style: Any, font: dict[str, Any], width: float) -> int:
    """How many lines Pango wraps ``text`` (in ``style``) into at ``width`` px with the font
    ``font`` (style keys); ``layouts`` keeps the one Pango layout made for the text."""
    from weasyprint.text.ffi import TO_UNITS, ffi, pango
    from weasyprint.text.fonts import get_font_description
    from weasyprint.text.line_break import create_layout

    if not layouts:
        layouts.append(create_layout(text, style, None, None, 0))
    layout = layouts[0].layout
    pango.pango_layout_set_font_description(layout, get_font_description(font))
    pango.pango_layout_set_width(layout, int(max(0.0, width) * TO_UNITS))
    count = 0
    while pango.pango_layout_get_line_readonly(layout, count) != ffi.NULL:
        count += 1
    return count
