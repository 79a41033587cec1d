"""A document's blocks: each heading, paragraph, easy-read point and picture choice, with a short
code, its file and line, and a fingerprint of its words.

Sign-off records the fingerprints (``generator.signoff``); review sheets print the codes
(``generator.review``). A code names a block by its place: ``AA-1.2`` is point 2 under the easy
read's heading 1 (``AA-1``) of ``appendix-a``; ``AA-P3`` is paragraph 3 and ``AA-H2`` heading 2 of
the full text. Fingerprints ignore how lines are wrapped, nothing else.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.easyread import load_easy_read
from generator.filenames import easy_read_path, file_language
from generator.markdown import parse
from generator.yamlfile import YamlFile, split_front_matter

# Recorded fingerprints, as sign-off and translation records keep them:
# (file name, ((code, kind), fingerprint) ...) ...
Fingerprints = tuple[tuple[str, tuple[tuple[tuple[str, str], str], ...]], ...]

KINDS = ("heading", "paragraph", "point", "picture")


@dataclass(frozen=True)
class Block:
    """One block a reader sees, and what its fingerprint is made from."""

    code: str
    kind: str  # one of KINDS
    source: Path
    line: int
    text: str
    # What the block is in its file's structure, finer than its kind ('list item', 'level-2
    # heading', 'key point'): a translation has the same shapes in the same order.
    shape: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.code, self.kind)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.kind, self.text)

    @property
    def where(self) -> str:
        """``appendix-a.easy-read.md:42``: the file's name and the block's line."""
        return f"{self.source.name}:{self.line}"


def fingerprint(kind: str, text: str) -> str:
    """16 hex digits of SHA-256 over the kind and the words, spaces and line breaks evened out."""
    words = " ".join(text.split())
    return hashlib.sha256(f"{kind}\n{words}".encode()).hexdigest()[:16]


def code_prefix(doc_id: str) -> str:
    """``appendix-a`` -> ``AA``: the first letter of each part of the id (two letters for one part)."""
    parts = [p for p in re.split(r"-+", doc_id) if p]
    letters = "".join(p[0] for p in parts) if len(parts) > 1 else doc_id[:2]
    return letters.upper()


def full_blocks(path: Path) -> list[Block]:
    """The full text's blocks: title, summary and key points, then the body's headings and
    paragraphs (list items and quotes included) in order."""
    meta, body, body_line = split_front_matter(path)
    prefix = code_prefix(path.name.split(".")[0])  # a translation's codes are its source's
    blocks = _front_blocks(meta, path, f"{prefix}-F")
    headings = paragraphs = 0
    tokens = parse(body, {}, path, body_line)  # a translation is held to the limits of its source
    containers: list[str] = []  # the open lists and quotes around a token
    for index, token in enumerate(tokens):
        line = token.map[0] + body_line if token.map else body_line
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            containers.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            containers.pop()
        elif token.type == "heading_open":
            headings += 1
            text, shape = tokens[index + 1].content, f"level-{token.tag[1:]} heading"
            blocks.append(Block(f"{prefix}-H{headings}", "heading", path, line, text, shape))
        elif token.type == "tr_open":  # a table row: its cells, in order
            paragraphs += 1
            end = next(i for i in range(index, len(tokens)) if tokens[i].type == "tr_close")
            cells = [t.content for t in tokens[index:end] if t.type == "inline"]
            blocks.append(
                Block(f"{prefix}-P{paragraphs}", "paragraph", path, line, " | ".join(cells), "table row")
            )
        elif token.type == "paragraph_open" or token.type in ("fence", "code_block"):
            paragraphs += 1
            text = tokens[index + 1].content if token.type == "paragraph_open" else token.content
            shape = _SHAPES[containers[-1]] if containers else "paragraph"
            shape = shape if token.type == "paragraph_open" else "code block"
            blocks.append(Block(f"{prefix}-P{paragraphs}", "paragraph", path, line, text, shape))
    return blocks


# A paragraph's shape by what holds it.
_SHAPES = {
    "bullet_list_open": "list item",
    "ordered_list_open": "numbered list item",
    "blockquote_open": "quote",
}


def _front_blocks(meta: YamlFile, path: Path, prefix: str) -> list[Block]:
    """Title, summary and text key points of a full document (codes ``AA-FT``, ``AA-FS``, ``AA-FK1``)."""
    blocks = []
    for key, code, kind in (("title", "T", "heading"), ("summary", "S", "paragraph")):
        if meta.text(key):
            blocks.append(
                Block(f"{prefix}{code}", kind, path, meta.line(key) or 1, meta.text(key) or "", key)
            )
    for index, point in enumerate(meta.get("key_points") or []):
        line = meta.line("key_points", index) or 1
        blocks.append(Block(f"{prefix}K{index + 1}", "point", path, line, str(point), "key point"))
    return blocks


def easy_read_blocks(path: Path) -> list[Block]:
    """The easy read's blocks: title, summary, the poster's key points (each a point and its
    picture), each heading, each point and its picture, and each glossary entry."""
    doc = load_easy_read(path, file_language(path.name))  # a translation's read as one
    meta, _, _ = split_front_matter(path)
    prefix = code_prefix(doc.id)
    blocks = []
    if doc.title:
        blocks.append(Block(f"{prefix}-T", "heading", path, meta.line("title") or 1, doc.title, "title"))
    if doc.summary:
        blocks.append(
            Block(f"{prefix}-S", "paragraph", path, meta.line("summary") or 1, doc.summary, "summary")
        )
    for number, key in enumerate(doc.key_points, 1):
        code = f"{prefix}-K{number}"
        picture_line = meta.line("key_points", number - 1, "picture") or key.line
        blocks.append(Block(code, "point", path, key.line, key.text, "key point"))
        choice = picture_choice(key.picture, key.alt)
        blocks.append(Block(code, "picture", path, picture_line, choice, "key point's picture"))
    for part_number, part in enumerate(doc.parts, 1):
        blocks.append(Block(f"{prefix}-{part_number}", "heading", path, part.line, part.heading, "heading"))
        for point_number, point in enumerate(part.points, 1):
            code = f"{prefix}-{part_number}.{point_number}"
            blocks.append(Block(code, "point", path, point.sentences[0].line, point.text, "point"))
            if point.picture is not None:
                choice = picture_choice(point.picture, point.alt)
                blocks.append(Block(code, "picture", path, point.line, choice, "point's picture"))
    for number, entry in enumerate(doc.glossary, 1):
        text = f"{entry.term}: {entry.meaning}"
        blocks.append(Block(f"{prefix}-G{number}", "paragraph", path, entry.line, text, "glossary entry"))
    return blocks


def picture_choice(picture: Path, alt: str) -> str:
    """What a picture block's fingerprint is made from: the picture's file name and its alt text."""
    return f"{picture.name}\n{alt}"


def document_blocks(document_path: Path) -> list[Block]:
    """Every block of a document: its full text, then its easy read (when it has one)."""
    blocks = full_blocks(document_path)
    easy = easy_read_path(document_path)
    if easy.is_file():
        blocks += easy_read_blocks(easy)
    return blocks


def record_text(header: str, fields: dict[str, object], blocks: list[Block]) -> str:
    """A record of ``blocks``' fingerprints (a sign-off, a translation's acceptance): ``header``
    (comment lines), ``fields``, then ``blocks:`` by file, code and kind. YAML; the same
    blocks give the same text."""
    import yaml

    files: dict[str, dict[str, dict[str, str]]] = {}
    for block in blocks:
        files.setdefault(block.source.name, {}).setdefault(block.code, {})[block.kind] = block.fingerprint
    data = {**fields, "blocks": files}
    return header + yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=None
    )


def read_fingerprints(data: YamlFile, again: str) -> Fingerprints:
    """The ``blocks:`` of a record (see ``record_text``); a mistake names its line and says
    ``again``, the command that writes the record anew."""
    raw = data.get("blocks")
    if not isinstance(raw, dict):
        raise data.error(f"'blocks' must list each file's block fingerprints. {again}", "blocks")
    files = []
    for name, codes in raw.items():
        if not isinstance(codes, dict):
            raise data.error(f"'{name}' must map block codes to fingerprints.", "blocks", name)
        entries = []
        for code, kinds in codes.items():
            if not isinstance(kinds, dict) or not all(
                k in KINDS and isinstance(v, str) for k, v in kinds.items()
            ):
                raise data.error(
                    f"block {code} must be '{{kind: fingerprint}}' with kinds {', '.join(KINDS)}. {again}",
                    "blocks",
                    name,
                    code,
                )
            entries += [((str(code), kind), value) for kind, value in kinds.items()]
        files.append((str(name), tuple(entries)))
    return tuple(files)
