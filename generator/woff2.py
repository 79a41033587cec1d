"""WOFF2 for web pages and e-books: fontTools writes the format, at a Brotli quality that suits the face.

fontTools' WOFF2 writer always asks Brotli for its best compression (quality 11), which costs about
2.5 microseconds a byte: nothing for a Latin subset of 10-30 KB, but about 1 s for each of the two
400 KB Noto Nastaliq Urdu subsets of an Urdu page or e-book. Quality 9 takes a sixth of that for a
file 13% larger (measured on the appendix's Urdu pages: 112 KB in 1.0 s at 11, 126 KB in 0.16 s at
9), so faces larger than ``LARGE_FACE`` are written at 9 and the rest, every Latin face among them,
keep 11 and their bytes.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

LARGE_FACE = 128 * 1024
"""A font (uncompressed sfnt) larger than this many bytes is compressed at ``FAST_QUALITY``."""
BEST_QUALITY, FAST_QUALITY = 11, 9


def brotli_quality(sfnt_size: int) -> int:
    """The Brotli quality for a font of ``sfnt_size`` bytes."""
    return FAST_QUALITY if sfnt_size > LARGE_FACE else BEST_QUALITY


def encode_woff2(sfnt: bytes) -> bytes:
    """A TrueType or OpenType font as WOFF2, its timestamp kept (the same font gives the same bytes)."""
    from fontTools.ttLib import TTFont

    with _brotli_quality(brotli_quality(len(sfnt))), TTFont(io.BytesIO(sfnt), recalcTimestamp=False) as font:
        font.flavor = "woff2"
        buffer = io.BytesIO()
        font.save(buffer)
    return buffer.getvalue()


_LOCK = threading.Lock()  # the preview server builds in a thread of its own


class _Brotli:
    """The ``brotli`` module as fontTools' WOFF2 writer uses it, compressing at ``quality``."""

    def __init__(self, module: Any, quality: int):
        self._module, self._quality = module, quality

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)

    def compress(self, data: bytes, mode: int = 0) -> bytes:
        return bytes(self._module.compress(data, mode=mode, quality=self._quality))


@contextmanager
def _brotli_quality(quality: int) -> Iterator[None]:
    """fontTools' WOFF2 writer compresses at ``quality`` inside the block.

    fontTools takes no quality argument: its writer calls its module's ``brotli.compress``, so
    that name is pointed, under a lock, at a ``_Brotli`` for the block and put back after it."""
    from fontTools.ttLib import woff2

    with _LOCK:
        module = woff2.brotli
        woff2.brotli = _Brotli(module, quality)
        try:
            yield
        finally:
            woff2.brotli = module
