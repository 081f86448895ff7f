"""Folding, located parts and phonetic keys."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.search.names import fold, located_parts, name_parts, name_tokens, phonetic_key


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("José", "jose"),
        ("JOSÉ", "jose"),
        ("O'Brien", "obrien"),
        ("O’Brien", "obrien"),
        ("Smith-Jones", "smith jones"),
        ("de la Cruz", "de la cruz"),
        ("  Mary   Ann ", "mary ann"),
        ("Müller", "muller"),
        ("Straße", "strasse"),
        ("Øster", "oster"),
        ("Łukasz", "lukasz"),
        ("St. John", "st john"),
        ("Nguyễn", "nguyen"),
        ("Ñúñez", "nunez"),
        ("😀", ""),
        ("שלום", "שלום"),
    ],
)
def test_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


def test_tokens_of_multi_part_names_include_the_joined_form() -> None:
    assert name_tokens("de la Cruz") == ("de", "la", "cruz", "delacruz")
    assert name_tokens("Smith-Jones") == ("smith", "jones", "smithjones")
    assert name_tokens("O'Brien") == ("obrien",)
    assert name_parts("Mary-Jane") == ("mary", "jane")


def test_located_parts_point_into_the_original_text() -> None:
    name = "María-José O'Neil"
    parts = located_parts(name)
    assert [p.folded for p in parts] == ["maria", "jose", "oneil"]
    assert [name[p.start : p.end] for p in parts] == ["María", "José", "O'Neil"]
    # The first three folded letters of "oneil" are "O'Ne" as written.
    start, end = parts[2].span_of_prefix(3)
    assert name[start:end] == "O'Ne"


def test_located_parts_of_letters_that_fold_to_two() -> None:
    parts = located_parts("Straße")
    assert parts[0].folded == "strasse"
    assert parts[0].span_of_prefix(5) == (0, 5)  # "stras" ends on ß
    assert parts[0].span_of_prefix(6) == (0, 5)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("smith", "smyth"),
        ("jon", "john"),
        ("jhon", "john"),
        ("katherine", "catherine"),
        ("stephen", "steven"),
        ("macdonald", "mcdonald"),
    ],
)
def test_sound_alikes_share_a_key(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(("a", "b"), [("smith", "jones"), ("john", "mary"), ("garcia", "martinez")])
def test_different_names_have_different_keys(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


def test_known_nysiis_keys() -> None:
    assert phonetic_key("knight") == "NAGT"
    assert phonetic_key("phillips") == "FALAP"
    assert phonetic_key("") == ""
    assert phonetic_key("123") == ""


@given(st.text(max_size=60))
def test_fold_is_idempotent_and_located_parts_agree(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert [p.folded for p in located_parts(text)] == folded.split()
    for part in located_parts(text):
        assert 0 <= part.start < part.end <= len(text)
    for token in folded.split():
        phonetic_key(token)
