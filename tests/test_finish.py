"""Each repair of generator.finish on a tiny PDF made by hand, shaped as WeasyPrint 70 shapes
its output (per-page elements stamped with the hook's keys); fast, no rendering."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

import pikepdf

from generator.finish import finish


@dataclass
class E:
    """A structure element to write: type, the hook's key, its page, its kids."""

    s: str
    kids: list[E | int | str] = field(default_factory=list)  # int: MCID; str: annotation name
    key: str | None = None
    page: int | None = None  # None: its parent's
    extra: dict[str, object] = field(default_factory=dict)


def marked(*mcids: int, text: bytes = b"x") -> bytes:
    return b"".join(b"/P <</MCID %d>> BDC BT /F1 9 Tf (%s) Tj ET EMC\n" % (m, text) for m in mcids)


def tiny_pdf(
    contents: list[bytes], tree: E, annots: dict[str, tuple[int, list[float], dict]] | None = None
) -> bytes:
    """A PDF with these page contents, this tree under /Document and these link annotations
    (name: page, rect, extra keys)."""
    pdf = pikepdf.new()
    for number, content in enumerate(contents):
        pdf.add_blank_page(page_size=(200, 200))
        page = pdf.pages[number]
        page.obj.Contents = pdf.make_stream(content)
        page.obj.StructParents = number
    made = {}
    for name, (number, rect, extra) in (annots or {}).items():
        annot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link))
        annot.Rect = pikepdf.Array(rect)
        for key, value in extra.items():
            annot[key] = value
        page = pdf.pages[number].obj
        page.Annots = pikepdf.Array([*page.get("/Annots", []), annot])
        made[name] = annot
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))

    def build(element: E, parent: pikepdf.Object, page: int = 0) -> pikepdf.Object:
        page = page if element.page is None else element.page
        node = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name(element.s)))
        node.P, node.Pg = parent, pdf.pages[page].obj
        if element.key:
            node.CharterKey = pikepdf.String(element.key)
        for key, value in element.extra.items():
            node[key] = value
        kids = pikepdf.Array()
        for kid in element.kids:
            if isinstance(kid, E):
                kids.append(build(kid, node, page))
            elif isinstance(kid, int):
                kids.append(kid)
            else:
                obj = made[kid]
                kids.append(pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=obj)))
        node.K = kids
        return node

    root.K = pikepdf.Array([build(tree, root)])
    pdf.Root.StructTreeRoot = root
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def shape(node: pikepdf.Dictionary, pages: dict) -> object:
    """A finished element as (type, [kids]): MCIDs as (page, mcid), annotations as 'annot'."""
    kids = []
    for kid in node.K:
        if isinstance(kid, int):
            kids.append((pages[node.Pg.objgen], int(kid)))
        elif kid.get("/Type") == "/MCR":
            kids.append((pages[kid.Pg.objgen], int(kid.MCID)))
        elif kid.get("/Type") == "/OBJR":
            kids.append("annot")
        else:
            kids.append(shape(kid, pages))
    return (str(node.S), kids)


def finished(data: bytes, **options: bool) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(finish(data, **options)))


def tree_of(pdf: pikepdf.Pdf) -> object:
    pages = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    return shape(pdf.Root.StructTreeRoot.K[0], pages)


def operators(pdf: pikepdf.Pdf, page: int) -> list[tuple[str, list]]:
    return [
        (str(op.operator), list(op.operands))
        for op in pikepdf.parse_content_stream(pdf.pages[page])
        if str(op.operator) in ("BDC", "BMC", "Do")
    ]


