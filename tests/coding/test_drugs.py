"""Drug and chemical events from the ICD-10-CM Table of Drugs and Chemicals."""

from __future__ import annotations

import pytest

from workbench.coding.drugs import (
    ADVERSE_EFFECT,
    POISONING,
    UNDERDOSING,
    _parse,
    find_drug_events,
    load_drug_table,
)
from workbench.coding.suggest import SuggestionEngine
from workbench.coding.text import phrase_key


def test_the_table_is_read_from_resources() -> None:
    table = load_drug_table()
    assert len(table) > 5000
    amoxicillin = table[phrase_key("amoxicillin")]
    assert amoxicillin.adverse_effect == "T36.0X5"
    assert amoxicillin.poisoning == ("T36.0X1", "T36.0X2", "T36.0X3", "T36.0X4")
    assert amoxicillin.underdosing == "T36.0X6"
    # A substance that is no drug has toxic effects only.
    assert table[phrase_key("lead")].adverse_effect == ""


def test_commas_and_subterms_give_the_names_people_write() -> None:
    lines = [
        "header",
        "1\tBlockers, calcium channel\tT46.1X1\tT46.1X2\tT46.1X3\tT46.1X4\tT46.1X5\tT46.1X6",
        "1\tAlcohol\tT51.91\tT51.92\tT51.93\tT51.94\t--\t--",
        "2\tAlcohol > absolute\tT51.0X1\tT51.0X2\tT51.0X3\tT51.0X4\t--\t--",
        "1\tNothing here\t--\t--\t--\t--\t--\t--",
        "broken line",
    ]
    table = _parse(lines)
    assert table[phrase_key("calcium channel blockers")].adverse_effect == "T46.1X5"
    assert table[phrase_key("absolute alcohol")].poisoning[0] == "T51.0X1"
    assert table[phrase_key("alcohol")].poisoning[0] == "T51.91"
    assert phrase_key("nothing here") not in table


@pytest.mark.parametrize(
    ("text", "kind", "intent", "code", "evidence"),
    [
        ("Developed a diffuse rash due to amoxicillin.", ADVERSE_EFFECT, "", "T36.0X5", "due to amoxicillin"),
        ("Amiodarone-induced hypothyroidism.", ADVERSE_EFFECT, "", "T46.2X5", "Amiodarone-induced"),
        ("Digoxin toxicity with bradycardia.", ADVERSE_EFFECT, "", "T46.0X5", "Digoxin toxicity"),
        ("Adverse reaction to intravenous vancomycin.", ADVERSE_EFFECT, "", "T36.8X5",
         "Adverse reaction to intravenous vancomycin"),
        ("Admitted after an overdose of acetaminophen in a suicide attempt.", POISONING,
         "intentional self-harm", "T39.1X2", "overdose of acetaminophen"),
        ("Paracetamol overdose, intent unknown.", POISONING, "accidental", "T39.1X1", "Paracetamol overdose"),
        ("Accidental ingestion of bleach by a toddler.", POISONING, "accidental", "T54.91", "ingestion of bleach"),
        ("She was poisoned with arsenic by her husband, an assault.", POISONING, "assault", "T57.0X3",
         "poisoned with arsenic"),
        ("Methanol intoxication; the intent could not be determined.", POISONING, "undetermined", "T51.1X4",
         "Methanol intoxication"),
        ("Lead poisoning in a child.", POISONING, "accidental", "T56.0X1", "Lead poisoning"),
        ("Intentional digoxin toxicity.", POISONING, "intentional self-harm", "T46.0X2", "digoxin toxicity"),
        ("He ran out of insulin two weeks ago.", UNDERDOSING, "", "T38.3X6", "ran out of insulin"),
        # Lithium the metal is no drug; the medicine is its salts.
        ("Lithium toxicity with coarse tremor.", ADVERSE_EFFECT, "", "T43.595", "Lithium toxicity"),
        ("Overdose of lithium in a suicide attempt.", POISONING, "intentional self-harm", "T43.592",
         "Overdose of lithium"),
    ],
)  # fmt: skip
def test_events_with_their_code_and_evidence(
    text: str, kind: str, intent: str, code: str, evidence: str
) -> None:
    (event,) = find_drug_events(text)
    assert (event.kind, event.intent, event.code, event.text) == (kind, intent, code, evidence)
    assert text[event.start : event.end] == evidence
    assert "I.C.19.e" in event.hint


def test_accidental_intent_is_said_to_be_assumed_only_when_it_is() -> None:
    (assumed,) = find_drug_events("Paracetamol overdose.")
    (written,) = find_drug_events("Accidental paracetamol overdose.")
    assert "accidental is assumed" in assumed.hint
    assert "assumed" not in written.hint


@pytest.mark.parametrize(
    "text",
    [
        "Takes amoxicillin 500 mg three times a day.",  # a drug taken, no event
        "This may lead to toxicity.",  # "lead" the verb
        "Alcohol intoxication.",  # the Index sends it to F10.-
        "Cocaine intoxication.",  # a drug: adverse effect, poisoning or use disorder
        "Overdose. Amoxicillin was started the next day.",  # the cue must be joined to the name
        "",
        "\x00\x01 toxicity \ufffd",
    ],
)
def test_no_event(text: str) -> None:
    assert find_drug_events(text) == []


def test_the_engine_suggests_the_table_code_with_its_hints(engine: SuggestionEngine) -> None:
    result = engine.suggest("Developed a diffuse urticarial rash due to amoxicillin.")
    shown = {s.code: s for s in result.suggestions}
    assert "T36.0X5A" in shown
    t_code = shown["T36.0X5A"]
    assert any("Adverse effect" in h for h in t_code.hints)
    assert any("7th character A" in h for h in t_code.hints)
    assert [e[2] for e in t_code.evidence] == ["due to amoxicillin"]


def test_a_negated_reaction_is_ruled_out(engine: SuggestionEngine) -> None:
    result = engine.suggest("No adverse reaction to penicillin.")
    assert "T36.0X5A" not in {s.code for s in result.suggestions}
    assert "T36.0X5A" in {s.code for s in result.ruled_out if "negated" in s.flags}
