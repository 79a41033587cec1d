"""Workshop packs: every brand x document x format PDF, a combined pack PDF per organisation,
its zip and manifest.json; rebuilt incrementally; one broken input fails only its own PDFs."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
import yaml
from conftest import REPO, break_file, run_charter
from layout import smallest_size
from packs import SMALL_PACK, statuses
from pdfcheck import characters, check_accessible, check_structure, needed_contrast

from generator.project import builtin_dir

BRANDS = ["partnership", "riverside-council", "oakfield-university"]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file below a folder: modification time and bytes."""
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def outline(path: Path) -> list[tuple[str, int, int]]:
    """Top-level bookmarks: (title, page number it opens, number of children)."""
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as tree:
            return [(item.title, pages[item.destination[0].objgen], len(item.children)) for item in tree.root]


# --- The shipped example ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`charter pack workshop --jobs 2` in an empty folder: (pack folder, CLI output)."""
    folder = tmp_path_factory.mktemp("example")
    result = run_charter(["pack", "workshop", "--jobs", "2"], folder)
    assert result.exit_code == 0, result.output
    return folder / "output" / "workshop", result.output


def expected_files() -> list[str]:
    """The item files (PDFs and web pages) the example manifest asks for, per organisation, read
    independently."""
    manifest = yaml.safe_load((builtin_dir("content") / "packs" / "workshop.yml").read_text())
    charter = builtin_dir("content") / "charter"
    # documents only: an easy read or a translation has a second dot (appendix-a.ur.md)
    docs = sorted(p.name.removesuffix(".md") for p in charter.glob("*.md") if p.name.count(".") == 1)
    suffix = {
        fmt: {"html": ".html", "braille": ".brf"}.get(fmt.split("-")[-1], ".pdf")
        for fmt in manifest["formats"]
    }
    return [f"{doc}-{fmt}{suffix[fmt]}" for doc in docs for fmt in manifest["formats"]]


@pytest.mark.slow
def test_the_example_pack_builds_every_item(example: tuple[Path, str]) -> None:
    folder, output = example
    files = expected_files()
    assert len(files) >= 2
    expected = {f"{brand}/{name}" for brand in BRANDS for name in [*files, f"workshop-{brand}.pdf"]}
    assert statuses(output) == dict.fromkeys(expected, "built")
    for brand in BRANDS:
        names = sorted(p.name for p in (folder / brand).iterdir())
        assert names == sorted([*files, f"workshop-{brand}.pdf", "manifest.json", "index.html"])
        assert (folder / f"workshop-{brand}.zip").is_file()
    assert not list(folder.rglob("*.part"))


@pytest.mark.slow
@pytest.mark.parametrize("brand", BRANDS)
def test_the_combined_pdf_has_a_bookmark_per_document_and_is_accessible(
    example: tuple[Path, str], brand: str
) -> None:
    path = example[0] / brand / f"workshop-{brand}.pdf"
    marks = outline(path)
    assert [(title, page) for title, page, _ in marks[:2]] == [("Cover", 1), ("Contents", 2)]
    assert len(marks) == 2 + len([name for name in expected_files() if name.endswith(".pdf")])
    assert marks[2][0] == "Handout: A trauma informed & responsive approach"
    assert marks[2][2] >= 1 and marks[-1][2] == 0  # the handout's sections under it; a poster has none
    assert check_accessible(path) == []
    assert check_structure(path).title == f"Co-production Charter workshop: {brand_name(brand)}"


def brand_name(slug: str) -> str:
    return {
        "partnership": "Social Work Teaching Partnership West Midlands",
        "riverside-council": "Riverside Borough Council",
        "oakfield-university": "Oakfield University",
    }[slug]


@pytest.mark.slow
def test_the_cover_contents_and_page_numbers(example: tuple[Path, str]) -> None:
    path = example[0] / "riverside-council" / "workshop-riverside-council.pdf"
    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    cover = " ".join(texts[0].split())
    for detail in (
        "Co-production Charter workshop",
        "Wednesday 12 March 2025",
        "The Riverside Hub, Meeting Room 2",
        "Jo Amadi",
        "Prepared for Riverside Borough Council",
    ):
        assert detail in cover
    # The contents page lists every document with the page its bookmark opens.
    marks = outline(path)[2:]  # after the cover's and the contents' own
    listed = [int(m.group(1)) for m in re.finditer(r"\.{3,}\s*(\d+)\s*$", texts[1], re.MULTILINE)]
    assert listed == [page for _, page, _ in marks]
    # Page numbers run on through the whole pack (posters are one page with no footer).
    total = len(texts)
    posters = {page for title, page, _ in marks if title.lower().startswith(("poster", "easy read poster"))}
    for number in range(2, total + 1):
        if number not in posters:
            assert f"Page {number} of {total}" in texts[number - 1]


