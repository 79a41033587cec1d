"""The nearest passing shade at its edges (mutation testing, docs/testing.md): whole 1% steps, a
contrast exactly at the ratio passing, nothing beyond black and white, and the text colour of a
band when the preferred one fails."""

from __future__ import annotations

import pytest

from generator import colour
from generator.colour import BLACK, WHITE, Colour, contrast, nearest_passing, readable_on


def test_the_nearest_shade_moves_in_whole_percent_steps() -> None:
    # 30% of the way to black, exactly: steps of 1/101 would stop at #b36000.
    orange = Colour.parse("#ff8800")
    assert nearest_passing(orange, WHITE) == orange.mix(BLACK, 0.30) == Colour.parse("#b25f00")


def test_a_contrast_exactly_at_the_ratio_passes() -> None:
    grey = Colour.parse("#777777")
    assert nearest_passing(grey, WHITE, contrast(grey, WHITE)) == grey
    one_step = grey.mix(BLACK, 0.01)
    assert nearest_passing(grey, WHITE, contrast(one_step, WHITE)) == one_step


def test_when_no_shade_passes_the_answer_is_black_or_white_never_beyond() -> None:
    # On #737373 neither black (4.43) nor white (4.74) reaches 4.8; a channel past 255 (a 101%
    # step towards white) would.
    grey = Colour.parse("#737373")
    assert contrast(WHITE, grey) < 4.8 and contrast(BLACK, grey) < 4.8
    assert nearest_passing(BLACK, grey, 4.8) == WHITE


def test_a_band_where_the_preferred_text_fails_takes_white_when_white_reads_better() -> None:
    navy = Colour.parse("#000050")
    assert readable_on(navy, preferred=BLACK) == WHITE
    assert readable_on(Colour.parse("#ffee00"), preferred=WHITE) == BLACK


def test_a_band_keeps_its_preferred_text_exactly_at_aa(monkeypatch: pytest.MonkeyPatch) -> None:
    band = Colour.parse("#767676")  # white 4.54, black 4.63 on it
    monkeypatch.setattr(colour, "AA_TEXT", contrast(WHITE, band))
    assert readable_on(band) == WHITE
    monkeypatch.setattr(colour, "AA_TEXT", contrast(WHITE, band) + 0.001)
    assert readable_on(band) == BLACK
