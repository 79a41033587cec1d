"""The core pipeline: charter content + brand -> accessible, branded PDF handout."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from conftest import MM, break_file, pdf_text, user_error
from pdfcheck import characters, check_accessible, check_structure

from generator.project import builtin_dir

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_9a15b1809028e8e6.txt"
BRANDS = ["partnership", "riverside-council", "oakfield-university"]


def page_size_mm(path: Path) -> tuple[float, float]:
    with pikepdf.open(path) as pdf:
        box = [float(v) for v in pdf.pages[0].mediabox]
    return round((box[2] - box[0]) / MM), round((box[3] - box[1]) / MM)


@pytest.mark.slow
@pytest.mark.parametrize("brand", BRANDS)
def test_shipped_handouts_pass_the_accessibility_checks(handouts: Path, brand: str) -> None:
    path = handouts / brand / "appendix-a-handout.pdf"
    assert check_accessible(path) == []
    report = check_structure(path)
    assert report.lang == "en-GB"
    # The title names the format, in the metadata and the XMP (what the window shows).
    assert report.title == "A trauma informed & responsive approach — Handout"
    with pikepdf.open(path) as pdf:
        assert pdf.open_metadata().get("dc:title") == report.title
    assert report.figures_alt and all(report.figures_alt)
    assert page_size_mm(path) == (210, 297)


@pytest.mark.slow
def test_build_in_an_empty_folder_uses_the_built_in_content(charter, tmp_path: Path) -> None:
    result = charter("build", "--format", "handout")
    assert result.exit_code == 0, result.output
    written = tmp_path / "output" / "partnership" / "appendix-a-handout.pdf"
    assert result.output.strip() == str(Path("output") / "partnership" / "appendix-a-handout.pdf")
    assert written.is_file()
    assert check_structure(written).figures_alt == ["Social Work Teaching Partnership West Midlands"]


@pytest.mark.slow
def test_the_seed_text_is_transcribed_and_printed_in_full(handouts: Path) -> None:
    body = (builtin_dir("content") / "charter" / "appendix-a.md").read_text().split("---", 2)[2]
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    assert len(paragraphs) == 5
    path = handouts / "riverside-council" / "appendix-a-handout.pdf"
    # A line may break after a hyphen ("co-" / "produced"): extraction puts a space there.
    body_text = pdf_text(path, footers=False).replace("- ", "-")
    for paragraph in paragraphs:
        assert paragraph.replace("- ", "-") in body_text
    text = pdf_text(path)
    assert "Social Work Teaching Partnership West Midlands" in text
    pages = len(pdfplumber.open(path).pages)
    assert all(f"Page {n} of {pages}" in text for n in range(1, pages + 1))
    if SEED.is_file():  # the transcription itself is faithful to the seed
        seed = " ".join(SEED.read_text().split())
        seed = seed.replace(" the SOCIAL WORK TEACHING PARTNERSHIP West Midlands ", " ")
        for paragraph in paragraphs:
            assert paragraph in seed


@pytest.mark.slow
def test_the_brand_colour_and_type_are_used(handouts: Path) -> None:
    path = handouts / "riverside-council" / "appendix-a-handout.pdf"
    with pdfplumber.open(path) as pdf:
        title = [c for c in pdf.pages[0].chars if c["size"] > 20]
        (logo,) = pdf.pages[0].images  # the PNG logo is drawn, top left
        assert logo["x0"] < 30 * MM and logo["top"] < 40 * MM and logo["srcsize"][0] > 100
    assert title and {tuple(round(v * 255) for v in c["non_stroking_color"]) for c in title} == {(0, 105, 78)}
    fonts = {c.font.split("+")[-1] for c in characters(path)}
    assert fonts <= {"Atkinson-Hyperlegible", "Atkinson-Hyperlegible-Bold"}


@pytest.mark.slow
def test_the_same_build_twice_gives_identical_bytes(charter, tmp_path: Path) -> None:
    charter("build", "--format", "handout", "--brand", "riverside-council", "--out", "one")
    charter("build", "--format", "handout", "--brand", "riverside-council", "--out", "two")
    one = (tmp_path / "one" / "riverside-council" / "appendix-a-handout.pdf").read_bytes()
    two = (tmp_path / "two" / "riverside-council" / "appendix-a-handout.pdf").read_bytes()
    assert one == two


@pytest.mark.slow
def test_the_same_content_in_another_folder_gives_identical_bytes(charter, tmp_path: Path) -> None:
    for name in ("first", "second"):
        shutil.copytree(builtin_dir("content"), tmp_path / name / "content")
        result = charter(
            "build",
            "--brand",
            "riverside-council",
            "--format",
            "handout",
            "--format",
            "easy-read",
            cwd=tmp_path / name,
        )
        assert result.exit_code == 0, result.output
    for pdf in ("appendix-a-handout.pdf", "appendix-a-easy-read.pdf"):  # a PNG logo, SVG pictures
        first = (tmp_path / "first" / "output" / "riverside-council" / pdf).read_bytes()
        assert first == (tmp_path / "second" / "output" / "riverside-council" / pdf).read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize(("paper", "size"), [("A5", (148, 210)), ("letter", (216, 279))])
def test_paper_sizes(charter, tmp_path: Path, paper: str, size: tuple[int, int]) -> None:
    result = charter("build", "--format", "handout", "--paper", paper)
    assert result.exit_code == 0, result.output
    path = tmp_path / "output" / "partnership" / "appendix-a-handout.pdf"
    assert page_size_mm(path) == size
    assert check_accessible(path) == []


FOREIGN_BRAND = """\
meta:
  name:
    full: Northgate Advocacy Collective
  link: https://www.example.org/northgate
