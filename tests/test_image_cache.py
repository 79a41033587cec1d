"""Images are cached by content in a long-lived process: an edited logo is read again, and the
entry for its old content is dropped (generator.render.ContentKeyedImages)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from conftest import run_charter

from generator.render import ContentKeyedImages


def test_an_edited_file_is_a_new_entry_and_its_old_content_is_dropped(tmp_path: Path) -> None:
    logo = tmp_path / "logo.svg"
    logo.write_text("<svg>old</svg>")
    url, cache = logo.as_uri(), ContentKeyedImages()
    cache[url] = "old image"
    assert url in cache and cache[url] == "old image"
    logo.write_text("<svg>new</svg>")
    assert url not in cache
    cache[url] = "new image"
    assert cache[url] == "new image" and len(cache) == 1
    logo.write_text("<svg>old</svg>")
    assert url not in cache  # the old content's entry went when the new one came


def test_other_keys_are_kept_as_they_are(tmp_path: Path) -> None:
    cache = ContentKeyedImages()
    cache["data:image/png;base64,AAAA"] = 1
    cache["image-id-7"] = 2
    missing = (tmp_path / "gone.png").as_uri()
    cache[missing] = 3
    assert cache["data:image/png;base64,AAAA"] == 1 and cache["image-id-7"] == 2 and cache[missing] == 3


@pytest.mark.slow
def test_a_logo_edited_between_builds_in_one_process_is_drawn_as_it_is_now(project_copy: Path) -> None:
    logo = project_copy / "content" / "brands" / "partnership" / "wordmark.svg"
    args = ["build", "--brand", "partnership", "--format", "handout", "--quiet", "--out", "out"]
    assert run_charter(args, project_copy).exit_code == 0
    pdf = project_copy / "out" / "partnership" / "appendix-a-handout.pdf"
    assert not _draws_green(pdf)
    logo.write_text(logo.read_text().replace('fill="#e76f51"', 'fill="#00ff00"'))
    result = run_charter(args, project_copy)
    assert result.exit_code == 0, result.output
    assert _draws_green(pdf)


def _draws_green(pdf: Path) -> bool:
    """Whether any content stream (pages and the pictures they draw) sets pure green."""
    with pikepdf.open(pdf) as document:
        streams = [obj for obj in document.objects if isinstance(obj, pikepdf.Stream)]
        for stream in streams:
            try:
                data = stream.read_bytes()
            except pikepdf.PdfError:
                continue
            if b"0 1 0 rg" in data:
                return True
    return False
