"""The pack's scheduler and worker pool, with a stand-in for rendering (no WeasyPrint): the order
tasks are handed out, sections handed from a combined PDF to its items, results from forked
workers, and a worker that dies."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import pytest

from generator.brand import BrandRef
from generator.build import Item
from generator.formats import PageOptions
from generator.pack import Schedule, Task, TaskResult, render_tasks
from generator.pack import workers as pool
from generator.progress import LineProgress, progress_for


def tasks_for(*slugs: str, formats: tuple[str, ...] = ("handout", "poster")) -> list[Task]:
    """Per brand, one task per format, then the combined PDF (as plan_pack orders them)."""
    tasks = []
    for slug in slugs:
        brand = BrandRef(Path(f"/brands/{slug}/_brand.yml"), slug)
        items = tuple(Item("doc", brand, fmt, PageOptions()) for fmt in formats)
        tasks += [
            Task(brand, (item,), Path(f"/out/{slug}/doc-{item.fmt}.pdf"), False, item.fmt, {})
            for item in items
        ]
        tasks.append(Task(brand, items, Path(f"/out/{slug}/pack-{slug}.pdf"), True, "pack", {}))
    return tasks


def fake_render(pack: Any, inputs: Any, task: Task, known: tuple[Any, ...] = ()) -> TaskResult:
    """Stands in for render_task: a combined PDF 'lays out' one section per item; an item says
    which sections it was handed (in ``error``, for the test to read) and in which process."""
    if task.path.name == "doc-poster.pdf" and task.slug == "crash":
        os._exit(3)  # a crash in a native library: the process is gone, no result
    sections = tuple(f"section:{i.brand.slug}/{i.fmt}" for i in task.items) if task.combined else ()
    return TaskResult(
        "built", pages=len(known), error=",".join(known), sha256=str(os.getpid()), sections=sections
    )


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


def test_combined_pdfs_go_first_then_items_with_their_sections_handed_over() -> None:
    tasks = tasks_for("a", "b")
    schedule = Schedule(tasks)
    order = []
    while (taken := schedule.take()) is not None:
        index, known = taken
        task = tasks[index]
        order.append((task.label, known))
        schedule.learn(task, fake_render(None, None, task, known))
    assert order == [
        ("a/pack-a.pdf", ()),
        ("b/pack-b.pdf", ()),
        ("a/doc-handout.pdf", ("section:a/handout",)),
        ("a/doc-poster.pdf", ("section:a/poster",)),
        ("b/doc-handout.pdf", ("section:b/handout",)),
        ("b/doc-poster.pdf", ("section:b/poster",)),
    ]


def test_items_of_a_brand_whose_combined_pdf_is_not_done_wait_for_it() -> None:
    tasks = tasks_for("a", "b")
    schedule = Schedule(tasks)
    first, _ = schedule.take() or (None, ())
    second, _ = schedule.take() or (None, ())
    assert {tasks[first].label, tasks[second].label} == {"a/pack-a.pdf", "b/pack-b.pdf"}
    schedule.learn(tasks[second], fake_render(None, None, tasks[second]))  # b finishes first
    index, known = schedule.take() or (None, ())
    assert tasks[index].slug == "b" and known  # b's items, with their sections, before a's


def test_a_failed_combined_pdf_hands_nothing_over() -> None:
    tasks = tasks_for("a")
    schedule = Schedule(tasks)
    index, _ = schedule.take() or (None, ())
    schedule.learn(tasks[index], TaskResult("failed", error="broken"))
    taken = [schedule.take(), schedule.take(), schedule.take()]
    assert [known for _, known in taken[:2]] == [(), ()] and taken[2] is None


@pytest.mark.parametrize("jobs", [1, 2])
def test_every_task_is_rendered_once_in_this_process_or_in_workers(
    monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(pool, "render_task", fake_render)
    tasks = tasks_for("a", "b")
    progress = Recorder()
    results = render_tasks(None, None, tasks, jobs, progress)  # type: ignore[arg-type]
    assert set(results) == set(tasks) and all(r.ok for r in results.values())
    for task in [t for t in tasks if not t.combined]:
        # An item gets its own section from its organisation's combined PDF when that has finished
        # (in one process, always); a free worker does not wait for it.
        handed = results[task].error
        assert handed == f"section:{task.slug}/{task.items[0].fmt}" or (jobs > 1 and handed == "")
    pids = {r.sha256 for r in results.values()}
    assert (pids == {str(os.getpid())}) if jobs == 1 else (str(os.getpid()) not in pids and len(pids) <= 2)
    assert sorted(label for kind, label in progress.events if kind == "begin") == sorted(
        t.label for t in tasks
    )
    assert [kind for kind, _ in progress.events].count("end") == len(tasks)


def test_a_worker_that_dies_fails_its_task_alone_and_is_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pool, "render_task", fake_render)
    tasks = tasks_for("crash", "b")
    results = render_tasks(None, None, tasks, 2, Recorder())  # type: ignore[arg-type]
    failed = {t.label: r.error for t, r in results.items() if not r.ok}
    assert failed == {"crash/doc-poster.pdf": "the worker process stopped (exit code 3)."}
    assert sum(r.ok for r in results.values()) == len(tasks) - 1


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
    assert "0/2" in terminal.getvalue() and "a/doc-handout.pdf" in terminal.getvalue()
    progress.end(tasks[0], TaskResult("failed", error="broken"))
    progress.tick()
    progress.begin(tasks[1])
    progress.end(tasks[1], TaskResult("built", 3, 100, 1.0, "x"))
    progress.stop()
    shown = terminal.getvalue()
    assert "failed: a/doc-handout.pdf" in shown and "2/2" in shown
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
        "[1/2] a/doc-handout.pdf (1 page, 0.2 s)",
        "[2/2] a/pack-a.pdf (failed: brand file not found.)",
    ]
