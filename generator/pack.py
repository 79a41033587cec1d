"""Workshop packs: the pack manifest, and an incremental, parallel build of everything it names.

Flow: load the manifest (every mistake reported with file and line) -> plan one task per PDF
(each brand x document x format item, and per organisation a combined pack PDF) -> skip the
tasks whose input key matches the organisation's ``manifest.json`` -> render the rest in
worker processes forked after WeasyPrint is imported -> per organisation, write
``manifest.json`` (every file, its sha256 and inputs) and a zip of the folder.

A task that fails (a broken brand or document) fails alone: its file is not written, the rest
are built, and the organisation gets no combined PDF or zip until it is fixed.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import multiprocessing
import os
import time
import traceback
import zipfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, NoReturn, Protocol

from generator.brand import brand_path, brand_slug
from generator.build import (
    LOG,
    Inputs,
    Item,
    Options,
    easy_read_warnings,
    item_section,
    layout_sections,
    warn_or_refuse,
)
from generator.cache import InputHasher, digest_bytes, digest_file, key_of, tool_versions
from generator.compose import Section
from generator.content import document_paths, easy_read_path
from generator.errors import CharterError
from generator.formats import FORMATS, PageOptions, get_format
from generator.project import Project
from generator.render import pdf_bytes, write_atomic
from generator.yamlfile import load_yaml_with_lines

MANIFEST_FILE = "manifest.json"
PACK_FRONT = ["pack-cover.html.j2", "pack-contents.html.j2"]
PACK_STYLES = ["css/pack.css"]
_OPTIONS = Options()
_DATE_FORMAT = "%Y-%m-%d"


# --- The manifest -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """The workshop the pack is for; every detail is optional."""

    name: str | None = None
    date: str | None = None  # YYYY-MM-DD
    venue: str | None = None
    facilitator: str | None = None

    @property
    def date_text(self) -> str | None:
        """The date as people write it: 'Wednesday 12 March 2025'."""
        if self.date is None:
            return None
        day = datetime.datetime.strptime(self.date, _DATE_FORMAT).date()
        return f"{day:%A} {day.day} {day:%B} {day.year}"


@dataclass(frozen=True)
class PackFormat:
    """One format of a pack and the paper it is printed on."""

    fmt: str
    page: PageOptions


@dataclass(frozen=True)
class Pack:
    """A pack manifest, checked: what to build for whom."""

    name: str
    source: Path
    title: str
    event: Event
    brands: tuple[str, ...]  # slugs, or absolute paths of brand files
    documents: tuple[str, ...]
    formats: tuple[PackFormat, ...]


_PACK_KEYS = ("title", "event", "brands", "documents", "formats")
_EVENT_KEYS = ("name", "date", "venue", "facilitator")


def available_packs(project: Project) -> list[str]:
    """Names of the pack manifests in content/packs/."""
    return sorted(p.stem for p in project.packs_dir.glob("*.yml")) if project.packs_dir.is_dir() else []


def find_pack(spec: str, project: Project) -> Path:
    """The manifest a ``charter pack`` argument names: a path, or a pack name in content/packs/."""
    path = Path(spec).expanduser()
    if path.is_file():
        return path.resolve()
    named = project.packs_dir / f"{spec}.yml"
    if "/" not in spec and not path.suffix and named.is_file():
        return named
    packs = available_packs(project)
    raise CharterError(
        f"pack manifest '{spec}' not found. Give the path to a .yml file"
        + (f", or one of: {', '.join(packs)}." if packs else ".")
    )


def load_pack(path: Path, project: Project) -> Pack:
    """Read and check a pack manifest; any mistake stops with its file and line."""
    data, lines = load_yaml_with_lines(path)

    def fail(message: str, *where: Any) -> NoReturn:
        while where and where not in lines:
            where = where[:-1]
        raise CharterError(message, path, lines.get(where) if where else None)

    if not isinstance(data, dict):
        fail("a pack manifest is a mapping of 'key: value' lines (title:, brands:, formats: ...).")
    for key in data:
        if key not in _PACK_KEYS:
            fail(f"unknown key '{key}'. Valid keys: {', '.join(_PACK_KEYS)}.", key)

    def text(value: Any, *where: Any) -> str:
        if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
            fail(f"'{where[-1]}' must be text.", *where)
        return str(value).strip()

    if data.get("title") is None:
        fail("the manifest needs a 'title:'.")
    title = text(data["title"], "title")
    event = _event(data.get("event"), text, fail)
    brands = _brands(data.get("brands"), path, project, fail)
    documents = _documents(data.get("documents", "all"), project, fail)
    formats = _formats(data.get("formats"), fail)
    return Pack(path.stem, path, title, event, brands, documents, formats)


def _event(raw: Any, text: Any, fail: Any) -> Event:
    if raw is None:
        return Event()
    if not isinstance(raw, dict):
        fail("'event' must be a mapping: name:, date:, venue:, facilitator:.", "event")
    for key in raw:
        if key not in _EVENT_KEYS:
            fail(f"unknown event detail '{key}'. Valid details: {', '.join(_EVENT_KEYS)}.", "event", key)
    values = {key: text(raw[key], "event", key) for key in _EVENT_KEYS if raw.get(key) is not None}
    if "date" in values:
        try:
            datetime.datetime.strptime(values["date"], _DATE_FORMAT)
        except ValueError:
            fail(f"event date '{values['date']}' must be a real date written YYYY-MM-DD.", "event", "date")
    return Event(**values)


def _names(raw: Any, key: str, fail: Any) -> list[str] | None:
    """``all`` (None), or a non-empty list of text entries."""
    if raw == "all":
        return None
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        fail(f"'{key}' must be 'all' or a list, one '- name' line each.", key)
    for index, entry in enumerate(raw):
        if not isinstance(entry, str) or not entry.strip():
            fail(f"each entry of '{key}' must be a name.", key, index)
    return [entry.strip() for entry in raw]


def _brands(raw: Any, manifest: Path, project: Project, fail: Any) -> tuple[str, ...]:
    from generator.brand import available_brands

    if raw is None:
        fail("the manifest needs 'brands:': 'all', or a list of brand names or brand.yml paths.")
    names = _names(raw, "brands", fail)
    if names is None:
        names = available_brands(project)
        if not names:
            fail("'brands: all' but there are no brands in content/brands/.", "brands")
    specs: dict[str, str] = {}
    for index, name in enumerate(names):
        spec = name
        if "/" in name or "\\" in name or name.endswith((".yml", ".yaml")):
            spec = str((manifest.parent / Path(name).expanduser()).resolve())  # relative to the manifest
        try:
            slug = brand_slug(brand_path(spec, project))
        except CharterError as exc:
            fail(exc.message, "brands", index)
        if slug in specs:
            fail(f"two brands would share the output folder '{slug}'; list each brand once.", "brands", index)
        specs[slug] = spec
    return tuple(specs.values())


def _documents(raw: Any, project: Project, fail: Any) -> tuple[str, ...]:
    known = list(document_paths(project))
    names = _names(raw, "documents", fail)
    if names is None:
        if not known:
            fail("'documents: all' but there are no documents in content/charter/.", "documents")
        return tuple(known)
    for index, name in enumerate(names):
        if name not in known:
            fail(
                f"unknown document '{name}'. Valid documents: {', '.join(known) or 'none'}.",
                "documents",
                index,
            )
    return tuple(dict.fromkeys(names))


def _formats(raw: Any, fail: Any) -> tuple[PackFormat, ...]:
    if raw is None:
        return tuple(PackFormat(f.name, PageOptions(f.default_paper)) for f in FORMATS.values())
    if isinstance(raw, list) and all(isinstance(entry, str) for entry in raw):
        raw = dict.fromkeys(raw)
    if not isinstance(raw, dict) or not raw:
        fail("'formats' must map each format to its paper, e.g. 'handout: A4', one per line.", "formats")
    entries = []
    for name, paper in raw.items():
        if name not in FORMATS:
            fail(f"unknown format '{name}'. Valid formats: {', '.join(FORMATS)}.", "formats", name)
        fmt = get_format(name)
        words = str(paper).split() if paper is not None else [fmt.default_paper]
        landscape = words[-1].lower() == "landscape" if words else False
        words = words[:-1] if landscape else words
        allowed = {p.lower(): p for p in fmt.papers}
        if len(words) != 1 or words[0].lower() not in allowed:
            fail(
                f"'{paper}' is not a paper for the {name} format. Use one of {', '.join(fmt.papers)}, "
                "optionally followed by 'landscape'.",
                "formats",
                name,
            )
        entries.append(PackFormat(name, PageOptions(allowed[words[0].lower()], landscape)))
    return tuple(entries)


# --- Planning ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One PDF to make: an item's own PDF, or an organisation's combined pack PDF."""

    brand: str  # slug or path, as in Pack.brands
    slug: str
    items: tuple[Item, ...]
    path: Path
    combined: bool
    key: str
    record: dict[str, Any] = field(compare=False)  # what manifest.json says of the file

    @property
    def label(self) -> str:
        return f"{self.slug}/{self.path.name}"

    @property
    def weight(self) -> int:
        """Rough rendering cost, in items."""
        return len(self.items)


