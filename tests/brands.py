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
