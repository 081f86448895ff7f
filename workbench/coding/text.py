"""Word normalisation shared by the catalog builder, the phrase matcher and the model tokeniser.

Both sides of every comparison (catalog phrases and note text) go through the same functions, so
a phrase in the index matches the note wherever the normalised words agree.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

WORD_RE = re.compile(r"[A-Za-z0-9]+(?:'[A-Za-z]+)?")

# Words that carry no meaning for matching; "with", "without", "no" and "not" are kept because
# they change which code applies.
MATCH_STOPWORDS = frozenset({"the", "a", "an", "of", "in", "on", "at", "to", "by", "for", "'s", "s"})

_SPELLING = {
    "oedema": "edema",
    "haemorrhage": "hemorrhage",
    "anaemia": "anemia",
    "tumour": "tumor",
    "oesophagus": "esophagus",
    "oesophageal": "esophageal",
    "diarrhoea": "diarrhea",
    "haematuria": "hematuria",
    "leukaemia": "leukemia",
    "ischaemic": "ischemic",
    "ischaemia": "ischemia",
    "paediatric": "pediatric",
    "faeces": "feces",
    "haematoma": "hematoma",
    "dyspnoea": "dyspnea",
    "alzheimer's": "alzheimer",
    "alzheimers": "alzheimer",
    "parkinson's": "parkinson",
    "parkinsons": "parkinson",
    "crohn's": "crohn",
    "crohns": "crohn",
    "hodgkin's": "hodgkin",
    "cushing's": "cushing",
    "down's": "down",
    "graves'": "graves",
    "sjogren's": "sjogren",
    "hashimoto's": "hashimoto",
    "meniere's": "meniere",
    "bell's": "bell",
}

_NO_PLURAL_STRIP = ("ss", "us", "is", "ous", "ics", "sis", "xis", "itis", "ps")


def normalise_word(word: str) -> str:
    """Lower case, one spelling, and a light plural strip ("edemas" → "edema")."""
    w = word.lower()
    w = _SPELLING.get(w, w)
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith("es") and w[-3] in "sxz" and not w.endswith("ses"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(_NO_PLURAL_STRIP):
        return w[:-1]
    return w


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised word) for every word of text, stop words included."""
    for m in WORD_RE.finditer(text):
        yield m.start(), m.end(), normalise_word(m.group())


def phrase_key(text: str) -> tuple[str, ...]:
    """The normalised content words of a phrase: the key the phrase index is built on."""
    return tuple(w for _, _, w in words(text) if w not in MATCH_STOPWORDS)
