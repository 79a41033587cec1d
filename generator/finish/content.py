"""Edits to content streams, made on pikepdf's parsed operators (never on the bytes).

Each stream is parsed with ``pikepdf.parse_content_stream``, the few operators concerned are
replaced, and the stream is written back with ``pikepdf.unparse_content_stream`` only when
something changed.
"""

from __future__ import annotations

import hashlib
import re

import pikepdf

# WeasyPrint's image XObject names: /i + the md5 of the image's URL + a counter.
_IMAGE_NAME = re.compile(r"/i[0-9a-f]{32}(\d+)")
_ARTIFACT = pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact], pikepdf.Operator("BMC"))


def _mcid(instruction: pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage) -> int | None:
    if not isinstance(instruction, pikepdf.ContentStreamInstruction) or str(instruction.operator) != "BDC":
        return None
    properties = instruction.operands[1] if len(instruction.operands) == 2 else None
    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
        return int(properties.MCID)
    return None


def _artifact(instruction: pikepdf.ContentStreamInstruction) -> pikepdf.ContentStreamInstruction:
    """An ``/Artifact`` sequence in place of a marked one, keeping its ``/ActualText`` (a page
    number in Gurmukhi still extracts as written)."""
    properties = instruction.operands[1]
    if "/ActualText" not in properties:
        return _ARTIFACT
    kept = pikepdf.Dictionary(ActualText=properties.ActualText)
    return pikepdf.ContentStreamInstruction([pikepdf.Name.Artifact, kept], pikepdf.Operator("BDC"))


def rewrite_page(
    page: pikepdf.Page, keep: set[int] | None, renames: dict[str, str], count: int | None
) -> None:
    """Re-mark as ``/Artifact`` every marked sequence whose MCID is not in ``keep`` (None: leave
    them; an ``/ActualText`` stays), and rename the XObjects that ``Do`` paints after
    ``renames``, in the page and the forms it draws. ``count``, when known, is how many MCIDs
    the page has (0 to count - 1): a page with nothing to change is not parsed."""
    artifacts = keep is not None and (count is None or not keep.issuperset(range(count)))
    if artifacts or _draws(page.obj, renames):
        _rewrite(page.obj, keep, renames, page)
    for form in _forms(page.obj.get("/Resources")) if renames else []:
        if _draws(form, renames):
            _rewrite(form, None, renames, form)


def _draws(owner: pikepdf.Object, renames: dict[str, str]) -> bool:
    """Whether ``owner``'s resources hold an XObject renamed in ``renames`` (under its new name)."""
    resources = owner.get("/Resources")
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    return isinstance(xobjects, pikepdf.Dictionary) and not set(renames.values()).isdisjoint(xobjects.keys())


def _rewrite(
    owner: pikepdf.Object,
    keep: set[int] | None,
    renames: dict[str, str],
    parse_from: pikepdf.Object | pikepdf.Page,
) -> None:
    instructions = pikepdf.parse_content_stream(parse_from)
    changed = False
    for index, instruction in enumerate(instructions):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue
        operator = str(instruction.operator)
        if operator == "BDC" and keep is not None:
            mcid = _mcid(instruction)
            if mcid is not None and mcid not in keep:
                instructions[index] = _artifact(instruction)
                changed = True
        elif operator == "Do" and str(instruction.operands[0]) in renames:
            new = pikepdf.Name(renames[str(instruction.operands[0])])
            instructions[index] = pikepdf.ContentStreamInstruction([new], instruction.operator)
            changed = True
    if not changed:
        return
    data = pikepdf.unparse_content_stream(instructions)
    if isinstance(owner, pikepdf.Stream):
        owner.write(data)
    else:
        pikepdf.Page(owner).contents_coalesce()  # a page's contents may be an array of streams
        owner.Contents.write(data)


def _forms(
    resources: pikepdf.Object | None, seen: set[tuple[int, int]] | None = None
) -> list[pikepdf.Stream]:
    """Form XObjects drawn from ``resources``, and the forms they draw, each once."""
    seen = set() if seen is None else seen
    found: list[pikepdf.Stream] = []
    xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(xobjects, pikepdf.Dictionary):
        return found
    for name in list(xobjects.keys()):
        xobject = xobjects[name]
        if (
            not isinstance(xobject, pikepdf.Stream)
            or xobject.get("/Subtype") != "/Form"
            or xobject.objgen in seen
        ):
            continue
        seen.add(xobject.objgen)
        found.append(xobject)
        found.extend(_forms(xobject.get("/Resources"), seen))
    return found


def image_renames(pdf: pikepdf.Pdf) -> dict[str, str]:
    """Rename WeasyPrint's image XObjects (``/i<md5 of URL><n>``, so the same project in another
    folder gave other bytes) after a hash of their content; returns old name -> new name, to be
    applied to the content streams with :func:`rewrite_page`."""
    renames: dict[str, str] = {}
    owners: list[pikepdf.Object] = []
    for page in pdf.pages:
        owners.append(page.obj)
        owners.extend(_forms(page.obj.get("/Resources")))
    for owner in owners:
        resources = owner.get("/Resources")
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        if not isinstance(xobjects, pikepdf.Dictionary):
            continue
        for name in list(xobjects.keys()):
            match = _IMAGE_NAME.fullmatch(name)
            if not match or name in renames.values():
                continue  # not an image name, or renamed already (pages share resources)
            if name not in renames:
                digest = hashlib.sha256(xobjects[name].read_raw_bytes()).hexdigest()[:32]
                renames[name] = f"/i{digest}{match.group(1)}"
            xobjects[renames[name]] = xobjects[name]
            del xobjects[name]
    return renames
