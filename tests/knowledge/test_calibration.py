"""The calibrated abstention model: shipped coefficients, read strictly."""

from __future__ import annotations

import dataclasses

import pytest

from knowledge.calibration import Calibration, Evidence, load_calibration

STRONG = Evidence(
    coverage=0.9,
    log_bm25=2.5,
    cosine=0.7,
    bank=0.85,
    out_of_scope=0.2,
    lexical_rule=1.0,
    other_council_gap=-0.1,
    words=4.0,
    elsewhere=0.3,
    vote=0.9,
)
WEAK = Evidence(
    coverage=0.1,
    log_bm25=0.5,
    cosine=0.15,
    bank=0.3,
    out_of_scope=0.8,
    lexical_rule=0.0,
    other_council_gap=0.3,
    words=4.0,
    elsewhere=0.8,
    vote=0.0,
)


@pytest.mark.parametrize("banked", [True, False])
def test_the_shipped_models_separate_clear_cases(banked: bool) -> None:
    model = load_calibration().of(banked)
    assert model.probability(STRONG) > 0.9 > model.threshold
    assert model.probability(WEAK) < 0.1 < model.threshold
    assert 0.2 <= model.threshold <= 0.9


def test_councils_the_bank_barely_knows_have_a_model_of_their_own() -> None:
    models = load_calibration()
    assert models.unbanked != models.banked


@pytest.mark.parametrize("banked", [True, False])
@pytest.mark.parametrize(
    ("name", "better"),
    [("cosine", 0.9), ("bank", 0.95), ("coverage", 1.0), ("out_of_scope", 0.0), ("vote", 1.0)],
)
def test_more_evidence_never_lowers_the_probability(name: str, better: float, banked: bool) -> None:
    model = load_calibration().of(banked)
    middle = Evidence(
        *[
            (a + b) / 2
            for a, b in zip(dataclasses.astuple(STRONG), dataclasses.astuple(WEAK), strict=True)
        ]
    )
    improved = dataclasses.replace(middle, **{name: better})
    assert model.probability(improved) > model.probability(middle)


def test_a_coefficient_file_missing_a_feature_is_refused() -> None:
    with pytest.raises(ValueError, match="no weight for"):
        Calibration.from_toml("bias = 0\nthreshold = 0.5\n[weights]\ncoverage = 1.0\n")
