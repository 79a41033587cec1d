"""Rendering a pack's tasks: in this process, or in a pool of forked worker processes.

Tasks are handed out in jobs (``Schedule``): an organisation's combined PDF is one job with the
items whose layouts it shares (those on the pack's paper), so that every layout is made once and
kept in one process's memory only while the job runs; every other task is a job of its own.

Why not ``concurrent.futures.ProcessPoolExecutor``:

- a job yields several results, each reported as soon as its file is written;
- a worker that dies (a crash in a native library, the out-of-memory killer) fails only the
  tasks it held and is replaced; an executor is broken for good (``BrokenProcessPool``) and
  fails every pending task;
- workers fork after WeasyPrint is imported and every input is read, and inherit them; a job
  is sent as task indexes, so nothing large is pickled on the way in.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.connection import Connection, wait
from typing import Any, Protocol

from generator.cache import digest_bytes
from generator.errors import CharterError, TempWriteError
from generator.formats import get_format
from generator.pack.combine import combined_pdf
from generator.pack.manifest import Pack
from generator.pack.plan import OPTIONS, Task, contents_entry
from generator.pdf import item_pdf, layout_item
from generator.render import release_fonts, write_atomic
from generator.renderers import Rendered, render
from generator.run import Inputs, Item


@dataclass(frozen=True)
class TaskResult:
    """What became of one task."""

    status: str  # "built", "unchanged" or "failed"
    pages: int | None = None
    size: int | None = None
    seconds: float | None = None
    sha256: str | None = None
    error: str | None = None
    # A combined PDF's items that could not be laid out, so it holds the rest ('appendix-b (handout,
    # A4)', as the manifest's contents list names them), each with its error.
    missing: tuple[tuple[str, str], ...] = ()

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


def render_task(pack: Pack, inputs: Inputs, task: Task) -> TaskResult:
    """Render and write one task's file (a job of one task)."""
    ((_, result),) = render_job(pack, inputs, [task])
    return result


def render_job(pack: Pack, inputs: Inputs, job: list[Task]) -> Iterator[tuple[Task, TaskResult]]:
    """Render and write a job's files, yielding each task's result as it is written: the items
    first, then the combined PDF (if the job has it) from the same layouts. A problem fails its
    task, never leaves a half-written file."""
    layouts: dict[Item, tuple[Any, Any]] = {}  # an item's section and Document, kept for the combined PDF
    combined = next((task for task in job if task.combined), None)
    shared = set(combined.items) if combined else set()

    def item(task: Task) -> Rendered:
        (one,) = task.items
        if one not in shared:
            return render(inputs, one, OPTIONS)
        layouts[one] = laid_out(one)
        return item_pdf(one, *layouts[one], OPTIONS)

    failed: dict[Item, str] = {}  # items that could not be laid out, and why

    def laid_out(one: Item) -> tuple[Any, Any]:
        try:
            return layout_item(inputs, one, OPTIONS)
        except CharterError as exc:
            failed[one] = exc.message
            raise

    def pack_pdf(task: Task) -> Rendered:
        """The combined PDF of the items that can be laid out; the others are listed as missing."""
        for one in task.items:
            if one not in layouts and one not in failed:
                with contextlib.suppress(CharterError):
                    layouts[one] = laid_out(one)
        kept = [layouts[one] for one in task.items if one in layouts]
        if not kept:
            raise CharterError("none of its items could be made (see their errors).")
        sections, documents = zip(*kept, strict=True)
        missing = [(one, failed[one]) for one in task.items if one in failed]
        return combined_pdf(pack, inputs, sections, documents, missing)

    for task in job:
        if not task.combined:
            yield task, _written(task, item)
    if combined is not None:
        result = _written(combined, pack_pdf)
        missing = tuple((contents_entry(one), failed[one]) for one in combined.items if one in failed)
        yield combined, replace(result, missing=missing) if result.ok else result


def _written(task: Task, make: Callable[[Task], Rendered]) -> TaskResult:
    start = time.perf_counter()
    try:
        made = make(task)
        write_atomic(task.path, made.data)
    except TempWriteError as exc:  # said of the file being made, not the temp folder
        return TaskResult("failed", error=exc.for_output(task.path).message)
    except CharterError as exc:
        return TaskResult("failed", error=exc.message)
    except Exception:  # a bug: keep its traceback for the report
        return TaskResult("failed", error=f"internal error (please report it):\n{traceback.format_exc()}")
    seconds = time.perf_counter() - start
    return TaskResult("built", made.pages, len(made.data), seconds, digest_bytes(made.data))


