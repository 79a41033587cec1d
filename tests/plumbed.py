"""One pdfplumber reading of a PDF, shared by the readers that ask for its characters and lines
(pdfcheck.characters and body_text, layout.read_pages): pdfminer's parse of the content streams
is most of what each of them costs, and a test usually asks all three about the same file in
turn. The last few files read are kept open, each page's parsed objects with it."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pdfplumber

KEEP = 3
_OPEN: OrderedDict[tuple[Path, int, int, int], pdfplumber.PDF] = OrderedDict()


def plumbed(path: Path) -> pdfplumber.PDF:
    """``path`` opened with pdfplumber (do not close it), read again when the file has been
    written since (its inode, size or time differ)."""
    stat = Path(path).stat()
    key = (Path(path).resolve(), stat.st_ino, stat.st_size, stat.st_mtime_ns)
    if key in _OPEN:
        _OPEN.move_to_end(key)
        return _OPEN[key]
    _OPEN[key] = pdf = pdfplumber.open(path)
    while len(_OPEN) > KEEP:
        _OPEN.popitem(last=False)[1].close()
    return pdf
