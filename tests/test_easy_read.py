"""The easy-read version: pictures beside short sentences, held to the UK easy read rules."""

from __future__ import annotations

import json
import re
import statistics
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import MM, break_file, pdf_text, user_error
from pdfcheck import characters, check_accessible, check_structure, struct_elements

from generator.checks import ENGLISH_ONLY
from generator.project import builtin_dir

EASY = "charter/appendix-a.easy-read.md"


@pytest.fixture(scope="module")
def easy_read(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from conftest import run_charter

    folder = tmp_path_factory.mktemp("easy")
    result = run_charter(["build", "--format", "easy-read", "--brand", "oakfield-university"], folder)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output  # the shipped easy-read text keeps every rule
    return folder / "output" / "oakfield-university" / "appendix-a-easy-read.pdf"


def vowel_syllables(word: str) -> int:
    """A syllable count independent of the generator's: vowel groups, less a silent final e."""
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(1, count)


@pytest.mark.slow
def test_the_easy_read_pdf_passes_the_handout_checks(easy_read: Path) -> None:
    assert check_accessible(easy_read) == []
    with pikepdf.open(easy_read) as pdf:
        assert len(pdf.pages) <= 24


@pytest.mark.slow
def test_type_is_large_sans_serif_and_never_italic(easy_read: Path) -> None:
    chars = characters(easy_read)
    assert min(c.size for c in chars) >= 16  # the rule: 14 pt anywhere and 90% at 16 pt; all are 16+
    fonts = {c.font.split("+")[-1] for c in chars}
    assert fonts == {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"}


@pytest.mark.slow
def test_every_picture_is_a_tagged_figure_in_a_left_column(easy_read: Path) -> None:
    with pikepdf.open(easy_read) as pdf:
        figures = [e for e in struct_elements(pdf) if e["/S"] == "/Figure"]
        boxes = [[float(v) for v in f["/A"]["/BBox"]] for f in figures]
    alts = check_structure(easy_read).figures_alt
    assert len(figures) == 1 + 21  # the logo, then one picture per point
    assert alts[1:3] == ["A rolled up paper with writing on it", "A plaster"]
    for x0, y0, x1, y1 in boxes[1:]:  # in points, from the page's bottom-left corner
        assert 25 <= (x1 - x0) / MM <= 35
        assert 25 <= (y1 - y0) / MM <= 35
        assert 15 <= x0 / MM <= 25  # against the left margin, words to its right
        assert 0 < y0 < y1 < 297 * MM


@pytest.mark.slow
def test_the_words_read_easily(easy_read: Path) -> None:
    with pdfplumber.open(easy_read) as pdf:
        lines = [
            line
            for page in pdf.pages
            for line in (
                page.crop((0, 0, page.width, page.height - 22 * MM)).extract_text() or ""
            ).splitlines()
        ]
    sentences = [s for line in lines for s in re.split(r"(?<=[.!?])\s+", line.strip()) if s]
    words = [w for s in sentences for w in re.findall(r"[A-Za-z0-9'-]+", s)]
    ease = (
        206.835 - 1.015 * len(words) / len(sentences) - 84.6 * sum(map(vowel_syllables, words)) / len(words)
    )
    assert ease >= 80
    assert len(words) / len(sentences) <= 12
    assert not [w for w in words if len(w) > 1 and w.isupper()]  # no block capitals or acronyms


@pytest.mark.slow
def test_glossary_words_are_bold_at_first_use_and_explained_at_the_end(easy_read: Path) -> None:
    with pdfplumber.open(easy_read) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words(extra_attrs=["fontname"])]
    uses = [w["fontname"] for w in words if w["text"].strip(".,").lower() == "trauma"]
    assert "Bold" in uses[0]  # "This part is about trauma."
    assert "Bold" not in uses[1]  # "Trauma is when something very bad..." - later uses are plain
    text = pdf_text(easy_read)
    assert "Words to know" in text
    assert "Hypervigilant Hypervigilant means you watch very closely for danger all the time." in text


@pytest.mark.slow
def test_each_version_points_to_the_other(easy_read: Path, handouts: Path) -> None:
    text = pdf_text(easy_read).replace("- ", "-")  # a line may break after a hyphen
    assert 'This is the easy read version of "A trauma informed & responsive approach".' in text
    assert "There is also a full version." in text
    assert "You can get the full version in large print or braille too." in text
    assert "OpenMoji" in text and "Creative Commons Attribution-ShareAlike 4.0" in text
    handout = pdf_text(handouts / "partnership" / "appendix-a-handout.pdf")
    assert "An easy read version of this document is available." in handout
    assert "Large print and braille versions of this document are available." in handout


def test_check_passes_the_shipped_content(charter) -> None:
    result = charter("check")
    assert result.exit_code == 0, result.output
    assert "Flesch reading ease" in result.output
    report = json.loads(charter("check", "--format", "json").output)
    easy = next(r for r in report if r["file"].endswith(".easy-read.md"))
    assert easy["findings"] == [] and easy["reading_ease"] >= 80
    # no faults; the translated easy reads name the English-only rules they were not checked by
    assert all(f["severity"] == "note" for r in report for f in r["findings"])
    translated = [r for r in report if ".easy-read." in r["file"] and not r["file"].endswith(".easy-read.md")]
    assert translated and all(len(r["findings"]) == len(ENGLISH_ONLY) for r in translated)


def test_check_names_a_long_sentence_and_an_acronym(charter, project_copy: Path) -> None:
    long = "We " + " ".join(["really"] * 20) + " want you to feel safe with the CAMHS team."
    path = break_file(project_copy, EASY, "  It helped you survive.", f"  {long}")
    line = path.read_text().splitlines().index(f"  {long}") + 1
    result = charter("check", str(path), cwd=project_copy)
    assert result.exit_code == 1
    assert f"appendix-a.easy-read.md:{line}: sentence-length: 30 words" in result.output
    assert f"appendix-a.easy-read.md:{line}: acronym: 'CAMHS'" in result.output
    findings = json.loads(charter("check", "--format", "json", str(path), cwd=project_copy).output)[0][
        "findings"
    ]
    assert {(f["line"], f["rule"]) for f in findings} == {(line, "sentence-length"), (line, "acronym")}


@pytest.mark.slow
def test_build_warns_on_findings_and_strict_refuses(charter, project_copy: Path) -> None:
    break_file(project_copy, EASY, "  It helped you survive.", "  The plan was written by the team.")
    result = charter("build", "--format", "easy-read", cwd=project_copy)
    assert result.exit_code == 0
    assert "passive: 'was written' may be passive" in result.output
    strict = charter("build", "--format", "easy-read", "--strict", "--out", "strict", cwd=project_copy)
    user_error(strict, "passive", "--strict")
    assert not (project_copy / "strict").exists()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "openmoji:handshake)",
            "openmoji:handshak)",
            "unknown OpenMoji picture 'handshak'. Did you mean: handshake",
        ),
        ("  We will do it together.\n", "", None),  # placeholder replaced below
        ("  heal: To heal", "  trauma: Again.\n  heal: To heal", "'trauma' is given twice"),
    ],
)
def test_bad_easy_read_input_names_file_and_line(charter, project_copy: Path, old, new, message) -> None:
    if message is None:  # a point with a picture and no words
        old, new, message = (
            "  This charter shows how we will do all this.\n  We will do it together.\n",
            "",
            "no words",
        )
    path = break_file(project_copy, EASY, old, new)
    result = charter("build", "--format", "easy-read", cwd=project_copy)
    user_error(result, "appendix-a.easy-read.md:", message)
    assert re.search(r"appendix-a\.easy-read\.md:\d+:", result.output)
    assert path.is_file() and not (project_copy / "output").exists()


