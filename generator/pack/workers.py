"""Rendering a pack's tasks: in this process, or in a pool of forked worker processes.

Why not ``concurrent.futures.ProcessPoolExecutor``:

- the order is decided as workers free up (``Schedule``): a finished combined PDF hands its
  laid-out sections to its organisation's items, so what runs next depends on what finished;
  an executor takes its work up front;
- a worker that dies (a crash in a native library, the out-of-memory killer) fails only the
  task it held and is replaced; an executor is broken for good (``BrokenProcessPool``) and
  fails every pending task;
- workers fork after WeasyPrint is imported and every input is read, and inherit them; a task
  is sent as its index, so nothing large is pickled on the way in.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from generator.build import Inputs, Item, item_section, layout_sections
from generator.cache import digest_bytes
from generator.compose import Composition, Section
from generator.errors import CharterError
from generator.fonts import check_glyphs
from generator.pack.manifest import Pack
from generator.pack.plan import OPTIONS, Task
from generator.render import pdf_bytes, release_fonts, write_atomic
from generator.renderers import Rendered, render

PACK_FRONT = ("pack-cover.html.j2", "pack-contents.html.j2")
PACK_STYLES = ("css/pack.css",)


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


class Silent:
    """Progress that shows nothing."""

    def start(self, tasks: list[Task]) -> None: ...
    def begin(self, task: Task) -> None: ...
    def end(self, task: Task, result: TaskResult) -> None: ...
    def tick(self) -> None: ...
    def stop(self) -> None: ...


def render_task(pack: Pack, inputs: Inputs, task: Task, known: tuple[Section, ...] = ()) -> TaskResult:
    """Render and write one task's file (from ``known`` sections when given); a problem becomes a
    failed result, never a half-written file. An item is made by its format's renderer."""
    start = time.perf_counter()
    try:
        inputs.sections.update(zip(task.items, known, strict=False))
        sections = [item_section(inputs, item, OPTIONS) for item in task.items]
        if task.combined:
            brand = inputs.brand(task.brand)
            check_glyphs(pack.source, brand.faces)  # its title and event details are on the cover
            composition = Composition(
                tuple(sections),
                f"{pack.title}: {brand.name}",
                sections[0].doc.language,
                brand,
                pack.event.date,
                PACK_FRONT,
                PACK_STYLES,
                # The charter's name is the full document's, whichever format comes first.
                {"pack": pack, "event": pack.event, "charter": inputs.document(sections[0].doc.id).charter},
            )
            _, document = layout_sections(inputs, composition)
            made = Rendered(pdf_bytes(document, outlines_panel=True), len(document.pages))
        else:
            made = render(inputs, task.items[0], OPTIONS)
        write_atomic(task.path, made.data)
    except CharterError as exc:
        return TaskResult("failed", error=exc.message)
    except Exception:  # a bug: keep its traceback for the report
        return TaskResult("failed", error=f"internal error (please report it):\n{traceback.format_exc()}")
    seconds = time.perf_counter() - start
    kept = tuple(sections) if task.combined else ()
    return TaskResult("built", made.pages, len(made.data), seconds, digest_bytes(made.data), sections=kept)


class Schedule:
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


def _serve(connection: Connection, parent: int) -> None:
    """A worker: render the tasks the parent sends (index and known sections) until it sends None."""
    assert _WORK is not None
    _die_with_parent(parent)
    pack, inputs, tasks = _WORK
    while (message := connection.recv()) is not None:
        index, known = message
        connection.send(render_task(pack, inputs, tasks[index], known))
    release_fonts()  # a worker ends without running atexit: remove the fonts' temporary folders


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this worker the moment the parent dies, however it dies (SIGKILL, the
    out-of-memory killer): Linux's PR_SET_PDEATHSIG. Its temp file is removed by the next run."""
    import ctypes
    import ctypes.util

    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


_PR_SET_PDEATHSIG = 1


@dataclass
class _Worker:
    process: Any
    connection: Connection
    task: int | None = None


def _run_in_workers(
    tasks: list[Task], schedule: Schedule, jobs: int, progress: Progress
) -> Iterator[tuple[Task, TaskResult]]:
    """Render tasks in ``jobs`` forked workers, in the schedule's order; yield each result as it comes."""
    context = multiprocessing.get_context("fork")
    workers: list[_Worker] = []

    def start_worker() -> _Worker:
        parent_end, child_end = context.Pipe()
        process = context.Process(target=_serve, args=(child_end, os.getpid()), daemon=True)
        # Ctrl-C reaches every process of the terminal's group: workers ignore it (no tracebacks)
        # and the parent stops them.
        interrupt = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            process.start()
        finally:
            signal.signal(signal.SIGINT, interrupt)
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

    finished = False
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
        finished = True
    finally:
        for worker in workers:
            if finished:
                with contextlib.suppress(OSError):
                    worker.connection.send(None)
            else:  # interrupted: stop at once, mid-render (the parent removes the temp files)
                worker.process.kill()
        for worker in workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()


def render_tasks(
    pack: Pack, inputs: Inputs, tasks: list[Task], jobs: int, progress: Progress
) -> dict[Task, TaskResult]:
    """Render the tasks, in this process (one job) or in forked workers."""
    results: dict[Task, TaskResult] = {}
    schedule = Schedule(tasks)
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


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
