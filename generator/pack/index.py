"""A pack folder's ``index.html``: an accessible web page listing every file built in the folder,
in the organisation's branding, made like the web versions of the documents (``generator.web``)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.build import Inputs
from generator.formats import get_format
from generator.pack.manifest import Pack
from generator.pack.plan import Task
from generator.pack.workers import TaskResult
from generator.web import WebPage, web_page


@dataclass(frozen=True)
class Listed:
    """One file as the index lists it: a link and what the reader needs to know before opening it."""

    name: str
    label: str  # the link text: 'Handout, PDF, A4 paper'
    details: str  # '2 pages, 28 KB'


def folder_index(inputs: Inputs, pack: Pack, built: list[tuple[Task, TaskResult]]) -> bytes:
    """The index page of one organisation's folder: the combined PDF, then each document's files
    (``inputs``: the run's, so nothing is read twice)."""
    brand = inputs.brand(built[0][0].brand)
    combined: list[Listed] = []
    documents: dict[str, list[Listed]] = {}
    for task, result in built:
        size = f"{max(1, round((result.size or 0) / 1024))} KB"
        details = f"{result.pages} page{'s' if result.pages != 1 else ''}, {size}" if result.pages else size
        if task.combined:
            combined.append(Listed(task.path.name, "Everything for the day in one PDF, to print", details))
        else:
            item = task.items[0]
            title = inputs.document(item.doc_id, item.language).title
            documents.setdefault(title, []).append(
                Listed(task.path.name, get_format(item.fmt).version_label(item.page), details)
            )
    first = built[0][0].items[0]
    language = inputs.document(first.doc_id, first.language).language
    styles = ("css/web.css", "css/pack-index.css")
    page = WebPage(f"{pack.title}: {brand.name}", language, "pack-index", styles)
    context = {"pack": pack, "event": pack.event, "combined": combined, "documents": documents}
    return web_page(inputs.project, brand, page, "pack-index.html.j2", context)
