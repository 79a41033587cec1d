"""Shared fixtures: run the real CLI in a chosen folder and open what it wrote."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.project import builtin_dir

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _reproducible_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def run_charter(args: list[str], cwd: Path) -> Result:
    """Run `charter ARGS` in ``cwd`` as a user would (exceptions other than exit are kept)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def charter(tmp_path: Path) -> Callable[..., Result]:
    """`charter(*args, cwd=tmp_path)`: run the CLI in an empty folder by default."""

    def run(*args: str, cwd: Path | None = None) -> Result:
        return run_charter(list(args), cwd or tmp_path)

    return run


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A folder holding a writable copy of the built-in content/ (to break on purpose)."""
    shutil.copytree(builtin_dir("content"), tmp_path / "content")
    return tmp_path


@pytest.fixture(scope="session")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default build of every shipped brand's handout, made once for the session."""
    folder = tmp_path_factory.mktemp("handouts")
    brands = ["partnership", "riverside-council", "oakfield-university"]
    args = ["build", "--format", "handout", "--quiet"]
    for brand in brands:
        args += ["--brand", brand]
    result = run_charter(args, folder)
    assert result.exit_code == 0, result.output
    return folder / "output"