def pack_folder(pack: Pack, out: Path) -> Path:
    return out / pack.name


def zip_path(pack: Pack, out: Path, slug: str) -> Path:
    return pack_folder(pack, out) / f"{pack.name}-{slug}.zip"


def plan_pack(project: Project, pack: Pack, out: Path, hasher: InputHasher) -> list[Task]:
    """Every task of the pack, in order: per brand, each item, then the combined PDF.

    Easy-read formats are left out, with a warning, for documents with no easy-read version.
    """
    tools = tool_versions()
    build_options = asdict(_OPTIONS)
    templates = hasher.templates
    paths = document_paths(project)
    has_easy_read = {d: easy_read_path(paths[d]).is_file() for d in pack.documents}
    wanted = [f for f in pack.formats if get_format(f.fmt).easy_read]
    for doc_id in [d for d in pack.documents if wanted and not has_easy_read[d]]:
        LOG.warning(
            f"{doc_id} has no easy-read version ({easy_read_path(paths[doc_id]).name}); "
            "the pack leaves out its easy-read formats."
        )
    tasks = []
    for spec in pack.brands:
        brand_file = brand_path(spec, project)
        slug = brand_slug(brand_file)
        folder = pack_folder(pack, out) / slug
        brand_inputs = hasher.brand(brand_file)
        items, all_inputs = [], {**templates, **brand_inputs}
        for doc_id in pack.documents:
            doc_inputs = hasher.document(doc_id)
            all_inputs.update(doc_inputs)
            for entry in pack.formats:
                if get_format(entry.fmt).easy_read and not has_easy_read[doc_id]:
                    continue
                item = Item(doc_id, spec, entry.fmt, entry.page)
                inputs = {**templates, **brand_inputs, **doc_inputs}
                options = {"document": doc_id, "format": entry.fmt, **asdict(entry.page)}
                key = key_of({"tools": tools, "inputs": inputs, "options": options, "build": build_options})
                path = item.path(pack_folder(pack, out), slug)
                record = {"path": path.name, **options, "key": key, "inputs": inputs}
                tasks.append(Task(spec, slug, (item,), path, False, key, record))
                items.append(item)
        if not items:
            continue
        contents = [f"{i.doc_id} ({i.fmt}, {_paper_text(i.page)})" for i in items]
        details = {"title": pack.title, "event": asdict(pack.event), "documents": contents}
        inputs = dict(sorted(all_inputs.items()))
        key = key_of(
            {"tools": tools, "inputs": inputs, "pack": details, "brand": slug, "build": build_options}
        )
        path = folder / f"{pack.name}-{slug}.pdf"
        record = {"path": path.name, **details, "key": key, "inputs": inputs}
        tasks.append(Task(spec, slug, tuple(items), path, True, key, record))
    if not tasks:
        raise CharterError(
            "the pack has nothing to build: no document has the formats it asks for.", pack.source
        )
    return tasks


