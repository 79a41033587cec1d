"""CSS text: values from content and brand files written safely into stylesheets, and the
``@page`` rules of stylesheets, which name formats rather than every paper."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

# Everything that could end a CSS string or an HTML <style> element, or that CSS reads as a line
# end (CR and form feed as well as LF): written as a hex escape.
_ESCAPE = re.compile(r"[\"'\\<>&\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_PAGE_RULE = re.compile(r"@page\s+([a-z][a-z0-9-]*(?:\s*,\s*[a-z][a-z0-9-]*)*)\s*\{")


def decode_css(css: str) -> str:
    """CSS with its escapes decoded, as a browser reads it."""

    def decode(match: re.Match[str]) -> str:
        if match.group(1):
            point = int(match.group(1), 16)
            return chr(point) if 0 < point <= 0x10FFFF and not 0xD800 <= point <= 0xDFFF else "\ufffd"
        return match.group(2)

    return _CSS_ESCAPE.sub(decode, css)


def css_string(value: str) -> Markup:
    """Text as a quoted CSS string, safe inside an HTML <style> element."""
    escaped = _ESCAPE.sub(lambda m: f"\\{ord(m.group()) or 0xFFFD:x} ", str(value))
    return Markup(f'"{escaped}"')


def expand_page_rules(css: str) -> str:
    """``@page handout { ... }`` applies to every paper and orientation of the handout format,
    ``@page handout-a5 { ... }`` to both orientations of A5 (see ``formats.page_groups``); other
    page names are left as they are."""
    from generator.formats import page_groups

    groups = page_groups()

    def expand(match: re.Match[str]) -> str:
        names = [name.strip() for name in match.group(1).split(",")]
        pages = [page for name in names for page in groups.get(name, (name,))]
        return f"@page {', '.join(pages)} {{"

    return _PAGE_RULE.sub(expand, css)


# Right to left: WeasyPrint keeps page-margin boxes, and page margins, on their physical side, so
# each named page has a mirrored twin for right-to-left documents (``Section.page_name``).
RTL_PAGE = "-rtl"
_SIDES = {"left": "right", "right": "left"}
_FOUR_SIDED = {"margin", "padding", "border-width", "border-style", "border-color", "bleed"}
_ISOLATE, _POP = '"\\2067"', '"\\2069"'  # RIGHT-TO-LEFT ISOLATE, POP DIRECTIONAL ISOLATE
_LTR_ISOLATE = '"\\2066"'  # LEFT-TO-RIGHT ISOLATE
# A bilingual edition of two writing directions (Urdu and English) says its page number twice,
# each language's phrase whole in its own direction ("Page 1 of 3 / صفحہ 1 از 3"): each named
# page has a twin whose page counters are shown so (``two_phrase_page_rules``).
TWO_PHRASE_PAGE = "-two"
SECOND_PAGE_WORDS = "page2-"  # the second language's running strings: page2-before, ...


def _swap_sides(name: str) -> str:
    """'bottom-left' -> 'bottom-right', 'margin-right' -> 'margin-left', 'left-top' -> 'right-top'."""
    return "-".join(_SIDES.get(part, part) for part in name.split("-"))


def mirrored_page_rules(css: str) -> str:
    """The right-to-left twin of every named ``@page`` rule in ``css``: each name with ``-rtl``
    added, left and right swapped (margin boxes, margins, paddings, borders, text alignment), the
    margin boxes' text right to left and each running string in them a right-to-left isolate
    (U+2067 ... U+2069), so an English organisation name beside the Urdu credit keeps its place,
    and a credit that starts with an English name still reads from the right. Rules that
    name no page (``@page { ... }``) apply to both directions and are not repeated."""
    import tinycss2

    rules = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if getattr(rule, "lower_at_keyword", None) != "page" or rule.content is None:
            continue
        selectors = tinycss2.serialize(rule.prelude).split(",")
        names = [s.strip() for s in selectors]
        if not all(name and name[0] != ":" for name in names):
            continue
        mirrored = []
        for name in names:
            page, colon, pseudo = name.partition(":")
            mirrored.append(f"{page}{RTL_PAGE}{colon}{pseudo}")
        body = _mirrored_block(rule.content)
        rules.append(f"@page {', '.join(mirrored)} {{{body}}}")
    return "\n".join(rules) + "\n" if rules else ""


def two_phrase_page_rules(css: str) -> str:
    """The twin of every named ``@page`` rule in ``css`` (right-to-left twins included) for a
    bilingual edition whose two languages are written in different directions: each name with
    ``-two`` added, and each margin box's page number ("string(page-before) counter(page) ...")
    given twice, the first language's words in an isolate of the page's direction, then " / ",
    then the same counters among the second language's strings (``page2-before`` ...) in an
    isolate of the other direction. One phrase with the two languages' words around one pair of
    numbers reads backwards in one of them ("3 of / از 1 Page / صفحہ")."""
    import tinycss2

    rules = []
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if getattr(rule, "lower_at_keyword", None) != "page" or rule.content is None:
            continue
        names = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
        if not all(name and name[0] != ":" for name in names):
            continue
        for name in names:
            page, colon, pseudo = name.partition(":")
            isolates = (_ISOLATE, _LTR_ISOLATE) if page.endswith(RTL_PAGE) else (_LTR_ISOLATE, _ISOLATE)
            body = _two_phrase_block(rule.content, isolates)
            rules.append(f"@page {page}{TWO_PHRASE_PAGE}{colon}{pseudo} {{{body}}}")
    return "\n".join(rules) + "\n" if rules else ""


def _two_phrase_block(content: list[Any], isolates: tuple[str, str]) -> str:
    import tinycss2

    parts = []
    for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if node.type == "at-rule":
            inner = _two_phrase_block(node.content or [], isolates)
            parts.append(f"@{node.lower_at_keyword} {{{inner}}}")
        elif node.type == "declaration":
            value = tinycss2.serialize(node.value).strip()
            important = " !important" if node.important else ""
            if node.lower_name == "content" and "counter(page)" in value:
                # Each phrase whole in one isolate: the isolates a mirrored rule put around each
                # of its strings, nested in it, turn the numbers round again (WeasyPrint 70).
                kept = [t for t in node.value if not (t.type == "string" and t.value in "\u2067\u2069")]
                plain = tinycss2.serialize(
                    [t for n, t in enumerate(kept) if not (n and t.type == kept[n - 1].type == "whitespace")]
                ).strip()
                second = plain.replace("string(page-", f"string({SECOND_PAGE_WORDS}")
                value = f'{isolates[0]} {plain} {_POP} " / " {isolates[1]} {second} {_POP}'
            parts.append(f"{node.lower_name}: {value}{important};")
    return " ".join(parts)


def _mirrored_block(content: list[Any]) -> str:
    import tinycss2

    parts = []
    for node in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if node.type == "at-rule":
            inner = _mirrored_block(node.content or [])
            parts.append(f"@{_swap_sides(node.lower_at_keyword)} {{{inner} direction: rtl; }}")
        elif node.type == "declaration":
            parts.append(f"{_mirrored_declaration(node)};")
    return " ".join(parts)


def _mirrored_declaration(declaration: object) -> str:
    import tinycss2

    name: str = declaration.lower_name  # type: ignore[attr-defined]
    value: list[Any] = declaration.value  # type: ignore[attr-defined]
    important = " !important" if declaration.important else ""  # type: ignore[attr-defined]
    tokens = [t for t in value if t.type not in ("whitespace", "comment")]
    if name in _FOUR_SIDED and len(tokens) == 4:
        tokens = [tokens[0], tokens[3], tokens[2], tokens[1]]
        text = " ".join(tinycss2.serialize([t]) for t in tokens)
    elif name == "text-align":
        text = " ".join(_SIDES.get(t.serialize(), t.serialize()) for t in tokens)
    elif name == "content":
        text = " ".join(
            f"{_ISOLATE} {t.serialize()} {_POP}"
            if t.type == "function" and t.lower_name == "string"
            else t.serialize()
            for t in tokens
        )
    else:
        text = tinycss2.serialize(value).strip()
    return f"{_swap_sides(name)}: {text}{important}"
