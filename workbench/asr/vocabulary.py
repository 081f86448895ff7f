"""Medical vocabulary: steer the engine with an initial prompt, then fix what it still misheard.

Two independent levers. The *prompt* lists the site's and the person's terms (drug names,
conditions, colleagues' names) so Whisper prefers those spellings while decoding. The
*post-correction* pass then looks only at words the engine itself was unsure of and replaces one
only when it is not a word in its own right and a lexicon term is a strong, unambiguous match —
so a correct word is never turned into a wrong one.
"""

from __future__ import annotations

import functools
import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from workbench.asr.build_lexicon import COMMON_WORDS_FILE, LEXICON_FILE, RESOURCES
from workbench.asr.transcript import LOW_CONFIDENCE, Correction, Segment, Transcript, join_segments

# Whisper keeps up to 223 prompt tokens, but long word lists made base skip and invent sentences in
# long-form dictation (benchmarks/asr_local.py: 22 % WER at 600 characters, 13 % at 300).
PROMPT_MAX_CHARS = 300
PROMPT_PREAMBLE = "Clinical dictation."


@dataclass(frozen=True)
class Vocabulary:
    """Terms in priority order (the person's before the site's), de-duplicated ignoring case."""

    terms: tuple[str, ...] = ()

    @classmethod
    def merged(cls, *lists: Iterable[str]) -> Vocabulary:
        seen: set[str] = set()
        terms: list[str] = []
        for items in lists:
            for raw in items:
                term = " ".join(str(raw).split())
                if term and term.lower() not in seen:
                    seen.add(term.lower())
                    terms.append(term)
        return cls(tuple(terms))

    def initial_prompt(self, max_chars: int = PROMPT_MAX_CHARS) -> str | None:
        """A short text in the style of a note that uses the terms — Whisper imitates its prompt."""
        if not self.terms:
            return None
        prompt = PROMPT_PREAMBLE
        for term in self.terms:
            candidate = f"{prompt} {term},"
            if len(candidate) > max_chars:
                break
            prompt = candidate
        return prompt.rstrip(",") + "."

    def words(self) -> dict[str, str]:
        """Lower-case word → the spelling as entered (keeps 'McArdle' and 'HbA1c')."""
        out: dict[str, str] = {}
        for term in self.terms:
            for word in _WORD.findall(term):
                out.setdefault(word.lower(), word)
        return out


_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z]")
_TOKEN = re.compile(r"^(\W*)([A-Za-z][A-Za-z'\-]*[A-Za-z]|[A-Za-z])(\W*)$")


def _read_list(path: Path) -> frozenset[str]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


@dataclass(frozen=True)
class Lexicon:
    medical: frozenset[str]
    common: frozenset[str]

    @classmethod
    def from_files(cls, directory: Path = RESOURCES) -> Lexicon:
        return cls(_read_list(directory / LEXICON_FILE), _read_list(directory / COMMON_WORDS_FILE))

    def is_word(self, word: str) -> bool:
        lowered = word.lower()
        return lowered in self.medical or lowered in self.common


@functools.lru_cache(maxsize=1)
def shipped_lexicon() -> Lexicon:
    return Lexicon.from_files()


def sound_key(word: str) -> str:
    """English spelling with sound-alike letters unified: 'lysinoprol' → 'lisinoprol'.

    Whisper's near-misses on drug names are mostly sound-alike spellings (y/i, ph/f, c/k/s,
    doubled letters), which plain edit distance counts as more than they are.
    """
    key = word.lower()
    for a, b in (("ph", "f"), ("ck", "k"), ("qu", "kw"), ("x", "ks"), ("y", "i"), ("z", "s")):
        key = key.replace(a, b)
    key = re.sub(r"c(?=[eiy])", "s", key).replace("c", "k")
    return re.sub(r"(.)\1+", r"\1", key)


# A word that differs from a term only in one of these endings is a form of it ("bilaterally",
# "tachycardic"), not a misspelling: leave it.
_DERIVATIONAL = (
    "ically",
    "ally",
    "ly",
    "ic",
    "ia",
    "al",
    "ed",
    "es",
    "s",
    "ing",
    "ous",
    "ive",
    "ity",
    "er",
    "ism",
)


def _stem(word: str) -> str:
    for suffix in _DERIVATIONAL:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _is_derivative(word: str, term: str) -> bool:
    return _stem(word) == _stem(term) or _stem(word) == term or word == _stem(term)


