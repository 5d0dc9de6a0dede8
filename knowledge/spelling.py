"""Is this an English word? pyspellchecker's bundled frequency list answers offline.

Used so that typo repair leaves real words alone ("pension" is not a misspelt "person":
it is a question the policy may simply not cover).
"""

from __future__ import annotations

import math
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


#: Log inverse frequencies (in pyspellchecker's English counts) that bound `rarity`: a
#: word at or below COMMON ("one", "put", "take") is chat filler, one at or above RARE
#: ("pension", "mileage", "broadband") names a topic.
COMMON_LOG_IDF = 6.0
RARE_LOG_IDF = 12.0
#: Even the commonest unknown word keeps some weight: it may still be the topic.
MIN_RARITY = 0.4


@cache
def rarity(word: str) -> float:
    """0.2..1: how much a word the policy never uses says about the question's topic.

    A policy's own IDF cannot weigh words it lacks; everyday English frequency can: "happens",
    "often" or "friday" are filler, "payslip" or "maternity" are what the question is about.
    """
    frequency = _checker().word_frequency
    log_idf = math.log(frequency.total_words / (frequency[word] + 1))
    share = (log_idf - COMMON_LOG_IDF) / (RARE_LOG_IDF - COMMON_LOG_IDF)
    return min(1.0, max(MIN_RARITY, share))
