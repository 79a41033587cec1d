"""`charter init` and `charter new`: a new project from answers (flags or prompts), and starter
documents that pass `charter check` as written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import user_error

from generator.cli import main
from generator.formats import FORMATS

FLAGS = [
    *("--name", "Northfield Community Health NHS Foundation Trust", "--short-name", "Northfield NHS"),
    *("--url", "https://www.example.org/northfield", "--primary", "#ffcc00", "--secondary", "#005eb8"),
    *("--font", "DejaVu Serif", "--paper", "A5", "--no-input"),
]


def run(args: list[str], cwd: Path, text: str | None = None):  # type: ignore[no-untyped-def]
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, input=text, catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.mark.slow
def test_init_with_flags_then_build_makes_every_format(charter, tmp_path: Path) -> None:
    result = charter("init", *FLAGS, "--no-build")
    assert result.exit_code == 0, result.output
    brand = tmp_path / "content" / "brands" / "northfield-nhs" / "_brand.yml"
    data = yaml.safe_load(brand.read_text())
    assert data["meta"]["name"]["full"] == "Northfield Community Health NHS Foundation Trust"
    assert data["color"]["palette"]["brand-primary"] == "#ffcc00"
    assert "too pale for small text" in result.output and "#005eb8 (6.4:1)" in result.output
    assert "working-together.easy-read.md" in result.output and not (tmp_path / "output").exists()
    assert "0 error(s), 0 warning(s)" in charter("check").output  # brand_yml validates the brand

    built = charter("build")
    assert built.exit_code == 0, built.output
    folder = tmp_path / "output" / "northfield-nhs"
    made = {p.name for p in folder.iterdir() if p.is_file() and p.suffix != ".m3u"}
    assert made == {f"working-together-{f.name}{f.suffix}" for f in FORMATS.values()}
    # Beside each MP3, its sections as tracks and a playlist.
    assert {p.name for p in folder.glob("*.m3u")} == {
        f"working-together-{f.name}.m3u" for f in FORMATS.values() if f.suffix == ".mp3"
    }
    pack = yaml.safe_load((tmp_path / "content" / "packs" / "northfield-nhs.yml").read_text())
    assert pack["brands"] == ["northfield-nhs"] and pack["formats"]["handout"] == "A5"
    assert pack["formats"]["poster"] == "A3" and set(pack["formats"]) == set(FORMATS)


def test_init_asks_and_offers_passing_colours_from_the_brand(tmp_path: Path) -> None:
    answers = ["Lime Trust", "", "", "", "#ccff00", "#005eb8", "#005eb8", "", "letter", "cy"]
    result = run(["init", "--no-build"], tmp_path, "\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "primary #ccff00: 1.2:1 on white paper, too pale for small text" in result.output
    assert "Passing alternatives: #005eb8 (6.4:1)" in result.output
    brand = yaml.safe_load((tmp_path / "content" / "brands" / "lime-trust" / "_brand.yml").read_text())
    assert brand["color"]["palette"]["brand-primary"] == "#005eb8"
    assert brand["typography"]["base"] == "Atkinson Hyperlegible"
    document = (tmp_path / "content" / "charter" / "working-together.md").read_text()
    assert "language: cy" in document and "url:" not in document


def test_init_refuses_bad_answers_and_existing_files_writing_nothing(charter, tmp_path: Path) -> None:
    bad = charter("init", "--no-input", "--primary", "bluish", "--logo", "nowhere.png", "--url", "example")
    user_error(
        bad, "--primary 'bluish' is not a colour", "--logo 'nowhere.png' is not a file", "--url 'example'"
    )
    assert not (tmp_path / "content").exists()
    assert charter("init", "--no-input", "--no-build", "--name", "Acme").exit_code == 0
    again = charter("init", "--no-input", "--no-build", "--name", "Acme", "--primary", "#000000")
    user_error(again, "content/brands/acme/_brand.yml", "already exist", "nothing was written")
    assert "#000000" not in (tmp_path / "content" / "brands" / "acme" / "_brand.yml").read_text()


def test_new_starter_files_explain_every_key_and_pass_check(charter, tmp_path: Path) -> None:
    from generator.content import DOCUMENT_KEYS, EASY_READ_KEYS

    assert charter("new", "document", "our-promise").exit_code == 0
    assert charter("new", "easy-read", "our-promise").exit_code == 0
    folder = tmp_path / "content" / "charter"
    for name, keys in (("our-promise.md", DOCUMENT_KEYS), ("our-promise.easy-read.md", EASY_READ_KEYS)):
        text = (folder / name).read_text()
        for key in keys:
            assert f"\n{key}:" in text or f"\n# {key}:" in text, (name, key)
        assert "rules in short" in text
    result = charter("check")
    assert result.exit_code == 0 and "0 error(s), 0 warning(s)" in result.output, result.output
    user_error(charter("new", "document", "our-promise"), "our-promise.md already exists")
    user_error(charter("new", "document", "Our Promise"), "cannot be a document id")


def test_init_copies_the_logo_and_a_font_file_into_the_brand(charter, tmp_path: Path) -> None:
    from generator.fonts import default_faces
    from generator.project import builtin_dir

    logo = builtin_dir("content") / "brands" / "riverside-council" / "logo.png"
    font = default_faces()[0].path
    args = ["--logo", str(logo), "--logo-alt", "Three green waves", "--font", str(font), "--name", "Wave"]
    assert charter("init", "--no-input", "--no-build", *args).exit_code == 0
    folder = tmp_path / "content" / "brands" / "wave"
    assert (folder / "logo.png").read_bytes() == logo.read_bytes() and (folder / font.name).is_file()
    brand = yaml.safe_load((folder / "_brand.yml").read_text())
    assert brand["logo"]["medium"]["light"] == {"path": "logo.png", "alt": "Three green waves"}
    assert brand["typography"]["fonts"] == [
        {"family": "Atkinson Hyperlegible", "source": "file", "files": [{"path": font.name}]}
    ]
    result = charter("check")
    assert result.exit_code == 0 and "0 error(s), 0 warning(s)" in result.output, result.output
