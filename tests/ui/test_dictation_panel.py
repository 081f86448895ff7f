"""The dictation panel drives a real take (service, recorder, WAV file) from a file-fed source."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import soundfile
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from tests.audio.conftest import RATE, SENTENCES, build_dictation, speak
from tests.ui.conftest import Clinic, start
from workbench.audio.capture import ArraySource, AudioSource
from workbench.audio.errors import NoInputDevice
from workbench.audio.vad import SpeechSegment, VadSettings
from workbench.services import dictation
from workbench.services.dictation import Dictation
from workbench.ui.accessibility import INTERACTIVE
from workbench.ui.dictation_panel import DictationPanel, Listener, PanelState

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> npt.NDArray[np.int16]:
    from workbench.audio.wavfile import load_speech

    directory = tmp_path_factory.mktemp("speech")
    utterances = [
        load_speech(speak(text, directory, f"s{i}")).samples for i, text in enumerate(SENTENCES[:2])
    ]
    return build_dictation(utterances, gap_s=1.0, lead_s=0.6, tail_s=0.3).samples


class Setup:
    def __init__(
        self, clinic: Clinic, tmp_path: Path, samples: npt.NDArray[np.int16], settings: VadSettings
    ) -> None:
        self.clinic = clinic
        self.encounter = start(clinic, clinic.patients[0])
        self.recordings = tmp_path / "recordings"
        self.samples = samples
        self.settings = settings
        self.sources: list[AudioSource] = []
        self.fail_source = False

    def start_take(self, listener: Listener) -> Dictation:
        return Dictation.start(
            self.clinic.db, self.clinic.physician, self.encounter.id, self.recordings, self.settings, listener
        )

    def make_source(self) -> AudioSource:
        if self.fail_source:
            raise NoInputDevice("No microphone was found. Connect one and try again.")
        # Each (re)start continues where the previous source stopped, like a live microphone.
        done = sum(getattr(s, "position", 0) for s in self.sources)
        source = ArraySource(self.samples[done:], realtime=True)
        self.sources.append(source)
        return source


@pytest.fixture
def make_panel(qtbot: QtBot, clinic: Clinic, tmp_path: Path, speech: npt.NDArray[np.int16]) -> Iterator:
    made: list[tuple[QWidget, DictationPanel]] = []

    def make(samples: npt.NDArray[np.int16] | None = None, settings: VadSettings | None = None):
        setup = Setup(clinic, tmp_path, speech if samples is None else samples, settings or VadSettings())
        host = QWidget()
        panel = DictationPanel(setup.start_take, setup.make_source, host)
        host.show()
        made.append((host, panel))
        return panel, setup

    yield make
    # Workers first (they write to the database), then the windows.
    for host, panel in made:
        panel.shutdown()
        host.close()
        host.deleteLater()
    QApplication.processEvents()


def test_every_control_is_named_and_buttons_follow_the_state(make_panel) -> None:
    panel, _ = make_panel()
    for widget in panel.findChildren(QWidget):
        if isinstance(widget, INTERACTIVE):
            assert widget.accessibleName(), widget
    assert panel.meter.accessibleName() == "Input level"
    assert "Ctrl+Shift+R" in panel.record_button.accessibleDescription()
    enabled = [
        b.isEnabled()
        for b in (panel.record_button, panel.pause_button, panel.resume_button, panel.stop_button)
    ]
    assert enabled == [True, False, False, False]
    assert panel.indicator.text() == "○ Not recording"


def test_buttons_and_shortcuts_drive_record_pause_resume_stop(make_panel, qtbot: QtBot) -> None:
    panel, setup = make_panel()
    segments: list[SpeechSegment] = []
    panel.segment_ready.connect(segments.append)
    states: list[str] = []
    panel.state_changed.connect(states.append)

    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.state is PanelState.RECORDING, timeout=5000)
    qtbot.waitUntil(lambda: panel.in_speech, timeout=5000)  # the indicator moves with the voice
    assert panel.indicator.text() == "● Speech"
    assert panel.meter.value() > 30
    assert panel.pause_button.isEnabled()
    assert not panel.record_button.isEnabled()
    qtbot.waitUntil(lambda: panel.elapsed_s > 2.0, timeout=5000)  # mid-sentence
    assert panel.elapsed.text() == "Time 00:02"

    QTest.keySequence(panel.window().windowHandle(), "Ctrl+Shift+P")  # pause by keyboard
    qtbot.waitUntil(lambda: panel.state is PanelState.PAUSED, timeout=5000)
    assert panel.resume_button.isEnabled()
    assert panel.indicator.text() == "○ Not recording"
    assert setup.sources[0].ended  # the microphone is released while paused
    paused = dictation.get_recording(setup.clinic.db, setup.clinic.physician, panel.last_recording.id)
    assert paused.status == "paused"

    qtbot.mouseClick(panel.resume_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.state is PanelState.RECORDING, timeout=5000)
    with qtbot.waitSignal(panel.take_finished, timeout=30_000) as finished:
        QTest.keySequence(panel.window().windowHandle(), "Ctrl+Shift+X")  # stop by keyboard
    info = finished.args[0]
    assert info.status == "stopped"
    assert panel.state is PanelState.IDLE
    assert panel.record_button.isEnabled()
    assert states[:4] == ["starting", "recording", "pausing", "paused"]
    data, _ = soundfile.read(info.path, dtype="int16")
    assert len(data) == round(info.duration_s * RATE)
    # Before the pause, then what the resumed microphone heard (blocks during the pause are dropped).
    cut = round(paused.duration_s * RATE)
    assert np.array_equal(data[:cut], setup.samples[:cut])
    resumed = setup.sources[1].samples
    assert np.array_equal(data[cut:], resumed[: len(data) - cut])
    # The sentence cut by the pause was closed and handed on at the pause.
    assert segments
    assert segments[0].end == cut
    assert panel.status.text().startswith("Stopped (stopped). Saved")


def test_autostop_shows_a_countdown_and_stops_by_itself(make_panel, qtbot: QtBot, speech) -> None:
    silence = np.random.default_rng(4).normal(0, 30, 6 * RATE).astype(np.int16)
    panel, _ = make_panel(np.concatenate((speech[: 4 * RATE], silence)), VadSettings(autostop_s=2))
    countdowns: list[str] = []
    with qtbot.waitSignal(panel.take_finished, timeout=30_000) as finished:
        panel.record()

        def seen() -> bool:
            if panel.countdown.isVisible():
                countdowns.append(panel.countdown.text())
            return False

        qtbot.waitUntil(lambda: seen() or bool(countdowns), timeout=15_000)
    assert countdowns[0] in ("Auto-stop in 1 s", "Auto-stop in 2 s")
    assert finished.args[0].status == "stopped"
    assert panel.status.text().startswith("Stopped (auto-stop after 2.0 s of silence)")


def test_a_missing_microphone_is_explained_and_nothing_is_left_behind(make_panel, qtbot: QtBot) -> None:
    panel, setup = make_panel()
    setup.fail_source = True
    panel.record()
    qtbot.waitUntil(lambda: panel.state is PanelState.IDLE and bool(panel.status.text()), timeout=5000)
    assert panel.status.text() == "No microphone was found. Connect one and try again."
    assert panel.record_button.isEnabled()
    assert dictation.list_recordings(setup.clinic.db, setup.clinic.physician, setup.encounter.id) == []


def test_a_take_left_paused_is_continued_after_a_restart(make_panel, qtbot: QtBot) -> None:
    panel, setup = make_panel()
    panel.record()
    qtbot.waitUntil(lambda: panel.state is PanelState.RECORDING and panel.elapsed_s > 1.0, timeout=5000)
    panel.shutdown()  # the application closes: the take is paused, not lost
    qtbot.waitUntil(lambda: panel.state is PanelState.PAUSED, timeout=5000)
    recording_id = panel.last_recording.id

    again, _ = make_panel()
    (waiting,) = dictation.interrupted_takes(setup.clinic.db, setup.clinic.physician)
    assert waiting.recording.id == recording_id
    again.continue_take(Dictation.reopen(setup.clinic.db, setup.clinic.physician, recording_id))
    assert again.state is PanelState.PAUSED
    assert again.elapsed.text() == "Time 00:01"
    with qtbot.waitSignal(again.take_finished, timeout=10_000) as finished:
        again.stop()
    assert finished.args[0].id == recording_id
    assert finished.args[0].duration_s > 1.0
