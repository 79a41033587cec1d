"""Pack manifests and pack planning, without rendering: what a manifest may say, how each mistake
is reported, and which tasks (with which keys) a pack plans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cache import InputHasher
from generator.errors import CharterError
from generator.formats import FORMATS
from generator.pack import Event, available_packs, find_pack, load_pack, plan_pack
from generator.project import Project, builtin_dir

GOOD = """\
title: Autumn pack
event:
  name: Autumn workshop
  date: 2025-10-01
  venue: Hall
brands: [partnership, ../brands/riverside-council/_brand.yml]
documents: [appendix-a]
formats:
  handout: a5
  poster: A2 landscape
"""


@pytest.fixture
def project(project_copy: Path) -> Project:
    return Project.discover(project_copy)


def manifest(project: Project, text: str) -> Path:
    path = project.packs_dir / "test.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_manifest_is_read_into_brands_documents_and_papers(project: Project) -> None:
    pack = load_pack(manifest(project, GOOD), project)
    assert (pack.name, pack.title, pack.documents) == ("test", "Autumn pack", ("appendix-a",))
    assert [b.slug for b in pack.brands] == ["partnership", "riverside-council"]
    assert pack.brands[1].path == project.brands_dir / "riverside-council" / "_brand.yml"
    assert [(f.fmt, f.page.text) for f in pack.formats] == [("handout", "A5"), ("poster", "A2 landscape")]
    assert pack.event == Event("Autumn workshop", "2025-10-01", "Hall")
    assert pack.event.date_text == "Wednesday 1 October 2025"


def test_all_brands_all_documents_and_every_format_by_default(project: Project) -> None:
    pack = load_pack(manifest(project, "title: T\nbrands: all\n"), project)
    assert [b.slug for b in pack.brands] == ["oakfield-university", "partnership", "riverside-council"]
    assert [(f.fmt, f.page.text) for f in pack.formats] == [
        (f.name, f.default_paper) for f in FORMATS.values()
    ]
    assert ("handout", "A4") in [(f.fmt, f.page.text) for f in pack.formats]
    assert Event().date_text is None


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- a list\n", None, "a pack manifest is a mapping"),
        ("brands: all\n", None, "the manifest needs a 'title:'"),
        ("title: [1, 2]\nbrands: all\n", 1, "'title' must be text"),
        ("title: T\n", None, "the manifest needs 'brands:'"),
        ("title: T\nbrands: []\n", 2, "'brands' must be 'all' or a list"),
        ("title: T\nbrands:\n  - partnership\n  - {a: 1}\n", 4, "each entry of 'brands' must be a name"),
        ("title: T\nbrands: [partnership, ../brands/partnership/_brand.yml]\n", 2, "share the output folder"),
        ("title: T\nbrands: [missing/_brand.yml]\n", 2, "brand file not found"),
        ("title: T\nevent: a party\nbrands: all\n", 2, "'event' must be a mapping"),
        (
            "title: T\nevent:\n  time: 9am\nbrands: all\n",
            3,
            "unknown event detail `time`: valid event details: name, date",
        ),
        ("title: T\nevent:\n  date: 2025-02-30\nbrands: all\n", 3, "must be a real date"),
        ("title: T\nbrands: all\ndocuments: [appendix-z]\n", 3, "unknown document 'appendix-z'"),
        ("title: T\nbrands: all\nformats: handout\n", 3, "'formats' must map each format to its paper"),
        ("title: T\nbrands: all\nformats:\n  poster: A3 sideways\n", 4, "'A3 sideways' is not a paper"),
    ],
)
def test_each_manifest_mistake_names_its_line(
    project: Project, text: str, line: int | None, message: str
) -> None:
    path = manifest(project, text)
    with pytest.raises(CharterError) as caught:
        load_pack(path, project)
    assert message in caught.value.detail
    assert (caught.value.path, caught.value.line) == (path, line)


def test_brands_all_means_the_projects_own_else_the_built_in_examples(tmp_path: Path) -> None:
    (tmp_path / "content" / "packs").mkdir(parents=True)
    (tmp_path / "content" / "charter").mkdir()
    (tmp_path / "content" / "brands").mkdir()
    shutil.copy(builtin_dir("content") / "charter" / "appendix-a.md", tmp_path / "content" / "charter")
    empty = Project.discover(tmp_path)
    pack = load_pack(manifest(empty, "title: T\nbrands: all\ndocuments: all\n"), empty)
    assert [ref.slug for ref in pack.brands] == ["oakfield-university", "partnership", "riverside-council"]
    own = tmp_path / "content" / "brands" / "acme"
    own.mkdir()
    (own / "_brand.yml").write_text("meta:\n  name: Acme Care\n")
    pack = load_pack(manifest(empty, "title: T\nbrands: all\ndocuments: all\n"), empty)
    assert [ref.slug for ref in pack.brands] == ["acme"]


def test_packs_are_found_by_name_or_path(project: Project) -> None:
    path = manifest(project, GOOD)
    assert available_packs(project) == ["test", "workshop"]
    assert find_pack("test", project) == path
    assert find_pack(str(path), project) == path
    with pytest.raises(CharterError, match=r"Give the path to a \.yml file, or one of: test, workshop"):
        find_pack("tset", project)


def test_the_plan_has_each_item_then_the_combined_pdf_per_brand(project: Project, tmp_path: Path) -> None:
    pack = load_pack(manifest(project, GOOD), project)
    tasks = plan_pack(project, pack, tmp_path / "out", InputHasher(project))
    assert [t.label for t in tasks] == [
        "partnership/appendix-a-handout.pdf",
        "partnership/appendix-a-poster.pdf",
        "partnership/test-partnership.pdf",
        "riverside-council/appendix-a-handout.pdf",
        "riverside-council/appendix-a-poster.pdf",
        "riverside-council/test-riverside-council.pdf",
    ]
    combined = tasks[2]
    assert combined.combined and combined.weight == 2
    # The combined PDF prints on one paper: every item on A4, in its own orientation.
    assert [(i.fmt, i.page.text) for i in combined.items] == [("handout", "A4"), ("poster", "A4 landscape")]
    assert combined.record["documents"] == ["appendix-a (handout, A4)", "appendix-a (poster, A4 landscape)"]
    assert tasks[0].record["paper"] == "A5" and tasks[1].record["landscape"] is True
    assert len({t.key for t in tasks}) == len(tasks)


def test_a_key_changes_with_the_inputs_that_shape_it_and_no_others(project: Project, tmp_path: Path) -> None:
    pack = load_pack(manifest(project, GOOD), project)

    def keys() -> dict[str, str]:
        return {t.label: t.key for t in plan_pack(project, pack, tmp_path, InputHasher(project))}

    before = keys()
    assert keys() == before  # the same inputs, the same keys
    brand = project.brands_dir / "riverside-council" / "_brand.yml"
    brand.write_text(brand.read_text() + "\n# changed\n")
    after = keys()
    changed = {label for label in before if before[label] != after[label]}
    assert changed == {label for label in before if label.startswith("riverside-council/")}


def test_easy_read_formats_are_left_out_for_documents_without_one(
    project: Project, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (project.charter_dir / "appendix-a.easy-read.md").unlink()
    pack = load_pack(manifest(project, "title: T\nbrands: [partnership]\nformats: [easy-read]\n"), project)
    with pytest.raises(CharterError, match="the pack has nothing to build"):
        plan_pack(project, pack, tmp_path, InputHasher(project))
    assert "appendix-a has no easy-read version" in caplog.text


def test_every_key_changes_with_a_tool_version(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.pack.plan as plan

    pack = load_pack(manifest(project, GOOD), project)
    before = {t.label: t.key for t in plan_pack(project, pack, tmp_path, InputHasher(project))}
    versions = {**plan.tool_versions(), "weasyprint": "70.9"}
    monkeypatch.setattr(plan, "tool_versions", lambda: versions)
    after = {t.label: t.key for t in plan_pack(project, pack, tmp_path, InputHasher(project))}
    assert all(before[label] != after[label] for label in before)
