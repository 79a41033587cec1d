"""Limits on input, checked before the work they bound: every input file is opened only if it is a
regular file, and its size is checked before a byte is read.

Each limit is far above any real handout (the shipped charter's largest document is 12 kB) and
low enough that a refusal comes within seconds and a few hundred MB.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import CharterError

MAX_TEXT = 128 * 1024  # bytes of a Markdown document or easy read (24,000 words: a PDF in 3 s)
MAX_YAML = 256 * 1024  # bytes of a brand file or pack manifest
MAX_MANIFEST = 4 * 1024 * 1024  # bytes of a manifest.json a pack reads back from its folder
MAX_PICTURE = 50 * 1024 * 1024  # bytes of a picture or logo
MAX_FONT = 64 * 1024 * 1024  # bytes of a font file
MAX_VERIFIED = 100 * 1024 * 1024  # bytes of a PDF or web page given to charter verify
MAX_YAML_DEPTH = 40  # nested mappings and lists in one YAML file
MAX_YAML_VALUES = 10_000  # values made from YAML aliases (*name), counted as they are expanded
MAX_NESTING = 20  # nested lists and blockquotes in Markdown
MAX_BLOCKS = 2_000  # paragraphs, headings, list items, table cells and notes of one Markdown body
MAX_KEY_POINTS = 50  # key points of a document
MAX_WORD = 250  # characters of one word (a long link included)
MAX_URL = 2_000  # characters of a link
MAX_SVG_ELEMENTS = 20_000  # elements an SVG draws, each <use> expanded


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MB" if count >= 1024 * 1024 else f"{count // 1024} kB"


def read_bytes(path: Path, limit: int, what: str = "file") -> bytes:
    """A regular file's bytes, if it is at most ``limit`` bytes; else one CharterError saying why.

    FIFOs, devices and folders are refused without being read (opened non-blocking, so a FIFO
    with no writer cannot hang), and the size is checked before reading.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        raise _unopened(exc, path) from None
    try:
        _refuse_unless_regular(os.fstat(fd), path, limit, what)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:  # grew while being read
                raise CharterError(
                    f"is over the {_size(limit)} limit for a {what}. Use a smaller {what}.", path
                )
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise CharterError(f"cannot be read ({exc.strerror}).", path) from None
    finally:
        os.close(fd)


def check_regular(path: Path, limit: int, what: str = "file") -> None:
    """Refuse, without reading it, a path that is not a regular file of at most ``limit`` bytes
    (for files another library opens by name, such as fonts)."""
    try:
        info = path.stat()
    except (OSError, ValueError) as exc:
        raise _unopened(exc, path) from None
    _refuse_unless_regular(info, path, limit, what)


def _unopened(exc: OSError | ValueError, path: Path) -> CharterError:
    """The one line for a path that cannot be opened or looked at."""
    if isinstance(exc, FileNotFoundError):
        return CharterError("file not found.", path)
    if isinstance(exc, ValueError):
        return CharterError("the path holds a NUL character. Rename the file.", path)
    return CharterError(f"cannot be read ({exc.strerror}).", path)


def _refuse_unless_regular(info: os.stat_result, path: Path, limit: int, what: str) -> None:
    """Refuse a folder, pipe or device, or a file over ``limit`` bytes, by its stat alone."""
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe or device)"
        raise CharterError(f"is {kind}: give the path of a {what}.", path)
    if info.st_size > limit:
        raise CharterError(
            f"is {_size(info.st_size)}, over the {_size(limit)} limit for a {what}. Use a smaller {what}.",
            path,
        )
