from __future__ import annotations

import pytest

from workbench.asr.wer import corpus_wer, normalise, word_error_rate


def test_normalise_ignores_case_punctuation_and_number_spelling() -> None:
    spoken = "Type two diabetes; metformin five hundred milligrams, aged sixty-five."
    written = "type 2 diabetes metformin 500 mg aged 65"
    assert normalise(spoken) == normalise(written)


def test_normalise_reads_decimals_and_percent_as_written() -> None:
    assert normalise("A1c was eight point two percent") == normalise("A1c was 8.2%")
    assert normalise("saturation ninety four percent") == ["saturation", "94", "percent"]
    assert normalise("point of care") == ["point", "of", "care"]  # "point" alone stays a word


@pytest.mark.parametrize(
    ("reference", "hypothesis", "expected"),
    [
        ("takes metformin daily", "takes metformin daily", 0.0),
        ("takes metformin daily", "takes metform in daily", 2 / 3),  # one substitution, one insertion
        ("takes metformin daily", "takes daily", 1 / 3),
        ("", "", 0.0),
        ("", "thank you", 1.0),
    ],
)
def test_word_error_rate(reference: str, hypothesis: str, expected: float) -> None:
    assert word_error_rate(reference, hypothesis) == pytest.approx(expected)


def test_corpus_wer_weights_by_reference_length() -> None:
    pairs = [("a b c d", "a b c d"), ("e f", "e x")]
    assert corpus_wer(pairs) == pytest.approx(1 / 6)
