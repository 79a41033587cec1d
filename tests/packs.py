"""The small workshop pack the pack tests share: its manifest, how it is built, and the summary
table read back."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import run_charter

from generator.project import builtin_dir

SMALL_PACK = """\
title: Small pack
event:
  name: Test workshop
  date: 2025-05-06
brands: [partnership, ../brands/riverside-council/_brand.yml]  # a slug, and a path from here
documents: [appendix-a]
formats:
  handout: A5
"""
_ROW = re.compile(r"^(\S+/\S+\.(?:pdf|html|brf))\s.*\s(built|unchanged|failed)$")


def statuses(output: str) -> dict[str, str]:
    """Item -> status, from the summary table."""
    return {m.group(1): m.group(2) for m in map(_ROW.match, output.splitlines()) if m}


def build_small(folder: Path) -> Path:
    """``folder`` made a project with the small pack (2 brands x 1 document x 1 format), built."""
    shutil.copytree(builtin_dir("content"), folder / "content")
    (folder / "content" / "packs" / "small.yml").write_text(SMALL_PACK)
    result = run_charter(["pack", "content/packs/small.yml", "--jobs", "2"], folder)
    assert result.exit_code == 0, result.output
    assert set(statuses(result.output).values()) == {"built"}
    return folder
