"""What a pack leaves on disk: per organisation a ``manifest.json`` (every file, its sha256 and
inputs), an ``index.html`` listing the files (``generator.pack.index``) and a zip of the folder;
files of failed or dropped tasks removed."""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.cache import digest_file, tool_versions
from generator.errors import display_path, visible, write_error
from generator.limits import MAX_MANIFEST
from generator.pack.manifest import DATE_FORMAT, Event, Pack
from generator.pack.plan import Task, zip_path
from generator.pack.workers import TaskResult
from generator.render import write_atomic
from generator.run import LOG

MANIFEST_FILE = "manifest.json"
INDEX_FILE = "index.html"
# Makes a folder's index.html from the folder's tasks and their results (failed ones included).
IndexMaker = Callable[[list[tuple[Task, TaskResult]]], bytes]


def up_to_date(task: Task, entry: dict[str, Any] | None) -> bool:
    """The file is the one its key describes, and whole (a combined PDF that left out an item that
    failed is made again, in case the failure was not the inputs' fault)."""
    return (
        entry is not None
        and not entry.get("missing")
        and entry.get("key") == task.key
        and task.path.is_file()
        and digest_file(task.path) == entry.get("sha256")
    )


def read_manifest(folder: Path, warn: bool = True) -> dict[str, dict[str, Any]]:
    """The files an earlier run recorded in a folder's manifest.json, by name (empty if none).

    The file is untrusted (anyone may have edited it): an entry is kept only if it names a file
    directly inside ``folder`` (no path, no '..', no link out of it) with facts of the right
    types; any other is left out with a warning, so nothing outside the folder is ever touched.
    """
    manifest = folder / MANIFEST_FILE
    try:
        if manifest.is_symlink() or not manifest.is_file() or manifest.stat().st_size > MAX_MANIFEST:
            return {}
        data = json.loads(manifest.read_text(encoding="utf-8"))
        files = data["files"]
        if not isinstance(files, list):
            return {}
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return {}
    kept: dict[str, dict[str, Any]] = {}
    for entry in files:
        name = entry.get("path") if isinstance(entry, dict) else None
        if isinstance(entry, dict) and _contained(folder, name) and _facts_ok(entry):
            kept[str(name)] = entry
        elif warn:
            shown = visible(str(name if name is not None else entry))[:120]
            LOG.warning(f"{display_path(manifest)}: ignored the entry '{shown}': not a file of this folder.")
    return kept


def _contained(folder: Path, name: Any) -> bool:
    """``name`` is a plain file name whose file, links resolved, is directly inside ``folder``."""
    if not isinstance(name, str) or name in ("", ".", "..", MANIFEST_FILE, INDEX_FILE):
        return False
    if "/" in name or "\\" in name or "\0" in name or any(ord(c) < 32 for c in name):
        return False
    try:
        return (folder / name).resolve().parent == folder.resolve()
    except (OSError, RuntimeError, ValueError):
        return False


def _facts_ok(entry: dict[str, Any]) -> bool:
    size, pages = entry.get("size"), entry.get("pages")
    return (
        isinstance(entry.get("sha256"), str)
        and isinstance(size, int)
        and not isinstance(size, bool)
        and (pages is None or (isinstance(pages, int) and not isinstance(pages, bool)))
    )


def invalidate_folder(pack: Pack, out: Path, folder: Path, changing: set[str]) -> None:
    """Before any file of an organisation's folder changes: remove its zip, and rewrite its
    manifest.json without the files about to change (and as incomplete), so that neither ever
    describes a file that differs from the one beside it, even if the run is interrupted."""
    archive, manifest = zip_path(pack, out, folder.name), folder / MANIFEST_FILE
    try:
        archive.unlink(missing_ok=True)
        if not manifest.exists() and not manifest.is_symlink():
            return
        files = [entry for name, entry in read_manifest(folder, warn=False).items() if name not in changing]
        data = {}
        with contextlib.suppress(OSError, ValueError, RecursionError):
            loaded = json.loads(manifest.read_text(encoding="utf-8"))
            data = {k: v for k, v in loaded.items() if k != "files"} if isinstance(loaded, dict) else {}
        if not files:
            manifest.unlink()
            return
    except OSError as exc:
        raise write_error(Path(exc.filename) if exc.filename else manifest, exc) from None
    data.update(complete=False, files=files)
    write_atomic(manifest, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode())


def finish_folder(
    pack: Pack,
    out: Path,
    slug: str,
    tasks: list[Task],
    results: dict[Task, TaskResult],
    previous: dict[str, dict[str, Any]],
    force: bool,
    index: IndexMaker | None = None,
) -> Path | None:
    """Write an organisation's manifest.json, its index.html (made by ``index``, when given) and
    zip of what was built; returns the zip.

    A failed task leaves no file (an older copy is removed, as it no longer matches its inputs);
    the manifest of an incomplete pack says ``"complete": false``, and its index what is missing.
    """
    folder = tasks[0].path.parent
    entries = []
    for task in tasks:
        result = results[task]
        if not result.ok:
            task.path.unlink(missing_ok=True)
            continue
        facts: dict[str, Any] = {"sha256": result.sha256, "size": result.size, "pages": result.pages}
        if result.missing:  # a combined PDF without the items that failed
            facts["missing"] = [name for name, _ in result.missing]
        entries.append({"path": task.record["path"], **facts, **task.record})
    planned = {t.path.name for t in tasks}
    for name in previous.keys() - planned:  # formats or documents since dropped from the pack
        (folder / name).unlink(missing_ok=True)
    archive = zip_path(pack, out, slug)
    manifest = folder / MANIFEST_FILE
    page = folder / INDEX_FILE
    if not entries:
        archive.unlink(missing_ok=True)
        manifest.unlink(missing_ok=True)
        page.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            folder.rmdir()
        return None
    data = {
        "pack": pack.name,
        "title": pack.title,
        "organisation": slug,
        "complete": len(entries) == len(tasks) and not any(results[t].missing for t in tasks),
        "tools": tool_versions(),
        "files": entries,
    }
    text = (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode()
    changed = not manifest.is_file() or manifest.read_bytes() != text
    if changed:
        write_atomic(manifest, text)
    if index is not None and (changed or force or not page.is_file()):
        write_atomic(page, index([(t, results[t]) for t in tasks]))
    if changed or force or not archive.is_file():
        names = [e["path"] for e in entries] + [MANIFEST_FILE] + ([INDEX_FILE] if page.is_file() else [])
        write_atomic(archive, zip_folder(folder, names, pack.event))
    return archive


def zip_folder(folder: Path, names: list[str], event: Event) -> bytes:
    """The folder's files under ``<folder name>/``, byte for byte the same from the same files."""
    stamp = (1980, 1, 1, 0, 0, 0)
    if event.date:
        day = datetime.datetime.strptime(event.date, DATE_FORMAT)
        stamp = (min(max(day.year, 1980), 2107), day.month, day.day, 9, 0, 0)  # what zip can hold
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(names):
            info = zipfile.ZipInfo(f"{folder.name}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, (folder / name).read_bytes())
    return buffer.getvalue()
