"""Markdown as people write it (generator/markdown.py): tables, footnotes, links, and what is refused.

Fast unit tests on the HTML every format is made from, the braille blocks read from it, and the
easy read's refusals; tests/test_gallery_documents.py builds real files from the gallery."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.braille import Block, body_blocks
from generator.easyread import load_easy_read
from generator.errors import CharterError
from generator.markdown import render_body

TABLE = """\
| Activity | Length | Pay |
| :--- | :---: | ---: |
| Short meeting | 1 hour | £20 |
"""


def body(markdown: str, tmp_path: Path, first_line: int = 1) -> str:
    return render_body(markdown, tmp_path / "doc.md", first_line)


def refusal(markdown: str, tmp_path: Path, first_line: int = 1) -> str:
    with pytest.raises(CharterError) as caught:
        body(markdown, tmp_path, first_line)
    return caught.value.message


def test_a_table_has_a_labelled_region_header_cells_with_scope_and_aligned_columns(tmp_path: Path) -> None:
    html = body(TABLE + "\n" + TABLE, tmp_path)
    assert '<div class="table-region" role="region" aria-label="Table 1" tabindex="0">' in html
    assert 'aria-label="Table 2"' in html  # numbered in order
    assert '<th class="align-left" scope="col">Activity</th>' in html
    assert '<th class="align-center" scope="col">Length</th>' in html
    assert '<td class="align-right" data-label="Pay">£20</td>' in html
    assert "style=" not in html and "|" not in html


@pytest.mark.parametrize(
    ("header", "row", "wide"),
    [
        ("| a | b | c |", "| x | y | z |", False),  # three short columns
        ("| a | b | c | d |", "| w | x | y | z |", True),  # four columns
        ("| a | b |", f"| {'x' * 15} | {'y' * 15} |", False),  # a row of 30 characters
        ("| a | b |", f"| {'x' * 15} | {'y' * 16} |", True),  # 31
    ],
)
def test_a_table_is_wide_past_three_columns_or_30_characters_a_row(
    header: str, row: str, wide: bool, tmp_path: Path
) -> None:
    columns = header.count("|") - 1
    html = body(f"{header}\n|{' --- |' * columns}\n{row}\n", tmp_path)
    assert ('class="table wide"' in html) is wide
    assert ('class="table"' in html) is not wide


def test_footnotes_link_to_their_notes_and_back(tmp_path: Path) -> None:
    html = body("One[^a] and two[^b], one again[^a].\n\n[^a]: First note.\n[^b]: Second note.\n", tmp_path)
    assert '<a href="#note-1" id="note-1-ref" title="Note 1">1</a>' in html
    assert '<a href="#note-2" id="note-2-ref" title="Note 2">2</a>' in html
    assert 'id="note-1-ref-1"' in html  # the second reference to note 1
    assert '<h2 id="notes-heading">Notes</h2>' in html
    assert '<div class="footnote" id="note-1">' in html and '<div class="footnote" id="note-2">' in html
    assert 'href="#note-1-ref" aria-label="1. Back to the text"' in html
    assert "First note." in html and "[^" not in html and "\u21a9" not in html


def test_every_markdown_fault_is_reported_at_once_with_its_line(tmp_path: Path) -> None:
    message = refusal(
        "Text[^missing].\n\n| a | b |\n| x | y |\n\n![](openmoji:coin)\n\n[^spare]: Never used.\n",
        tmp_path,
        first_line=10,
    )
    lines = message.splitlines()
    assert len(lines) == 4, message
    assert lines[0].endswith(
        "doc.md:10: footnote [^missing] has no text. Add a line '[^missing]: what the "
        "note says.' after the paragraph."
    )
    assert "doc.md:12: this looks like a table but has no line of dashes" in lines[1]
    assert "doc.md:15: picture 'openmoji:coin' has no alt text" in lines[2]
    assert "doc.md:17: footnote [^spare] is never referred to" in lines[3]


def test_a_paragraph_with_a_bar_is_not_a_table(tmp_path: Path) -> None:
    assert "<p>Either | or.</p>" in body("Either | or.\n", tmp_path)


def test_a_link_whose_words_are_not_its_address_carries_the_address_to_print(tmp_path: Path) -> None:
    html = body("[the policy](https://www.example.org/policy) and <https://example.org/a>.\n", tmp_path)
    expected = '<a href="https://www.example.org/policy" data-address="www.example.org/policy">the policy</a>'
    assert expected in html
    assert '<a href="https://example.org/a">https://example.org/a</a>' in html


def test_braille_reads_a_table_row_by_row_with_its_labels_and_says_links_and_notes(tmp_path: Path) -> None:
    html = body(TABLE + "\nSee [the policy](https://example.org/p).[^n]\n\n[^n]: A note.\n", tmp_path)
    blocks = body_blocks(html)
    assert blocks[:2] == [
        Block("paragraph", "Table of 1 row, with columns Activity, Length, Pay."),
        Block("item", "Activity: Short meeting; Length: 1 hour; Pay: £20."),
    ]
    assert Block("paragraph", "See the policy (example.org/p). (note 1)") in blocks
    assert Block("heading", "Notes", 2) in blocks and Block("paragraph", "1. A note.") in blocks


EASY_READ = """\
---
id: leaflet
title: A leaflet
---

## What we do

- ![A house](openmoji:1F3E1) We help you.
"""


@pytest.mark.parametrize(
    ("extra", "line", "says"),
    [
        ("\n| a | b |\n| - | - |\n| x | y |\n", 10, "easy read has no tables"),
        ("- ![A house](openmoji:1F3E1) We help you.[^1]\n\n[^1]: A note.\n", 9, "easy read has no footnotes"),
        ("- ![A house](openmoji:1F3E1) We help you.[^1]\n", 9, "easy read has no footnotes"),
        ("\n[^1]: A note.\n", 10, "easy read has no footnotes"),
    ],
)
def test_easy_read_refuses_tables_and_footnotes_at_their_line(
    extra: str, line: int, says: str, tmp_path: Path
) -> None:
    path = tmp_path / "leaflet.easy-read.md"
    path.write_text(EASY_READ + extra, encoding="utf-8")
    with pytest.raises(CharterError) as caught:
        load_easy_read(path)
    assert caught.value.line == line and caught.value.detail.startswith(says), caught.value.message
