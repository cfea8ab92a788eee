"""Yes/no answers as people write them in roster files, in the languages schools use.

Anything else is *not understood* (``None``), never quietly "no": a consent column saying
"vielleicht" must be asked about, not read as a refusal (or, worse, the other way round).
"""

from __future__ import annotations

import unicodedata

YES_WORDS = frozenset(
    {"yes", "y", "ja", "j", "oui", "sí", "si", "true", "wahr", "vrai", "verdadero", "1", "x"}
)
NO_WORDS = frozenset({"no", "n", "nein", "non", "false", "falsch", "faux", "falso", "0", "", "-"})


def parse_yes_no(text: str | None) -> bool | None:
    """``True`` for a yes, ``False`` for a no (an empty cell is a no), ``None`` when neither."""
    word = unicodedata.normalize("NFC", (text or "").strip().casefold())
    if word in YES_WORDS or word in {"✓", "✔"}:
        return True
    if word in NO_WORDS:
        return False
    return None


def yes_no_hint() -> str:
    """The accepted words, for a message."""
    return "yes/no, ja/nein, oui/non, sí/no, true/false, 1/0, or x/empty"
