"""A translation this project's own work was not written against: the gallery's peer-support
(a table, footnotes, nested lists, a quote, a picture in its text) in Arabic
(tests/gallery/translations/), built as a handout in a serif brand with a tall logo, --strict.
It found an Arabic handout with a picture in its text failing in WeasyPrint (engine.
place_sized_pictures). One build, about 1.5 s of CPU."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_charter
from pdfcheck import check_accessible
from pdftree import read_tree

GALLERY = Path(__file__).parent / "gallery"
BRAND = "mere-trust"  # DejaVu Serif, a 150x720 logo


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("gallery-translation")
    charter = folder / "content" / "charter"
    charter.mkdir(parents=True)
    shutil.copy(GALLERY / "documents" / "peer-support.md", charter)
    for accepted in ("peer-support.ar.md", "peer-support.ar.translation.yml"):
        shutil.copy(GALLERY / "translations" / accepted, charter)
    shutil.copytree(GALLERY / "brands" / BRAND, folder / "content" / "brands" / BRAND)
    args = ["build", "--quiet", "--strict", "--language", "ar", "--format", "handout", "--brand", BRAND]
    result = run_charter(args, folder)
    assert result.exit_code == 0, result.output
    return folder / "output" / BRAND / "peer-support.ar-handout.pdf"


@pytest.mark.slow
def test_an_unseen_arabic_translation_builds_as_an_accessible_right_to_left_handout(handout: Path) -> None:
    assert check_accessible(handout) == []
    tree = read_tree(handout)
    nodes = tree.walk()
    assert len([n for n in nodes if n.s == "/TH"]) == 2  # one header row, though it runs over a page
    assert any(n.lang == "en" and n.all_text() == "ChurchStreet" for n in nodes)  # [..]{lang=en}
    assert len([n for n in nodes if n.s == "/Note"]) == 2
    figure = next(n for n in nodes if n.s == "/Figure" and n.alt and n.alt.startswith("شخصان"))
    with pdfplumber.open(handout) as pdf:  # the picture starts its right-to-left line: on the right
        page = pdf.pages[min(figure.pages)]
        drawn = [c for c in page.curves if c["height"] > 5]
        assert drawn and min(c["x0"] for c in drawn) > page.width / 2
