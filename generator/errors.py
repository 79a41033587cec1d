"""User-facing errors: one readable message, exit code 1, no traceback."""

from __future__ import annotations

import unicodedata
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
        super().__init__(visible(where + message))

    def format_message(self) -> str:
        return self.message

    @classmethod
    def several(cls, errors: list[CharterError]) -> CharterError:
        """One error holding every fault found in a run, one line each (the first keeps its file)."""
        if len(errors) == 1:
            return errors[0]
        combined = cls.__new__(cls)
        # Each line was made visible already: the newlines between them are the only ones kept.
        click.ClickException.__init__(combined, "\n".join(error.message for error in errors))
        combined.path, combined.line, combined.detail = errors[0].path, errors[0].line, errors[0].detail
        return combined


class SeveralErrors(CharterError):
    """Several faults found in one run, each already ``file:line: what to do``, a line each."""

    def __init__(self, faults: list[str]):
        super().__init__(faults[0])
        self.lines = [visible(fault) for fault in faults]

    def format_message(self) -> str:
        return "\n".join(self.lines)


def several(faults: list[str]) -> CharterError:
    """One error for several faults: one line each."""
    return SeveralErrors(faults)


# Line and paragraph separators and the bidirectional controls that can reorder what a terminal shows.
_BIDI_CONTROLS = "\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def visible(text: str) -> str:
    """Text safe to print on a terminal: control characters (ESC, BEL, NUL, ...) and lone
    surrogates shown as ``\\x1b``-style escapes."""
    out = []
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            out.append(char.encode("unicode_escape", "backslashreplace").decode("ascii"))
        else:
            out.append(char)
    return "".join(out)


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def write_error(path: Path, exc: OSError) -> CharterError:
    """An OS error met while writing ``path``, as one line naming it and saying what to do."""
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        reason = "the disk is full. Free some space (or choose another --out folder) and run again."
    elif exc.errno == errno.EFBIG:
        reason = "the file is larger than this system allows (ulimit -f). Raise the limit and run again."
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = (
            "the folder cannot be written to (read-only, or no permission). Choose another --out folder "
            "or change its permissions."
        )
    elif exc.errno in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), None)
        what = f"the file {display_path(blocker)}" if blocker else "a file"
        reason = f"{what} is in the way where a folder should be. Move it or choose another --out folder."
    elif exc.errno == errno.EISDIR:
        reason = "a folder is in the way where this file should be. Move it or choose another --out folder."
    else:
        reason = f"it cannot be written ({exc.strerror or exc}). Check the folder and run again."
    return CharterError(f"cannot write here: {reason}", path)


class TempWriteError(CharterError):
    """A write error met in the temporary folder while making an output (WeasyPrint's font
    files): said of the output being made (``for_output``), which is what the user asked for."""

    def __init__(self, exc: OSError, temp: Path):
        self.exc = exc
        error = write_error(temp, exc)
        super().__init__(error.detail, temp)

    def for_output(self, path: Path) -> CharterError:
        return write_error(path, self.exc)
