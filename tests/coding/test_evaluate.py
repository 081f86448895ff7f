from __future__ import annotations

from pathlib import Path

import pytest

from workbench.coding.corpus import Case, CorpusError, fy2026_code, load_cases, read_gold
from workbench.coding.evaluate import Predictions, average_precision, precision_at, score, score_predictions


def test_average_precision_and_precision_at_k() -> None:
    assert average_precision(["A", "B", "C"], {"A", "C"}) == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert average_precision([], {"A"}) == 0.0
    assert precision_at(["A", "X", "B"], {"A", "B"}, 5) == pytest.approx(2 / 5)


def test_micro_scores_on_codes_and_categories() -> None:
    gold = {"d1": {"E11.9", "I10"}, "d2": {"N39.0"}}
    shown = {"d1": ["E11.9", "E11.65"], "d2": ["N39.0"]}
    s = score(gold, shown, shown)
    assert s.precision == pytest.approx(2 / 3)
    assert s.recall == pytest.approx(2 / 3)
    assert s.category_precision == pytest.approx(2 / 2)  # E11 and N39 predicted, both gold
    assert s.documents == 2


def test_gold_tsv_is_normalised(tmp_path: Path) -> None:
    (tmp_path / "g.tsv").write_text("doc1\tn39.0\ndoc1\te119\ndoc2\tr52\n", encoding="utf-8")
    assert read_gold(tmp_path / "g.tsv") == {"doc1": {"N39.0", "E11.9"}, "doc2": {"R52"}}


def test_older_edition_codes_map_to_fy2026_billable_codes() -> None:
    assert fy2026_code("R05") == "R05.9"
    assert fy2026_code("M54.5") == "M54.50"
    assert fy2026_code("T14.8") == "T14.8XXA"
    assert fy2026_code("I10") == "I10"
    # CodiEsp writes injury and external-cause codes without their 7th character.
    assert fy2026_code("W19.XXX") == "W19.XXXA"
    assert fy2026_code("S01.80X") == "S01.80XA"
    assert fy2026_code("T81.4XX") == "T81.40XA"  # T81.4 has been split since: its unspecified code
    assert fy2026_code("ZZZ.9") == "ZZZ.9"  # not a code at all: left alone


def test_gold_map_applies_before_scoring() -> None:
    cases = [Case("d", "", frozenset({"R05"}))]
    predictions = Predictions({"d": ["R05.9"]}, {"d": ["R05.9"]}, 1.0)
    assert score_predictions(cases, predictions).f1 == 0.0
    assert score_predictions(cases, predictions, fy2026_code).f1 == 1.0


def test_missing_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="Cannot read"):
        load_cases(tmp_path, tmp_path / "missing.tsv")
