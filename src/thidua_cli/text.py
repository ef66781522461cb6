"""Text from the outside world, cleaned in one place: cells, labels, names, console output.

- ``clean_text``: user text made safe for a cell (NFC, no control characters);
- ``normalize_text`` / ``label_key``: what two spellings of a label must share to match;
- ``shown``: a cell's content as a message quotes it;
- ``printable``: any outside text made harmless for a terminal (escape codes shown, not run).
"""

from __future__ import annotations

import re
import unicodedata

# Unicode whitespace (NBSP U+00A0, thin U+2009, narrow NBSP U+202F, ...) plus zero-width marks.
SPACES = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")
# Controls, surrogates, unassigned and private-use code points never belong in a cell.
_DROP = frozenset({"Cc", "Cs", "Cn", "Co"})
SHOWN_LENGTH = 40


def clean_text(text: str, *, multiline: bool = False) -> str:
    """User text made safe for a cell: NFC, no control characters; one line unless asked."""
    text = unicodedata.normalize("NFC", text)
    if multiline:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(clean_text(line) for line in lines).strip()
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch) not in _DROP
    )
    return " ".join(kept.split())


def normalize_text(text: str) -> str:
    """NFC, every run of whitespace (NBSP too) as one space, trimmed."""
    return SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def label_key(text: str) -> str:
    """What two spellings of one label share: NFC, spaces collapsed, case folded."""
    return normalize_text(text).casefold()


def shown(raw: object) -> str:
    """A cell's content as the user would recognise it in a message."""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    text = str(raw)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 3] + "..."


# Bidirectional overrides and isolates reorder what the terminal shows ("Trojan source").
_BIDI = frozenset(range(0x202A, 0x202F)) | frozenset(range(0x2066, 0x206A))


def printable(text: str, *, lines: bool = False) -> str:
    """Outside text (a file name, a unit name, a cell) as the console may show it.

    Control characters are written as escapes (``\\x1b``, a line break ``\\x0a``), so a
    file name cannot move the cursor or write the clipboard (OSC 52); a file name's
    undecodable bytes (lone surrogates) as ``\\udcxx``; bidirectional overrides as
    ``\\u202e``. ``lines``: line breaks and tabs are kept (a message's own list of files).
    """
    if text.isprintable():
        return text
    kept = "\n\t" if lines else ""
    out = []
    for ch in text:
        code = ord(ch)
        if ch.isprintable() or ch == " " or ch in kept:
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs") or code in _BIDI:
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(ch)  # other invisible marks (zero-width joiners, ...) are harmless
    return "".join(out)
