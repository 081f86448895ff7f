"""Clinical context for mentions: sentences, sections and ConText assertions (medspaCy).

The pipeline is spaCy's blank English tokenizer with three medspaCy components — PyRuSH sentence
splitting, the Sectionizer and ConText — plus the rules their defaults miss ("ASSESSMENT AND
PLAN:", SOAP headings, "probable", relatives named without the word "family").
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from typing import Any

SPAN_GROUP = "workbench_mentions"

# Section categories whose mentions are about relatives or the past, whatever the sentence says.
FAMILY_SECTIONS = frozenset({"family_history"})
HISTORY_SECTIONS = frozenset({"past_medical_history", "past_surgical_history"})

_SECTION_RULES: list[tuple[str, str]] = [
    ("ASSESSMENT AND PLAN:", "observation_and_plan"),
    ("Assessment and plan:", "observation_and_plan"),
    ("Assessment & Plan:", "observation_and_plan"),
    ("Assessment:", "observation_and_plan"),
    ("Impression:", "observation_and_plan"),
    ("Diagnosis:", "diagnoses"),
    ("Diagnoses:", "diagnoses"),
    ("Plan:", "plan"),
    ("PLAN:", "plan"),
    ("Subjective:", "subjective"),
    ("SUBJECTIVE:", "subjective"),
    ("S:", "subjective"),
    ("Objective:", "objective"),
    ("OBJECTIVE:", "objective"),
    ("O:", "objective"),
    ("A:", "observation_and_plan"),
    ("P:", "plan"),
    ("Chief complaint:", "chief_complaint"),
    ("CC:", "chief_complaint"),
    ("History of present illness:", "history_of_present_illness"),
    ("Past medical history:", "past_medical_history"),
    ("Medical history:", "past_medical_history"),
    ("Past surgical history:", "past_surgical_history"),
    ("PSH:", "past_surgical_history"),
    ("Family history:", "family_history"),
    ("FH:", "family_history"),
    ("Social history:", "social_history"),
    ("SH:", "social_history"),
    ("Medications:", "medications"),
    ("Allergies:", "allergies"),
    ("Physical exam:", "physical_exam"),
    ("Physical examination:", "physical_exam"),
    ("Review of systems:", "review_of_systems"),
    ("ROS:", "review_of_systems"),
]

# Headings written without a colon count only on a line of their own.
_LINE_HEADINGS: list[tuple[str, str]] = [
    ("past medical history", "past_medical_history"),
    ("medical history", "past_medical_history"),
    ("family history", "family_history"),
    ("social history", "social_history"),
    ("assessment and plan", "observation_and_plan"),
    ("assessment", "observation_and_plan"),
    ("plan", "plan"),
    ("history of present illness", "history_of_present_illness"),
]

_RELATIVES = [
    "mother", "father", "sister", "brother", "sibling", "siblings", "aunt", "uncle", "grandmother",
    "grandfather", "grandparent", "cousin", "son", "daughter", "parent", "parents", "maternal",
    "paternal", "mom", "dad", "family history of", "fhx", "fh of",
]  # fmt: skip
_UNCERTAIN = [
    "probable", "probably", "likely", "suspected", "suspect", "suspicion of", "suspicious of",
    "presumed", "presumptive", "questionable", "query", "possibly", "cannot be excluded",
    "can not be excluded", "cannot rule out", "differential diagnosis", "versus", "vs",
    "consistent with possible", "may have", "might have", "to rule out", "rule out", "?",
]  # fmt: skip
_HISTORICAL = [
    "history of", "past history of", "previous", "previously", "prior", "in the past", "status post",
    "s/p", "years ago", "childhood", "remote history of", "personal history of", "hx of",
]  # fmt: skip
_NEGATED = [
    "denies", "denied", "denying", "no history of", "no signs of", "no sign of", "no evidence of",
    "negative for", "ruled out", "excluded", "absent", "not present", "free of", "without evidence of",
    "no family history of", "no personal history of",
]  # fmt: skip
_HYPOTHETICAL = ["if", "in case of", "risk of", "at risk for", "watch for", "monitor for", "screening for"]
# Default ConText rules that misfire in case reports: "anemia secondary to ..." is not negated.
# "free" negates the wrong thing in "epilepsy, seizure-free for a year" ("free of" stays).
_DROP_DEFAULTS = frozenset({"secondary", "but", "prophylaxis", "cause for", "as a cause for", "free"})


@dataclass(frozen=True)
class Assertion:
    negated: bool = False
    family: bool = False
    historical: bool = False
    hypothetical: bool = False
    uncertain: bool = False

    def flags(self) -> tuple[str, ...]:
        return tuple(name for name in ("negated", "family", "historical", "hypothetical", "uncertain")
                     if getattr(self, name))  # fmt: skip


@dataclass(frozen=True)
class Section:
    category: str
    start: int
    end: int


@dataclass(frozen=True)
class Context:
    """Context of one analysed note: sentences, sections, and one Assertion per mention."""

    sentences: tuple[tuple[int, int], ...]
    sections: tuple[Section, ...]
    assertions: tuple[Assertion, ...]
    mention_sections: tuple[str, ...]


class ClinicalContext:
    """medspaCy pipeline, built once; analyse() is safe to call from one thread at a time."""

    def __init__(self) -> None:
        import medspacy  # noqa: F401  (registers the medspaCy factories)
        import spacy
        from loguru import logger
        from medspacy.context import ConText, ConTextRule
        from medspacy.section_detection import SectionRule

        # medspaCy's PyRuSH logs at DEBUG through loguru when it is used.
        logger.remove()
        _register_line_breaks()
        self._lock = threading.Lock()
        nlp = spacy.blank("en")
        nlp.max_length = 5_000_000
        # spaCy's punctuation sentencizer plus line breaks: PyRuSH gives the same sentences on
        # dictated notes at a tenth of the cost (it took ~0.2 s for a 400-word note).
        nlp.add_pipe("sentencizer")
        nlp.add_pipe(_LINE_BREAKS)
        sectionizer: Any = nlp.add_pipe(
            "medspacy_sectionizer", config={"input_span_type": "group", "span_group_name": SPAN_GROUP}
        )
        sectionizer.add([SectionRule(literal=lit, category=cat) for lit, cat in _SECTION_RULES])
        sectionizer.add(
            [
                SectionRule(
                    literal=heading,
                    category=cat,
                    pattern=[
                        {"IS_SPACE": True},
                        *({"LOWER": w} for w in heading.split()),
                        {"IS_SPACE": True},
                    ],
                )
                for heading, cat in _LINE_HEADINGS
            ]
        )
        context: Any = nlp.add_pipe(
            "medspacy_context",
            config={"input_span_type": "group", "span_group_name": SPAN_GROUP, "rules": None},
        )
        default_rules = [r for r in ConText(spacy.blank("en")).rules if r.literal not in _DROP_DEFAULTS]
        extra: list[Any] = []
        extra += [ConTextRule(t, "FAMILY", direction="BIDIRECTIONAL") for t in _RELATIVES]
        extra += [ConTextRule(t, "POSSIBLE_EXISTENCE", direction="FORWARD") for t in _UNCERTAIN]
        extra += [ConTextRule(t, "HISTORICAL", direction="FORWARD") for t in _HISTORICAL]
        extra += [ConTextRule(t, "NEGATED_EXISTENCE", direction="FORWARD") for t in _NEGATED]
        extra += [ConTextRule(t, "HYPOTHETICAL", direction="FORWARD") for t in _HYPOTHETICAL]
        context.add(default_rules + extra)
        self._nlp = nlp

    def analyse(self, text: str, mentions: list[tuple[int, int]]) -> Context:
        with self._lock, warnings.catch_warnings():
            # ConText's own matcher has no patterns when a sentence has no modifier: not a problem.
            warnings.filterwarnings("ignore", message=r".*\[W036\]")
            return self._analyse(text, mentions)

    def _analyse(self, text: str, mentions: list[tuple[int, int]]) -> Context:
        nlp = self._nlp
        doc = nlp.make_doc(text)
        spans: list[Any] = []
        index: list[int] = []
        for i, (start, end) in enumerate(mentions):
            span = doc.char_span(start, end, label="MENTION", alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
                index.append(i)
        doc.spans[SPAN_GROUP] = spans
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        assertions = [Assertion()] * len(mentions)
        sections_of = ["" for _ in mentions]
        for i, span in zip(index, doc.spans[SPAN_GROUP], strict=True):
            category = span._.section_category or ""
            assertions[i] = Assertion(
                negated=bool(span._.is_negated),
                family=bool(span._.is_family) or category in FAMILY_SECTIONS,
                historical=bool(span._.is_historical) or category in HISTORY_SECTIONS,
                hypothetical=bool(span._.is_hypothetical),
                uncertain=bool(span._.is_uncertain),
            )
            sections_of[i] = category
        sentences = tuple((s.start_char, s.end_char) for s in doc.sents)
        sections = tuple(
            Section(s.category or "", doc[s.title_start :].start_char, doc[: s.body_end].end_char)
            for s in doc._.sections
            if s.body_end > s.title_start
        )
        return Context(sentences, sections, tuple(assertions), tuple(sections_of))


_LINE_BREAKS = "workbench_line_breaks"


def _register_line_breaks() -> None:
    from spacy.language import Language
    from spacy.tokens import Doc

    if Language.has_factory(_LINE_BREAKS):
        return

    @Language.component(_LINE_BREAKS)
    def line_breaks(doc: Doc) -> Doc:
        for token in doc[1:]:
            if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
                token.is_sent_start = True
        return doc


_lock = threading.Lock()
_context: ClinicalContext | None = None


def load_context() -> ClinicalContext:
    global _context
    with _lock:
        if _context is None:
            _context = ClinicalContext()
        return _context
