"""Small pieces without rendering: paper choice and page rules, poster helpers, brands and colours,
input keys, the pack's output folder (manifest.json, zip, clean-up) and the summary."""

from __future__ import annotations

import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.brand import load_brand, resolve_brand
from generator.cache import InputHasher, key_of, tool_versions
from generator.colour import AA_TEXT, WHITE, Colour, contrast, nearest_passing, readable_on
from generator.css import css_string, expand_page_rules
from generator.errors import CharterError
from generator.formats import FORMATS, PAPERS, PageOptions, find_paper, page_groups, paper_for, paper_in_run
from generator.pack import MANIFEST_FILE, Event, Pack, PackReport, Task, TaskResult
from generator.pack.output import finish_folder, read_manifest, zip_folder
from generator.planning import plan
from generator.poster import (
    check_url_option,
    poster_layout,
    poster_link,
    printed_link,
    too_much_text,
    type_steps,
)
from generator.project import Project, builtin_dir, inside
from generator.run import Options
from generator.sections import footer_credit
from generator.strings import strings_for

HANDOUT, POSTER = FORMATS["handout"], FORMATS["poster"]


@pytest.fixture(scope="module")
def project() -> Project:
    return Project.discover(builtin_dir("content").parent)


# --- Paper ------------------------------------------------------------------------------------


def test_a_format_takes_a_paper_it_offers_in_any_case_and_refuses_others() -> None:
    assert paper_for(HANDOUT, None) is PAPERS["A4"] and paper_for(POSTER, None) is PAPERS["A3"]
    assert paper_for(HANDOUT, "LETTER") is PAPERS["letter"] and find_paper(POSTER, "a5") is None
    with pytest.raises(CharterError, match="--paper A2 is not available for the handout format"):
        paper_for(HANDOUT, "A2")


def test_in_a_run_a_format_without_the_paper_keeps_its_own_with_a_warning() -> None:
    run = list(FORMATS.values())
    assert paper_in_run(POSTER, "A2", run) == (PAPERS["A2"], None)
    paper, warning = paper_in_run(HANDOUT, "A2", run)
    assert paper is PAPERS["A4"] and warning and "so it is made on A4" in warning
    with pytest.raises(CharterError):  # no format of the run offers it
        paper_in_run(HANDOUT, "B5", run)


def test_page_sizes_and_orientation() -> None:
    a5 = PageOptions(PAPERS["A5"], landscape=True)
    assert a5.size_mm == (210, 148) and a5.css_size == "210mm 148mm" and a5.text == "A5 landscape"
    assert PageOptions(PAPERS["letter"]).css_size == "215.9mm 279.4mm"
    assert a5.as_dict() == {"paper": "A5", "landscape": True, "print_marks": False}


def test_poster_papers_carry_type_scales_and_others_do_not() -> None:
    assert [PAPERS[p].scale(easy_read=False).floor_pt for p in POSTER.papers] == [18, 24, 32]
    assert [PAPERS[p].scale(easy_read=True).floor_pt for p in POSTER.papers] == [20, 28, 40]
    assert PAPERS["A2"].unit_mm == 2 * PAPERS["A4"].unit_mm
    with pytest.raises(ValueError):
        PAPERS["A5"].scale(easy_read=False)


def test_page_rules_name_a_format_or_a_format_and_paper() -> None:
    groups = page_groups()
    assert groups["handout-a5"] == ("handout-a5-portrait", "handout-a5-landscape")
    assert len(groups["handout"]) == 6 and not any(
        n.startswith("easy-read-poster") for n in groups["easy-read"]
    )
    css = "@page handout-a5 { margin: 1mm }\n@page pack-cover, poster { size: A4 }\n@page { x: y }"
    assert expand_page_rules(css).splitlines() == [
        "@page handout-a5-portrait, handout-a5-landscape { margin: 1mm }",
        "@page pack-cover, " + ", ".join(groups["poster"]) + " { size: A4 }",
        "@page { x: y }",
    ]


def test_css_strings_are_escaped_for_a_style_element() -> None:
    assert css_string('a "quote"\\</style>') == '"a \\22 quote\\22 \\5c \\3c /style\\3e "'


# --- Planning a build -------------------------------------------------------------------------


