"""Render: HTML -> tagged PDF/UA-1 bytes with WeasyPrint, and atomic writes.

The URL fetcher serves only local files under allowed folders (templates, content, the
brand's folder, installed font and picture packages) and ``data:`` URIs. Nothing is fetched
over the network, ever: a remote URL stops the build with a clear message.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import hashlib
import logging
import mimetypes
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from generator import engine
from generator.errors import CharterError, TempWriteError, write_error
from generator.memo import Bounded, file_key

if TYPE_CHECKING:
    from generator.fonts import FontFace

LOG = logging.getLogger("charter")

# Parsed stylesheets, decoded images and font configurations, reused by later documents of the
# process (workers, a preview server); each bounded and keyed by content (generator.memo).
_CSS_CACHE: Bounded[Any] = Bounded(64)
IMAGES_KEPT = 512


class ContentKeyedImages(dict[Any, Any]):
    """WeasyPrint's image cache, which it keys by URL: a local file's URL is keyed with a digest
    of the file's content as well, so an edited logo or picture is read again in a long-lived
    process (a preview server), and the entry for its old content is dropped. It holds
    ``IMAGES_KEPT`` images at most, the oldest dropped first."""

    @staticmethod
    def _key(key: Any) -> Any:
        if isinstance(key, str) and key.startswith("file:"):
            try:
                data = Path(unquote(urlsplit(key).path)).read_bytes()
            except OSError:
                return key
            return (key, hashlib.sha256(data).hexdigest())
        return key

    def __contains__(self, key: object) -> bool:
        return super().__contains__(self._key(key))

    def __getitem__(self, key: Any) -> Any:
        return super().__getitem__(self._key(key))

    def __setitem__(self, key: Any, value: Any) -> None:
        keyed = self._key(key)
        if isinstance(keyed, tuple):
            for old in [k for k in self if isinstance(k, tuple) and k[0] == key and k != keyed]:
                del self[old]
        super().__setitem__(keyed, value)
        while len(self) > IMAGES_KEPT:
            del self[next(iter(self))]


_IMAGE_CACHE = ContentKeyedImages()
_FONT_CONFIGS: Bounded[Any] = Bounded(16)


def _fetch(fetcher: Any, url: str, headers: Any) -> Any:
    """Serve files under the fetcher's roots and data: URIs; refuse everything else."""
    scheme = urlsplit(url).scheme.lower()
    if scheme == "data":
        return fetcher.fetch_data(url, headers)
    if scheme != "file":
        raise remote_resource(url)
    path = Path(unquote(urlsplit(url).path)).resolve()
    if not any(path.is_relative_to(root) for root in fetcher.roots):
        raise CharterError(f"'{path}' is outside the project and brand folders.")
    # The type, as WeasyPrint's own fetcher gives it: an SVG is then read as one, rather
    # than first offered to Pillow (whose every image plugin that loads, 50 ms).
    return fetcher.response(url, path.read_bytes(), mimetypes.guess_type(path.name)[0])


def _local_fetcher(roots: tuple[Path, ...]) -> Any:
    return engine.fetcher_class(_fetch)(tuple(r.resolve() for r in roots))


def remote_resource(url: str) -> CharterError:
    """The error for a resource a PDF or web page would fetch over the network."""
    return CharterError(
        f"'{url}' is a remote resource; nothing is fetched over the network while "
        "building. Save the file locally and refer to it by name."
    )


def allowed_roots(*extra: Path) -> tuple[Path, ...]:
    """Folders a document may load from: installed fonts and pictures, plus ``extra``."""
    from generator.fonts import default_font_dir
    from generator.pictures import openmoji_dir

    return (default_font_dir(), openmoji_dir(), *extra)


def stylesheet_text(path: Path) -> str:
    """A stylesheet as WeasyPrint reads it: its ``@page`` rules expanded to the named pages, then
    their mirrored twins for right-to-left documents, then the twins of all those for bilingual
    editions of two directions."""
    from generator.css import expand_page_rules, mirrored_page_rules, two_phrase_page_rules

    text = expand_page_rules(path.read_text(encoding="utf-8"))
    text += mirrored_page_rules(text)
    return text + two_phrase_page_rules(text)


def _stylesheet(path: Path, fetcher: Any) -> Any:
    # Keyed by the text as read, page rules expanded: an edited stylesheet, or a paper added to
    # the table, is parsed again.
    text = stylesheet_text(path)
    return _CSS_CACHE.get(
        (str(path), text),
        lambda: engine.weasyprint().CSS(string=text, base_url=path.as_uri(), url_fetcher=fetcher),
    )


def font_config(faces: tuple[FontFace, ...]) -> Any:
    """The WeasyPrint font configuration for documents whose ``@font-face`` rules are ``faces``.

    Registering font files with fontconfig is a large part of a small document's cost, so
    documents with the same faces share one configuration. It is keyed by every face's family,
    file (and its content) and style, so an edited font file is registered again, two brands
    that give one family name to different files never share, and each configuration holds
    exactly the fonts a fresh process would register: the output is byte for byte the same.
    """
    # Each process makes its own: one inherited through fork belongs to the parent.
    # A configuration dropped from the cache removes its folder of font files when the last
    # document using it is gone.
    key = (os.getpid(), *((face, file_key(face.path)) for face in faces))
    return _FONT_CONFIGS.get(key, engine.new_font_config)