def test_an_element_broken_by_a_page_is_one_element_and_line_spans_go() -> None:
    tree = E(
        "/Document",
        [
            E("/Sect", [E("/P", [E("/Span", [0]), E("/Span", [1])], key="p")], key="s"),
            E(
                "/Sect",
                [E("/P", [E("/Span", [0])], key="p", page=1), E("/P", [1], key="q", page=1)],
                key="s",
                page=1,
            ),
        ],
    )
    with finished(tiny_pdf([marked(0, 1), marked(0, 1)], tree)) as pdf:
        assert tree_of(pdf) == (
            "/Document",
            [("/Sect", [("/P", [(0, 0), (0, 1), (1, 0)]), ("/P", [(1, 1)])])],
        )
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        first = pdf.Root.StructTreeRoot.K[0].K[0].K[0]
        assert nums[1][0] == nums[1][1] == nums[3][0] == first  # page 2's MCID 0 belongs to the same P
        assert b"CharterKey" not in pdf.Root.StructTreeRoot.K[0].K[0].unparse(resolved=True)


def test_same_typed_neighbours_from_different_elements_stay_apart() -> None:
    tree = E(
        "/Document",
        [E("/L", [E("/LI", [0], key="a")], key="l1"), E("/L", [E("/LI", [1], key="b")], key="l2")],
    )
    with finished(tiny_pdf([marked(0, 1)], tree)) as pdf:
        assert tree_of(pdf) == ("/Document", [("/L", [("/LI", [(0, 0)])]), ("/L", [("/LI", [(0, 1)])])])


def test_content_no_element_holds_becomes_an_artifact() -> None:
    tree = E("/Document", [E("/P", [0], key="p")])
    with finished(tiny_pdf([marked(0, 1, 2)], tree)) as pdf:
        ops = operators(pdf, 0)
        assert [op for op, _ in ops] == ["BDC", "BMC", "BMC"]
        assert ops[0][1][1].MCID == 0 and ops[1][1] == [pikepdf.Name.Artifact]
        assert list(pdf.Root.StructTreeRoot.ParentTree.Nums[1]) == [pdf.Root.StructTreeRoot.K[0].K[0]]


def test_leader_dots_are_decoration_and_the_heading_makes_a_section() -> None:
    leader = E("/Link", [2], key="dots", extra={"/CharterRole": pikepdf.Name("/Leader")})
    tree = E("/Document", [E("/Div", [E("/H2", [0], key="h"), E("/P", [1, leader], key="p")], key="d")])
    with finished(tiny_pdf([marked(0, 1, 2)], tree)) as pdf:
        assert tree_of(pdf) == ("/Document", [("/Sect", [("/H2", [(0, 0)]), ("/P", [(0, 1)])])])
        assert [op for op, _ in operators(pdf, 0)] == ["BDC", "BDC", "BMC"]


def test_sections_end_at_the_next_heading_of_their_level() -> None:
    about = E("/Div", [E("/H2", [4], key="h3"), E("/P", [5], key="p3")], key="about")
    tree = E(
        "/Document",
        [
            E("/H1", [0], key="t"),
            E("/H2", [1], key="h1"),
            E("/H3", [2], key="h2"),
            E("/P", [3], key="p"),
            about,
        ],
    )
    with finished(tiny_pdf([marked(0, 1, 2, 3, 4, 5)], tree)) as pdf:
        assert tree_of(pdf) == (
            "/Document",
            [
                ("/H1", [(0, 0)]),
                ("/Sect", [("/H2", [(0, 1)]), ("/Sect", [("/H3", [(0, 2)]), ("/P", [(0, 3)])])]),
                ("/Sect", [("/H2", [(0, 4)]), ("/P", [(0, 5)])]),
            ],
        )


def test_a_list_item_body_holds_its_figure_and_sentences() -> None:
    body = E(
        "/LBody",
        [E("/Div", [E("/Figure", [0], key="img")], key="pic"), E("/Div", [E("/P", [1], key="s")], key="w")],
    )
    tree = E("/Document", [E("/L", [E("/LI", [body], key="li")], key="ul")])
    with finished(tiny_pdf([marked(0, 1)], tree)) as pdf:
        assert tree_of(pdf) == (
            "/Document",
            [("/L", [("/LI", [("/LBody", [("/Figure", [(0, 0)]), ("/P", [(0, 1)])])])])],
        )


