"""Word error rate, with the normalisation that makes engines comparable.

Whisper writes "type 2" and "500 milligrams" where a reference says "type two" and "five hundred
milligrams"; both are right. Lower-casing, dropping punctuation and turning number words into
digits ("eight point two percent" = "8.2%") before counting keeps WER about recognition, not
formatting.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1000}
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?(?:\.[0-9]+)?")


def _numbers_to_digits(words: list[str]) -> list[str]:
    out: list[str] = []
    total = current = 0
    in_number = False
    for word in [*words, ""]:
        if word in _UNITS or word in _TENS:
            current += _UNITS.get(word, 0) + _TENS.get(word, 0)
            in_number = True
        elif word in _SCALES and in_number:
            if _SCALES[word] == 100:
                current *= 100
            else:
                total += current * _SCALES[word]
                current = 0
        elif word == "and" and in_number:
            continue  # "five hundred and twenty"
        else:
            if in_number:
                out.append(str(total + current))
                total = current = 0
                in_number = False
            if word:
                out.append(word)
    return out


# Units as a note writes them and as they are spoken count as the same word.
_UNITS_SPOKEN = {"mg": "milligrams", "mcg": "micrograms", "ml": "milliliters", "kg": "kilograms"}
_DIGITS_UNIT = re.compile(r"\b(\d+)(mg|mcg|ml|kg)\b")


def _decimal_points(words: list[str]) -> list[str]:
    """ "8 point 2" (as spoken) and "8.2" (as written) are one word."""
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 2 < len(words) and words[i + 1] == "point" and words[i].isdigit() and words[i + 2].isdigit():
            out.append(f"{words[i]}.{words[i + 2]}")
            i += 3
        else:
            out.append(words[i])
            i += 1
    return out


def normalise(text: str) -> list[str]:
    lowered = text.lower().replace("-", " ").replace(",", "").replace("%", " percent")
    lowered = _DIGITS_UNIT.sub(r"\1 \2", lowered)
    words = [_UNITS_SPOKEN.get(w, w) for w in _TOKEN.findall(lowered)]
    return _decimal_points(_numbers_to_digits(words))


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference words) after normalisation."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    return Levenshtein.distance(ref, hyp), len(ref)


def word_error_rate(reference: str, hypothesis: str) -> float:
    errors, words = word_errors(reference, hypothesis)
    if words == 0:
        return 0.0 if not normalise(hypothesis) else 1.0
    return errors / words


def corpus_wer(pairs: list[tuple[str, str]]) -> float:
    """Errors over all reference words (not the mean of per-sentence rates)."""
    errors = words = 0
    for reference, hypothesis in pairs:
        e, w = word_errors(reference, hypothesis)
        errors += e
        words += w
    return errors / words if words else 0.0
