"""The ``charter`` command line: parse options, call the library, print results.

Heavy libraries (WeasyPrint, brand_yml) are imported inside commands, never at start-up,
so ``charter --help`` stays instant.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from generator import __version__
from generator.braille import CELLS as BRAILLE_CELLS
from generator.braille import LINES as BRAILLE_LINES
from generator.formats import papers_for

if TYPE_CHECKING:
    from generator.pack.manifest import Pack
    from generator.project import Project


class _EchoHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        from generator.errors import visible  # a brand file's escape sequences are not sent to the terminal

        click.echo(visible(f"{record.levelname.lower()}: {record.getMessage()}"), err=True)


def _setup_logging(quiet: bool) -> None:
    handler = _EchoHandler()
    charter = logging.getLogger("charter")
    charter.handlers[:] = [handler]
    charter.setLevel(logging.ERROR if quiet else logging.INFO)
    charter.propagate = False
    weasy = logging.getLogger("weasyprint")
    weasy.handlers[:] = [handler]
    weasy.setLevel(logging.ERROR)
    weasy.propagate = False


def _in_range(
    low: float, high: float, unit: str = ""
) -> Callable[[click.Context, click.Parameter, float], float]:
    """A click callback: a number from ``low`` to ``high`` (in ``unit``), else a one-line error."""

    def check(ctx: click.Context, param: click.Parameter, value: float) -> float:
        if not low <= value <= high:
            from generator.errors import CharterError

            raise CharterError(f"{param.opts[0]} {value:g} is out of range: use {low:g} to {high:g}{unit}.")
        return value

    return check


INTERRUPTED = "interrupted; nothing half-written; run again to finish"
TERMINATED = INTERRUPTED.replace("interrupted", "terminated")


class _Commands(click.Group):
    """The command group: Ctrl-C ends any command with one line and exit code 130."""

    def invoke(self, ctx: click.Context) -> object:
        import signal

        _SIGNALLED.clear()
        signal.signal(signal.SIGINT, _interrupted)
        signal.signal(signal.SIGTERM, _terminated)
        signal.signal(signal.SIGHUP, _terminated)  # its terminal closed
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo(INTERRUPTED, err=True)
            ctx.exit(130)
        except _Terminated as stop:
            with contextlib.suppress(OSError):  # after SIGHUP there may be no terminal to say it on
                click.echo(TERMINATED, err=True)
            ctx.exit(128 + stop.signum)
        except Exception:
            if not _SIGNALLED:
                raise
            # A library turned the signal's exception into its own (pydantic-core, interrupted
            # while it builds a validator, raises a SchemaError): it is still the signal.
            signum = _SIGNALLED[0]
            with contextlib.suppress(OSError):
                click.echo(INTERRUPTED if signum == signal.SIGINT else TERMINATED, err=True)
            ctx.exit(128 + signum)


class _Terminated(BaseException):
    """SIGTERM or SIGHUP, raised in the command's process so that it unwinds (temporary files
    removed)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_MAIN_PID = os.getpid()
_SIGNALLED: list[int] = []  # the signals this command has received, first first


def _interrupted(signum: int, frame: object) -> None:
    """Ctrl-C: noted, then Python's own KeyboardInterrupt."""
    import signal

    _SIGNALLED.append(signum)
    signal.default_int_handler(signum, None)


def _terminated(signum: int, frame: object) -> None:
    if os.getpid() != _MAIN_PID:  # a forked worker: die as the signal says
        import signal

        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    _SIGNALLED.append(signum)
    raise _Terminated(signum)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="charter")
def main() -> None:
    """Publish a co-production charter as branded, accessible PDFs and web pages.

    Run in a folder with its own content/ (and optional templates/) to use them;
    anywhere else the built-in charter, brands and templates are used.
    """


