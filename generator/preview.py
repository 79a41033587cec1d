"""``charter preview``: one document in one brand, every format side by side, rebuilt as you type
(in one of its translations with ``--language``; the page names the others).

A builder thread watches the content and templates (watchfiles) and, on each change, renders
again only the items whose inputs changed (each item keyed by the digests of what it reads,
with ``generator.cache``), web pages first; PDFs are shown as page images (pypdfium2). The
page, served by the standard library's ThreadingHTTPServer on 127.0.0.1, polls ``/version``
and reloads itself after each rebuild. A build error is shown in the page, with the
``charter check`` findings of the document and brand beside it, each linking to its line;
the server keeps running.
"""

from __future__ import annotations

import html
import json
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from generator.errors import CharterError, display_path
from generator.project import Project


@dataclass(frozen=True)
class Shown:
    """How the page shows one kind of preview a format declares (``Format.preview``)."""

    order: int  # built in this order: web pages first, as they show soonest
    markup: str  # fields {fmt}, {file}, {version}, escaped
    images: bool = False  # its pages as images (a PDF)


SHOWN = {
    "web": Shown(0, "<iframe title='{fmt}' src='/files/{file}?v={version}'></iframe>"),
    "text": Shown(1, "<pre data-src='/files/{file}'>(braille file)</pre>"),
    "images": Shown(1, "", images=True),
}
PAGE_SCALE = 0.75  # page image pixels a point


@dataclass
class State:
    """What the page shows; replaced whole under the lock."""

    version: int = 0
    # (format, file, page images, how it is shown: Format.preview)
    files: list[tuple[str, str, list[str], str]] = field(default_factory=list)
    error: str | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    building: bool = True
    language: str = ""  # the translation shown ("" the document itself)
    languages: tuple[str, ...] = ()  # the document's translations, offered on the page


