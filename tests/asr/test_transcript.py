from __future__ import annotations

import math

import pytest

from workbench.asr.transcript import Correction, Segment, Transcript, Word, confidence_from


def test_confidence_combines_token_probability_and_speech_probability() -> None:
    assert confidence_from(0.0, 0.0) == 1.0
    assert confidence_from(math.log(0.5), 0.0) == pytest.approx(0.5)
    assert confidence_from(math.log(0.5), 0.5) == pytest.approx(0.25)
    assert confidence_from(None, None) == 0.5  # unknown: neither trusted nor dismissed
    assert 0.0 <= confidence_from(-50.0, 1.0) <= 1.0


def _transcript() -> Transcript:
    words = (Word("Takes", 0.0, 0.4, 0.9), Word("metformin.", 0.4, 1.0, 0.3))
    original = Transcript("Toma metformina.", (Segment(0.0, 1.0, "Toma metformina.", 0.7),), "es", "local")
    return Transcript(
        "Takes metformin.",
        (Segment(0.0, 1.0, "Takes metformin.", 0.42, -0.8, 0.1, words),),
        "en",
        "local",
        "base",
        "translate",
        1.0,
        original,
        (Correction(0, "metform in", "metformin", 100.0),),
    )


def test_round_trips_through_json_shape() -> None:
    transcript = _transcript()
    assert Transcript.from_dict(transcript.to_dict()) == transcript


def test_shifted_moves_segments_words_and_original_onto_the_recording_timeline() -> None:
    moved = _transcript().shifted(12.5)
    assert (moved.segments[0].start, moved.segments[0].end) == (12.5, 13.5)
    assert moved.segments[0].words[1].start == 12.9
    assert moved.original is not None and moved.original.segments[0].start == 12.5


def test_transcript_confidence_is_duration_weighted() -> None:
    transcript = Transcript("a b", (Segment(0.0, 3.0, "a", 1.0), Segment(3.0, 4.0, "b", 0.2)), "en", "local")
    assert transcript.confidence == pytest.approx(0.8)
    assert transcript.segments[1].low_confidence and not transcript.segments[0].low_confidence
