"""Every picture is checked when it is loaded: a logo or picture that cannot be drawn is an error
naming the file and the reason, before anything is rendered."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
import weasyprint  # noqa: F401  (it makes Pillow lenient on import; the checks must not be)
from conftest import break_file, user_error
from PIL import Image

from generator.pictures import MAX_PIXELS
from generator.project import builtin_dir


def png(width: int = 40, height: int = 20, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, (width, height), "white" if mode == "RGB" else 1).save(buffer, "PNG")
    return buffer.getvalue()


def noisy_png() -> bytes:
    """A PNG that does not compress, so cutting it short cuts its picture data."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (64, 64), random.Random(1).randbytes(64 * 64 * 3)).save(buffer, "PNG")
    return buffer.getvalue()


BRAND = """\
meta:
  name: Test Org
logo:
  medium:
    path: {logo}
    alt: Test Org logo
color:
  primary: "#1f4e79"
"""

_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n'
    '<svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>'
)
_OUTSIDE = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
    '<image xlink:href="../../secret.png" width="10" height="10"/></svg>'
)
_CSS_OUTSIDE = '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill: url(file:///etc/x.svg#p)"/></svg>'


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("logo.svg", b"this is not XML", "is not valid SVG"),
        ("logo.svg", b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "is not an SVG drawing"),
        ("logo.svg", _ENTITY.encode(), "declares a DTD or entities"),
        ("logo.svg", _OUTSIDE.encode(), "refers to '../../secret.png' outside itself"),
        ("logo.svg", _CSS_OUTSIDE.encode(), "refers to 'file:///etc/x.svg#p' outside itself"),
        ("logo.png", noisy_png()[:3000], "is damaged or incomplete"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 40, "is damaged or incomplete"),
        ("logo.png", b"GIF89a" + b"garbage" * 40, "is not a picture file that can be read"),
        ("logo.png", b"garbage" * 40, "is not a picture file that can be read"),
        ("logo.png", png(8000, 5001, "1"), "is 8000 x 5001 pixels, more than 40 million"),
    ],
)
def test_a_logo_that_cannot_be_drawn_is_an_error_naming_it(
    charter, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    folder = tmp_path / "test-org"
    folder.mkdir()
    (folder / name).write_bytes(data)
    (folder / "_brand.yml").write_text(BRAND.format(logo=name))
    result = charter("build", "--format", "handout", "--brand", str(folder / "_brand.yml"), "--strict")
    user_error(result, "test-org/_brand.yml:", f"picture '{name}' cannot be used: it {reason}")
    assert "DecompressionBomb" not in result.output
    assert not (tmp_path / "output").exists()


def test_the_pixel_limit_covers_an_a2_poster_at_300_dpi() -> None:
    assert round(420 / 25.4 * 300) * round(594 / 25.4 * 300) <= MAX_PIXELS


def test_a_broken_picture_in_a_document_names_the_document_and_line(charter, project_copy: Path) -> None:
    (project_copy / "content" / "charter" / "photo.png").write_bytes(noisy_png()[:5000])
    break_file(
        project_copy,
        "charter/appendix-a.md",
        "\nTrauma-informed",
        "\n![A photo of the team](photo.png)\n\nTrauma-informed",
    )
    result = charter("build", "--format", "handout", cwd=project_copy)
    user_error(result, "content/charter/appendix-a.md:18: picture 'photo.png' cannot be used: it is damaged")
    assert not (project_copy / "output").exists()


def test_a_broken_picture_in_an_easy_read_file_names_its_point(charter, project_copy: Path) -> None:
    folder = project_copy / "content" / "charter"
    (folder / "meeting.svg").write_text(_ENTITY)
    text = (folder / "appendix-a.easy-read.md").read_text()
    first = text.index("\n- ![") + 1
    line = text[:first].count("\n") + 1
    (folder / "appendix-a.easy-read.md").write_text(
        text[:first] + "- ![People at a meeting](meeting.svg) We meet.\n" + text[first:]
    )
    result = charter("build", "--format", "easy-read", cwd=project_copy)
    user_error(
        result, f"appendix-a.easy-read.md:{line}: picture 'meeting.svg' cannot be used: it declares a DTD"
    )


def test_a_picture_weasyprint_cannot_draw_stops_the_build(charter, project_copy: Path) -> None:
    """WeasyPrint only logs a picture it cannot load; the build must not pass with it missing."""
    templates = project_copy / "templates"
    templates.mkdir()
    handout = (builtin_dir("templates") / "handout.html.j2").read_text()
    broken = '<img src="data:image/png;base64,Z2FyYmFnZQ==" alt="A broken picture">\n'
    (templates / "handout.html.j2").write_text(broken + handout)
    result = charter("build", "--format", "handout", cwd=project_copy)
    user_error(result, "Failed to load image at 'data:image/png;base64,", "nothing was written")
    assert result.output.count("Failed to load") == 1
    assert not (project_copy / "output").exists()
