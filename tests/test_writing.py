"""Writing never tracebacks: a full disk, a read-only folder, a file in the way or a file size limit
is one line naming the path and what to do, exit 1, and nothing half-written is left."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import user_error

from generator.errors import CharterError
from generator.render import write_atomic

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KB tmpfs (needs root, as in the project's CI container; skipped elsewhere)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


def test_a_full_disk_is_one_line_and_leaves_no_part_file(small_disk: Path) -> None:
    target = small_disk / "out" / "handout.pdf"
    with pytest.raises(CharterError) as caught:
        write_atomic(target, b"%PDF" * 40_000)
    assert "handout.pdf: cannot write here: the disk is full. Free some space" in caught.value.message
    assert leftovers(small_disk) == []


def test_a_read_only_folder_is_one_line(small_disk: Path) -> None:
    (small_disk / "out").mkdir()
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(CharterError) as caught:
        write_atomic(small_disk / "out" / "handout.pdf", b"%PDF")
    assert "cannot be written to (read-only, or no permission)" in caught.value.message


def test_a_file_where_a_folder_should_be_is_named(tmp_path: Path) -> None:
    (tmp_path / "output").write_text("not a folder")
    with pytest.raises(CharterError) as caught:
        write_atomic(tmp_path / "output" / "partnership" / "a.pdf", b"%PDF")
    assert "the file " in caught.value.message and "output is in the way" in caught.value.message
    (tmp_path / "b.pdf").mkdir()
    with pytest.raises(CharterError) as caught:
        write_atomic(tmp_path / "b.pdf", b"%PDF")
    assert "a folder is in the way where this file should be" in caught.value.message
    assert leftovers(tmp_path) == ["output"]


@pytest.mark.slow
def test_build_with_a_file_in_the_way_names_it(charter, tmp_path: Path) -> None:
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "partnership").write_text("a file, not a folder")
    user_error(
        charter("build", "--format", "handout"),
        "output/partnership/appendix-a-handout.pdf: cannot write here: the file output/partnership is in "
        "the way",
    )


@pytest.mark.slow
def test_build_under_a_file_size_limit_is_one_line_and_exit_1(tmp_path: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))

    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--format", "handout"],
        cwd=tmp_path,
        # No .pyc writes: under the limit Python would leave truncated ones in generator/__pycache__.
        env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=limit,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # WeasyPrint's temporary font files hit the limit first: the message names the file being
    # made (what the user asked for), not the temporary folder.
    (line,) = result.stderr.strip().splitlines()
    assert line == (
        "Error: output/partnership/appendix-a-handout.pdf: cannot write here: the file is larger than "
        "this system allows (ulimit -f). Raise the limit and run again."
    )
    assert leftovers(tmp_path) == []
