"""User-facing errors: one readable message, exit code 1, no traceback."""

from __future__ import annotations

from pathlib import Path

import click


class CharterError(click.ClickException):
    """A problem with the user's input that they can fix.

    The message names the file (and line, where known) and says what to do.
    Bugs are not CharterErrors: they keep their tracebacks.
    """

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.path = Path(path) if path is not None else None
        self.line = line
        self.detail = message  # without the file and line
        where = ""
        if self.path is not None:
            where = f"{display_path(self.path)}:{line}: " if line else f"{display_path(self.path)}: "
        super().__init__(where + message)

    def format_message(self) -> str:
        return self.message


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
