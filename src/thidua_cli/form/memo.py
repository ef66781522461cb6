"""What a run of forms reads again and again, remembered within bounds.

Every form of a template shares most of its bytes with the others: the workbook and styles
parts, the skeleton of each sheet, its labels and formulas. The reader remembers what it made
of them, keyed by the bytes themselves (never by a checksum a forger could match), and forgets
everything at once past a number of entries or of key bytes: memory stays flat whatever a
run holds.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A bounded dict: ``entries`` at most, and keys of ``size`` bytes in all at most (a dict,
    so that looking up stays at C speed)."""

    def __init__(self, entries: int, size: int) -> None:
        super().__init__()
        self.entries = entries
        self.size = size
        self.used = 0

    def unseen(self, keys: Iterable[K]) -> set[K]:
        """The keys not remembered, at C speed (``set.difference`` would walk a dict subclass)."""
        return set(itertools.filterfalse(self.__contains__, keys))

    def put(self, key: K, value: V, size: int) -> None:
        """Remember ``value`` for ``key``, whose bytes count ``size`` against the budget."""
        if len(self) >= self.entries or self.used + size > self.size:
            self.clear()
            self.used = 0
        self[key] = value
        self.used += size
