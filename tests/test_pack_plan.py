"""Pack planning in full (generator.pack.plan; mutation testing, docs/testing.md): each task's
items, path, record and key, exactly; which inputs key a full-text and an easy-read file; the
warning and error when easy reads are missing; brands without PDFs."""

from __future__ import annotations

import logging
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from generator.cache import InputHasher, key_of, tool_versions
from generator.errors import CharterError
from generator.pack import load_pack, plan_pack
from generator.pack.plan import OPTIONS, Task
from generator.project import Project

PACK = """\
title: Plan pack
event:
  name: Planning day
  date: 2025-10-01
brands: [partnership, riverside-council]
documents: [appendix-a, appendix-z]
formats:
  handout: A5
  easy-read:
  html:
"""


@pytest.fixture
def project(project_copy: Path) -> Project:
    """The built-in content and a second document, appendix-z, without an easy-read version."""
    charter = project_copy / "content" / "charter"
    text = (charter / "appendix-a.md").read_text().replace("id: appendix-a", "id: appendix-z", 1)
    (charter / "appendix-z.md").write_text(text)
    return Project.discover(project_copy)


def plan(project: Project, text: str, out: Path) -> list[Task]:
    path = project.packs_dir / "plan.yml"
    path.write_text(text, encoding="utf-8")
    return plan_pack(project, load_pack(path, project), out, InputHasher(project))


