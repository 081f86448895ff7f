from __future__ import annotations

import pytest

from workbench.coding.catalog import Catalog
from workbench.coding.code_search import CodeSearch, best_codes, code_search


@pytest.fixture(scope="module")
def search(catalog: Catalog) -> CodeSearch:
    return code_search(catalog)


def codes(search: CodeSearch, query: str, limit: int = 5) -> list[str]:
    return [m.code for m in search.search(query, limit)]


@pytest.mark.parametrize("query", ["E11.9", "e11.9", "E119", " e119 "])
def test_a_code_finds_itself_first(search: CodeSearch, query: str) -> None:
    found = search.search(query, 5)
    assert found[0].code == "E11.9"
    assert found[0].title == "Type 2 diabetes mellitus without complications"


def test_a_category_lists_its_billable_codes(search: CodeSearch) -> None:
    found = codes(search, "E11", 50)
    assert "E11.9" in found and "E11.22" in found
    assert "E11" not in found  # a category is not billable
    assert all(c.startswith("E11.") for c in found)


def test_abbreviated_words_in_any_order(search: CodeSearch) -> None:
    assert codes(search, "diab type 2 kidney", 2) == ["E11.22", "E11.29"]
    assert codes(search, "kidney 2 type diab", 2) == ["E11.22", "E11.29"]


def test_type_2_is_not_type_1(search: CodeSearch) -> None:
    top = search.search("diab type 2 kidney", 5)
    assert top[0].score == 1.0
    assert all(m.score < 1.0 for m in top if m.code.startswith("E10"))


def test_a_misspelt_word_is_repaired(search: CodeSearch) -> None:
    assert "I10" in codes(search, "essential hypertensoin")


def test_synonyms_and_abbreviations(search: CodeSearch) -> None:
    assert codes(search, "T2DM", 1) == ["E11.9"]
    assert "I10" in codes(search, "HTN")


def test_selected_note_text_ranks_the_telling_words(search: CodeSearch) -> None:
    found = search.search("Patient has essential hypertension, well controlled", 5)
    assert found[0].code == "I10"
    assert 0 < found[0].score <= 1.0


@pytest.mark.parametrize("query", ["", "   ", "the of and", "zzzzqqq"])
def test_nothing_to_match_gives_nothing(search: CodeSearch, query: str) -> None:
    assert search.search(query) == []


def test_limit(search: CodeSearch) -> None:
    assert len(search.search("fracture", 7)) == 7
    assert search.search("fracture", 0) == []


def test_best_codes_merges_several_phrases(search: CodeSearch) -> None:
    found = [m.code for m in best_codes(["Essential hypertension", "T2DM"], 10)]
    assert "I10" in found and "E11.9" in found
    assert len(found) == len(set(found))


def test_a_small_index() -> None:
    search = CodeSearch(
        {"A00.0": "Cholera due to Vibrio cholerae", "B01.9": "Varicella without complication"},
        [("A00.0", "Cholera due to Vibrio cholerae"), ("B01.9", "Varicella"), ("Z99.9", "not indexed")],
    )
    assert len(search) == 2
    assert [m.code for m in search.search("chol vib")] == ["A00.0"]
    assert search.search("varicela")[0].code == "B01.9"
    assert search.search("not indexed") == []
