"""`charter check`: every input of a project (documents, translations, easy reads, brands,
packs) checked in one run, each finding as file:line: rule: message, as JSON or as GitHub
annotations."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import break_file

EASY = "charter/appendix-a.easy-read.md"
RIVERSIDE = "brands/riverside-council/_brand.yml"
LONG = "We " + " ".join(["really"] * 20) + " want you to feel safe with the CAMHS team."


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_five_faults_in_four_files_are_all_reported_in_one_run(charter, project_copy: Path) -> None:
    for translation in (project_copy / "content" / "charter").glob("*.*.*"):  # sources alone here
        if ".easy-read.md" not in translation.name:
            translation.unlink()
    document = break_file(project_copy, "charter/appendix-a.md", "\nsummary:", "\nsummery:")
    easy = break_file(project_copy, EASY, "  It helped you survive.", f"  {LONG}")
    brand = break_file(project_copy, RIVERSIDE, "path: logo.png", "path: missing.png")
    pack = break_file(project_copy, "packs/workshop.yml", "  poster: A3", "  postr: A3")
    expected = {
        (
            "content/charter/appendix-a.md",
            line_of(document, "summery:"),
            "invalid",
            "`summery`: did you mean",
        ),
        ("content/" + EASY, line_of(easy, LONG), "sentence-length", "30 words (at most 15)"),
        ("content/" + EASY, line_of(easy, LONG), "acronym", "'CAMHS' is in capitals"),
        (
            "content/" + RIVERSIDE,
            line_of(brand, "missing.png"),
            "invalid",
            "logo file 'missing.png' is not there",
        ),
        ("content/packs/workshop.yml", line_of(pack, "postr"), "invalid", "unknown format 'postr'"),
    }

    result = charter("check", cwd=project_copy)
    assert result.exit_code == 1 and "Traceback" not in result.output
    for path, line, rule, message in expected:
        assert re.search(
            rf"^{re.escape(f'{path}:{line}: {rule}: ')}.*{re.escape(message)}", result.output, re.M
        )
    assert "checked 6 file(s): 5 error(s), 0 warning(s)" in result.output

    reports = json.loads(charter("check", "--format", "json", cwd=project_copy).output)
    found = {(f["path"], f["line"], f["rule"]) for r in reports for f in r["findings"]}
    assert found == {(path, line, rule) for path, line, rule, _ in expected}

    github = charter("check", "--format", "github", cwd=project_copy)
    assert github.exit_code == 1
    annotations = github.output.splitlines()
    assert len(annotations) == 5 and all(a.startswith("::error file=content/") for a in annotations)
    assert (
        f"::error file=content/packs/workshop.yml,line={line_of(pack, 'postr')},title=invalid::"
        in github.output
    )

    # The same folder checked from elsewhere, by its path.
    elsewhere = charter("check", str(project_copy), cwd=project_copy / "content")
    assert elsewhere.exit_code == 1 and elsewhere.output.count(": invalid: ") == 3


def test_a_brand_file_refused_by_brand_yml_is_reported_at_the_line_of_the_key(
    charter, project_copy: Path
) -> None:
    fonts = "typography:\n  fonts:\n    - family: Serif Co\n      source: file\n      files: [serif.ttf]\n"
    path = project_copy / "content" / RIVERSIDE
    path.write_text(path.read_text().replace("typography:\n", fonts, 1))
    result = charter("check", str(path), cwd=project_copy)
    assert result.exit_code == 1
    assert (
        f"_brand.yml:{line_of(path, 'files: [serif.ttf]')}: invalid: not a valid brand.yml file"
        in result.output
    )


def test_a_colour_that_fails_contrast_is_a_warning_at_its_line(charter, tmp_path: Path) -> None:
    path = tmp_path / "lime" / "_brand.yml"
    path.parent.mkdir()
    path.write_text('meta:\n  name: Lime Co\ncolor:\n  foreground: "#ccff00"\n  primary: "#ccff00"\n')
    result = charter("check", "--format", "github", str(path))
    assert result.exit_code == 0, result.output  # warnings alone pass
    assert re.search(r"^::warning file=\S+_brand.yml,line=4,title=contrast::.*#ccff00", result.output, re.M)


def test_translations_are_checked_against_their_name_and_document(charter, project_copy: Path) -> None:
    charter_dir = project_copy / "content" / "charter"
    source = (charter_dir / "appendix-a.md").read_text()
    (charter_dir / "appendix-a.cy.md").write_text(source.replace("language: en-GB", "language: cy"))
    assert charter("check", cwd=project_copy).exit_code == 0
    (charter_dir / "appendix-a.fr.md").write_text(source)
    (charter_dir / "missing.cy.md").write_text(
        source.replace("id: appendix-a", "id: missing").replace("en-GB", "cy")
    )
    result = charter("check", cwd=project_copy)
    assert result.exit_code == 1
    assert (
        f"appendix-a.fr.md:{line_of(charter_dir / 'appendix-a.fr.md', 'language:')}: invalid: "
        "language 'en-GB' is not the 'fr'" in result.output
    )
    assert "missing.cy.md:1: invalid: there is no 'missing.md' beside it" in result.output


def test_a_named_file_of_no_known_kind_is_a_finding_not_skipped(charter, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not a charter file\n")
    result = charter("check", str(other), "/dev/zero")
    assert result.exit_code == 1
    assert result.output.count("unknown-file: not a file charter check reads") == 2
    assert "checked 2 file(s): 2 error(s)" in result.output


def test_a_pack_manifest_with_a_character_no_font_draws_is_a_finding_at_its_line(
    charter, project_copy: Path
) -> None:
    """#25: an emoji in a pack's event details passed `charter check` and failed the combined
    PDF's build (its cover prints them); check finds it first, at its line."""
    pack = break_file(project_copy, "packs/workshop.yml", "  venue: ", "  venue: Hall \U0001f389 ")
    result = charter("check", str(pack), cwd=project_copy)
    assert result.exit_code == 1
    assert (
        f"content/packs/workshop.yml:{line_of(pack, 'venue:')}: invalid: '\U0001f389' (U+1F389"
        in result.output
    )
