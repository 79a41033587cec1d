"""A pack build on the terminal: a live progress bar (or plain lines when not a terminal) and the
summary table at the end."""

from __future__ import annotations

import shutil
import time
from typing import IO

import click

from generator.pack import PackReport, Task, TaskResult

_REDRAW_SECONDS = 0.1


def _clock(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    return f"{minutes}:{seconds:02d}"


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
            detail = f"{result.pages} page{'' if result.pages == 1 else 's'}, {result.seconds or 0:.1f} s"
        else:
            detail = f"failed: {(result.error or '').splitlines()[0]}"
        click.echo(f"[{self.done}/{self.total}] {task.label} ({detail})", file=self.stream)

    def tick(self) -> None:
        pass

    def stop(self) -> None:
        pass


class BarProgress:
    """A live bar on a terminal: done/total, what is rendering, time elapsed and left."""

    def __init__(self, stream: IO[str]):
        self.stream = stream
        self.tasks: list[Task] = []
        self.running: list[Task] = []
        self.done = 0
        self.done_weight = 0
        self.started = self.drawn = 0.0

    def start(self, tasks: list[Task]) -> None:
        self.tasks = tasks
        self.started = time.monotonic()
        self._draw()

    def begin(self, task: Task) -> None:
        self.running.append(task)
        self._draw()

    def end(self, task: Task, result: TaskResult) -> None:
        if task in self.running:
            self.running.remove(task)
        self.done += 1
        self.done_weight += task.weight
        if not result.ok:
            self._clear()
            click.echo(f"failed: {task.label}", file=self.stream)
        self._draw()

    def tick(self) -> None:
        if time.monotonic() - self.drawn >= 0.5:
            self._draw()

    def stop(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()

    def _draw(self) -> None:
        now = time.monotonic()
        if now - self.drawn < _REDRAW_SECONDS and self.done < len(self.tasks):
            return
        self.drawn = now
        total_weight = sum(t.weight for t in self.tasks) or 1
        elapsed = now - self.started
        filled = round(20 * self.done_weight / total_weight)
        eta = "--:--"
        if self.done_weight:
            eta = _clock(elapsed / self.done_weight * (total_weight - self.done_weight))
        current = ", ".join(t.label for t in self.running)
        line = (
            f"[{'#' * filled}{'.' * (20 - filled)}] {self.done}/{len(self.tasks)}  "
            f"{_clock(elapsed)} elapsed, {eta} left  {current}"
        )
        width = shutil.get_terminal_size((100, 20)).columns - 1
        self.stream.write("\r\x1b[K" + line[:width])
        self.stream.flush()


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
        f"\n{len(report.tasks)} PDFs: {built} built, {unchanged} unchanged, {failed} failed "
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
    for archive in report.zips:
        click.echo(f"Pack: {archive}")
