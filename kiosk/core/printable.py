"""Text from data (a student's name, a file name) made safe to show on a terminal.

A name holding ESC could recolour or clear the screen, CR could overwrite the line it is on,
a newline could forge a whole output line, and bidi overrides could reorder what is shown.
Such characters are shown as escapes (``\\x1b``, ``\\r``, ``\\n``, ``\\u202e``) instead.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# Not category Cc, but they change what a terminal shows: line/paragraph separators, bidi controls.
_FORMAT_CONTROLS = frozenset("\u2028\u2029\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters escaped; ``keep_newlines`` keeps line breaks (and tabs)
    for output that is made of lines on purpose."""
    kept = "\n\t" if keep_newlines else ""
    if text.isprintable() and not any(ch in _FORMAT_CONTROLS for ch in text):
        return text  # the common case, fast
    return "".join(
        _escape(ch) if ch not in kept and (unicodedata.category(ch) == "Cc" or ch in _FORMAT_CONTROLS) else ch
        for ch in text
    )
