"""CSS text: values from content and brand files written safely into stylesheets, and the
``@page`` rules of stylesheets, which name formats rather than every paper."""

from __future__ import annotations

import re

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
