from __future__ import annotations

import pytest

from workbench.coding.catalog import Catalog, dotted, load_synonyms, normalise_code
from workbench.coding.rules import billable, family_history_code, personal_history_code
from workbench.coding.text import phrase_key


def test_codes_are_normalised_from_codiesp_spelling() -> None:
    assert dotted("n39.0") == "N39.0"
    assert dotted("e119") == "E11.9"
    assert dotted("r52") == "R52"
    assert normalise_code(" E11.9 ") == "E119"


def test_titles_leaves_and_parents(catalog: Catalog) -> None:
    assert catalog.title("E11.9") == "Type 2 diabetes mellitus without complications"
    assert catalog.is_billable("E11.9")
    assert not catalog.is_billable("E11")
    assert catalog.parent("E11.9") == "E11"
    assert catalog.canonical("e119") == "E11.9"
    assert "Z99.99" not in catalog


def test_categories_that_share_a_block_name_are_kept(catalog: Catalog) -> None:
    assert catalog.is_billable("B20")
    assert catalog.title("C50.919").startswith("Malignant neoplasm")


def test_inclusion_terms_excludes_and_use_additional(catalog: Catalog) -> None:
    assert "high blood pressure" in catalog.inclusion_terms("I10")
    assert catalog.excludes1_conflict("E11.9", "E10.9")
    assert not catalog.excludes1_conflict("E11.9", "I10")
    assert any("Z79.4" in note for note in catalog.use_additional("E11.9"))


def test_seventh_characters_are_inherited_and_completed(catalog: Catalog) -> None:
    sevenths = catalog.seventh_characters("S72.001")
    assert sevenths["A"] == "initial encounter for closed fracture"
    assert catalog.with_seventh("T14.8", "A") == "T14.8XXA"
    assert catalog.is_billable("S72.001A")
    assert not catalog.is_billable("S72.001")
    assert catalog.title("S72.001A").endswith("initial encounter for closed fracture")


def test_billable_proposes_unspecified_leaf_with_a_hint(catalog: Catalog) -> None:
    b = billable(catalog, "E11")
    assert b.code == "E11.9"
    assert "unspecified_leaf" in b.flags
    assert b.hints
    fracture = billable(catalog, "S72.90")
    assert fracture.code == "S72.90XA"
    assert "default_7th_character" in fracture.flags
    assert "initial encounter" in fracture.hints[0]
    assert billable(catalog, "I10").code == "I10"


def test_the_unspecified_leaf_is_never_an_other_residual_or_one_named_kind(catalog: Catalog) -> None:
    # X.9 "…, other surgical site" is a residual; T81.40 is the unspecified infection.
    assert catalog.unspecified_leaf("T81.4") == "T81.40"
    assert catalog.unspecified_leaf("F17.2") == "F17.209"  # not F17.29, "other tobacco product"
    assert catalog.unspecified_leaf("M54.5") == "M54.50"
    # Without an unspecified child the residual is right, not the first named kind (A41.81 is
    # sepsis due to Enterococcus).
    assert catalog.unspecified_leaf("A41.8") == "A41.89"
    assert catalog.unspecified_leaf("D61.8") == "D61.89"
    assert catalog.unspecified_leaf("G89.2") == "G89.29"  # of two residuals, the X.9 one


def test_history_codes(catalog: Catalog) -> None:
    assert family_history_code("F03.90") == "Z82.0"
    assert family_history_code("C50.919") == "Z80.3"
    assert family_history_code("E11.9") == "Z83.3"
    assert personal_history_code("J18.9") == "Z87.01"
    assert personal_history_code("C34.90") == "Z85.118"
    for code in ("Z82.0", "Z80.3", "Z83.3", "Z87.01", "Z85.118", "Z84.89", "Z87.898"):
        assert catalog.is_billable(code), code


def test_every_synonym_maps_to_a_billable_code(catalog: Catalog) -> None:
    synonyms = load_synonyms()
    assert len(synonyms) > 200
    bad = [(term, code) for term, code in synonyms if not catalog.is_billable(code)]
    assert bad == []


@pytest.mark.parametrize(
    ("term", "code"),
    [
        ("HTN", "I10"),
        ("T2DM", "E11.9"),
        ("CHF", "I50.9"),
        ("COPD", "J44.9"),
        ("AFib", "I48.91"),
        ("CKD", "N18.9"),
        ("UTI", "N39.0"),
        ("MI", "I21.9"),
        ("CAD", "I25.10"),
        ("GERD", "K21.9"),
    ],
)
def test_abbreviations_resolve_first_to_their_code(catalog: Catalog, term: str, code: str) -> None:
    assert catalog.phrases[phrase_key(term)][0].code == code


def test_phrase_index_holds_titles_and_inclusion_terms(catalog: Catalog) -> None:
    assert catalog.phrases[phrase_key("type 2 diabetes mellitus")][0].code == "E11.9"
    assert any(p.code == "I10" for p in catalog.phrases[phrase_key("high blood pressure")])
    assert catalog.phrases[phrase_key("brucellosis")][0].code == "A23.9"
    # The bare word names the unspecified code, not one of its sides or sites.
    assert [p.code for p in catalog.phrases[phrase_key("migraine")]] == ["G43.909"]
    assert phrase_key("blood") not in catalog.phrases  # once "Fear of blood" (F40.230)
