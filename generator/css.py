"""Safe CSS text: values from content and brand files written into stylesheets."""

from __future__ import annotations

import re

from markupsafe import Markup

_ESCAPE = re.compile(r'["\\\n<>&]')


def css_string(value: str) -> Markup:
    """Text as a quoted CSS string, safe inside an HTML <style> element."""
    escaped = _ESCAPE.sub(lambda m: f"\\{ord(m.group()):x} ", str(value))
    return Markup(f'"{escaped}"')
