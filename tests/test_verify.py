"""`charter verify`: any PDF or web page checked for accessibility. It passes every file this
project makes, and fails each deliberately broken file for its stated reason, and no other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from broken_files import FAULTS, broken_copy
from conftest import run_charter

BRAND = "riverside-council"

GOOD_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A page</title></head>
<body><main><h1>A page</h1><p>Words {extra}</p></main></body></html>"""
BROKEN_PAGES = {
    "picture-without-alt": (
        GOOD_PAGE.format(extra='<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'),
        "image-alt",
    ),
    "no-language": (GOOD_PAGE.replace(' lang="en"', "").format(extra=""), "html-has-lang"),
    "faint-text": (GOOD_PAGE.format(extra='<span style="color:#bbb">faint</span>'), "color-contrast"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every PDF and web page of the shipped document in one brand, built once."""
    folder = tmp_path_factory.mktemp("verify")
    from generator.formats import FORMATS

    formats = [arg for f in FORMATS.values() if f.suffix in (".pdf", ".html") for arg in ("--format", f.name)]
    result = run_charter(["build", "--brand", BRAND, "--quiet", *formats], folder)
    assert result.exit_code == 0, result.output
    return folder / "output" / BRAND


@pytest.mark.slow
def test_every_file_this_project_makes_passes_and_broken_web_pages_fail(built: Path, tmp_path: Path) -> None:
    files = sorted(p for p in built.iterdir() if p.suffix in (".pdf", ".html"))
    assert len(files) >= 7
    (tmp_path / "good.html").write_text(GOOD_PAGE.format(extra=""))
    for name, (html, _) in BROKEN_PAGES.items():
        (tmp_path / f"{name}.html").write_text(html)
    pages = [tmp_path / f"{name}.html" for name in ["good", *BROKEN_PAGES]]
    result = run_charter(["verify", "--format", "json", *map(str, [*files, *pages])], tmp_path)
    assert result.exit_code == 1
    report = {Path(r["file"]).name: r for r in json.loads(result.output)}
    failed = {name: {c["id"] for c in r["checks"] if not c["passed"]} for name, r in report.items()}
    assert failed == {
        **{path.name: set() for path in files},
        "good.html": set(),
        **{f"{name}.html": {rule} for name, (_, rule) in BROKEN_PAGES.items()},
    }
    assert {c["id"] for c in report["appendix-a-handout.pdf"]["checks"]} == {
        *("tagged", "title", "language", "pdf-ua", "headings", "figures", "tables", "links"),
        *("fonts", "reading-order", "text-size", "contrast"),
    }
    assert "axe-core WCAG 2.2 AA" in report["appendix-a-html.html"]["checks"][0]["name"]


@pytest.mark.slow
def test_each_broken_pdf_fails_for_its_stated_reason_only(built: Path, tmp_path: Path) -> None:
    good = built / "appendix-a-poster.pdf"  # one page with a heading, a list, figures and a link
    broken = [broken_copy(good, fault, tmp_path) for fault in FAULTS]
    result = run_charter(["verify", "--format", "json", *map(str, broken)], tmp_path)
    assert result.exit_code == 1
    failed = {
        Path(r["file"]).stem: {c["id"] for c in r["checks"] if not c["passed"]}
        for r in json.loads(result.output)
    }
    assert failed == {fault: expected for fault, (_, expected) in FAULTS.items()}

    text = run_charter(
        ["verify", str(tmp_path / "no-language.pdf"), str(tmp_path / "tiny-text.pdf")], tmp_path
    )
    assert text.exit_code == 1 and "Traceback" not in text.output
    assert "no-language.pdf: FAILS 1 of 12 checks" in text.output
    assert "language: the document does not say what language it is in" in text.output
    assert "Fix: Set the document language" in text.output
    assert "text at least 9 pt, page 1: " in text.output and "smaller than 9 pt" in text.output
    larger = run_charter(["verify", "--min-size", "30", str(good)], tmp_path)
    assert larger.exit_code == 1 and "smaller than 30 pt" in larger.output


def test_a_file_that_is_not_a_pdf_fails_with_a_readable_line(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_text("not a pdf")
    result = run_charter(["verify", "notes.pdf"], tmp_path)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "notes.pdf: FAILS 1 of 1 checks" in result.output and "cannot be read as a PDF" in result.output


def test_a_pipe_a_device_and_a_file_over_the_limit_fail_unread(tmp_path: Path) -> None:
    import os
    import time

    from generator.limits import MAX_VERIFIED
    from generator.verify import verify_files

    os.mkfifo(tmp_path / "pipe.pdf")  # no writer: reading it would wait for ever
    with (tmp_path / "sparse.pdf").open("wb") as out:
        out.truncate(MAX_VERIFIED + 1)
    start = time.perf_counter()
    results = verify_files([tmp_path / "pipe.pdf", Path("/dev/zero"), tmp_path / "sparse.pdf"])
    assert time.perf_counter() - start < 2
    messages = [r.checks[0].problems[0].message for r in results]
    assert [len(r.checks) for r in results] == [1, 1, 1] and not any(r.passed for r in results)
    assert "not a regular file" in messages[0] and "not a regular file" in messages[1]
    assert f"over the {MAX_VERIFIED // 1024**2} MB limit" in messages[2]


def test_a_page_too_large_to_render_fails_contrast_without_running_out_of_memory(tmp_path: Path) -> None:
    """A 200 x 200 inch page would take 3.3 GB to render for the contrast check."""
    from generator.verify import verify_files

    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>"
    (tmp_path / "huge.pdf").write_text(
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n"
        f"<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n{page}\nendobj\n"
        "trailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    (result,) = verify_files([tmp_path / "huge.pdf"])
    contrast = next(c for c in result.checks if c.id == "contrast")
    assert [(p.page, "too large to render" in p.message) for p in contrast.problems] == [(1, True)]


def test_verify_under_a_memory_limit_is_one_line(tmp_path: Path) -> None:
    """Playwright's Node.js driver cannot start under RLIMIT_AS: one line, not a traceback and
    Node's crash report."""
    import os
    import resource
    import subprocess
    import sys

    (tmp_path / "page.html").write_text(GOOD_PAGE.format(extra=""))
    limit = 500 * 1024 * 1024
    result = subprocess.run(
        [sys.executable, "-m", "generator", "verify", "page.html"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
        capture_output=True,
        text=True,
        timeout=30,
    )
    lines = (result.stdout + result.stderr).strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, lines
    assert lines[0].startswith("Error: Playwright's browser driver would not start")


@pytest.mark.slow
def test_a_page_that_never_finishes_loading_fails_one_check(tmp_path: Path, monkeypatch) -> None:
    from generator.verify import html, verify_files

    monkeypatch.setattr(html, "PAGE_TIMEOUT_MS", 300)
    (tmp_path / "loop.html").write_text(GOOD_PAGE.format(extra="<script>while (true) {}</script>"))
    (result,) = verify_files([tmp_path / "loop.html"])
    assert [c.id for c in result.checks] == ["load"] and not result.passed
    assert "did not load within" in result.checks[0].problems[0].message
