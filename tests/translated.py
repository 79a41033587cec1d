# ruff: noqa: RUF001  (Urdu text: its full stop is U+06D4 on purpose)
"""A tiny project with a throwaway translation, for the translation tests: one short document
(``leaflet``), its easy read, and their Urdu translation (a draft), nothing else but the brands."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.project import builtin_dir

DOCUMENT = """---
title: Working together
language: en-GB
summary: How we work together.
date: 2026-11-02
key_points:
  - We listen.
  - We share power.
---

## Why

We work together because it helps.

- Listen first.
- Share power.
"""

URDU = """---
title: مل کر کام کرنا
status: draft
summary: ہم مل کر کیسے کام کرتے ہیں۔
date: 2026-11-02
key_points:
  - ہم سنتے ہیں۔
  - ہم طاقت بانٹتے ہیں۔
---

## کیوں

ہم مل کر کام کرتے ہیں کیونکہ اس سے مدد ملتی ہے۔

- پہلے سنیں۔
- طاقت بانٹیں۔
"""

EASY_READ = """---
title: Working together
summary: How we work with you.
key_points:
  - picture: handshake
    alt: 2 hands shaking
    text: We work together.
---

## About this

- ![2 hands shaking](openmoji:handshake)
  We work together.

- ![An ear](openmoji:ear)
  We listen to you.
"""

URDU_EASY_READ = """---
title: مل کر کام کرنا
language: ur
status: draft
summary: ہم آپ کے ساتھ کیسے کام کرتے ہیں۔
key_points:
  - picture: handshake
    alt: ہاتھ ملاتے دو ہاتھ
    text: ہم مل کر کام کرتے ہیں۔
---

## اس کے بارے میں

- ![ہاتھ ملاتے دو ہاتھ](openmoji:handshake)
  ہم مل کر کام کرتے ہیں۔

- ![ایک کان](openmoji:ear)
  ہم آپ کی بات سنتے ہیں۔
"""

POLISH = """---
title: Pracujemy razem
language: pl
status: draft
summary: Jak pracujemy razem.
date: 2026-11-02
key_points:
  - Słuchamy.
  - Dzielimy się władzą.
---

## Dlaczego

Pracujemy razem, bo to pomaga.

- Najpierw słuchaj.
- Dziel się władzą.
"""

POLISH_EASY_READ = """---
title: Pracujemy razem
status: draft
summary: Jak pracujemy z tobą.
key_points:
  - picture: handshake
    alt: 2 ręce w uścisku
    text: Pracujemy razem.
---

## O tym

- ![2 ręce w uścisku](openmoji:handshake)
  Pracujemy razem.

- ![Ucho](openmoji:ear)
  Słuchamy cię.
"""

FILES = {
    "leaflet.md": DOCUMENT,
    "leaflet.ur.md": URDU,
    "leaflet.easy-read.md": EASY_READ,
    "leaflet.easy-read.ur.md": URDU_EASY_READ,
}


def translated_project(folder: Path, files: dict[str, str] | None = None) -> Path:
    """``folder`` made a project: the built-in brands and ``files`` (default ``FILES``) in
    content/charter/. Returns the charter folder."""
    shutil.copytree(builtin_dir("content") / "brands", folder / "content" / "brands")
    charter = folder / "content" / "charter"
    charter.mkdir(parents=True)
    for name, text in (FILES if files is None else files).items():
        (charter / name).write_text(text, encoding="utf-8")
    return charter