def test_a_build_plans_brand_x_document_x_format(project: Project) -> None:
    formats = ["handout", "easy-read", "poster", "easy-read-poster"]
    items = plan(project, [], ["riverside-council", "partnership"], formats, Options(paper="A2"))
    assert [(i.brand.slug, i.fmt, i.page.text) for i in items] == [
        ("riverside-council", "handout", "A4"),
        ("riverside-council", "easy-read", "A4"),
        ("riverside-council", "poster", "A2"),
        ("riverside-council", "easy-read-poster", "A2"),
        ("partnership", "handout", "A4"),
        ("partnership", "easy-read", "A4"),
        ("partnership", "poster", "A2"),
        ("partnership", "easy-read-poster", "A2"),
    ]
    every = plan(project, [], [], [], Options())
    assert [i.fmt for i in every] == list(FORMATS) and {i.brand.slug for i in every} == {"partnership"}
    assert items[0].path(Path("out")) == Path("out/riverside-council/appendix-a-handout.pdf")
    with pytest.raises(CharterError, match="--paper A2 is not available for the handout format"):
        plan(project, [], [], ["handout"], Options(paper="A2"))
    with pytest.raises(CharterError, match="is not a web link"):
        plan(project, [], [], [], Options(url="example.org"))


# --- Posters ----------------------------------------------------------------------------------


def test_poster_type_steps_and_the_designed_layout() -> None:
    assert type_steps(20, 18) == [20, 19.5, 19, 18.5, 18] and type_steps(18, 18) == [18]
    layout = poster_layout(PAPERS["A3"], 420, True, "https://example.org", "x", easy_read=True)
    assert (layout.type_pt, layout.floor_pt, layout.bleed_mm) == (36, 28, 3)
    assert layout.qr is not None and layout.qr.alt == "QR code: https://example.org"
    assert layout.qr.data_uri.startswith("data:image/svg+xml")
    assert "--u: 1.4142mm" in layout.style and layout.point_id(2) == "x-point-2"


def test_the_poster_link_is_the_option_then_the_document_then_the_brand(tmp_path: Path) -> None:
    brand = tmp_path / "_brand.yml"
    assert poster_link("https://a.org", "https://b.org", "https://c.org", brand) == "https://a.org"
    assert poster_link(None, "https://b.org", "https://c.org", brand) == "https://b.org"
    assert poster_link(None, None, "https://c.org", brand) == "https://c.org"
    assert poster_link(None, None, None, brand) is None
    with pytest.raises(CharterError, match=re.escape("meta.link.home 'c.org' is not a web link")):
        poster_link(None, None, "c.org", brand)
    with pytest.raises(CharterError, match=re.escape("--url 'ftp://x.org' is not a web link")):
        check_url_option("ftp://x.org")


def test_printed_links_are_the_qr_codes_address_without_its_scheme() -> None:
    assert printed_link("https://www.example.org/a/b?x=y") == "www.example.org/a/b?x=y"
    assert printed_link("http://example.org/") == "example.org"
    assert printed_link("https://wwwx.org/www.") == "wwwx.org/www."


def test_too_much_text_names_the_longest_points_and_other_papers() -> None:
    error = too_much_text(
        PAPERS["A3"], 24, Path("doc.md"), "acme", "Title", ["short", "x" * 80, "medium one"], True
    )
    # Whose poster: a build of several brands fails for some and not others.
    assert error.detail.startswith("too much text for one A3 poster (--brand acme): ")
    assert "(24 pt)" in error.detail and "3 key points" in error.detail
    assert f'"{"x" * 49}…" (80 characters)' in error.detail
    assert "Or make it on --paper A2 or portrait (no --landscape)." in error.detail


# --- Brands and colours -----------------------------------------------------------------------


def test_contrast_and_the_nearest_passing_shade() -> None:
    assert contrast(WHITE, Colour(0, 0, 0)) == pytest.approx(21)
    pale = Colour.parse("#99ccff")
    shade = nearest_passing(pale, WHITE)
    assert contrast(pale, WHITE) < AA_TEXT <= contrast(shade, WHITE) < AA_TEXT + 0.5
    assert readable_on(Colour.parse("#1f4e79")) == WHITE and readable_on(Colour.parse("yellow")) != WHITE
    with pytest.raises(ValueError):
        Colour.parse("not a colour")


def test_a_brand_is_resolved_once_and_loaded_with_its_theme(project: Project) -> None:
    ref = resolve_brand("riverside-council", project)
    assert ref == resolve_brand(str(ref.path), project) and ref.slug == "riverside-council"
    brand = load_brand(ref)
    assert brand.slug == ref.slug and brand.logo is not None and brand.logo.path.is_file()
    assert contrast(Colour.parse(brand.theme.text), Colour.parse(brand.theme.background)) >= AA_TEXT
    with pytest.raises(
        CharterError, match=re.escape("unknown brand 'nope'. Valid brands: oakfield-university")
    ):
        resolve_brand("nope", project)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("color:\n  primary: notacolour\n", "color.primary 'notacolour' is not a colour"),
        ("meta:\n  name: X\nlogo: https://example.org/logo.png\n", "is a remote URL"),
        ("logo: missing.png\n", "logo file 'missing.png' is not there"),
        ("color: [1, 2\n", "YAML error"),
        ("meta: 3\n", "not a valid brand.yml file"),
    ],
)
def test_brand_mistakes_name_the_file(tmp_path: Path, project: Project, text: str, message: str) -> None:
    path = tmp_path / "acme" / "_brand.yml"
    path.parent.mkdir()
    path.write_text(text)
    with pytest.raises(CharterError) as caught:
        load_brand(resolve_brand(str(path), project))
    assert message in caught.value.detail and caught.value.path == path


