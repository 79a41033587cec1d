"""Build: render each planned item of a run and write it, whole, beside the others; one error
listing every failure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from generator.errors import CharterError, TempWriteError
from generator.formats import get_format
from generator.names import refuse_link_out
from generator.project import Project
from generator.render import remove_part_files
from generator.renderers import render, write_rendered
from generator.run import (
    LOG,
    Inputs,
    Item,
    Options,
    easy_read_warnings,
    one_by_one,
    review_warnings,
    warn_or_refuse,
)
from generator.sections import item_section
from generator.translations import (
    translation_warnings,
)


def build(
    project: Project,
    items: list[Item],
    out: Path,
    options: Options,
    on_written: Callable[[Path], None] = lambda path: None,
) -> list[Path]:
    """Build every item that can be built, each written whole as soon as it is rendered; then, if
    any could not be, one error listing every failure (each once, with its file and line)."""
    inputs = Inputs(project, run=tuple(items))
    failures: dict[str, CharterError] = {}
    good: list[Item] = []
    for item in items:
        try:
            inputs.brand(item.brand)
            if get_format(item.fmt).easy_read:
                inputs.full_text(item.doc_id, item.language)
                inputs.easy_read(item.doc_id, item.language)
            else:
                inputs.document(item.doc_id, item.language)
        except CharterError as error:
            failures.setdefault(error.message, error)
        else:
            good.append(item)
    for brand in dict.fromkeys(inputs.brand(i.brand) for i in good):
        warn_or_refuse(brand.warnings, options.strict)
    plain = (i for i in good if get_format(i.fmt).easy_read or get_format(i.fmt).large_print)
    for brand in dict.fromkeys(inputs.brand(i.brand) for i in plain):
        if brand.plain_note:  # a note, not a fault: --strict builds on
            LOG.warning(brand.plain_note)
    for doc_id, language in dict.fromkeys(
        (i.doc_id, tag) for i in good if get_format(i.fmt).easy_read for tag in one_by_one(inputs, i)
    ):
        warn_or_refuse(easy_read_warnings(inputs.easy_read(doc_id, language)), options.strict)
    versions = [(i, tag) for i in good for tag in one_by_one(inputs, i)]  # a bilingual item's two
    for doc_id in dict.fromkeys(i.doc_id for i, tag in versions if not tag):
        warn_or_refuse(review_warnings(doc_id, inputs.review(doc_id)), options.strict)
    for path in dict.fromkeys(
        inputs.translation_path(replace(i, language=tag)) for i, tag in versions if tag
    ):
        warn_or_refuse(translation_warnings(path), options.strict)
    written = []
    for item in good:
        try:
            refuse_link_out(item.path(out).parent, out)
            item_section(inputs, item, options)  # fits a poster, or says why it cannot fit
            made = render(inputs, item, options)
        except TempWriteError as error:  # said of the file being made, not the temp folder
            said = error.for_output(item.path(out))
            failures.setdefault(said.message, said)
            continue
        except CharterError as error:
            failures.setdefault(error.message, error)
            continue
        path = item.path(out)
        write_rendered(path, made)
        on_written(path)
        written.append(path)
    for folder in dict.fromkeys(path.parent for path in written):
        remove_part_files(folder)  # temp files a killed run left (this run leaves none)
    if failures:
        missing = len(items) - len(written)
        summary = CharterError(
            f"{len(written)} of {len(items)} files written; {missing} could not be built (above). "
            "Fix them and run again."
        )
        raise CharterError.several([*failures.values(), summary] if len(items) > 1 else [*failures.values()])
    return written
