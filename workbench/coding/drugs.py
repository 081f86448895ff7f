"""Drug and chemical events: where a note says a substance of the ICD-10-CM Table of Drugs and
Chemicals did harm, and the T36–T65 code the Table gives for it — an adverse effect of a drug
properly taken, a poisoning (overdose, wrong substance, toxic effect) with its intent, or an
underdosing.

A substance named alone ("takes amoxicillin") is no event: a cue must stand right next to it
("amoxicillin-induced rash", "rash due to amoxicillin", "overdose of acetaminophen", "digoxin
toxicity", "ran out of insulin"). The Table is read from resources/icd10cm_drugs.tsv, which
build_catalog.py writes from the CDC's XML.
"""

from __future__ import annotations

import itertools
import re
import threading
from dataclasses import dataclass

from workbench.coding.catalog import RESOURCES
from workbench.coding.text import MATCH_STOPWORDS, phrase_key, words

DRUGS_PATH = RESOURCES / "icd10cm_drugs.tsv"
MAX_NAME_WORDS = 4
Token = tuple[int, int, str]

ADVERSE_EFFECT = "adverse effect"
POISONING = "poisoning"
UNDERDOSING = "underdosing"
_TOXICITY = "toxicity"  # an adverse effect of a drug properly taken, else a poisoning
INTENTS = ("accidental", "intentional self-harm", "assault", "undetermined")

# Cue words right after the substance ("amoxicillin-induced", "digoxin toxicity").
_AFTER = {
    "induced": ADVERSE_EFFECT,
    "reaction": ADVERSE_EFFECT,
    "toxicity": _TOXICITY,
    "overdose": POISONING,
    "poisoning": POISONING,
    "intoxication": POISONING,
    "underdosing": UNDERDOSING,
}
# Cues before it, as normalised words, then up to two of _FILLER ("overdose of his metformin").
_BEFORE = {
    ("adverse", "effect"): ADVERSE_EFFECT,
    ("adverse", "reaction"): ADVERSE_EFFECT,
    ("adverse", "event"): ADVERSE_EFFECT,
    ("side", "effect"): ADVERSE_EFFECT,
    ("reaction",): ADVERSE_EFFECT,
    ("due",): ADVERSE_EFFECT,
    ("secondary",): ADVERSE_EFFECT,
    ("induced",): ADVERSE_EFFECT,
    ("toxicity",): _TOXICITY,
    ("overdose",): POISONING,
    ("overdosed",): POISONING,
    ("poisoning",): POISONING,
    ("poisoned",): POISONING,
    ("intoxication",): POISONING,
    ("ingestion",): POISONING,
    ("ingested",): POISONING,
    ("underdosing",): UNDERDOSING,
    ("ran", "out"): UNDERDOSING,
    ("stopped", "taking"): UNDERDOSING,
    ("missed", "dose"): UNDERDOSING,
    ("skipped", "dose"): UNDERDOSING,
}
_FILLER = frozenset({"of", "to", "with", "by", "on", "from", "the", "a", "an", "his", "her", "their", "its",
                     "oral", "intravenous", "iv", "prescribed"})  # fmt: skip
# Only spaces, hyphens and slashes may stand between the words of one expression.
_JOINED = re.compile(r"[\s\-/]*")
_SENTENCE_BREAK = re.compile(r"[.!?\n]")
_SELF_HARM = re.compile(
    r"\b(suicid\w*|self[- ]harm\w*|self[- ]inflicted|intentional(ly)?|deliberate(ly)?)\b", re.I
)
_ASSAULT = re.compile(r"\b(assault\w*|homicid\w*)\b", re.I)
_ACCIDENTAL = re.compile(r"\b(accidental(ly)?|unintentional(ly)?)\b", re.I)
# "Unknown intent" is accidental by the guidelines; undetermined only where the note says so.
_UNDETERMINED = re.compile(r"\b(undetermined|(can ?not|could not) be determined)\b", re.I)

