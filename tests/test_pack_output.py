"""What a pack leaves on disk (generator.pack.output; mutation testing, docs/testing.md), without
rendering: manifest.json exactly, the files of failed and dropped tasks removed, the index and zip
written only when something changed, the zip's names, dates and modes, the manifest read back as
untrusted input, and a folder invalidated before its files change."""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.brand import BrandRef
from generator.cache import tool_versions
from generator.errors import CharterError
from generator.pack import output
from generator.pack.manifest import Event, Pack
from generator.pack.output import finish_folder, invalidate_folder, read_manifest, up_to_date, zip_folder
from generator.pack.plan import Task
from generator.pack.workers import TaskResult

PACK = Pack("p", Path("p.yml"), "Café pack", Event("Day", "2025-10-01"), (), (), ())


def task(folder: Path, name: str, combined: bool = False) -> Task:
    record = {"path": name, "format": "handout", "key": f"key-{name}"}
    return Task(BrandRef(Path("b.yml"), folder.name), (), folder / name, combined, f"key-{name}", record)


def made(path: Path, data: bytes, pages: int | None = 1, **more: Any) -> TaskResult:
    path.write_bytes(data)
    return TaskResult("built", pages, len(data), 0.1, hashlib.sha256(data).hexdigest(), **more)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "p" / "org"
    path.mkdir(parents=True)
    return path


def test_a_folder_is_finished_with_its_manifest_index_and_zip(folder: Path) -> None:
    out = folder.parent.parent
    a, b, c = task(folder, "a.pdf"), task(folder, "b.html"), task(folder, "p-org.pdf", combined=True)
    (folder / "dropped.pdf").write_bytes(b"old format")
    (folder / "b.html").write_bytes(b"an older copy")
    results = {
        a: made(a.path, b"%PDF a"),
        b: TaskResult("failed", error="broken"),
        c: made(c.path, b"%PDF c", 3, missing=(("b (html, A4)", "broken"),)),
    }
    indexed: list[list[tuple[Task, TaskResult]]] = []

    def index(built: list[tuple[Task, TaskResult]]) -> bytes:
        indexed.append(built)
        return b"<html>index</html>"

    previous = {"dropped.pdf": {}, "a.pdf": {}}
    archive = finish_folder(PACK, out, "org", [a, b, c], results, previous, False, index)
    assert archive == out / "p" / "p-org.zip"
    assert sorted(p.name for p in folder.iterdir()) == ["a.pdf", "index.html", "manifest.json", "p-org.pdf"]
    assert indexed == [[(a, results[a]), (b, results[b]), (c, results[c])]]
    sha = hashlib.sha256(b"%PDF a").hexdigest()
    text = (folder / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"  # as people read it
    assert json.loads(text) == {
        "pack": "p",
        "title": "Café pack",
        "organisation": "org",
        "complete": False,
        "tools": tool_versions(),
        "files": [
            {"path": "a.pdf", "sha256": sha, "size": 6, "pages": 1, "format": "handout", "key": "key-a.pdf"},
            {
                "path": "p-org.pdf",
                "sha256": hashlib.sha256(b"%PDF c").hexdigest(),
                "size": 6,
                "pages": 3,
                "missing": ["b (html, A4)"],
                "format": "handout",
                "key": "key-p-org.pdf",
            },
        ],
    }
    with zipfile.ZipFile(archive) as zipped:
        infos = zipped.infolist()
        assert [i.filename for i in infos] == [
            f"org/{n}" for n in ("a.pdf", "index.html", "manifest.json", "p-org.pdf")
        ]
        assert {(i.date_time, i.compress_type, i.external_attr >> 16, i.create_system) for i in infos} == {
            ((2025, 10, 1, 9, 0, 0), zipfile.ZIP_DEFLATED, 0o644, 3)
        }
        assert zipped.read("org/a.pdf") == b"%PDF a"


def test_nothing_is_written_again_unless_something_changed_or_forced(folder: Path) -> None:
    out = folder.parent.parent
    a = task(folder, "a.pdf")
    results = {a: made(a.path, b"%PDF a")}
    calls: list[int] = []

    def index(built: list[tuple[Task, TaskResult]]) -> bytes:
        calls.append(len(built))
        return b"<html>index</html>"

    def finish(force: bool = False, maker: Callable[..., bytes] | None = index) -> Path | None:
        return finish_folder(PACK, out, "org", [a], results, {}, force, maker)

    archive = finish()
    assert archive is not None
    complete = json.loads((folder / "manifest.json").read_text())["complete"]
    stamps = {p: p.stat().st_mtime_ns for p in (archive, folder / "manifest.json", folder / "index.html")}
    for path in stamps:
        os.utime(path, ns=(1, 1))
    finish()
    assert complete is True and calls == [1]
    assert all(p.stat().st_mtime_ns == 1 for p in stamps)  # unchanged: nothing rewritten
    finish(force=True)
    assert (
        calls == [1, 1]
        and archive.stat().st_mtime_ns != 1
        and (folder / "manifest.json").stat().st_mtime_ns == 1
    )
    (folder / "index.html").unlink()
    archive.unlink()
    finish()
    assert calls == [1, 1, 1] and archive.is_file()
    with zipfile.ZipFile(archive) as zipped:
        assert "org/index.html" in zipped.namelist()
    (folder / "index.html").unlink()
    archive.unlink()
    finish(maker=None)  # no index made: the zip holds the files and the manifest
    with zipfile.ZipFile(archive) as zipped:
        assert zipped.namelist() == ["org/a.pdf", "org/manifest.json"]


def test_a_folder_whose_every_task_failed_is_removed(folder: Path) -> None:
    out = folder.parent.parent
    a = task(folder, "a.pdf")
    for name in ("a.pdf", "manifest.json", "index.html"):
        (folder / name).write_bytes(b"old")
    (out / "p" / "p-org.zip").write_bytes(b"old")
    assert finish_folder(PACK, out, "org", [a], {a: TaskResult("failed")}, {}, False) is None
    assert not folder.exists() and not (out / "p" / "p-org.zip").exists()


def test_files_already_gone_and_a_folder_holding_other_files_are_no_error(folder: Path) -> None:
    out = folder.parent.parent
    a, b = task(folder, "a.pdf"), task(folder, "b.pdf")
    (folder / "notes.txt").write_text("the organiser's own file")
    # Neither the failed task's file, the dropped file, the zip nor the manifest is there.
    results = {a: TaskResult("failed"), b: TaskResult("failed")}
    assert finish_folder(PACK, out, "org", [a, b], results, {"dropped.pdf": {}}, False) is None
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]  # not the pack's to remove
    results[b] = made(b.path, b"%PDF b")
    assert finish_folder(PACK, out, "org", [a, b], results, {"gone.pdf": {}}, False) is not None