logo:
  images:
    main: assets/mark.svg
    main-dark: assets/mark.svg
  medium:
    light: main
    dark: main-dark
color:
  palette:
    lemon: "#f2d64b"
    charcoal: "#333333"
    lime: "#84cc16"
  foreground: charcoal
  primary: lemon
  secondary: lime
typography:
  fonts:
    - family: Roboto Slab
      source: google
      weight: [400, 700]
  base: Roboto Slab
  headings: Roboto Slab
"""
MARK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
    '<circle cx="20" cy="20" r="18" fill="#333"/></svg>'
)


def foreign_brand(folder: Path, text: str = FOREIGN_BRAND) -> Path:
    (folder / "assets").mkdir(parents=True, exist_ok=True)
    (folder / "assets" / "mark.svg").write_text(MARK)
    path = folder / "brand.yml"
    path.write_text(text)
    return path


@pytest.mark.slow
def test_a_brand_file_from_another_organisation_renders(charter, tmp_path: Path) -> None:
    path = foreign_brand(tmp_path / "northgate")
    result = charter("build", "--format", "handout", "--brand", str(path))
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "output" / "northgate" / "appendix-a-handout.pdf"
    assert pdf.is_file()
    assert check_structure(pdf).figures_alt == ["Northgate Advocacy Collective logo"]
    assert check_accessible(pdf) == []
    assert result.output.count("Roboto Slab") == 1  # one warning: google fonts cannot be downloaded
    assert "too pale" not in result.output  # the charcoal passes: no shade is made
    with pdfplumber.open(pdf) as doc:
        title = [c for c in doc.pages[0].chars if c["size"] > 20]
        painted = {tuple(round(v * 255) for v in r["non_stroking_color"] or ()) for r in doc.pages[0].rects}
        inked = {tuple(round(v * 255) for v in c["non_stroking_color"] or ()) for c in doc.pages[0].chars}
    # The pale lemon primary fails even 3:1, so headings take the brand's next colour, charcoal.
    assert tuple(round(v * 255) for v in title[0]["non_stroking_color"]) == (0x33, 0x33, 0x33)
    # The lime secondary (2.0:1) prints no text but is the key points' bar.
    assert (0x84, 0xCC, 0x16) in painted and (0x84, 0xCC, 0x16) not in inked


def test_strict_refuses_a_colour_it_would_have_to_change(charter, tmp_path: Path) -> None:
    path = foreign_brand(tmp_path / "northgate", FOREIGN_BRAND.replace('"#333333"', '"#b0b0b0"'))
    result = charter("build", "--format", "handout", "--brand", str(path), "--strict")
    assert result.exit_code == 1
    assert "too pale" in result.output and "--strict" in result.output
    assert not (tmp_path / "output").exists()


@pytest.mark.slow
def test_brand_fonts_from_files_are_embedded(charter, tmp_path: Path) -> None:
    import fontpkg_atkinson_hyperlegible

    font = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files" / "AtkinsonHyperlegible-Italic.ttf"
    folder = tmp_path / "slanted"
    (folder / "fonts").mkdir(parents=True)
    (folder / "fonts" / "Slanted.ttf").write_bytes(font.read_bytes())
    brand = folder / "_brand.yml"
    brand.write_text(
        "meta:\n  name: Slanted Trust\ncolor:\n  primary: '#7a1f5c'\ntypography:\n  fonts:\n"
        "    - family: Slanted\n      source: file\n      files:\n        - path: fonts/Slanted.ttf\n"
        "  headings: Slanted\n"
    )
    result = charter("build", "--format", "handout", "--brand", str(brand))
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "output" / "slanted" / "appendix-a-handout.pdf"
    assert check_accessible(pdf) == []
    assert {c.font.split("+")[-1] for c in characters(pdf) if c.size > 20} == {"Slanted-Bold"}


def test_unknown_document_and_brand_list_the_valid_ones(charter, tmp_path: Path) -> None:
    user_error(charter("build", "--doc", "appendix-z"), "unknown document 'appendix-z'", "appendix-a")
    user_error(charter("build", "--brand", "nowhere"), "unknown brand 'nowhere'", "riverside-council")
    user_error(charter("build", "--format", "leaflet"), "unknown format 'leaflet'", "handout")
    assert not (tmp_path / "output").exists()


def test_yaml_syntax_error_names_file_and_line(charter, project_copy: Path) -> None:
    break_file(project_copy, "charter/appendix-a.md", "appendix: A\n", "appendix: [A\n")
    # The line the bracket is opened on, not the next one, where the parser gives up.
    user_error(charter("build", cwd=project_copy), "content/charter/appendix-a.md:4:", "YAML")
    assert not (project_copy / "output").exists()


def test_brand_yaml_error_names_file_and_line(charter, project_copy: Path) -> None:
    break_file(project_copy, "brands/partnership/_brand.yml", "  primary: navy", "  primary: : navy: [")
    user_error(charter("build", cwd=project_copy), "content/brands/partnership/_brand.yml:", "YAML")


def test_missing_logo_file_is_named(charter, project_copy: Path) -> None:
    break_file(project_copy, "brands/partnership/_brand.yml", "path: wordmark.svg", "path: gone.svg")
    user_error(charter("build", cwd=project_copy), "_brand.yml", "gone.svg")
    assert not (project_copy / "output").exists()


def test_picture_without_alt_text_is_an_error_naming_file_and_line(charter, project_copy: Path) -> None:
    (project_copy / "content" / "charter" / "photo.png").write_bytes(
        (builtin_dir("content") / "brands" / "riverside-council" / "logo.png").read_bytes()
    )
    break_file(
        project_copy, "charter/appendix-a.md", "\nTrauma-informed", "\n![](photo.png)\n\nTrauma-informed"
    )
    user_error(charter("build", cwd=project_copy), "appendix-a.md:18:", "photo.png", "no alt text")


def test_a_remote_picture_in_content_is_refused(charter, project_copy: Path) -> None:
    remote = "\n![A chart](https://example.org/c.png)\n\nTrauma-informed"
    break_file(project_copy, "charter/appendix-a.md", "\nTrauma-informed", remote)
    user_error(
        charter("build", cwd=project_copy), "appendix-a.md:18:", "remote URL", "https://example.org/c.png"
    )


def test_a_remote_logo_is_refused(charter, project_copy: Path) -> None:
    break_file(
        project_copy, "brands/partnership/_brand.yml", "path: wordmark.svg", "path: https://example.org/l.svg"
    )
    user_error(charter("build", cwd=project_copy), "_brand.yml", "remote URL", "example.org/l.svg")


@pytest.mark.slow
def test_a_remote_url_in_a_template_is_refused(charter, project_copy: Path) -> None:
    (project_copy / "templates" / "css").mkdir(parents=True)
    (project_copy / "templates" / "css" / "handout.css").write_text(
        '@import url("https://example.org/evil.css");\n'
        + (builtin_dir("templates") / "css" / "handout.css").read_text()
    )
    user_error(
        charter("build", "--format", "handout", cwd=project_copy), "https://example.org/evil.css", "remote"
    )
    assert not (project_copy / "output").exists()


def test_paths_that_escape_their_folder_are_refused(charter, project_copy: Path) -> None:
    break_file(
        project_copy, "brands/partnership/_brand.yml", "path: wordmark.svg", "path: ../../../secret.svg"
    )
    (project_copy / "secret.svg").write_text(MARK)
    user_error(charter("build", cwd=project_copy), "outside the folder")


def test_unreadable_font_file_is_named(charter, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    (folder / "fonts").mkdir(parents=True)
    (folder / "fonts" / "Broken.ttf").write_text("not a font")
    (folder / "_brand.yml").write_text(
        "meta:\n  name: Broken Fonts Ltd\ntypography:\n  fonts:\n    - family: Broken\n      source: file\n"
        "      files:\n        - path: fonts/Broken.ttf\n  base: Broken\n"
    )
    user_error(
        charter("build", "--brand", str(folder / "_brand.yml")), "fonts/Broken.ttf", "not a readable font"
    )
    assert not (tmp_path / "output").exists()


@pytest.mark.slow
def test_raw_html_and_template_syntax_in_content_stay_plain_text(charter, project_copy: Path) -> None:
    break_file(
        project_copy,
        "charter/appendix-a.md",
        "\nTrauma-informed",
        '\nWe write {{ 7 * 7 }} and <b onclick="x()">tags</b> as text.\n\nTrauma-informed',
    )
    result = charter("build", "--format", "handout", cwd=project_copy)
    assert result.exit_code == 0, result.output
    text = pdf_text(project_copy / "output" / "partnership" / "appendix-a-handout.pdf")
    assert 'We write {{ 7 * 7 }} and <b onclick="x()">tags</b> as text.' in text


@pytest.mark.slow
def test_a_build_writes_every_item_it_can_and_lists_every_failure(charter, project_copy: Path) -> None:
    break_file(project_copy, "charter/appendix-a.easy-read.md", "openmoji:handshake", "openmoji:handshak")
    break_file(project_copy, "brands/riverside-council/_brand.yml", "path: ", "path: gone-")
    # A full-text format and an easy-read one (every format behaves as one of these here).
    formats = ("--format", "handout", "--format", "easy-read")
    brands = ("--brand", "partnership", "--brand", "riverside-council")
    result = charter("build", *formats, *brands, cwd=project_copy)
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output
    error = result.output[result.output.index("Error: ") :].splitlines()
    # Each fault once, with its file and line, then how much was built.
    assert len(error) == 3, error
    assert "appendix-a.easy-read.md:" in error[0] and "handshak" in error[0]
    assert "riverside-council/_brand.yml:" in error[1]
    written = sorted(
        p.relative_to(project_copy / "output").as_posix() for p in (project_copy / "output").rglob("*.*")
    )
    assert written and all(p.startswith("partnership/") and "easy-read" not in p for p in written), written
    assert "partnership/appendix-a-handout.pdf" in written
    printed = result.output[: result.output.index("Error: ")].split()  # a line for each file written
    assert all((project_copy / p).is_file() for p in printed)
    assert re.fullmatch(
        rf"{len(printed)} of \d+ files written; \d+ could not be built \(above\)\. .*", error[2]
    )
    assert not [p for p in project_copy.rglob("*.part")]  # nothing half-written


def test_list_help_and_version(charter) -> None:
    listing = charter("list")
    assert listing.exit_code == 0
    for word in ("appendix-a (+ easy read)", "partnership (default)", "riverside-council", "handout"):
        assert word in listing.output
    assert charter("--version").output.startswith("charter, version ")
    for command in ([], ["build"], ["list"], ["check"]):
        result = charter(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys; from generator.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('weasyprint', 'brand_yml', 'pydantic', 'jinja2') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.slow
def test_markdown_headings_nest_under_the_title(charter, project_copy: Path) -> None:
    break_file(
        project_copy, "charter/appendix-a.md", "\nTrauma-informed", "\n# Why\n\n### Detail\n\nTrauma-informed"
    )
    result = charter("build", "--format", "handout", cwd=project_copy)
    assert result.exit_code == 0, result.output
    report = check_structure(project_copy / "output" / "partnership" / "appendix-a-handout.pdf")
    assert report.problems == []
    headings = [t for t in report.tags if re.fullmatch(r"H\d", t)]
    assert headings[:4] == ["H1", "H2", "H2", "H3"]


DARK_BRAND = """\
meta:
  name: Night Shelter Network