def test_a_pale_brand_colour_is_darkened_with_a_warning(tmp_path: Path, project: Project) -> None:
    path = tmp_path / "pale.yml"
    path.write_text("meta:\n  name: Pale\ncolor:\n  foreground: '#bbbbbb'\n")
    brand = load_brand(resolve_brand(str(path), project))
    assert brand.slug == "pale" and brand.name == "Pale"
    assert any("too pale for text" in w for w in brand.warnings)
    assert contrast(Colour.parse(brand.theme.text), WHITE) >= AA_TEXT


def test_paths_must_stay_inside_their_folder(tmp_path: Path) -> None:
    assert inside(tmp_path / "a" / "b.png", tmp_path, "picture") == tmp_path / "a" / "b.png"
    with pytest.raises(CharterError, match="picture"):
        inside(tmp_path / ".." / "b.png", tmp_path, "picture")


def test_the_footer_credit_names_the_charter_and_its_authors(project: Project) -> None:
    from generator.run import Inputs

    inputs = Inputs(project)
    doc = inputs.document("appendix-a")
    riverside = inputs.brand(resolve_brand("riverside-council", project))
    english = strings_for(project.template_dirs, doc.language)
    assert footer_credit(doc, riverside, english) == f"{doc.charter}, Appendix A, by {doc.credit}"


# --- Input keys -------------------------------------------------------------------------------


def test_keys_ignore_dictionary_order_and_tools_include_the_source() -> None:
    assert key_of({"a": 1, "b": [1, 2]}) == key_of({"b": [1, 2], "a": 1}) != key_of({"a": 2, "b": [1, 2]})
    assert tool_versions()["charter"].startswith("0.1.0 (source ") and "weasyprint" in tool_versions()


def test_a_document_key_reads_its_own_files_and_shared_pictures_only(project_copy: Path) -> None:
    project = Project.discover(project_copy)
    (project.charter_dir / "other.md").write_text("---\ntitle: Other\n---\n")
    (project.charter_dir / "shared.png").write_bytes(b"png")
    names = set(InputHasher(project).document("appendix-a"))
    assert {"content/charter/appendix-a.md", "content/charter/shared.png"} <= names
    assert "content/charter/other.md" not in names
    brand = InputHasher(project).brand(project.brands_dir / "partnership" / "_brand.yml")
    assert len(brand) >= 2  # the brand file and the logo it names


# --- The pack's output folder -----------------------------------------------------------------


def pack_with(folder: Path, date: str | None = "2025-03-12") -> Pack:
    return Pack("p", folder / "p.yml", "Title", Event(date=date), (), (), ())


