from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from tests.audio.conftest import RATE, Dictation, build_dictation
from workbench.audio.errors import InvalidVadSettings
from workbench.audio.vad import (
    AutoStop,
    Segmenter,
    SilenceStarted,
    SpeechSegment,
    SpeechStarted,
    VadSettings,
    find_segments,
)

# webrtcvad keeps calling frames voiced for a few frames after speech (its own hangover).
HANGOVER = round(0.2 * RATE)


def test_defaults_are_valid_and_round_trip() -> None:
    settings = VadSettings()
    assert VadSettings.from_dict(settings.to_dict()) == settings
    assert VadSettings.from_dict({"aggressiveness": 3, "unknown": 1}).aggressiveness == 3
    assert VadSettings.from_dict(None) == settings


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("aggressiveness", 4),
        ("aggressiveness", -1),
        ("aggressiveness", True),
        ("aggressiveness", 1.5),
        ("frame_ms", 25),
        ("start_ms", 5),
        ("end_ms", 6000),
        ("padding_ms", 800),  # more than end_ms
        ("min_segment_ms", -1),
        ("autostop_s", -1),
        ("autostop_s", 0.5),  # shorter than end_ms
        ("autostop_s", "5"),
    ],
)
def test_invalid_settings_are_refused_with_the_field_named(field: str, value: object) -> None:
    with pytest.raises(InvalidVadSettings, match=field.split("_")[0]):
        VadSettings(**{field: value})  # type: ignore[arg-type]


@pytest.mark.parametrize("aggressiveness", [0, 1, 2, 3])
@pytest.mark.parametrize("frame_ms", [10, 20, 30])
def test_three_sentences_give_three_segments_within_the_padding(
    dictation: Dictation, aggressiveness: int, frame_ms: int
) -> None:
    settings = VadSettings(aggressiveness=aggressiveness, frame_ms=frame_ms)
    padding = RATE * settings.padding_ms // 1000
    frame = RATE * frame_ms // 1000
    segments = find_segments(dictation.samples, settings)
    assert len(segments) == len(dictation.speech)
    for segment, (first, last) in zip(segments, dictation.speech, strict=True):
        # The segment holds all the speech, and no more than the padding (plus one frame of
        # rounding, and webrtcvad's hangover at the end) on either side.
        assert first - padding - frame <= segment.start <= first
        assert last < segment.end <= last + padding + HANGOVER
        assert abs(segment.speech_start - first) <= frame
        assert np.array_equal(segment.samples, dictation.samples[segment.start : segment.end])


def test_feeding_in_odd_blocks_gives_the_same_segments(dictation: Dictation) -> None:
    settings = VadSettings(frame_ms=20)
    whole = [(s.start, s.end) for s in find_segments(dictation.samples, settings)]
    segmenter = Segmenter(settings)
    events = []
    for begin in range(0, len(dictation.samples), 777):
        events += segmenter.feed(dictation.samples[begin : begin + 777])
    events += segmenter.flush()
    assert [(e.start, e.end) for e in events if isinstance(e, SpeechSegment)] == whole


def test_events_come_in_order_and_each_segment_as_soon_as_it_closes(dictation: Dictation) -> None:
    settings = VadSettings()
    segmenter = Segmenter(settings)
    frame = segmenter.frame_samples
    closed_at = []
    kinds = []
    for begin in range(0, len(dictation.samples), frame):
        for event in segmenter.feed(dictation.samples[begin : begin + frame]):
            kinds.append(type(event))
            if isinstance(event, SpeechSegment):
                closed_at.append((event, segmenter.position))
    assert kinds == [SpeechStarted, SpeechSegment, SilenceStarted] * 3
    end_threshold = RATE * settings.end_ms // 1000
    for segment, position in closed_at:
        # Emitted within end_ms (plus one frame) of the last voiced frame, not at stop().
        assert position - segment.speech_end <= end_threshold + frame


def test_offsets_continue_from_the_given_stream_position(dictation: Dictation) -> None:
    offset = 123_456
    segmenter = Segmenter(VadSettings(), offset=offset, first_index=4)
    events = segmenter.feed(dictation.samples) + segmenter.flush()
    segments = [e for e in events if isinstance(e, SpeechSegment)]
    reference = find_segments(dictation.samples, VadSettings())
    assert [s.index for s in segments] == [4, 5, 6]
    assert [s.start - offset for s in segments] == [s.start for s in reference]


