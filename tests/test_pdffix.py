"""generator.pdffix on a small hand-made tagged PDF: each repair, read back with pikepdf."""

from __future__ import annotations

import io
import re
import zlib

import pikepdf
import pytest

from generator.pdffix import finish

OLD_IMAGE = "/i" + "0123456789abcdef" * 2 + "0"  # WeasyPrint's name: md5 of the image's URL, then 0
CONTENT = (
    b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Body text) Tj ET EMC\n"
    b"/Span <</MCID 1>> BDC BT /F1 9 Tf 72 40 Td (Page 1 of 1) Tj ET EMC\n"
    b"q 100 0 0 50 72 600 cm " + OLD_IMAGE.encode() + b" Do Q\n"
)


def tagged_pdf(identifier: bytes = b"0123456789abcdef") -> bytes:
    """One A4 page: a paragraph (MCID 0) and a Figure in the structure tree, a footer (MCID 1)
    that no structure element reaches, and an image XObject with a URL-hash name."""
    pdf = pikepdf.new()
    image = pikepdf.Stream(pdf, zlib.compress(b"\xff\x00\x00" * 4))
    image.update(
        {
            "/Type": pikepdf.Name.XObject,
            "/Subtype": pikepdf.Name.Image,
            "/Width": 2,
            "/Height": 2,
            "/ColorSpace": pikepdf.Name.DeviceRGB,
            "/BitsPerComponent": 8,
            "/Filter": pikepdf.Name.FlateDecode,
        }
    )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Contents=pikepdf.Stream(pdf, CONTENT),
        Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary({OLD_IMAGE: image})),
        StructParents=0,
    )
    pdf.pages.append(pikepdf.Page(page))
    page_ref = pdf.pages[0].obj
    paragraph = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, Pg=page_ref, K=0)
    )
    figure = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructElem,
            S=pikepdf.Name.Figure,
            Pg=page_ref,
            Alt="A red square",
            A=pikepdf.Dictionary(O=pikepdf.Name.Layout, BBox=[96, 96, 192, 144]),  # CSS px from the top
        )
    )
    document = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=[paragraph, figure])
    )
    nums = pikepdf.Array([0, pikepdf.Array([paragraph, paragraph])])  # MCID 1 points at the paragraph too
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=document, ParentTree=pikepdf.Dictionary(Nums=nums)
        )
    )
    pdf.trailer.ID = pikepdf.Array([pikepdf.String(identifier), pikepdf.String(identifier)])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def finished() -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(finish(tagged_pdf())))


def test_figure_boxes_are_put_in_points_from_the_bottom_left(finished: pikepdf.Pdf) -> None:
    figure = finished.Root.StructTreeRoot.K.K[1]
    # 96 px = 72 pt; y is measured up from the bottom of the 842 pt page.
    assert [float(v) for v in figure.A.BBox] == [72, 842 - 108, 144, 842 - 72]


def test_images_are_named_after_their_pixels_and_the_page_draws_the_new_name(finished: pikepdf.Pdf) -> None:
    page = finished.pages[0]
    (name,) = list(page.Resources.XObject.keys())
    assert re.fullmatch(r"/i[0-9a-f]{32}0", name) and name != OLD_IMAGE
    content = page.Contents.read_bytes()
    assert f"{name} Do".encode() in content and OLD_IMAGE.encode() not in content


def test_text_no_structure_element_reaches_becomes_an_artifact(finished: pikepdf.Pdf) -> None:
    content = finished.pages[0].Contents.read_bytes()
    assert b"/P <</MCID 0>> BDC" in content  # reached by the paragraph: kept
    assert b"/Artifact BMC BT /F1 9 Tf 72 40 Td (Page 1 of 1)" in content and b"MCID 1" not in content
    parents = finished.Root.StructTreeRoot.ParentTree.Nums[1]
    assert parents[0].S == "/P" and parents[1] is None


def test_the_same_content_gives_the_same_bytes_whatever_the_file_identifier() -> None:
    first, second = finish(tagged_pdf(b"from one folder..")), finish(tagged_pdf(b"from another one."))
    assert first == second
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert bytes(pdf.trailer.ID[0]) != b"from one folder.."


def test_a_pdf_without_a_structure_tree_is_left_as_it_is_but_images_renamed() -> None:
    with pikepdf.open(io.BytesIO(tagged_pdf())) as pdf:
        del pdf.Root.StructTreeRoot
        out = io.BytesIO()
        pdf.save(out)
    with pikepdf.open(io.BytesIO(finish(out.getvalue()))) as pdf:
        content = pdf.pages[0].Contents.read_bytes()
        assert b"/Span <</MCID 1>> BDC" in content and OLD_IMAGE.encode() not in content
