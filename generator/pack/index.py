"""A pack folder's ``index.html``: an accessible web page listing every file built in the folder,
in the organisation's branding, made like the web versions of the documents (``generator.web``)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.errors import CharterError
from generator.formats import get_format
from generator.pack.combine import error_line, item_title, item_version
from generator.pack.manifest import Pack
from generator.pack.plan import Task, contents_entry
from generator.pack.workers import TaskResult
from generator.run import Inputs
from generator.strings import strings_for
from generator.web import WebPage, web_page


@dataclass(frozen=True)
class Listed:
    """One file as the index lists it: a link and what the reader needs to know before opening it."""

    name: str
    label: str  # the link text: 'Handout, PDF, A4 paper'
    details: str  # '2 pages, 28 KB'


def folder_index(inputs: Inputs, pack: Pack, tasks: list[tuple[Task, TaskResult]]) -> bytes:
    """The index page of one organisation's folder (``tasks``: all of them, failed ones too): the
    combined PDF, then each document's files, then what could not be made (``inputs``: the run's,
    so nothing is read twice)."""
    brand = inputs.brand(tasks[0][0].brand)
    language = _language(inputs, [task for task, _ in tasks])
    s = strings_for(inputs.project.template_dirs, language)
    combined: list[Listed] = []
    documents: dict[str, list[Listed]] = {}
    missing: list[Listed] = []
    failed = {task.items[0] for task, result in tasks if not result.ok and not task.combined}
    for task, result in tasks:
        if not result.ok:
            item = task.items[0]
            label = s("everything_in_one") if task.combined else item_version(inputs, item, s)
            missing.append(Listed(task.path.name, label, error_line(result.error, s)))
            continue
        size = f"{max(1, round((result.size or 0) / 1024))} KB"
        details = size
        if result.pages:
            pages = result.pages
            details = s("file_page", size=size) if pages == 1 else s("file_pages", pages=pages, size=size)
        if task.combined:
            combined.append(Listed(task.path.name, s("everything_to_print"), details))
            for name, error in result.missing:
                (item,) = (i for i in task.items if contents_entry(i) == name)
                if item not in failed:  # its own file failed, and is listed already
                    label = s("left_out_of", version=item_version(inputs, item, s), file=task.path.name)
                    missing.append(Listed("", label, error_line(error, s)))
        else:
            item = task.items[0]
            title = item_title(inputs, item)
            documents.setdefault(title, []).append(
                Listed(task.path.name, s.version_label(get_format(item.fmt), item.page), details)
            )
    styles = ("css/web.css", "css/pack-index.css")
    page = WebPage(f"{pack.title}: {brand.name}", language, "pack-index", styles)
    context = {
        "pack": pack,
        "event": pack.event,
        "combined": combined,
        "documents": documents,
        "missing": missing,
    }
    return web_page(inputs.project, brand, page, "pack-index.html.j2", context)


def _language(inputs: Inputs, tasks: list[Task]) -> str:
    """The first readable document's language (English if none can be read)."""
    for task in tasks:
        for item in task.items:
            try:
                return inputs.document(item.doc_id, item.language).language
            except CharterError:
                continue
    return "en-GB"