def test_every_task_its_items_path_record_and_key(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out = tmp_path / "out"
    with caplog.at_level(logging.WARNING, logger="charter"):
        tasks = plan(project, PACK, out)
    assert caplog.messages == [
        "appendix-z has no easy-read version (appendix-z.easy-read.md); "
        "the pack leaves out its easy-read formats."
    ]
    assert [t.label for t in tasks] == [
        *(
            f"{slug}/{name}"
            for slug in ("partnership", "riverside-council")
            for name in (
                "appendix-a-handout.pdf",
                "appendix-a-easy-read.pdf",
                "appendix-a-html.html",
                "appendix-z-handout.pdf",
                "appendix-z-html.html",
                f"plan-{slug}.pdf",
            )
        )
    ]
    handout, easy, html = tasks[:3]
    assert not handout.combined and handout.items[0].fmt == "handout" and len(handout.items) == 1
    assert handout.path == out / "plan" / "partnership" / "appendix-a-handout.pdf"
    hasher = InputHasher(project)
    templates, brand = hasher.templates, hasher.brand(project.brands_dir / "partnership" / "_brand.yml")
    text_inputs = {**templates, **brand, **hasher.document("appendix-a", easy_read=False)}
    assert handout.record == {
        "path": "appendix-a-handout.pdf",
        "document": "appendix-a",
        "format": "handout",
        "paper": "A5",
        "landscape": False,
        "print_marks": False,
        "key": handout.key,
        "inputs": text_inputs,
    }
    # The key is the digest of exactly this: tools, inputs, options and build options.
    options = {k: handout.record[k] for k in ("document", "format", "paper", "landscape", "print_marks")}
    build = asdict(OPTIONS)
    assert handout.key == key_of(
        {"tools": tool_versions(), "inputs": text_inputs, "options": options, "build": build}
    )
    # A full-text file reads of the easy read only that it is there; an easy-read file reads it whole.
    assert handout.record["inputs"]["content/charter/appendix-a.easy-read.md"] == "present"
    easy_digest = easy.record["inputs"]["content/charter/appendix-a.easy-read.md"]
    assert len(easy_digest) == 64 and easy.record["inputs"] == {
        **templates,
        **brand,
        **hasher.document("appendix-a"),
    }
    # A web page names the files beside it (not itself), so they key it.
    assert html.record["beside"] == [
        "appendix-a-handout.pdf (A5)",
        "appendix-a-easy-read.pdf (A4)",
    ]
    assert html.key == key_of(
        {
            "tools": tool_versions(),
            "inputs": text_inputs,
            "options": {**{k: html.record[k] for k in options}, "beside": html.record["beside"]},
            "build": build,
        }
    )
    assert "beside" not in handout.record  # a PDF names no other file
    combined = tasks[5]
    assert combined.combined and combined.path == out / "plan" / "partnership" / "plan-partnership.pdf"
    assert [(i.doc_id, i.fmt, i.page.text) for i in combined.items] == [
        ("appendix-a", "handout", "A4"),  # on the pack's paper
        ("appendix-a", "easy-read", "A4"),
        ("appendix-z", "handout", "A4"),
    ]
    details = {
        "title": "Plan pack",
        "event": {"name": "Planning day", "date": "2025-10-01", "venue": None, "facilitator": None},
        "documents": ["appendix-a (handout, A4)", "appendix-a (easy-read, A4)", "appendix-z (handout, A4)"],
    }
    all_inputs = dict(
        sorted(
            {**templates, **brand, **hasher.document("appendix-a"), **hasher.document("appendix-z")}.items()
        )
    )
    assert combined.record == {
        "path": "plan-partnership.pdf",
        **details,
        "key": combined.key,
        "inputs": all_inputs,
    }
    assert combined.key == key_of(
        {
            "tools": tool_versions(),
            "inputs": all_inputs,
            "pack": details,
            "brand": "partnership",
            "build": build,
        }
    )


def test_no_warning_when_no_easy_read_format_is_asked_for(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="charter"):
        tasks = plan(project, PACK.replace("  easy-read:\n", ""), tmp_path)
    assert caplog.messages == [] and len(tasks) == 10


def test_brands_without_pdfs_each_get_their_files_and_no_combined_pdf(
    project: Project, tmp_path: Path
) -> None:
    tasks = plan(project, PACK.replace("  handout: A5\n  easy-read:\n", ""), tmp_path)
    assert [t.label for t in tasks] == [
        "partnership/appendix-a-html.html",
        "partnership/appendix-z-html.html",
        "riverside-council/appendix-a-html.html",
        "riverside-council/appendix-z-html.html",
    ]
    assert not any(t.combined for t in tasks)


def test_a_pack_of_easy_reads_for_documents_without_them_has_nothing_to_build(
    project: Project, tmp_path: Path
) -> None:
    shutil.move(project.charter_dir / "appendix-a.easy-read.md", tmp_path / "kept.md")
    with pytest.raises(CharterError) as error:
        plan(project, PACK.replace("  handout: A5\n", "").replace("  html:\n", ""), tmp_path)
    assert error.value.detail == "the pack has nothing to build: no document has the formats it asks for."
    assert error.value.path == project.packs_dir / "plan.yml"


def test_a_translation_is_planned_beside_its_document_with_its_own_files(
    project: Project, tmp_path: Path
) -> None:
    from generator.filenames import translation_path

    source = project.charter_dir / "appendix-a.md"
    welsh = translation_path(source, "cy")  # shipped: its easy read is taken away
    translation_path(source, "cy", easy_read=True).unlink()
    text = PACK.replace("documents: [appendix-a, appendix-z]", "documents: [appendix-a]")
    tasks = plan(project, text + "languages: [en, cy]\n", tmp_path)
    labels = [t.label for t in tasks if t.slug == "partnership"]
    assert labels == [
        "partnership/appendix-a-handout.pdf",
        "partnership/appendix-a-easy-read.pdf",
        "partnership/appendix-a-html.html",
        "partnership/appendix-a.cy-handout.pdf",  # no Welsh easy read: none planned
        "partnership/appendix-a.cy-html.html",
        "partnership/plan-partnership.pdf",
    ]
    handout, cy_handout, cy_html = tasks[0], tasks[3], tasks[4]
    assert "language" not in handout.record and cy_handout.record["language"] == "cy"
    assert cy_handout.items[0].language == "cy"
    hasher = InputHasher(project)
    welsh_name = f"content/charter/{welsh.name}"
    assert welsh_name in cy_handout.record["inputs"] and welsh_name not in handout.record["inputs"]
    assert cy_handout.record["inputs"] == {
        **hasher.templates,
        **hasher.brand(project.brands_dir / "partnership" / "_brand.yml"),
        **hasher.document("appendix-a", easy_read=False, language="cy"),
    }
    assert cy_html.record["beside"] == ["appendix-a.cy-handout.pdf (A5)"]
    assert welsh_name in tasks[5].record["inputs"]  # the combined PDF holds the Welsh handout
    assert tasks[5].record["documents"] == [
        "appendix-a (handout, A4)",
        "appendix-a (easy-read, A4)",
        "appendix-a.cy (handout, A4)",
    ]
