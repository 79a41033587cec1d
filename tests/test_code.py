"""The code stays clean: ruff's lint and format checks, and mypy (configured in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def tool(name: str) -> str:
    """A test dependency's command, beside this Python first (`.venv/bin/pytest` runs without the
    virtual environment on PATH)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} is a test dependency: pip install -e '.[test]'"
    return found


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]])
def test_ruff_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [tool("ruff"), *command, "generator", "tests", *[p for p in ["bench"] if (REPO / p).is_dir()]],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean() -> None:
    result = subprocess.run([tool("mypy")], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    """.ci/run runs exactly the command the README gives for the tests (a venv: PEP 668)."""
    import re

    readme = (REPO / "README.md").read_text()
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    (command,) = [b for b in blocks if b.strip().endswith(".venv/bin/pytest")]
    assert "python3 -m venv .venv" in command
    assert command.strip() in (REPO / ".ci" / "run").read_text().splitlines()


def test_every_subpackage_is_installed() -> None:
    """A plain `pip install .` ships only the packages pyproject.toml names: a new subpackage of
    generator/ left out of that list works in the editable test install and fails for users."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(REPO).parts) for init in (REPO / "generator").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
