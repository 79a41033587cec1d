"""The WeasyPrint import, without its library search's two dozen subprocesses.

WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject by trying each library's Windows,
macOS and Linux names in turn. cffi answers every name that does not open with
``ctypes.util.find_library``, which on Linux runs ``ldconfig -p`` (and ``gcc``/``ld`` where
installed) as subprocesses: 24 searches, about 0.15 s of CPU in a cold build of a handout,
before the Linux soname further down each list opens directly. Whatever a search finds on
Linux is opened by its soname too, so skipping it loads the same libraries. If a library does
not open that way, WeasyPrint is imported again with the search on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


def load() -> None:
    """Import WeasyPrint, once per process (later calls cost nothing)."""
    if "weasyprint" in sys.modules:
        return
    if sys.platform.startswith("linux"):
        try:
            with _sonames_only():
                from weasyprint.text import ffi
            if ffi.harfbuzz_subset is not None:
                return
        except OSError:
            pass
        for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
            del sys.modules[name]
    import weasyprint  # noqa: F401


@contextmanager
def _sonames_only() -> Iterator[None]:
    """``ctypes.util.find_library`` finds nothing, for the duration; what WeasyPrint prints or
    warns about a library it could not open is left to the import that follows, if any."""
    import ctypes.util
    import io
    import warnings
    from contextlib import redirect_stdout

    search = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        with redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        ctypes.util.find_library = search
