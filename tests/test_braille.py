"""Braille: BRF pages in Unified English Braille grade 2, read back with liblouis."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from pdfcheck import body_text

from generator.braille import (
    MISSING,
    NOTE_CLOSE,
    NOTE_OPEN,
    PREFIXES,
    Block,
    PageSize,
    body_blocks,
    document_blocks,
    lay_out,
    page_number,
    to_brf,
    translate,
)
from generator.content import load_document
from generator.errors import CharterError
from generator.project import builtin_dir

DOCUMENT = builtin_dir("content") / "charter" / "appendix-a.md"


def words(text: str) -> list[str]:
    """Lower-case words, apostrophes made straight."""
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))


def pages_of(brf: str) -> list[list[str]]:
    """Lines end in CR LF, every one (a bare CR or LF is a fault)."""
    assert brf.endswith("\r\n") and brf.count("\n") == brf.count("\r") == brf.count("\r\n")
    return [page.removesuffix("\r\n").split("\r\n") for page in brf.split("\f")]


def back_translated(brf: str) -> str:
    """The print text liblouis reads back from a BRF file, without the page numbers."""
    text = " ".join(line for page in pages_of(brf) for line in page[1:])
    return translate([text.replace(NOTE_OPEN, " ").replace(NOTE_CLOSE, " ")], backward=True)[0]


def recovered(expected: list[str], got: list[str]) -> float:
    """The share of ``expected`` words found in ``got``, in order."""
    matcher = difflib.SequenceMatcher(None, expected, got, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(expected)


def check_pages(brf: str, size: PageSize) -> list[list[str]]:
    """Assert the BRF rules every file keeps; the pages, as lists of lines."""
    assert all(ch in "\r\n\f" or 0x20 <= ord(ch) <= 0x5F for ch in brf), "a character outside BRF"
    pages = pages_of(brf)
    for number, page in enumerate(pages, 1):
        assert len(page) <= size.lines, f"page {number} has {len(page)} lines"
        assert all(len(line) <= size.cells for line in page), f"page {number} has a line over {size.cells}"
        assert page[0] == page_number(number).rjust(size.cells)  # its number, top right
        for line in page[1:]:
            assert line == line.rstrip() and not (line and line[-1] in PREFIXES and line[-2:] != NOTE_CLOSE)
    return pages


@pytest.fixture(scope="module")
def document():
    return load_document(DOCUMENT)


def test_braille_page_numbers_use_the_number_sign_and_letters_a_to_j() -> None:
    assert [page_number(n) for n in (1, 9, 10, 25, 107)] == ["#A", "#I", "#AJ", "#BE", "#AJG"]


def test_the_charter_in_braille_reads_back_to_its_words_in_order(document) -> None:
    size = PageSize()
    data, count = to_brf(document_blocks(document, "Riverside Borough Council", size, True), size)
    brf = data.decode("ascii")
    pages = check_pages(brf, size)
    assert count == len(pages) >= 4
    source = " ".join([document.title, document.summary, *document.key_points])
    body = DOCUMENT.read_text().split("---", 2)[2]
    expected = words(f"{source} {body}")
    got = words(back_translated(brf))
    assert recovered(expected, got) >= 0.99
    # The start says what the file is: the title, the credit, then a transcriber's note.
    opening = back_translated(brf.split("\f")[0])
    assert opening.startswith("A trauma informed & responsive approach From the Co-production Charter")
    assert "Shared by Riverside Borough Council." in opening
    assert "This file is the braille version of the handout" in opening
    assert NOTE_OPEN in pages[0][5] or any(line.strip().startswith(NOTE_OPEN) for line in pages[0])


def test_lines_break_only_between_words(document) -> None:
    size = PageSize(cells=28, lines=12)
    blocks = document_blocks(document, "Riverside Borough Council", size, True)
    translated = translate([b.text for b in blocks])
    brf = to_brf(blocks, size)[0].decode("ascii")
    check_pages(brf, size)
    # Joining every line with one space gives back each block's braille, every word whole.
    laid = " ".join(" ".join(line.split()) for page in pages_of(brf) for line in page[1:] if line)
    whole = [
        f"{NOTE_OPEN}{t}{NOTE_CLOSE}" if b.kind == "note" else t
        for b, t in zip(blocks, translated, strict=True)
    ]
    assert laid == " ".join(" ".join(t.split()) for t in whole)


def test_layout_centres_headings_indents_items_and_never_ends_a_page_with_a_heading() -> None:
    size = PageSize(cells=30, lines=10)
    blocks = [Block("paragraph", "WORD " * 30), Block("heading", "HEAD", 2), Block("item", "ONE TWO")]
    pages = lay_out(blocks, [b.text for b in blocks], size)
    assert pages[0][-1].strip() != "HEAD"
    assert pages[1][1] == " " * 13 + "HEAD"  # centred: (30 - 4) / 2 cells before it
    assert pages[1][3] == "  ONE TWO"  # an item at cell 3
    assert pages[0][1].startswith("  WORD") and pages[0][2].startswith("WORD")  # paragraph 3-1


def test_a_word_longer_than_a_line_is_divided_with_hyphens_and_no_prefix_at_a_line_end() -> None:
    size = PageSize(cells=20, lines=10)
    long_word = "ABC-" + ",D" * 20 + "#AB" * 5
    pages = lay_out([Block("item", long_word)], [long_word], size)
    lines = [line.strip() for line in pages[0][1:]]
    assert all(len(line) <= 20 for line in pages[0])
    assert lines[0] == "ABC-"  # divided after its own hyphen first
    assert "".join(line.removesuffix("-") for line in lines[1:]) == long_word[4:]
    assert not any(line[-2] in PREFIXES for line in lines[1:-1])


@pytest.mark.parametrize(("option", "value"), [("cells", 19), ("cells", 61), ("lines", 9), ("lines", 51)])
def test_a_page_size_out_of_range_is_one_clear_line(charter, tmp_path: Path, option: str, value: int) -> None:
    result = charter("build", "--format", "handout", f"--braille-{option}", str(value))
    assert result.exit_code == 1
    low, high = {"cells": (20, 60), "lines": (10, 50)}[option]
    assert result.output.splitlines() == [
        f"Error: --braille-{option} {value} is out of range: use {low} to {high}."
    ]
    assert not (tmp_path / "output").exists()


def test_missing_liblouis_is_one_clear_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(CharterError) as error:
        translate(["Hello"])
    assert str(error.value) == "braille needs liblouis: apt-get install liblouis-bin liblouis-data."


def test_body_blocks_keep_headings_paragraphs_and_numbered_lists() -> None:
    html = (
        "<h2>Why</h2><p>Some <em>text</em> and <img src='x.png' alt='a picture'>.</p>"
        "<ol start='3'><li>three</li><li>four<ul><li>inner</li></ul></li></ol>"
    )
    assert body_blocks(html) == [
        Block("heading", "Why", 2),
        Block("paragraph", "Some text and a picture."),
        Block("item", "3. three"),
        Block("item", "4. four"),
        Block("item", "inner", 2),
    ]


# --- charter build --format braille ------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`charter build --format braille` for Riverside Borough Council: the .brf file."""
    from conftest import run_charter

    folder = tmp_path_factory.mktemp("braille")
    result = run_charter(["build", "--format", "braille", "--brand", "riverside-council"], folder)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(Path("output", "riverside-council", "appendix-a-braille.brf"))]
    return folder / "output" / "riverside-council" / "appendix-a-braille.brf"


