"""Long files are read in blocks, cut at pauses, transcribed piece by piece, and can be cancelled."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile as sf

from workbench.asr import waveform
from workbench.asr.errors import NotAudio, TranscriptionCancelled
from workbench.asr.local import LocalWhisper
from workbench.asr.long_form import open_audio, transcribe_file
from workbench.asr.transcript import Segment, Transcript
from workbench.asr.wer import word_error_rate

RATE = 16_000


def tone(seconds: float, level: float = 0.3) -> npt.NDArray[np.float32]:
    t = np.arange(int(seconds * RATE)) / RATE
    return (level * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def quiet(seconds: float) -> npt.NDArray[np.float32]:
    return np.zeros(int(seconds * RATE), np.float32)


class Recorder:
    """Stands in for the engine: remembers every piece it is given and names it by its length."""

    name = "recorder"

    def __init__(self) -> None:
        self.pieces: list[npt.NDArray[np.float32]] = []

    def __call__(self, samples: waveform.Float32Array) -> Transcript:
        self.pieces.append(samples)
        seconds = samples.size / RATE
        return Transcript(
            f"piece{len(self.pieces)}.",
            (Segment(0.0, seconds, f"piece{len(self.pieces)}.", 0.9),),
            "en",
            "rec",
        )


def test_a_long_file_is_cut_at_pauses_and_put_back_on_its_own_timeline(tmp_path: Path) -> None:
    # Sounds of 7 s with 1 s pauses, 95 s in all: no piece may cut through a sound.
    audio = np.concatenate([np.concatenate([tone(7.0), quiet(1.0)]) for _ in range(12)])
    path = tmp_path / "long.wav"
    sf.write(path, audio, RATE, subtype="PCM_16")
    engine = Recorder()
    progress: list[tuple[float, float]] = []
    transcript = transcribe_file(path, engine, progress=lambda d, t: progress.append((d, t)), piece_s=30.0)
    assert sum(p.size for p in engine.pieces) == audio.size
    assert all(25 * RATE <= p.size <= 35 * RATE for p in engine.pieces[:-1])
    offset = 0
    for piece in engine.pieces[:-1]:
        offset += piece.size
        assert np.all(np.abs(audio[offset - 80 : offset + 80]) < 0.01), "cut inside a sound"
    assert transcript.text == " ".join(f"piece{i + 1}." for i in range(len(engine.pieces)))
    starts = [s.start for s in transcript.segments]
    assert starts[0] == 0.0 and starts == sorted(starts) and starts[1] > 20.0
    assert transcript.duration_s == pytest.approx(audio.size / RATE, abs=0.01)
    assert progress[0][0] == 0.0 and progress[0][1] == pytest.approx(96.0)
    assert progress[-1][0] == pytest.approx(96.0)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)


def test_other_rates_and_stereo_are_streamed_as_16_khz_mono(tmp_path: Path) -> None:
    stereo = np.stack([tone(3.0), tone(3.0)], axis=1)
    path = tmp_path / "stereo44.flac"
    from workbench.audio.resample import resample

    sf.write(path, np.stack([resample(c, RATE, 44_100) for c in stereo.T], axis=1), 44_100)
    audio = open_audio(path, block_s=1.0)
    samples = np.concatenate(list(audio.blocks))
    assert audio.duration_s == pytest.approx(3.0, abs=0.01)
    assert abs(samples.size - 3 * RATE) < 200
    assert float(np.abs(samples).max()) == pytest.approx(0.3, abs=0.03)


def test_silent_pieces_are_not_sent_to_the_engine(tmp_path: Path) -> None:
    path = tmp_path / "silence.wav"
    sf.write(path, quiet(70.0), RATE, subtype="PCM_16")
    engine = Recorder()
    transcript = transcribe_file(path, engine)
    assert engine.pieces == [] and transcript.is_empty and transcript.duration_s == pytest.approx(70.0)


def test_cancel_stops_between_pieces(tmp_path: Path) -> None:
    path = tmp_path / "tones.wav"
    sf.write(path, np.concatenate([np.concatenate([tone(5.0), quiet(1.0)]) for _ in range(30)]), RATE)
    cancel = threading.Event()
    engine = Recorder()

    def transcribe(samples: waveform.Float32Array) -> Transcript:
        cancel.set()  # the person presses Cancel while the first piece is being transcribed
        return engine(samples)

    with pytest.raises(TranscriptionCancelled):
        transcribe_file(path, transcribe, cancel=cancel)
    assert len(engine.pieces) == 1


def test_a_file_that_is_not_audio_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4 not audio at all" * 100)
    with pytest.raises(NotAudio, match=r"report\.pdf is not an audio file"):
        transcribe_file(path, Recorder())


def test_the_local_engine_transcribes_a_file_piece_by_piece(
    tiny: LocalWhisper, english_files: list[tuple[Path, str]], tmp_path: Path
) -> None:
    parts, references = [], []
    for wav, reference in english_files:
        samples, _ = sf.read(str(wav), dtype="float32")
        parts += [samples, quiet(1.5)]
        references.append(reference)
    path = tmp_path / "visit.wav"
    sf.write(path, np.concatenate(parts), RATE, subtype="PCM_16")
    transcript = transcribe_file(path, lambda s: tiny.transcribe(s, language="en"), piece_s=12.0)
    assert word_error_rate(" ".join(references), transcript.text) < 0.45
    assert transcript.engine == "local" and transcript.model == "tiny.en"


def encode(samples: npt.NDArray[np.float32], path: Path, codec: str) -> Path:
    """A compressed file, made with the FFmpeg inside PyAV (as phones and recorders make them)."""
    import av

    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=RATE, layout="mono")
        assert isinstance(stream, av.AudioStream)
        step = 1024
        for start in range(0, samples.size, step):
            chunk = samples[start : start + step].reshape(1, -1)
            frame = av.AudioFrame.from_ndarray(chunk.astype(np.float32), format="flt", layout="mono")
            frame.rate = RATE
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return path


@pytest.mark.parametrize(("suffix", "codec"), [(".m4a", "aac"), (".mp3", "libmp3lame")])
def test_compressed_files_stream_in_blocks_instead_of_decoding_whole(
    tmp_path: Path, suffix: str, codec: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    signal = np.concatenate([tone(4.0), quiet(2.0), tone(4.0)])
    path = encode(signal, tmp_path / f"visit{suffix}", codec)
    whole = waveform.load(path)

    def whole_file_decode(_audio: object) -> waveform.Float32Array:
        raise AssertionError("the whole file was decoded at once")

    monkeypatch.setattr(waveform, "load", whole_file_decode)
    audio = open_audio(path, block_s=1.0)
    assert audio.duration_s == pytest.approx(10.0, abs=0.1)
    first = next(audio.blocks)  # one second, before the rest of the file is decoded
    assert first.size == RATE and first.dtype == np.float32
    samples = np.concatenate([first, *audio.blocks])
    assert abs(samples.size - whole.size) < RATE // 10
    loud = float(np.abs(samples[RATE : 3 * RATE]).max())
    assert (
        loud == pytest.approx(0.3, abs=0.05)
        and float(np.abs(samples[int(4.5 * RATE) : int(5.5 * RATE)]).max()) < 0.02
    )


def test_a_damaged_compressed_file_says_it_is_not_audio(tmp_path: Path) -> None:
    path = encode(tone(3.0), tmp_path / "visit.m4a", "aac")
    path.write_bytes(path.read_bytes()[:200])  # cut short, as an interrupted copy leaves it
    with pytest.raises(NotAudio, match=r"visit\.m4a"):
        list(open_audio(path).blocks)
