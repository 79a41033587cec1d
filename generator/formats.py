"""The output formats, their paper sizes and page options."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.errors import CharterError

# Paper sizes in millimetres (portrait).
PAPER_MM: dict[str, tuple[float, float]] = {
    "A5": (148, 210),
    "A4": (210, 297),
    "A3": (297, 420),
    "A2": (420, 594),
    "letter": (215.9, 279.4),
}


@dataclass(frozen=True)
class Format:
    """One kind of output: a template fragment, its stylesheet and the papers it allows."""

    name: str
    description: str
    papers: tuple[str, ...]
    default_paper: str = "A4"
    easy_read: bool = False  # built from the easy-read version of a document
    poster: bool = False  # one page, its type fitted to the paper (generator/poster.py)
    shares: tuple[str, ...] = ()  # formats whose stylesheets this one builds on

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


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("handout", "the full text as a branded handout", ("A5", "A4", "letter")),
        Format(
            "easy-read",
            "pictures beside short sentences, 16 pt and up",
            ("A4", "A5", "letter"),
            easy_read=True,
        ),
        Format(
            "poster",
            "one page: the key points, a QR code to the full charter",
            ("A4", "A3", "A2"),
            default_paper="A3",
            poster=True,
        ),
        Format(
            "easy-read-poster",
            "one page: the easy-read key points with their pictures, a QR code",
            ("A4", "A3", "A2"),
            default_paper="A3",
            easy_read=True,
            poster=True,
            shares=("poster",),
        ),
    )
}


@dataclass(frozen=True)
class PageOptions:
    """How one item is laid out on paper."""

    paper: str = "A4"
    landscape: bool = False
    print_marks: bool = False

    @property
    def size_mm(self) -> tuple[float, float]:
        width, height = PAPER_MM[self.paper]
        return (height, width) if self.landscape else (width, height)

    @property
    def css_size(self) -> str:
        width, height = self.size_mm
        return f"{width}mm {height}mm"


def get_format(name: str) -> Format:
    if name not in FORMATS:
        raise CharterError(f"unknown format '{name}'. Valid formats: {', '.join(FORMATS)}.")
    return FORMATS[name]


def _allowed(fmt: Format, paper: str) -> str | None:
    return next((allowed for allowed in fmt.papers if allowed.lower() == paper.lower()), None)


def paper_for(fmt: Format, paper: str | None) -> str:
    """The paper to use for a format: the one asked for, when the format allows it."""
    if paper is None:
        return fmt.default_paper
    allowed = _allowed(fmt, paper)
    if allowed is None:
        raise CharterError(
            f"--paper {paper} is not available for the {fmt.name} format. "
            f"Use one of: {', '.join(fmt.papers)}."
        )
    return allowed


def paper_in_run(fmt: Format, paper: str | None, run: Iterable[Format]) -> tuple[str, str | None]:
    """The paper for a format in a run of several, and a warning when it is not the one asked for.

    A format takes ``--paper`` when it allows it. One that does not keeps its own default
    paper, with a warning, as long as another format of the run allows it (``--paper A3``
    with every format: A3 posters, A4 handouts); when none does, that is an error.
    """
    if paper is None or _allowed(fmt, paper) or not any(_allowed(other, paper) for other in run):
        return paper_for(fmt, paper), None
    return fmt.default_paper, (
        f"--paper {paper} is not available for the {fmt.name} format, so it is made on "
        f"{fmt.default_paper} (its papers: {', '.join(fmt.papers)})."
    )
