"""The transcript in the note editor: live dictation, machine-text marks, playback, audio files."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest
import shiboken6
import soundfile
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from tests.audio.conftest import RATE, SENTENCES, build_dictation, speak
from tests.ui.conftest import Clinic, start
from tests.ui.test_accessibility import assert_all_named
from tests.ui.test_note_dictation import FileFed
from tests.ui.test_workspaces import open_window
from workbench import config
from workbench.asr.engine import AudioInput, CancelFlag, ProgressCallback, Task
from workbench.asr.local import LocalWhisper
from workbench.asr.transcript import Segment, Transcript
from workbench.audio.playback import AudioSpan, Player, read_span
from workbench.audio.take_file import open_take
from workbench.security.roles import Actor
from workbench.services import notes, transcription
from workbench.services.transcription import PersonalTranscription, TranscriptionJob
from workbench.ui.live_transcript import LiveTranscript
from workbench.ui.machine_text import MachineText
from workbench.ui.note_dictation import NoteDictation
from workbench.ui.note_editor import NoteEditor
from workbench.ui.settings_dialog import SettingsDialog
from workbench.ui.workspaces.physician import PhysicianWorkspace


@pytest.fixture(scope="module")
def speech_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("live-speech")


@pytest.fixture(scope="module")
def utterances(speech_dir: Path) -> list[npt.NDArray[np.int16]]:
    from workbench.audio.wavfile import load_speech

    return [load_speech(speak(text, speech_dir, f"s{i}")).samples for i, text in enumerate(SENTENCES)]


@pytest.fixture(scope="module")
def tiny_job() -> TranscriptionJob:
    job = transcription.job(transcription.SiteTranscription(), PersonalTranscription(), model="tiny.en")
    assert isinstance(job.engine, LocalWhisper)
    job.engine.warm()
    return job


@dataclass
class FirstSegmentSlow:
    """The real engine, except that the first segment waits until a later one has finished."""

    inner: LocalWhisper
    name: str = "local"
    later_done: threading.Event = field(default_factory=threading.Event)
    finished: list[str] = field(default_factory=list)
    _calls: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def transcribe(
        self,
        audio: AudioInput,
        *,
        language: str | None = None,
        task: Task = "transcribe",
        initial_prompt: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelFlag | None = None,
    ) -> Transcript:
        with self._lock:
            first = self._calls == 0
            self._calls += 1
        if first:
            assert self.later_done.wait(timeout=300), "no later segment ever finished"
        transcript = self.inner.transcribe(audio, language=language, task=task, initial_prompt=initial_prompt)
        self.finished.append("first" if first else "later")
        if not first:
            self.later_done.set()
        return transcript


@pytest.fixture
def editors() -> Iterator[list[NoteEditor]]:
    made: list[NoteEditor] = []
    yield made
    for editor in made:
        if shiboken6.isValid(editor):
            editor.close()
    QApplication.processEvents()


@pytest.fixture
def workspace(qtbot: QtBot, clinic: Clinic) -> Iterator[PhysicianWorkspace]:
    window = open_window(qtbot, clinic, clinic.physician)
    assert isinstance(window.workspace, PhysicianWorkspace)
    yield window.workspace
    window.close()


def open_editor(workspace: PhysicianWorkspace, clinic: Clinic, editors: list[NoteEditor]) -> NoteEditor:
    editor = workspace.open_note(start(clinic, clinic.patients[0]))
    assert editor is not None
    editors.append(editor)
    return editor


def live_panel(editor: NoteEditor) -> LiveTranscript:
    panel = editor.findChild(LiveTranscript)
    assert panel is not None
    return panel


class RecordingPlayer(Player):
    """Reads the span as the real player does, but keeps it instead of needing a loudspeaker."""

    def __init__(self) -> None:
        super().__init__()
        self.played: list[tuple[AudioSpan, int]] = []

    def play(self, span: AudioSpan, sample_rate: int = 16000) -> float:
        samples = read_span(span, sample_rate)
        self.played.append((span, samples.size))
        return samples.size / sample_rate

    def stop(self) -> None:
        pass


@pytest.mark.slow
def test_dictated_segments_reach_the_draft_in_order_when_the_first_is_slowest(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    utterances: list[npt.NDArray[np.int16]],
    tiny_job: TranscriptionJob,
) -> None:
    speech = build_dictation(utterances, gap_s=1.2, lead_s=0.5, tail_s=1.2).samples
    slow = FirstSegmentSlow(tiny_job.engine)  # type: ignore[arg-type]
    workspace.audio_source = FileFed(speech)
    workspace.transcription_job = lambda: replace(tiny_job, engine=slow)
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("SUBJECTIVE: ")
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.save("manual")
    panel = live_panel(editor)
    player = panel.player = RecordingPlayer()
    dictation = editor.findChild(NoteDictation)
    assert dictation is not None
    inserted: list[int] = []
    panel.inserted.connect(inserted.append)
    with qtbot.waitSignal(dictation.panel.take_finished, timeout=60_000):
        qtbot.mouseClick(dictation.panel.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(inserted) == 3, timeout=120_000)

    assert slow.finished[0] == "later"  # a later segment really finished before the first
    text = editor.text()
    assert text.startswith("SUBJECTIVE: ")
    lowered = text.lower()
    positions = [lowered.find(word) for word in ("yesterday", "pressure", "daily")]
    assert all(p > 0 for p in positions) and positions == sorted(positions), text
    # Marked as machine text until reviewed; each sentence keeps its place in the take.
    machine = panel.machine
    assert len(machine.unreviewed_keys()) >= 3
    assert panel.unreviewed.isVisible() and "3" in panel.unreviewed.text()
    spans = [s.span for s in machine.sources.values()]
    assert dictation.last_recording is not None
    assert all(s is not None and s.path == dictation.last_recording.path for s in spans)
    starts = [s.start_s for s in spans if s is not None]
    assert starts == sorted(starts)
    # Saved by the note's own saving, as dictation.
    qtbot.waitUntil(lambda: not editor.is_dirty(), timeout=5000)
    versions = notes.note_versions(clinic.db, clinic.physician, editor.note.id)
    assert versions[-1].origin == "dictation" and "yesterday" in versions[-1].text.lower()

    # Ctrl+Enter on the second sentence plays the audio it came from.
    second = lowered.find("pressure")
    cursor = editor.editor.textCursor()
    cursor.setPosition(second + 2)
    editor.editor.setTextCursor(cursor)
    editor.editor.setFocus()
    qtbot.keyClick(editor.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(player.played) == 1
    span, samples = player.played[0]
    assert span.start_s > 1.0 and samples == pytest.approx((span.end_s - span.start_s) * RATE, abs=2)
    assert_all_named(editor)


def test_an_edited_sentence_loses_its_mark_and_new_typing_is_not_machine_text(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace
) -> None:
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("Plan:")
    machine = live_panel(editor).machine
    cursor = QTextCursor(editor.editor.document())
    cursor.movePosition(QTextCursor.MoveOperation.End)
    first = machine.new_source("Start metformin.", AudioSpan(Path("take.wav"), 1.0, 2.5))
    second = machine.new_source("Recheck in three months.", AudioSpan(Path("take.wav"), 3.0, 4.5))
    machine.insert(cursor, [first, second])
    assert editor.text() == "Plan: Start metformin. Recheck in three months."
    assert machine.unreviewed_keys() == {first.key, second.key}
    assert machine.unreviewed_text() == ["Start metformin.", "Recheck in three months."]

    # Typing after the last sentence is the physician's own text, not a change to the sentence.
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.editor.setFocus()
    qtbot.keyClicks(editor.editor, " OK")
    qtbot.waitUntil(lambda: not machine._pending_edits)
    QApplication.processEvents()
    assert machine.unreviewed_keys() == {first.key, second.key}
    assert machine.source_at(len(editor.text())) is None or not machine.is_unreviewed(len(editor.text()) - 1)

    # Correcting a word inside the first sentence takes its mark away, and only its mark.
    position = editor.text().index("metformin")
    cursor = editor.editor.textCursor()
    cursor.setPosition(position)
    cursor.setPosition(position + len("metformin"), QTextCursor.MoveMode.KeepAnchor)
    editor.editor.setTextCursor(cursor)
    qtbot.keyClicks(editor.editor, "metoprolol")
    qtbot.waitUntil(lambda: machine.unreviewed_keys() == {second.key}, timeout=2000)
    assert "metoprolol" in editor.text()
    # The edited sentence still knows its audio.
    reviewed = machine.source_at(editor.text().index("metoprolol"))
    assert reviewed is not None and reviewed.key == first.key
    assert "3" not in live_panel(editor).unreviewed.text() and "1" in live_panel(editor).unreviewed.text()

    # Undo brings back the engine's words and, with them, the mark.
    editor.editor.undo()
    qtbot.waitUntil(lambda: machine.unreviewed_keys() == {first.key, second.key}, timeout=2000)


def test_clicking_unreviewed_text_plays_its_audio_and_the_context_menu_offers_it(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace, tmp_path: Path
) -> None:
    take = tmp_path / "take.wav"
    soundfile.write(take, (np.arange(5 * RATE) % 200).astype(np.int16), RATE, subtype="PCM_16")
    editor = open_editor(workspace, clinic, editors)
    panel = live_panel(editor)
    player = RecordingPlayer()
    panel.player = player
    editor.editor.setPlainText("")
    source = panel.machine.new_source("Lungs are clear.", AudioSpan(take, 1.5, 3.0))
    panel.machine.insert(QTextCursor(editor.editor.document()), [source])
    rect = editor.editor.cursorRect(editor.editor.textCursor())
    cursor = QTextCursor(editor.editor.document())
    cursor.setPosition(3)
    point = editor.editor.cursorRect(cursor).center()
    qtbot.mouseClick(editor.editor.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert [(s, n) for s, n in player.played] == [(AudioSpan(take, 1.5, 3.0), round(1.5 * RATE))]
    assert rect.isValid()
    assert "Playing 1.5 s" in panel.status.text()
    # The action is in the Edit menu too, for keyboard users who look for it there.
    assert panel.machine.play_action in editor.edit_menu.actions()


def test_a_model_that_is_missing_is_reported_in_the_panel_and_the_draft_stays(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace, tmp_path: Path
) -> None:
    def broken() -> TranscriptionJob:
        site = transcription.SiteTranscription()
        job = transcription.job(site, PersonalTranscription(model=str(tmp_path / "no-model")))
        assert isinstance(job.engine, LocalWhisper)
        job.engine.warm()
        return job

    workspace.transcription_job = broken
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("Draft stays.")
    panel = live_panel(editor)
    with qtbot.waitSignal(panel.failed, timeout=10_000) as failed:
        panel.prepare()
    assert "Transcription is not available" in failed.args[0] and "no-model" in failed.args[0]
    assert panel.status.text() == failed.args[0]
    assert editor.text() == "Draft stays."


def test_spanish_with_the_local_base_model_shows_the_quality_notice(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace
) -> None:
    spanish = PersonalTranscription(language="es", translate=True)
    # The model is not loaded for this: the notice depends on which engine and language, not audio.
    workspace.transcription_job = lambda: transcription.job(
        transcription.SiteTranscription(), spanish, model="base"
    )
    editor = open_editor(workspace, clinic, editors)
    panel = live_panel(editor)
    with qtbot.waitSignal(panel.engine_ready, timeout=10_000):
        panel.prepare()
    assert panel.notice.isVisible()
    assert "translation quality is poor" in panel.notice.text()
    assert "cloud engine or a larger model" in panel.notice.text()
    assert not panel.original_toggle.isVisible()  # nothing translated yet

    english = PersonalTranscription(language="en")
    workspace.transcription_job = lambda: transcription.job(
        transcription.SiteTranscription(), english, model="base"
    )
    other = workspace.open_note(start(clinic, clinic.patients[1]))
    assert other is not None
    editors.append(other)
    with qtbot.waitSignal(live_panel(other).engine_ready, timeout=10_000):
        live_panel(other).prepare()
    assert not live_panel(other).notice.isVisible()


def test_translated_dictation_keeps_the_spanish_original_beside_the_english(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace
) -> None:
    from workbench.asr.live import LiveText
    from workbench.asr.transcript import Segment

    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("")
    panel = live_panel(editor)
    original = Transcript(
        "Tiene dolor de pecho.", (Segment(0.0, 2.0, "Tiene dolor de pecho.", 0.9),), "es", "local"
    )
    english = Transcript(
        "He has chest pain.",
        (Segment(0.0, 2.0, "He has chest pain.", 0.9),),
        "en",
        "local",
        original=original,
    )
    panel._deliver(LiveText(0, 0.0, 2.0, english, 0.0, 0.0))
    assert editor.text() == "He has chest pain."
    assert panel.original_toggle.isVisible() and not panel.original.isVisible()
    panel.original_toggle.click()
    assert panel.original.isVisible() and panel.original.toPlainText() == "Tiene dolor de pecho."
    (source,) = panel.machine.sources.values()
    assert "Spanish original: Tiene dolor de pecho." in panel.machine.tooltip(source, unreviewed=True)


# -- audio files -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def short_file(speech_dir: Path, utterances: list[npt.NDArray[np.int16]]) -> Path:
    return build_dictation(utterances[1:], gap_s=1.0, lead_s=0.5, tail_s=0.5).write(speech_dir / "short.wav")


@pytest.fixture(scope="module")
def long_file(speech_dir: Path, utterances: list[npt.NDArray[np.int16]]) -> Path:
    """Twenty minutes of dictation: the sentences again and again, with pauses."""
    one = build_dictation(utterances, gap_s=2.0, lead_s=1.0, tail_s=3.0).samples
    repeats = int(20 * 60 * RATE / one.size) + 1
    path = speech_dir / "long.wav"
    soundfile.write(path, np.tile(one, repeats), RATE, subtype="PCM_16")
    return path


@pytest.mark.slow
def test_a_dropped_in_file_is_transcribed_into_the_note_as_machine_text(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    tiny_job: TranscriptionJob,
    short_file: Path,
) -> None:
    workspace.transcription_job = lambda: tiny_job
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("HPI: ")
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    panel = live_panel(editor)
    with qtbot.waitSignal(panel.file_finished, timeout=120_000) as finished:
        panel.transcribe_file(short_file)
    assert finished.args == ["done"]
    text = editor.text().lower()
    assert text.startswith("hpi: ") and "pressure" in text and "milligrams" in text
    assert panel.machine.unreviewed_keys()
    assert not editor.is_dirty()  # saved at once
    versions = notes.note_versions(clinic.db, clinic.physician, editor.note.id)
    assert versions[-1].origin == "dictation"
    spans = [s.span for s in panel.machine.sources.values()]
    assert all(s is not None and s.path == short_file for s in spans)


@pytest.mark.slow
def test_a_long_file_shows_progress_and_cancel_leaves_the_note_untouched(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    tiny_job: TranscriptionJob,
    long_file: Path,
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    workspace.transcription_job = lambda: tiny_job
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("Before.")
    editor.save("manual")
    panel = live_panel(editor)
    panel.transcribe_file(long_file)
    dialog = editor.findChild(QProgressDialog, "transcribeFileProgress")
    assert dialog is not None and dialog.isVisible()
    assert "long.wav" in dialog.labelText()
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=120_000)  # pieces done, by audio time
    assert dialog.value() < dialog.maximum()
    assert " of 20:" in dialog.labelText()  # "0:32 of 20:05"
    # The window answers while the file is transcribed: the physician can keep typing.
    editor.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor.editor, " Typed meanwhile.")
    assert editor.text() == "Before. Typed meanwhile."
    editor.editor.undo()
    assert editor.text() == "Before."
    (cancel,) = [b for b in dialog.findChildren(QPushButton) if b.isVisible()]
    assert cancel.accessibleName()
    with qtbot.waitSignal(panel.file_finished, timeout=60_000) as finished:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert finished.args == ["cancelled"]
    assert editor.text() == "Before."
    assert not panel.machine.sources
    assert "cancelled" in panel.status.text()
    assert notes.get_note(clinic.db, clinic.physician, editor.note.id).text == "Before."


def test_files_that_are_not_audio_or_only_silence_say_so(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    tiny_job: TranscriptionJob,
    tmp_path: Path,
) -> None:
    workspace.transcription_job = lambda: tiny_job
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("Unchanged.")
    panel = live_panel(editor)
    text_file = tmp_path / "notes.txt"
    text_file.write_text("this is not audio\n" * 50)
    with qtbot.waitSignal(panel.file_finished, timeout=30_000) as finished:
        panel.transcribe_file(text_file)
    assert finished.args == ["failed"]
    assert "notes.txt is not an audio file" in panel.status.text()
    silence = tmp_path / "silence.wav"
    soundfile.write(silence, np.zeros(90 * RATE, np.int16), RATE, subtype="PCM_16")
    with qtbot.waitSignal(panel.file_finished, timeout=30_000) as finished:
        panel.transcribe_file(silence)
    assert finished.args == ["empty"]
    assert "No speech was found in silence.wav" in panel.status.text()
    assert editor.text() == "Unchanged."


@pytest.mark.filterwarnings(
    "ignore:Function.*QDragEnterEvent:DeprecationWarning"
)  # PySide's only constructor
def test_a_file_dropped_on_the_note_starts_its_transcription(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    started: list[Path] = []
    editor = open_editor(workspace, clinic, editors)
    panel = live_panel(editor)
    panel.transcribe_file = lambda path, cursor=None: started.append(path)  # type: ignore[method-assign]
    dropped = tmp_path / "visit.wav"
    dropped.write_bytes(b"")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(dropped))])
    viewport = editor.editor.viewport()
    enter = QDragEnterEvent(
        viewport.rect().center(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(viewport.rect().center()),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(viewport, drop)
    assert started == [dropped]
    assert panel.file_action.shortcut().toString() == "Ctrl+Shift+O"
    assert panel.file_action in editor.note_menu.actions()


def test_machine_text_is_only_for_editors_that_can_change(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    plain = QPlainTextEdit()
    qtbot.addWidget(plain)
    machine = MachineText(plain)
    assert machine.source_at(0) is None and machine.unreviewed_keys() == set()


# -- settings ----------------------------------------------------------------------------


def settings_dialog(qtbot: QtBot, clinic: Clinic, actor: Actor) -> SettingsDialog:
    dialog = SettingsDialog(config.Settings(), None, clinic.db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_transcription_settings_are_kept_per_user(qtbot: QtBot, clinic: Clinic, tmp_path: Path) -> None:
    dialog = settings_dialog(qtbot, clinic, clinic.physician)
    box = dialog.transcription_box
    assert box is not None
    assert box.chosen() == PersonalTranscription(engine=None, language="en", translate=False)
    assert_all_named(dialog)
    # Cloud engines cannot be picked while the installation keeps audio here, and it says why.
    model = box.engine_combo.model()
    assert isinstance(model, QStandardItemModel)
    cloud_rows = [
        r for r in range(box.engine_combo.count()) if box.engine_combo.itemData(r) in ("openai", "aws")
    ]
    assert cloud_rows and not any(model.item(r).isEnabled() for r in cloud_rows)
    assert "off for this installation" in box.cloud_note.text()

    # A folder that is not a Whisper model is refused with the reason; a real one is accepted.
    assert not box.use_model_folder(str(tmp_path))
    assert box.error.isVisible() and "model.bin" in box.error.text()
    from workbench.asr.local import bundled_source

    model_folder = tmp_path / "whisper-tiny"
    model_folder.mkdir()
    for name in ("config.json", "tokenizer.json", "vocabulary.txt", "model.bin"):
        (model_folder / name).symlink_to(bundled_source("tiny.en").folder / name)
    assert box.use_model_folder(str(model_folder))
    box.language_combo.setCurrentIndex(box.language_combo.findData("es"))
    box.vocabulary.setPlainText("apixaban\n\n  Dr. Okonkwo  \n")
    box.engine_combo.setCurrentIndex(box.engine_combo.findData("local"))
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        dialog.accept()
    wanted = PersonalTranscription(
        engine="local",
        language="es",
        translate=True,
        vocabulary=("apixaban", "Dr. Okonkwo"),
        model=str(model_folder),
    )
    assert transcription.personal_settings(clinic.db, clinic.physician) == wanted
    # Per user: in the person's preferences, not in the installation's settings file.
    assert "apixaban" not in json.dumps(config.load_settings().extra)
    assert not any("apixaban" in p.read_text(errors="replace") for p in config.data_dir().glob("*.json"))
    again = settings_dialog(qtbot, clinic, clinic.physician)
    assert again.transcription_box is not None and again.transcription_box.chosen() == wanted
    # The job the editor will use follows the person's choices.
    job = transcription.job(transcription.site_settings(), wanted)
    assert isinstance(job.engine, LocalWhisper) and job.engine.model == str(model_folder)
    assert (job.language, job.task) == ("es", "translate")
    assert job.vocabulary.terms[:2] == ("apixaban", "Dr. Okonkwo")
    # Coders do not dictate: no transcription settings for them.
    assert settings_dialog(qtbot, clinic, clinic.coder).transcription_box is None


def test_cloud_engines_become_choosable_once_the_site_enables_them(qtbot: QtBot, clinic: Clinic) -> None:
    transcription.enable_cloud(clinic.db, clinic.admin, acknowledge_phi_leaves_machine=True)
    dialog = settings_dialog(qtbot, clinic, clinic.physician)
    box = dialog.transcription_box
    assert box is not None
    model = box.engine_combo.model()
    assert isinstance(model, QStandardItemModel)
    assert all(model.item(r).isEnabled() for r in range(box.engine_combo.count()))
    box.engine_combo.setCurrentIndex(box.engine_combo.findData("openai"))
    assert not box.model_combo.isEnabled()  # the local model does not apply to a cloud engine
    dialog.accept()
    assert transcription.personal_settings(clinic.db, clinic.physician).engine == "openai"


@pytest.mark.audio
@pytest.mark.slow
def test_speech_through_a_real_audio_server_reaches_the_draft(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    utterances: list[npt.NDArray[np.int16]],
    tiny_job: TranscriptionJob,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.audio.pulse import play, running_pulse
    from workbench.audio import capture
    from workbench.ui.dictation_panel import PanelState
    from workbench.ui.note_dictation import microphone_source

    # Room noise first (the monitor gives digital zeros until something plays), then two sentences.
    spoken = build_dictation(utterances[:2], gap_s=1.2, lead_s=1.2, tail_s=1.5).write(tmp_path / "spoken.wav")
    with running_pulse() as env:
        for name in ("XDG_RUNTIME_DIR", "HOME", "PULSE_SERVER"):
            monkeypatch.setenv(name, env[name])
        capture.rescan_devices()
        workspace.audio_source = microphone_source("pulse")
        workspace.transcription_job = lambda: tiny_job
        editor = open_editor(workspace, clinic, editors)
        editor.editor.setPlainText("")
        panel = live_panel(editor)
        dictation = editor.findChild(NoteDictation)
        assert dictation is not None
        inserted: list[int] = []
        panel.inserted.connect(inserted.append)
        dictation.panel.record()
        qtbot.waitUntil(lambda: dictation.panel.state is PanelState.RECORDING, timeout=10_000)
        qtbot.wait(500)  # audio flows before the speech starts
        player = play(spoken, env)
        qtbot.waitUntil(lambda: player.poll() is not None, timeout=30_000)
        qtbot.waitUntil(lambda: len(inserted) >= 2, timeout=60_000)
        with qtbot.waitSignal(dictation.panel.take_finished, timeout=20_000):
            dictation.panel.stop()
    capture.rescan_devices()
    text = editor.text().lower()
    assert text.find("yesterday") >= 0 and text.find("pressure") > text.find("yesterday"), text
    assert len(panel.machine.unreviewed_keys()) >= 2


def test_an_unreachable_cloud_engine_is_reported_and_the_draft_stays(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace
) -> None:
    from workbench.asr.openai_http import OpenAICompatible
    from workbench.audio.vad import SpeechSegment

    transcription.enable_cloud(clinic.db, clinic.admin, acknowledge_phi_leaves_machine=True)
    # Nothing listens on the discard port of this machine: the connection is refused at once.
    engine = OpenAICompatible(base_url="http://127.0.0.1:9/v1", retries=1, sleep=lambda _s: None)
    workspace.transcription_job = lambda: TranscriptionJob(engine=engine, language="en")
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("Draft stays.")
    panel = live_panel(editor)
    noise = np.random.default_rng(1).normal(0, 3000, RATE).astype(np.int16)
    with qtbot.waitSignal(panel.failed, timeout=30_000) as failed:
        panel.segment_closed(SpeechSegment(0, 0, RATE, RATE, noise))
    assert "A dictated passage was not transcribed" in failed.args[0]
    assert "audio is kept in the recording" in failed.args[0]
    assert editor.text() == "Draft stays."
    assert editor.statusBar().currentMessage() == failed.args[0]


def test_the_settings_warn_about_spanish_with_the_local_base_model(qtbot: QtBot, clinic: Clinic) -> None:
    dialog = settings_dialog(qtbot, clinic, clinic.physician)
    box = dialog.transcription_box
    assert box is not None
    assert not box.notice.isVisible()
    box.language_combo.setCurrentIndex(box.language_combo.findData("es"))
    assert box.notice.isVisible() and "translation quality is poor" in box.notice.text()
    box.model_combo.setCurrentIndex(box.model_combo.findData("tiny.en"))
    assert "English only" in box.notice.text()
    box.language_combo.setCurrentIndex(box.language_combo.findData("en"))
    assert not box.notice.isVisible()


@dataclass
class InstantEngine:
    """Hears every segment as one sentence at once: the test is about the audio, not the words."""

    name: str = "instant"

    def transcribe(self, audio: AudioInput, **_options: object) -> Transcript:
        duration = len(np.asarray(audio)) / RATE
        return Transcript(
            "Noted.", (Segment(0.0, duration, "Noted.", 0.9),), "en", self.name, duration_s=duration
        )


def test_sentences_of_a_sealed_take_play_with_the_installation_key(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    utterances: list[npt.NDArray[np.int16]],
) -> None:
    key = bytes(range(32))
    clinic.db.recordings_key = key  # as workbench.installation opens an encrypted installation's database
    speech = build_dictation(utterances, gap_s=1.2, lead_s=0.5, tail_s=1.2).samples
    workspace.audio_source = FileFed(speech)
    workspace.transcription_job = lambda: TranscriptionJob(InstantEngine())
    editor = open_editor(workspace, clinic, editors)
    editor.editor.setPlainText("")
    panel = live_panel(editor)
    player = panel.player = RecordingPlayer()
    dictation = editor.findChild(NoteDictation)
    assert dictation is not None
    inserted: list[int] = []
    panel.inserted.connect(inserted.append)
    with qtbot.waitSignal(dictation.panel.take_finished, timeout=60_000):
        qtbot.mouseClick(dictation.panel.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(inserted) == 3, timeout=60_000)

    recording = dictation.last_recording
    assert recording is not None and recording.path.name.endswith(".sealed")
    assert not list(config.recordings_dir().rglob("*.wav"))
    spans = [s.span for s in panel.machine.sources.values()]
    assert len(spans) == 3 and all(s is not None and s.key == key for s in spans)
    for span in spans:
        assert span is not None
        panel.player.play(span)
    take = open_take(recording.path, key).samples
    for span, size in player.played:
        first = round(span.start_s * RATE)
        assert size > RATE // 2
        assert np.array_equal(read_span(span), take[first : first + size])


@dataclass
class HeldEngine:
    """The real engine, held until the test lets it go (a slow machine, a slow cloud)."""

    inner: LocalWhisper
    name: str = "local"
    release: threading.Event = field(default_factory=threading.Event)

    def transcribe(self, audio: AudioInput, **options: Any) -> Transcript:
        assert self.release.wait(timeout=300)
        return self.inner.transcribe(audio, **options)


def test_closing_while_passages_are_transcribed_asks_and_waiting_keeps_them(
    qtbot: QtBot,
    clinic: Clinic,
    editors: list[NoteEditor],
    workspace: PhysicianWorkspace,
    utterances: list[npt.NDArray[np.int16]],
    tiny_job: TranscriptionJob,
) -> None:
    speech = build_dictation(utterances[:1], gap_s=1.2, lead_s=0.5, tail_s=1.2).samples
    held = HeldEngine(tiny_job.engine)  # type: ignore[arg-type]
    workspace.audio_source = FileFed(speech)
    workspace.transcription_job = lambda: replace(tiny_job, engine=held)
    editor = open_editor(workspace, clinic, editors)
    panel = live_panel(editor)
    dictation = editor.findChild(NoteDictation)
    assert dictation is not None
    with qtbot.waitSignal(dictation.panel.take_finished, timeout=60_000):
        qtbot.mouseClick(dictation.panel.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.close_reason() != "", timeout=30_000)

    assert not editor.close()  # the physician closes the note while the passage is on its way
    box = editor.findChild(QMessageBox, "closeGuardBox")
    assert box is not None and "still being transcribed" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()  # Wait
    assert editor.isVisible()

    held.release.set()
    qtbot.waitUntil(lambda: "yesterday" in editor.text().lower(), timeout=120_000)
    assert panel.close_reason() == ""
    assert editor.close()
    versions = notes.note_versions(clinic.db, clinic.physician, editor.note.id)
    assert "yesterday" in versions[-1].text.lower()


def test_a_cloud_engine_sends_nothing_more_once_the_site_switches_cloud_off(
    qtbot: QtBot, clinic: Clinic, editors: list[NoteEditor], workspace: PhysicianWorkspace
) -> None:
    from workbench.asr.openai_http import OpenAICompatible
    from workbench.audio.vad import SpeechSegment

    transcription.enable_cloud(clinic.db, clinic.admin, acknowledge_phi_leaves_machine=True)
    sent: list[object] = []

    class Recording(OpenAICompatible):
        def transcribe(self, audio: AudioInput, **options: Any) -> Transcript:
            sent.append(audio)
            return Transcript(text="", segments=(), language="en", engine="openai")

    engine = Recording(base_url="http://127.0.0.1:9/v1", retries=0)
    workspace.transcription_job = lambda: TranscriptionJob(engine=engine, language="en")
    editor = open_editor(workspace, clinic, editors)
    panel = live_panel(editor)
    noise = np.random.default_rng(2).normal(0, 3000, RATE).astype(np.int16)
    transcription.disable_cloud(clinic.db, clinic.admin)  # mid-take, from the administrator's desk
    with qtbot.waitSignal(panel.failed, timeout=30_000) as failed:
        panel.segment_closed(SpeechSegment(0, 0, RATE, RATE, noise))
    assert "switched off" in failed.args[0] and sent == []