def _paper_text(page: PageOptions) -> str:
    return f"{page.paper} landscape" if page.landscape else page.paper


# --- Rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskResult:
    """What became of one task."""

    status: str  # "built", "unchanged" or "failed"
    pages: int | None = None
    size: int | None = None
    seconds: float | None = None
    sha256: str | None = None
    error: str | None = None
    # A combined PDF's laid-out sections (a poster's carries its fitted type), handed on to
    # the items so that no worker works one out again.
    sections: tuple[Section, ...] = field(default=(), compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class Progress(Protocol):
    """Receives a build's progress (the CLI draws a bar or prints lines)."""

    def start(self, tasks: list[Task]) -> None: ...
    def begin(self, task: Task) -> None: ...
    def end(self, task: Task, result: TaskResult) -> None: ...
    def tick(self) -> None: ...
    def stop(self) -> None: ...


class _Silent:
    def start(self, tasks: list[Task]) -> None: ...
    def begin(self, task: Task) -> None: ...
    def end(self, task: Task, result: TaskResult) -> None: ...
    def tick(self) -> None: ...
    def stop(self) -> None: ...


def render_task(pack: Pack, inputs: Inputs, task: Task, known: tuple[Section, ...] = ()) -> TaskResult:
    """Render and write one task's PDF (from ``known`` sections when given); a problem becomes a
    failed result, never a half-written file."""
    start = time.perf_counter()
    try:
        sections = list(known) or [item_section(inputs, item, _OPTIONS) for item in task.items]
        if task.combined:
            brand = inputs.brand(task.brand)
            title, language, date = f"{pack.title}: {brand.name}", sections[0].doc.language, pack.event.date
            context = {"pack": pack, "event": pack.event}
            _, document = layout_sections(
                inputs, sections, title, language, brand, date, PACK_FRONT, context, PACK_STYLES
            )
        else:
            doc, brand = sections[0].doc, sections[0].brand
            _, document = layout_sections(inputs, sections, doc.title, doc.language, brand, doc.date)
        data = pdf_bytes(document)
        write_atomic(task.path, data)
    except CharterError as exc:
        return TaskResult("failed", error=exc.message)
    except Exception:  # a bug: keep its traceback for the report
        return TaskResult("failed", error=f"internal error (please report it):\n{traceback.format_exc()}")
    seconds = time.perf_counter() - start
    kept = tuple(sections) if task.combined else ()
    return TaskResult("built", len(document.pages), len(data), seconds, digest_bytes(data), sections=kept)


class _Schedule:
    """The order tasks are handed out in: combined PDFs first (the largest, and each lays out
    every section of its organisation), then items, first those whose section a finished
    combined PDF has laid out (handed over with the item), then those of organisations
    whose combined PDF is not still to come."""

    def __init__(self, tasks: list[Task]):
        self.tasks = tasks
        self.pending = sorted(range(len(tasks)), key=lambda i: -tasks[i].weight)
        self.unfinished = {t.slug for t in tasks if t.combined}
        self.known: dict[Item, Section] = {}

    def take(self) -> tuple[int, tuple[Section, ...]] | None:
        """The next task (by index) and the sections it can use, or None when all are handed out."""
        if not self.pending:
            return None

        def rank(index: int) -> int:
            task = self.tasks[index]
            if task.combined:
                return 0
            return 1 if task.items[0] in self.known else 2 if task.slug not in self.unfinished else 3

        index = min(self.pending, key=rank)
        self.pending.remove(index)
        task = self.tasks[index]
        known = () if task.combined or task.items[0] not in self.known else (self.known.pop(task.items[0]),)
        return index, known

    def learn(self, task: Task, result: TaskResult) -> None:
        if task.combined:
            self.unfinished.discard(task.slug)
            self.known.update(zip(task.items, result.sections, strict=False))


# Set in the parent before workers fork, so each worker inherits the loaded inputs.
_WORK: tuple[Pack, Inputs, list[Task]] | None = None


def _serve(connection: Connection) -> None:
    """A worker: render the tasks the parent sends (index and known sections) until it sends None."""
    assert _WORK is not None
    pack, inputs, tasks = _WORK
    while (message := connection.recv()) is not None:
        index, known = message
        connection.send(render_task(pack, inputs, tasks[index], known))


@dataclass
class _Worker:
    process: Any
    connection: Connection
    task: int | None = None


def _run_in_workers(
    tasks: list[Task], schedule: _Schedule, jobs: int, progress: Progress
) -> Iterator[tuple[Task, TaskResult]]:
    """Render tasks in ``jobs`` forked workers, in the schedule's order; yield each result as it comes."""
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []

    def start_worker() -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end,), daemon=True)
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        workers.append(worker)
        return worker

    def assign(worker: _Worker) -> None:
        message = schedule.take()
        worker.task = message[0] if message else None
        if message is not None:
            worker.connection.send(message)
            progress.begin(tasks[message[0]])

    try:
        for _ in range(min(jobs, len(tasks))):
            assign(start_worker())
        while busy := [w for w in workers if w.task is not None]:
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=0.2)
            progress.tick()
            for worker in busy:
                if worker.connection in ready:
                    try:
                        result = worker.connection.recv()
                    except EOFError:
                        result = None
                elif worker.process.sentinel in ready:
                    result = None
                else:
                    continue
                assert worker.task is not None
                task = tasks[worker.task]
                if result is None:  # the worker died (a crash in a native library)
                    worker.process.join()
                    workers.remove(worker)
                    code = worker.process.exitcode
                    result = TaskResult("failed", error=f"the worker process stopped (exit code {code}).")
                    worker = start_worker()
                yield task, result
                assign(worker)
    finally:
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.connection.send(None)
        for worker in workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.terminate()
                worker.process.join()