class Schedule:
    """The order tasks are handed out in, as jobs of task indexes: first each organisation's
    combined PDF with its items on the pack's paper (the largest jobs), then every other task
    alone, largest first, so two workers end at about the same time."""

    def __init__(self, tasks: list[Task]):
        jobs: list[tuple[int, ...]] = []
        grouped: set[int] = set()
        for index, task in enumerate(tasks):
            if task.combined:
                shared = set(task.items)
                items = [
                    i
                    for i, t in enumerate(tasks)
                    if not t.combined and t.slug == task.slug and t.items[0] in shared
                ]
                jobs.append((*items, index))
                grouped.update(jobs[-1])
        jobs.sort(key=lambda job: -sum(_weight(tasks[i]) for i in job))
        alone = sorted((i for i in range(len(tasks)) if i not in grouped), key=lambda i: -_weight(tasks[i]))
        self.pending = [*jobs, *((i,) for i in alone)]

    def take(self) -> tuple[int, ...] | None:
        """The next job, or None when all are handed out."""
        return self.pending.pop(0) if self.pending else None


def _weight(task: Task) -> int:
    """Rough rendering cost: a PDF item 2 (a poster is fitted), a web page or braille 1, a combined
    PDF 1 for each item (laid out already, or in its own job) and its cover."""
    if task.combined:
        return len(task.items) + 1
    return get_format(task.items[0].fmt).cost


# Set in the parent before workers fork, so each worker inherits the loaded inputs.
_WORK: tuple[Pack, Inputs, list[Task]] | None = None


def _serve(connection: Connection, parent: int) -> None:
    """A worker: render the jobs the parent sends (task indexes), sending back each task's index
    and result as it is written, until the parent sends None."""
    assert _WORK is not None
    _die_with_parent(parent)
    pack, inputs, tasks = _WORK
    while (job := connection.recv()) is not None:
        for task, result in render_job(pack, inputs, [tasks[index] for index in job]):
            connection.send((tasks.index(task), result))
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
    job: list[int] = field(default_factory=list)  # the tasks it still has to send back, in order


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
        job = schedule.take()
        worker.job = list(job or ())
        if job is not None:
            worker.connection.send(job)
            progress.begin(tasks[job[0]])

    finished = False
    try:
        for _ in range(min(jobs, len(tasks))):
            assign(start_worker())
        while busy := [w for w in workers if w.job]:
            ready = wait([w.connection for w in busy] + [w.process.sentinel for w in busy], timeout=0.2)
            progress.tick()
            for worker in busy:
                if worker.connection in ready:
                    try:
                        message = worker.connection.recv()
                    except EOFError:
                        message = None
                elif worker.process.sentinel in ready:
                    message = None
                else:
                    continue
                if message is None:  # the worker died (a crash in a native library): its job fails
                    worker.process.join()
                    workers.remove(worker)
                    code = worker.process.exitcode
                    result = TaskResult("failed", error=f"the worker process stopped (exit code {code}).")
                    for index in worker.job:
                        yield tasks[index], result
                    assign(start_worker())
                    continue
                index, result = message
                worker.job.remove(index)
                yield tasks[index], result
                if worker.job:
                    progress.begin(tasks[worker.job[0]])
                else:
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
    pack: Pack,
    inputs: Inputs,
    tasks: list[Task],
    jobs: int,
    progress: Progress,
    done: Callable[[Task, TaskResult], None] = lambda task, result: None,
) -> dict[Task, TaskResult]:
    """Render the tasks, in this process (one job) or in forked workers; ``done`` is told of each
    result as it comes."""
    results: dict[Task, TaskResult] = {}
    schedule = Schedule(tasks)
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        while (job := schedule.take()) is not None:
            progress.begin(tasks[job[0]])
            for task, result in render_job(pack, inputs, [tasks[index] for index in job]):
                results[task] = result
                progress.end(task, result)
                done(task, result)
                if left := [tasks[i] for i in job if tasks[i] not in results]:
                    progress.begin(left[0])
        return results
    global _WORK
    _WORK = (pack, inputs, tasks)
    try:
        for task, result in _run_in_workers(tasks, schedule, jobs, progress):
            results[task] = result
            progress.end(task, result)
            done(task, result)
    finally:
        _WORK = None
    return results


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