@pytest.mark.parametrize(
    ("date", "stamp"),
    [
        (None, (1980, 1, 1, 0, 0, 0)),
        ("1975-06-02", (1980, 6, 2, 9, 0, 0)),
        ("1980-06-02", (1980, 6, 2, 9, 0, 0)),
        ("2107-12-31", (2107, 12, 31, 9, 0, 0)),
        ("2200-03-04", (2107, 3, 4, 9, 0, 0)),
    ],
)
def test_the_zip_dates_its_files_by_the_event_within_what_zip_holds(
    folder: Path, date: str | None, stamp: tuple[int, ...]
) -> None:
    (folder / "b.txt").write_bytes(b"b")
    (folder / "a.txt").write_bytes(b"a")
    data = zip_folder(folder, ["b.txt", "a.txt"], Event(date=date))
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        assert [(i.filename, i.date_time) for i in zipped.infolist()] == [
            ("org/a.txt", stamp),
            ("org/b.txt", stamp),
        ]
    assert zip_folder(folder, ["a.txt", "b.txt"], Event(date=date)) == data


def entry(name: str, **facts: Any) -> dict[str, Any]:
    return {"path": name, "sha256": "0" * 64, "size": 3, "pages": None, **facts}


def test_the_manifest_read_back_keeps_only_files_of_its_folder_with_good_facts(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "outside.pdf").write_bytes(b"x")
    (folder / "link.pdf").symlink_to(tmp_path / "outside.pdf")
    (folder / "loop.pdf").symlink_to(folder / "loop.pdf")
    good = [entry("a.pdf"), entry(" spaced.pdf", pages=2), entry("b.html")]
    bad = [
        entry("sub/../a.pdf"),
        entry("back\\slash.pdf"),
        entry("nul\0.pdf"),
        entry("tab\t.pdf"),
        entry(""),
        entry("."),
        entry(".."),
        entry("manifest.json"),
        entry("index.html"),
        entry("link.pdf"),
        entry("../outside.pdf"),
        entry("loop.pdf"),
        entry("x/" * 70 + "a.pdf"),
        {"path": 7, "sha256": "0", "size": 1},
        entry("c.pdf", sha256=None),
        entry("c.pdf", size="3"),
        entry("c.pdf", size=True),
        entry("c.pdf", pages=True),
        entry("c.pdf", pages="2"),
        "not an entry",
    ]
    (folder / "manifest.json").write_text(json.dumps({"files": [*good, *bad]}))
    with caplog.at_level(logging.WARNING, logger="charter"):
        kept = read_manifest(folder)
    assert kept == {e["path"]: e for e in good}
    assert len(caplog.messages) == len(bad)
    assert caplog.messages[0].endswith(
        "manifest.json: ignored the entry 'sub/../a.pdf': not a file of this folder."
    )
    long = next(m for m in caplog.messages if "x/x/" in m)
    assert f"'{('x/' * 70)[:120]}'" in long  # a long name shown in its first 120 characters
    caplog.clear()
    assert read_manifest(folder, warn=False) == kept and caplog.messages == []


