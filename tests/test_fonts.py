"""Fonts and glyphs: brand font stacks are CSS lists, a character no font can draw is an error,
and long words and links wrap inside the page."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pdfplumber
import pytest
from conftest import break_file, user_error
from pdfcheck import characters

from generator.fonts import font_stack

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis" + "x" * 100
LONG_LINK = "https://example.org/charter/" + "segment-" * 30 + "end"


def test_a_font_stack_is_read_as_a_css_list() -> None:
    assert font_stack("Arial, \"Helvetica Neue\", 'Segoe UI' ,sans-serif") == [
        "Arial",
        "Helvetica Neue",
        "Segoe UI",
        "sans-serif",
    ]
    assert font_stack("Atkinson Hyperlegible") == ["Atkinson Hyperlegible"]


def test_the_tests_see_only_their_own_fonts() -> None:
    """tests/private_fonts.py: whatever else is installed, fontconfig offers the listed files."""
    import subprocess

    import private_fonts

    listed = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True)
    files = {Path(line) for line in listed.stdout.splitlines()}
    folder = Path(os.environ["FONTCONFIG_FILE"]).parent / "fonts"
    assert files == {folder / path.name for path in private_fonts.font_files()}
    assert {Path(f"/usr/share/fonts/truetype/dejavu/DejaVuSans{s}.ttf") for s in ("", "-Bold")} <= {
        path.resolve() for path in files
    }


@pytest.mark.parametrize(
    ("text", "char", "package"),
    [
        # Scripts the tests' fonts lack (tests/private_fonts.py), whatever the machine has.
        ("Tamil: \u0b95", "'\u0b95' (U+0B95, tamil letter ka)", "fonts-noto-core"),
        ("We shake hands \U0001f91d.", "(U+1F91D, handshake)", "fonts-noto-color-emoji"),
        ("\u4e2d\u6587", "(U+4E2D, cjk unified ideograph-4e2d)", "fonts-noto-cjk"),
    ],
)
def test_a_character_no_font_can_draw_is_an_error_with_its_line_and_a_font_package(
    charter, project_copy: Path, text: str, char: str, package: str
) -> None:
    break_file(
        project_copy, "charter/appendix-a.md", "\nCo-production across", f"\n{text}\n\nCo-production across"
    )
    result = charter("build", "--format", "handout", cwd=project_copy)
    user_error(
        result,
        "content/charter/appendix-a.md:20: '",
        char,
        "cannot be drawn: no font here has it",
        f"apt-get install {package}",
    )
    assert not (project_copy / "output").exists()


def test_a_missing_glyph_in_an_easy_read_file_names_its_line(charter, project_copy: Path) -> None:
    break_file(
        project_copy,
        "charter/appendix-a.easy-read.md",
        "text: We work together",
        "text: \U0001f91d We work together",
    )
    result = charter("build", "--format", "easy-read", cwd=project_copy)
    user_error(result, "appendix-a.easy-read.md:12: '\U0001f91d' (U+1F91D, handshake) cannot be drawn")


@pytest.mark.slow
def test_stacks_fall_through_to_an_installed_family_and_long_words_wrap(charter, project_copy: Path) -> None:
    brand = project_copy / "stacked" / "_brand.yml"
    brand.parent.mkdir()
    brand.write_text(
        "meta:\n  name: Stacked Fonts Trust\ntypography:\n"
        "  base: \"'Nowhere Grotesk', Liberation Serif, serif\"\n"
        '  headings: "Arial Unlikely, sans-serif"\n'
    )
    # A letter the default face lacks but an installed font has is drawn, with no error.
    body = f"\n{LONG_WORD} and <{LONG_LINK}>, \u0679.\n\nCo-production across"
    break_file(project_copy, "charter/appendix-a.md", "\nCo-production across", body)
    result = charter("build", "--format", "handout", "--brand", str(brand), "--strict", cwd=project_copy)
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    pdf = project_copy / "output" / "stacked" / "appendix-a-handout.pdf"
    chars = characters(pdf)
    body = Counter(c.font.split("+")[-1] for c in chars if c.size < 20 and c.text.isascii())
    assert body.most_common(1)[0][0] == "Liberation-Serif", body
    assert {c.font.split("+")[-1] for c in chars if c.size > 20} == {"Atkinson-Hyperlegible-Bold"}
    assert any(c.text == "\u0679" and "DejaVu" in c.font for c in chars)
    with pdfplumber.open(pdf) as doc:
        text = "".join(page.extract_text() for page in doc.pages).replace("\n", "")
        for page in doc.pages:
            assert max(c["x1"] for c in page.chars) < page.width - 28  # inside the right margin
    assert LONG_WORD in text and LONG_LINK in text  # wrapped, not cut


def test_a_brand_name_no_font_can_draw_is_named_in_its_brand_file(charter, tmp_path: Path) -> None:
    brand = tmp_path / "emoji-org" / "_brand.yml"
    brand.parent.mkdir()
    brand.write_text("# A comment may hold anything: \U0001f91d\nmeta:\n  name: Hands \U0001f91d Together\n")
    result = charter("build", "--format", "handout", "--brand", str(brand))
    user_error(result, "emoji-org/_brand.yml:3: '\U0001f91d' (U+1F91D, handshake) cannot be drawn")
