"""Packs made from people's recorded information needs (NHS Accessible Information Standard).

``charter pack <manifest> --needs needs.csv`` reads a CSV with the header
``reference,need,size,language,brand``, one recorded need a row: a reference (from the
organisation's own records, never a name), the need, a large-print size in pt, the language the
person reads, and the brand (else the manifest's first). For each row it makes exactly the files
that need asks for, of every document of the manifest, into ``OUT/needs/<reference>/``, and
writes ``OUT/needs/needs-report.csv``: each file made, or why a need could not be met. A
reference appears only in its folder's name and in the report; nothing is printed or logged per
reference.

``NEEDS`` is the one table of needs: each need, the format that meets it, and the information
format category of the Accessible Information Standard (DAPB1605) it records.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import CharterError
from generator.names import refuse_link_out

if TYPE_CHECKING:
    from generator.pack.manifest import Pack
    from generator.project import Project


@dataclass(frozen=True)
class Need:
    """A need a person may have recorded, the format that meets it (None: no file can), and the
    standard's information need it is."""

    name: str
    fmt: str | None
    standard: str
    unmet: str = ""  # what to do instead, when no file meets it


NEEDS: dict[str, Need] = {
    need.name: need
    for need in (
        Need("large-print", "large-print", "Requires information in large print (the size recorded)"),
        Need("braille", "braille", "Requires information in contracted (grade 2) braille"),
        Need("easy-read", "easy-read", "Requires information in Easy Read"),
        Need("audio", "audio", "Requires information in audio format"),
        Need("easy-read-audio", "easy-read-audio", "Requires information in Easy Read and in audio format"),
        Need("epub", "epub", "Requires information in electronic format (e-book)"),
        Need("docx", "docx", "Requires information in electronic format (editable document)"),
        Need("html", "html", "Requires information in electronic format (web page, for a screen reader)"),
        Need("easy-read-html", "easy-read-html", "Requires information in Easy Read, in electronic format"),
        Need(
            "bsl",
            None,
            "Requires British Sign Language interpreter",
            "BSL: arrange an interpreter (a BSL video of the document is not made here)",
        ),
    )
}
HEADER = ("reference", "need", "size", "language", "brand")
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")
LARGE_PRINT_PT = (16.0, 24.0)
REPORT = "needs-report.csv"


@dataclass(frozen=True)
class Row:
    """One recorded need, checked."""

    line: int
    reference: str
    need: Need
    size: float | None
    language: str | None
    brand: str | None


