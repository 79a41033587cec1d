"""The tests' own fontconfig configuration, so every machine offers the same fonts whatever it has
installed (fonts-noto-cjk, fonts-droid-fallback and the like change which characters some font can
draw, and which face Pango falls back to).

``use()`` writes a ``fonts.conf`` into a temporary folder and points ``FONTCONFIG_FILE`` at it. It
must run before fontconfig is first loaded in the process (conftest.py does it first thing), and
every subprocess the tests start (``fc-list``, ``charter`` runs, pack workers) inherits it. The
configuration lists one folder of links to the files in ``SYSTEM_FONTS`` (those installed here),
keeps its cache in the same temporary folder, and applies the rules Debian's fontconfig enables
by default (``RULES``), none that other font packages, the user or the administrator add.

Atkinson Hyperlegible, the default face, is not listed: builds load it by ``@font-face`` from its
PyPI package, never through fontconfig, and a user's machine does not have it installed either.

Characters the tests need *no* font to draw must come from scripts outside this set: CJK
ideographs, emoji, Tamil or Devanagari, for example.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

FONT_ROOT = Path("/usr/share/fonts/truetype")
FOUR = ("-Regular", "-Bold", "-Italic", "-BoldItalic")
TWO = ("-Regular", "-Bold")


def _faces(families: tuple[str, ...], styles: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(f"{family}{style}.ttf" for family in families for style in styles)


# The system fonts the tests may use, by Debian package: (package, folder under FONT_ROOT, files).
SYSTEM_FONTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # fontconfig's own fallback (fontconfig-config depends on it): sans-serif, serif, monospace.
    ("fonts-dejavu-core", "dejavu", _faces(("DejaVuSans", "DejaVuSerif", "DejaVuSansMono"), ("", "-Bold"))),
    # Arial- and Times-compatible families for brands; test_fonts uses Liberation Serif.
    (
        "fonts-liberation",
        "liberation",
        _faces(("LiberationSans", "LiberationSerif", "LiberationMono"), FOUR),
    ),
    # The script faces community languages need: Latin, Arabic for Urdu (Naskh and Nastaliq),
    # Gurmukhi for Punjabi, Bengali.
    (
        "fonts-noto-core",
        "noto",
        _faces(("NotoSans",), FOUR)
        + _faces(("NotoNaskhArabic", "NotoNastaliqUrdu", "NotoSansGurmukhi", "NotoSansBengali"), TWO),
    ),
)

# The rules a Debian or Ubuntu machine applies (the links fontconfig-config and fonts-dejavu-core
# make in /etc/fonts/conf.d): generic families, metric aliases, synthetic bold and italic. Read from
# the packages' own folders, so rules other font packages add (fonts-noto-cjk, fonts-droid-fallback)
# and the user's and the administrator's (50-user, 51-local) are left out.
RULES = tuple(
    f"/usr/share/fontconfig/conf.avail/{name}.conf"
    for name in (
        *("10-hinting-slight", "10-scale-bitmap-fonts", "10-yes-antialias", "11-lcdfilter-default"),
        *("20-unhint-small-vera", "30-metric-aliases", "40-nonlatin", "45-generic", "45-latin"),
        *("48-spacing", "49-sansserif", "60-generic", "60-latin", "65-fonts-persian", "65-nonlatin"),
        *("69-unifont", "70-no-bitmaps", "80-delicious", "90-synthetic"),
    )
) + tuple(
    f"/etc/fonts/conf.avail/{name}.conf"
    for family in ("sans", "serif", "sans-mono")
    for name in (
        *(f"20-unhint-small-dejavu-{family}", f"20-unhint-small-dejavu-lgc-{family}"),
        *(f"57-dejavu-{family}", f"58-dejavu-lgc-{family}"),
    )
)


def font_files() -> list[Path]:
    """The files of ``SYSTEM_FONTS`` installed on this machine."""
    paths = (FONT_ROOT / folder / name for _, folder, names in SYSTEM_FONTS for name in names)
    return [path for path in paths if path.is_file()]


def configuration(fonts: Path, cache: Path) -> str:
    """A fonts.conf reading only the fonts in folder ``fonts``, caching in ``cache``."""
    rules = "".join(f'  <include ignore_missing="yes">{escape(rule)}</include>\n' for rule in RULES)
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{escape(str(fonts))}</dir>\n  <cachedir>{escape(str(cache))}</cachedir>\n{rules}"
        "</fontconfig>\n"
    )


def use() -> Path:
    """Write the configuration and point this process (and its children) at it; its path.

    A process that inherited one (an xdist worker) keeps it."""
    inherited = os.environ.get("FONTCONFIG_FILE", "")
    if os.environ.get("CHARTER_TESTS_FONTCONFIG") == inherited and Path(inherited).is_file():
        return Path(inherited)
    maps = Path("/proc/self/maps")
    if maps.is_file() and "libfontconfig" in maps.read_text():
        raise RuntimeError("fontconfig is loaded before the tests' private configuration was set")
    folder = Path(tempfile.mkdtemp(prefix="charter-tests-fonts-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    (folder / "fonts").mkdir()
    for path in font_files():
        (folder / "fonts" / path.name).symlink_to(path)
    conf = folder / "fonts.conf"
    conf.write_text(configuration(folder / "fonts", folder / "cache"))
    os.environ["FONTCONFIG_FILE"] = os.environ["CHARTER_TESTS_FONTCONFIG"] = str(conf)
    return conf
