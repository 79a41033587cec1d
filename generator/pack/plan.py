"""Planning a pack: one task per file (each brand x document x format item, and per organisation a
combined pack PDF of its PDF items), each with the key of everything that shapes it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from generator.brand import BrandRef
from generator.cache import InputHasher, key_of, tool_versions
from generator.content import document_paths
from generator.errors import CharterError
from generator.filenames import easy_read_path
from generator.formats import PAPERS, get_format
from generator.names import refuse_link_out
from generator.pack.manifest import Pack
from generator.project import Project
from generator.run import LOG, Item, Options, has_easy_read_version
from generator.translations import languages_to_build

# A pack builds every item with the default build options, but an MP3 without the tracks beside
# it: a pack's folder, manifest.json and zip hold one file per item.
OPTIONS = Options(audio_tracks=False)
PACK_PAPER = PAPERS["A4"]  # every page of a combined pack PDF: one paper for the printer


def on_pack_paper(item: Item) -> Item | None:
    """The item as the combined PDF holds it: on the pack's paper (an A3 poster becomes a one-page
    A4 poster, fitted again; its own file keeps its paper); None for a format without that paper."""
    if item.page.paper == PACK_PAPER:
        return item
    if PACK_PAPER.name not in get_format(item.fmt).papers:
        return None
    return replace(item, page=replace(item.page, paper=PACK_PAPER))


def contents_entry(item: Item) -> str:
    """How a combined PDF's manifest entry names one of its items: 'appendix-a (handout, A4)',
    'appendix-a.cy (handout, A4)' for a translation."""
    return f"{item.doc_id}{f'.{item.language}' if item.language else ''} ({item.fmt}, {item.page.text})"


@dataclass(frozen=True)
class Task:
    """One file to make: an item's own file (a PDF or a web page), or an organisation's combined
    pack PDF."""

    brand: BrandRef
    items: tuple[Item, ...]
    path: Path
    combined: bool
    key: str
    record: dict[str, Any] = field(compare=False)  # what manifest.json says of the file

    @property
    def slug(self) -> str:
        return self.brand.slug

    @property
    def label(self) -> str:
        return f"{self.slug}/{self.path.name}"

    @property
    def weight(self) -> int:
        """Rough rendering cost, in items."""
        return len(self.items)


def pack_folder(pack: Pack, out: Path) -> Path:
    return out / pack.name


def zip_path(pack: Pack, out: Path, slug: str) -> Path:
    return pack_folder(pack, out) / f"{pack.name}-{slug}.zip"


def plan_pack(project: Project, pack: Pack, out: Path, hasher: InputHasher) -> list[Task]:
    """Every task of the pack, in order: per brand, each item, then the combined PDF.

    Easy-read formats are left out, with a warning, for documents with no easy-read version.
    """
    tools = tool_versions()
    build_options = asdict(OPTIONS)
    templates = hasher.templates
    paths = document_paths(project)
    languages = languages_to_build(project, pack.documents, pack.languages)
    has_easy_read = {d: easy_read_path(paths[d]).is_file() for d in pack.documents}
    wanted = [f for f in pack.formats if get_format(f.fmt).easy_read]
    for doc_id in [d for d in pack.documents if wanted and not has_easy_read[d]]:
        LOG.warning(
            f"{doc_id} has no easy-read version ({easy_read_path(paths[doc_id]).name}); "
            "the pack leaves out its easy-read formats."
        )
    tasks = []
    for ref in pack.brands:
        slug = ref.slug
        folder = pack_folder(pack, out) / slug
        refuse_link_out(folder, out)  # the pack's folders were left by earlier runs: untrusted
        brand_inputs = hasher.brand(ref.path)
        items: list[Item] = []  # the PDFs, for the combined PDF
        all_inputs = {**templates, **brand_inputs}
        for doc_id, language in ((d, lang) for d in pack.documents for lang in languages[d]):
            # everything: the combined PDF holds every format
            doc_inputs = hasher.document(doc_id, language=language)
            all_inputs.update(doc_inputs)
            text_inputs = hasher.document(doc_id, easy_read=False, language=language)
            doc_items = [
                Item(doc_id, ref, entry.fmt, entry.page, language)
                for entry in pack.formats
                if not get_format(entry.fmt).easy_read or has_easy_read_version(paths[doc_id], language)
            ]
            for item in doc_items:
                read = doc_inputs if get_format(item.fmt).easy_read else text_inputs
                inputs = {**templates, **brand_inputs, **read}
                options: dict[str, Any] = {"document": doc_id, "format": item.fmt, **item.page.as_dict()}
                if language:
                    options["language"] = language
                if get_format(item.fmt).lists_versions:  # it names the files beside it
                    options["beside"] = [f"{i.file_name} ({i.page.text})" for i in doc_items if i != item]
                key = key_of({"tools": tools, "inputs": inputs, "options": options, "build": build_options})
                path = item.path(pack_folder(pack, out))
                record = {"path": path.name, **options, "key": key, "inputs": inputs}
                tasks.append(Task(ref, (item,), path, False, key, record))
            pdfs = (on_pack_paper(i) for i in doc_items if get_format(i.fmt).combined)
            items.extend(i for i in pdfs if i is not None)
        if not items:  # nothing to combine: no PDFs for this organisation
            continue
        contents = [contents_entry(i) for i in items]
        details = {"title": pack.title, "event": asdict(pack.event), "documents": contents}
        inputs = dict(sorted(all_inputs.items()))
        key = key_of(
            {"tools": tools, "inputs": inputs, "pack": details, "brand": slug, "build": build_options}
        )
        path = folder / f"{pack.name}-{slug}.pdf"
        record = {"path": path.name, **details, "key": key, "inputs": inputs}
        tasks.append(Task(ref, tuple(items), path, True, key, record))
    if not tasks:
        raise CharterError(
            "the pack has nothing to build: no document has the formats it asks for.", pack.source
        )
    return tasks
