"""Reading content without rendering: front matter, charter documents, easy-read parsing and the
easy read rules that `charter check` applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import check_easy_read, check_files, easy_read_files, readability, syllables
from generator.content import document_paths, find_document, load_document
from generator.easyread import load_easy_read, split_sentences
from generator.errors import CharterError
from generator.filenames import easy_read_path
from generator.project import Project, builtin_dir
from generator.yamlfile import load_yaml, split_front_matter

DOC = """\
---
id: leaflet
title: A leaflet
summary: What it is about.
appendix: B
charter: The charter
credit: The partnership
key_points:
  - First point
  - Second point
---

# Part one

Some *text* with <b>raw html</b> and {{ template }} syntax.

## Part two

More text, and a [link](https://example.org/page).
"""

EASY = """\
---
id: leaflet
title: Easy leaflet
key_points:
  - picture: handshake
    alt: 2 hands shaking
    text: We work together.
glossary:
  charter: A charter is a list of promises.
---

## About this

- ![2 hands shaking](openmoji:handshake)
  We work together. This is our charter.
  It is a list of things we promise
  to do for you.

- ![A plaster](1FA79)
  We listen to you.
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(path: Path, loader=load_document) -> CharterError:
    with pytest.raises(CharterError) as caught:
        loader(path)
    return caught.value


# --- Front matter -----------------------------------------------------------------------------


def test_front_matter_gives_data_body_and_the_line_the_body_starts_on(tmp_path: Path) -> None:
    meta, body, line = split_front_matter(
        write(tmp_path, "a.md", "---\ntitle: T\ndate: 2025-01-02\n---\nBody\n")
    )
    assert meta.data == {"title": "T", "date": "2025-01-02"}  # dates stay text
    assert meta.line("date") == 3
    assert body == "Body\n" and line == 5


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("no front matter\n", 1, "must start with YAML front matter"),
        ("---\ntitle: T\n", 1, "front matter is not closed"),
        ("---\n- a list\n---\n", 2, "must be a mapping"),
        ("---\ntitle: T\ntitle: U\n---\n", 3, "'title' is given twice (first on line 2)"),
        ("---\ntitle: [unclosed\n---\n", 2, "YAML error"),
    ],
)
def test_front_matter_mistakes_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    error = refused(write(tmp_path, "a.md", text), split_front_matter)
    assert error.line == line and message in error.detail


def test_a_file_that_is_not_utf8_or_not_there_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "latin.md"
    bad.write_bytes("---\ntitle: caf\xe9\n---\n".encode("latin-1"))
    assert "is not UTF-8 text" in refused(bad, split_front_matter).detail
    assert refused(tmp_path / "missing.md", split_front_matter).detail == "file not found."


def test_yaml_with_lines_knows_the_line_of_every_key(tmp_path: Path) -> None:
    loaded = load_yaml(write(tmp_path, "p.yml", "title: T\nformats:\n  handout: A5\nbrands:\n  - a\n  - b\n"))
    assert loaded.data == {"title": "T", "formats": {"handout": "A5"}, "brands": ["a", "b"]}
    assert loaded.line("title") == 1 and loaded.line("formats", "handout") == 3
    assert loaded.line("brands", 1) == 6 and loaded.line("brands", 1, "missing") == 6


# --- Charter documents ------------------------------------------------------------------------


