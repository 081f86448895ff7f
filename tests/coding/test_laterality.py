"""Laterality: the side the note documents picks the code for that side (guideline I.B.13)."""

from __future__ import annotations

import pytest

from workbench.coding.catalog import Catalog
from workbench.coding.laterality import (
    BILATERAL,
    LEFT,
    RIGHT,
    documented_side,
    dominant_hand,
    sided_codes,
)
from workbench.coding.suggest import SuggestionEngine


def _side(text: str, words: str) -> str | None:
    start = text.index(words)
    found = documented_side(text, start, start + len(words))
    return found.side if found else None


@pytest.mark.parametrize(
    ("text", "words", "side"),
    [
        ("Pterygium of the left eye was excised.", "Pterygium", LEFT),
        ("Epiphora OD since March.", "Epiphora", RIGHT),
        ("Visual acuity OS 0.5; pterygium OU.", "pterygium", BILATERAL),
        ("Bilateral knee pain; left hip pain.", "knee pain", BILATERAL),
        ("Pterygium in both eyes.", "Pterygium", BILATERAL),
        # Two sides in one clause: the one nearer the condition.
        ("Cataract in the right eye and pterygium in the left eye.", "pterygium", LEFT),
        ("Cataract in the right eye and pterygium in the left eye.", "Cataract", RIGHT),
        # A side in another sentence says nothing of this condition.
        ("Right eye: normal. Pterygium noted.", "Pterygium", None),
        # "both" of two conditions is no side; "os" in lower case is a bone, not oculus sinister.
        ("Both hypertension and scleritis were treated.", "scleritis", None),
        ("Fracture of the os calcis.", "Fracture", None),
        # Handedness is no side of the condition.
        ("Left-handed man with hemiplegia.", "hemiplegia", None),
        ("Left hand fracture.", "fracture", LEFT),
        # Nor one named far away in a long run-on clause.
        ("Left " + "and then " * 40 + "pterygium.", "pterygium", None),
    ],
)
def test_the_documented_side(text: str, words: str, side: str | None) -> None:
    assert _side(text, words) == side


@pytest.mark.parametrize(
    ("code", "side", "expected"),
    [
        ("H04.209", RIGHT, ["H04.201"]),  # Unspecified epiphora, unspecified side → right side
        ("H04.209", BILATERAL, ["H04.203"]),  # … → Unspecified epiphora, bilateral
        ("H11.009", LEFT, ["H11.002"]),  # Unspecified pterygium of unspecified eye → of left eye
        ("H11.009", BILATERAL, ["H11.003"]),  # → Unspecified pterygium of eye, bilateral
        ("H91.20", LEFT, ["H91.22"]),
        ("H02.519", RIGHT, ["H02.513"]),  # right eye, unspecified eyelid — not an upper or lower lid
        ("S72.90XA", LEFT, ["S72.92XA"]),  # the 7th character is kept
        # No bilateral code: the right and the left code.
        ("M25.569", BILATERAL, ["M25.561", "M25.562"]),
        ("C50.919", BILATERAL, ["C50.911", "C50.912"]),
        # Titles are compared as normalised words: "of unspecified ovary" → "of bilateral ovaries".
        ("C56.9", BILATERAL, ["C56.3"]),
        ("I63.239", LEFT, ["I63.232"]),  # "… of left carotid arteries"
        # Codes without sides stay as they are.
        ("H35.50", LEFT, []),
        ("I10", RIGHT, []),
        ("H40.10X0", RIGHT, []),
    ],
)
def test_the_code_for_the_side(catalog: Catalog, code: str, side: str, expected: list[str]) -> None:
    assert sided_codes(catalog, code, side) == expected


@pytest.mark.parametrize(
    ("code", "side", "hand", "expected"),
    [
        # Guideline I.C.6.a: right-handed unless said, so the right side is dominant …
        ("G81.90", RIGHT, RIGHT, "G81.91"),  # Hemiplegia, unspecified affecting right dominant side
        ("G81.90", LEFT, RIGHT, "G81.94"),  # … left nondominant side
        # … a left-handed patient's left side is dominant …
        ("G81.90", LEFT, LEFT, "G81.92"),
        ("G81.90", RIGHT, LEFT, "G81.93"),
        # … and for an ambidextrous one the affected side is.
        ("G81.90", LEFT, BILATERAL, "G81.92"),
        ("I69.359", LEFT, RIGHT, "I69.354"),  # "non-dominant" spelled with a hyphen
        ("G83.10", RIGHT, RIGHT, "G83.11"),  # monoplegia of lower limb
    ],
)
def test_a_hemiplegia_side_is_dominant_or_not(
    catalog: Catalog, code: str, side: str, hand: str, expected: str
) -> None:
    assert sided_codes(catalog, code, side, hand) == [expected]


@pytest.mark.parametrize(
    ("text", "hand"),
    [
        ("A 60-year-old man with hemiplegia.", RIGHT),
        ("A left-handed man with hemiplegia.", LEFT),
        ("She is left handed.", LEFT),
        ("An ambidextrous carpenter.", BILATERAL),
    ],
)
def test_the_dominant_hand(text: str, hand: str) -> None:
    assert dominant_hand(text) == hand


def test_the_engine_codes_the_documented_side(engine: SuggestionEngine) -> None:
    note = "Epiphora on the left side for two months."
    collected = engine.collect(note)
    assert any(source.startswith("lexical") for *_, source in collected["H04.202"].spans)
    result = engine.suggest(note)
    shown = {s.code: s for s in result.suggestions}
    assert any("Laterality as documented: left ('left')" in h for h in shown["H04.202"].hints)
    # The code of unspecified side stays ranked for a coder to pick, but is not shown beside it.
    assert "H04.209" not in shown
    assert "H04.209" in {s.code for s in result.ranked()}


def test_the_engine_says_which_side_it_took_as_dominant(engine: SuggestionEngine) -> None:
    for note, code, said in [
        ("Hemiplegia affecting the left side.", "G81.94", "guideline I.C.6.a default"),
        ("A left-handed man with hemiplegia of the left side.", "G81.92", "the note says left-handed"),
    ]:
        sided = next(s for s in engine.suggest(note).ranked() if s.code == code)
        assert any(said in h for h in sided.hints), sided.hints