def release_fonts() -> None:
    """Drop this process's font configurations and remove their folders of font files (a
    configuration removes its own only when nothing refers to it any more)."""
    for key in [key for key in _FONT_CONFIGS if key[0] == os.getpid()]:  # type: ignore[index]
        folder = engine.font_config_folder(_FONT_CONFIGS.pop(key))
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


atexit.register(release_fonts)


def render_document(
    html: str, stylesheets: list[Path], roots: tuple[Path, ...], base: Path, faces: tuple[FontFace, ...]
) -> Any:
    """Lay out the HTML, whose ``@font-face`` rules are ``faces``: a WeasyPrint Document (pages
    are inspectable before writing)."""
    weasyprint = engine.weasyprint()
    engine.keep_layout_context()
    engine.reuse_svg_paths()
    engine.place_sized_pictures()
    fetcher = _local_fetcher(roots)
    failures = _Failures()
    weasyprint_log = logging.getLogger("weasyprint")
    saved = weasyprint_log.handlers[:], weasyprint_log.propagate
    weasyprint_log.handlers[:], weasyprint_log.propagate = [failures], False  # reported once, below
    try:
        document = weasyprint.HTML(string=html, base_url=base.as_uri() + "/", url_fetcher=fetcher).render(
            stylesheets=[_stylesheet(p, fetcher) for p in stylesheets],
            pdf_variant="pdf/ua-1",
            cache=_IMAGE_CACHE,
            font_config=font_config(faces),
        )
    except engine.fatal_fetch_error() as exc:
        cause = exc.__cause__
        if isinstance(cause, CharterError):
            raise cause from None
        raise CharterError(f"could not read a file the document uses: {cause or exc}.") from None
    except OSError as exc:
        _raise_if_temp_write(exc)
        raise
    finally:
        weasyprint_log.handlers[:], weasyprint_log.propagate = saved
    if failures.messages:
        # A picture or stylesheet WeasyPrint could not load would be missing from the PDF.
        raise CharterError(f"{failures.messages[0]}. Check that file; nothing was written.")
    return document


class _Failures(logging.Handler):
    """Collects WeasyPrint's errors ("Failed to load image at ..."), which it only logs."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().rstrip(": ."))


def pages_holding(document: Any, css_class: str) -> list[int]:
    """The numbers (from 1) of the laid-out pages that hold part of an element of ``css_class``."""
    found = []
    for number, page in enumerate(document.pages, 1):
        stack = [engine.page_box(page)]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and css_class in (element.get("class") or "").split():
                found.append(number)
                break
            stack.extend(getattr(box, "children", ()))
    return found


def pdf_bytes(document: Any, outlines_panel: bool = False) -> bytes:
    """PDF/UA-1 bytes, finished (see generator.finish): the same inputs give the same bytes;
    ``outlines_panel`` makes the PDF open with its bookmarks shown."""
    from generator.finish import finish, install_hook

    install_hook()
    for page in document.pages:  # a page box written before (a pack item's) keeps its link's annotation
        for *_, box in page.links:
            box.link_annotation = None
    try:
        data = document.write_pdf(pdf_variant="pdf/ua-1", cache=_IMAGE_CACHE)
    except OSError as exc:
        _raise_if_temp_write(exc)
        raise
    return finish(data, outlines_panel=outlines_panel)


_WRITE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS)


def _raise_if_temp_write(exc: OSError) -> None:
    """WeasyPrint writes font files to the temp folder while laying out: a full disk or a file
    size limit there is the user's to fix, said in one line."""
    if exc.errno in _WRITE_ERRORS:
        raise TempWriteError(exc, Path(exc.filename or tempfile.gettempdir())) from None


# Temp files carry the run's process id (forked workers inherit it), so that clean-up removes
# only this run's own, and those of runs that died, never another live run's.
RUN_TAG = f"run{os.getpid()}"
_PART = re.compile(r"^\..+\.run(\d+)\.[^.]*\.part$")


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file so that it is either whole or absent: temp file, then rename.

    Any OS error (disk full, read-only folder, a file in the way, a file size limit) is a
    CharterError naming the path and what to do; the temp file is removed.
    """
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stem = path.name.encode()[:150].decode(errors="ignore")  # a long name's .part name still fits
        handle, temp = tempfile.mkstemp(prefix=f".{stem}.{RUN_TAG}.", suffix=".part", dir=path.parent)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise write_error(path, exc) from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def remove_part_files(folder: Path) -> list[Path]:
    """Remove, below ``folder``, the temp files of this run and of runs no longer alive (a killed
    run's workers may leave one); another running process's temp files are left alone."""
    removed = []
    for part in folder.rglob(".*.part") if folder.is_dir() else ():
        match = _PART.match(part.name)
        if match and (int(match.group(1)) == os.getpid() or not _alive(int(match.group(1)))):
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