@main.command()
@click.option("--doc", "docs", multiple=True, metavar="ID", help="Document id (repeatable). Default: all.")
@click.option(
    "--brand",
    "brands",
    multiple=True,
    metavar="SLUG|PATH",
    help="Brand slug or path to a brand.yml file (repeatable). Default: the default brand.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="NAME",
    help="Output format (repeatable). Default: all.",
)
@click.option(
    "--language",
    "languages",
    multiple=True,
    metavar="TAG",
    help="Build the translation into TAG (ur, pa, cy; repeatable): content/charter/<doc>.TAG.md and "
    "<doc>.easy-read.TAG.md, written as OUT/<brand>/<doc>.TAG-<format>.pdf. 'all': every translation; "
    "the document's own language (en): the document itself. Default: the document itself.",
)
@click.option(
    "--bilingual",
    metavar="A,B",
    default="",
    help="Build bilingual editions, language A read first, as OUT/<brand>/<doc>.A+B-<format>.pdf "
    "(--bilingual cy,en: Welsh first): the handout and large print block by block, easy read with "
    "both languages' sentences beside each picture, posters with both, the web page as two linked pages.",
)
@click.option(
    "--paper",
    metavar="SIZE",
    help="Paper size. Handouts: A5, A4 (default), letter. Posters: A4, A3 (default), A2. "
    "Web pages have none. A format that does not offer SIZE keeps its default paper, with a warning.",
)
@click.option("--landscape", is_flag=True, help="Landscape orientation.")
@click.option(
    "--print",
    "print_marks",
    is_flag=True,
    help="Print-shop version: 3 mm bleed and crop marks, the trim box at the paper size.",
)
@click.option(
    "--url",
    metavar="URL",
    help="Link for the poster's QR code. Default: the document's url, else the brand's "
    "meta.link.home; with neither, the poster has no QR code.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Output folder.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings (colour fixes, font fallbacks, easy-read findings) as errors.",
)
@click.option(
    "--easy-read-size",
    type=float,
    callback=_in_range(16, 28, " (points)"),
    default=16,
    show_default=True,
    metavar="PT",
    help="Body text size of easy-read documents, in points (16 or more).",
)
@click.option(
    "--large-print-size",
    type=float,
    callback=_in_range(16, 24, " (points)"),
    default=18,
    show_default=True,
    metavar="PT",
    help="Body text size of large print, in points (16 to 24); nothing on its pages is smaller.",
)
@click.option(
    "--braille-cells",
    type=int,
    callback=_in_range(*BRAILLE_CELLS),
    default=40,
    show_default=True,
    metavar="N",
    help=f"Braille: cells a line ({BRAILLE_CELLS[0]} to {BRAILLE_CELLS[1]}).",
)
@click.option(
    "--braille-lines",
    type=int,
    callback=_in_range(*BRAILLE_LINES),
    default=25,
    show_default=True,
    metavar="N",
    help=f"Braille: lines a page, its page number line included ({BRAILLE_LINES[0]} to {BRAILLE_LINES[1]}).",
)
@click.option(
    "--final",
    is_flag=True,
    help="Refuse to build a document unless its checking group's sign-off still holds for every "
    "block (see charter signoff); names each block that is not checked or changed since.",
)
@click.option("--quiet", is_flag=True, help="Print only errors.")
def build(
    docs: tuple[str, ...],
    brands: tuple[str, ...],
    formats: tuple[str, ...],
    languages: tuple[str, ...],
    bilingual: str,
    paper: str | None,
    landscape: bool,
    print_marks: bool,
    url: str | None,
    out: Path,
    strict: bool,
    easy_read_size: float,
    large_print_size: float,
    braille_cells: int,
    braille_lines: int,
    final: bool,
    quiet: bool,
) -> None:
    """Build PDFs, web pages and braille: writes OUT/<brand>/<doc>-<format>.pdf (.html, .brf), a line each."""
    from generator.build import build as run_build
    from generator.planning import plan
    from generator.project import Project
    from generator.run import Options

    _setup_logging(quiet)
    project = Project.discover()
    options = Options(
        paper=paper,
        landscape=landscape,
        print_marks=print_marks,
        url=url,
        strict=strict,
        easy_read_pt=easy_read_size,
        large_print_pt=large_print_size,
        braille_cells=braille_cells,
        braille_lines=braille_lines,
    )
    items = plan(project, docs, brands, formats, options, languages, bilingual)
    if final:
        from generator.signoff import require_final

        require_final(project, [item.doc_id for item in items])

    def written(path: Path) -> None:
        if not quiet:
            click.echo(str(path))

    run_build(project, items, out, options, on_written=written)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text: 'file:line: rule: message' lines; json: for tools; github: workflow annotations.",
)
def check(paths: tuple[Path, ...], output_format: str) -> None:
    """Check every input at once: documents, translations, easy reads, brands and packs.

    PATHS are files or folders (a project folder, or content/); default: this project's content.
    Easy reads are checked against the easy read rules (long sentences, points without
    pictures, acronyms and hard words not in the glossary, likely passive voice, readability);
    brands for contrast and fonts. Every finding in one run; exits 1 when any is an error.
    """
    from generator.lint import as_github, as_json, as_text, check_inputs, counts, find_inputs
    from generator.project import Project

    project = Project.discover()
    reports = check_inputs(find_inputs(paths, project), project)
    render = {"json": as_json, "github": as_github}.get(output_format, as_text)
    output = render(reports)
    if output:
        click.echo(output)
    if counts(reports)[0]:
        raise SystemExit(1)


