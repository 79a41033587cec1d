"""Packs from recorded needs: exactly the files each row asks for, a report, and no reference
anywhere but its own folder's name and the report."""

from __future__ import annotations

import csv
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_charter

from generator.errors import CharterError
from generator.needs import NEEDS, read_needs

SHORT = """\
---
title: Short notes
language: en-GB
summary: A short note for tests.
key_points:
  - We listen.
credit: The Test Team
---

We listen to you. We work with you.
"""
SHORT_EASY = """\
---
title: Short notes
language: en-GB
---

## What this is

- ![2 hands shaking](handshake) We work with you.
"""
PACK = """\
title: Needs test
brands: [partnership, riverside-council]
documents: [short]
formats:
  handout: A4
"""
ROWS = [
    ("REF-A1-X7", "large-print", "20", "", ""),
    ("REF-A2-X7", "braille", "", "", ""),
    ("REF-A3-X7", "easy-read", "", "", "riverside-council"),
    ("REF-A4-X7", "audio", "", "", ""),
    ("REF-A5-X7", "easy-read-audio", "", "en-GB", ""),
    ("REF-A6-X7", "epub", "", "", ""),
    ("REF-A7-X7", "docx", "", "", "riverside-council"),
    ("REF-A8-X7", "html", "", "", ""),
    ("REF-A9-X7", "easy-read-html", "", "", ""),
    ("REF-B1-X7", "bsl", "", "", ""),
    ("REF-B2-X7", "large-print", "24", "", "riverside-council"),
    ("REF-B3-X7", "docx", "", "cy", ""),
]
FILES = {
    "REF-A1-X7": "short-large-print.pdf",
    "REF-A2-X7": "short-braille.brf",
    "REF-A3-X7": "short-easy-read.pdf",
    "REF-A4-X7": "short-audio.mp3",
    "REF-A5-X7": "short-easy-read-audio.mp3",
    "REF-A6-X7": "short-epub.epub",
    "REF-A7-X7": "short-docx.docx",
    "REF-A8-X7": "short-html.html",
    "REF-A9-X7": "short-easy-read-html.html",
    "REF-B2-X7": "short-large-print.pdf",
}


def write_needs(path: Path, rows: list[tuple[str, ...]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("reference", "need", "size", "language", "brand"))
        writer.writerows(rows)
    return path


@pytest.fixture
def project(project_copy: Path) -> Path:
    charter = project_copy / "content" / "charter"
    (charter / "short.md").write_text(SHORT)
    (charter / "short.easy-read.md").write_text(SHORT_EASY)
    (project_copy / "content" / "packs" / "needs.yml").write_text(PACK)
    return project_copy


@pytest.mark.slow
def test_twelve_rows_make_exactly_their_files_and_a_report(project: Path) -> None:
    needs = write_needs(project / "needs.csv", ROWS)
    result = run_charter(["pack", "needs", "--needs", str(needs)], project)
    assert result.exit_code == 0, result.output
    assert "10 files made for 12 needs of 12 people; 2 could not be met as files." in result.output
    folder = project / "output" / "needs"
    made = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    tracks = {  # an MP3's sections as tracks, and the playlist, beside it
        f"{ref}/{stem}{extra}"
        for ref, stem, sections in (
            ("REF-A4-X7", "short-audio", 5),
            ("REF-A5-X7", "short-easy-read-audio", 3),
        )
        for extra in (".m3u", *(f"-tracks/{n:02d}.mp3" for n in range(1, sections + 1)))
    }
    assert made == {f"{ref}/{name}" for ref, name in FILES.items()} | tracks | {"needs-report.csv"}
    with (folder / "needs-report.csv").open() as handle:
        report = list(csv.DictReader(handle))
    assert [(r["reference"], r["need"]) for r in report] == [(row[0], row[1]) for row in ROWS]
    notes = {r["reference"]: (r["file"], r["note"]) for r in report}
    assert notes["REF-B1-X7"] == ("", NEEDS["bsl"].unmet) and notes["REF-B1-X7"][1].startswith(
        "BSL: arrange an interpreter"
    )
    assert notes["REF-B3-X7"][0] == "" and "arrange a translation" in notes["REF-B3-X7"][1]
    assert all(notes[ref] == (f"{ref}/{name}", "made") for ref, name in FILES.items())
    # The sizes asked for, and each file names only the versions made for the same person.
    for ref, size in (("REF-A1-X7", 20), ("REF-B2-X7", 24)):
        with pdfplumber.open(folder / ref / "short-large-print.pdf") as pdf:
            assert min(round(c["size"], 1) for c in pdf.pages[0].chars) == size
    html = (folder / "REF-A8-X7" / "short-html.html").read_text()
    assert "Other versions" not in html and ".pdf" not in html
    # No reference appears in any file, in the terminal, or anywhere else in the output.
    for path in (project / "output").rglob("*"):
        if path.is_file() and path.name != "needs-report.csv":
            data = path.read_bytes()
            assert not any(ref.encode() in data for ref, *_ in ROWS), path
    assert not any(ref in result.output for ref, *_ in ROWS)
    # A person no longer listed loses their folder at the next run.
    write_needs(needs, ROWS[:1])
    assert run_charter(["pack", "needs", "--needs", str(needs)], project).exit_code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["REF-A1-X7", "needs-report.csv"]


def test_every_fault_is_one_line_and_nothing_is_written(project: Path) -> None:
    rows = [
        ("Jane Smith", "braille", "", "", ""),
        ("A2", "moon", "", "", ""),
        ("A3", "large-print", "30", "", ""),
        ("A4", "braille", "18", "", ""),
        ("A5", "audio", "", "", "acme"),
        ("A6", "epub", "", "english please", ""),
        ("A7", "docx", ""),
    ]
    needs = write_needs(project / "needs.csv", rows)  # type: ignore[arg-type]
    result = run_charter(["pack", "needs", "--needs", str(needs)], project)
    assert result.exit_code == 1 and "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if "needs.csv:" in line]
    assert [line.split("needs.csv:")[1].split(":")[0] for line in lines] == [
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
        "8",
    ]
    assert "never a name" in lines[0] and "unknown need 'moon'" in lines[1]
    assert "outside 16 to 24 pt" in lines[2] and "large print only" in lines[3]
    assert "brand 'acme' is not in the pack" in lines[4] and "not a BCP 47 tag" in lines[5]
    assert "Jane Smith" not in result.output
    assert not (project / "output").exists()


def test_a_header_with_a_name_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "needs.csv"
    path.write_text("reference,name,need,size,language,brand\nA1,Jane,braille,,,\n")
    with pytest.raises(CharterError, match="never names"):
        read_needs(path, ["partnership"])


def test_the_needs_table_covers_every_need_once() -> None:
    assert list(NEEDS) == [
        "large-print", "braille", "easy-read", "audio", "easy-read-audio",
        "epub", "docx", "html", "easy-read-html", "bsl",
    ]  # fmt: skip
    assert [n for n, need in NEEDS.items() if need.fmt is None] == ["bsl"]
    assert all(need.standard.startswith("Requires") for need in NEEDS.values())


def test_the_readme_shows_the_needs_table() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    shown = [line for line in readme.splitlines() if line.startswith("| `") and "Requires" in line]
    assert shown == [
        f"| `{n.name}` | {f'`{n.fmt}`' if n.fmt else '(none)'} | {n.standard} |" for n in NEEDS.values()
    ]
