"""A format defined in tests/ (tests/textformat.py), registered at run time, is built end to end
by ``charter build`` and ``charter pack`` like a shipped one, without a line of generator/ naming
it: its renderer, template, suffix, tools, version label and pack behaviour all come from its
declaration."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_charter
from textformat import PLAIN_TEXT, TEMPLATE, TOOL_VERSION

from generator.formats import FORMATS, register

pytestmark = pytest.mark.slow  # a web page and a pack's index page are rendered

PACK = """\
title: Plain pack
brands: [partnership]
documents: [appendix-a]
formats:
  plain-text:
"""


@pytest.fixture
def plain_text(project_copy: Path) -> Iterator[Path]:
    """A project with the plain-text format registered and its template in templates/."""
    register(PLAIN_TEXT)
    (project_copy / "templates").mkdir()
    (project_copy / "templates" / "plain-text.txt.j2").write_text(TEMPLATE)
    (project_copy / "content" / "packs" / "plain.yml").write_text(PACK)
    try:
        yield project_copy
    finally:
        FORMATS.pop(PLAIN_TEXT.name)


def test_charter_build_and_list_make_a_registered_format(plain_text: Path) -> None:
    listed = run_charter(["list"], plain_text)
    assert "  plain-text: the key points as plain text" in listed.output.splitlines()
    result = run_charter(["build", "--format", "plain-text", "--format", "html", "--quiet"], plain_text)
    assert result.exit_code == 0, result.output
    folder = plain_text / "output" / "partnership"
    assert sorted(p.name for p in folder.iterdir()) == ["appendix-a-html.html", "appendix-a-plain-text.txt"]
    text = (folder / "appendix-a-plain-text.txt").read_text().splitlines()
    assert text[0] == "A trauma informed & responsive approach"  # its own template, not escaped
    assert (
        text[1].startswith("From ")
        and "- Everyone can act to build a trauma informed, co-produced culture." in text
    )
    # Each names the other as a version made beside it, by the label the format declares.
    assert text[-1] == "Also available: Full text web page (appendix-a-html.html)"
    page = (folder / "appendix-a-html.html").read_text()
    assert 'href="appendix-a-plain-text.txt"' in page and ">Plain text<" in page


def test_charter_pack_keys_and_rebuilds_a_registered_format(plain_text: Path) -> None:
    first = run_charter(["pack", "content/packs/plain.yml", "--jobs", "1"], plain_text)
    assert first.exit_code == 0, first.output
    folder = plain_text / "output" / "plain" / "partnership"
    assert (folder / "appendix-a-plain-text.txt").read_text().startswith("A trauma informed")
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tools"]["plain-text-tool"] == TOOL_VERSION  # its declared tools key its files
    (entry,) = manifest["files"]
    assert entry["format"] == "plain-text" and "templates/plain-text.txt.j2" in entry["inputs"]
    assert not any(name.endswith(".pdf") for name in (p.name for p in folder.iterdir()))  # not combined
    again = run_charter(["pack", "content/packs/plain.yml", "--jobs", "1"], plain_text)
    assert "appendix-a-plain-text.txt" in again.output and "unchanged" in again.output
    template = plain_text / "templates" / "plain-text.txt.j2"
    template.write_text(TEMPLATE.replace("From ", "Made by "))
    edited = run_charter(["pack", "content/packs/plain.yml", "--jobs", "1"], plain_text)
    assert edited.exit_code == 0 and "built" in edited.output
    assert (folder / "appendix-a-plain-text.txt").read_text().splitlines()[1].startswith("Made by ")