def test_the_zip_holds_the_files_under_the_folder_name_and_is_reproducible(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    folder.mkdir()
    (folder / "b.pdf").write_bytes(b"bee")
    (folder / "a.pdf").write_bytes(b"ay")
    data = zip_folder(folder, ["b.pdf", "a.pdf"], Event(date="2025-03-12"))
    assert data == zip_folder(folder, ["a.pdf", "b.pdf"], Event(date="2025-03-12"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["acme/a.pdf", "acme/b.pdf"]
        assert archive.infolist()[0].date_time == (2025, 3, 12, 9, 0, 0)
    with zipfile.ZipFile(io.BytesIO(zip_folder(folder, ["a.pdf"], Event()))) as archive:
        assert archive.infolist()[0].date_time == (1980, 1, 1, 0, 0, 0)


def task_in(folder: Path, name: str, combined: bool = False) -> Task:
    from generator.brand import BrandRef

    path = folder / name
    return Task(
        BrandRef(folder / "_brand.yml", folder.name), (), path, combined, f"key-{name}", {"path": name}
    )


def test_finishing_a_folder_writes_manifest_and_a_zip_of_what_was_built(tmp_path: Path) -> None:
    folder = tmp_path / "p" / "acme"
    folder.mkdir(parents=True)
    tasks = [task_in(folder, "a.pdf"), task_in(folder, "b.pdf")]
    for task in tasks:
        task.path.write_bytes(b"pdf")
    (folder / "dropped.pdf").write_bytes(b"old")  # in the last run's manifest, no longer planned
    built = {t: TaskResult("built", 1, 3, 0.1, "sha") for t in tasks}
    archive = finish_folder(pack_with(tmp_path), tmp_path, "acme", tasks, built, {"dropped.pdf": {}}, False)
    assert archive == tmp_path / "p" / "p-acme.zip" and archive.is_file()
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["complete"] and [f["path"] for f in manifest["files"]] == ["a.pdf", "b.pdf"]
    assert not (folder / "dropped.pdf").exists()
    assert read_manifest(folder)["a.pdf"]["sha256"] == "sha"

    failed = {**built, tasks[1]: TaskResult("failed", error="broken")}
    assert finish_folder(pack_with(tmp_path), tmp_path, "acme", tasks, failed, {}, False) == archive
    assert not tasks[1].path.exists()  # no stale PDF
    with zipfile.ZipFile(archive) as written:  # the zip holds what was built, nothing stale
        assert sorted(written.namelist()) == ["acme/a.pdf", "acme/manifest.json"]
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["complete"] is False and [f["path"] for f in manifest["files"]] == ["a.pdf"]

    # A combined PDF that left an item out: complete is false, and the entry says what it lacks.
    tasks[1].path.write_bytes(b"pdf")
    short = {
        **built,
        tasks[0]: TaskResult("built", 1, 3, 0.1, "sha", missing=(("doc (poster, A4)", "too long"),)),
    }
    assert finish_folder(pack_with(tmp_path), tmp_path, "acme", tasks, short, {}, False) == archive
    manifest = json.loads((folder / MANIFEST_FILE).read_text())
    assert manifest["complete"] is False and manifest["files"][0]["missing"] == ["doc (poster, A4)"]
    assert "missing" not in manifest["files"][1]

    nothing = {t: TaskResult("failed", error="broken") for t in tasks}
    assert finish_folder(pack_with(tmp_path), tmp_path, "acme", tasks, nothing, {}, False) is None
    assert not folder.exists()


def test_a_missing_or_broken_manifest_reads_as_empty(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    folder.mkdir()
    assert read_manifest(folder) == {}
    (folder / MANIFEST_FILE).write_text("{not json")
    assert read_manifest(folder) == {}


def test_the_summary_lists_every_pdf_the_failures_and_the_zips(tmp_path: Path) -> None:
    from generator.progress import print_summary

    tasks = [task_in(tmp_path / "acme", "a.pdf"), task_in(tmp_path / "acme", "b.pdf")]
    results = {
        tasks[0]: TaskResult("built", 2, 2 * 1024 * 1024, 1.5, "x"),
        tasks[1]: TaskResult("failed", error="brand file not found.\nsecond line"),
    }
    report = PackReport(tasks, results, [tmp_path / "p-acme.zip"], 2.0)
    assert report.failures == [tasks[1]] and report.count("built") == 1
    runner = CliRunner()
    with runner.isolation() as (out, _, _):
        print_summary(report)
        text = out.getvalue().decode()
    assert "acme/a.pdf      2  2.0 MB  1.5 s  built" in text
    assert "2 files: 1 built, 0 unchanged, 1 failed (2.0 s)" in text
    assert "  acme/b.pdf:\n    brand file not found.\n    second line" in text
    assert f"Pack: {tmp_path / 'p-acme.zip'}" in text


DARK_LOGOS = """\
meta:
  name: Night Org
logo:
  medium:
    light: {path: light.png, alt: Night Org logo}
    dark: {path: dark.png, alt: "Night Org logo, white"}
color:
  background: "#10151c"
  foreground: "#f4f4f4"
"""


@pytest.mark.parametrize(("background", "expected"), [("#10151c", "dark.png"), ("#ffffff", "light.png")])
def test_the_logo_variant_matches_the_page_and_every_template_prints_it(
    tmp_path: Path, project: Project, background: str, expected: str
) -> None:
    from generator.compose import Composition, compose_html
    from generator.run import Inputs
    from generator.sections import item_section

    folder = tmp_path / "night"
    folder.mkdir()
    for name in ("light.png", "dark.png"):
        shutil.copy(project.brands_dir / "riverside-council" / "logo.png", folder / name)
    text = DARK_LOGOS.replace("#10151c", background).replace(
        "#f4f4f4", "#111111" if background == "#ffffff" else "#f4f4f4"
    )
    (folder / "_brand.yml").write_text(text)
    ref = resolve_brand(str(folder / "_brand.yml"), project)
    brand = load_brand(ref)
    assert brand.logo is not None and brand.logo.path.name == expected
    (item,) = plan(project, [], [str(folder / "_brand.yml")], ["handout"], Options())
    html = compose_html(project, Composition.single(item_section(Inputs(project), item, Options())))
    assert html.count(f'src="{(folder / expected).as_uri()}"') == 1
    other = "light.png" if expected == "dark.png" else "dark.png"
    assert other not in html
