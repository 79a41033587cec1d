"""The user's cache folder: what earlier runs worked out and a later run may use again (brand
files validated by brand_yml, templates compiled by Jinja). Each entry is checked against what
it was made from before use and made again when missing, so the folder can be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_folder(name: str) -> Path:
    """``$XDG_CACHE_HOME/charter-handouts/<name>`` (``~/.cache/...`` when that is not set).

    A RuntimeError when there is no home folder to put it in."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "charter-handouts" / name
