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

# British spellings, which the English CodiEsp translations and UK-trained clinicians write, as the
# American ones ICD-10-CM uses: rules rather than a word list, so "hypomagnesaemia", "haemodialysis"
# and "faecal" agree with "hypomagnesemia", "hemodialysis" and "fecal" too.
_BRITISH = [
    (re.compile(p), r)
    for p, r in (
        (r"haem", "hem"),  # haemorrhage, haematoma, haemoglobin, haemophilus
        (r"aemi", "emi"),  # anaemia, leukaemia, ischaemic, septicaemia, hypokalaemia
        (r"^(an)?aesth", r"\1esth"),  # anaesthesia
        (r"^oe(soph|str|dem)", r"e\1"),  # oesophagus, oestrogen, oedema
        (r"^foet", "fet"),
        (r"^coeli", "celi"),
        (r"(?<=[nrh])oea(l?)$", r"ea\1"),  # dyspnoea, apnoea, diarrhoea(l), amenorrhoea
        (r"^faec", "fec"),
        (r"^(ortho)?paed", r"\1ped"),  # paediatric, orthopaedic
        (r"gynaec", "gynec"),
        (r"^aetiol", "etiol"),
        (r"^caesar", "cesar"),
        (r"^(tum|col|behavi|hum|od|lab)our", r"\1or"),  # tumour, behaviour, labour
        (r"^(cent|fib|lit)re(s?)$", r"\1er\2"),  # centre, fibre, litre
    )
]
_SPELLING = {
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
    if "ae" in w or "oe" in w or "our" in w or w.endswith(("re", "res")):
        for pattern, replacement in _BRITISH:
            w = pattern.sub(replacement, w)
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
