"""Renderers: one per kind of output, behind one small interface.

A renderer turns one planned item (``generator.run.Item``), with the run's loaded inputs and
options, into the finished bytes of its file:

    def render_pdf(inputs: Inputs, item: Item, options: Options) -> Rendered

Each format names its renderer (``Format.renderer`` in ``generator.formats``):

    PDFs          generator.pdf.render_pdf      WeasyPrint, finished to PDF/UA-1
    web pages     generator.web.render_html     the same templates as one self-contained web page
    braille       generator.braille.render_brf  liblouis (UEB grade 2), laid out on braille pages
    e-book        generator.epub.render_epub    the web page's templates as an EPUB 3 book, zipped
    Word          generator.word.render_docx    python-docx, the brand in Word's styles
    audio         generator.audio.render_mp3    espeak-ng and ffmpeg, chapters tagged with mutagen

A renderer reads its inputs through ``Inputs`` (loaded and checked once, so bad input fails with
the same message whatever the format), raises ``CharterError`` for what the user must fix, and
writes nothing: ``build`` and ``pack`` write the bytes atomically beside the other outputs.
Renderers are imported when first used, so a run that makes no PDF never imports WeasyPrint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from generator.formats import Format, get_format, resolve

if TYPE_CHECKING:
    from generator.run import Inputs, Item, Options


@dataclass(frozen=True)
class Rendered:
    """One finished output file."""

    data: bytes
    pages: int | None = None  # pages of paper (PDF) or of braille; None for a web page
    # Files that go beside it, by name relative to its folder (an MP3's tracks and playlist).
    companions: tuple[tuple[str, bytes], ...] = ()


def write_rendered(path: Path, rendered: Rendered) -> list[Path]:
    """Write a file and its companions (atomically, each whole or absent); files a previous
    build left in the companions' folders that this one did not make are removed. The paths
    written, the file's first."""
    from generator.names import refuse_link_out
    from generator.render import write_atomic

    for name, _ in rendered.companions:  # a companions' folder that is a link out is refused
        refuse_link_out((path.parent / name).parent, path.parent)
    write_atomic(path, rendered.data)
    written = [path]
    for name, data in rendered.companions:
        write_atomic(path.parent / name, data)
        written.append(path.parent / name)
    for folder in {p.parent for p in written[1:]} - {path.parent}:
        for stale in set(folder.iterdir()) - set(written):
            if stale.is_file():
                stale.unlink()
    return written


class Renderer(Protocol):
    def __call__(self, inputs: Inputs, item: Item, options: Options) -> Rendered: ...


def renderer(fmt: Format) -> Renderer:
    """The renderer that makes files of ``fmt``."""
    function: Renderer = resolve(fmt.renderer)
    return function


def render(inputs: Inputs, item: Item, options: Options) -> Rendered:
    """One item's file, made by its format's renderer."""
    return renderer(get_format(item.fmt))(inputs, item, options)