class Preview:
    """The builder: items, their keys, and the state the server shows."""

    def __init__(
        self, project: Project, doc_id: str | None, brand: str | None, out: Path, language: str = ""
    ):
        self.project, self.doc_spec, self.brand_spec, self.out = project, doc_id, brand, out
        self.language = language  # a translation's tag, or "" for the document itself
        self.keys: dict[str, str] = {}
        self.state = State()
        self.lock = threading.Lock()

    def items(self) -> list[Any]:
        """What is shown: one document (the first by default), in the language asked for, in
        every format previewed that its versions allow (a translation of the easy read alone:
        the easy-read formats)."""
        from generator.content import find_document
        from generator.formats import get_format
        from generator.planning import plan
        from generator.run import Options, has_easy_read_version, has_full_text_version

        formats = [f for f in _formats() if get_format(f).preview]
        docs = [self.doc_spec] if self.doc_spec else []
        brands = [self.brand_spec] if self.brand_spec else []
        languages = [self.language] if self.language else []
        items = plan(self.project, docs, brands, formats, Options(), languages)
        items = [i for i in items if i.doc_id == items[0].doc_id] if items else []
        source = find_document(items[0].doc_id, self.project) if items else None
        return [
            i
            for i in items
            if source is not None
            and (has_easy_read_version if get_format(i.fmt).easy_read else has_full_text_version)(
                source, i.language
            )
        ]

    def publish(self, **changes: Any) -> None:
        with self.lock:
            self.state = replace(self.state, version=self.state.version + 1, **changes)

    def rebuild(self) -> None:
        """Build what changed; any error is shown, never raised."""
        from generator.build import build as run_build
        from generator.cache import InputHasher, key_of
        from generator.content import find_document
        from generator.filenames import EASY_READ_SUFFIX, languages_of
        from generator.formats import get_format
        from generator.run import Options

        findings = self.findings()
        try:
            options = Options()
            items = self.items()
            offered = tuple(languages_of(find_document(items[0].doc_id, self.project))) if items else ()
            hasher = InputHasher(self.project)
            changed = []
            for item in items:
                fmt = get_format(item.fmt)
                document = hasher.document(item.doc_id, language=item.language)
                if not fmt.easy_read:  # a full-text format reads the easy read's existence only
                    document = {
                        k: (v if not k.endswith(EASY_READ_SUFFIX) else "") for k, v in document.items()
                    }
                key = key_of(
                    [hasher.templates, hasher.brand(item.brand.path), document, item.fmt, repr(item.page)]
                )
                if self.keys.get(item.fmt) != key or not item.path(self.out).is_file():
                    changed.append((item, key))
            # Web pages first: they show soonest.
            changed.sort(key=lambda pair: SHOWN[get_format(pair[0].fmt).preview].order)
            for item, key in changed:
                run_build(self.project, [item], self.out, options)
                self.keys[item.fmt] = key
                if SHOWN[get_format(item.fmt).preview].images:
                    _page_images(item.path(self.out))
                self.publish(files=self.listing(items), error=None, findings=findings, building=True)
            self.publish(
                files=self.listing(items),
                error=None,
                findings=findings,
                building=False,
                language=self.language,
                languages=offered,
            )
        except CharterError as exc:
            # The files may have changed while building: the findings of the files as they are now.
            self.publish(error=exc.format_message(), findings=self.findings(), building=False)

    def listing(self, items: list[Any]) -> list[tuple[str, str, list[str], str]]:
        from generator.formats import get_format

        shown: list[tuple[str, str, list[str], str]] = []
        for item in items:
            path = item.path(self.out)
            if path.is_file():
                pages = sorted(
                    path.parent.glob(f"{path.stem}.page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
                )
                relative = path.relative_to(self.out).as_posix()
                images = [p.relative_to(self.out).as_posix() for p in pages]
                shown.append((item.fmt, relative, images, get_format(item.fmt).preview))
        return shown

    def findings(self) -> list[dict[str, Any]]:
        """``charter check`` of the document, its easy read and the brand."""
        from generator.lint import Inputs, check_inputs

        inputs = Inputs()
        try:
            from generator.brand import resolve_brand
            from generator.content import document_paths
            from generator.filenames import easy_read_path

            paths = document_paths(self.project)
            doc = paths.get(self.doc_spec or "", next(iter(paths.values()), None))
            if doc is not None:
                from generator.filenames import translation_path

                inputs.add(doc)
                versions = [easy_read_path(doc)]
                if self.language:
                    versions += [translation_path(doc, self.language, e) for e in (False, True)]
                for path in versions:
                    if path.is_file():
                        inputs.add(path)
            from generator.brand import default_brand

            inputs.add(resolve_brand(self.brand_spec or default_brand(self.project), self.project).path)
        except CharterError:
            pass  # the build says what is wrong
        return [
            {**f.as_dict(), "source": str(Path(f.path).resolve())}
            for report in check_inputs(inputs, self.project)
            for f in report.findings
        ]


def _formats() -> list[str]:
    from generator.formats import FORMATS

    return list(FORMATS)


def _page_images(pdf: Path) -> None:
    """Each page of a PDF as ``<stem>.page-N.png`` beside it (old ones removed)."""
    import pypdfium2  # type: ignore[import-untyped]

    for old in pdf.parent.glob(f"{pdf.stem}.page-*.png"):
        old.unlink()
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for number, page in enumerate(document, 1):
            page.render(scale=PAGE_SCALE).to_pil().save(pdf.parent / f"{pdf.stem}.page-{number}.png")
    finally:
        document.close()


def watched(project: Project) -> list[Path]:
    return [project.content_dir, *(d for d in project.template_dirs if d.is_dir())]


def watch(preview: Preview, stop: threading.Event) -> None:
    """Rebuild once, then after every change until ``stop`` is set."""
    from watchfiles import watch as watch_changes

    preview.rebuild()
    for _changes in watch_changes(*watched(preview.project), stop_event=stop, debounce=100, step=20):
        preview.publish(building=True)
        preview.rebuild()


def page(state: State) -> str:
    """The preview page: findings and any error, then every format side by side."""
    esc = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>charter preview</title>",
        "<style>body{font-family:sans-serif;margin:1rem;background:#f4f4f4;color:#111}"
        ".grid{display:flex;gap:1rem;overflow-x:auto;align-items:flex-start}"
        ".format{background:#fff;padding:.5rem;border:1px solid #ccc;flex:0 0 auto}"
        ".format img{display:block;width:420px;margin-bottom:.5rem;border:1px solid #ddd}"
        "iframe{width:420px;height:594px;border:1px solid #ddd}"
        "pre{width:420px;max-height:594px;overflow:auto;font-size:12px}"
        ".error{background:#fde8e8;border:2px solid #b00020;padding:.5rem;white-space:pre-wrap}"
        ".findings li.error{border:0;background:none;padding:0}</style></head><body>",
        f"<h1>charter preview</h1><p id='status'>{'building…' if state.building else 'up to date'}"
        f" (version <span id='version'>{state.version}</span>)</p>",
    ]
    if state.error:
        parts.append(
            f"<div class='error' id='error' role='alert'><strong>Error:</strong> {esc(state.error)}</div>"
        )
    if state.findings:
        parts.append("<h2>charter check</h2><ul class='findings'>")
        for f in state.findings:
            href = f"/source/{esc(f['source'].lstrip('/'))}#L{f['line']}"
            parts.append(
                f"<li class='{esc(f['severity'])}'><a href='{href}'>{esc(f['path'])}:{f['line']}</a>: "
                f"{esc(f['rule'])}: {esc(f['message'])}</li>"
            )
        parts.append("</ul>")
    if state.languages:
        shown = f"<strong>{esc(state.language)}</strong>" if state.language else "the document itself"
        others = ", ".join(esc(lang) for lang in state.languages if lang != state.language)
        parts.append(
            f"<p id='languages'>Showing {shown}. Translations: {others or 'no other'} "
            "(<code>charter preview --language TAG</code> shows one).</p>"
        )
    parts.append("<div class='grid'>")
    for fmt, file, pages, preview in state.files:
        parts.append(f"<section class='format'><h2><a href='/files/{esc(file)}'>{esc(fmt)}</a></h2>")
        parts.append(SHOWN[preview].markup.format(fmt=esc(fmt), file=esc(file), version=state.version))
        parts += [
            f"<img alt='{esc(fmt)} page {n}' src='/files/{esc(p)}?v={state.version}'>"
            for n, p in enumerate(pages, 1)
        ]
        parts.append("</section>")
    parts.append(
        "</div><script>const seen=" + str(state.version) + ";"
        "setInterval(async()=>{try{const r=await fetch('/version');const v=(await r.json()).version;"
        "if(v!==seen)location.reload();}catch(e){}},400);"
        "document.querySelectorAll('pre[data-src]').forEach(async p=>{"
        "p.textContent=await (await fetch(p.dataset.src)).text();});</script></body></html>"
    )
    return "".join(parts)


