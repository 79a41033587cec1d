"""Charter documents: Markdown with YAML front matter, read once into immutable models.

Markdown is parsed with markdown-it-py (CommonMark). Raw HTML in content is escaped, never
passed through, and the rendered HTML is handed to templates as data, so Jinja syntax in
content stays plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import CharterError
from generator.pictures import is_remote, resolve_picture
from generator.project import Project
from generator.yamlfile import split_front_matter

EASY_READ_SUFFIX = ".easy-read.md"
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WEB_LINK = re.compile(r"^https?://[^\s/]+\.[^\s]+$", re.IGNORECASE)  # a full http(s) address with a host name


@dataclass(frozen=True)
class Document:
    """A charter document in its full (standard) form."""

    id: str
    title: str
    language: str
    summary: str
    body_html: str
    source: Path
    appendix: str | None = None
    charter: str | None = None
    credit: str | None = None
    url: str | None = None
    date: str | None = None
    key_points: tuple[str, ...] = field(default_factory=tuple)

    @property
    def heading(self) -> str:
        """'Appendix A' style label, when the document is an appendix."""
        return f"Appendix {self.appendix}" if self.appendix else ""


def markdown_parser() -> Any:
    """The one CommonMark parser: raw HTML off (escaped), typographic quotes off."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def require_text(meta: dict[str, Any], key: str, path: Path, default: str | None = None) -> str:
    value = meta.get(key, default)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CharterError(f"front matter needs '{key}:'.", path)
    if not isinstance(value, str | int | float):
        raise CharterError(f"front matter '{key}' must be text.", path)
    return str(value).strip()


def optional_text(meta: dict[str, Any], key: str, path: Path) -> str | None:
    if meta.get(key) is None:
        return None
    return require_text(meta, key, path)


def check_link(url: str | None, path: Path, key: str = "url") -> str | None:
    """A web link must be http(s); anything else is refused with a clear message."""
    if url is None:
        return None
    if not WEB_LINK.match(url):
        raise CharterError(f"'{key}: {url}' is not a web link. Use a full http:// or https:// address.", path)
    return url


def document_metadata(meta: dict[str, Any], path: Path) -> dict[str, Any]:
    """Front matter fields shared by the full and easy-read forms."""
    file_id = path.name.split(".")[0]
    doc_id = require_text(meta, "id", path, default=file_id)
    if not _ID.match(doc_id):
        raise CharterError(f"id '{doc_id}' must be lower case letters, digits and hyphens.", path)
    date = optional_text(meta, "date", path)
    if date and not _DATE.match(date):
        raise CharterError(f"date '{date}' must be written YYYY-MM-DD.", path)
    return {
        "id": doc_id,
        "title": require_text(meta, "title", path),
        "language": require_text(meta, "language", path, default="en-GB"),
        "summary": optional_text(meta, "summary", path) or "",
        "date": date,
    }


def load_document(path: Path) -> Document:
    """Read one full charter document."""
    meta, body, body_line = split_front_matter(path)
    common = document_metadata(meta, path)
    if common["id"] != path.name.removesuffix(".md"):
        raise CharterError(
            f"id '{common['id']}' does not match the file name: call it '{common['id']}.md'.", path
        )
    key_points = meta.get("key_points") or []
    if not isinstance(key_points, list) or not all(isinstance(k, str) and k.strip() for k in key_points):
        raise CharterError("key_points must be a list of short statements, one per '- ' line.", path)
    return Document(
        **common,
        body_html=render_markdown(body, path, body_line),
        source=path,
        appendix=optional_text(meta, "appendix", path),
        charter=optional_text(meta, "charter", path),
        credit=optional_text(meta, "credit", path),
        url=check_link(optional_text(meta, "url", path), path),
        key_points=tuple(k.strip() for k in key_points),
    )


def render_markdown(body: str, path: Path, first_line: int) -> str:
    """Markdown body -> HTML; pictures checked and made local, headings start at h2."""
    md = markdown_parser()
    tokens = md.parse(body)
    levels = sorted({int(t.tag[1]) for t in tokens if t.type == "heading_open"})
    for token in tokens:
        line = token.map[0] + first_line if token.map else None
        if token.type in ("heading_open", "heading_close"):
            # Titles are h1: content headings nest under them without skipping a level.
            token.tag = f"h{min(6, 2 + levels.index(int(token.tag[1])))}"
        for child in token.children or []:
            if child.type == "image":
                alt = child.content.strip()
                src = str(child.attrGet("src") or "")
                if not alt:
                    raise CharterError(
                        f"picture '{src}' has no alt text. Write what it shows between the "
                        "square brackets: ![what it shows](file.png).",
                        path,
                        line,
                    )
                child.attrSet("src", resolve_picture(src, path.parent, path, line).as_uri())
            elif child.type == "link_open" and not is_remote(str(child.attrGet("href") or "")):
                href = str(child.attrGet("href") or "")
                if not href.startswith(("mailto:", "tel:", "#")):
                    raise CharterError(
                        f"link '{href}' must be a full web address or an email link.", path, line
                    )
    return str(md.renderer.render(tokens, md.options, {}))


def document_paths(project: Project) -> dict[str, Path]:
    """Document id -> path of its full version, from the file names in content/charter/."""
    if not project.charter_dir.is_dir():
        return {}
    return {
        p.name.removesuffix(".md"): p
        for p in sorted(project.charter_dir.glob("*.md"))
        if not p.name.endswith(EASY_READ_SUFFIX)
    }


def easy_read_path(document_path: Path) -> Path:
    """Where the easy-read version of a document lives."""
    return document_path.with_name(document_path.name.removesuffix(".md") + EASY_READ_SUFFIX)


def find_document(doc_id: str, project: Project) -> Path:
    paths = document_paths(project)
    if doc_id not in paths:
        valid = ", ".join(paths) or "none"
        raise CharterError(f"unknown document '{doc_id}'. Valid documents: {valid}.")
    return paths[doc_id]
