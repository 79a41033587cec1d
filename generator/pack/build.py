"""Building a pack: skip what is up to date, read the inputs once, render the rest, write each
organisation's manifest.json and zip."""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator import engine
from generator.cache import InputHasher
from generator.errors import CharterError
from generator.formats import get_format
from generator.pack.index import folder_index
from generator.pack.manifest import Pack
from generator.pack.output import finish_folder, invalidate_folder, read_manifest, up_to_date
from generator.pack.plan import Task, pack_folder, plan_pack
from generator.pack.workers import Progress, Silent, TaskResult, render_tasks
from generator.project import Project
from generator.render import remove_part_files
from generator.run import LOG, Inputs, Item, easy_read_warnings, warn_or_refuse
from generator.translations import translation_warnings


def _needs(task: Task) -> list[tuple[str, str, str]]:
    """The inputs a task reads: its brand (by slug), its documents, and their easy-read versions
    (each with its language, "" for the document itself). A combined PDF needs only its brand: it
    is made of the items that can be made."""
    needs = [("brand", task.slug, "")]
    for item in () if task.combined else task.items:
        needs.append(("document", item.doc_id, item.language))
        if get_format(item.fmt).easy_read:
            needs.append(("easy-read", item.doc_id, item.language))
    return list(dict.fromkeys(needs))


def _load_inputs(
    project: Project, tasks: list[Task], run: tuple[Item, ...]
) -> tuple[Inputs, dict[tuple[str, str, str], str]]:
    """Read every brand and document the tasks use, once, before workers fork (warnings are
    printed once here, and workers inherit what was read). ``run`` is every item of the pack,
    built now or not: web pages link to the files beside them.

    Returns the inputs and the problems found, by input.
    """
    engine.load()  # WeasyPrint, imported once here, so forked workers do not pay for it

    inputs = Inputs(project, run=run)
    brands = {t.slug: t.brand for t in tasks}
    problems: dict[tuple[str, str, str], str] = {}
    for need in dict.fromkeys(n for t in tasks for n in _needs(replace(t, combined=False))):
        kind, name, language = need
        try:
            if kind == "brand":
                warn_or_refuse(inputs.brand(brands[name]).warnings, strict=False)
            elif kind == "document":
                inputs.document(name, language)
            else:
                warn_or_refuse(easy_read_warnings(inputs.easy_read(name, language)), strict=False)
        except CharterError as exc:
            problems[need] = exc.message
    translated = (i for t in tasks for i in t.items if i.language)
    readable = (i for i in translated if ("document", i.doc_id, i.language) not in problems)
    for path in dict.fromkeys(inputs.translation_path(i) for i in readable):
        warn_or_refuse(translation_warnings(path), strict=False)
    plain = {
        t.slug for t in tasks for i in t.items if get_format(i.fmt).easy_read or get_format(i.fmt).large_print
    }
    for slug in (s for s in brands if s in plain and ("brand", s, "") not in problems):
        if note := inputs.brand(brands[slug]).plain_note:
            LOG.warning(note)
    return inputs, problems


@dataclass
class PackReport:
    """Every task of a run with its result, and the zips written or kept."""

    tasks: list[Task]
    results: dict[Task, TaskResult]
    zips: list[Path]
    seconds: float
    # Organisations whose manifest.json or zip could not be written (a full disk ...), and why.
    unfinished: dict[str, str] = field(default_factory=dict)

    @property
    def failures(self) -> list[Task]:
        return [t for t in self.tasks if not self.results[t].ok]

    def count(self, status: str) -> int:
        return sum(1 for r in self.results.values() if r.status == status)


def build_pack(
    project: Project,
    pack: Pack,
    out: Path,
    jobs: int,
    force: bool = False,
    progress: Progress | None = None,
) -> PackReport:
    """Build what changed (everything with ``force``) and report every task."""
    start = time.perf_counter()
    progress = progress or Silent()
    hasher = InputHasher(project)
    tasks = plan_pack(project, pack, out, hasher)
    folders = {t.slug: t.path.parent for t in tasks}
    previous = {slug: read_manifest(folder) for slug, folder in folders.items()}
    results: dict[Task, TaskResult] = {}
    todo = []
    for task in tasks:
        entry = previous[task.slug].get(task.path.name)
        if not force and entry is not None and up_to_date(task, entry):
            results[task] = TaskResult("unchanged", entry["pages"], entry["size"], None, entry["sha256"])
        else:
            todo.append(task)
    for slug in dict.fromkeys(t.slug for t in todo):
        changing = {t.path.name for t in todo if t.slug == slug}
        invalidate_folder(pack, out, next(t.path.parent for t in tasks if t.slug == slug), changing)
    zips: dict[str, Path] = {}
    unfinished: dict[str, str] = {}
    finished: set[str] = set()
    by_slug = {slug: [t for t in tasks if t.slug == slug] for slug in dict.fromkeys(t.slug for t in tasks)}
    inputs = Inputs(project)

    def finish(slug: str) -> None:
        """Write the organisation's manifest.json, index.html and zip (once all its tasks are done)."""
        finished.add(slug)
        index = functools.partial(folder_index, inputs, pack)
        try:
            written = finish_folder(pack, out, slug, by_slug[slug], results, previous[slug], force, index)
        except CharterError as exc:  # its files stay described by nothing stale (see invalidate_folder)
            unfinished[slug] = exc.message
            return
        if written:
            zips[slug] = written

    def done(task: Task, result: TaskResult) -> None:
        """An organisation is finished while the others render, as soon as its last task is done."""
        results[task] = result
        if all(t in results for t in by_slug[task.slug]):
            finish(task.slug)

    if todo:
        progress.start(todo)
        try:
            run = tuple(item for task in tasks if not task.combined for item in task.items)
            inputs, problems = _load_inputs(project, todo, run)
            runnable = []
            for task in todo:
                problem = next((problems[n] for n in _needs(task) if n in problems), None)
                if problem:
                    results[task] = TaskResult("failed", error=problem)
                    progress.end(task, results[task])
                else:
                    runnable.append(task)
            render_tasks(pack, inputs, runnable, jobs, progress, done)
        finally:
            progress.stop()
            remove_part_files(pack_folder(pack, out))
    for slug in by_slug:
        if slug not in finished:
            finish(slug)
    seconds = time.perf_counter() - start
    in_order = {s: unfinished[s] for s in by_slug if s in unfinished}  # as the manifest lists them
    return PackReport(
        tasks, {t: results[t] for t in tasks}, [zips[s] for s in by_slug if s in zips], seconds, in_order
    )