def _render(
    pack: Pack, inputs: Inputs, tasks: list[Task], jobs: int, progress: Progress
) -> dict[Task, TaskResult]:
    """Render the tasks, in this process (one job) or in forked workers."""
    results: dict[Task, TaskResult] = {}
    schedule = _Schedule(tasks)
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        while (message := schedule.take()) is not None:
            task = tasks[message[0]]
            progress.begin(task)
            results[task] = render_task(pack, inputs, task, message[1])
            schedule.learn(task, results[task])
            progress.end(task, results[task])
        return results
    global _WORK
    _WORK = (pack, inputs, tasks)
    try:
        for task, result in _run_in_workers(tasks, schedule, jobs, progress):
            results[task] = result
            schedule.learn(task, result)
            progress.end(task, result)
    finally:
        _WORK = None
    return results


def _needs(task: Task) -> list[tuple[str, str]]:
    """The inputs a task reads: its brand, its documents, and their easy-read versions."""
    needs = [("brand", task.brand)]
    for item in task.items:
        needs.append(("document", item.doc_id))
        if get_format(item.fmt).easy_read:
            needs.append(("easy-read", item.doc_id))
    return list(dict.fromkeys(needs))


def _load_inputs(project: Project, tasks: list[Task]) -> tuple[Inputs, dict[tuple[str, str], str]]:
    """Read every brand and document the tasks use, once, before workers fork (warnings are
    printed once here, and workers inherit what was read).

    Returns the inputs and the problems found, by input.
    """
    import weasyprint  # noqa: F401  (imported once here, so forked workers do not pay for it)

    inputs = Inputs(project)
    problems: dict[tuple[str, str], str] = {}
    for need in dict.fromkeys(n for t in tasks for n in _needs(t)):
        kind, name = need
        try:
            if kind == "brand":
                warn_or_refuse(inputs.brand(name).warnings, strict=False)
            elif kind == "document":
                inputs.document(name)
            else:
                warn_or_refuse(easy_read_warnings(inputs.easy_read(name)), strict=False)
        except CharterError as exc:
            problems[need] = exc.message
    return inputs, problems


