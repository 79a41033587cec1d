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


def _font_file(folder: Path, family: str, serif_style: int = 0, family_class: int = 0) -> Path:
    """A tiny TrueType font named ``family``, its PANOSE serif style and IBM class as given."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "a"])
    builder.setupCharacterMap({ord("a"): "a"})
    pen = TTGlyphPen(None)
    pen.moveTo((0, 0))
    pen.lineTo((500, 0))
    pen.lineTo((500, 500))
    pen.closePath()
    builder.setupGlyf({".notdef": pen.glyph(), "a": pen.glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0), "a": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    from fontTools.ttLib.tables.O_S_2f_2 import Panose

    panose = Panose()
    for field in ("bFamilyType", "bWeight", "bProportion", "bContrast", "bStrokeVariation"):
        setattr(panose, field, 0)
    for field in ("bArmStyle", "bLetterForm", "bMidline", "bXHeight"):
        setattr(panose, field, 0)
    panose.bFamilyType, panose.bSerifStyle = (2 if serif_style else 0), serif_style
    builder.setupOS2(sFamilyClass=family_class << 8, panose=panose)
    builder.setupPost()
    path = folder / f"{family.replace(' ', '')}-{serif_style}-{family_class}.ttf"
    builder.save(str(path))
    return path


def test_a_face_is_serif_by_its_name_then_panose_then_its_class(tmp_path: Path) -> None:
    from generator.fonts import is_serif

    bramble = Path(__file__).parent / "gallery" / "brands" / "bramble-arts" / "bramble-serif-regular.ttf"
    assert is_serif(bramble)
    assert is_serif(_font_file(tmp_path, "Plain Serif", serif_style=11))  # the name says so first
    assert not is_serif(_font_file(tmp_path, "Plain Sans", serif_style=2))
    # PANOSE: 2-10 have serifs, 11 and up are sans serif; 0-1 (any, no fit) say nothing.
    assert is_serif(_font_file(tmp_path, "Quill", serif_style=10))
    assert not is_serif(_font_file(tmp_path, "Quill", serif_style=11))
    assert is_serif(_font_file(tmp_path, "Quill", serif_style=2))
    # The IBM class when PANOSE says nothing: 1-7 are serif kinds, 8 sans serif.
    assert is_serif(_font_file(tmp_path, "Quill", family_class=7))
    assert not is_serif(_font_file(tmp_path, "Quill", family_class=8))
    assert not is_serif(_font_file(tmp_path, "Quill"))  # nothing said: taken as sans serif
    assert not is_serif(tmp_path / "missing.ttf")


def test_easy_read_and_large_print_keep_a_sans_serif_face(tmp_path: Path) -> None:
    from generator.brand import _plain_families
    from generator.fonts import DEFAULT_FAMILY, FontFace, default_faces

    serif = FontFace("Quill", _font_file(tmp_path, "Quill", serif_style=5))
    sans = FontFace("Grotto", _font_file(tmp_path, "Grotto", serif_style=11))
    faces = (*default_faces(), serif, sans)
    assert _plain_families(faces, "Grotto", "Grotto") == ("Grotto", "Grotto", "")
    body, heading, note = _plain_families(faces, "Quill", "Quill")
    assert (body, heading) == (DEFAULT_FAMILY, DEFAULT_FAMILY)
    assert note.startswith("Quill is a serif face: easy read and large print use Atkinson Hyperlegible")
    # The brand's own sans serif family is kept where it has one.
    assert _plain_families(faces, "Quill", "Grotto")[:2] == ("Grotto", "Grotto")
    assert _plain_families(faces, "Grotto", "Quill")[:2] == ("Grotto", "Grotto")
    assert _plain_families(faces, DEFAULT_FAMILY, DEFAULT_FAMILY) == (DEFAULT_FAMILY, DEFAULT_FAMILY, "")
