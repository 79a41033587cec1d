# ruff: noqa: RUF001  (Urdu text: its full stop is U+06D4 on purpose)
"""Translations beside their source (issue #21): names, finding and loading, languages to build,
file names, cache keys, ``charter list`` and pack manifests."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_charter, user_error
from translated import EASY_READ as EASY_TEXT
from translated import URDU_EASY_READ, translated_project

from generator.cache import InputHasher
from generator.content import document_paths
from generator.errors import CharterError
from generator.filenames import file_language, languages_of, parse_name, translation_path
from generator.formats import PageOptions
from generator.planning import plan
from generator.project import Project
from generator.run import Inputs, Item, Options
from generator.translations import languages_to_build, load_translation


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


def test_an_easy_read_translated_alone_is_built_in_the_easy_read_formats_only(project: Project) -> None:
    """Its full text is the document itself: every format by default is the easy-read ones; a
    full-text format asked for names the file to write, and says the easy read is there."""
    (project.charter_dir / "leaflet.ur.md").unlink()
    assert languages_to_build(project, ["leaflet"], ["ur", "all"]) == {"leaflet": ["ur"]}
    items = plan(project, ["leaflet"], ["partnership"], [], Options(), ["ur"])
    assert {i.fmt for i in items} == {"easy-read", "easy-read-poster", "easy-read-html", "easy-read-audio"}
    inputs = Inputs(project)
    assert inputs.full_text("leaflet", "ur") is inputs.document("leaflet")  # the English, the only one
    assert inputs.full_text("leaflet") is inputs.document("leaflet")
    assert inputs.full_text("leaflet", "ur+en") is inputs.document("leaflet")  # --bilingual ur,en too
    edition = plan(project, ["leaflet"], ["partnership"], [], Options(), bilingual="ur,en")
    assert {i.fmt for i in edition} == {"easy-read", "easy-read-poster", "easy-read-html"}
    with pytest.raises(CharterError) as raised:
        inputs.document("leaflet", "ur")
    assert raised.value.format_message().replace(f"{project.content_dir.parent}/", "") == (
        "leaflet.md has no 'ur' translation; only the easy read is translated (leaflet.easy-read.ur.md). "
        "Write content/charter/leaflet.ur.md, or build only the easy read formats in 'ur'."
    )
    (project.charter_dir / "leaflet.easy-read.ur.md").unlink()
    with pytest.raises(CharterError, match=r"leaflet\.md has no 'ur' translation: write it in"):
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
    (charter / "leaflet.ur.translation.yml").write_text("version: abc\nblocks: {}\n")
    hasher = InputHasher(project)
    english, urdu = hasher.document("leaflet"), hasher.document("leaflet", language="ur")
    assert "content/charter/leaflet.ur.md" not in english
    assert "content/charter/leaflet.cy.md" not in english | urdu
    assert {"content/charter/leaflet.md", "content/charter/leaflet.ur.md"} <= set(urdu)
    assert "content/charter/leaflet.ur.translation.yml" in set(urdu) - set(english)
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


def structure_of(project: Project, name: str, old: str = "", new: str = "") -> list[str]:
    """The structure faults of translation ``name`` with ``old`` replaced by ``new`` in it."""
    from generator.translations import structure_faults

    path = project.charter_dir / name
    if old:
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))
    return structure_faults(path)


def test_a_translation_with_its_sources_structure_has_no_faults(project: Project) -> None:
    assert structure_of(project, "leaflet.ur.md") == structure_of(project, "leaflet.easy-read.ur.md") == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # one block more: a paragraph at the end, a key point
        (
            "- طاقت بانٹیں۔\n",
            "- طاقت بانٹیں۔\n\nاور۔\n",
            [":18: paragraph 2 has no match in the source; remove"],
        ),
        ("  - ہم سنتے ہیں۔\n", "  - ہم سنتے ہیں۔\n  - اور\n", [":9: key point 3 has no match in the source"]),
        # one block less: the last list item, the heading, a key point
        (
            "- طاقت بانٹیں۔\n",
            "",
            [':15: a list item is missing after list item 1; leaflet.md:16 has one ("Share'],
        ),
        ("## کیوں\n\n", "", [':11: a level-2 heading is missing here; leaflet.md:11 has one ("Why")']),
        ("  - ہم سنتے ہیں۔\n", "", [":10: a key point is missing here; leaflet.md:8 has one"]),
        # another kind in a block's place
        (
            "- پہلے سنیں۔\n",
            "پہلے سنیں۔\n\n",
            [":15: paragraph 2 has no match; leaflet.md:15 has a list item here"],
        ),
        (
            "## کیوں",
            "### کیوں",
            [":11: level-3 heading 1 has no match; leaflet.md:11 has a level-2 heading here"],
        ),
        (
            "- پہلے سنیں۔\n- طاقت",
            "1. پہلے سنیں۔\n2. طاقت",
            [
                ':15: numbered list item 1 has no match; leaflet.md:15 has a list item here ("Listen',
                ':16: numbered list item 2 has no match; leaflet.md:16 has a list item here ("Share',
            ],
        ),
        # the front matter and the body are aligned apart: a key point more and a heading less
        # are two faults, not a key point in the heading's place
        (
            "  - ہم سنتے ہیں۔\n",
            "  - ہم سنتے ہیں۔\n  - اور\n",
            [":9: key point 3 has no match in the source", ":12: a level-2 heading is missing here"],
        ),
    ],
)
def test_a_structure_difference_is_one_line_naming_both_files_and_lines(
    project: Project, old: str, new: str, expected: list[str]
) -> None:
    if len(expected) == 2 and "key point" in expected[0]:
        structure_of(project, "leaflet.ur.md", "## کیوں\n\n", "")
    faults = structure_of(project, "leaflet.ur.md", old, new)
    assert len(faults) == len(expected), faults
    for fault, part in zip(faults, expected, strict=True):
        assert fault.startswith(f"{project.charter_dir / 'leaflet.ur.md'}:"), fault
        assert part in fault, fault


def test_an_easy_read_translation_has_its_sources_points_and_pictures(project: Project) -> None:
    one_less = structure_of(
        project, "leaflet.easy-read.ur.md", "- ![ایک کان](openmoji:ear)\n  ہم آپ کی بات سنتے ہیں۔\n"
    )
    assert [f.split(": ", 1)[1] for f in one_less] == [
        'a point is missing after point 1\'s picture; leaflet.easy-read.md:16 has one ("We listen to you.")',
        "a point's picture is missing after point 1's picture; leaflet.easy-read.md:15 has one (\"An ear\")",
    ]
    (project.charter_dir / "leaflet.easy-read.ur.md").write_text(URDU_EASY_READ)
    no_picture = structure_of(project, "leaflet.easy-read.ur.md", "- ![ایک کان](openmoji:ear)\n  ", "- ")
    assert [f.split(": ", 1)[1] for f in no_picture] == [
        'a point\'s picture is missing after point 2; leaflet.easy-read.md:15 has one ("An ear")'
    ]


def test_charter_check_and_build_report_a_structure_difference(tmp_path: Path) -> None:
    charter = translated_project(tmp_path)
    urdu = charter / "leaflet.ur.md"
    urdu.write_text(urdu.read_text().replace("- پہلے سنیں۔\n", "پہلے سنیں۔\n\n"))
    checked = run_charter(["check", "content/charter/leaflet.ur.md"], tmp_path)
    assert checked.exit_code == 1
    expected = "paragraph 2 has no match; leaflet.md:15 has a list item here"
    assert f"content/charter/leaflet.ur.md:15: structure: {expected}" in checked.output
    built = run_charter(["build", "--language", "ur", "--format", "handout"], tmp_path)
    user_error(built, "leaflet.ur.md:15: paragraph 2 has no match; leaflet.md:15 has a list item here")
    assert not (tmp_path / "output" / "partnership" / "leaflet.ur-handout.pdf").exists()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_an_english_edit_makes_exactly_that_block_stale(tmp_path: Path) -> None:
    from generator.translations import stale_blocks

    charter = translated_project(tmp_path)
    accepted = run_charter(
        [
            "translations",
            "accept",
            *(f"content/charter/{n}" for n in ("leaflet.ur.md", "leaflet.easy-read.ur.md")),
        ],
        tmp_path,
    )
    assert accepted.exit_code == 0, accepted.output
    assert (
        "content/charter/leaflet.ur.translation.yml: content/charter/leaflet.ur.md follows 8 blocks"
        in accepted.output
    )
    record = (charter / "leaflet.ur.translation.yml").read_text()
    assert "\nversion: " in record and "\ndate: '2026-11-02'\n" in record
    listed = run_charter(["translations"], tmp_path)
    assert listed.output.splitlines()[-1] == "2 translations: 2 up to date"
    edit(charter / "leaflet.md", "- Share power.", "- Share power fairly.")
    edit(charter / "leaflet.easy-read.md", "We listen to you.", "We always listen to you.")
    stale = stale_blocks(charter / "leaflet.ur.md")
    assert [(s.source.code, s.source.line, s.translation.line) for s in stale] == [("LE-P3", 16, 16)]
    listed = run_charter(["translations"], tmp_path)
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert lines == [
        "content/charter/leaflet.easy-read.ur.md:18: LE-1.2 (point) is stale: leaflet.easy-read.md:16 "
        'changed since the translation was accepted ("We always listen to you.")',
        "content/charter/leaflet.ur.md:16: LE-P3 (list item) is stale: leaflet.md:16 changed since the "
        'translation was accepted ("Share power fairly.")',
        "2 translations: 2 stale",
    ]
    # the words put back: up to date again; a second acceptance writes the same record
    edit(charter / "leaflet.md", "- Share power fairly.", "- Share power.")
    assert stale_blocks(charter / "leaflet.ur.md") == []
    assert run_charter(["translations", "accept", "content/charter/leaflet.ur.md"], tmp_path).exit_code == 0
    assert (charter / "leaflet.ur.translation.yml").read_text() == record


def test_a_stale_or_never_accepted_translation_is_warned_of_and_strict_refuses(tmp_path: Path) -> None:
    """Nothing is rendered here: --strict refuses before, and tests/test_translated_build.py reads
    what the outputs say."""
    from generator.translations import translation_warnings

    charter = translated_project(tmp_path)
    urdu = charter / "leaflet.ur.md"
    args = ["build", "--language", "ur", "--format", "html", "--brand", "partnership", "--strict"]
    assert [w.split(": ", 1)[1] for w in translation_warnings(urdu)] == [
        "this translation was never accepted. Check that it says what leaflet.md says, then run "
        f"charter translations accept {urdu}."
    ]
    user_error(run_charter(args, tmp_path), "never accepted", "(refused because of --strict)")
    run_charter(["translations", "accept", "content/charter/leaflet.ur.md"], tmp_path)
    assert translation_warnings(urdu) == []
    project = Project.discover(tmp_path)
    item = plan(project, ["leaflet"], ["partnership"], ["html"], Options(), ["ur"])[0]
    assert (
        Inputs(project).checked_by(item).startswith("اصل متن کے نسخے 2026-11-02, ")
    )  # the version it follows
    edit(charter / "leaflet.md", "summary: How we work together.", "summary: How we all work together.")
    user_error(
        run_charter(args, tmp_path),
        "content/charter/leaflet.ur.md: 1 block of its source changed since it was accepted",
        "charter translations accept content/charter/leaflet.ur.md",
    )
    assert not (tmp_path / "output").exists()
    checked = run_charter(["check", "content/charter/leaflet.ur.md"], tmp_path)
    assert (
        "content/charter/leaflet.ur.md:4: stale: LE-FS (summary) is stale: leaflet.md:4 changed"
        in checked.output
    )


def test_a_translation_that_does_not_match_its_source_cannot_be_accepted(tmp_path: Path) -> None:
    charter = translated_project(tmp_path)
    edit(charter / "leaflet.ur.md", "## کیوں\n\n", "")
    result = run_charter(["translations", "accept", "content/charter/leaflet.ur.md"], tmp_path)
    user_error(result, "leaflet.ur.md:11: a level-2 heading is missing here")
    assert not (charter / "leaflet.ur.translation.yml").exists()


def test_a_broken_record_names_its_line(tmp_path: Path) -> None:
    from generator.translations import load_accepted

    charter = translated_project(tmp_path)
    (charter / "leaflet.ur.translation.yml").write_text(
        "version: abc\nblocks:\n  leaflet.md:\n    LE-FT: oops\n"
    )
    with pytest.raises(CharterError) as raised:
        load_accepted(charter / "leaflet.ur.md")
    assert "leaflet.ur.translation.yml:4: block LE-FT must be" in raised.value.format_message()
    assert "charter translations accept" in raised.value.format_message()


def test_only_a_translation_can_be_a_draft(project: Project) -> None:
    source = project.charter_dir / "leaflet.md"
    edit(source, "language: en-GB", "language: en-GB\nstatus: draft")
    with pytest.raises(CharterError, match=r"leaflet\.md:4: 'status:' marks a translation"):
        Inputs(project).document("leaflet")


def test_a_readers_language_picks_the_document_or_its_translation(project: Project) -> None:
    from generator.translations import reading

    source = project.charter_dir / "leaflet.md"
    (project.charter_dir / "leaflet.easy-read.pl.md").write_text(EASY_TEXT)  # an easy read alone
    assert reading(source, "en-GB", "en") == reading(source, "en-GB", "EN-gb") == ""
    assert reading(source, "en-GB", "ur") == reading(source, "en-GB", "ur-PK") == "ur"
    assert reading(source, "en-GB", "pl") is None  # no translation of the text
    assert reading(source, "en-GB", "cy") is None


def test_a_build_names_every_structure_difference(tmp_path: Path) -> None:
    charter = translated_project(tmp_path)
    edit(charter / "leaflet.ur.md", "- پہلے سنیں۔\n- طاقت", "1. پہلے سنیں۔\n2. طاقت")
    built = run_charter(["build", "--language", "ur", "--format", "html"], tmp_path)
    user_error(
        built, "leaflet.ur.md:15: numbered list item 1 has no match", "leaflet.ur.md:16: numbered list item 2"
    )
    listed = run_charter(["translations"], tmp_path)
    assert "leaflet.ur.md: cannot be compared with its source until fixed (charter check" in listed.output


def test_a_translation_of_another_text_lists_its_first_differences_and_counts_the_rest(
    project: Project,
) -> None:
    more = "- طاقت بانٹیں۔\n\n" + "اور۔\n\n" * 50
    faults = structure_of(project, "leaflet.ur.md", "- طاقت بانٹیں۔\n", more)
    assert len(faults) == 21 and all("has no match in the source" in f for f in faults[:20])
    assert faults[-1] == f"{project.charter_dir / 'leaflet.ur.md'}: and 30 more differences from its source."


def test_a_bilingual_edition_with_a_draft_on_either_side_is_a_draft(project: Project) -> None:
    """Its outputs say so under the title, as the draft's own do (it lost the mark when merged)."""
    inputs = Inputs(project)
    for edition in ("ur+en", "en+ur"):
        assert inputs.document("leaflet", edition).draft
        assert inputs.easy_read("leaflet", edition).draft
    assert not inputs.document("leaflet").draft


def test_a_language_tag_longer_than_file_names_allow_is_one_line(project: Project) -> None:
    """A 3,600-character private-use tag made the translation's file name too long to look up."""
    from generator.languages import MAX_TAG, language_problem
    from generator.translations import languages_to_build

    longest = "ur-x-" + "-".join(["abcdefgh"] * 6) + "-abcde"
    assert len(longest) == MAX_TAG and language_problem(longest) is None
    assert "at most" in str(language_problem(longest + "f"))
    with pytest.raises(CharterError, match=f"characters long; a tag has at most {MAX_TAG}"):
        languages_to_build(project, ["leaflet"], ["ur-x-" + "aaaaaaaa-" * 400 + "a"])
