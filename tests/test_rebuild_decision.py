"""The rebuild decision (generator.pack.output.up_to_date), one input at a time: a file is kept
only when the manifest has an entry, its key is the task's key, the file is there and its
sha256 is the one recorded."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, cast

from generator.pack.output import up_to_date
from generator.pack.plan import Task


def task(path: Path, key: str = "key-1") -> Task:
    return Task(cast(Any, None), (), path, False, key, {})


def entry_for(path: Path, key: str = "key-1") -> dict[str, Any]:
    return {"key": key, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def test_a_file_as_recorded_is_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF made")
    assert up_to_date(task(path), entry_for(path))


def test_each_input_alone_makes_it_stale(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF made")
    recorded = entry_for(path)
    assert not up_to_date(task(path), None)  # no manifest entry
    assert not up_to_date(task(path, "key-2"), recorded)  # inputs or tools changed
    assert not up_to_date(task(tmp_path / "gone.pdf"), recorded)  # the file was removed
    path.write_bytes(b"%PDF edited")  # the file was changed by hand
    assert not up_to_date(task(path), recorded)
    (tmp_path / "dir.pdf").mkdir()  # a folder where the file should be
    assert not up_to_date(task(tmp_path / "dir.pdf"), recorded)
    assert not up_to_date(task(path), {"key": "key-1"})  # no sha256 recorded