def source_page(path: Path) -> str:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    rows = "".join(
        f"<tr id='L{n}'><td>{n}</td><td><pre>{html.escape(line)}</pre></td></tr>"
        for n, line in enumerate(lines, 1)
    )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(path.name)}</title>"
        "<style>pre{margin:0}tr:target{background:#ffec99}</style></head>"
        f"<body><h1>{html.escape(display_path(path))}</h1><table>{rows}</table></body></html>"
    )


def handler_for(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: the terminal shows builds, not requests

        def send(self, body: bytes, kind: str, status: int = 200) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            route = unquote(urlparse(self.path).path)
            with preview.lock:
                state = preview.state
            if route == "/":
                self.send(page(state).encode(), "text/html; charset=utf-8")
            elif route == "/version":
                self.send(
                    json.dumps(
                        {"version": state.version, "error": state.error, "building": state.building}
                    ).encode(),
                    "application/json",
                )
            elif route.startswith("/files/"):
                self.send_file(preview.out, route.removeprefix("/files/"))
            elif route.startswith("/source/"):
                path = Path("/" + route.removeprefix("/source/")).resolve()
                roots = watched(preview.project)
                if path.is_file() and any(path.is_relative_to(r) for r in roots):
                    self.send(source_page(path).encode(), "text/html; charset=utf-8")
                else:
                    self.send(b"not found", "text/plain", 404)
            else:
                self.send(b"not found", "text/plain", 404)

        def send_file(self, root: Path, relative: str) -> None:
            path = (root / relative).resolve()
            if not path.is_relative_to(root.resolve()) or not path.is_file():
                self.send(b"not found", "text/plain", 404)
                return
            kinds = {".html": "text/html; charset=utf-8", ".png": "image/png", ".pdf": "application/pdf"}
            self.send(path.read_bytes(), kinds.get(path.suffix, "text/plain; charset=utf-8"))

    return Handler


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def serve(
    project: Project, doc_id: str | None, brand: str | None, port: int, announce: Any, language: str = ""
) -> None:
    """Serve until Ctrl-C; the rendered files live in a temporary folder removed at the end."""
    out = Path(tempfile.mkdtemp(prefix="charter-preview-"))
    preview = Preview(project, doc_id, brand, out, language)
    stop = threading.Event()
    builder = threading.Thread(target=watch, args=(preview, stop), daemon=True)
    try:
        server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(preview))
    except OSError as exc:
        shutil.rmtree(out, ignore_errors=True)
        raise CharterError(
            f"cannot listen on 127.0.0.1:{port} ({exc.strerror}). Choose another --port."
        ) from None
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, _interrupt)  # stopped like Ctrl-C: the folder is removed
    builder.start()
    announce(f"http://127.0.0.1:{server.server_address[1]}/")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
        builder.join(timeout=5)
        shutil.rmtree(out, ignore_errors=True)
