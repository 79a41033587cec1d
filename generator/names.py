"""Names that become file and folder names (packs, brands, documents): one check for all of them.

A name is NFC-normalised text with no path separator, no ``.``/``..``, no NUL or other control
character, at most :data:`MAX_NAME` characters; the file names made from it must fit the file
system (255 bytes). Two inputs whose names are the same file name are refused, naming both.
Folders below the output folder are written into only if no link on their way leads out of it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from generator.errors import CharterError, visible

MAX_NAME = 200  # characters of a pack, brand or document name
MAX_FILE_BYTES = 255  # a file name's bytes on Linux, macOS and Windows file systems


def safe_name(text: str, what: str, source: Path | str | None = None) -> str:
    """``text`` as a file name: NFC; a CharterError naming ``source`` if it could reach outside
    its folder or could not be a file name."""
    name = unicodedata.normalize("NFC", text)
    shown = visible(name if len(name) <= 60 else name[:60] + "...")
    problem = None
    if not name.strip():
        problem = "is empty"
    elif any(unicodedata.category(c) in ("Cc", "Cs") for c in name):
        problem = "holds a control character"
    elif "/" in name or "\\" in name:
        problem = "holds a '/' or '\\'"
    elif name in (".", "..") or name.startswith(".."):
        problem = "starts with '..'"
    elif len(name) > MAX_NAME:
        problem = f"is {len(name)} characters long (at most {MAX_NAME})"
    if problem:
        raise CharterError(
            f"the {what} name '{shown}' {problem}: it becomes a file name. Rename it "
            f"(letters, digits, '-' and spaces, at most {MAX_NAME} characters).",
            source,
        )
    return name


def check_file_name(name: str, what: str, source: Path | str | None = None) -> None:
    """Refuse a final file name longer than the file system allows (judged by itself, not by any
    temporary name it is written under)."""
    size = len(name.encode("utf-8", "surrogateescape"))
    if size > MAX_FILE_BYTES:
        raise CharterError(
            f"the file name '{visible(name[:40])}...' made from the {what} is {size} bytes long; "
            f"file systems allow {MAX_FILE_BYTES}. Use a shorter name.",
            source,
        )


def distinct(names: Iterable[tuple[str, str]], what: str) -> None:
    """Refuse two inputs (``(name, where it came from)`` pairs) that become one file name (file
    systems may ignore case, so case is ignored too), naming both."""
    seen: dict[str, str] = {}
    for name, origin in names:
        key = unicodedata.normalize("NFC", name).casefold()
        if key in seen and seen[key] != origin:
            raise CharterError(
                f"{seen[key]} and {origin} would both be written as the {what} '{visible(name)}', "
                "the second over the first. Rename one of them."
            )
        seen.setdefault(key, origin)


def refuse_link_out(folder: Path, root: Path) -> None:
    """Refuse to write into ``folder`` when a symbolic link on its way leads out of ``root`` (the
    output folder, whose contents anyone may have changed): nothing is written or deleted through
    it outside ``root``. ``root`` itself may be a link, as the user chose it."""
    try:
        inside = folder.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a link loop
        inside = False
    if not inside:
        raise CharterError(
            f"'{visible(str(folder))}' is a symbolic link (or inside one) leading out of "
            f"'{visible(str(root))}': nothing is written through it. Remove the link and run again."
        )
