"""Bounded, content-keyed caches for a long-lived process (a preview server, a pack's workers).

Every cache of the generator holds a bounded number of entries, dropping the least recently used,
and one made from a file is keyed by the file's content (``file_key``), so an edited font, logo or
stylesheet is read again and the entries of its old content age out.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Generic, TypeVar

V = TypeVar("V")


class Bounded(Generic[V]):
    """At most ``size`` entries; the least recently used goes first when a new one is added."""

    def __init__(self, size: int):
        if size < 1:
            raise ValueError("a cache holds one entry at least")
        self.size = size
        self._entries: OrderedDict[Hashable, V] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], V]) -> V:
        """The entry for ``key``, made by ``make()`` (and kept) when there is none."""
        if key in self._entries:
            return self[key]
        value = make()
        self.put(key, value)
        return value

    def put(self, key: Hashable, value: V) -> None:
        self._entries[key] = value
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def __getitem__(self, key: Hashable) -> V:
        self._entries.move_to_end(key)
        return self._entries[key]

    def pop(self, key: Hashable) -> V:
        return self._entries.pop(key)

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Hashable]:
        return iter(list(self._entries))


def file_key(path: Path) -> tuple[str, str]:
    """A file as a cache key: its path and the SHA-256 of its bytes ('' when it cannot be read,
    so the reader reports the problem)."""
    try:
        with path.open("rb") as handle:
            return str(path), hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return str(path), ""