@pytest.mark.parametrize(
    "text", ["not json", '{"files": {"a.pdf": {}}}', '{"no files": []}', "[]", '{"files": null}']
)
def test_a_manifest_that_is_not_a_list_of_files_is_empty(folder: Path, text: str) -> None:
    (folder / "manifest.json").write_text(text)
    assert read_manifest(folder) == {}


def test_a_manifest_too_large_or_a_link_is_not_read(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = json.dumps({"files": [entry("a.pdf")]})
    (folder / "manifest.json").write_text(text)
    monkeypatch.setattr(output, "MAX_MANIFEST", len(text))
    assert list(read_manifest(folder)) == ["a.pdf"]  # at the limit: read
    monkeypatch.setattr(output, "MAX_MANIFEST", len(text) - 1)
    assert read_manifest(folder) == {}
    monkeypatch.undo()
    (tmp_path / "elsewhere.json").write_text(text)
    (folder / "manifest.json").unlink()
    (folder / "manifest.json").symlink_to(tmp_path / "elsewhere.json")
    assert read_manifest(folder) == {}


def test_a_folder_about_to_change_loses_its_zip_and_the_entries_that_change(
    folder: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = folder.parent.parent
    archive = out / "p" / "p-org.zip"
    archive.write_bytes(b"zip")
    data = {
        "pack": "p",
        "title": "Café",
        "complete": True,
        "files": [entry("a.pdf"), entry("b.pdf"), entry("../x")],
    }
    (folder / "manifest.json").write_text(json.dumps(data))
    with caplog.at_level(logging.WARNING, logger="charter"):
        invalidate_folder(PACK, out, folder, {"b.pdf"})
    assert caplog.messages == []  # the bad entry is dropped quietly: the run warned when it read it
    assert not archive.exists()
    text = (folder / "manifest.json").read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
    assert json.loads(text) == {
        "pack": "p",
        "title": "Café",
        "complete": False,
        "files": [entry("a.pdf")],
    }
    invalidate_folder(PACK, out, folder, {"a.pdf"})  # nothing left to describe: no manifest
    assert not (folder / "manifest.json").exists()
    archive.write_bytes(b"zip")
    invalidate_folder(PACK, out, folder, set())  # no manifest: the zip still goes
    assert not archive.exists() and not (folder / "manifest.json").exists()


def test_a_manifest_broken_by_hand_is_rewritten_with_its_good_entries_only(folder: Path) -> None:
    out = folder.parent.parent
    (folder / "manifest.json").write_text(json.dumps(["not", "a", "dict"]))
    invalidate_folder(PACK, out, folder, set())
    assert not (folder / "manifest.json").exists()  # no entries read back
    (folder / "manifest.json").write_text('{"files": [' + json.dumps(entry("a.pdf")) + "], ")
    invalidate_folder(PACK, out, folder, set())
    assert not (folder / "manifest.json").exists()


def test_a_zip_that_cannot_be_removed_is_one_line_naming_it(folder: Path) -> None:
    out = folder.parent.parent
    (out / "p" / "p-org.zip").mkdir()
    (out / "p" / "p-org.zip" / "inside").write_text("x")
    with pytest.raises(CharterError) as error:
        invalidate_folder(PACK, out, folder, set())
    assert error.value.path == out / "p" / "p-org.zip"
    assert error.value.detail.startswith("cannot write here: ")


def test_a_file_whose_combined_pdf_left_items_out_is_made_again(tmp_path: Path) -> None:
    path = tmp_path / "p-org.pdf"
    path.write_bytes(b"%PDF")
    recorded = {"key": "key-p-org.pdf", "sha256": hashlib.sha256(b"%PDF").hexdigest()}
    assert up_to_date(task(tmp_path, "p-org.pdf"), recorded)
    assert not up_to_date(task(tmp_path, "p-org.pdf"), {**recorded, "missing": ["b (html, A4)"]})
