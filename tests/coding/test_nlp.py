from __future__ import annotations

import pytest

from workbench.coding.nlp import ClinicalContext


def _flags(context: ClinicalContext, text: str, phrase: str) -> tuple[str, ...]:
    start = text.index(phrase)
    return context.analyse(text, [(start, start + len(phrase))]).assertions[0].flags()


@pytest.mark.parametrize(
    ("text", "phrase", "flag"),
    [
        ("She denies head trauma or strokes.", "head trauma", "negated"),
        ("No evidence of pneumonia on the film.", "pneumonia", "negated"),
        ("Mother had dementia.", "dementia", "family"),
        ("Her father was diagnosed with colon cancer.", "colon cancer", "family"),
        ("History of pneumonia in 2019.", "pneumonia", "historical"),
        ("Return if fever develops.", "fever", "hypothetical"),
        ("Probable appendicitis, surgical consult.", "appendicitis", "uncertain"),
        ("Suspected pulmonary embolism.", "pulmonary embolism", "uncertain"),
        ("Possible pneumonia.", "pneumonia", "uncertain"),
    ],
)
def test_context_assertions(context: ClinicalContext, text: str, phrase: str, flag: str) -> None:
    assert flag in _flags(context, text, phrase)


def test_affirmed_mention_has_no_flags(context: ClinicalContext) -> None:
    assert _flags(context, "Anemia secondary to chronic bleeding.", "Anemia") == ()


def test_sections_including_assessment_and_plan(context: ClinicalContext) -> None:
    text = (
        "HISTORY OF PRESENT ILLNESS: cough.\nPast medical history: asthma.\nFamily history: mother with "
        "diabetes.\nASSESSMENT AND PLAN: bronchitis."
    )
    names = ["cough", "asthma", "diabetes", "bronchitis"]
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    ctx = context.analyse(text, spans)
    assert ctx.mention_sections == (
        "history_of_present_illness",
        "past_medical_history",
        "family_history",
        "observation_and_plan",
    )
    assert ctx.assertions[1].historical
    assert ctx.assertions[2].family
    assert not ctx.assertions[3].flags()


def test_soap_headings(context: ClinicalContext) -> None:
    text = "Subjective: headache.\nObjective: normal exam.\nAssessment: migraine.\nPlan: rest."
    spans = [
        (text.index("headache"), text.index("headache") + 8),
        (text.index("migraine"), text.index("migraine") + 8),
    ]
    ctx = context.analyse(text, spans)
    assert ctx.mention_sections == ("subjective", "observation_and_plan")
    assert len(ctx.sentences) >= 4


def test_empty_and_no_mentions(context: ClinicalContext) -> None:
    assert context.analyse("", []).assertions == ()
    assert context.analyse("Nothing here.", []).sentences
