"""Text in two languages (``Pair``), for a bilingual edition: a string that reads "first /
second" and keeps each half with its language and direction, so a template can set each half in
its own (``generator.typeset.halves``). Below the interface strings and the documents that hold
such text."""

from __future__ import annotations

from typing import Any

SEPARATOR = " / "  # between the halves of a Pair read as plain text
LTR = ("ltr", "ltr")


class Pair(str):
    """Text in two languages. As a string it is "first / second" (or the half there is); its
    ``halves``, ``languages`` and ``directions`` let a template set each half in its own language
    (and direction, where the two differ: Urdu and English)."""

    halves: tuple[str, str]
    languages: tuple[str, str]
    directions: tuple[str, str]

    def __new__(
        cls, first: str, second: str, languages: tuple[str, str], directions: tuple[str, str] = LTR
    ) -> Pair:
        pair = super().__new__(cls, SEPARATOR.join(half for half in (first, second) if half))
        pair.halves, pair.languages, pair.directions = (first, second), languages, directions
        return pair

    def __reduce__(self) -> tuple[Any, ...]:  # pickled for the workers of a pack build
        return (Pair, (*self.halves, self.languages, self.directions))
