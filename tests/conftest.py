"""Shared fixtures and helpers: run the real CLI in a chosen folder, break a copy of the content on
purpose, and read what it wrote."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import private_fonts
import pytest
import webcheck
from click.testing import CliRunner, Result
from untraced import untraced

from generator.cli import main
from generator.project import builtin_dir

REPO = Path(__file__).resolve().parent.parent
MM = 72 / 25.4  # PDF points in a millimetre

# Every machine offers the tests the same fonts (tests/private_fonts.py); set before anything loads
# fontconfig, inherited by fc-list, CLI subprocesses and pack workers.
private_fonts.use()

# Brand files the tests validate are remembered (generator.brandfile) in this run's own cache
# folder, never the user's; CLI runs in subprocesses and pack workers inherit it.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="charter-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], ignore_errors=True)


@pytest.fixture(autouse=True)
def _reproducible_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    # The CLI stops its loggers propagating (it prints them itself) and --quiet raises their level:
    # a test that ran the CLI before must not hide later tests' log lines from caplog, whatever
    # order the tests run in.
    for name in ("charter", "weasyprint"):
        logger = logging.getLogger(name)
        monkeypatch.setattr(logger, "propagate", True)
        logger.setLevel(logging.NOTSET)


def run_charter(args: list[str], cwd: Path) -> Result:
    """Run `charter ARGS` in ``cwd`` as a user would (exceptions other than exit are kept)."""
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False)
    finally:
        os.chdir(old)


# The fixtures that build a whole matrix (every brand x paper x size) to check the layout rules on
# each run the CLI with coverage paused: they repeat code paths the tests of each format already
# measure, and on Python 3.11 coverage's tracer about doubles a render's time (tests/untraced.py).
matrix_charter = untraced(run_charter)


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


@pytest.fixture(scope="module")
def small_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with the small pack of tests/packs.py, built once for the module."""
    from packs import build_small

    return build_small(tmp_path_factory.mktemp("small"))


@pytest.fixture
def small(small_built: Path, tmp_path: Path) -> Path:
    """A writable copy of the built small pack's project and output."""
    shutil.copytree(small_built, tmp_path / "project")
    return tmp_path / "project"


@untraced
def pdf_text(path: Path, footers: bool = True) -> str:
    """The text a reader gets, whitespace normalised; without the running header (page number)
    and footer, in the top 20 mm and bottom 28 mm of an A4 handout, if asked."""
    with pdfplumber.open(path) as pdf:
        pages = [p if footers else p.crop((0, 20 * MM, p.width, p.height - 28 * MM)) for p in pdf.pages]
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pages)


def user_error(result, *fragments: str) -> None:
    """A user error: exit 1, one readable message naming what is wrong, no traceback."""
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    message = result.output.strip()
    assert message.startswith("Error: "), message
    for fragment in fragments:
        assert fragment in message, message


def break_file(project: Path, relative: str, old: str, new: str) -> Path:
    path = project / "content" / relative
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path


# Fixtures that render (build PDFs or web pages once for a module or the session).
RENDERING_FIXTURES = {
    *("handouts", "easy_read", "large_print", "handout_set", "easy_read_set", "papers"),
    *("posters", "easy_posters", "print_poster", "example", "small", "small_built", "web", "web_pack"),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that uses a fixture which renders PDFs is slow, marked or not (the fast tier never
    renders)."""
    for item in items:
        if RENDERING_FIXTURES & set(getattr(item, "fixturenames", ())) and "slow" not in item.keywords:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session (tests/webcheck.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = webcheck.launch(playwright)
        yield chromium
        chromium.close()
