"""Word normalisation: what the phrase index, the matcher and the model agree on."""

from __future__ import annotations

import pytest

from workbench.coding.text import normalise_word, phrase_key


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("oesophagitis", "esophagitis"),
        ("oestrogen", "estrogen"),
        ("oedema", "edema"),
        ("haemodialysis", "hemodialysis"),
        ("Haemophilus", "hemophilus"),
        ("hypomagnesaemia", "hypomagnesemia"),
        ("ischaemic", "ischemic"),
        ("anaesthesia", "anesthesia"),
        ("faecal", "fecal"),
        ("dyspnoea", "dyspnea"),
        ("diarrhoeal", "diarrheal"),
        ("amenorrhoea", "amenorrhea"),
        ("paediatric", "pediatric"),
        ("orthopaedic", "orthopedic"),
        ("gynaecological", "gynecological"),
        ("aetiology", "etiology"),
        ("foetal", "fetal"),
        ("coeliac", "celiac"),
        ("tumours", "tumor"),
        ("behaviour", "behavior"),
        ("centres", "center"),
    ],
)
def test_british_spellings_read_as_the_american_ones_of_icd10cm(british: str, american: str) -> None:
    assert normalise_word(british) == normalise_word(american) == american


@pytest.mark.parametrize(
    "word", ["aeruginosa", "aerobic", "pneumoniae", "sequelae", "toe", "hour", "four", "more", "angioedema"]
)
def test_words_that_only_look_british_are_left_alone(word: str) -> None:
    assert normalise_word(word) == word


def test_a_british_note_matches_the_american_title() -> None:
    assert phrase_key("Oesophageal haemorrhage") == phrase_key("esophageal hemorrhage")
