"""Brands to test layout on: the shipped ones and a real organisation's brand.yml.

``POSIT_BRAND`` follows Posit's own brand.yml, the example in the brand.yml documentation
(posit-dev/brand-yml): its name, link, palette and Google fonts (which cannot be downloaded
while building, so the default face stands in, with a warning). The logo is a stand-in PNG.
"""

from __future__ import annotations

from pathlib import Path

SHIPPED = ["partnership", "riverside-council", "oakfield-university"]

POSIT_BRAND = """\
meta:
  name:
    full: Posit Software, PBC
    short: Posit
  link:
    home: https://posit.co
    guide: https://positpbc.atlassian.net/wiki/x/AQAgBQ
    mastodon: https://fosstodon.org/@Posit
    linkedin: https://www.linkedin.com/company/posit-software/

logo:
  images:
    wide-color: logos/wide/posit-wide-color.png
  medium: wide-color

color:
  palette:
    blue: "#447099"
    orange: "#EE6331"
    gray: "#404041"
    white: "#FFFFFF"
    teal: "#419599"
    green: "#72994E"
    burgundy: "#9A4665"
  foreground: gray
  background: white
  primary: blue
  secondary: gray
  danger: orange
  success: green

typography:
  fonts:
    - family: Open Sans
      source: google
      weight: [400, 700]
    - family: Source Code Pro
      source: google
  base: Open Sans
  headings:
    family: Open Sans
    weight: 700
  monospace: Source Code Pro
"""


def posit_brand(folder: Path) -> Path:
    """Posit's brand.yml in ``folder``, with a wide logo beside it: the path to pass as --brand."""
    from PIL import Image, ImageDraw

    logo = folder / "logos" / "wide" / "posit-wide-color.png"
    logo.parent.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (480, 140), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 130, 130), fill="#447099")
    draw.rectangle((160, 45, 460, 95), fill="#404041")
    image.save(logo)
    path = folder / "_brand.yml"
    path.write_text(POSIT_BRAND)
    return path


def narrow_serif_font(source: Path, target: Path, family: str, squeeze: float = 0.78) -> Path:
    """A copy of a serif font file made narrower (every advance and outline x ``squeeze``) and
    renamed ``family``: a face that sets more characters a line than any the tests ship."""
    from fontTools.ttLib import TTFont

    with TTFont(source) as font:
        for name, (advance, lsb) in list(font["hmtx"].metrics.items()):
            font["hmtx"].metrics[name] = (round(advance * squeeze), round(lsb * squeeze))
        glyphs = font["glyf"]
        for name in font.getGlyphOrder():
            glyph = glyphs[name]
            if glyph.numberOfContours > 0:
                glyph.coordinates.scale((squeeze, 1.0))
                glyph.coordinates.toInt()
            elif glyph.isComposite():
                for component in glyph.components:
                    component.x = round(component.x * squeeze)
            glyph.recalcBounds(glyphs)
        for record in font["name"].names:
            if record.nameID in (1, 4, 16):
                record.string = family
            elif record.nameID == 6:
                record.string = family.replace(" ", "")
        font.save(str(target))
    return target
