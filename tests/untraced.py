"""Reading PDFs back outside coverage's tracer.

Coverage measures generator/ only, but on Python 3.11 its tracer still runs on every call and
line of every other module: pdfminer (under pdfplumber) reads a PDF 2-4 times slower with it
on, and reading back was most of the suite's time. The test-side readers (pdfcheck, pdftree,
layout, conftest's pdf_text) pause it while they read; nothing of generator/ runs inside them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import coverage

P = ParamSpec("P")
R = TypeVar("R")


def untraced(function: Callable[P, R]) -> Callable[P, R]:
    """``function`` run with coverage paused (if it is measuring this process).

    An xdist worker runs two measurements, pytest-cov's and the one its start-up hook began for
    the worker process; stopping the newest resumes the older, so each is stopped in turn."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        stopped = []
        while (measuring := coverage.Coverage.current()) is not None:
            measuring.stop()
            stopped.append(measuring)
        try:
            return function(*args, **kwargs)
        finally:
            for measuring in reversed(stopped):
                measuring.start()

    return run
