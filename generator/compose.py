"""Compose: charter content + brand -> one HTML document, through Jinja templates.

One environment, one base template; each format is a fragment included once per section,
so a standalone handout and a combined workshop pack come from the same templates. Content
reaches templates as data (already-escaped HTML or plain text), never as template source.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.brand import Brand
from generator.css import css_string
from generator.formats import Format, PageOptions
from generator.poster import url_breaks
from generator.project import Project


@dataclass(frozen=True)
class Section:
    """One document in one format, as laid out in the HTML."""

    fmt: Format
    brand: Brand
    page: PageOptions
    doc: Any = None  # Document or EasyReadDocument
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def page_name(self) -> str:
        """A CSS named page for this section's format and paper."""
        orientation = "landscape" if self.page.landscape else "portrait"
        return f"{self.fmt.name}-{self.page.paper}-{orientation}".lower()


@functools.cache
def environment(template_dirs: tuple[Path, ...]) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    env.filters["url_breaks"] = url_breaks
    return env


def stylesheet_paths(project: Project, formats: list[Format], extra: list[str] | None = None) -> list[Path]:
    """base.css, each format's stylesheets, then ``extra`` ones (e.g. a pack's cover), the user's
    templates/ winning over built-ins."""
    names = ["css/base.css", *dict.fromkeys(name for f in formats for name in f.stylesheets), *(extra or [])]
    return [find_template_file(project, name) for name in names]


def find_template_file(project: Project, name: str) -> Path:
    for folder in project.template_dirs:
        path = folder / name
        if path.is_file():
            return path
    raise RuntimeError(f"template file {name} is missing from {project.template_dirs}")


def compose_html(
    project: Project,
    sections: list[Section],
    title: str,
    language: str,
    brand: Brand,
    date: str | None = None,
    front: list[str] | None = None,
    context: dict[str, Any] | None = None,
) -> str:
    """The whole HTML for one PDF: ``front`` matter templates (e.g. a pack cover), then sections."""
    env = environment(project.template_dirs)
    pages = {s.page_name: s.page for s in sections}
    return env.get_template("base.html.j2").render(
        title=title,
        language=language,
        brand=brand,
        theme=brand.theme,
        date=date,
        sections=sections,
        pages=pages,
        front=front or [],
        **(context or {}),
    )
