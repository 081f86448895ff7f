from __future__ import annotations

from workbench.coding.candidates import PhraseMatcher
from workbench.coding.catalog import Catalog


def _found(catalog: Catalog, text: str) -> dict[str, tuple[str, str, int, int]]:
    return {m.text: (m.codes[0].code, m.method, m.start, m.end) for m in PhraseMatcher(catalog).find(text)}


def test_exact_title_and_synonym_matches_with_spans(catalog: Catalog) -> None:
    text = "Known type 2 diabetes mellitus and HTN."
    found = _found(catalog, text)
    code, method, start, end = found["type 2 diabetes mellitus"]
    assert (code, method) == ("E11.9", "exact")
    assert text[start:end] == "type 2 diabetes mellitus"
    assert found["HTN"][0] == "I10"


def test_inflected_and_british_spellings_normalise(catalog: Catalog) -> None:
    found = _found(catalog, "Oedema of both legs and adenopathies.")
    assert found["Oedema"][0] == "R60.9"
    assert found["adenopathies"][0] == "R59.9"


def test_misspellings_are_repaired_by_fuzzy_matching(catalog: Catalog) -> None:
    found = _found(catalog, "Has pnuemonia and longstanding hypertenshun.")
    assert found["pnuemonia"][:2] == ("J18.9", "fuzzy")
    assert found["hypertenshun"][:2] == ("I10", "fuzzy")


def test_word_order_is_tolerated(catalog: Catalog) -> None:
    found = _found(catalog, "X-ray: femur fracture.")
    assert found["femur fracture"][1] == "reordered"
    assert found["femur fracture"][0].startswith("S72")


def test_abbreviations_need_capitals(catalog: Catalog) -> None:
    found = _found(catalog, "Pulse 5 ms apart; Ms Jones; MS relapse.")
    assert list(found) == ["MS relapse"] or list(found) == ["MS"]


def test_longest_match_wins(catalog: Catalog) -> None:
    found = _found(catalog, "chronic kidney disease")
    assert list(found) == ["chronic kidney disease"]
    assert found["chronic kidney disease"][0] == "N18.9"


def test_organisms_with_initials_name_their_cause_code(catalog: Catalog) -> None:
    found = _found(catalog, "Urine grew E. coli; H. pylori gastritis. MRSA in blood cultures.")
    assert found["E. coli"][0] == "B96.20"
    assert found["H. pylori"][0] == "B96.81"
    assert found["MRSA"][0] == "B95.62"


def test_a_full_stop_after_a_word_breaks_a_phrase(catalog: Catalog) -> None:
    found = _found(catalog, "Scan of the left lung. Cancer screening is up to date.")
    assert "lung. Cancer" not in found
    assert "Cancer" in found