URI = {"/A": pikepdf.Dictionary(S=pikepdf.Name.URI, URI=pikepdf.String("https://example.org/x"))}


def test_one_link_per_link_without_empty_or_duplicate_annotations() -> None:
    inner = E("/Link", ["inside", 1], key="a::after")
    link = E("/Link", ["line1", "line2", E("/NonStruct", ["empty", 0], key="wbr"), inner], key="a")
    tree = E("/Document", [E("/P", [link, E("/Span", ["stray", 2])], key="p")])
    annots = {
        "line1": (0, [10, 100, 90, 110], URI),
        "line2": (0, [10, 88, 50, 98], URI),
        "empty": (0, [60, 100, 60, 110], URI),
        "inside": (0, [20, 101, 40, 109], URI),
        "stray": (0, [10, 50, 40, 60], URI),
    }
    with finished(tiny_pdf([marked(0, 1, 2)], tree, annots)) as pdf:
        assert tree_of(pdf) == (
            "/Document",
            [
                (
                    "/P",
                    [
                        ("/Link", ["annot", "annot", ("/NonStruct", [(0, 0)]), (0, 1)]),
                        ("/Link", ["annot"]),
                        (0, 2),
                    ],
                )
            ],
        )
        kept = pdf.pages[0].obj.Annots
        assert [[float(v) for v in a.Rect] for a in kept] == [
            [10, 100, 90, 110],
            [10, 88, 50, 98],
            [10, 50, 40, 60],
        ]
        assert {str(a.Contents) for a in kept} == {"https://example.org/x"}
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        assert all(parents[int(a.StructParent)].S == "/Link" for a in kept)


def test_an_internal_link_says_its_label_and_page() -> None:
    link = E("/Link", ["go", 0], key="a", extra={"/CharterLabel": pikepdf.String("Easy read version")})
    tree = E("/Document", [E("/P", [link], key="p"), E("/P", [0], key="q", page=1)])
    data = tiny_pdf([marked(0), marked(0)], tree, {"go": (0, [10, 10, 90, 20], {})})
    with pikepdf.open(io.BytesIO(data)) as pdf:
        dests = pikepdf.Array(
            [pikepdf.String("doc-2"), pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.XYZ, 0, 200, 0])]
        )
        pdf.Root.Names = pikepdf.Dictionary(Dests=pdf.make_indirect(pikepdf.Dictionary(Names=dests)))
        pdf.pages[0].obj.Annots[0].Dest = pikepdf.String("doc-2")
        out = io.BytesIO()
        pdf.save(out)
    with finished(out.getvalue(), outlines_panel=True) as pdf:
        assert str(pdf.pages[0].obj.Annots[0].Contents) == "Easy read version, page 2"
        assert "/PageMode" not in pdf.Root  # no bookmarks to show


def test_images_are_named_after_their_pixels_in_the_content_stream_too() -> None:
    old = "/i" + "0" * 32 + "0"
    data = tiny_pdf(
        [b"q /" + old[1:].encode() + b" Do Q\n" + marked(0)], E("/Document", [E("/P", [0], key="p")])
    )
    with pikepdf.open(io.BytesIO(data)) as pdf:
        image = pdf.make_stream(b"\x00\x00\x00", Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Image)
        image.Width, image.Height, image.BitsPerComponent = 1, 1, 8
        image.ColorSpace = pikepdf.Name.DeviceRGB
        pdf.pages[0].obj.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary({old: image}))
        out = io.BytesIO()
        pdf.save(out, compress_streams=False)
    new = "/i" + hashlib.sha256(b"\x00\x00\x00").hexdigest()[:32] + "0"
    with finished(out.getvalue()) as pdf:
        assert list(pdf.pages[0].obj.Resources.XObject.keys()) == [new]
        assert ("Do", [pikepdf.Name(new)]) in operators(pdf, 0)
