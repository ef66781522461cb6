"""What a run of forms reads again and again, remembered within bounds.

Every form of a template shares most of its bytes with the others: the workbook and styles
parts, the skeleton of each sheet, its labels and formulas. The reader remembers what it made
of them, keyed by the bytes themselves (never by a checksum a forger could match), and forgets
everything at once past a number of entries or of key bytes: memory stays flat whatever a
run holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A bounded dict: ``entries`` at most, and keys of ``size`` bytes in all at most."""

    def __init__(self, entries: int, size: int) -> None:
        self.found: dict[K, V] = {}
        self.entries = entries
        self.size = size
        self.used = 0

    def get(self, key: K) -> V | None:
        return self.found.get(key)

    def __contains__(self, key: K) -> bool:
        return key in self.found

    def unseen(self, keys: Iterable[K]) -> set[K]:
        """The keys not remembered (a set difference, at C speed)."""
        return set(keys).difference(self.found)

    def put(self, key: K, value: V, size: int) -> None:
        """Remember ``value`` for ``key``, whose bytes count ``size`` against the budget."""
        if len(self.found) >= self.entries or self.used + size > self.size:
            self.found.clear()
            self.used = 0
        self.found[key] = value
        self.used += size