# --- The build --------------------------------------------------------------------------------


@dataclass
class PackReport:
    """Every task of a run with its result, and the zips written or kept."""

    tasks: list[Task]
    results: dict[Task, TaskResult]
    zips: list[Path]
    seconds: float

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
    progress = progress or _Silent()
    hasher = InputHasher(project)
    tasks = plan_pack(project, pack, out, hasher)
    previous = {t.slug: _read_manifest(t.path.parent) for t in tasks}
    results: dict[Task, TaskResult] = {}
    todo = []
    for task in tasks:
        entry = previous[task.slug].get(task.path.name)
        if not force and _up_to_date(task, entry):
            results[task] = TaskResult("unchanged", entry["pages"], entry["size"], None, entry["sha256"])
        else:
            todo.append(task)
    if todo:
        progress.start(todo)
        try:
            inputs, problems = _load_inputs(project, todo)
            runnable = []
            for task in todo:
                problem = next((problems[n] for n in _needs(task) if n in problems), None)
                if problem:
                    results[task] = TaskResult("failed", error=problem)
                    progress.end(task, results[task])
                else:
                    runnable.append(task)
            results.update(_render(pack, inputs, runnable, jobs, progress))
        finally:
            progress.stop()
            _remove_part_files(pack_folder(pack, out))
    zips = []
    for slug in dict.fromkeys(t.slug for t in tasks):
        brand_tasks = [t for t in tasks if t.slug == slug]
        written = _finish_folder(pack, out, slug, brand_tasks, results, previous[slug], force)
        zips.extend([written] if written else [])
    return PackReport(tasks, {t: results[t] for t in tasks}, zips, time.perf_counter() - start)


