"""Every tunable number of lexical ranking, abstention and quoting, in one place."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RankingConfig:
    """Every tunable number of ranking, abstention and quoting, in one place.

    Measured on ../shared/eval/dev.jsonl and our own question sets (tests/eval/own.jsonl
    and tests/knowledge/tune.jsonl); change one only with all three in view.
    """

    #: How many BM25 candidates go on to re-ranking.
    candidates: int = 25
    #: A clause answers only if it covers this share of the question's (IDF-weighted)
    #: meaning: below it the asker's policy is taken to be silent ...
    min_coverage: float = 0.35
    #: ... and matches at least this many different words of the question: one shared
    #: word ("office", "staff") is how out-of-scope questions look ...
    min_matched: int = 2
    #: ... unless it covers this much: a short question on one topic ("got a virus?").
    sure_coverage: float = 0.7
    #: A long chatty question may cover less, if its clause matches many of its words:
    #: three different words meeting in one clause are rarely a coincidence.
    broad_coverage: float = 0.22
    broad_matched: int = 3
    #: Weight of a word no policy and no synonym uses, relative to a policy word the
    #: asker's council lacks: it is as often a detail ("my hubby", "the skate park") as
    #: the topic, while a missing policy word means this council's policy is silent.
    detail_weight: float = 0.5
    #: ... and its BM25 score reaches this (a lone common word is not an answer).
    min_score: float = 4.0
    #: Coverage credit for a word matched only through a broader, implied term.
    implied_credit: float = 0.5
    #: Share of a clause's coverage that comes from its best single sentence (0: the
    #: clause as a bag of words; 1: the best sentence alone).
    sentence_share: float = 0.5
    #: How strongly coverage re-orders candidates: score * coverage ** coverage_power.
    coverage_power: float = 2.0
    #: Bonus for question words that stand together in the clause too, as a share of the
    #: question's adjacent word pairs: "copied to the Clerk" for "cc the clerk".
    proximity_bonus: float = 0.6
    #: How many words apart two terms may be and still count as together.
    proximity_window: int = 3
    #: Prior of a bare list lead-in ("... the following:"): it says little on its own.
    lead_in_prior: float = 0.6
    #: Prior of a clause that states a rule (must, should, permission ...).
    rule_prior: float = 1.15
    #: Boost for a clause giving the kind of answer the question's framing asks for
    #: ("who ..." and a clause naming the Clerk; see knowledge.intent).
    answer_kind_bonus: float = 0.5
    #: Prior of a clause describing the policy or defining a term (knowledge.intent.describes),
    #: unless the question asks what the policy covers.
    description_prior: float = 0.6
    #: Other councils scored when looking for a reference-only answer.
    reference_candidates: int = 5
    #: Longest quote; the rest of the clause is still in `text`.
    quote_chars: int = 350

    #: Words only: a bank question sharing this share of its terms with the question
    #: (Jaccard) answers it with its clause.
    word_bank_overlap: float = 0.5

    # -- the fused ranking (knowledge.fusion), when the semantic layer is on ----------
    #: Clauses nearest the question in meaning that join the BM25 candidates.
    semantic_candidates: int = 10
    #: Clauses whose bank questions are nearest the question that join them too.
    bank_candidates: int = 5
    #: fused = log(lexical / best lexical + lexical_floor) + semantic_weight * cosine
    #:         + bank_weight * max(0, bank cosine - bank_floor).
    #: The floor keeps a clause no word of the question reaches in the running.
    lexical_floor: float = 0.1
    semantic_weight: float = 3.0
    #: For a council few bank questions speak for (one imported from its own document,
    #: unlike any bundled policy), meaning carries the ranking: chosen on the bundled
    #: councils judged without their own bank (scripts/fit_calibration.py --unbanked).
    semantic_weight_unbanked: float = 15.0
    #: A council is "banked" when bank questions speak for this share of its clauses.
    banked_share: float = 0.5
    bank_weight: float = 10.0
    #: A bank question this far in meaning or further says nothing.
    bank_floor: float = 0.3
    #: Clauses after the first are cited (as related) only from this fused score up:
    #: below it no word, little meaning and no bank question support them. Costs no
    #: recall@3 on the tuning sets; shows 2% fewer related clauses.
    related_floor: float = -1.0


DEFAULT = RankingConfig()