@pytest.mark.slow
def test_the_combined_pdf_prints_on_one_paper(example: tuple[Path, str]) -> None:
    """Every page of a combined PDF is A4, the poster included (an A4 version of itself); the
    poster's own file keeps its A3."""
    folder = example[0] / "riverside-council"
    mm = 72 / 25.4
    with pikepdf.open(folder / "workshop-riverside-council.pdf") as pdf:
        sizes = {tuple(round(float(v) / mm) for v in page.mediabox) for page in pdf.pages}
    assert sizes == {(0, 0, 210, 297)}
    assert smallest_size(folder / "workshop-riverside-council.pdf") >= 12  # cover and contents too
    assert any(
        title.startswith("Poster: ") for title, _, _ in outline(folder / "workshop-riverside-council.pdf")
    )
    with pikepdf.open(folder / "appendix-a-poster.pdf") as pdf:
        assert [round(float(v) / mm) for v in pdf.pages[0].mediabox] == [0, 0, 297, 420]


@pytest.mark.slow
def test_large_print_in_the_combined_pdf_keeps_every_character_at_its_size(example: tuple[Path, str]) -> None:
    path = example[0] / "riverside-council" / "workshop-riverside-council.pdf"
    marks = outline(path)
    starts = [page for _, page, _ in marks]
    (first,) = [page for title, page, _ in marks if title.startswith("Large print: ")]
    later = [page for page in starts if page > first]
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages[first - 1 : (min(later) if later else len(pdf.pages) + 1) - 1]
        assert len(pages) >= 3
        sizes = [c["size"] for page in pages for c in page.chars if c["text"].strip()]
        text = " ".join(page.extract_text() or "" for page in pages)
    assert min(sizes) >= 18 - 0.01
    assert "Standard print and braille versions of this document are available." in " ".join(text.split())


@pytest.mark.slow
def test_items_and_combined_pdf_are_the_same_bytes_however_they_are_made(
    example: tuple[Path, str], tmp_path: Path
) -> None:
    """A combined PDF is made from its items' layouts in the job that writes them; made alone (the
    items up to date) it is the same bytes, and each item is what `charter build` makes in a fresh
    process (nothing drawn before: SVG paths are parsed once per process)."""
    shutil.copytree(example[0].parent, tmp_path / "output")
    folder = tmp_path / "output" / "workshop" / "riverside-council"
    combined = folder / "workshop-riverside-council.pdf"
    made_with_items = combined.read_bytes()
    combined.unlink()
    result = run_charter(["pack", "workshop", "--jobs", "1"], tmp_path)
    assert result.exit_code == 0, result.output
    assert set(statuses(result.output).values()) == {"unchanged", "built"}
    assert [name for name, status in statuses(result.output).items() if status == "built"] == [
        "riverside-council/workshop-riverside-council.pdf"
    ]
    assert combined.read_bytes() == made_with_items
    formats = ["--format", "handout", "--format", "easy-read", "--format", "large-print"]
    command = [sys.executable, "-m", "generator", "build", "--brand", "riverside-council", *formats]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    subprocess.run(
        [*command, "--quiet", "--out", "built"], cwd=tmp_path, env=env, check=True, capture_output=True
    )
    built = sorted((tmp_path / "built" / "riverside-council").glob("*.pdf"))
    assert len(built) == 3 * len([n for n in expected_files() if n.endswith("-handout.pdf")])
    for path in built:
        assert path.read_bytes() == (folder / path.name).read_bytes(), path.name


@pytest.mark.slow
def test_manifest_lists_every_file_with_its_sha256_and_inputs(example: tuple[Path, str]) -> None:
    folder = example[0] / "oakfield-university"
    manifest = json.loads((folder / "manifest.json").read_text())
    listed = {entry["path"]: entry for entry in manifest["files"]}
    assert set(listed) == {p.name for p in folder.iterdir()} - {"manifest.json", "index.html"}
    for name, entry in listed.items():
        assert entry["sha256"] == sha256(folder / name)
        assert entry["size"] == (folder / name).stat().st_size
        assert "content/brands/oakfield-university/_brand.yml" in entry["inputs"]
        assert "content/brands/oakfield-university/logo.svg" in entry["inputs"]
        assert "content/charter/appendix-a.md" in entry["inputs"]
        assert "templates/base.html.j2" in entry["inputs"]
    assert manifest["tools"]["weasyprint"]