def test_build_writes_a_brf_file_that_keeps_the_rules_and_the_same_bytes_every_time(
    built: Path, charter, tmp_path: Path
) -> None:
    brf = built.read_bytes().decode("ascii")
    pages = check_pages(brf, PageSize())
    assert len(pages) >= 4 and brf.count("\f") == len(pages) - 1
    again = charter("build", "--format", "braille", "--brand", "riverside-council", "--quiet")
    assert again.exit_code == 0, again.output
    assert (
        tmp_path / "output" / "riverside-council" / "appendix-a-braille.brf"
    ).read_bytes() == built.read_bytes()


def test_build_lays_braille_out_on_the_page_size_asked_for(charter, tmp_path: Path) -> None:
    result = charter("build", "--format", "braille", "--braille-cells", "32", "--braille-lines", "20")
    assert result.exit_code == 0, result.output
    brf = (tmp_path / "output" / "partnership" / "appendix-a-braille.brf").read_bytes().decode("ascii")
    pages = check_pages(brf, PageSize(32, 20))
    assert max(len(line) for page in pages for line in page) == 32
    assert max(len(page) for page in pages) == 20
    assert "32 cells a line and 20 lines a page" in back_translated(brf)


@pytest.mark.slow
def test_the_braille_reads_back_to_the_handouts_words_in_order(built: Path, handouts: Path) -> None:
    handout = words(body_text(handouts / "riverside-council" / "appendix-a-handout.pdf"))
    assert len(handout) > 600
    assert recovered(handout, words(back_translated(built.read_bytes().decode("ascii")))) >= 0.99


def test_build_without_liblouis_is_one_clear_line(
    charter, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    result = charter("build", "--format", "braille")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "Error: braille needs liblouis: apt-get install liblouis-bin liblouis-data."
    ]
    assert not (tmp_path / "output").exists()


def test_a_build_of_every_format_leaves_braille_out_with_a_warning_without_liblouis(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from generator.planning import plan
    from generator.project import Project
    from generator.run import Options

    project = Project.discover(project_copy)
    assert "braille" in {item.fmt for item in plan(project, [], [], [], Options())}
    monkeypatch.setenv("PATH", str(project_copy / "bin"))
    items = plan(project, [], [], [], Options())
    assert items and "braille" not in {item.fmt for item in items}
    assert f"no braille is made: {MISSING}." in caplog.text
