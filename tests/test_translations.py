"""Translations beside their source (issue #21): names, finding and loading, languages to build,
file names, cache keys, ``charter list`` and pack manifests."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_charter, user_error
from translated import translated_project

from generator.build import Inputs, Item, Options, plan
from generator.cache import InputHasher
from generator.content import document_paths
from generator.errors import CharterError
from generator.formats import PageOptions
from generator.project import Project
from generator.translations import (
    file_language,
    languages_of,
    languages_to_build,
    load_translation,
    parse_name,
    translation_path,
)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    translated_project(tmp_path)
    return Project.discover(tmp_path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("appendix-a.ur.md", ("appendix-a", "ur", False)),
        ("appendix-a.easy-read.ur.md", ("appendix-a", "ur", True)),
        ("appendix-a.pa-IN.md", ("appendix-a", "pa-IN", False)),
        ("appendix-a.md", None),
        ("appendix-a.easy-read.md", None),
        ("appendix-a.ur.translation.yml", None),
        ("appendix-a.signoff.yml", None),
        ("appendix-a.easy-read.ur.extra.md", None),
        ("appendix-a.ur.easy-read.md", None),  # easy-read comes before the language
    ],
)
def test_a_translations_name_gives_its_document_language_and_form(name: str, expected: tuple | None) -> None:
    parsed = parse_name(name)
    assert (None if parsed is None else (parsed.doc_id, parsed.language, parsed.easy_read)) == expected


def test_files_belong_to_their_translations_language() -> None:
    assert file_language("appendix-a.ur.md") == "ur"
    assert file_language("appendix-a.easy-read.cy.md") == "cy"
    assert file_language("appendix-a.easy-read.cy.translation.yml") == "cy"
    assert file_language("appendix-a.md") == file_language("appendix-a.signoff.yml") == ""


def test_a_translation_is_no_document_of_its_own(project: Project) -> None:
    charter = project.charter_dir
    (charter / "leaflet.cy.md").write_text("---\ntitle: Gweithio\n---\n")
    assert list(document_paths(project)) == ["leaflet"]
    assert languages_of(charter / "leaflet.md") == ["cy", "ur"]
    assert translation_path(charter / "leaflet.md", "ur", easy_read=True).name == "leaflet.easy-read.ur.md"


def test_a_translation_loads_with_its_language_and_draft_status(project: Project) -> None:
    charter = project.charter_dir
    urdu = load_translation(charter / "leaflet.ur.md")  # no language: in its front matter
    assert (urdu.language, urdu.draft, urdu.id, urdu.title) == ("ur", True, "leaflet", "مل کر کام کرنا")
    easy = load_translation(charter / "leaflet.easy-read.ur.md")
    assert (easy.language, easy.draft, len(easy.points)) == ("ur", True, 2)
    assert Inputs(project).document("leaflet").draft is False


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        (
            "leaflet.ur.md",
            ("status: draft", "language: pa"),
            ":3: language 'pa' is not the 'ur' of the file name",
        ),
        ("leaflet.ur.md", ("status: draft", "status: done"), ":3: status 'done' is not known"),
        ("leaflet.urr_x.md", None, ":1: language 'urr_x' is not a BCP 47 language tag"),
        ("other.ur.md", None, "there is no 'other.md' beside it to translate"),
        ("leaflet.easy-read.ur.md", ("language: ur", "language: ar"), "language 'ar' is not the 'ur'"),
    ],
)
def test_a_bad_translation_is_one_line_naming_its_file_and_line(
    project: Project, name: str, edit: tuple[str, str] | None, message: str
) -> None:
    charter = project.charter_dir
    source = charter / ("leaflet.easy-read.ur.md" if "easy-read" in name else "leaflet.ur.md")
    text = source.read_text()
    path = charter / name
    path.write_text(text.replace(*edit, 1) if edit else text)
    with pytest.raises(CharterError) as raised:
        load_translation(path)
    assert message in raised.value.format_message()
    assert name in raised.value.format_message()


def test_languages_to_build(project: Project) -> None:
    charter = project.charter_dir
    (charter / "leaflet.cy.md").write_text((charter / "leaflet.md").read_text().replace("en-GB", "cy"))
    assert languages_to_build(project, ["leaflet"], []) == {"leaflet": [""]}
    assert languages_to_build(project, ["leaflet"], ["all"]) == {"leaflet": ["cy", "ur"]}
    assert languages_to_build(project, ["leaflet"], ["UR", "en", "en-GB"]) == {"leaflet": ["ur", ""]}
    with pytest.raises(CharterError) as raised:
        languages_to_build(project, ["leaflet"], ["pa", "bn", "ur"])
    lines = raised.value.format_message().splitlines()
    assert len(lines) == 2
    assert "content/charter/leaflet.pa.md" in lines[0]
    assert "leaflet.bn.md" in lines[1]
    with pytest.raises(CharterError, match="'ur_PK' is not a BCP 47"):
        languages_to_build(project, ["leaflet"], ["ur_PK"])


def test_an_easy_read_translation_alone_is_not_a_translation_to_build(project: Project) -> None:
    (project.charter_dir / "leaflet.ur.md").unlink()
    with pytest.raises(CharterError, match=r"leaflet\.md has no 'ur' translation"):
        languages_to_build(project, ["leaflet"], ["ur"])


def test_a_translations_files_are_named_with_its_language(project: Project) -> None:
    items = plan(project, ["leaflet"], ["partnership"], ["handout", "easy-read"], Options(), ["ur", "en"])
    assert [i.file_name for i in items] == [
        "leaflet.ur-handout.pdf",
        "leaflet.ur-easy-read.pdf",
        "leaflet-handout.pdf",
        "leaflet-easy-read.pdf",
    ]
    assert (
        Item("leaflet", items[0].brand, "html", PageOptions(), "cy+en").file_name == "leaflet.cy+en-html.html"
    )


def test_every_format_by_default_leaves_out_an_easy_read_that_is_not_translated(project: Project) -> None:
    (project.charter_dir / "leaflet.easy-read.ur.md").unlink()
    items = plan(project, ["leaflet"], ["partnership"], [], Options(), ["ur"])
    assert items and not any("easy-read" in i.fmt for i in items)
    assert all(i.language == "ur" for i in items)


def test_inputs_are_read_by_document_and_language(project: Project) -> None:
    inputs = Inputs(project)
    assert inputs.document("leaflet", "ur").language == "ur"
    assert inputs.document("leaflet").language == "en-GB"
    assert inputs.easy_read("leaflet", "ur").title == "مل کر کام کرنا"
    with pytest.raises(CharterError, match=r"write it in .*leaflet\.pa\.md"):
        inputs.document("leaflet", "pa")


def test_cache_keys_hold_only_the_languages_files(project: Project) -> None:
    charter = project.charter_dir
    (charter / "leaflet.cy.md").write_text("---\ntitle: Gweithio\n---\n")
    hasher = InputHasher(project)
    english, urdu = hasher.document("leaflet"), hasher.document("leaflet", language="ur")
    assert "content/charter/leaflet.ur.md" not in english
    assert "content/charter/leaflet.cy.md" not in english | urdu
    assert {"content/charter/leaflet.md", "content/charter/leaflet.ur.md"} <= set(urdu)
    text = hasher.document("leaflet", easy_read=False, language="ur")
    assert text["content/charter/leaflet.easy-read.ur.md"] == "present"


def test_charter_list_shows_each_documents_translations(tmp_path: Path) -> None:
    translated_project(tmp_path)
    (tmp_path / "content" / "charter" / "leaflet.easy-read.pl.md").write_text(
        (tmp_path / "content" / "charter" / "leaflet.easy-read.md").read_text()
    )
    result = run_charter(["list"], tmp_path)
    assert result.exit_code == 0, result.output
    assert (
        "  leaflet (+ easy read): draft\n    Translations: pl (easy read only), ur (+ easy read, draft)\n"
        in (result.output)
    )


def test_build_names_the_translation_to_write(tmp_path: Path) -> None:
    translated_project(tmp_path)
    result = run_charter(["build", "--language", "pa", "--format", "handout"], tmp_path)
    user_error(result, "leaflet.md has no 'pa' translation: write it in content/charter/leaflet.pa.md")
    assert not (tmp_path / "output").exists()


def test_a_pack_lists_its_languages(tmp_path: Path) -> None:
    from generator.pack import load_pack
    from generator.pack.plan import plan_pack

    translated_project(tmp_path)
    project = Project.discover(tmp_path)
    manifest = tmp_path / "content" / "packs" / "day.yml"
    manifest.parent.mkdir()
    manifest.write_text("title: Day\nbrands: [partnership]\nformats: [handout]\nlanguages: [en, ur]\n")
    tasks = plan_pack(project, load_pack(manifest, project), tmp_path / "out", InputHasher(project))
    assert [t.path.name for t in tasks] == [
        "leaflet-handout.pdf",
        "leaflet.ur-handout.pdf",
        "day-partnership.pdf",
    ]
    assert len({t.key for t in tasks}) == 3
    manifest.write_text("title: Day\nbrands: [partnership]\nformats: [handout]\nlanguages: [ur, pa]\n")
    with pytest.raises(CharterError) as raised:
        load_pack(manifest, project)
    assert "day.yml:4" in raised.value.format_message()
    assert "leaflet.pa.md" in raised.value.format_message()