@main.command(name="list")
def list_command() -> None:
    """List the documents, brands and formats available."""
    from generator.brand import brand_sources, default_brand
    from generator.content import document_paths
    from generator.errors import display_path
    from generator.filenames import easy_read_path
    from generator.formats import FORMATS
    from generator.languages import described
    from generator.pack import available_packs
    from generator.project import Project
    from generator.signoff import review_state
    from generator.translations import translations_line

    project = Project.discover()
    states = {doc_id: review_state(path).label for doc_id, path in document_paths(project).items()}
    click.echo(f"Content: {project.content_dir}")
    click.echo("Documents:")
    for doc_id, path in document_paths(project).items():
        easy = " (+ easy read)" if easy_read_path(path).is_file() else ""
        click.echo(f"  {doc_id}{easy}: {states[doc_id]}")
        if line := translations_line(path):
            click.echo(f"    {line}")
    click.echo("Brands:")
    sources = brand_sources(project)
    default = default_brand(project) if sources else None
    for slug, (path, own) in sources.items():
        where = f"this project's, {display_path(path.parent)}" if own else "built-in example"
        click.echo(f"  {slug}{' (default)' if slug == default else ''}: {where}")
    click.echo("Formats:")
    for fmt in FORMATS.values():
        papers = f" (paper: {', '.join(fmt.papers)})" if fmt.papers else ""
        click.echo(f"  {fmt.name}: {fmt.description}{papers}")
        for line in described(fmt.by_language) if fmt.by_language else []:
            click.echo(f"    {line}")
    click.echo("Packs (charter pack NAME):")
    for name in available_packs(project):
        click.echo(f"  {name}")


