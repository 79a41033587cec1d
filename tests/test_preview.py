"""`charter preview`: a local server showing every format of a document, rebuilt on save."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest


def wait_for(condition: Callable[[], bool], limit: float) -> float:
    """Seconds until ``condition`` holds, polling; fails past ``limit``."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < limit, "timed out"
        time.sleep(0.05)
    return time.monotonic() - start


@pytest.mark.slow
def test_preview_rebuilds_on_save_shows_errors_and_recovers(project_copy: Path) -> None:
    source = project_copy / "content" / "charter" / "appendix-a.md"
    text = source.read_text()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "preview", "--document", "appendix-a", "--brand", "partnership"],
        cwd=project_copy,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        url = first.split()[2]
        assert url.startswith("http://127.0.0.1:") and url.endswith("/"), first

        def get(path: str) -> str:
            with urllib.request.urlopen(url + path, timeout=5) as response:
                return str(response.read().decode())

        def state() -> dict:
            return dict(json.loads(get("version")))

        wait_for(lambda: not state()["building"], 120)
        index = get("")
        for fmt in ("handout", "easy-read", "large-print", "poster", "easy-read-poster", "html", "braille"):
            assert f">{fmt}</a></h2>" in index
        assert "appendix-a-handout.page-1.png" in index and "<iframe" in index
        before = state()["version"]

        source.write_text(text.replace("Co-production across", "Zebra co-production across", 1))
        shown = wait_for(lambda: "Zebra" in get("files/partnership/appendix-a-html.html"), 10)
        assert shown < 2.0, f"the edit showed after {shown:.2f} s"
        assert state()["version"] > before  # the page, polling /version, reloads itself

        source.write_text(text.replace("\nsummary:", "\nsummery:", 1))
        wait_for(lambda: "summery" in str(state()["error"]) and not state()["building"], 10)
        index = get("")
        assert "appendix-a.md:7: unknown front matter key `summery`" in index
        link = f"/source{source.resolve()}#L7"
        assert f"href='{link}'" in index
        assert "id='L7'" in get(link.split("#")[0].lstrip("/")) and "summery" in get(
            link.split("#")[0].lstrip("/")
        )

        source.write_text(text.replace("Co-production across", "Yak co-production across", 1))
        wait_for(lambda: "Yak" in get("files/partnership/appendix-a-html.html"), 10)
        wait_for(lambda: state()["error"] is None and not state()["building"], 10)
        assert "Error:" not in get("") and server.poll() is None
    finally:
        server.send_signal(signal.SIGINT)
        output = server.communicate(timeout=15)[0]
    assert server.returncode == 0 and "preview stopped" in output and "Traceback" not in output


def test_preview_shows_a_translation_and_offers_the_others(tmp_path: Path) -> None:
    """--language picks what is shown (an easy read translated alone: its easy-read formats
    only); the page names the document's translations and how to see one."""
    from translated import FILES, POLISH_EASY_READ, translated_project

    from generator.preview import Preview, State, page
    from generator.project import Project

    translated_project(tmp_path, {**FILES, "leaflet.easy-read.pl.md": POLISH_EASY_READ})
    project = Project.discover(tmp_path)
    shown = {
        tag: [i.file_name for i in Preview(project, "leaflet", "partnership", tmp_path, tag).items()]
        for tag in ("", "ur", "pl")
    }
    assert "leaflet-handout.pdf" in shown[""] and "leaflet.ur-handout.pdf" in shown["ur"]
    assert "leaflet.ur-easy-read-html.html" in shown["ur"] and "leaflet.ur-braille.brf" in shown["ur"]
    assert shown["pl"] == [
        "leaflet.pl-easy-read.pdf",
        "leaflet.pl-easy-read-poster.pdf",
        "leaflet.pl-easy-read-html.html",
    ]
    offer = page(State(language="ur", languages=("pl", "ur")))
    assert (
        "Showing <strong>ur</strong>. Translations: pl (<code>charter preview --language TAG</code>" in offer
    )
    assert "id='languages'" not in page(State())  # a document with no translation: no line
