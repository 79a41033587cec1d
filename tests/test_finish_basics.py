"""generator.finish on a small hand-made tagged PDF: each repair, read back with pikepdf."""

from __future__ import annotations

import io
import re
import zlib

import pikepdf
import pytest

from generator.finish import finish

OLD_IMAGE = "/i" + "0123456789abcdef" * 2 + "0"  # WeasyPrint's name: md5 of the image's URL, then 0
CONTENT = (
    b"/P <</MCID 0>> BDC BT /F1 12 Tf 72 700 Td (Body text) Tj ET EMC\n"
    b"/Span <</MCID 1>> BDC BT /F1 9 Tf 72 40 Td (Page 1 of 1) Tj ET EMC\n"
    b"/Figure <</MCID 2>> BDC q 100 0 0 50 72 600 cm " + OLD_IMAGE.encode() + b" Do Q EMC\n"
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
            K=2,
            Alt="A red square",
            A=pikepdf.Dictionary(O=pikepdf.Name.Layout, BBox=[96, 96, 192, 144]),  # CSS px from the top
        )
    )
    document = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Document, K=[paragraph, figure])
    )
    nums = pikepdf.Array([0, pikepdf.Array([paragraph, paragraph, figure])])  # MCID 1: the paragraph too
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.StructTreeRoot, K=document, ParentTree=pikepdf.Dictionary(Nums=nums)
        )
    )
    pdf.trailer.ID = pikepdf.Array([pikepdf.String(identifier), pikepdf.String(identifier)])
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def operators(pdf: pikepdf.Pdf) -> list[tuple[str, list[object]]]:
    """The first page's operators and their operands as plain values (names as strings)."""

    def plain(value: object) -> object:
        if isinstance(value, pikepdf.Dictionary):
            return {key: plain(value[key]) for key in value}
        return str(value) if isinstance(value, pikepdf.Name) else value

    return [
        (str(op.operator), [plain(v) for v in op.operands])
        for op in pikepdf.parse_content_stream(pdf.pages[0])
        if isinstance(op, pikepdf.ContentStreamInstruction)
    ]


@pytest.fixture(scope="module")
def finished() -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(finish(tagged_pdf())))


def test_figure_boxes_are_put_in_points_from_the_bottom_left(finished: pikepdf.Pdf) -> None:
    figure = finished.Root.StructTreeRoot.K[0].K[1]
    # 96 px = 72 pt; y is measured up from the bottom of the 842 pt page.
    assert [float(v) for v in figure.A.BBox] == [72, 842 - 108, 144, 842 - 72]


def test_images_are_named_after_their_pixels_and_the_page_draws_the_new_name(finished: pikepdf.Pdf) -> None:
    page = finished.pages[0]
    (name,) = list(page.Resources.XObject.keys())
    assert re.fullmatch(r"/i[0-9a-f]{32}0", name) and name != OLD_IMAGE
    assert ("Do", [name]) in operators(finished) and ("Do", [OLD_IMAGE]) not in operators(finished)


def test_text_no_structure_element_reaches_becomes_an_artifact(finished: pikepdf.Pdf) -> None:
    marks = [op for op in operators(finished) if op[0] in ("BDC", "BMC")]
    assert marks == [
        ("BDC", ["/P", {"/MCID": 0}]),
        ("BMC", ["/Artifact"]),
        ("BDC", ["/Figure", {"/MCID": 2}]),
    ]
    parents = finished.Root.StructTreeRoot.ParentTree.Nums[1]
    assert parents[0].S == "/P" and parents[1] is None and parents[2].S == "/Figure"


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
        ops = operators(pdf)
        assert ("BDC", ["/Span", {"/MCID": 1}]) in ops and ("Do", [OLD_IMAGE]) not in ops
