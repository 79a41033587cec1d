"""Colour maths: parsing CSS colours, WCAG 2.2 contrast, and the nearest shade that passes.

Colours are read with coloraide, which knows every form CSS Color 4 allows (hex with alpha,
``rgb()``, ``hsl()``, ``hwb()``, ``lab()``, ``lch()``, ``oklab()``, ``oklch()``, ``color()``,
named colours, ``transparent``): each is mapped into sRGB's gamut and, when it is see-through,
laid over what it is printed on (white paper unless said otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass

AA_TEXT = 4.5
AA_LARGE_TEXT = 3.0


@dataclass(frozen=True)
class Colour:
    """An opaque sRGB colour, channels 0-255."""

    r: int
    g: int
    b: int

    @classmethod
    def parse(cls, value: str, over: Colour | None = None) -> Colour:
        """A CSS Color 4 colour as printed on ``over`` (white paper by default): a colour with
        alpha is blended with it, ``transparent`` is ``over`` itself. Raises ValueError."""
        from coloraide import Color

        try:
            parsed = Color(value.strip())
        except (ValueError, TypeError):
            raise ValueError(f"'{value}' is not a colour") from None
        srgb = parsed.convert("srgb").fit("srgb")
        alpha = srgb.alpha()
        ground = over or WHITE
        channels = [
            min(1.0, max(0.0, c)) * alpha + g / 255 * (1 - alpha)
            for c, g in zip(srgb.coords(), ground.rgb, strict=True)
        ]
        return cls(*(round(c * 255) for c in channels))

    @staticmethod
    def transparent(value: str) -> bool:
        """The colour has no opacity at all (``transparent``, or any alpha of 0)."""
        from coloraide import Color

        try:
            return bool(Color(value.strip()).alpha() == 0)
        except (ValueError, TypeError):
            return False

    @property
    def hex(self) -> str:
        return f"#{self.r:02x}{self.g:02x}{self.b:02x}"

    @property
    def luminance(self) -> float:
        """WCAG relative luminance."""

        def linear(channel: int) -> float:
            c = channel / 255
            return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

        return 0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)

    def mix(self, other: Colour, amount: float) -> Colour:
        """This colour moved ``amount`` (0-1) of the way towards ``other``."""
        return Colour(*(round(a + (b - a) * amount) for a, b in zip(self.rgb, other.rgb, strict=True)))

    @property
    def rgb(self) -> tuple[int, int, int]:
        return (self.r, self.g, self.b)


BLACK = Colour(0, 0, 0)
WHITE = Colour(255, 255, 255)


def contrast(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio between two colours (1 to 21)."""
    light, dark = sorted((a.luminance, b.luminance), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def nearest_passing(colour: Colour, background: Colour, ratio: float = AA_TEXT) -> Colour:
    """The shade of ``colour`` closest to it that reaches ``ratio`` against ``background``.

    Tries darker and lighter shades in 1% steps and keeps the smaller change, so a brand's
    hue survives; returns the colour itself when it already passes.
    """
    if contrast(colour, background) >= ratio:
        return colour
    for step in range(1, 101):
        amount = step / 100
        for target in (BLACK, WHITE):
            shade = colour.mix(target, amount)
            if contrast(shade, background) >= ratio:
                return shade
    return BLACK if contrast(BLACK, background) >= contrast(WHITE, background) else WHITE


def readable_on(background: Colour, preferred: Colour = WHITE) -> Colour:
    """Text colour for a coloured band: ``preferred`` if it passes AA, else black or white."""
    if contrast(preferred, background) >= AA_TEXT:
        return preferred
    return BLACK if contrast(BLACK, background) >= contrast(WHITE, background) else WHITE
