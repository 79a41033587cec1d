"""Brand values are data, never code: a font family is checked against its grammar, every value
written into CSS is escaped, and web pages carry a Content-Security-Policy under which they load
nothing, seen by a real server on 127.0.0.1 that counts the requests a page in Chromium makes."""

from __future__ import annotations

import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import user_error

from generator.css import css_string
from generator.web import _PageParser, css_loads, with_policy

BRAND = "content/brands/riverside-council/_brand.yml"


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1: its address, and the paths asked of it."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("char", ["\r", "\f", "\n", '"', "'", "\\", "<", "\x00", "\u2028"])
def test_css_strings_escape_everything_that_could_end_them(char: str) -> None:
    value = str(css_string(f"a{char}}} @import url(x);"))
    # One CSS string: nothing inside but plain characters and hex escapes.
    assert re.fullmatch(r'"(?:[^"\'\\\x00-\x1f<>&\u2028]|\\[0-9a-f]{1,6} )*"', value), value


@pytest.mark.parametrize("family", ["Arial\r} body { display: none } x {", "Evil\f", 'A"B', "A;B", "A{B"])
def test_a_font_family_outside_its_grammar_is_refused(charter, project_copy: Path, family: str) -> None:
    brand = project_copy / BRAND
    quoted = family.encode("unicode_escape").decode().replace('"', '\\"')
    brand.write_text(brand.read_text().replace("base: Atkinson Hyperlegible", f'base: "{quoted}"'))
    user_error(
        charter("build", "--brand", "riverside-council", "--format", "html", cwd=project_copy),
        BRAND,
        "is not a font name" if family != "Evil\f" else "control character U+000C",
    )


def test_real_family_names_pass_the_grammar(tmp_path: Path) -> None:
    from generator.fonts import check_family

    for name in ("Atkinson Hyperlegible", "Source Sans 3", "M+ 1p", "Noto Sans 日本語", "Times New Roman"):
        check_family(name, tmp_path)


def test_the_remote_check_reads_urls_not_prose() -> None:
    prose = (
        '<p>(see s) url (x) src=y @import z</p><img alt="a src=http://x =" src="data:image/png;base64,AA">'
    )
    assert _PageParser.read(prose).loads == []
    loads = '<img src="http://a/x"><link rel="stylesheet" href="y.css"><p style="background: url(z)">'
    assert _PageParser.read(loads).loads == ["http://a/x", "y.css", "z"]
    assert css_loads("@im\\70 ort 'http://e/x.css'; a { b: u\\72l(http://f/y) }") == [
        "http://e/x.css",
        "http://f/y",
    ]


def _page(url: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title>'
        "<style>body { color: green }</style></head>"
        f'<body><p style="margin: 0">x</p><img alt="x" src="{url}/img">'
        f'<link rel="stylesheet" href="{url}/css"></body></html>'
    )


def test_a_page_under_its_policy_makes_no_request(browser, server, tmp_path: Path) -> None:
    url, asked = server
    for name, text in (
        ("open.html", _page(url)),
        ("policy.html", with_policy(_page(url), _PageParser.read(_page(url)))),
    ):
        path = tmp_path / name
        path.write_text(text)
        context = browser.new_context()
        page = context.new_page()
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        colour = page.evaluate("getComputedStyle(document.body).color")
        margin = page.evaluate("getComputedStyle(document.querySelector('p')).marginTop")
        context.close()
        if name == "open.html":
            assert sorted(asked) == ["/css", "/img"]  # without a policy the test server sees both
            asked.clear()
        else:
            assert asked == []
            assert colour == "rgb(0, 128, 0)" and margin == "0px"  # its own styles still apply