@main.command()
@click.argument("manifest", metavar="PACK.yml")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes rendering at once. Default: the CPUs this process may use (more only costs CPU).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Output folder (the pack goes in OUT/<pack name>/).",
)
@click.option("--force", is_flag=True, help="Rebuild every PDF, even those whose inputs have not changed.")
@click.option(
    "--needs",
    "needs_file",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    metavar="NEEDS.csv",
    help="People's recorded needs (reference,need,size,language,brand): make each row's files of the "
    "pack's documents into OUT/needs/<reference>/, and OUT/needs/needs-report.csv.",
)
def pack(manifest: str, jobs: int | None, out: Path, force: bool, needs_file: Path | None) -> None:
    """Build a workshop pack: every brand x document x format file, and per organisation a
    combined pack PDF, an index.html, manifest.json and a zip. Only what changed since the last
    run is rebuilt.

    PACK.yml is a pack manifest, or the name of one in content/packs/ (e.g. 'workshop').
    """
    import sys

    from generator.errors import CharterError
    from generator.pack import build_pack, default_jobs, find_pack, load_pack
    from generator.progress import print_summary, progress_for
    from generator.project import Project
    from generator.signoff import print_review_states

    _setup_logging(quiet=False)
    project = Project.discover()
    workshop = load_pack(find_pack(manifest, project), project)
    if workshop.final:
        from generator.signoff import require_final

        require_final(project, workshop.documents, what=f"{workshop.source.name} (final: true)")
    if needs_file is not None:
        _needs_pack(project, workshop, needs_file, out)
        return
    progress = progress_for(sys.stderr, sys.stdout)
    report = build_pack(project, workshop, out, jobs or default_jobs(), force, progress)
    print_summary(report)
    print_review_states(project, workshop.documents)
    if report.unfinished and not report.failures:
        raise CharterError(
            f"every PDF is written, but not the manifest.json or zip of {', '.join(report.unfinished)} "
            "(see above)."
        )
    if report.failures:
        organisations = ", ".join(dict.fromkeys(t.slug for t in report.failures))
        done = len(report.tasks) - len(report.failures)
        rest = (
            "nothing was written"
            if not done
            else f"the other {done} are written and up to date, and the combined PDFs and zips hold them"
        )
        raise CharterError(
            f"{len(report.failures)} of {len(report.tasks)} files failed, for {organisations} "
            f"(see above); {rest}."
        )
    if short := [t.label for t in report.tasks if report.results[t].missing]:
        raise CharterError(f"{', '.join(short)} left out what could not be made on its paper (see above).")


def _needs_pack(project: Project, workshop: Pack, needs_file: Path, out: Path) -> None:
    """``pack --needs``: the files each recorded need asks for, and the report. Prints counts only:
    no reference appears in the terminal or a log."""
    from generator.needs import REPORT, build_needs, read_needs

    rows = read_needs(needs_file, [ref.slug for ref in workshop.brands])
    outcomes = build_needs(project, workshop, rows, out)
    made = sum(1 for o in outcomes if o.file)
    unmet = sum(1 for o in outcomes if not o.file)
    people = len({row.reference for row in rows})
    click.echo(
        f"{made} files made for {len(rows)} needs of {people} people; {unmet} could not be met as files."
    )
    click.echo(f"Report: {out / 'needs' / REPORT}")


@main.command()
@click.argument("doc_id", metavar="ID")
@click.option(
    "--by", "group", required=True, metavar="GROUP", help='The checking group\'s name, e.g. "Speak Up group".'
)
@click.option("--date", metavar="YYYY-MM-DD", help="When they checked it. Default: today.")
@click.option(
    "--person",
    "people",
    multiple=True,
    metavar="NAME",
    help="A reviewer's own name (repeatable; optional). Kept in the sign-off file only, "
    "unless --print-names.",
)
@click.option(
    "--print-names", is_flag=True, help="Print the --person names after the group's name in outputs."
)
def signoff(doc_id: str, group: str, date: str | None, people: tuple[str, ...], print_names: bool) -> None:
    """Record that GROUP checked document ID as it is now: writes content/charter/ID.signoff.yml with
    a fingerprint of every block (point, paragraph, heading, picture choice). Outputs then say
    "Checked by GROUP on DATE" until a block changes."""
    import datetime

    from generator.errors import display_path
    from generator.project import Project
    from generator.signoff import sign_off

    date = date or datetime.date.today().isoformat()
    path, count = sign_off(Project.discover(), doc_id, group, date, people, print_names)
    group = " ".join(group.split())
    click.echo(f"{display_path(path)}: {count} blocks of {doc_id} checked by {group} on {date}")