@dataclass
class PostCorrector:
    """Fixes near-misses of lexicon and vocabulary terms in low-confidence text."""

    lexicon: Lexicon
    vocabulary: Vocabulary = Vocabulary()
    min_length: int = 6
    low_confidence: float = LOW_CONFIDENCE
    low_word_probability: float = 0.6

    def __post_init__(self) -> None:
        self._vocab_words = self.vocabulary.words()
        # Targets are rare domain words: Whisper spells common words (single tokens) correctly, so
        # a near-miss of one is more likely another real word than a mistake.
        medical = {w for w in self.lexicon.medical if w not in self.lexicon.common}
        targets = medical | {w for w in self._vocab_words if len(w) >= self.min_length}
        self._targets = sorted(targets)
        self._keys = [sound_key(t) for t in self._targets]

    def _known(self, word: str) -> bool:
        return self.lexicon.is_word(word) or word.lower() in self._vocab_words

    def best_match(self, word: str) -> tuple[str, float] | None:
        """The one term ``word`` is a near-miss of (one edit, on spelling or sound), or None."""
        if len(word) < self.min_length:
            return None
        lowered = word.lower()
        allowed = 1 if len(lowered) < 16 else 2
        distances: dict[str, int] = {}
        for query, choices in ((lowered, self._targets), (sound_key(lowered), self._keys)):
            for _, distance, index in process.extract(
                query, choices, scorer=OSA.distance, score_cutoff=allowed, limit=8
            ):
                term = self._targets[index]
                distances[term] = min(distances.get(term, allowed + 1), int(distance))
        # Misheard words keep their first sound: "afebrile" must never become "febrile".
        first = sound_key(lowered)[:1]
        candidates = {
            t: d
            for t, d in distances.items()
            if t != lowered and sound_key(t)[:1] == first and not _is_derivative(lowered, t)
        }
        if not candidates:
            return None
        best = min(candidates.values())
        nearest = [t for t, d in candidates.items() if d == best]
        if len(nearest) != 1:
            return None  # two terms fit equally well: guessing could make it worse
        term = nearest[0]
        return term, round(fuzz.ratio(lowered, term), 1)

    def _spelled(self, target: str, original: str) -> str:
        entered = self._vocab_words.get(target)
        if entered and entered != entered.lower():
            return entered
        if original.isupper() and len(original) > 1:
            return target.upper()
        if original[:1].isupper():
            return target[:1].upper() + target[1:]
        return target

    def _joined_match(self, first: str, second: str) -> tuple[str, float] | None:
        """The term two words are the halves of, when one half is not a word at all: exactly
        ("metform in") or one edit away ("empagliflas in" → "empagliflozin")."""
        if self._known(first) and self._known(second):
            return None
        joined = (first + second).lower()
        if joined in self.lexicon.medical or joined in self._vocab_words:
            return joined, 100.0
        return self.best_match(joined)

    def correct_segment(self, segment: Segment, index: int) -> tuple[Segment, list[Correction]]:
        tokens = segment.text.split()
        if not tokens:
            return segment, []
        words = segment.words if len(segment.words) == len(tokens) else ()
        if not words and segment.confidence >= self.low_confidence:
            return segment, []

        def unsure(i: int) -> bool:
            return words[i].probability < self.low_word_probability if words else True

        corrections: list[Correction] = []
        out: list[str] = []
        i = 0
        while i < len(tokens):
            parsed = _TOKEN.match(tokens[i])
            if not parsed:
                out.append(tokens[i])
                i += 1
                continue
            lead, core, trail = parsed.groups()
            # A word Whisper split in two ("metform in").
            if i + 1 < len(tokens) and not trail:
                following = _TOKEN.match(tokens[i + 1])
                if following and not following.group(1) and (unsure(i) or unsure(i + 1)):
                    second = following.group(2)
                    match = self._joined_match(core, second)
                    if match:
                        after = self._spelled(match[0], core)
                        corrections.append(Correction(index, f"{core} {second}", after, match[1]))
                        out.append(lead + after + following.group(3))
                        i += 2
                        continue
            if unsure(i) and not self._known(core):
                match = self.best_match(core)
                if match:
                    after = self._spelled(match[0], core)
                    corrections.append(Correction(index, core, after, round(match[1], 1)))
                    out.append(lead + after + trail)
                    i += 1
                    continue
            out.append(tokens[i])
            i += 1
        if not corrections:
            return segment, []
        # Word timings no longer line up one-to-one with the corrected text; the segment's do.
        return replace(segment, text=" ".join(out), words=()), corrections

    def correct(self, transcript: Transcript) -> Transcript:
        segments: list[Segment] = []
        corrections: list[Correction] = list(transcript.corrections)
        for index, segment in enumerate(transcript.segments):
            fixed, changes = self.correct_segment(segment, index)
            segments.append(fixed)
            corrections.extend(changes)
        if len(corrections) == len(transcript.corrections):
            return transcript
        return replace(
            transcript, segments=tuple(segments), text=join_segments(segments), corrections=tuple(corrections)
        )