@pytest.mark.slow
def test_the_zip_holds_the_organisations_folder(example: tuple[Path, str]) -> None:
    folder = example[0] / "partnership"
    with zipfile.ZipFile(example[0] / "workshop-partnership.zip") as archive:
        assert archive.testzip() is None
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    assert contents == {f"partnership/{p.name}": p.read_bytes() for p in folder.iterdir()}


# --- Incremental builds and failures, on a small pack ----------------------------------------


def pack(folder: Path, *args: str):
    return run_charter(["pack", "content/packs/small.yml", "--jobs", "2", *args], folder)


@pytest.mark.slow
def test_a_second_run_renders_nothing(small: Path) -> None:
    before = snapshot(small / "output")
    result = pack(small)
    assert result.exit_code == 0, result.output
    assert statuses(result.output) == {
        "partnership/appendix-a-handout.pdf": "unchanged",
        "partnership/small-partnership.pdf": "unchanged",
        "riverside-council/appendix-a-handout.pdf": "unchanged",
        "riverside-council/small-riverside-council.pdf": "unchanged",
    }
    assert snapshot(small / "output") == before


@pytest.mark.slow
def test_changing_one_brand_rebuilds_only_its_items(small: Path) -> None:
    before = snapshot(small / "output")
    brand = small / "content" / "brands" / "riverside-council" / "_brand.yml"
    brand.write_text(brand.read_text().replace("secondary: deep-blue", "secondary: river-green"))
    result = pack(small)
    assert result.exit_code == 0, result.output
    assert statuses(result.output) == {
        "partnership/appendix-a-handout.pdf": "unchanged",
        "partnership/small-partnership.pdf": "unchanged",
        "riverside-council/appendix-a-handout.pdf": "built",
        "riverside-council/small-riverside-council.pdf": "built",
    }
    after = snapshot(small / "output")
    partnership = {name for name in before if "riverside-council" not in name}
    assert len(partnership) == 5  # its PDFs, manifest.json, index.html and zip
    assert {name: after[name] for name in partnership} == {name: before[name] for name in partnership}
    assert (
        after["small/riverside-council/appendix-a-handout.pdf"][1]
        != before["small/riverside-council/appendix-a-handout.pdf"][1]
    )


@pytest.mark.slow
def test_force_rebuilds_everything_byte_for_byte(small: Path) -> None:
    first = pack(small, "--force")
    before = snapshot(small / "output")
    second = pack(small, "--force")
    assert first.exit_code == second.exit_code == 0, second.output
    assert set(statuses(second.output).values()) == {"built"}
    after = snapshot(small / "output")
    assert {name: data for name, (_, data) in after.items()} == {
        name: data for name, (_, data) in before.items()
    }
    rewritten = [name for name in after if after[name][0] != before[name][0]]
    # Every file is rewritten, the manifest too: it is invalidated before its PDFs change.
    assert sorted(rewritten) == sorted(after)


@pytest.mark.slow
def test_one_job_and_two_jobs_give_the_same_bytes(small_built: Path, tmp_path: Path) -> None:
    """In this process (--jobs 1) or in forked workers (--jobs 2, as small_built was made): every
    PDF, manifest.json and zip byte for byte the same."""
    shutil.copytree(small_built / "content", tmp_path / "content")
    result = run_charter(["pack", "content/packs/small.yml", "--jobs", "1"], tmp_path)
    assert result.exit_code == 0, result.output
    one = {name: data for name, (_, data) in snapshot(tmp_path / "output").items()}
    two = {name: data for name, (_, data) in snapshot(small_built / "output").items()}
    # 2 x (item, combined PDF, manifest.json, index.html) + 2 zips
    assert sorted(one) == sorted(two) and len(one) == 10
    assert [name for name in one if one[name] != two[name]] == []


