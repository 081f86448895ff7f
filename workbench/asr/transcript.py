"""The result of transcription as plain, immutable data that can cross threads and processes.

Shaped after Whisper's verbose output (segments with start/end seconds, ``avg_logprob``,
``no_speech_prob``) because every engine we speak to — faster-whisper, OpenAI-compatible servers,
Amazon Transcribe — can be mapped onto it without losing what the note editor needs: timed text
to play a sentence back, and a confidence to decide where machine text deserves a second look.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

# Below this a segment is shown as "check this" and may be post-corrected against the lexicon.
LOW_CONFIDENCE = 0.6


def confidence_from(avg_logprob: float | None, no_speech_prob: float | None) -> float:
    """One number in [0, 1] from Whisper's two: mean token probability times P(speech).

    ``exp(avg_logprob)`` is the geometric-mean probability of the decoded tokens; a segment the
    model itself thinks is probably not speech is discounted by ``1 - no_speech_prob``.
    """
    if avg_logprob is None or math.isnan(avg_logprob):
        token_probability = 0.5
    else:
        token_probability = math.exp(min(0.0, avg_logprob))
    speech_probability = 1.0 - (no_speech_prob if no_speech_prob is not None else 0.0)
    return round(max(0.0, min(1.0, token_probability * speech_probability)), 4)


@dataclass(frozen=True)
class Word:
    text: str
    start: float
    end: float
    probability: float


@dataclass(frozen=True)
class Segment:
    """A stretch of speech: ``[start, end)`` seconds from the start of the audio."""

    start: float
    end: float
    text: str
    confidence: float
    avg_logprob: float | None = None
    no_speech_prob: float | None = None
    words: tuple[Word, ...] = ()

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    def shifted(self, offset_s: float) -> Segment:
        """The same segment on a longer timeline (a live segment placed in its recording)."""
        return replace(
            self,
            start=round(self.start + offset_s, 3),
            end=round(self.end + offset_s, 3),
            words=tuple(
                replace(w, start=round(w.start + offset_s, 3), end=round(w.end + offset_s, 3))
                for w in self.words
            ),
        )


def join_segments(segments: tuple[Segment, ...] | list[Segment]) -> str:
    return " ".join(s.text.strip() for s in segments if s.text.strip())


@dataclass(frozen=True)
class Transcript:
    """Text and timed segments in the note's language (English).

    When the dictation was in another language and was translated, ``original`` holds the
    transcript in the language spoken, so the physician can check the translation against it.
    """

    text: str
    segments: tuple[Segment, ...]
    language: str | None
    engine: str
    model: str = ""
    task: str = "transcribe"
    duration_s: float = 0.0
    original: Transcript | None = None
    corrections: tuple[Correction, ...] = field(default=())

    @property
    def confidence(self) -> float:
        """Duration-weighted mean of the segments' confidence (1.0 for an empty transcript)."""
        total = sum(max(s.end - s.start, 0.01) for s in self.segments)
        if not total:
            return 1.0
        return round(sum(s.confidence * max(s.end - s.start, 0.01) for s in self.segments) / total, 4)

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    def shifted(self, offset_s: float) -> Transcript:
        return replace(
            self,
            segments=tuple(s.shifted(offset_s) for s in self.segments),
            original=self.original.shifted(offset_s) if self.original else None,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "language": self.language,
            "engine": self.engine,
            "model": self.model,
            "task": self.task,
            "duration_s": round(self.duration_s, 3),
            "confidence": self.confidence,
            "segments": [
                {
                    "start": round(s.start, 3),
                    "end": round(s.end, 3),
                    "text": s.text,
                    "confidence": s.confidence,
                    "avg_logprob": s.avg_logprob,
                    "no_speech_prob": s.no_speech_prob,
                    "words": [
                        {"text": w.text, "start": w.start, "end": w.end, "probability": w.probability}
                        for w in s.words
                    ],
                }
                for s in self.segments
            ],
            "original": self.original.to_dict() if self.original else None,
            "corrections": [
                {"segment": c.segment, "before": c.before, "after": c.after, "score": c.score}
                for c in self.corrections
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Transcript:
        segments = tuple(
            Segment(
                start=float(s["start"]),
                end=float(s["end"]),
                text=str(s["text"]),
                confidence=float(s.get("confidence", 1.0)),
                avg_logprob=s.get("avg_logprob"),
                no_speech_prob=s.get("no_speech_prob"),
                words=tuple(
                    Word(str(w["text"]), float(w["start"]), float(w["end"]), float(w["probability"]))
                    for w in s.get("words") or ()
                ),
            )
            for s in data.get("segments") or ()
        )
        original = data.get("original")
        return cls(
            text=str(data.get("text", "")),
            segments=segments,
            language=data.get("language"),
            engine=str(data.get("engine", "")),
            model=str(data.get("model", "")),
            task=str(data.get("task", "transcribe")),
            duration_s=float(data.get("duration_s") or 0.0),
            original=cls.from_dict(original) if original else None,
            corrections=tuple(
                Correction(int(c["segment"]), str(c["before"]), str(c["after"]), float(c["score"]))
                for c in data.get("corrections") or ()
            ),
        )


@dataclass(frozen=True)
class Correction:
    """One post-correction: in segment ``segment``, ``before`` became ``after`` (rapidfuzz score)."""

    segment: int
    before: str
    after: str
    score: float
