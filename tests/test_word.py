"""The Word document, read back with python-docx and its XML: styles, lists, tables, pictures'
alt text, the language of every run, the brand in the styles."""

from __future__ import annotations

from pathlib import Path

import pytest
from bookcheck import alt_texts, check_word, languages
from brands import SHIPPED
from conftest import run_charter
from docx.oxml.ns import qn

from generator.brand import load_brand, resolve_brand
from generator.project import Project, builtin_dir
from generator.word import WordWriter


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("word")
    args = ["build", "--quiet", "--format", "docx", "--format", "epub"]
    for brand in SHIPPED:
        args += ["--brand", brand]
    result = run_charter(args, folder)
    assert result.exit_code == 0, result.output
    return folder / "output"


@pytest.mark.slow
@pytest.mark.parametrize("slug", SHIPPED)
def test_every_shipped_brand_has_headings_alt_text_language_and_its_styles(
    documents: Path, slug: str
) -> None:
    word = check_word(documents / slug / "appendix-a-docx.docx", "en-GB")
    brand = load_brand(resolve_brand(slug, Project(builtin_dir("content"), ())))
    headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "A trauma informed & responsive approach"),
        ("Heading 2", "Key points"),
        ("Heading 2", "Other versions"),
    ]
    assert alt_texts(word) == [brand.logo.alt] if brand.logo else []
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets[0] == "Past adversity can keep affecting people, relationships and organisations."
    assert bullets[-1] == "E-book, EPUB 3"  # the other version made beside it
    assert f"Ask {brand.name} for a copy." in [p.text for p in word.paragraphs]
    normal, heading = word.styles["Normal"], word.styles["Heading 1"]
    assert normal.font.name == brand.body_family and heading.font.name == brand.heading_family
    assert str(heading.font.color.rgb) == brand.theme.heading.lstrip("#").upper()
    assert str(normal.font.color.rgb) == brand.theme.text.lstrip("#").upper()
    assert normal.font.size.pt == 14 and not heading.font.italic
    assert word.core_properties.language == "en-GB" and word.core_properties.title.startswith("A trauma")


@pytest.mark.slow
def test_a_users_document_lists_tables_links_pictures_and_language(project_copy: Path) -> None:
    doc = project_copy / "content" / "charter" / "appendix-a.md"
    text = doc.read_text().replace("language: en-GB", "language: cy")
    text += (
        "\n## Ein gwerthoedd\n\n![Dwy law yn ysgwyd](handshake)\n\n"
        "1. Un\n2. Dau\n   - is-bwynt\n\n> Dyfyniad **pwysig**.\n\n### Tabl\n\n"
        "Gweler [y wefan](https://example.org/siarter).\n"
    )
    doc.write_text(text)
    build = ["build", "--quiet", "--format", "docx", "--brand", "partnership"]
    assert run_charter(build, project_copy).exit_code == 0
    path = project_copy / "output" / "partnership" / "appendix-a-docx.docx"
    word = check_word(path, "cy")
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Heading 2", "Ein gwerthoedd") in styles and ("Heading 3", "Tabl") in styles
    assert ("List Number", "Un") in styles and ("List Bullet 2", "is-bwynt") in styles
    assert ("Quote", "Dyfyniad pwysig.") in styles
    assert alt_texts(word)[-1] == "Dwy law yn ysgwyd"
    links = [r.target_ref for r in word.part.rels.values() if r.is_external]
    assert "https://example.org/siarter" in links
    # The same inputs give the same bytes.
    first = path.read_bytes()
    assert run_charter(build, project_copy).exit_code == 0
    assert path.read_bytes() == first


def test_a_table_repeats_its_header_row_and_runs_keep_their_spaces() -> None:
    """Tables come from the body HTML (GFM tables, where content enables them)."""
    brand = load_brand(resolve_brand("partnership", Project(builtin_dir("content"), ())))
    writer = WordWriter("en-GB", brand)
    writer.html(
        "<blockquote>\n<p>A <strong>bold</strong> word.</p>\n</blockquote>"
        "<table><thead><tr><th>Name</th><th>Value</th></tr></thead>"
        "<tbody><tr><td>a</td><td><em>b</em></td></tr><tr><td>c</td><td>d</td></tr></tbody></table>"
    )
    (quote,) = writer.word.paragraphs
    assert (quote.style.name, quote.text) == ("Quote", "A bold word.")
    assert [r.bold for r in quote.runs] == [None, True, None]
    (table,) = writer.word.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [["Name", "Value"], ["a", "b"], ["c", "d"]]
    header = [row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None for row in table.rows]
    assert header == [True, False, False]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold
    assert languages(writer.word) == {"en-GB"}