def test_an_empty_easy_read_file_is_an_error(charter, project_copy: Path) -> None:
    (project_copy / "content" / EASY).write_text("")
    user_error(
        charter("build", "--format", "easy-read", cwd=project_copy), "appendix-a.easy-read.md:1:", "empty"
    )
    assert not (project_copy / "output").exists()


@pytest.mark.slow
def test_an_option_raises_the_text_size_but_nothing_lowers_it(charter, tmp_path: Path) -> None:
    result = charter("build", "--format", "easy-read", "--easy-read-size", "20")
    assert result.exit_code == 0, result.output
    chars = characters(tmp_path / "output" / "partnership" / "appendix-a-easy-read.pdf")
    assert statistics.median(c.size for c in chars) == 20
    assert min(c.size for c in chars) >= 14
    lowered = charter("build", "--format", "easy-read", "--easy-read-size", "12", "--out", "small")
    assert lowered.exit_code == 1 and "--easy-read-size 12 is out of range: use 16 to 28" in lowered.output
    assert not (tmp_path / "small").exists()


@pytest.mark.slow
def test_a5_easy_read_keeps_every_character_at_16_pt(charter, tmp_path: Path) -> None:
    result = charter("build", "--format", "easy-read", "--paper", "A5")
    assert result.exit_code == 0, result.output
    path = tmp_path / "output" / "partnership" / "appendix-a-easy-read.pdf"
    assert min(c.size for c in characters(path)) >= 16
    assert "Page 1 of" in pdf_text(path)  # the page number is never split over two lines
    assert check_accessible(path) == []


@pytest.mark.slow
def test_an_easy_read_document_over_24_pages_is_warned_about_and_strict_refuses(
    charter, tmp_path: Path
) -> None:
    args = ["build", "--format", "easy-read", "--paper", "A5", "--easy-read-size", "28"]
    result = charter(*args)
    assert result.exit_code == 0
    assert re.search(
        r"the easy-read version is \d\d pages; easy read documents should be 24 pages", result.output
    )
    user_error(charter(*args, "--strict", "--out", "strict"), "24 pages at most", "--strict")
    assert not (tmp_path / "strict").exists()


def test_check_finds_a_long_sentence_that_runs_over_two_lines(charter, project_copy: Path) -> None:
    two_lines = (
        "  We will always listen to you and we will work with you and your family\n"
        "  and your friends to make a plan that helps you feel safe every day.\n"
    )
    path = break_file(project_copy, EASY, "  It helped you survive.\n", two_lines)
    line = path.read_text().splitlines().index(two_lines.splitlines()[0]) + 1
    result = charter("check", str(path), cwd=project_copy)
    assert result.exit_code == 1
    assert f"appendix-a.easy-read.md:{line}: sentence-length: 29 words" in result.output


def test_a_picture_path_outside_the_content_folder_is_refused(charter, project_copy: Path) -> None:
    break_file(project_copy, EASY, "openmoji:handshake)", "../../../../etc/passwd)")
    user_error(charter("build", "--format", "easy-read", cwd=project_copy), "outside the folder")


def test_check_reports_a_picture_without_alt_text_and_goes_on(charter, project_copy: Path) -> None:
    path = break_file(project_copy, EASY, "![2 hands shaking](openmoji:handshake)", "![](openmoji:handshake)")
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if "![](openmoji:handshake)" in text
    )
    good = project_copy / "good.easy-read.md"
    good.write_text((builtin_dir("content") / EASY).read_text())
    result = charter("check", str(path), str(good), cwd=project_copy)
    assert result.exit_code == 1
    assert (
        f"appendix-a.easy-read.md:{line}: invalid: picture 'openmoji:handshake' has no alt text"
        in result.output
    )
    assert "good.easy-read.md: readability: Flesch reading ease" in result.output
