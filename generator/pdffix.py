"""Finishing WeasyPrint's tagged PDF: mends two known PDF/UA gaps, and nothing else.

- Figure ``/BBox`` attributes are written in CSS pixels from the page's top; readers expect
  points from the bottom-left of the page.
- Raster images are named after a hash of their file's absolute URL, so the same project in
  another folder gave other bytes; they are renamed after a hash of their pixels.
- Page furniture (running footers and page numbers, drawn in page margin boxes) is marked as
  tagged content that no structure element reaches. PDF/UA wants pagination artifacts: it is
  re-marked ``/Artifact`` and dropped from the parent tree, so a screen reader does not read
  "Page 1 of 6" in the middle of a sentence.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections import defaultdict
from functools import partial
from typing import Any

import pikepdf

# A marked-content sequence with an MCID: "/Span <</MCID 3>> BDC".
_IMAGE_NAME = re.compile(rb"/i[0-9a-f]{32}(\d)")
_MARKED = re.compile(rb"/[^\s/<>\[\]()]+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC")


def finish(data: bytes) -> bytes:
    """The PDF with both gaps mended; the file identifier is derived from the content."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if isinstance(root, pikepdf.Dictionary):
            reachable = _walk_structure(root)
            _furniture_as_artifacts(pdf, root, reachable)
        _name_images_by_content(pdf)
        if "/ID" in pdf.trailer:
            del pdf.trailer.ID  # WeasyPrint's comes from the HTML, which holds absolute paths
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _walk_structure(root: pikepdf.Dictionary) -> dict[tuple[int, int], set[int]]:
    """Fix Figure boxes on the way; return the MCIDs the structure tree reaches, per page."""
    reachable: dict[tuple[int, int], set[int]] = defaultdict(set)
    stack: list[tuple[Any, Any]] = [(root.get("/K"), None)]
    while stack:
        node, page = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend((child, page) for child in node)
        elif isinstance(node, int) and page is not None:
            reachable[page.objgen].add(int(node))
        elif isinstance(node, pikepdf.Dictionary):
            page = node.get("/Pg", page)
            if node.get("/Type") == "/MCR" and "/MCID" in node:
                reachable[page.objgen].add(int(node.MCID))
            elif "/S" in node:
                if node.S == "/Figure":
                    _figure_box_in_points(node, page)
                stack.append((node.get("/K"), page))
    return reachable


def _figure_box_in_points(node: pikepdf.Dictionary, page: Any) -> None:
    layout = node.get("/A")
    if page is None or not isinstance(layout, pikepdf.Dictionary) or "/BBox" not in layout:
        return
    trim = [float(v) for v in (page.get("/TrimBox") or page.MediaBox)]
    x0, y0, x1, y1 = (float(v) * 0.75 for v in layout.BBox)
    layout.BBox = pikepdf.Array([trim[0] + x0, trim[3] - y1, trim[0] + x1, trim[3] - y0])


def _name_images_by_content(pdf: pikepdf.Pdf) -> None:
    """Rename WeasyPrint's image XObjects (/i<md5 of URL><n>) after their content."""
    renames: dict[bytes, bytes] = {}
    for page in pdf.pages:
        resources: Any = page.obj.get("/Resources", {})
        xobjects: Any = resources.get("/XObject")
        for name in list(xobjects.keys()) if xobjects is not None else []:
            match = _IMAGE_NAME.fullmatch(name.encode())
            if not match or name.encode() in renames.values():
                continue  # not an image name, or renamed already (pages share resources)
            if name.encode() not in renames:
                digest = hashlib.sha256(xobjects[name].read_raw_bytes()).hexdigest()[:32]
                renames[name.encode()] = f"/i{digest}{match.group(1).decode()}".encode()
            xobjects[renames[name.encode()].decode()] = xobjects[name]
            del xobjects[name]
    if not renames:
        return
    pattern = re.compile(b"|".join(re.escape(old) + rb"(?![0-9a-f])" for old in renames))
    for page in pdf.pages:
        content = page.obj.get("/Contents")
        if isinstance(content, pikepdf.Stream):
            data = content.read_bytes()
            if pattern.search(data):
                content.write(pattern.sub(lambda m: renames[m.group()], data))


def _as_artifact(orphans: set[int], match: re.Match[bytes]) -> bytes:
    return b"/Artifact BMC" if int(match.group(1)) in orphans else match.group()


def _furniture_as_artifacts(
    pdf: pikepdf.Pdf, root: pikepdf.Dictionary, reachable: dict[tuple[int, int], set[int]]
) -> None:
    parents = root.get("/ParentTree")
    nums = parents.get("/Nums") if parents is not None else None
    arrays = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)} if nums is not None else {}
    for index, page in enumerate(pdf.pages):
        keep = reachable.get(page.obj.objgen, set())
        content = page.obj.get("/Contents")
        if not isinstance(content, pikepdf.Stream):
            continue  # WeasyPrint writes one content stream a page
        data = content.read_bytes()
        orphans = {int(m.group(1)) for m in _MARKED.finditer(data)} - keep
        if not orphans:
            continue
        content.write(_MARKED.sub(partial(_as_artifact, orphans), data))
        mapping = arrays.get(int(page.obj.get("/StructParents", index)))
        if isinstance(mapping, pikepdf.Array):
            for mcid in orphans:
                if mcid < len(mapping):
                    mapping[mcid] = pikepdf.Object.parse(b"null")