class _ReviewCommands(click.Group):
    """``charter review ID`` makes the sheets; ``charter review import|status ...`` the rest."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["sheets", *args]
        return super().parse_args(ctx, args)


@main.group(cls=_ReviewCommands)
def review() -> None:
    """Review with a checking group: `charter review ID` makes the sheets (PDF and web form);
    `charter review import FILE` brings their answers in; `charter review status ID` shows them."""


@review.command(name="sheets")
@click.argument("doc_id", metavar="ID")
@click.option("--full", is_flag=True, help="Review the full text (one paragraph a page), not the easy read.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Output folder (the sheets go in OUT/review/).",
)
@click.option(
    "--brand",
    "brand_spec",
    metavar="BRAND",
    help="The brand (slug or brand.yml path). Default: the default brand.",
)
def review_sheets(doc_id: str, full: bool, out: Path, brand_spec: str | None) -> None:
    """Make OUT/review/ID-review.pdf (one point a page, tick boxes, space to write or draw) and
    ID-review.html (the same as a form that saves the answers to a file)."""
    from generator.names import refuse_link_out
    from generator.project import Project
    from generator.render import write_atomic
    from generator.review import review_form, review_pack, review_pdf

    _setup_logging(quiet=False)
    project = Project.discover()
    pack = review_pack(project, doc_id, full)
    made = {".pdf": review_pdf(project, pack, brand_spec), ".html": review_form(project, pack)}
    refuse_link_out(out / "review", out)
    for suffix, data in made.items():
        target = out / "review" / f"{pack.name}{suffix}"
        write_atomic(target, data)
        click.echo(str(target))


@review.command(name="import")
@click.argument("answers_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--doc", "doc_id", metavar="ID", help="The document (default: the one the file names).")
def review_import(answers_file: Path, doc_id: str | None) -> None:
    """Add the answers in FILE (the web form's .json, or a CSV of code,answer,comment typed up
    from paper) to content/charter/ID.review.yml."""
    from generator.answers import import_answers
    from generator.errors import display_path
    from generator.project import Project

    target, added = import_answers(Project.discover(), answers_file, doc_id)
    click.echo(f"{display_path(target)}: {added} answers added")


@review.command(name="status")
@click.argument("doc_id", metavar="ID")
def review_status(doc_id: str) -> None:
    """Show, point by point, what was understood, what needs changing, and the comments."""
    from generator.answers import status_lines
    from generator.content import find_document
    from generator.project import Project
    from generator.signoff import review_state

    project = Project.discover()
    click.echo("\n".join(status_lines(project, doc_id)))
    click.echo(f"State: {review_state(find_document(doc_id, project)).label}")


@main.group(invoke_without_command=True)
@click.pass_context
def translations(ctx: click.Context) -> None:
    """Whether each translation still follows its source: alone, lists every translation and each
    stale block (a block whose source changed since the translation was accepted, file:line in
    both languages); `charter translations accept FILE` records that FILE follows its source now."""
    if ctx.invoked_subcommand is not None:
        return
    from generator.project import Project
    from generator.translations import status_lines

    click.echo("\n".join(status_lines(Project.discover())))


@translations.command(name="accept")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def translations_accept(files: tuple[Path, ...]) -> None:
    """Record that each FILE (content/charter/<id>.<lang>.md or <id>.easy-read.<lang>.md) says what
    its source says now: writes <FILE>.translation.yml beside it with a fingerprint of each source
    block. Builds then warn of (and --strict refuses) blocks of the source changed since."""
    from generator.errors import CharterError, display_path
    from generator.translations import accept

    problems = []
    for path in files:
        try:
            target, count = accept(path)
        except CharterError as exc:
            problems.append(exc)
            continue
        click.echo(f"{display_path(target)}: {display_path(path)} follows {count} blocks of its source")
    if problems:
        raise CharterError.several(problems)


@main.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--name", help="The organisation's full name.")
@click.option(
    "--short-name", help="A short name, for footers and small spaces (and the brand's folder name)."
)
@click.option("--url", help="The organisation's web address (https://...), for the posters' QR code.")
@click.option("--primary", metavar="COLOUR", help="The main brand colour, e.g. '#1f4e79'.")
@click.option("--secondary", metavar="COLOUR", help="A second brand colour.")
@click.option(
    "--logo", type=click.Path(dir_okay=False, path_type=Path), help="The logo file (SVG, PNG, JPEG) to copy."
)
@click.option("--logo-alt", help="What the logo shows, for people who cannot see it.")
@click.option("--font", help="A font family installed here, or a font file (.ttf, .otf) to copy.")
@click.option(
    "--paper", type=click.Choice(list(papers_for("documents"))), help="Paper for handouts and easy read."
)
@click.option("--language", help="The documents' language, a BCP 47 tag (en-GB, cy, ur).")
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="NAME",
    help="A format for the pack (repeatable). Default: all.",
)
@click.option(
    "--no-input", is_flag=True, help="Ask nothing: use the options given and defaults for the rest."
)
@click.option("--no-build", is_flag=True, help="Write the files only; do not build them.")
def init(
    folder: Path,
    name: str | None,
    short_name: str | None,
    url: str | None,
    primary: str | None,
    secondary: str | None,
    logo: Path | None,
    logo_alt: str | None,
    font: str | None,
    paper: str | None,
    language: str | None,
    formats: tuple[str, ...],
    no_input: bool,
    no_build: bool,
) -> None:
    """Start a project in FOLDER (default: here): your brand (content/brands/<name>/_brand.yml), a
    sample document and its easy read, and a workshop pack; then build them once."""
    from generator.errors import display_path
    from generator.formats import get_format
    from generator.starter import DEFAULT_FONT, Answers, colour_advice, init_files, write_planned

    def ask(text: str, given: str | None, default: str | None) -> str | None:
        if given is not None or no_input:
            return given if given is not None else default
        answer = click.prompt(text, default=default or "", show_default=bool(default))
        return str(answer).strip() or None

    def colour(text: str, given: str | None, default: str) -> str:
        while True:
            value = ask(text, given, default) or default
            try:
                from generator.colour import Colour

                Colour.parse(value)
                return value
            except ValueError:
                if no_input or given is not None:
                    return value  # refused with the other problems, before anything is written
                click.echo(f"'{value}' is not a colour: type a hex code like #1f4e79.", err=True)

    for fmt in formats:
        get_format(fmt)
    name = ask("Organisation's full name", name, "My Organisation") or "My Organisation"
    short_name = (
        ask("Short name (footers, small spaces)", short_name, name if len(name) <= 30 else None) or name
    )
    url = ask("Web address (https://..., optional)", url, None)
    logo_text = ask("Logo file (optional)", None if logo is None else str(logo), None)
    logo = Path(logo_text).expanduser() if logo_text else None
    if logo is not None:
        logo_alt = ask("What the logo shows (alt text)", logo_alt, f"{name} logo")
    colours = {"primary": colour("Primary colour", primary, "#1f4e79")}
    colours["secondary"] = colour("Secondary colour", secondary, "#2e7d32")
    for role in ("primary", "secondary"):
        try:
            advice, alternatives = colour_advice(colours[role], role, colours)
        except ValueError:
            continue
        if not alternatives:
            continue
        click.echo(f"note: {advice}", err=True)
        if not no_input and {"primary": primary, "secondary": secondary}[role] is None:
            colours[role] = colour(f"Use instead (Enter keeps {colours[role]})", None, colours[role])
    answers = Answers(
        name=name,
        short_name=short_name,
        url=url,
        primary=colours["primary"],
        secondary=colours["secondary"],
        logo=logo,
        logo_alt=logo_alt,
        font=ask("Font (an installed family, or a .ttf/.otf file)", font, DEFAULT_FONT) or DEFAULT_FONT,
        paper=ask("Paper (A4, A5, letter)", paper, "A4") or "A4",
        language=ask("Language (en-GB, cy, ...)", language, "en-GB") or "en-GB",
        formats=formats,
    )
    planned = init_files(folder, answers)
    write_planned(planned)
    for item in planned:
        click.echo(f"wrote {display_path(item.path)}")
    if no_build:
        return
    from generator.build import build as run_build
    from generator.planning import plan
    from generator.project import Project
    from generator.run import Options

    _setup_logging(quiet=False)
    project = Project.discover(folder)
    options = Options(paper=answers.paper)
    items = plan(project, ["working-together"], [answers.slug], formats, options)
    built = run_build(project, items, folder / "output", options)
    where = display_path(folder / "output" / answers.slug)
    click.echo(f"built {len(built)} files in {where}/")
    click.echo(
        f"Next: edit {display_path(folder / 'content' / 'charter')}/working-together.md, then "
        f"'charter preview' to see every format as you type, 'charter build' to build, "
        f"'charter pack {answers.slug}' for the workshop pack."
    )


@main.command()
@click.argument("kind", type=click.Choice(["document", "easy-read"]))
@click.argument("doc_id", metavar="ID")
def new(kind: str, doc_id: str) -> None:
    """A starter file: content/charter/ID.md (document) or ID.easy-read.md (easy-read), with every
    front matter key explained and the rules in short."""
    from generator.errors import display_path
    from generator.starter import new_file

    path = new_file(kind, doc_id, Path("content") / "charter")
    click.echo(f"wrote {display_path(path)}: fill it in, then 'charter check {display_path(path)}'")


@main.command()
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--min-size",
    type=float,
    default=9.0,
    show_default=True,
    metavar="PT",
    help="PDFs: the smallest text size allowed, in points.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a plain-English report; json: for tools.",
)
def verify(files: tuple[Path, ...], min_size: float, output_format: str) -> None:
    """Check any PDF or web page for accessibility, whoever made it.

    PDFs: the PDF/UA-1 conditions a machine can check (tagged, title shown, language, headings
    in order, alt text on figures, table headers, links tagged, fonts embedded with Unicode
    maps, text size), colour contrast measured on a rendering, and reading order. Web pages:
    axe-core's WCAG 2.2 AA rules in headless Chromium. Exits 1 when any file fails.
    """
    from generator.verify import as_json, as_text, verify_files

    results = verify_files(files, min_size)
    click.echo(as_json(results) if output_format == "json" else as_text(results))
    if not all(r.passed for r in results):
        raise SystemExit(1)


@main.command()
@click.option("--document", "doc_id", metavar="ID", help="The document to show. Default: the first.")
@click.option("--brand", metavar="SLUG|PATH", help="The brand to show it in. Default: the default brand.")
@click.option(
    "--language",
    metavar="TAG",
    default="",
    help="Show its translation into this language (ur, pa, cy). Default: the document itself.",
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="Port on 127.0.0.1. Default: an unused one."
)
def preview(doc_id: str | None, brand: str | None, language: str, port: int) -> None:
    """Show every format of a document side by side in your browser, rebuilt as you save.

    Web pages live, PDFs as page images, charter check's findings beside them (each linking
    to its line); the page names the document's translations, which --language shows. Only
    what an edit changed is built again; the page reloads by itself; an error shows in the
    page and the next good save recovers. Ctrl-C stops it.
    """
    from generator.preview import serve
    from generator.project import Project

    _setup_logging(quiet=False)

    def announce(url: str) -> None:
        click.echo(f"Previewing at {url}  (Ctrl-C to stop)", err=False)

    try:
        serve(Project.discover(), doc_id, brand, port, announce, language)
    except KeyboardInterrupt:
        click.echo("preview stopped")
