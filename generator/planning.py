"""Planning a run: every brand x document x language x format item, each on its page."""

from __future__ import annotations

from collections.abc import Iterable

from generator.brand import default_brand, resolve_brand
from generator.content import find_document
from generator.errors import CharterError
from generator.formats import FORMATS, Format, PageOptions, get_format, missing_tools, paper_in_run
from generator.names import check_file_name, distinct
from generator.poster import (
    check_url_option,
)
from generator.project import Project
from generator.run import LOG, Item, Options, has_easy_read_version, has_full_text_version, warn_or_refuse
from generator.translations import (
    languages_to_build,
)


def plan(
    project: Project,
    doc_ids: Iterable[str],
    brands: Iterable[str],
    formats: Iterable[str],
    options: Options,
    languages: Iterable[str] = (),
    bilingual: str = "",
) -> list[Item]:
    """Every brand x document x language x format item (all documents, the default brand, the
    documents themselves, every format by default); ``languages`` as ``languages_to_build`` takes
    them; ``bilingual`` ('cy,en'), bilingual editions instead (``generator.bilingual``)."""
    from generator.content import document_paths

    named = list(doc_ids)
    doc_ids = named or list(document_paths(project))
    if not doc_ids:
        raise CharterError(
            "nothing to build: this project has no document. Write one as <id>.md here "
            "(see the README), or run charter from a folder whose content/ has documents.",
            project.charter_dir,
        )
    if bilingual:
        from generator.bilingual import check_formats, edition_languages

        chosen_languages = edition_languages(project, doc_ids, bilingual, languages)
        check_formats(formats)
    else:
        chosen_languages = languages_to_build(project, doc_ids, languages)
    refs = list(
        dict.fromkeys(resolve_brand(spec, project) for spec in list(brands) or [default_brand(project)])
    )
    distinct(((r.slug, str(r.path)) for r in refs), "output folder")
    chosen = list(formats)
    fmts = list({fmt.name: fmt for fmt in map(get_format, chosen or list(FORMATS))}.values())
    if not chosen:
        # Every format by default, but those whose tools are missing (liblouis) left out, saying so.
        missing = {fmt.name: missing_tools(fmt) for fmt in fmts}
        for warning in dict.fromkeys(w for w in missing.values() if w):
            LOG.warning(warning)
        fmts = [fmt for fmt in fmts if not missing[fmt.name]]
        if bilingual:
            fmts = [fmt for fmt in fmts if fmt.bilingual]
    has_easy_read = {
        (d, lang): has_easy_read_version(find_document(d, project), lang)
        for d in doc_ids
        for lang in chosen_languages[d]
    }
    has_full_text = {
        (d, lang): has_full_text_version(find_document(d, project), lang)
        for d in doc_ids
        for lang in chosen_languages[d]
    }
    check_url_option(options.url)
    pages = {fmt.name: page_options(fmt, options, fmts) for fmt in fmts}
    for doc_id in doc_ids:
        for lang in chosen_languages[doc_id]:
            for fmt in fmts:
                name = Item(doc_id, refs[0], fmt.name, pages[fmt.name], lang).file_name
                check_file_name(name, "document id")
    # Easy-read formats only where an easy-read version exists, unless the documents were named
    # with --doc (or none has one): then each missing one is an error naming the file to write.
    every_easy_read = bool(chosen) and (bool(named) or not any(has_easy_read.values()))
    return [
        Item(doc_id, brand, fmt.name, pages[fmt.name], lang)
        for brand in refs
        for doc_id in doc_ids
        for lang in chosen_languages[doc_id]
        for fmt in fmts
        # Full-text formats where the full text is translated (not an easy read translated alone).
        if (
            every_easy_read or has_easy_read[(doc_id, lang)]
            if fmt.easy_read
            else chosen or has_full_text[(doc_id, lang)]
        )
    ]


def page_options(fmt: Format, options: Options, run: Iterable[Format] = ()) -> PageOptions:
    """The page for a format: ``--paper`` when the format allows it (see ``paper_in_run``)."""
    paper, warning = paper_in_run(fmt, options.paper, run)
    warnings = [warning] if warning else []
    landscape = options.landscape and fmt.landscape
    if options.landscape and not landscape:
        warnings.append(f"the {fmt.name} format is made in portrait only, so --landscape is not used for it.")
    warn_or_refuse(warnings, options.strict)
    return PageOptions(paper=paper, landscape=landscape, print_marks=options.print_marks)
