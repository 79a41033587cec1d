"""The document gallery (tests/gallery/documents/): Markdown documents of different shapes, each
using every feature people write (GFM tables with aligned columns, footnotes, nested ordered and
unordered lists, h2-h6, blockquotes, pictures with alt text, links), and what a reader should get
from them, read from the source files alone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

DOCUMENTS = Path(__file__).resolve().parent / "gallery" / "documents"
# What would show that Markdown was printed rather than read: a table's rule line or row, a
# footnote mark, a heading's hashes, emphasis stars, a picture's or a link's brackets.
RAW_MARKDOWN = re.compile(r"\|\s*:?-{3}|\[\^|(?:^|\s)#{1,6}\s|\*\*|!\[|\]\(|(?:^|\s)\|\s")


def document_ids() -> list[str]:
    return sorted(path.name.removesuffix(".md") for path in DOCUMENTS.glob("*.md"))


def source(doc_id: str) -> tuple[dict[str, object], str]:
    """A gallery document's front matter and Markdown body."""
    text = (DOCUMENTS / f"{doc_id}.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def footnotes(doc_id: str) -> list[str]:
    """The labels of a document's footnotes, in the order they are first referred to."""
    _, body = source(doc_id)
    defined = set(re.findall(r"^\[\^([^\]]+)\]:", body, re.MULTILINE))
    order: list[str] = []
    for label in re.findall(r"\[\^([^\]]+)\](?!:)", body):
        if label in defined and label not in order:
            order.append(label)
    return order


def tables(doc_id: str) -> list[list[str]]:
    """Each table's header cells."""
    _, body = source(doc_id)
    lines = body.splitlines()
    return [
        [cell.strip() for cell in lines[i].strip().strip("|").split("|")]
        for i in range(len(lines) - 1)
        if lines[i].lstrip().startswith("|") and re.match(r"^\s*\|\s*:?-{3}", lines[i + 1])
    ]


def project(folder: Path) -> Path:
    """A project whose content/charter/ holds the gallery documents (and their pictures), with the
    built-in brands."""
    from generator.project import builtin_dir

    shutil.copytree(DOCUMENTS, folder / "content" / "charter")
    shutil.copytree(builtin_dir("content") / "brands", folder / "content" / "brands")
    return folder
