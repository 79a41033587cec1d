"""Packs fail safe: any format may come first, interruptions leave a consistent folder, workers
never outlive the parent, a full disk is one line, and the summary counts only what was written.

The interruption tests send real signals to a real ``charter pack`` process.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from conftest import run_charter
from test_pack import statuses

from generator.formats import FORMATS

REPO = Path(__file__).resolve().parent.parent

ONE_FORMAT = """\
title: One format
event:
  name: Test workshop
brands: [riverside-council]
documents: [appendix-a]
formats:
  {fmt}:
"""


@pytest.mark.slow
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_pack_may_start_with_any_format(project_copy: Path, fmt: str) -> None:
    (project_copy / "content" / "packs" / "one.yml").write_text(ONE_FORMAT.format(fmt=fmt))
    result = run_charter(["pack", "one", "--jobs", "1"], project_copy)
    assert result.exit_code == 0, result.output
    assert set(statuses(result.output).values()) == {"built"}
    combined = project_copy / "output" / "one" / "riverside-council" / "one-riverside-council.pdf"
    with pdfplumber.open(combined) as pdf:
        cover = pdf.pages[0].extract_text()
    assert "Workshop pack · Co-production Charter" in cover
    assert "The charter is by the Social Work Teaching Partnership West Midlands." in " ".join(cover.split())
