"""Easy read's capitals rule at its boundary: two capitals are an acronym, one is a word."""

from __future__ import annotations

from generator.checks import _CAPS


def test_two_capitals_are_flagged_and_one_is_not() -> None:
    assert _CAPS.findall("Ask your GP. I can help. A nurse can too.") == ["GP"]
    assert _CAPS.findall("The NHS and GPs and A&E and Covid19") == ["NHS", "GPs", "A&E"]
    assert _CAPS.findall("Nurses help. Doctors help.") == []