@pytest.mark.slow
def test_a_worker_that_crashes_fails_its_pdf_alone(small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker process killed mid-render (as by a crash in a native library): that PDF fails, a new
    worker renders the rest, the organisation's zip holds what was made, and nothing half-written
    is left."""
    from generator.pack import workers

    real = workers.render_job

    def crash_on_riverside_handout(pack, inputs, job):
        if any(task.label == "riverside-council/appendix-a-handout.pdf" for task in job):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(pack, inputs, job)

    monkeypatch.setattr(workers, "render_job", crash_on_riverside_handout)  # forked workers inherit it
    result = pack(small, "--force")
    assert result.exit_code == 1
    assert statuses(result.output) == {
        "partnership/appendix-a-handout.pdf": "built",
        "partnership/small-partnership.pdf": "built",
        "riverside-council/appendix-a-handout.pdf": "failed",
        "riverside-council/small-riverside-council.pdf": "built",
    }
    assert f"the worker process stopped (exit code -{int(signal.SIGKILL)})." in result.output
    out = small / "output" / "small"
    assert (out / "small-partnership.zip").is_file()
    with zipfile.ZipFile(out / "small-riverside-council.zip") as archive:
        assert "riverside-council/appendix-a-handout.pdf" not in archive.namelist()
        assert "riverside-council/small-riverside-council.pdf" in archive.namelist()
    assert not (out / "riverside-council" / "appendix-a-handout.pdf").exists()
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


@pytest.mark.slow
def test_a_broken_brand_fails_alone(small: Path) -> None:
    broken = small / "content" / "brands" / "broken-org"
    broken.mkdir()
    (broken / "_brand.yml").write_text('meta:\n  name: Broken Org\ncolor:\n  primary: "not-a-colour"\n')
    manifest = small / "content" / "packs" / "small.yml"
    manifest.write_text(SMALL_PACK.replace("[partnership, ", "[partnership, broken-org, "))
    shutil.rmtree(small / "output")
    result = pack(small)
    assert result.exit_code == 1
    assert statuses(result.output) == {
        "partnership/appendix-a-handout.pdf": "built",
        "partnership/small-partnership.pdf": "built",
        "broken-org/appendix-a-handout.pdf": "failed",
        "broken-org/small-broken-org.pdf": "failed",
        "riverside-council/appendix-a-handout.pdf": "built",
        "riverside-council/small-riverside-council.pdf": "built",
    }
    assert (
        "content/brands/broken-org/_brand.yml: color.primary 'not-a-colour' is not a colour" in result.output
    )
    assert "broken-org" in result.output.splitlines()[-1]
    assert "Traceback" not in result.output
    out = small / "output" / "small"
    assert not (out / "broken-org").exists()
    assert not (out / "small-broken-org.zip").exists()
    assert sorted(p.name for p in out.iterdir()) == [
        "partnership",
        "riverside-council",
        "small-partnership.zip",
        "small-riverside-council.zip",
    ]
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


@pytest.mark.slow
def test_a_broken_document_fails_only_its_own_pdfs(small: Path) -> None:
    charter = small / "content" / "charter"
    (charter / "appendix-b.md").write_text("---\nid: appendix-b\ntitle: [unclosed\n---\nText.\n")
    manifest = small / "content" / "packs" / "small.yml"
    manifest.write_text(SMALL_PACK.replace("[appendix-a]", "[appendix-a, appendix-b]"))
    result = pack(small)
    assert result.exit_code == 1
    assert statuses(result.output) == {
        "partnership/appendix-a-handout.pdf": "unchanged",
        "partnership/appendix-b-handout.pdf": "failed",
        "partnership/small-partnership.pdf": "built",
        "riverside-council/appendix-a-handout.pdf": "unchanged",
        "riverside-council/appendix-b-handout.pdf": "failed",
        "riverside-council/small-riverside-council.pdf": "built",
    }
    assert re.search(r"content/charter/appendix-b.md:\d+: YAML error", result.output)
    assert "partnership/small-partnership.pdf is made without what failed: appendix-b (handout, A4)" in (
        result.output
    )
    out = small / "output" / "small"
    # An incomplete pack keeps what was made: its PDFs, the combined PDF of those and a zip of them.
    assert sorted(p.name for p in (out / "partnership").iterdir()) == [
        "appendix-a-handout.pdf",
        "index.html",
        "manifest.json",
        "small-partnership.pdf",
    ]
    assert sorted(p.name for p in out.glob("*.zip")) == [
        "small-partnership.zip",
        "small-riverside-council.zip",
    ]
    assert [title for title, _, _ in outline(out / "partnership" / "small-partnership.pdf")][2:] == [
        "Handout: A trauma informed & responsive approach"
    ]


@pytest.mark.slow
def test_a_poster_that_cannot_fit_leaves_the_rest_of_the_pack_whole(small: Path) -> None:
    """A poster too long for its floor fails alone: the combined PDF and the zip are made of what
    was built, the summary and the index say what is missing, exit 1; a second run tries again."""
    document = small / "content" / "charter" / "appendix-a.md"
    point = "Warm, genuine and authentic connection with people who use services supports healing"
    points = "".join(f"  - {point}, number {n}, every day.\n" for n in range(16))
    document.write_text(re.sub(r"key_points:\n(?:  - .*\n)+", f"key_points:\n{points}", document.read_text()))
    manifest = small / "content" / "packs" / "small.yml"
    manifest.write_text(
        SMALL_PACK.replace("[partnership, ../brands/riverside-council/_brand.yml]", "[partnership]").replace(
            "handout: A5", "handout: A5\n  poster: A4"
        )
    )
    result = pack(small)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert statuses(result.output) == {
        "partnership/appendix-a-handout.pdf": "built",
        "partnership/appendix-a-poster.pdf": "failed",
        "partnership/small-partnership.pdf": "built",
    }
    lines = result.output.splitlines()
    assert "partnership/small-partnership.pdf is made without what failed: appendix-a (poster, A4)." in lines
    assert "1 of 3 files failed, for partnership" in lines[-1] and "zips hold them" in lines[-1]
    out = small / "output" / "small"
    combined = out / "partnership" / "small-partnership.pdf"
    assert [title for title, _, _ in outline(combined)] == [
        "Cover",
        "Contents",
        "Handout: A trauma informed & responsive approach",
    ]
    entries = {e["path"]: e for e in json.loads((out / "partnership" / "manifest.json").read_text())["files"]}
    assert sorted(entries) == ["appendix-a-handout.pdf", "small-partnership.pdf"]
    assert entries["small-partnership.pdf"]["missing"] == ["appendix-a (poster, A4)"]
    assert entries["small-partnership.pdf"]["sha256"] == sha256(combined)
    with zipfile.ZipFile(out / "small-partnership.zip") as archive:
        assert sorted(archive.namelist()) == [
            f"partnership/{name}"
            for name in ("appendix-a-handout.pdf", "index.html", "manifest.json", "small-partnership.pdf")
        ]
    index = (out / "partnership" / "index.html").read_text()
    missing = index[index.index("Not made in this run") :]
    assert "appendix-a-poster.pdf: Poster, PDF, A4 paper, of A trauma informed" in missing
    assert "too much text for one A4 poster" in missing
    assert 'href="appendix-a-poster.pdf"' not in index
    # Its contents page says so too, as the index does, for a reader of the printed pack.
    with pdfplumber.open(combined) as pdf:
        contents = " ".join(pdf.pages[1].extract_text().split())
    not_made = contents[contents.index("Not made in this run") :]
    assert "Poster, PDF, A4 paper, of A trauma informed" in not_made
    assert "too much text for one A4 poster" in not_made
    # The combined PDF left something out, so it is made again next time (the failure may pass).
    again = pack(small)
    assert again.exit_code == 1
    assert statuses(again.output)["partnership/small-partnership.pdf"] == "built"
    assert statuses(again.output)["partnership/appendix-a-handout.pdf"] == "unchanged"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "title: Pack\nbrands: all\nformats:\n  handout: A4\n   easy-read: A4\n",
            "bad.yml:5: YAML error",
        ),
        (
            "title: Pack\nbrands: all\nformats:\n  handout: A4\n  postr: A3\n",
            "bad.yml:5: unknown format 'postr'. Valid formats: handout",
        ),
        (
            "title: Pack\nbrands:\n  - partnership\n  - nowhere\n",
            "bad.yml:4: unknown brand 'nowhere'",
        ),
        (
            "title: Pack\nbrands: all\nformats:\n  handout: A3\n",
            "bad.yml:4: 'A3' is not a paper for the handout format",
        ),
        (
            "title: Pack\nevent:\n  date: 12/03/2025\nbrands: all\n",
            "bad.yml:3: event date '12/03/2025' must be a real date written YYYY-MM-DD",
        ),
        ("title: Pack\nbrand: all\n", "bad.yml:2: unknown key `brand`: did you mean `brands`?"),
        (
            "title: Pack\nbrands: all\nformats:\n  large-print: A4 landscape\n",
            "bad.yml:4: the large-print format is made in portrait only: write 'large-print: A4'.",
        ),
    ],
)
def test_a_bad_manifest_is_an_error_with_file_and_line(project_copy: Path, text: str, message: str) -> None:
    (project_copy / "content" / "packs" / "bad.yml").write_text(text)
    result = run_charter(["pack", "content/packs/bad.yml"], project_copy)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (project_copy / "output").exists()


def test_an_unknown_pack_name_lists_the_packs(charter) -> None:
    result = charter("pack", "worksop")
    assert result.exit_code == 1
    assert "pack manifest 'worksop' not found" in result.output
    assert "workshop" in result.output
    assert "Packs (charter pack NAME):\n  workshop" in charter("list").output


@pytest.mark.slow
def test_a_crafted_manifest_json_deletes_nothing_outside_its_folder(small: Path, tmp_path: Path) -> None:
    """manifest.json is read back untrusted: entries naming files outside the organisation's
    folder (absolute, ../, a link out) are ignored with a warning, and those files survive."""
    victims = [tmp_path / "victim.txt", small / "content" / "victim.txt", small / "output" / "victim.txt"]
    for victim in victims:
        victim.write_text("keep me")
    folder = small / "output" / "small" / "partnership"
    (folder / "link.pdf").symlink_to(victims[0])
    manifest = folder / "manifest.json"
    data = json.loads(manifest.read_text())
    for bad in (str(victims[0]), "../../../content/victim.txt", "../../victim.txt", "link.pdf/.."):
        data["files"].append({**data["files"][0], "path": bad})
    manifest.write_text(json.dumps(data))
    result = pack(small)
    assert result.exit_code == 0, result.output
    assert all(v.read_text() == "keep me" for v in victims)
    assert result.output.count("ignored the entry") == 4, result.output
    assert "Traceback" not in result.output


EVERY_FORMAT_PACK = """\
title: Every format
brands: [partnership]
documents: [appendix-a]
formats:
  handout: A4
  easy-read: A4
  html:
  easy-read-html:
  braille:
"""


@pytest.mark.slow
def test_a_one_word_easy_read_edit_rebuilds_only_the_easy_read_and_what_includes_it(
    project_copy: Path,
) -> None:
    (project_copy / "content" / "packs" / "every.yml").write_text(EVERY_FORMAT_PACK)
    first = run_charter(["pack", "every", "--jobs", "1"], project_copy)
    assert first.exit_code == 0, first.output
    break_file(project_copy, "charter/appendix-a.easy-read.md", "We work together", "We work jointly")
    second = run_charter(["pack", "every", "--jobs", "1"], project_copy)
    assert second.exit_code == 0, second.output
    assert statuses(second.output) == {
        "partnership/appendix-a-handout.pdf": "unchanged",
        "partnership/appendix-a-html.html": "unchanged",
        "partnership/appendix-a-braille.brf": "unchanged",
        "partnership/appendix-a-easy-read.pdf": "built",
        "partnership/appendix-a-easy-read-html.html": "built",
        "partnership/every-partnership.pdf": "built",
    }


@pytest.mark.slow
def test_a_dark_brands_combined_pdf_is_dark_to_the_paper_edge_and_its_text_passes(tmp_path: Path) -> None:
    """The contents page takes the brand's background over the whole sheet, as its documents'
    pages do: its footer, in the brand's yellow for the dark page, was printed on white paper in
    the margin (1.7:1). Read back from the PDF: every page's corners and every character's contrast
    against what is drawn behind it."""
    import pypdfium2

    shutil.copytree(builtin_dir("content"), tmp_path / "content")
    brand = REPO / "tests" / "gallery" / "brands" / "evening-circle" / "_brand.yml"
    background = yaml.safe_load(brand.read_text())["color"]["palette"]["night"]
    manifest = SMALL_PACK.replace("[partnership, ../brands/riverside-council/_brand.yml]", f"[{brand}]")
    (tmp_path / "content" / "packs" / "small.yml").write_text(manifest)
    result = run_charter(["pack", "content/packs/small.yml", "--jobs", "1"], tmp_path)
    assert result.exit_code == 0, result.output
    combined = tmp_path / "output" / "small" / "evening-circle" / "small-evening-circle.pdf"
    night = tuple(int(background[n : n + 2], 16) for n in (1, 3, 5))
    pdf = pypdfium2.PdfDocument(str(combined))
    for number, page in enumerate(pdf, 1):
        image = page.render(scale=0.5).to_pil().convert("RGB")
        width, height = image.size
        # The sheet's corners: the top two on the cover (its foot is a band of the accent colour).
        ys = (1,) if number == 1 else (1, height - 2)
        corners = {image.getpixel((x, y)) for x in (1, width - 2) for y in ys}
        assert corners == {night}, (number, corners)
    assert len(pdf) >= 3
    pdf.close()
    assert [c for c in characters(combined) if c.contrast < needed_contrast(c)] == []
