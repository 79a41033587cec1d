"""generator.colour at its boundaries, both sides: WCAG AA contrast at 4.5 and 3, the nearest
passing shade (darker or lighter, whichever is nearer), text on a band, parsing and blending,
and the luminance curve's knee."""

from __future__ import annotations

import pytest

from generator.colour import (
    AA_LARGE_TEXT,
    AA_TEXT,
    BLACK,
    WHITE,
    Colour,
    contrast,
    nearest_passing,
    readable_on,
)

JUST_AA, JUST_NOT_AA = Colour.parse("#767676"), Colour.parse("#777777")  # 4.54 and 4.48 on white
JUST_LARGE, JUST_NOT_LARGE = Colour.parse("#949494"), Colour.parse("#959595")  # 3.03 and 2.995


def test_contrast_either_side_of_aa_text_and_large_text() -> None:
    assert contrast(JUST_AA, WHITE) == pytest.approx(4.542, abs=0.001)
    assert contrast(JUST_NOT_AA, WHITE) == pytest.approx(4.478, abs=0.001)
    assert contrast(JUST_AA, WHITE) >= AA_TEXT > contrast(JUST_NOT_AA, WHITE)
    assert contrast(JUST_LARGE, WHITE) >= AA_LARGE_TEXT > contrast(JUST_NOT_LARGE, WHITE)
    assert contrast(WHITE, JUST_AA) == contrast(JUST_AA, WHITE)
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast(JUST_AA, JUST_AA) == 1.0


def test_a_passing_colour_is_kept_and_a_failing_one_moves_one_step() -> None:
    assert nearest_passing(JUST_AA, WHITE) == JUST_AA
    assert nearest_passing(JUST_NOT_AA, WHITE) == Colour(118, 118, 118)
    assert nearest_passing(JUST_LARGE, WHITE, AA_LARGE_TEXT) == JUST_LARGE
    assert nearest_passing(JUST_NOT_LARGE, WHITE, AA_LARGE_TEXT) == Colour(148, 148, 148)


def test_on_a_dark_ground_the_nearest_shade_is_lighter() -> None:
    grey = Colour.parse("#555555")
    shade = nearest_passing(grey, BLACK)
    assert shade == Colour(117, 117, 117) and contrast(shade, BLACK) >= AA_TEXT
    assert shade.luminance > grey.luminance


def test_when_no_shade_passes_the_better_of_black_and_white() -> None:
    mid = Colour(119, 119, 119)
    assert nearest_passing(Colour(200, 0, 0), mid, 21.0) in (BLACK, WHITE)
    assert nearest_passing(Colour(200, 0, 0), Colour(250, 250, 250), 21.0) == BLACK
    assert nearest_passing(Colour(20, 0, 0), Colour(5, 5, 5), 21.0) == WHITE


def test_text_on_a_band_keeps_white_only_while_it_passes() -> None:
    assert readable_on(JUST_AA) == WHITE
    assert readable_on(JUST_NOT_AA) == BLACK
    assert readable_on(Colour(20, 20, 20)) == WHITE
    assert readable_on(Colour(250, 250, 0), preferred=BLACK) == BLACK


def test_parsing_hex_functions_alpha_and_transparent() -> None:
    assert Colour.parse("#fff") == WHITE and Colour.parse(" #1D3557 ") == Colour(29, 53, 87)
    assert Colour.parse("rgb(0 0 0 / 50%)") == Colour(128, 128, 128)  # blended with white paper
    assert Colour.parse("rgb(0 0 0 / 50%)", over=BLACK) == BLACK
    assert Colour.parse("transparent", over=Colour(1, 2, 3)) == Colour(1, 2, 3)
    assert Colour.parse("#000000ff") == BLACK and Colour.parse("#00000000") == WHITE
    for value in ("rgb(300 -20 0)", "color(srgb 2 -1 0.5)", "lab(150 200 -200)"):
        assert all(0 <= c <= 255 for c in Colour.parse(value).rgb), value
    for bad in ("", "#12", "nonsense", "rgb(1 2)"):
        with pytest.raises(ValueError, match="is not a colour"):
            Colour.parse(bad)
    assert Colour.transparent("transparent") and Colour.transparent("#0000")
    assert not Colour.transparent("#000") and not Colour.transparent("nonsense")


def test_luminance_either_side_of_the_curves_knee() -> None:
    assert Colour(10, 10, 10).luminance == pytest.approx(10 / 255 / 12.92)
    assert Colour(11, 11, 11).luminance == pytest.approx(((11 / 255 + 0.055) / 1.055) ** 2.4)
    assert Colour(255, 0, 0).luminance == pytest.approx(0.2126)
    assert Colour(0, 255, 0).luminance == pytest.approx(0.7152)
    assert Colour(0, 0, 255).luminance == pytest.approx(0.0722)


def test_hex_and_mix() -> None:
    assert Colour(29, 53, 87).hex == "#1d3557"
    assert Colour(0, 0, 0).mix(WHITE, 0.5) == Colour(128, 128, 128)
    assert Colour(10, 20, 30).mix(BLACK, 0.0) == Colour(10, 20, 30)
