"""Names as search compares them: folded (case, diacritics, punctuation) and phonetically keyed.

``José`` → ``jose``, ``O'Brien`` → ``obrien``, ``Smith-Jones`` → ``smith`` + ``jones`` (and the
joined ``smithjones``), ``de la Cruz`` → ``de`` + ``la`` + ``cruz`` (and ``delacruz``). Apostrophes
and full stops join (people type ``obrien`` and ``st john`` as often as the punctuated form);
every other non-alphanumeric character separates parts.

The phonetic key is NYSIIS (New York State Identification and Intelligence System, 1970), with
one change: ``Y`` after the first letter counts as a vowel, so ``Smyth`` and ``Smith`` share a key.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters that NFKD does not decompose into a base letter plus marks.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "ss",
        "æ": "ae",
        "Æ": "ae",
        "ø": "o",
        "Ø": "o",
        "œ": "oe",
        "Œ": "oe",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "ı": "i",
    }
)
_JOINERS = frozenset("'’‘ʼ`´.")


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """One character folded: lower-case ASCII-ish letters or digits, '' for joiners, ' ' for separators."""
    if ch in _JOINERS:
        return ""
    out = []
    for c in unicodedata.normalize("NFKD", ch.translate(_SPECIAL)):
        if unicodedata.combining(c):
            continue
        if c.isalnum():
            out.append(c.casefold())
        else:
            out.append(" ")
    return "".join(out)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """The text folded for comparison, parts separated by single spaces."""
    return " ".join("".join(fold_char(c) for c in text).split())


def name_parts(name: str) -> tuple[str, ...]:
    """The folded parts of a name, in order (no joined form)."""
    return tuple(fold(name).split())


@lru_cache(maxsize=200_000)
def name_tokens(name: str) -> tuple[str, ...]:
    """The searchable tokens of a name: its parts, then the parts joined when there are several."""
    parts = name_parts(name)
    if len(parts) > 1:
        return (*parts, "".join(parts))
    return parts


@dataclass(frozen=True)
class NamePart:
    """One folded part of a name and where it lies in the original text.

    ``origin[i]`` is the index in the original text of the character that produced folded
    character ``i``; it lets a match on the folded form be shown on the name as written.
    """

    folded: str
    start: int
    end: int
    origin: tuple[int, ...]

    def span_of_prefix(self, length: int) -> tuple[int, int]:
        """The original-text span of this part's first ``length`` folded characters."""
        if length <= 0:
            return (self.start, self.start)
        if length >= len(self.folded):
            return (self.start, self.end)
        return (self.start, self.origin[length - 1] + 1)


def located_parts(name: str) -> list[NamePart]:
    """The folded parts of ``name`` with their spans in ``name`` (for highlighting)."""
    parts: list[NamePart] = []
    chars: list[str] = []
    origin: list[int] = []
    start = -1
    end = -1

    def close() -> None:
        if chars:
            parts.append(NamePart("".join(chars), start, end, tuple(origin)))
            chars.clear()
            origin.clear()

    for i, ch in enumerate(name):
        folded = fold_char(ch)
        if folded == "":
            if chars:
                end = i + 1
            continue
        for piece in folded:
            if piece == " ":
                close()
                continue
            if not chars:
                start = i
            chars.append(piece)
            origin.append(i)
            end = i + 1
    close()
    return parts


_VOWELS = frozenset("AEIOUY")


@lru_cache(maxsize=200_000)
def phonetic_key(token: str) -> str:
    """The NYSIIS key of one folded token ('' when it has no Latin letters)."""
    s = "".join(c for c in token.upper() if "A" <= c <= "Z")
    if not s:
        return ""
    for old, new in (("MAC", "MCC"), ("KN", "NN"), ("K", "C"), ("PH", "FF"), ("PF", "FF"), ("SCH", "SSS")):
        if s.startswith(old):
            s = new + s[len(old) :]
            break
    for old, new in (
        ("EE", "Y"),
        ("IE", "Y"),
        ("DT", "D"),
        ("RT", "D"),
        ("RD", "D"),
        ("NT", "D"),
        ("ND", "D"),
    ):
        if s.endswith(old) and len(s) > len(old):
            s = s[: -len(old)] + new
            break
    key = [s[0]]
    i = 1
    n = len(s)
    while i < n:
        c = s[i]
        nxt = s[i + 1] if i + 1 < n else ""
        prev = s[i - 1]
        if c == "E" and nxt == "V":
            code = "AF"
            i += 1
        elif c in _VOWELS:
            code = "A"
        elif c == "Q":
            code = "G"
        elif c == "Z":
            code = "S"
        elif c == "M":
            code = "N"
        elif c == "K":
            code = "N" if nxt == "N" else "C"
        elif c == "S" and s[i + 1 : i + 3] == "CH":
            code = "SS"
            i += 2
        elif c == "P" and nxt == "H":
            code = "F"
            i += 1
        elif c == "H" and (prev not in _VOWELS or (nxt and nxt not in _VOWELS) or not nxt):
            code = "A" if prev in _VOWELS else prev
        elif c == "W" and prev in _VOWELS:
            code = "A"
        else:
            code = c
        if code[-1] != key[-1][-1]:
            key.append(code)
        i += 1
    result = "".join(key)
    if len(result) > 1 and result.endswith("S"):
        result = result[:-1]
    if len(result) > 2 and result.endswith("AY"):
        result = result[:-2] + "Y"
    if len(result) > 1 and result.endswith("A"):
        result = result[:-1]
    return result