def test_a_document_is_read_into_its_fields(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path, "leaflet.md", DOC))
    assert (doc.id, doc.title, doc.language, doc.heading) == ("leaflet", "A leaflet", "en-GB", "Appendix B")
    assert doc.key_points == ("First point", "Second point")
    # Headings nest under the title (h1): the first level used becomes h2, the next h3.
    assert "<h2>Part one</h2>" in doc.body_html and "<h3>Part two</h3>" in doc.body_html
    # Raw HTML and template syntax stay text.
    assert "&lt;b&gt;raw html&lt;/b&gt;" in doc.body_html and "{{ template }}" in doc.body_html
    # A link whose words are not its address carries the address, for print to spell out.
    assert '<a href="https://example.org/page" data-address="example.org/page">link</a>' in doc.body_html


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("id: leaflet", "id: other", "does not match the file name"),
        ("id: leaflet", "id: Bad_Id", "must be lower case letters"),
        ("title: A leaflet\n", "", "'title:' is missing or empty"),
        ("summary: What it is about.", "summary: [a, list]", "'summary' must be text"),
        ("credit: The partnership", "date: 2025/01/02", "is not a real date. Write it YYYY-MM-DD"),
        ("credit: The partnership", "url: ftp://example.org", "is not a web link"),
        ("  - First point\n", "  - 3\n", "each key point must be a short statement"),
        ("[link](https://example.org/page)", "[link](page.html)", "must be a full web address"),
        ("More text", "![](picture.png) More text", "has no alt text"),
        ("More text", "![a cat](https://example.org/cat.png) More text", "remote"),
    ],
)
def test_document_mistakes_are_refused_with_a_message(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in DOC
    error = refused(write(tmp_path, "leaflet.md", DOC.replace(old, new, 1)))
    assert message in error.detail and error.path == tmp_path / "leaflet.md"


def test_documents_are_found_by_id_and_their_easy_read_beside_them() -> None:
    project = Project.discover(builtin_dir("content").parent)
    paths = document_paths(project)
    assert "appendix-a" in paths and not any(name.endswith(".easy-read") for name in paths)
    assert easy_read_path(paths["appendix-a"]).name == "appendix-a.easy-read.md"
    with pytest.raises(CharterError, match=r"unknown document 'nope'\. Valid documents: appendix-a"):
        find_document("nope", project)


# --- Easy-read parsing ------------------------------------------------------------------------


def test_easy_read_points_sentences_and_their_lines(tmp_path: Path) -> None:
    doc = load_easy_read(write(tmp_path, "leaflet.easy-read.md", EASY))
    (part,) = doc.parts
    assert part.heading == "About this" and len(part.points) == 2
    first, second = part.points
    assert first.picture is not None and first.picture.name.startswith("1F91D")  # handshake
    assert first.alt == "2 hands shaking" and second.picture is not None
    # Two sentences on one line, and one sentence over two lines keeping its first line.
    assert [(s.text, s.line) for s in first.sentences] == [
        ("We work together.", 15),
        ("This is our charter.", 15),
        ("It is a list of things we promise to do for you.", 16),
    ]
    assert [k.text for k in doc.key_points] == ["We work together."]
    assert doc.glossary[0].term == "charter" and doc.glossary[0].line == 9


def test_glossary_words_are_bold_only_at_first_use(tmp_path: Path) -> None:
    text = EASY.replace("We listen to you.", "Our charter is for you.")
    doc = load_easy_read(write(tmp_path, "leaflet.easy-read.md", text))
    marked = doc.marked_sentences()
    assert marked[(0, 1)] == "This is our <strong>charter</strong>."
    assert marked[(1, 0)] == "Our charter is for you."


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("## About this\n", "", "put a '## heading' before the first point"),
        ("  We listen to you.", "", "has a picture but no words"),
        ("![A plaster](1FA79)", "![A plaster](1FA79) ![2](handshake)", "a point has one picture"),
        ("![A plaster](1FA79)", "![](1FA79)", "has no alt text"),
        ("![A plaster](1FA79)", "![A plaster](no-such-pictogram)", "no-such-pictogram"),
        ("    alt: 2 hands shaking\n", "", "needs 'alt:' text"),
        ("  charter: A charter is a list of promises.", "  charter: ''", "needs an explanation"),
        (
            "\n- ![A plaster](1FA79)",
            "\nSome loose paragraph.\n\n- ![A plaster](1FA79)",
            "must be '## headings'",
        ),
    ],
)
def test_easy_read_mistakes_are_refused(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in EASY
    error = refused(write(tmp_path, "leaflet.easy-read.md", EASY.replace(old, new, 1)), load_easy_read)
    assert message in error.detail


def test_an_empty_easy_read_file_and_one_with_no_points_are_refused(tmp_path: Path) -> None:
    assert "is empty" in refused(write(tmp_path, "a.easy-read.md", "\n"), load_easy_read).detail
    no_points = EASY.split("## About")[0] + "## Only a heading\n"
    assert "no points" in refused(write(tmp_path, "b.easy-read.md", no_points), load_easy_read).detail


def test_sentences_split_after_full_stops_question_and_exclamation_marks() -> None:
    assert split_sentences("Hello there. Is it you? Yes!  ") == ["Hello there.", "Is it you?", "Yes!"]


# --- The easy read rules (charter check) ------------------------------------------------------


def findings(tmp_path: Path, old: str, new: str) -> dict[str, list[str]]:
    """Rule -> messages, for the easy-read example with one change."""
    assert old in EASY
    doc = load_easy_read(write(tmp_path, "leaflet.easy-read.md", EASY.replace(old, new, 1)))
    found, _ = check_easy_read(doc, "leaflet.easy-read.md")
    rules: dict[str, list[str]] = {}
    for finding in found:
        rules.setdefault(finding.rule, []).append(finding.message)
    return rules


def test_the_example_breaks_no_rule(tmp_path: Path) -> None:
    assert findings(tmp_path, "We listen", "We listen") == {}


@pytest.mark.parametrize(
    ("old", "new", "rule", "fragment"),
    [
        (
            "We listen to you.",
            "We listen to you and we write down everything you tell us about your whole life.",
            "sentence-length",
            "16 words (at most 15)",
        ),
        ("We listen to you.", "We listen to the NHS.", "acronym", "'NHS' is in capitals"),
        ("We listen to you.", "We think about safeguarding.", "hard-word", "'safeguarding' is a hard word"),
        ("We listen to you.", "You are helped by us.", "passive", "'are helped' may be passive"),
        ("We listen to you.", "We meet three times.", "numbers", "write 'three' as digits"),
        ("![A plaster](1FA79)\n", "\n", "picture", "this point has no picture"),
        (
            "We listen to you.",
            "We listen. We sit. We talk. We nod. We smile. We go.",
            "point-length",
            "6 sentences in one point",
        ),
        (
            "We listen to you.",
            "Notwithstanding considerable organisational complexity, practitioners collaborate.",
            "readability",
            "Flesch reading ease",
        ),
    ],
)
def test_each_rule_names_what_to_change(tmp_path: Path, old: str, new: str, rule: str, fragment: str) -> None:
    rules = findings(tmp_path, old, new)
    assert rule in rules, rules
    assert any(fragment in message for message in rules[rule]), rules[rule]


def test_a_hard_word_or_acronym_in_the_glossary_is_explained(tmp_path: Path) -> None:
    text = EASY.replace("We listen to you.", "We think about safeguarding with the NHS.")
    text = text.replace(
        "glossary:\n", "glossary:\n  safeguarding: Keeping people safe.\n  NHS: The health service.\n"
    )
    doc = load_easy_read(write(tmp_path, "leaflet.easy-read.md", text))
    assert {f.rule for f in check_easy_read(doc, "x")[0]} == set()


def test_predicative_adjectives_are_not_passive(tmp_path: Path) -> None:
    assert "passive" not in findings(tmp_path, "We listen to you.", "You are tired.")


def test_readability_counts_sentences_words_and_syllables() -> None:
    figures = readability(["The cat sat.", "It is happy."])
    assert (figures.sentences, figures.words) == (2, 6)
    assert syllables("cat") == 1 and syllables("co-production") == 4
    assert figures.words_per_sentence == 3 and figures.reading_ease > 90


def test_check_files_reports_a_file_that_cannot_be_read_and_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path, "a.easy-read.md", EASY)
    bad = write(tmp_path, "b.easy-read.md", EASY.replace("![A plaster](1FA79)", "![](1FA79)"))
    assert easy_read_files([], tmp_path) == [good, bad]
    reports = check_files([good, bad])
    assert [r.failed for r in reports] == [False, True]
    assert reports[1].findings[0].rule == "invalid" and reports[1].figures is None
    assert reports[1].as_dict()["findings"][0]["line"] == 19
    assert reports[0].lines()[-1].endswith("0 finding(s)")