color:
  background: "#101820"
  foreground: "#f2f2f2"
  primary: "#7fd1c7"
  secondary: "#aeb1b3"
"""


@pytest.mark.slow
def test_a_dark_background_fills_the_page_and_every_character_passes(charter, tmp_path: Path) -> None:
    path = foreign_brand(tmp_path / "night", DARK_BRAND)
    result = charter("build", "--format", "handout", "--format", "easy-read", "--brand", str(path))
    assert result.exit_code == 0, result.output
    for name in ("appendix-a-handout.pdf", "appendix-a-easy-read.pdf"):
        pdf = tmp_path / "output" / "night" / name
        assert check_accessible(pdf) == []
        import pypdfium2

        corner = pypdfium2.PdfDocument(str(pdf))[0].render(scale=0.5).to_pil().convert("RGB").getpixel((2, 2))
        assert corner == (0x10, 0x18, 0x20)  # the margins are the brand's background too


@pytest.mark.slow
def test_page_footers_are_artifacts_not_text_in_the_reading_order(handouts: Path) -> None:
    path = handouts / "partnership" / "appendix-a-handout.pdf"
    assert not [p for p in check_structure(path).problems if "outside the structure tree" in p]
    with pikepdf.open(path) as pdf:
        content = pdf.pages[0].Contents.read_bytes()
    footer = content[content.rindex(b"/Artifact") :]
    assert b"/MCID" not in footer  # the last thing drawn, the page number, is an artifact


@pytest.mark.slow
def test_system_fonts_are_used_when_installed_and_fall_back_with_a_warning_when_not(
    charter, tmp_path: Path
) -> None:
    brand = tmp_path / "sys" / "_brand.yml"
    brand.parent.mkdir()
    brand.write_text(
        "meta:\n  name: System Fonts Trust\ntypography:\n  fonts:\n"
        "    - family: DejaVu Sans\n      source: system\n"
        "    - family: Nowhere Grotesk\n      source: system\n"
        "  base: DejaVu Sans\n  headings: Nowhere Grotesk\n"
    )
    result = charter("build", "--format", "handout", "--brand", str(brand))
    assert result.exit_code == 0, result.output
    assert "font 'Nowhere Grotesk' is not installed here; using Atkinson Hyperlegible" in result.output
    chars = characters(tmp_path / "output" / "sys" / "appendix-a-handout.pdf")
    body = {c.font.split("+")[-1] for c in chars if 13 < c.size < 15 and "Bold" not in c.font}
    headings = {c.font.split("+")[-1] for c in chars if c.size > 20}
    assert body == {"DejaVu-Sans"}  # fontconfig's DejaVu, which Debian's fontconfig brings
    assert headings == {"Atkinson-Hyperlegible-Bold"}