_HINTS = {
    ADVERSE_EFFECT: "Adverse effect of a drug properly taken: code the nature of the effect first (the "
    "rash, the bleeding), then this code (ICD-10-CM guideline I.C.19.e).",
    POISONING: "Poisoning: sequence this code first, then its manifestations (ICD-10-CM guideline I.C.19.e).",
    UNDERDOSING: "Underdosing: code the relapse or exacerbation of the condition treated as well, and "
    "noncompliance (Z91.12-, Z91.13-, Z91.14-) where documented (ICD-10-CM guideline I.C.19.e).",
}
_ACCIDENTAL_ASSUMED = " The intent is unknown or not stated: accidental is assumed, as the guidelines ask."


@dataclass(frozen=True)
class Substance:
    name: str
    poisoning: tuple[str, str, str, str]  # by intent, in the order of INTENTS; "" where none
    adverse_effect: str
    underdosing: str


@dataclass(frozen=True)
class DrugEvent:
    start: int  # the substance and its cue, 0-based, end exclusive
    end: int
    text: str
    substance: str
    kind: str  # ADVERSE_EFFECT, POISONING or UNDERDOSING
    intent: str  # one of INTENTS for a poisoning, "" otherwise
    code: str  # as the Table writes it, without the 7th character (T36.0X5)
    hint: str


def _code(cell: str) -> str:
    cell = cell.strip().rstrip("-").rstrip(".")
    return cell if len(cell) >= 3 and cell[0] == "T" else ""


def _names(term: str) -> list[str]:
    """A term and, when the Table writes it with a comma, its head and the natural order
    ("Blockers, calcium channel" → "Blockers", "calcium channel Blockers"; "Arsenic, arsenicals"
    → "Arsenic")."""
    parts = [p.strip() for p in term.split(", ") if p.strip()]
    if len(parts) < 2:
        return [term]
    return [term, parts[0], " ".join([*parts[1:], parts[0]])]


def _parse(lines: list[str]) -> dict[tuple[str, ...], Substance]:
    """Main terms and the terms one level below them ("Alcohol > absolute" as "absolute alcohol"
    and "alcohol absolute"); a name keeps its first, least specific row."""
    table: dict[tuple[str, ...], Substance] = {}
    for line in lines[1:]:
        parts = line.split("\t")
        if len(parts) != 8 or parts[0] not in ("1", "2"):
            continue
        path = [re.sub(r"\([^)]*\)|\bNEC\b", " ", p).strip(" ,") for p in parts[1].split(" > ")]
        codes = [_code(c) for c in parts[2:]]
        if not any(codes):
            continue
        row = Substance(" ".join(path), (codes[0], codes[1], codes[2], codes[3]), codes[4], codes[5])
        if len(path) == 1:
            names = _names(path[0])
        elif path[1] == "salts" and not table.get(phrase_key(path[0]), row).adverse_effect:
            # Lithium the metal has toxic effects only; a note that names it beside a drug's
            # cue ("lithium toxicity") means the medicine, its salts.
            names = [path[0], f"{path[0]} salts"]
            for name in names:
                table[phrase_key(name)] = row
            continue
        else:
            head = path[0].split(", ")[0]
            names = [f"{path[1]} {head}", f"{head} {path[1]}"]
        for name in names:
            key = phrase_key(name)
            if key and len(key) <= MAX_NAME_WORDS:
                table.setdefault(key, row)
    return table


_lock = threading.Lock()
_table: dict[tuple[str, ...], Substance] | None = None


def load_drug_table() -> dict[tuple[str, ...], Substance]:
    """Normalised substance name → its row of the Table of Drugs and Chemicals; empty when the
    resource is missing (drug events are then not found, nothing else changes)."""
    global _table
    with _lock:
        if _table is None:
            _table = (
                _parse(DRUGS_PATH.read_text(encoding="utf-8").splitlines()) if DRUGS_PATH.exists() else {}
            )
        return _table


