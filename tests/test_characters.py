"""Every character and picture accounted for: characters no font draws are refused in every
category, SVGs with processing instructions, <use> bombs or escaped @imports are refused, a
picture is typed by its content, and a brand's palette cycle or a far-future date is one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import break_file, user_error

from generator.errors import CharterError
from generator.limits import MAX_SVG_ELEMENTS
from generator.pictures import check_picture

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">{}</svg>'


def _use_bomb(levels: int) -> str:
    parts = ['<g id="l0"><rect width="1" height="1"/></g>']
    parts += [f'<g id="l{i}"><use href="#l{i - 1}"/><use href="#l{i - 1}"/></g>' for i in range(1, levels)]
    return SVG.format("<defs>" + "".join(parts) + f'</defs><use href="#l{levels - 1}"/>')


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('<?xml version="1.0"?><?xml-stylesheet href="x.css"?>' + SVG.format(""), "processing instruction"),
        (_use_bomb(30), f"more than {MAX_SVG_ELEMENTS:,} elements"),
        (SVG.format('<g id="a"><use href="#a"/></g>'), "refer to themselves"),
        (SVG.format("<style>@im\\70 ort 'x.css';</style>"), "@import"),
        (SVG.format('<rect style="fill: u\\72l(http://e/x)"/>'), "outside itself"),
    ],
)
def test_hostile_svgs_are_refused(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "logo.svg"
    path.write_text(text)
    with pytest.raises(CharterError, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        check_picture(path, tmp_path / "_brand.yml")


def test_an_svg_with_a_few_uses_passes(tmp_path: Path) -> None:
    path = tmp_path / "logo.svg"
    path.write_text(_use_bomb(10))  # 2^10 copies: under the limit
    assert check_picture(path, tmp_path / "_brand.yml") == path


def test_an_svg_saved_as_png_is_embedded_as_svg(tmp_path: Path) -> None:
    from generator.web import data_uri

    path = tmp_path / "logo.png"
    path.write_text(SVG.format('<rect width="1" height="1"/>'))
    assert data_uri(path.as_uri(), (tmp_path,)).startswith("data:image/svg+xml;base64,")


@pytest.mark.parametrize("char", ["\u0890", "\u0bb5"])  # a format mark drawn above numbers, a Tamil letter
def test_a_character_no_font_draws_is_refused_whatever_its_category(
    charter, project_copy: Path, char: str
) -> None:
    break_file(project_copy, "charter/appendix-a.md", "title: A trauma", f"title: {char}1 A trauma")
    user_error(
        charter("build", "--format", "html", cwd=project_copy), f"U+{ord(char):04X}", "cannot be drawn"
    )


def test_invisible_format_characters_need_no_font(project_copy: Path) -> None:
    from generator.content import load_document

    path = break_file(project_copy, "charter/appendix-a.md", "title: A trauma", "title: A\u00ad\u200b trauma")
    assert load_document(path).title.startswith("A\u00ad\u200b trauma")


def test_a_palette_cycle_is_one_line(charter, tmp_path: Path) -> None:
    (tmp_path / "_brand.yml").write_text(
        "meta:\n  name: Cyc\ncolor:\n  palette:\n    a: b\n    b: a\n  primary: a\n"
    )
    user_error(charter("build", "--brand", "./_brand.yml", "--format", "html"), "Circular reference")


def test_a_date_after_2107_zips(tmp_path: Path) -> None:
    from generator.pack.manifest import Event
    from generator.pack.output import zip_folder

    (tmp_path / "a.txt").write_text("x")
    data = zip_folder(tmp_path, ["a.txt"], Event(date="2108-05-06"))
    path = tmp_path / "z.zip"
    path.write_bytes(data)
    with zipfile.ZipFile(path) as archive:
        assert archive.infolist()[0].date_time[:3] == (2107, 5, 6)


@pytest.mark.parametrize("name", ["my picture.png", "café.png"])
def test_picture_names_with_spaces_or_accents_are_found(project_copy: Path, name: str) -> None:
    import shutil

    from generator.content import load_document

    folder = project_copy / "content" / "charter"
    shutil.copy(project_copy / "content" / "brands" / "riverside-council" / "logo.png", folder / name)
    path = break_file(project_copy, "charter/appendix-a.md", "\n---\n", f"\n---\n![A logo](<{name}>)\n\n")
    assert "A logo" in load_document(path).body_html


def test_a_nul_in_a_picture_name_is_one_line(charter, project_copy: Path) -> None:
    break_file(project_copy, "charter/appendix-a.md", "\n---\n", "\n---\n![A logo](a%00b.png)\n\n")
    user_error(charter("build", "--format", "html", cwd=project_copy), "control character")