def read_needs(path: Path, brands: list[str]) -> list[Row]:
    """Every row of a needs file, checked; every fault in one error, a line each."""
    from generator.yamlfile import read_text

    text = read_text(path)
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip().lower() for h in header) != HEADER:
        raise CharterError(
            f"the first line must be the header '{','.join(HEADER)}' (and nothing else: a needs file "
            "holds references, never names or addresses).",
            path,
            1,
        )
    rows, errors = [], []
    for line, cells in enumerate(reader, 2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            rows.append(_row(cells, line, path, brands))
        except CharterError as error:
            errors.append(error)
    if errors:
        raise CharterError.several(errors)
    if not rows:
        raise CharterError(
            "the needs file has no rows: add 'reference,need,size,language,brand' lines.", path
        )
    return rows


def _row(cells: list[str], line: int, path: Path, brands: list[str]) -> Row:
    def fail(message: str) -> CharterError:
        return CharterError(message, path, line)

    if len(cells) != len(HEADER):
        raise fail(f"a row has {len(HEADER)} cells ({','.join(HEADER)}); this one has {len(cells)}.")
    reference, need, size, language, brand = (cell.strip() for cell in cells)
    if not REFERENCE.match(reference):
        raise fail("the reference must be 1-40 letters, digits, '-' or '_' (a record number, never a name).")
    if need.lower() not in NEEDS:
        raise fail(f"unknown need '{need}'. Use one of: {', '.join(NEEDS)}.")
    chosen = NEEDS[need.lower()]
    points: float | None = None
    if size:
        from generator.formats import get_format

        if chosen.fmt is None or not get_format(chosen.fmt).large_print:
            raise fail(f"a size is for large print only; leave it empty for {chosen.name}.")
        try:
            points = float(size)
        except ValueError:
            raise fail(f"size '{size}' is not a number of points (16 to 24).") from None
        if not LARGE_PRINT_PT[0] <= points <= LARGE_PRINT_PT[1]:
            raise fail(f"large print size {size} pt is outside 16 to 24 pt.")
    if brand and brand not in brands:
        raise fail(f"brand '{brand}' is not in the pack. Use one of: {', '.join(brands)}.")
    if language:
        import langcodes

        if not langcodes.tag_is_valid(language):
            raise fail(f"language '{language}' is not a BCP 47 tag. Write it like 'en-GB', 'cy' or 'ur'.")
    return Row(line, reference, chosen, points, language or None, brand or None)


@dataclass(frozen=True)
class Outcome:
    """One line of the report: a file made for a need, or why the need could not be met."""

    reference: str
    need: str
    file: str
    note: str


def build_needs(
    project: Project,
    pack: Pack,
    rows: list[Row],
    out: Path,
    on_written: Callable[[Path], None] = lambda path: None,
) -> list[Outcome]:
    """Make every row's files into ``out/needs/<reference>/`` and the report; renders everything
    before writing anything, so a failure leaves the folder as it was."""
    from generator.brand import BrandRef
    from generator.content import document_paths
    from generator.formats import get_format
    from generator.planning import page_options
    from generator.render import write_atomic
    from generator.renderers import Rendered, render, write_rendered
    from generator.run import Inputs, Item, Options, has_easy_read_version
    from generator.translations import reading

    brands = {ref.slug: ref for ref in pack.brands}
    first: BrandRef = pack.brands[0]
    paths = document_paths(project)
    inputs = Inputs(project)
    planned: dict[str, list[tuple[Row, Item, Options]]] = {}
    outcomes: list[Outcome] = []
    for row in rows:
        fmt_name = row.need.fmt
        if fmt_name is None:
            outcomes.append(Outcome(row.reference, row.need.name, "", row.need.unmet))
            continue
        fmt = get_format(fmt_name)
        options = Options(large_print_pt=row.size or Options.large_print_pt)
        brand = brands[row.brand] if row.brand else first
        for doc_id in pack.documents:
            document = inputs.document(doc_id)
            # The document itself, or its translation into the language the person reads.
            language = reading(paths[doc_id], document.language, row.language) if row.language else ""
            if language is None:
                outcomes.append(
                    Outcome(
                        row.reference,
                        row.need.name,
                        "",
                        f"{doc_id} is written in {document.language}, not {row.language}, and has no "
                        f"translation into it: arrange a translation or an interpreter",
                    )
                )
                continue
            if fmt.easy_read and not has_easy_read_version(paths[doc_id], language):
                outcomes.append(
                    Outcome(row.reference, row.need.name, "", f"{doc_id} has no easy-read version yet")
                )
                continue
            item = Item(doc_id, brand, fmt.name, page_options(fmt, options), language)
            planned.setdefault(row.reference, []).append((row, item, options))
    made: dict[tuple[Item, Options, tuple[str, ...]], Rendered] = {}
    written: list[tuple[Path, Rendered]] = []
    folder = out / "needs"
    for reference in [*planned, ""]:  # left by earlier runs: a link out is refused
        refuse_link_out(folder / reference, out)
    for reference, entries in planned.items():
        # Each file names the others made for the same person, and only those.
        inputs.run = tuple(item for _, item, _ in entries)
        names = tuple(item.file_name for item in inputs.run)
        for row, item, options in entries:
            key = (item, options, names)
            if key not in made:
                inputs.sections.pop(item, None)  # laid out again with this row's options
                made[key] = render(inputs, item, options)
            written.append((folder / reference / item.file_name, made[key]))
            outcomes.append(Outcome(reference, row.need.name, f"{reference}/{item.file_name}", "made"))
    report = io.StringIO()
    writer = csv.writer(report, lineterminator="\n")
    writer.writerow(("reference", "need", "file", "note"))
    for outcome in sorted(outcomes, key=lambda o: (o.reference, o.need, o.file)):
        writer.writerow((outcome.reference, outcome.need, outcome.file, outcome.note))
    kept = {folder / REPORT}
    for path, rendered in written:
        kept.update(write_rendered(path, rendered))
        on_written(path)
    write_atomic(folder / REPORT, report.getvalue().encode("utf-8"))
    remove_stale(folder, kept)
    return outcomes


def remove_stale(folder: Path, kept: set[Path]) -> None:
    """Remove the files a previous run made in the needs folder that this run did not (a need no
    longer recorded, a person no longer listed), and the folders left empty."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in kept and path.parent != folder:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
