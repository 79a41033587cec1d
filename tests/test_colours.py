"""Brand colours: every CSS Color 4 form read, and each role given the brand's own colour where
one passes (4.5:1 for text, 3:1 for large headings), a new shade only when none does."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.brand import MARK_VISIBLE, Brand, load_brand, resolve_brand
from generator.colour import AA_LARGE_TEXT, AA_TEXT, WHITE, Colour, contrast
from generator.project import Project


def brand(tmp_path: Path, colours: str) -> Brand:
    path = tmp_path / "acme" / "_brand.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(f"meta:\n  name: Acme\ncolor:\n{colours}")
    return load_brand(resolve_brand(str(path), Project.discover()))


@pytest.mark.parametrize(
    ("css", "expected"),
    [
        ("#1f4e79", Colour(0x1F, 0x4E, 0x79)),
        ("rebeccapurple", Colour(102, 51, 153)),
        ("hsl(120 50% 50%)", Colour(64, 191, 64)),
        ("rgb(109 40 217)", Colour(109, 40, 217)),
        ("oklch(62.8% 0.2577 29.23)", Colour(255, 0, 0)),  # CSS red, written in OKLCH
        ("lab(54.29% 80.8 69.89)", Colour(255, 0, 0)),  # CSS lab() is D50
        ("#ff000080", Colour(255, 127, 127)),  # half see-through red on white paper
        ("transparent", WHITE),
    ],
)
def test_every_css_colour_form_is_read(css: str, expected: Colour) -> None:
    got = Colour.parse(css)
    assert max(abs(a - b) for a, b in zip(got.rgb, expected.rgb, strict=True)) <= 1


def test_alpha_is_blended_with_what_the_colour_is_printed_on() -> None:
    assert Colour.parse("#00000080", over=Colour(0, 0, 255)) == Colour(0, 0, 127)
    assert Colour.transparent("transparent") and Colour.transparent("#12345600")
    assert not Colour.transparent("#123456") and not Colour.transparent("nonsense")
    with pytest.raises(ValueError, match="not a colour"):
        Colour.parse("currentcolor")


def test_a_transparent_background_is_white_paper(tmp_path: Path) -> None:
    theme = brand(tmp_path, "  background: transparent\n  foreground: '#202020'\n").theme
    assert theme.background == "#ffffff" and not theme.dark


def test_a_yellow_secondary_is_not_darkened_for_footers(tmp_path: Path) -> None:
    acme = brand(tmp_path, "  primary: '#005eb8'\n  secondary: '#ffb81c'\n  tertiary: '#41b6e6'\n")
    assert acme.theme.muted == "#005eb8"  # the yellow and the pale blue fail 4.5:1; the primary passes
    assert acme.warnings == ()


def test_a_secondary_just_passing_is_used_and_one_just_failing_is_not(tmp_path: Path) -> None:
    grey = Colour(0x76, 0x76, 0x76)  # 4.54:1 on white
    paler = Colour(0x77, 0x77, 0x77)  # 4.48:1
    assert contrast(grey, WHITE) >= AA_TEXT > contrast(paler, WHITE)
    assert brand(tmp_path, f"  primary: '#003300'\n  secondary: '{grey.hex}'\n").theme.muted == grey.hex
    assert brand(tmp_path, f"  primary: '#003300'\n  secondary: '{paler.hex}'\n").theme.muted == "#003300"


def test_an_orange_primary_keeps_the_large_headings(tmp_path: Path) -> None:
    orange = Colour.parse("#ea580c")  # 3.6:1: enough for large headings, not for small text
    assert AA_LARGE_TEXT <= contrast(orange, WHITE) < AA_TEXT
    theme = brand(tmp_path, "  primary: '#ea580c'\n  secondary: '#7c2d12'\n").theme
    assert theme.heading == "#ea580c" and theme.accent == "#ea580c"
    assert theme.link == "#7c2d12" and theme.muted == "#7c2d12"
    too_pale = Colour(0x95, 0x95, 0x95)  # 2.96:1: not even a large heading
    assert contrast(too_pale, WHITE) < AA_LARGE_TEXT
    plain = brand(tmp_path, f"  foreground: '#111111'\n  primary: '{too_pale.hex}'\n")
    assert plain.theme.heading == "#111111"


def test_the_light_colour_is_the_panels_tint_when_text_reads_on_it(tmp_path: Path) -> None:
    assert brand(tmp_path, "  primary: '#005eb8'\n  light: '#e8edee'\n").theme.accent_soft == "#e8edee"
    # Too dark behind the text: a tint of the primary instead.
    assert brand(tmp_path, "  foreground: '#111111'\n  light: '#303030'\n").theme.accent_soft != "#303030"


def test_a_light_colour_the_links_fail_on_is_kept_and_panels_print_them_as_text(tmp_path: Path) -> None:
    blue, light = Colour.parse("#005eb8"), Colour.parse("#bcd4ea")  # 4.17:1 on each other
    assert contrast(blue, light) < AA_TEXT <= contrast(Colour.parse("#111111"), light)
    colours = f"  foreground: '#111111'\n  primary: '{blue.hex}'\n"
    theme = brand(tmp_path, f"{colours}  light: '{light.hex}'\n").theme
    assert theme.accent_soft == light.hex and theme.link == blue.hex
    assert theme.panel_link == theme.panel_muted == "#111111"
    assert theme.panel_heading == blue.hex  # large: 3:1 is enough
    # Where every colour reads on the tint, panels print the page's own.
    plain = brand(tmp_path, f"{colours}  light: '#e8edee'\n").theme
    p = plain
    assert (p.panel_heading, p.panel_link, p.panel_muted) == (p.heading, p.link, p.muted)
    assert p.panel_rule == "" and "--link: #111111;" in theme.panel_rule


def test_a_lime_secondary_too_pale_for_text_is_the_key_points_bar(tmp_path: Path) -> None:
    lime = Colour.parse("#84cc16")  # 2.0:1 on white: no text, not even a large heading
    assert MARK_VISIBLE <= contrast(lime, WHITE) < AA_LARGE_TEXT
    theme = brand(tmp_path, f"  primary: '#005eb8'\n  secondary: '{lime.hex}'\n").theme
    assert theme.mark == lime.hex
    assert lime.hex not in (theme.text, theme.heading, theme.link, theme.muted)
    # Taken by the footers (it passes 4.5:1): the tertiary has the bar.
    both = brand(tmp_path, f"  primary: '#005eb8'\n  secondary: '#4a5560'\n  tertiary: '{lime.hex}'\n")
    assert both.theme.muted == "#4a5560" and both.theme.mark == lime.hex


def test_the_bar_is_the_primary_when_no_brand_colour_is_left_or_seen(tmp_path: Path) -> None:
    seen = Colour(0xD2, 0xD2, 0xD2)  # 1.51:1 on white: just stands out
    faint = Colour(0xD3, 0xD3, 0xD3)  # 1.50:1 less a little: just does not
    assert contrast(seen, WHITE) >= MARK_VISIBLE > contrast(faint, WHITE)
    assert brand(tmp_path, f"  primary: '#005eb8'\n  secondary: '{seen.hex}'\n").theme.mark == seen.hex
    assert brand(tmp_path, f"  primary: '#005eb8'\n  secondary: '{faint.hex}'\n").theme.mark == "#005eb8"
    assert brand(tmp_path, "  primary: '#005eb8'\n  tertiary: '#fff8e1'\n").theme.mark == "#005eb8"  # cream
    # A secondary the footers print is not taken for the bar as well.
    taken = brand(tmp_path, "  primary: '#005eb8'\n  secondary: '#4a5560'\n").theme
    assert taken.muted == "#4a5560" and taken.mark == "#005eb8"


def test_a_shade_is_made_only_when_no_brand_colour_passes_and_named(tmp_path: Path) -> None:
    pale = brand(tmp_path, "  foreground: '#bbbbbb'\n  dark: '#cccccc'\n")
    (warning,) = pale.warnings
    assert "the foreground colour #bbbbbb is too pale for text on #ffffff" in warning
    assert f"using a new shade, {pale.theme.text}" in warning
    assert contrast(Colour.parse(pale.theme.text), WHITE) >= AA_TEXT
    # The brand's dark colour passes: it is the text, and nothing is made.
    assert brand(tmp_path, "  foreground: '#bbbbbb'\n  dark: '#222222'\n").theme.text == "#222222"


def test_oklch_and_lab_brand_colours_are_used(tmp_path: Path) -> None:
    theme = brand(tmp_path, "  foreground: 'oklch(25% 0.02 260)'\n  primary: 'lab(47% 76 5)'\n").theme
    assert contrast(Colour.parse(theme.text), WHITE) >= AA_TEXT
    assert theme.accent == Colour.parse("lab(47% 76 5)").hex


def test_strict_refuses_a_brand_warning_at_the_line_charter_check_gives(charter, tmp_path: Path) -> None:
    (tmp_path / "acme").mkdir()
    (tmp_path / "acme" / "_brand.yml").write_text(
        "meta:\n  name: Acme\ncolor:\n  primary: '#005eb8'\n"
        "  palette:\n    pale: '#b0b0b0'\n  foreground: pale\n"
    )
    check = charter("check", "acme/_brand.yml")
    assert "acme/_brand.yml:7: contrast: the foreground colour #b0b0b0 is too pale" in check.output
    build = charter("build", "--format", "handout", "--brand", "acme/_brand.yml", "--strict")
    assert build.exit_code == 1 and not (tmp_path / "output").exists()
    (line,) = [line for line in build.output.splitlines() if "too pale" in line]
    assert "acme/_brand.yml:7 (acme): the foreground colour #b0b0b0" in line and "--strict" in line