def _up_to_date(task: Task, entry: dict[str, Any] | None) -> bool:
    return (
        entry is not None
        and entry.get("key") == task.key
        and task.path.is_file()
        and digest_file(task.path) == entry.get("sha256")
    )


def _read_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    """The files an earlier run recorded in a folder's manifest.json, by name (empty if none)."""
    try:
        data = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        return {entry["path"]: entry for entry in data["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _finish_folder(
    pack: Pack,
    out: Path,
    slug: str,
    tasks: list[Task],
    results: dict[Task, TaskResult],
    previous: dict[str, dict[str, Any]],
    force: bool,
) -> Path | None:
    """Write an organisation's manifest.json and zip; returns the zip when the pack is complete.

    A failed task leaves no file (an older copy is removed, as it no longer matches its inputs),
    and an incomplete pack gets no zip.
    """
    folder = tasks[0].path.parent
    entries = []
    for task in tasks:
        result = results[task]
        if not result.ok:
            task.path.unlink(missing_ok=True)
            continue
        facts = {"sha256": result.sha256, "size": result.size, "pages": result.pages}
        entries.append({"path": task.record["path"], **facts, **task.record})
    planned = {t.path.name for t in tasks}
    for name in previous.keys() - planned:  # formats or documents since dropped from the pack
        (folder / name).unlink(missing_ok=True)
    archive = zip_path(pack, out, slug)
    manifest = folder / MANIFEST_FILE
    if not entries:
        archive.unlink(missing_ok=True)
        manifest.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()
        return None
    data = {
        "pack": pack.name,
        "title": pack.title,
        "organisation": slug,
        "complete": len(entries) == len(tasks),
        "tools": tool_versions(),
        "files": entries,
    }
    text = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
    changed = not manifest.is_file() or manifest.read_bytes() != text
    if changed:
        write_atomic(manifest, text)
    if len(entries) < len(tasks):
        archive.unlink(missing_ok=True)
        return None
    if changed or force or not archive.is_file():
        write_atomic(archive, _zip_folder(folder, [e["path"] for e in entries] + [MANIFEST_FILE], pack.event))
    return archive


def _zip_folder(folder: Path, names: list[str], event: Event) -> bytes:
    """The folder's files under ``<folder name>/``, byte for byte the same from the same files."""
    import io

    stamp = (1980, 1, 1, 0, 0, 0)
    if event.date:
        day = datetime.datetime.strptime(event.date, _DATE_FORMAT)
        stamp = (max(day.year, 1980), day.month, day.day, 9, 0, 0)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(f"{folder.name}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, (folder / name).read_bytes())
    return buffer.getvalue()


def _remove_part_files(folder: Path) -> None:
    """Temp files a killed worker may have left (write_atomic cleans up after itself otherwise)."""
    if folder.is_dir():
        for part in folder.glob("*/.*.part"):
            part.unlink(missing_ok=True)


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
