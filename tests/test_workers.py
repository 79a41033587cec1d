"""The pack's scheduler and worker pool, with a stand-in for rendering (no WeasyPrint): the jobs
tasks are handed out in, results from forked workers, and a worker that dies."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.brand import BrandRef
from generator.formats import PAPERS, PageOptions
from generator.pack import Schedule, Task, TaskResult, render_tasks
from generator.pack import workers as pool
from generator.progress import LineProgress, progress_for
from generator.run import Item

A3 = PageOptions(paper=PAPERS["A3"])


def tasks_for(*slugs: str, formats: tuple[str, ...] = ("handout", "poster")) -> list[Task]:
    """Per brand, one task per format (on A4, and a poster on A3 too), then the combined PDF of
    the A4 ones (as plan_pack orders them)."""
    tasks = []
    for slug in slugs:
        brand = BrandRef(Path(f"/brands/{slug}/_brand.yml"), slug)
        items = tuple(Item("doc", brand, fmt, PageOptions()) for fmt in formats)
        extra = tuple(Item("doc", brand, fmt, A3) for fmt in formats if fmt == "poster")
        tasks += [
            Task(
                brand, (item,), Path(f"/out/{slug}/doc-{item.fmt}-{item.page.paper.name}.pdf"), False, "k", {}
            )
            for item in (*items, *extra)
        ]
        tasks.append(Task(brand, items, Path(f"/out/{slug}/pack-{slug}.pdf"), True, "pack", {}))
    return tasks


def fake_job(pack: Any, inputs: Any, job: list[Task]) -> Iterator[tuple[Task, TaskResult]]:
    """Stands in for render_job: each task's result says which job it was in (in ``error``, for
    the test to read) and in which process."""
    for task in job:
        if task.path.name == "doc-poster-A4.pdf" and task.slug == "crash":
            os._exit(3)  # a crash in a native library: the process is gone, no result
        together = ",".join(t.path.name for t in job)
        yield task, TaskResult("built", pages=len(job), error=together, sha256=str(os.getpid()))


class Recorder:
    """Progress that records what it is told."""

    def __init__(self) -> None:
        self.events: list[tuple[str, str]] = []

    def start(self, tasks: list[Task]) -> None:
        self.events.append(("start", str(len(tasks))))

    def begin(self, task: Task) -> None:
        self.events.append(("begin", task.label))

    def end(self, task: Task, result: TaskResult) -> None:
        self.events.append(("end", task.label))

    def tick(self) -> None:
        pass

    def stop(self) -> None:
        pass


def test_a_combined_pdf_is_one_job_with_the_items_it_shares_layouts_with_then_every_other_task() -> None:
    tasks = tasks_for("a", "b")
    schedule = Schedule(tasks)
    jobs = []
    while (job := schedule.take()) is not None:
        jobs.append([tasks[index].label for index in job])
    assert jobs == [
        # The combined PDF last in its job: it is made from its items' layouts.
        ["a/doc-handout-A4.pdf", "a/doc-poster-A4.pdf", "a/pack-a.pdf"],
        ["b/doc-handout-A4.pdf", "b/doc-poster-A4.pdf", "b/pack-b.pdf"],
        # The A3 poster is not in the combined PDF (its A4 version is): it is a job of its own.
        ["a/doc-poster-A3.pdf"],
        ["b/doc-poster-A3.pdf"],
    ]


def test_without_its_combined_pdf_an_item_is_a_job_of_its_own() -> None:
    tasks = [t for t in tasks_for("a") if not t.combined]  # the combined PDF is up to date
    schedule = Schedule(tasks)
    assert [schedule.take() for _ in range(4)] == [(0,), (1,), (2,), None]


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_task_is_rendered_once_in_this_process_or_in_workers(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(pool, "render_job", fake_job)
    tasks = tasks_for("a", "b")
    progress = Recorder()
    results = render_tasks(None, None, tasks, jobs, progress)  # type: ignore[arg-type]
    assert set(results) == set(tasks) and all(r.ok for r in results.values())
    for task in tasks:  # each organisation's items on A4 and its combined PDF in one job
        together = results[task].error or ""
        assert ("pack-" in together) == (task.items[0].page.paper.name == "A4" or task.combined)
    pids = {r.sha256 for r in results.values()}
    assert (pids == {str(os.getpid())}) if jobs == 1 else (str(os.getpid()) not in pids and len(pids) <= 2)
    assert sorted(label for kind, label in progress.events if kind == "begin") == sorted(
        t.label for t in tasks
    )
    assert [kind for kind, _ in progress.events].count("end") == len(tasks)


def test_a_worker_that_dies_fails_what_is_left_of_its_job_alone_and_is_replaced(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pool, "render_job", fake_job)
    tasks = tasks_for("crash", "b")
    results = render_tasks(None, None, tasks, 2, Recorder())  # type: ignore[arg-type]
    failed = {t.label: r.error for t, r in results.items() if not r.ok}
    stopped = "the worker process stopped (exit code 3)."
    assert failed == {"crash/doc-poster-A4.pdf": stopped, "crash/pack-crash.pdf": stopped}
    assert sum(r.ok for r in results.values()) == len(tasks) - 2


def test_default_jobs_is_the_cpus_this_process_may_use() -> None:
    assert pool.default_jobs() == len(os.sched_getaffinity(0))


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_live_bar_shows_counts_what_is_rendering_and_failures() -> None:
    tasks = tasks_for("a", formats=("handout",))
    terminal, log = Terminal(), io.StringIO()
    progress = progress_for(terminal, log)
    progress.start(tasks)
    progress.begin(tasks[0])
    assert "0/2" in terminal.getvalue() and "a/doc-handout-A4.pdf" in terminal.getvalue()
    progress.end(tasks[0], TaskResult("failed", error="broken"))
    progress.tick()
    progress.begin(tasks[1])
    progress.end(tasks[1], TaskResult("built", 3, 100, 1.0, "x"))
    progress.stop()
    shown = terminal.getvalue()
    assert "failed: a/doc-handout-A4.pdf" in shown and "2/2" in shown
    assert log.getvalue() == ""


def test_plain_lines_when_not_a_terminal() -> None:
    tasks = tasks_for("a", formats=("handout",))
    log = io.StringIO()
    progress = progress_for(io.StringIO(), log)
    assert isinstance(progress, LineProgress)
    progress.start(tasks)
    progress.begin(tasks[0])
    progress.end(tasks[0], TaskResult("built", 1, 100, 0.25, "x"))
    progress.end(tasks[1], TaskResult("failed", error="brand file not found.\nmore"))
    progress.tick()
    progress.stop()
    assert log.getvalue().splitlines() == [
        "[1/2] a/doc-handout-A4.pdf (1 page, 0.2 s)",
        "[2/2] a/pack-a.pdf (failed: brand file not found.)",
    ]