def test_short_bursts_are_dropped_as_too_short(utterances: list[npt.NDArray[np.int16]]) -> None:
    click = utterances[0][: RATE // 10]  # 100 ms of speech onset
    audible = np.nonzero(np.abs(click) > 300)[0]
    burst = click[audible[0] :]
    samples = build_dictation([burst], lead_s=1.0, tail_s=1.5).samples
    assert find_segments(samples, VadSettings(min_segment_ms=400)) == []
    assert len(find_segments(samples, VadSettings(min_segment_ms=0, start_ms=30))) == 1


def test_an_open_segment_is_closed_by_flush(dictation: Dictation) -> None:
    last = dictation.speech[0][1]
    segmenter = Segmenter(VadSettings())
    assert not [
        e for e in segmenter.feed(dictation.samples[: last - RATE // 2]) if isinstance(e, SpeechSegment)
    ]
    assert segmenter.in_speech
    closing = segmenter.flush()
    assert len(closing) == 2
    assert isinstance(closing[0], SpeechSegment)
    assert closing[0].end == last - RATE // 2


def _autostop_at(samples: npt.NDArray[np.int16], settings: VadSettings) -> list[tuple[AutoStop, int]]:
    segmenter = Segmenter(settings)
    found = []
    for begin in range(0, len(samples), 480):
        for event in segmenter.feed(samples[begin : begin + 480]):
            if isinstance(event, AutoStop):
                found.append((event, segmenter.position))
    return found


@pytest.mark.parametrize("autostop_s", [2.0, 3.0])
def test_autostop_fires_after_n_seconds_of_silence_and_not_before(
    utterances: list[npt.NDArray[np.int16]], autostop_s: float
) -> None:
    settings = VadSettings(autostop_s=autostop_s)
    # Pauses shorter than the auto-stop between sentences, then a long silence at the end.
    pause = autostop_s - 0.5
    take = build_dictation(utterances, gap_s=pause, tail_s=autostop_s + 2.0)
    stops = _autostop_at(take.samples, settings)
    assert len(stops) == 1
    event, position = stops[0]
    frame = RATE * settings.frame_ms // 1000
    silence_began = find_segments(take.samples, settings)[-1].speech_end
    assert event.sample - silence_began >= autostop_s * RATE
    assert event.sample - silence_began < autostop_s * RATE + frame
    assert position == event.sample
    # Exactly at the end of the last sentence's speech, plus the silence: not before it.
    assert event.sample > take.speech[-1][1] + autostop_s * RATE


def test_autostop_counts_from_the_start_when_nobody_speaks() -> None:
    silence = np.random.default_rng(3).normal(0, 30, 5 * RATE).astype(np.int16)
    stops = _autostop_at(silence, VadSettings(autostop_s=3))
    assert [e.sample for e, _ in stops] == [3 * RATE]


def test_autostop_off_never_fires() -> None:
    silence = np.zeros(10 * RATE, np.int16)
    assert _autostop_at(silence, VadSettings(autostop_s=0)) == []


def test_countdown_and_silence_are_reported_live(dictation: Dictation) -> None:
    segmenter = Segmenter(VadSettings(autostop_s=5))
    segmenter.feed(dictation.samples[: RATE // 2])
    speaking = [segmenter.in_speech]
    assert segmenter.silence_s == pytest.approx(0.48, abs=0.03)
    assert segmenter.autostop_remaining_s == pytest.approx(5 - segmenter.silence_s)
    first = dictation.speech[0][0]
    segmenter.feed(dictation.samples[RATE // 2 : first + RATE])
    speaking.append(segmenter.in_speech)
    assert speaking == [False, True]
    assert segmenter.silence_s == 0
    assert segmenter.autostop_remaining_s == 5


@pytest.mark.parametrize("aggressiveness", [0, 1, 2, 3])
def test_steady_room_noise_does_not_merge_or_invent_segments(
    utterances: list[npt.NDArray[np.int16]], aggressiveness: int
) -> None:
    # White noise at about -30 dBFS: webrtcvad alone hears much of it as speech at the
    # lenient levels; the noise-floor gate still ends each sentence in the pause.
    noisy = build_dictation(utterances, noise=1000.0)
    assert len(find_segments(noisy.samples, VadSettings(aggressiveness=aggressiveness))) == 3
    noise_only = np.random.default_rng(5).normal(0, 1500, 10 * RATE).astype(np.int16)
    assert find_segments(noise_only, VadSettings(aggressiveness=aggressiveness)) == []


@pytest.mark.parametrize("frame_ms", [10, 20, 30])
def test_segments_close_end_ms_after_the_speech_really_ends(dictation: Dictation, frame_ms: int) -> None:
    # webrtcvad calls 80-150 ms after speech voiced (its hangover); that must not delay the end.
    settings = VadSettings(frame_ms=frame_ms)
    segmenter = Segmenter(settings)
    closed_at = []
    for begin in range(0, len(dictation.samples), 480):
        events = segmenter.feed(dictation.samples[begin : begin + 480])
        closed_at += [segmenter.position for e in events if isinstance(e, SpeechSegment)]
    end_threshold = RATE * settings.end_ms // 1000
    for position, (_first, last) in zip(closed_at, dictation.speech, strict=True):
        assert position - last <= end_threshold + 480
