"""Dictation wired into the physician's note editor, and the per-user VAD settings in the dialog."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest
import shiboken6
import soundfile
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.audio.conftest import RATE, SENTENCES, build_dictation, speak
from tests.ui.conftest import Clinic, make_workbench, sign_directly, start
from tests.ui.test_accessibility import assert_all_named
from tests.ui.test_workspaces import open_window
from workbench import config
from workbench.audio.capture import ArraySource, AudioSource
from workbench.audio.vad import VadSettings
from workbench.security.roles import Actor
from workbench.services import dictation
from workbench.services.dictation import Dictation
from workbench.services.users import UserInfo
from workbench.ui.app import Workbench
from workbench.ui.dictation_panel import PanelState
from workbench.ui.note_dictation import NoteDictation
from workbench.ui.note_editor import NoteEditor
from workbench.ui.settings_dialog import SettingsDialog
from workbench.ui.workspaces.physician import PhysicianWorkspace


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> npt.NDArray[np.int16]:
    from workbench.audio.wavfile import load_speech

    directory = tmp_path_factory.mktemp("speech")
    utterances = [load_speech(speak(SENTENCES[0], directory, "s0")).samples]
    return build_dictation(utterances, gap_s=0.5, lead_s=0.5, tail_s=1.0).samples


class FileFed:
    """Each source continues where the last stopped, as a microphone would; as fast as read."""

    def __init__(self, samples: npt.NDArray[np.int16]) -> None:
        self.samples = samples
        self.sources: list[ArraySource] = []

    def __call__(self) -> AudioSource:
        done = sum(s.position for s in self.sources)
        source = ArraySource(self.samples[done:], description="test speech")
        self.sources.append(source)
        return source


@pytest.fixture
def editors() -> Iterator[list[NoteEditor]]:
    made: list[NoteEditor] = []
    yield made
    for editor in made:
        if shiboken6.isValid(editor):
            editor.close()  # pauses a running take and waits for its worker
    QApplication.processEvents()


@pytest.fixture
def workspace(qtbot: QtBot, clinic: Clinic) -> Iterator[PhysicianWorkspace]:
    window = open_window(qtbot, clinic, clinic.physician)  # held here for the whole test
    assert isinstance(window.workspace, PhysicianWorkspace)
    yield window.workspace
    window.close()


def open_editor(workspace: PhysicianWorkspace, clinic: Clinic, editors: list[NoteEditor]) -> NoteEditor:
    encounter = start(clinic, clinic.patients[0])
    editor = workspace.open_note(encounter)
    assert editor is not None
    editors.append(editor)
    return editor


def test_the_panel_is_in_the_physicians_editor_and_named(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace
) -> None:
    editor = open_editor(workspace, clinic, editors)
    panel = editor.findChild(NoteDictation)
    assert panel is not None and panel.isVisible()
    assert panel.panel.record_button.isEnabled()
    assert not panel.offer.isVisible()  # nothing unfinished for a new encounter
    assert_all_named(editor)


def test_no_panel_on_a_signed_note(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace
) -> None:
    encounter = start(clinic, clinic.patients[1])
    assert encounter.note_id is not None
    sign_directly(clinic.db, encounter.note_id)
    editor = workspace.open_note(encounter)
    assert editor is not None
    editors.append(editor)
    assert editor.findChild(NoteDictation) is None


def test_a_file_fed_take_through_the_editor_makes_a_recording(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    speech: npt.NDArray[np.int16],
) -> None:
    workspace.audio_source = FileFed(speech)
    editor = open_editor(workspace, clinic, editors)
    panel = editor.findChild(NoteDictation)
    assert panel is not None
    segments: list[object] = []
    panel.panel.segment_ready.connect(segments.append)
    with qtbot.waitSignal(panel.panel.take_finished, timeout=30_000) as finished:
        qtbot.mouseClick(panel.panel.record_button, Qt.MouseButton.LeftButton)
    info = finished.args[0]
    (row,) = dictation.list_recordings(clinic.db, clinic.physician, editor.encounter.id)
    assert row.id == info.id and row.status == "stopped"
    assert row.path.parent == config.recordings_dir()  # next to the database, as the CLI records
    assert row.vad_settings == VadSettings()  # the physician's own (default) settings
    assert dictation.verify_recording(clinic.db, clinic.physician, row.id)
    data, rate = soundfile.read(row.path, dtype="int16")
    assert rate == RATE and np.array_equal(data, speech)
    assert len(segments) == 1  # one sentence, handed on as it closed
    assert "Dictation saved" in editor.statusBar().currentMessage()


def test_an_unfinished_take_is_offered_and_continued(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    speech: npt.NDArray[np.int16],
) -> None:
    encounter = start(clinic, clinic.patients[0])
    # An earlier session recorded a second of audio and was closed while paused.
    earlier = Dictation.start(clinic.db, clinic.physician, encounter.id, config.recordings_dir())
    earlier.recorder.feed(speech[:RATE])
    earlier.pause()
    workspace.audio_source = FileFed(speech[RATE:])
    editor = workspace.open_note(encounter)
    assert editor is not None
    editors.append(editor)
    panel = editor.findChild(NoteDictation)
    assert panel is not None
    qtbot.waitUntil(panel.offer.isVisible, timeout=10_000)
    assert "00:01" in panel.offer_label.text() and "paused" in panel.offer_label.text()
    assert_all_named(editor)

    qtbot.mouseClick(panel.continue_button, Qt.MouseButton.LeftButton)
    assert panel.panel.state is PanelState.PAUSED
    assert not panel.offer.isVisible()
    with qtbot.waitSignal(panel.panel.take_finished, timeout=30_000) as finished:
        qtbot.mouseClick(panel.panel.resume_button, Qt.MouseButton.LeftButton)
    info = finished.args[0]
    assert info.id == earlier.recording.id  # the same recording, continued
    assert info.duration_s == pytest.approx(len(speech) / RATE)
    (row,) = dictation.list_recordings(clinic.db, clinic.physician, encounter.id)
    assert row.status == "stopped"


def test_a_take_running_when_the_editor_closes_is_paused_for_later(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    speech: npt.NDArray[np.int16],
) -> None:
    workspace.audio_source = lambda: ArraySource(speech, realtime=True)
    editor = open_editor(workspace, clinic, editors)
    panel = editor.findChild(NoteDictation)
    assert panel is not None
    panel.panel.record()
    qtbot.waitUntil(lambda: panel.panel.state is PanelState.RECORDING, timeout=10_000)
    encounter_id = editor.encounter.id
    editor.close()
    (waiting,) = dictation.interrupted_takes(clinic.db, clinic.physician, encounter_id)
    assert waiting.recording.status == "paused"


def vad_dialog(qtbot: QtBot, clinic: Clinic, actor: Actor) -> SettingsDialog:
    dialog = SettingsDialog(config.Settings(), None, clinic.db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_vad_settings_round_trip_through_the_dialog(qtbot: QtBot, clinic: Clinic) -> None:
    dialog = vad_dialog(qtbot, clinic, clinic.physician)
    box = dialog.vad_box
    assert box is not None
    assert box.chosen() == VadSettings()  # the defaults while none are stored
    assert_all_named(dialog)
    box.aggressiveness.setValue(3)
    box.frame_combo.setCurrentIndex(box.frame_combo.findData(20))
    box.start_ms.setValue(200)
    box.end_ms.setValue(900)
    box.padding_ms.setValue(250)
    box.min_segment_ms.setValue(400)
    box.autostop_s.setValue(8)
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # OK is the default button
    wanted = VadSettings(3, 20, 200, 900, 250, 400, 8.0)
    assert dictation.get_vad_settings(clinic.db, clinic.physician) == wanted
    again = vad_dialog(qtbot, clinic, clinic.physician)
    assert again.vad_box is not None and again.vad_box.chosen() == wanted


def test_impossible_vad_settings_keep_the_dialog_open_and_say_why(qtbot: QtBot, clinic: Clinic) -> None:
    dialog = vad_dialog(qtbot, clinic, clinic.physician)
    box = dialog.vad_box
    assert box is not None
    box.end_ms.setValue(300)
    box.padding_ms.setValue(500)
    dialog.accept()
    assert dialog.isVisible() and dialog.result() == 0
    assert box.error.isVisible() and "Padding" in box.error.text()
    assert dictation.get_vad_settings(clinic.db, clinic.physician) == VadSettings()
    box.padding_ms.setValue(200)
    box.autostop_s.setValue(0)
    dialog.accept()
    assert not dialog.isVisible()
    assert dictation.get_vad_settings(clinic.db, clinic.physician).end_ms == 300


def test_only_physicians_get_vad_settings_and_the_app_passes_them(
    qtbot: QtBot, qapp: QApplication, workbench_factory: list[Workbench], clinic: Clinic
) -> None:
    assert vad_dialog(qtbot, clinic, clinic.coder).vad_box is None
    wb = make_workbench(qapp, workbench_factory, clinic.db)
    wb.db = clinic.db
    actor = clinic.physician
    assert actor.user_id is not None
    wb.show_workspace(UserInfo(actor.user_id, actor.username, actor.display_name, actor.role, True))
    wb.show_settings()
    assert wb.main_window is not None
    dialog = wb.main_window.findChild(SettingsDialog)
    assert dialog is not None and dialog.vad_box is not None
    dialog.vad_box.aggressiveness.setValue(0)
    dialog.accept()
    assert dictation.get_vad_settings(clinic.db, actor).aggressiveness == 0
    wb.db = None  # the clinic fixture closes its own database


@pytest.mark.parametrize("language", ["en", "es"])
def test_settings_mnemonics_do_not_collide(
    qtbot: QtBot,
    qapp: QApplication,
    workbench_factory: list[Workbench],
    clinic: Clinic,
    built_translations: None,
    language: str,
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    from tests.ui.test_accessibility import mnemonic

    make_workbench(qapp, workbench_factory, clinic.db, config.Settings(language=language))
    dialog = vad_dialog(qtbot, clinic, clinic.physician)
    texts = [label.text() for label in dialog.findChildren(QLabel) if label.buddy() is not None]
    texts += [button.text() for button in dialog.findChildren(QAbstractButton) if button.isVisible()]
    letters = [m for m in (mnemonic(t) for t in texts) if m]
    assert len(letters) >= 10
    assert sorted(letters) == sorted(set(letters)), letters
