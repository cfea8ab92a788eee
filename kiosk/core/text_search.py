"""Name search rules: accent- and case-insensitive text, and trigram similarity.

``normalise_name`` is what the SQLite database stores beside each name (PostgreSQL does the
same with ``unaccent(lower(...))``); ``word_similarity`` mirrors pg_trgm's function of that
name, so a misspelt name ranks the same way on both databases.
"""

from __future__ import annotations

import itertools
import math
import unicodedata

# pg_trgm's default ``word_similarity_threshold``.
WORD_SIMILARITY_THRESHOLD = 0.6
# Letters that NFKD does not decompose into a base letter and an accent.
_EXTRA_FOLDS = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "þ": "th"})


def normalise_name(text: str) -> str:
    """Lower case, no accents, single spaces: "  Zoë  O'Brien" -> "zoe o'brien"."""
    folded = unicodedata.normalize("NFKD", text.casefold()).translate(_EXTRA_FOLDS)
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(bare.split())


def _words(text: str) -> list[str]:
    # pg_trgm splits on anything that is not alphanumeric.
    out, word = [], []
    for ch in text:
        if ch.isalnum():
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    if word:
        out.append("".join(word))
    return out


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: each word padded with two spaces before and one after."""
    grams: set[str] = set()
    for word in _words(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def word_similarity(query: str, text: str) -> float:
    """How well ``query`` matches some run of words in ``text`` (0..1).

    A simplification of pg_trgm's ``word_similarity``: the best over each word of ``text``
    and each pair of neighbouring words, of shared trigrams / trigrams of the query.
    """
    wanted = trigrams(query)
    if not wanted:
        return 0.0
    words = _words(text)
    candidates = words + [f"{a} {b}" for a, b in itertools.pairwise(words)]
    best = 0
    for candidate in candidates:
        best = max(best, len(wanted & trigrams(candidate)))
    return best / len(wanted)


def trigrams_to_match(query_trigrams: int) -> int:
    """The fewest shared trigrams a text needs for ``word_similarity`` to reach the threshold."""
    if query_trigrams <= 0:
        return 0
    needed = math.ceil(WORD_SIMILARITY_THRESHOLD * query_trigrams)
    # The comparison is ``shared / n >= threshold`` in floating point: agree with it exactly.
    while needed > 0 and (needed - 1) / query_trigrams >= WORD_SIMILARITY_THRESHOLD:
        needed -= 1
    while needed / query_trigrams < WORD_SIMILARITY_THRESHOLD:
        needed += 1
    return needed


def name_matches(query: str, name: str) -> bool:
    """The rule of the database search, for a list already in memory (the live roster):
    part of the name ignoring case and accents, or (four letters or more) a similar word."""
    q, n = normalise_name(query), normalise_name(name)
    if not q or q in n:
        return True
    return len(q) >= 4 and word_similarity(q, n) >= WORD_SIMILARITY_THRESHOLD