def test_languages_answered_without_langcodes_are_valid_to_it() -> None:
    import langcodes

    from generator.languages import KNOWN_LANGUAGES

    assert [tag for tag in sorted(KNOWN_LANGUAGES) if "_" in tag or not langcodes.tag_is_valid(tag)] == []


def test_built_in_brands_stay_beside_a_projects_own_and_list_says_where_each_is(tmp_path: Path) -> None:
    """#19 item 9: a project's content/brands adds to the built-in examples; its own brand wins on
    a name both have, and is the default; `charter list` says where each brand comes from."""
    from conftest import run_charter

    from generator.brand import brand_path, default_brand

    brands = tmp_path / "content" / "brands"
    for slug, name in (("acme", "Acme Care"), ("riverside-council", "Our Riverside")):
        (brands / slug).mkdir(parents=True)
        (brands / slug / "_brand.yml").write_text(f"meta:\n  name: {name}\n")
    project = Project.discover(tmp_path)
    assert brand_path("riverside-council", project) == brands / "riverside-council" / "_brand.yml"
    assert brand_path("partnership", project).parent.parent == builtin_dir("content") / "brands"
    assert default_brand(project) == "acme"  # the project's own, not the examples' default
    listing = run_charter(["list"], tmp_path).output.splitlines()
    shown = listing[listing.index("Brands:") + 1 : listing.index("Formats:")]
    assert shown == [
        "  acme (default): this project's, content/brands/acme",
        "  oakfield-university: built-in example",
        "  partnership: built-in example",
        "  riverside-council: this project's, content/brands/riverside-council",
    ]


def test_a_project_with_no_document_says_so_and_builds_nothing(tmp_path: Path) -> None:
    """A project of brands only (no content/charter/*.md) is told there is nothing to build, exit
    1, instead of exiting 0 having written nothing; with one document it builds past that line."""
    from conftest import run_charter

    brand = tmp_path / "content" / "brands" / "acme"
    brand.mkdir(parents=True)
    (brand / "_brand.yml").write_text("meta:\n  name: Acme Care\n")
    result = run_charter(["build", "--format", "braille", "--quiet"], tmp_path)
    assert result.exit_code == 1
    assert "content/charter: nothing to build: this project has no document." in result.output
    assert not (tmp_path / "output").exists()
    (tmp_path / "content" / "charter").mkdir()
    (tmp_path / "content" / "charter" / "notes.md").write_text("---\nid: notes\n---\n")
    result = run_charter(["build", "--format", "braille", "--quiet"], tmp_path)
    assert "nothing to build" not in result.output
