"""Is this an English word? pyspellchecker's bundled frequency list answers offline.

Used so that typo repair leaves real words alone ("pension" is not a misspelt "person":
it is a question the policy may simply not cover).
"""

from __future__ import annotations

from functools import cache

from spellchecker import SpellChecker


@cache
def _checker() -> SpellChecker:
    return SpellChecker(language="en", distance=1)


def is_english_word(word: str) -> bool:
    return bool(_checker().known([word]))


def preload() -> None:
    """Load the word list at start-up (~0.2 s) rather than inside someone's first answer."""
    _checker()
