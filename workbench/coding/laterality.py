"""Laterality (ICD-10-CM guideline I.B.13): when a code has a right, a left and perhaps a
bilateral form and the note names the side of the condition, the code for that side — not the
"unspecified eye / side / ear / knee" code a phrase such as "pterygium" or "epiphora" leads to."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from workbench.coding.catalog import Catalog, normalise_code
from workbench.coding.text import words

RIGHT, LEFT, BILATERAL = "right", "left", "bilateral"

MAX_REACH = 200
_CLAUSE_ENDS = ".;\n"
_CLAUSE_END = re.compile(f"[{re.escape(_CLAUSE_ENDS)}]")
# OD / OS / OU (oculus dexter, sinister, uterque) only in capitals: "os" is also a bone.
_SIDE = re.compile(
    r"\b(?:(?i:((?:right|left)(?![- ]?hand(?:ed|er))|bilateral(?:ly)?|both(?= (?:\w+ )?(?:eyes|ears|sides|breasts|lungs|kidneys"
    r"|knees|hips|legs|arms|hands|feet|limbs|extremities|shoulders|ankles|wrists|elbows)\b)))|(OD|OS|OU))\b"
)
_ABBREVIATION = {"OD": RIGHT, "OS": LEFT, "OU": BILATERAL}
_LEFT_HANDED = re.compile(r"\bleft[- ]hand(ed|er)\b", re.IGNORECASE)
_AMBIDEXTROUS = re.compile(r"\bambidextrous\b", re.IGNORECASE)
# Words that the unspecified form names beside "unspecified" and the bilateral form leaves out:
# "Unspecified epiphora, unspecified side" → "Unspecified epiphora, bilateral".
_SITE_WORDS = frozenset({"side", "eye", "ear"})


@dataclass(frozen=True)
class Side:
    side: str  # RIGHT, LEFT or BILATERAL
    start: int  # the words of the note that say it
    end: int


def documented_side(text: str, start: int, end: int) -> Side | None:
    """The side the clause around text[start:end] gives the condition: "bilateral" or "both"
    anywhere in it, else the one side it names, else (it names both) the nearer one."""
    # A clause is read at most MAX_REACH characters either side: a side named further away is not
    # this condition's, and a 200 kB note with thousands of mentions is not rescanned for each.
    low, high = max(0, start - MAX_REACH), min(len(text), end + MAX_REACH)
    left_edge = max(max(text.rfind(c, low, start) for c in _CLAUSE_ENDS) + 1, low)
    after = _CLAUSE_END.search(text, end, high)
    right_edge = after.start() if after else high
    found: list[Side] = []
    for m in _SIDE.finditer(text, left_edge, right_edge):
        word = m.group(1)
        side = _ABBREVIATION[m.group(2)] if m.group(2) else word.lower()
        if side.startswith(BILATERAL) or side == "both":
            side = BILATERAL
        found.append(Side(side, m.start(), m.end()))
    if not found:
        return None
    both = [s for s in found if s.side == BILATERAL]
    if both:
        return both[0]

    def distance(s: Side) -> int:
        return max(start - s.end, s.start - end, 0)

    return min(found, key=distance)


def _words(title: str) -> Counter[str]:
    return Counter(w for _, _, w in words(title))


def dominant_hand(text: str) -> str:
    """The dominant side of a note's patient: RIGHT unless the note says left-handed, BILATERAL for
    ambidextrous (guideline I.C.6.a: then the dominant side is the default)."""
    if _AMBIDEXTROUS.search(text):
        return BILATERAL
    return LEFT if _LEFT_HANDED.search(text) else RIGHT


def sided_codes(catalog: Catalog, code: str, side: str, hand: str = RIGHT) -> list[str]:
    """The codes for code's condition on ``side``, when code is the form of unspecified side and
    its siblings have one per side; a bilateral condition without a bilateral code takes the right
    and the left code (I.B.13). Where the sides are dominant or nondominant (hemiplegia,
    monoplegia), the side of the dominant ``hand`` is dominant (I.C.6.a). Empty when code has no
    sides."""
    base, seventh = code, ""
    parent = catalog.parent(code)
    if parent and len(normalise_code(code)) == 7 and catalog.seventh_characters(parent):
        base, seventh = parent, normalise_code(code)[-1]  # S72.90XA: the sides are S72.91, S72.92
        parent = catalog.parent(base)
    if not parent:
        return []
    title = _words(catalog.title(base))
    if not title["unspecified"]:
        return []

    def sibling(word: str) -> str | None:
        dominance = "dominant" if hand in (word, BILATERAL) else "nondominant"
        said = [Counter({word: 1}), Counter({word: 1, dominance: 1})]
        if dominance == "nondominant":
            said.append(Counter({word: 1, "non": 1, "dominant": 1}))  # "non-dominant" in I69.-
        for kid in catalog.children(parent):
            if kid == base:
                continue
            kid_words = _words(catalog.title(kid))
            gained, lost = kid_words - title, title - kid_words
            if gained not in said or not lost["unspecified"]:
                continue
            if sum(lost.values()) == 1 or (word == BILATERAL and set(lost) <= {"unspecified", *_SITE_WORDS}):
                return kid
        return None

    found = [sibling(side)] if side != BILATERAL else [sibling(BILATERAL)]
    if side == BILATERAL and found[0] is None:
        found = [sibling(RIGHT), sibling(LEFT)]
        if None in found:
            return []
    codes = [c for c in found if c is not None]
    if seventh:
        codes = [full for c in codes if (full := catalog.with_seventh(c, seventh))]
    return codes
