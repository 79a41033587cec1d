"""The user's cache folder: validated brand files are remembered by content (the same Brand with
or without the cache, brand_yml not loaded when the cache answers) and compiled templates by
source (the same HTML); a changed file, a damaged entry or a folder that cannot be written never
change what a build makes or says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from brands import SHIPPED, posit_brand

from generator.brand import Brand, BrandRef, brand_slug, load_brand
from generator.errors import CharterError
from generator.project import builtin_dir


def _entries(cache: Path) -> list[Path]:
    folder = cache / "charter-handouts" / "brands"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def _load(path: Path) -> Brand:
    return load_brand(BrandRef(path, brand_slug(path)))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


def _brand_files(tmp_path: Path) -> list[Path]:
    shipped = [builtin_dir("content") / "brands" / slug / "_brand.yml" for slug in SHIPPED]
    return [*shipped, posit_brand(tmp_path / "posit")]


def test_a_brand_is_the_same_read_from_the_cache(tmp_path: Path, cache: Path) -> None:
    files = _brand_files(tmp_path)
    validated = [_load(path) for path in files]
    assert len(_entries(cache)) == len(files)
    remembered = [_load(path) for path in files]
    assert remembered == validated
    # A cache folder that is a file: nothing is kept, and the brands are the same.
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(blocked))
        assert [_load(path) for path in files] == validated


def test_a_remembered_brand_does_not_load_brand_yml(tmp_path: Path, cache: Path) -> None:
    path = posit_brand(tmp_path / "posit")
    code = (
        "import sys; from pathlib import Path\n"
        "from generator.brand import BrandRef, load_brand\n"
        f"brand = load_brand(BrandRef(Path({str(path)!r}), 'posit'))\n"
        "print(brand.name, sorted(m for m in ('brand_yml', 'pydantic') if m in sys.modules))"
    )

    def run() -> str:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        return done.stdout.strip()

    assert run() == "Posit Software, PBC ['brand_yml', 'pydantic']"  # validated, then kept
    assert run() == "Posit Software, PBC []"


def test_a_changed_file_is_validated_again(tmp_path: Path, cache: Path) -> None:
    path = tmp_path / "acme" / "_brand.yml"
    path.parent.mkdir()
    path.write_text("meta:\n  name: Acme\ncolor:\n  primary: '#1f4e79'\n")
    assert _load(path).theme.accent == "#1f4e79"
    path.write_text("meta:\n  name: Acme\ncolor:\n  primary: '#7a1f1f'\n")
    assert _load(path).theme.accent == "#7a1f1f"
    assert len(_entries(cache)) == 2
    # A file that no longer validates says so, every time: mistakes are never kept.
    path.write_text("meta: 3\n")
    for _ in range(2):
        with pytest.raises(CharterError, match=r"not a valid brand\.yml file"):
            _load(path)
    assert len(_entries(cache)) == 2


def test_a_damaged_entry_is_validated_again_and_replaced(tmp_path: Path, cache: Path) -> None:
    path = posit_brand(tmp_path / "posit")
    brand = _load(path)
    (entry,) = _entries(cache)
    for damage in ("", "{not json", '{"name": "Posit"}', "[]"):
        entry.write_text(damage)
        assert _load(path) == brand
        assert _entries(cache) == [entry] and entry.read_text() != damage


def test_the_key_has_each_validating_librarys_installed_version() -> None:
    import importlib.metadata

    from generator.brandfile import _VALIDATORS, _validator_versions

    installed = [importlib.metadata.version(name) for name in _VALIDATORS]
    assert [version.rsplit("-", 1)[1] for version in _validator_versions()] == installed


def _render(folder: Path, source: str) -> str:
    from generator.compose import environment

    (folder / "page.html.j2").write_text(source)
    environment.cache_clear()  # a fresh process's environment: templates come from the cache
    return str(environment((folder,)).get_template("page.html.j2").render(name="<Ann>"))


def test_compiled_templates_are_remembered_by_source(tmp_path: Path, cache: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    assert _render(templates, "Hello {{ name }}") == "Hello &lt;Ann&gt;"
    (entry,) = (cache / "charter-handouts" / "templates").iterdir()
    assert _render(templates, "Hello {{ name }}") == "Hello &lt;Ann&gt;"
    assert _render(templates, "Bye {{ name }}") == "Bye &lt;Ann&gt;"  # an edited template
    assert list(entry.parent.iterdir()) == [entry]  # one entry a template, made again
    for damage in (b"", b"j2 not bytecode", entry.read_bytes()[:40]):
        entry.write_bytes(damage)
        assert _render(templates, "Hello {{ name }}") == "Hello &lt;Ann&gt;"
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(blocked))
        assert _render(templates, "Hello again {{ name }}") == "Hello again &lt;Ann&gt;"