def find_drug_events(text: str) -> list[DrugEvent]:
    table = load_drug_table()
    toks = list(words(text))
    # joined[k]: tokens k and k+1 belong to one expression (only spaces, hyphens or slashes
    # between them); read once per note, not once per candidate name.
    joined = [bool(_JOINED.fullmatch(text[a[1] : b[0]])) for a, b in itertools.pairwise(toks)]
    events: list[DrugEvent] = []
    i = 0
    while i < len(toks):
        found = None
        if toks[i][2] not in MATCH_STOPWORDS:
            for n in range(min(MAX_NAME_WORDS + 2, len(toks) - i), 0, -1):
                last = i + n - 1
                if toks[last][2] in MATCH_STOPWORDS or not all(joined[i:last]):
                    continue
                key = tuple(w for _, _, w in toks[i : last + 1] if w not in MATCH_STOPWORDS)
                if key in table:
                    found = (last, table[key])
                    break
        if found is None:
            i += 1
            continue
        last, substance = found
        cue = _cue_after(toks, joined, last) or _cue_before(toks, joined, i)
        if cue is not None:
            kind, start, end = cue
            made = _event(
                text, substance, kind, text[start:end], min(start, toks[i][0]), max(end, toks[last][1])
            )
            if made is not None:
                events.append(made)
        i = last + 1
    return events


def _cue_after(toks: list[Token], joined: list[bool], last: int) -> tuple[str, int, int] | None:
    nxt = last + 1
    if nxt < len(toks) and toks[nxt][2] in _AFTER and joined[last]:
        return _AFTER[toks[nxt][2]], toks[nxt][0], toks[nxt][1]
    return None


def _cue_before(toks: list[Token], joined: list[bool], first: int) -> tuple[str, int, int] | None:
    k = first - 1
    skipped = 0
    while k >= 0 and toks[k][2] in _FILLER and skipped < 2 and joined[k]:
        k -= 1
        skipped += 1
    for size in (2, 1):
        begin = k - size + 1
        if begin < 0 or not all(joined[begin:first]):
            continue
        kind = _BEFORE.get(tuple(w for _, _, w in toks[begin : k + 1]))
        if kind is not None:
            return kind, toks[begin][0], toks[k][1]
    return None


def _event(text: str, substance: Substance, kind: str, cue: str, start: int, end: int) -> DrugEvent | None:
    left = max((m.end() for m in _SENTENCE_BREAK.finditer(text, 0, start)), default=0)
    right = next((m.start() for m in _SENTENCE_BREAK.finditer(text, end)), len(text))
    sentence = text[left:right]
    intent = (
        "intentional self-harm" if _SELF_HARM.search(sentence)
        else "assault" if _ASSAULT.search(sentence)
        else "undetermined" if _UNDETERMINED.search(sentence)
        else "accidental" if _ACCIDENTAL.search(sentence)
        else ""
    )  # fmt: skip
    if kind == _TOXICITY:
        kind = POISONING if intent or not substance.adverse_effect else ADVERSE_EFFECT
    if kind == ADVERSE_EFFECT and not substance.adverse_effect:
        kind = POISONING  # "lead-induced": a substance that is no drug has only toxic effects
    hint = _HINTS[kind]
    if kind == POISONING:
        # "Intoxication" with a drug (T36–T50) may be an adverse effect, a poisoning or a use
        # disorder (F11–F19), and with ethyl alcohol the Index sends it to F10.-: only the toxic
        # effects of other substances are certain.
        if cue.lower() == "intoxication" and (
            substance.poisoning[0] < "T51" or substance.poisoning[0][:5] in ("T51.0", "T51.9")
        ):
            return None
        if not intent:
            intent = "accidental"
            hint += _ACCIDENTAL_ASSUMED
        code = substance.poisoning[INTENTS.index(intent)]
    else:
        intent = ""
        code = substance.adverse_effect if kind == ADVERSE_EFFECT else substance.underdosing
    if not code:
        return None
    return DrugEvent(start, end, text[start:end], substance.name, kind, intent, code, hint)
