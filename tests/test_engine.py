"""generator.engine: WeasyPrint imported without the library search's subprocesses, with the
same libraries open as a plain import, and a plain import again when the quick one fails."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick import is Linux's")

# Run in a fresh interpreter: counts the subprocesses started while WeasyPrint is imported and
# lists the shared libraries then open, by file.
_PROBE = textwrap.dedent(
    """
    import json, subprocess, sys
    started = []
    real = subprocess.Popen.__init__
    def counting(self, args, *rest, **kwargs):
        started.append(args if isinstance(args, str) else " ".join(map(str, args)))
        real(self, args, *rest, **kwargs)
    subprocess.Popen.__init__ = counting
    {setup}
    {load}
    libraries = sorted({{
        line.split()[-1] for line in open("/proc/self/maps")
        if any(n in line for n in ("libpango", "libharfbuzz", "libfontconfig", "libgobject"))
    }})
    from weasyprint.text import ffi, fonts
    same = fonts.ffi is ffi.ffi and fonts.pango is ffi.pango
    print(json.dumps({{"started": started, "libraries": libraries, "same": same, "extra": {extra}}}))
    """
)


def probe(load: str, setup: str = "", extra: str = "None") -> dict[str, object]:
    code = _PROBE.format(load=load, setup=setup, extra=extra)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr == ""
    return json.loads(done.stdout)


def test_the_quick_import_starts_no_process_and_opens_the_same_libraries() -> None:
    plain = probe("import weasyprint")
    quick = probe("from generator import engine; engine.load()")
    assert plain["started"], "a plain import searches for libraries with subprocesses"
    assert quick["started"] == []
    assert quick["libraries"] == plain["libraries"]
    assert any("libharfbuzz-subset" in lib for lib in quick["libraries"])
    assert quick["same"]


def test_when_the_quick_import_fails_weasyprint_is_imported_again_whole() -> None:
    # A library that does not open by its soname: the quick import fails part way.
    setup = textwrap.dedent(
        """
        import contextlib
        from generator import engine
        stale = {}
        @contextlib.contextmanager
        def failing():
            yield
            stale.update((n, m) for n, m in sys.modules.items() if n.startswith("weasyprint"))
            raise OSError("cannot open libpango-1.0.so.0")
        engine._sonames_only = failing
        """
    )
    kept = "[n for n, m in stale.items() if sys.modules.get(n) is m]"
    result = probe("engine.load()", setup, extra=kept)
    assert result["started"], "the second import searches as WeasyPrint does"
    assert result["same"]
    assert result["extra"] == [], "no module of the failed import is left behind"
