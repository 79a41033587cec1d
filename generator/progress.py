"""A pack build on the terminal: a live progress bar (or plain lines when not a terminal) and the
summary table at the end."""

from __future__ import annotations

from typing import IO

import click

from generator.pack import PackReport, Task, TaskResult


def _size(size: int | None) -> str:
    if size is None:
        return "-"
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


class LineProgress:
    """One line per finished PDF: for logs and pipes."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.done = 0
        self.total = 0

    def start(self, tasks: list[Task]) -> None:
        self.total = len(tasks)

    def begin(self, task: Task) -> None:
        pass

    def end(self, task: Task, result: TaskResult) -> None:
        self.done += 1
        if result.ok:
            pages = "" if result.pages is None else f"{result.pages} page{'' if result.pages == 1 else 's'}, "
            detail = f"{pages}{result.seconds or 0:.1f} s"  # a web page has no pages
        else:
            detail = f"failed: {(result.error or '').splitlines()[0]}"
        click.echo(f"[{self.done}/{self.total}] {task.label} ({detail})", file=self.stream)

    def tick(self) -> None:
        pass

    def stop(self) -> None:
        pass


class BarProgress:
    """A live bar on a terminal (rich): done/total, time elapsed and left, what is rendering.

    It redraws when told (no refresh thread: workers are forked while it runs)."""

    def __init__(self, stream: IO[str]):
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.running: list[Task] = []
        self.bar = Progress(
            BarColumn(bar_width=20),
            TextColumn("{task.fields[done]}/{task.fields[count]}"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=Console(file=stream),
            auto_refresh=False,
            transient=True,
        )
        self.task_id = self.bar.add_task("", start=False, done=0, count=0)

    def start(self, tasks: list[Task]) -> None:
        # The bar fills, and the time left is estimated, by items rendered: a combined PDF weighs
        # as much as its items.
        self.bar.update(self.task_id, total=sum(t.weight for t in tasks), count=len(tasks))
        self.bar.start_task(self.task_id)
        self.bar.start()
        self.bar.refresh()

    def begin(self, task: Task) -> None:
        self.running.append(task)
        self._show()

    def end(self, task: Task, result: TaskResult) -> None:
        if task in self.running:
            self.running.remove(task)
        if not result.ok:
            self.bar.console.print(f"failed: {task.label}", markup=False, highlight=False)
        done = self.bar.tasks[0].fields["done"] + 1
        self.bar.update(self.task_id, advance=task.weight, done=done)
        self._show()

    def tick(self) -> None:
        self.bar.refresh()

    def stop(self) -> None:
        self.bar.stop()

    def _show(self) -> None:
        self.bar.update(self.task_id, description=", ".join(t.label for t in self.running))
        self.bar.refresh()


def progress_for(terminal: IO[str], log: IO[str]) -> LineProgress | BarProgress:
    """A live bar when ``terminal`` is one (it goes there), else plain lines on ``log``."""
    return BarProgress(terminal) if terminal.isatty() else LineProgress(log)


def print_summary(report: PackReport) -> None:
    """The table of every PDF (item, pages, size, time, status), the failures, and the zips."""
    rows = [("item", "pages", "size", "time", "status")]
    for task in report.tasks:
        result = report.results[task]
        seconds = f"{result.seconds:.1f} s" if result.seconds is not None else "-"
        pages = str(result.pages) if result.pages is not None else "-"
        rows.append((task.label, pages, _size(result.size), seconds, result.status))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for index, row in enumerate(rows):
        cells = [
            row[0].ljust(widths[0]),
            *(cell.rjust(w) for cell, w in zip(row[1:4], widths[1:4], strict=True)),
        ]
        click.echo("  ".join([*cells, row[4]]))
        if index == 0:
            click.echo("  ".join("-" * w for w in widths))
    built, unchanged, failed = (report.count(s) for s in ("built", "unchanged", "failed"))
    click.echo(
        f"\n{len(report.tasks)} files: {built} built, {unchanged} unchanged, {failed} failed "
        f"({report.seconds:.1f} s)"
    )
    if failed:
        click.echo("\nFailed:")
        by_error: dict[str, list[str]] = {}
        for task in report.failures:
            by_error.setdefault(report.results[task].error or "", []).append(task.label)
        for error, labels in by_error.items():
            click.echo(f"  {', '.join(labels)}:")
            for line in error.rstrip().splitlines():
                click.echo(f"    {line}")
    for task in report.tasks:
        if left_out := report.results[task].missing:
            names = ", ".join(name for name, _ in left_out)
            click.echo(f"\n{task.label} is made without what failed: {names}.")
    for slug, error in report.unfinished.items():
        click.echo(f"\nNot finished, {slug} (its manifest.json or zip):\n    {error}")
    for archive in report.zips:
        click.echo(f"Pack: {archive}")
