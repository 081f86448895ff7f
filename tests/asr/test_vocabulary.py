"""Post-correction must fix near-misses and must never turn a correct word into a wrong one."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.asr.transcript import Segment, Transcript, Word
from workbench.asr.vocabulary import PROMPT_MAX_CHARS, PostCorrector, Vocabulary, shipped_lexicon

SITE = Vocabulary.merged(["atorvastatin", "apixaban", "Dr. Okonkwo", "HbA1c"])


@pytest.fixture(scope="module")
def corrector() -> PostCorrector:
    return PostCorrector(shipped_lexicon(), SITE)


def _unsure(text: str, confidence: float = 0.3) -> Transcript:
    segment = Segment(0.0, 5.0, text, confidence)
    return Transcript(text, (segment,), "en", "local")


def test_prompt_lists_person_terms_before_site_terms_without_duplicates() -> None:
    vocabulary = Vocabulary.merged(["apixaban", "Dr. Ruiz"], ["Apixaban", "metformin", "  lipid   panel "])
    assert vocabulary.terms == ("apixaban", "Dr. Ruiz", "metformin", "lipid panel")
    assert vocabulary.initial_prompt() == "Clinical dictation. apixaban, Dr. Ruiz, metformin, lipid panel."
    assert Vocabulary().initial_prompt() is None


def test_prompt_stays_within_whispers_prompt_budget() -> None:
    many = Vocabulary.merged([f"term{i:04d}" for i in range(1000)])
    prompt = many.initial_prompt()
    assert (
        prompt is not None
        and len(prompt) <= PROMPT_MAX_CHARS
        and prompt.startswith("Clinical dictation. term0000,")
    )


@pytest.mark.parametrize(
    ("heard", "fixed"),
    [
        ("Blood pressure is controlled on lysinoprol.", "Blood pressure is controlled on lisinopril."),
        ("Takes metform in 500 milligrams.", "Takes metformin 500 milligrams."),
        ("Continue furosamide 40 daily.", "Continue furosemide 40 daily."),
        ("Warfrin was held.", "Warfarin was held."),
        ("Start atorvastatine tonight.", "Start atorvastatin tonight."),  # from the site vocabulary
        ("Discussed with Dr. Okonkwa.", "Discussed with Dr. Okonkwo."),
        ("HYDROCLOROTHIAZIDE stopped.", "HYDROCHLOROTHIAZIDE stopped."),
    ],
)
def test_fixes_near_misses_in_low_confidence_text(corrector: PostCorrector, heard: str, fixed: str) -> None:
    corrected = corrector.correct(_unsure(heard))
    assert corrected.text == fixed
    assert corrected.corrections and corrected.segments[0].text == fixed


CORRECT_DICTATION = (
    "Patient is afebrile, tachycardic and hemodynamically stable. Lungs clear bilaterally without "
    "crackles, wheezes or rhonchi. Abdomen soft, nontender, nondistended. Counseled on diet. "
    "Continue escitalopram, pantoprazole, apixaban and empagliflozin; saturating well on room air "
    "via nasal cannula earlier. Mrs. Kowalski and Dr. Fitzgerald agree. Hypothyroidism and "
    "hyperkalemia noted; hypokalemic episodes resolved. Statin started; atraumatic, normocephalic."
)


def test_leaves_correct_clinical_text_untouched_even_when_unsure(corrector: PostCorrector) -> None:
    transcript = _unsure(CORRECT_DICTATION, confidence=0.05)
    assert corrector.correct(transcript) is transcript


def test_leaves_confident_segments_untouched(corrector: PostCorrector) -> None:
    transcript = _unsure("Blood pressure is controlled on lysinoprol.", confidence=0.95)
    assert corrector.correct(transcript) is transcript


def test_uses_word_probabilities_when_the_engine_gives_them(corrector: PostCorrector) -> None:
    text = "Warfrin and furosamide."
    words = (Word("Warfrin", 0.0, 0.5, 0.95), Word("and", 0.5, 0.7, 0.99), Word("furosamide.", 0.7, 1.5, 0.2))
    transcript = Transcript(text, (Segment(0.0, 1.5, text, 0.3, words=words),), "en", "local")
    # The engine was sure of "Warfrin" (a spelling it chose on purpose): only the unsure word changes.
    assert corrector.correct(transcript).text == "Warfrin and furosemide."


def test_does_not_guess_between_two_equally_close_terms(corrector: PostCorrector) -> None:
    assert corrector.best_match("afebrile") is None  # "febrile" is close, but means the opposite
    assert corrector.best_match("milligrams") is None  # not "kilograms"
    assert corrector.best_match("tachycardic") is None  # a form of "tachycardia", not a misspelling


@functools.cache
def _shared_corrector() -> PostCorrector:
    return PostCorrector(shipped_lexicon(), SITE)


_KNOWN = [*sorted(shipped_lexicon().medical)[::97], "the", "patient", "denies", "and", "with", "daily"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_KNOWN), min_size=1, max_size=25))
def test_text_made_of_known_words_is_never_changed(words: list[str]) -> None:
    corrector = _shared_corrector()
    transcript = _unsure(" ".join(words), confidence=0.0)
    assert corrector.correct(transcript).text == transcript.text


@pytest.mark.parametrize(
    ("heard", "fixed"),
    [
        ("We will add empagliflas in 10 milligrams daily.", "We will add empagliflozin 10 milligrams daily."),
        ("Refill albu terol today.", "Refill albuterol today."),
    ],
)
def test_joins_a_split_word_that_is_one_edit_from_a_term(heard: str, fixed: str) -> None:
    corrector = PostCorrector(shipped_lexicon(), Vocabulary.merged(SITE.terms, ["empagliflozin"]))
    assert corrector.correct(_unsure(heard)).text == fixed


@pytest.mark.parametrize(
    "text",
    [
        "Mrs. Okonkwo son came with her.",  # a name beside a word: joined, still no term
        "Dr. Okonkwo in clinic today.",
        "Apixaban in the morning.",  # both halves words, the first a term itself
    ],
)
def test_does_not_join_words_into_a_term_they_are_not(corrector: PostCorrector, text: str) -> None:
    transcript = _unsure(text)
    assert corrector.correct(transcript) is transcript
