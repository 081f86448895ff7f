"""Code suggestions for a note: lexical and model evidence fused into one ranking, with context.

`suggest(text)` returns a CodingResult: the suggestions a coder is shown (ranked, each with its
evidence spans, calibrated confidence and flags), the ranked candidates below the threshold, and
what the note rules out (negated, hypothetical, uncertain, about a relative). Shaped after Amazon
Comprehend Medical's InferICD10CM: 0-based [start, end) character spans, a score, traits.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from workbench.coding.candidates import Mention, PhraseMatcher
from workbench.coding.catalog import Catalog, PhraseCode, load_catalog
from workbench.coding.drugs import find_drug_events, load_drug_table
from workbench.coding.fusion import CodeEvidence, Fusion
from workbench.coding.laterality import (
    BILATERAL,
    LEFT,
    RIGHT,
    Side,
    documented_side,
    dominant_hand,
    sided_codes,
)
from workbench.coding.model import MODELS, CodeModel, CodeScores, ModelMissing, load_model
from workbench.coding.nlp import Assertion, ClinicalContext, load_context
from workbench.coding.rules import (
    billable,
    diabetes_combination,
    family_history_code,
    is_chronic,
    personal_history_code,
    without_complications,
)
from workbench.coding.similar_cases import SimilarCases
from workbench.coding.text import phrase_key

SYSTEM = "ICD-10-CM"
FUSION_PATH = MODELS / "fusion.json"
SIMILAR_CASES_PATH = MODELS / "similar_cases.npz"
MODEL_TOP_K = 40
MODEL_MIN_PROBABILITY = 0.02
# Further model codes only extend the ranked list (for a coder's "more…" and ranking metrics):
# no evidence spans are read for them and they are never shown.
MODEL_TAIL_K = 100
MODEL_TAIL_PROBABILITY = 0.002
# A code carried by at least this share of the most similar coded cases joins the ranking.
SIMILAR_CASES_MIN_VOTE = 0.05
LEXICAL_VERSION = "lexical-4"  # 2: the unspecified leaf is never an "other …" residual; 3: drugs; 4: sides
_STRENGTH = {0: 1.0, 1: 0.9, 2: 0.85, 3: 0.75, 4: 0.7, 5: 0.6}

# Guideline I.C.6.a: which side of a hemiplegia or monoplegia is dominant when the note does not say.
_DOMINANCE = {
    RIGHT: "The right side is taken as dominant (guideline I.C.6.a default).",
    LEFT: "The left side is taken as dominant (the note says left-handed).",
    BILATERAL: "Ambidextrous: the affected side is taken as dominant (guideline I.C.6.a).",
}

Span = tuple[int, int, str]


@dataclass(frozen=True)
class Suggestion:
    code: str
    title: str
    score: float  # the fused ranking score
    confidence: float  # calibrated probability that a coder would assign the code
    evidence: tuple[Span, ...]  # (start, end, text), 0-based, end exclusive
    flags: tuple[str, ...]  # assertion traits and review flags
    reason: str
    model_version: str
    system: str = SYSTEM
    hints: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        return "needs_review" in self.flags


@dataclass(frozen=True)
class CodingResult:
    suggestions: tuple[Suggestion, ...]  # what a coder is shown, best first
    candidates: tuple[Suggestion, ...]  # ranked alternatives below the threshold
    ruled_out: tuple[Suggestion, ...]  # negated, hypothetical, uncertain or a relative's
    model_version: str
    notices: tuple[str, ...] = ()

    def ranked(self) -> list[Suggestion]:
        """Shown suggestions then candidates: the full ranking used for ranking metrics."""
        return [*self.suggestions, *self.candidates]


@dataclass
class _Support:
    """Everything gathered for one billable code while reading the note."""

    spans: list[tuple[int, int, Assertion, str]] = field(
        default_factory=list
    )  # (start, end, assertion, source)
    lexical_strength: float = 0.0
    synonym: bool = False
    title: bool = False
    fuzzy: bool = False
    mentions: int = 0
    model_probability: float = 0.0
    in_model: bool = False
    hints: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    lexical_precision: float = 0.0
    lexical_seen: int = 0
    named: bool = False  # a title, inclusion term or synonym of this very code is in the note
    similar_cases: float = 0.0


class SuggestionEngine:
    def __init__(
        self,
        catalog: Catalog,
        context: ClinicalContext,
        model: CodeModel | None,
        fusion: Fusion,
        similar: SimilarCases | None = None,
    ) -> None:
        self.catalog = catalog
        self.context = context
        self.model = model
        self.fusion = fusion
        self.similar = similar
        self.matcher = PhraseMatcher(catalog, model.vocab if model else ())
        self.model_version = f"{model.version if model else 'no-model'}+{LEXICAL_VERSION}"
        self._known_words = set(model.vocab) if model else set()
        self._model_label: dict[str, int] = {}
        self._sides: dict[tuple[str, str, str], list[str]] = {}
        self._unspecified_side_of: dict[str, str] = {}  # a sided code → its "unspecified side" sibling
        if model is not None:
            for i, label in enumerate(model.labels):
                self._model_label.setdefault(billable(catalog, label).code, i)

    # ---- evidence --------------------------------------------------------------------------
    def collect(self, text: str, *, assertions: bool = True) -> dict[str, _Support]:
        support: dict[str, _Support] = {}
        mentions = self.matcher.find(text)
        scores: CodeScores | None = self.model.score(text) if self.model and text.strip() else None

        lexical: list[tuple[Mention, str, float, tuple[str, ...], tuple[str, ...], bool]] = []
        hand = dominant_hand(text)
        for m in mentions:
            side = documented_side(text, m.start, m.end)
            for rank, pc in enumerate(m.codes[:3]):
                b = billable(self.catalog, pc.code)
                strength = _STRENGTH.get(pc.priority, 0.6) * m.similarity * (1.0 if rank == 0 else 0.5)
                named = rank == 0 and pc.priority <= 4 and m.similarity >= 0.85
                for code, hints, flags in self._on_side(b.code, b.hints, b.flags, side, hand, text):
                    lexical.append((m, code, strength, hints, flags, named))
        for event in find_drug_events(text):
            # The Table of Drugs names the code as plainly as an inclusion term would.
            b = billable(self.catalog, event.code)
            m = Mention(event.start, event.end, event.text, (PhraseCode(b.code, 2),), "exact", 1.0)
            lexical.append((m, b.code, _STRENGTH[2], (event.hint, *b.hints), b.flags, True))
        model_hits: list[tuple[str, float, list[tuple[int, int]]]] = []
        if scores is not None:
            order = scores.probabilities.argsort()[::-1][:MODEL_TAIL_K]
            for rank, i in enumerate(order):
                p = float(scores.probabilities[i])
                if p < MODEL_TAIL_PROBABILITY:
                    break
                head = rank < MODEL_TOP_K and p >= MODEL_MIN_PROBABILITY
                model_hits.append((scores.labels[i], p, scores.evidence(int(i)) if head else []))

        spans = [(m.start, m.end) for m, *_ in lexical]
        spans += [s for _, _, ev in model_hits for s in ev]
        ctx = self.context.analyse(text, spans) if spans else None
        plain = Assertion()

        def assertion_at(k: int) -> Assertion:
            return ctx.assertions[k] if (ctx is not None and assertions) else plain

        k = 0
        for m, code, strength, hints, flags, named in lexical:
            s = support.setdefault(code, _Support())
            s.named |= named
            s.spans.append((m.start, m.end, assertion_at(k), f"lexical:{m.method}"))
            s.lexical_strength = max(s.lexical_strength, strength)
            s.synonym |= strength >= 0.95
            s.title |= 0.8 <= strength < 0.95
            s.fuzzy |= m.method == "fuzzy"
            s.mentions += 1
            hits, seen = self.fusion.lexicon.get(lexicon_key(m, code), (0, 0))
            precision = (hits + 1) / (seen + 2)
            if precision > s.lexical_precision:
                s.lexical_precision, s.lexical_seen = precision, seen
            s.hints.extend(h for h in hints if h not in s.hints)
            s.flags.extend(f for f in flags if f not in s.flags)
            k += 1
        for label, p, ev in model_hits:
            # Case-coded labels can be categories that FY2026 has split (R05 → R05.9): propose the leaf.
            b = billable(self.catalog, label)
            code = b.code
            s = support.setdefault(code, _Support())
            s.model_probability = max(s.model_probability, p)
            s.hints.extend(h for h in b.hints if h not in s.hints)
            s.flags.extend(f for f in b.flags if f not in s.flags)
            for start, end in ev:
                s.spans.append((start, end, assertion_at(k), "model"))
                k += 1
        if self.similar is not None:
            for code, vote in self.similar.votes(text).items():
                if code in support:
                    support[code].similar_cases = vote
                elif vote >= SIMILAR_CASES_MIN_VOTE and code in self.catalog:
                    support[code] = _Support(similar_cases=vote)
        if self.model is not None:
            for code, s in support.items():
                index = self._model_label.get(code)
                s.in_model = index is not None
                if index is not None and s.model_probability == 0.0 and scores is not None:
                    s.model_probability = float(scores.probabilities[index])
        return support

    def _on_side(
        self,
        code: str,
        hints: tuple[str, ...],
        flags: tuple[str, ...],
        side: Side | None,
        hand: str,
        text: str,
    ) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
        """code and, when it is the code of unspecified side, the code for the side the note names
        (CodiEsp's coders often kept the unspecified one: both stay ranked, the fusion weighs them)."""
        if side is None:
            return [(code, hints, flags)]
        key = (code, side.side, hand)
        if key not in self._sides:
            self._sides[key] = sided_codes(self.catalog, code, side.side, hand)
        sided = self._sides[key]
        if not sided:
            return [(code, hints, flags)]
        for c in sided:
            self._unspecified_side_of[c] = code
        said = f"Laterality as documented: {side.side} ('{text[side.start : side.end]}')."
        if any("dominant" in self.catalog.title(c) for c in sided):
            said += " " + _DOMINANCE[hand]
        kept = tuple(h for h in hints if "laterality" not in h)  # the unspecified leaf's hint
        unflagged = tuple(f for f in flags if f != "unspecified_leaf")
        return [(code, hints, flags), *((c, (said, *kept), (*unflagged, "laterality")) for c in sided)]

    def evidence_of(self, code: str, s: _Support) -> CodeEvidence:
        return CodeEvidence(
            model_probability=s.model_probability,
            lexical_strength=s.lexical_strength,
            lexical_synonym=s.synonym,
            lexical_title=s.title,
            lexical_fuzzy=s.fuzzy,
            mentions=s.mentions,
            prior=self.fusion.priors.get(code, 0),
            in_model_labels=s.in_model,
            lexical_precision=s.lexical_precision,
            lexical_seen=s.lexical_seen,
            similar_cases=s.similar_cases,
        )

    # ---- decisions -------------------------------------------------------------------------
    def suggest(self, text: str, *, assertions: bool = True) -> CodingResult:
        notices: list[str] = []
        if not text.strip():
            return CodingResult((), (), (), self.model_version, ("The note is empty: nothing to code.",))
        support = self.collect(text, assertions=assertions)
        if self._known_words:
            ws = [w for w in text.lower().split() if w.isalpha()]
            if len(ws) >= 5 and sum(w in self._known_words for w in ws) / len(ws) < 0.3:
                notices.append("Few words of this note are known English clinical words; check its language.")
        shown: list[Suggestion] = []
        ruled_out: list[Suggestion] = []
        for code, s in support.items():
            conf = self.fusion.confidence(self.evidence_of(code, s))
            lexical_spans = [sp for sp in s.spans if sp[3].startswith("lexical")]
            judged = lexical_spans or s.spans
            if not judged:
                tail = min(conf, self.fusion.threshold * 0.99)
                only_similar = s.similar_cases >= SIMILAR_CASES_MIN_VOTE and s.model_probability < 0.1
                shown.append(
                    Suggestion(code, self.catalog.title(code), round(tail, 4), round(tail, 4), (), tuple(s.flags),
                               _reason("similar cases" if only_similar else "model", s),
                               self.model_version, hints=tuple(s.hints))
                )  # fmt: skip
                continue
            affirmed = [sp for sp in judged if not _is_qualified(sp[2])]
            if affirmed and s.named and not (s.lexical_seen >= 10 and s.lexical_precision < 0.1):
                # A title, inclusion term or curated synonym named plainly in the note is always shown,
                # though the learned fusion may still mark it for review.
                conf = max(conf, min(self.fusion.threshold + 0.05, 0.99))
            chronic_history = [
                sp for sp in judged if sp[2].historical and is_chronic(code) and not _is_ruled_out(sp[2])
            ]
            source = "lexical+model" if lexical_spans and s.model_probability >= 0.1 else (
                "lexical" if lexical_spans else "model")  # fmt: skip
            base = Suggestion(
                code=code,
                title=self.catalog.title(code),
                score=round(conf, 4),
                confidence=round(conf, 4),
                evidence=_spans(text, affirmed or chronic_history or judged),
                flags=tuple(s.flags),
                reason=_reason(source, s),
                model_version=self.model_version,
                hints=tuple(s.hints),
            )
            # Only what the note names, or what the model is sure of, is worth listing as ruled out.
            out = ruled_out if lexical_spans or s.model_probability >= 0.5 else []
            family = [sp for sp in judged if sp[2].family and not sp[2].negated]
            if family and not code.startswith("Z"):
                z = family_history_code(code)
                family_conf = max(conf, self.fusion.threshold + 0.05) if s.named else conf
                out.append(replace(base, flags=(*base.flags, "family"), evidence=_spans(text, family)))
                shown.append(
                    replace(
                        base,
                        code=z,
                        title=self.catalog.title(z),
                        score=round(family_conf, 4),
                        confidence=round(family_conf, 4),
                        evidence=_spans(text, family),
                        flags=("family",),
                        reason=f"family history of {code} ({base.title})",
                        hints=(),
                    )
                )
            if affirmed or chronic_history:
                flags = base.flags + (("historical",) if not affirmed else ())
                shown.append(replace(base, flags=flags))
                continue
            if family:
                continue
            negated = [sp for sp in judged if sp[2].negated]
            hypothetical = [sp for sp in judged if sp[2].hypothetical and not sp[2].negated]
            uncertain = [sp for sp in judged if sp[2].uncertain and not sp[2].negated]
            historical = [sp for sp in judged if sp[2].historical and not sp[2].negated]
            if historical and not negated:
                z = personal_history_code(code)
                shown.append(
                    replace(
                        base,
                        code=z,
                        title=self.catalog.title(z),
                        evidence=_spans(text, historical),
                        flags=("historical",),
                        reason=f"personal history of {code} ({base.title})",
                        hints=(),
                    )
                )
                # The condition itself stays in the ranking for a coder to pick, never shown by default.
                below = min(conf * 0.5, self.fusion.threshold * 0.99)
                shown.append(replace(base, confidence=round(below, 4), flags=(*base.flags, "historical")))
            elif negated:
                out.append(replace(base, flags=(*base.flags, "negated"), evidence=_spans(text, negated)))
            elif hypothetical:
                out.append(
                    replace(base, flags=(*base.flags, "hypothetical"), evidence=_spans(text, hypothetical))
                )
            elif uncertain:
                out.append(
                    replace(
                        base,
                        flags=(*base.flags, "uncertain"),
                        evidence=_spans(text, uncertain),
                        hints=(*base.hints, "Uncertain diagnosis: code the documented signs and symptoms."),
                    )
                )
        named = {code for code, s in support.items() if s.named}
        return self._finish(self._specific_first(self._combine(shown, named), named), ruled_out, notices)

    def _combine(self, rows: list[Suggestion], named: set[str]) -> list[Suggestion]:
        """Combination codes the guidelines presume (diabetes with chronic kidney disease →
        E11.22, with hyperglycemia → E11.65 …); the diabetes code "without complications" and a
        condition the combination code includes then stay ranked but are not shown. Both must be
        named in the note: a model's guess is not documentation to combine."""
        threshold = self.fusion.threshold
        plain = [
            r
            for r in rows
            if r.code in named and r.confidence >= threshold and not set(r.flags) & _QUALIFIERS
        ]
        combined: list[Suggestion] = []
        linked: set[str] = set()
        included: set[str] = set()
        for diabetes in plain:
            for other in plain:
                found = diabetes_combination(self.catalog, diabetes.code, other.code)
                if found is None:
                    continue
                code, includes_other = found
                confidence = round(min(diabetes.confidence, other.confidence), 4)
                combined.append(
                    replace(
                        diabetes,
                        code=code,
                        title=self.catalog.title(code),
                        score=confidence,
                        confidence=confidence,
                        evidence=tuple(sorted(set(diabetes.evidence) | set(other.evidence)))[:5],
                        flags=(),
                        reason=f"{diabetes.code} and {other.code} in one note: ICD-10-CM presumes "
                        'the link (guideline I.A.15, "with")',
                        hints=(),
                    )
                )
                linked.add(diabetes.code)
                if includes_other:
                    included.add(other.code)
        if not combined:
            return rows
        below = round(threshold * 0.99, 4)
        kept = [
            replace(r, score=min(r.score, below), confidence=min(r.confidence, below))
            if (r.code in linked and without_complications(r.code)) or r.code in included
            else r
            for r in rows
        ]
        return kept + combined

    def _specific_first(self, rows: list[Suggestion], named: set[str]) -> list[Suggestion]:
        """Code to the highest specificity documented: an "unspecified" code is not shown beside a
        code of its category that the note names (N18.9 and N18.30 beside "CKD stage 3a", N18.31)."""
        threshold = self.fusion.threshold
        specific = {
            r.code[:3]
            for r in rows
            if r.code in named
            and r.confidence >= threshold
            and not set(r.flags) & _QUALIFIERS
            and "unspecified" not in r.title.lower()
        }
        # "Unspecified epiphora, left side" is specific beside "…, unspecified side".
        unspecified_side = {
            self._unspecified_side_of[r.code]
            for r in rows
            if r.code in named and r.confidence >= threshold and "laterality" in r.flags
        }
        below = round(threshold * 0.99, 4)
        return [
            replace(r, score=min(r.score, below), confidence=min(r.confidence, below))
            if r.confidence >= threshold
            and "unspecified" in r.title.lower()
            and (r.code[:3] in specific or r.code in unspecified_side)
            else r
            for r in rows
        ]

    def _finish(
        self, rows: list[Suggestion], ruled_out: list[Suggestion], notices: list[str]
    ) -> CodingResult:
        best: dict[str, Suggestion] = {}
        for r in rows:
            if r.code not in best or r.confidence > best[r.code].confidence:
                best[r.code] = r
        ranked = sorted(best.values(), key=lambda r: (-r.confidence, r.code))
        shown = [r for r in ranked if r.confidence >= self.fusion.threshold]
        below = [r for r in ranked if r.confidence < self.fusion.threshold]
        finished: list[Suggestion] = []
        for r in shown:
            flags = list(r.flags)
            hints = list(r.hints)
            if r.confidence < self.fusion.review_below:
                flags.append("needs_review")
            for other in shown:
                if other.code != r.code and self.catalog.excludes1_conflict(r.code, other.code):
                    flags.append("excludes1_conflict")
                    hints.append(f"Excludes1: {r.code} and {other.code} are not coded together.")
            for note in self.catalog.use_additional(r.code)[:1]:
                hints.append("Use additional code: " + " ".join(note.split())[:200])
            finished.append(replace(r, flags=tuple(dict.fromkeys(flags)), hints=tuple(dict.fromkeys(hints))))
        seen = {r.code for r in ranked}
        ruled = sorted(
            {r.code: r for r in ruled_out if r.code not in seen}.values(), key=lambda r: -r.confidence
        )
        return CodingResult(tuple(finished), tuple(below), tuple(ruled), self.model_version, tuple(notices))


def lexicon_key(m: Mention, code: str) -> str:
    return " ".join(phrase_key(m.text)) + "|" + code


_QUALIFIERS = frozenset({"negated", "family", "hypothetical", "uncertain", "historical"})


def _is_ruled_out(a: Assertion) -> bool:
    return a.negated or a.family or a.hypothetical or a.uncertain


def _is_qualified(a: Assertion) -> bool:
    return _is_ruled_out(a) or a.historical


def _spans(text: str, spans: list[tuple[int, int, Assertion, str]]) -> tuple[Span, ...]:
    unique = sorted({(s, e) for s, e, _, _ in spans})
    return tuple((s, e, text[s:e]) for s, e in unique[:5])


def _reason(source: str, s: _Support) -> str:
    parts = []
    if s.mentions:
        kind = "curated synonym" if s.synonym else "ICD-10-CM title or inclusion term"
        parts.append(f"{kind} named in the note" + (" (spelling corrected)" if s.fuzzy else ""))
    if s.model_probability >= 0.1:
        parts.append(f"model probability {s.model_probability:.2f}")
    if s.similar_cases >= SIMILAR_CASES_MIN_VOTE:
        parts.append(f"coded in {s.similar_cases:.0%} of the most similar coded cases")
    return f"{source}: " + "; ".join(parts) if parts else source


_lock = threading.Lock()
_engine: SuggestionEngine | None = None


def load_engine(
    model_path: Path | None = None,
    fusion_path: Path = FUSION_PATH,
    similar_cases_path: Path = SIMILAR_CASES_PATH,
) -> SuggestionEngine:
    """The process-wide engine: catalog, medspaCy pipeline, model, similar cases and fusion,
    loaded once."""
    global _engine
    with _lock:
        if _engine is None:
            try:
                model: CodeModel | None = load_model(model_path) if model_path else load_model()
            except ModelMissing:
                model = None
            similar = SimilarCases.load(similar_cases_path) if similar_cases_path.exists() else None
            load_drug_table()  # read now, with the rest, rather than on the first note
            _engine = SuggestionEngine(
                load_catalog(), load_context(), model, Fusion.load(fusion_path), similar
            )
        return _engine


def suggest(text: str, *, assertions: bool = True) -> CodingResult:
    return load_engine().suggest(text, assertions=assertions)


def code_counts(codes: list[list[str]]) -> dict[str, int]:
    return dict(Counter(c for doc in codes for c in set(doc)))
