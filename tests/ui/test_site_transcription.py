from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.keyrings import MemoryKeyring
from tests.ui.conftest import PASSWORD, Clinic, make_workbench
from tests.ui.test_accessibility import assert_all_named, mnemonic, mnemonics, visible_interactive
from tests.ui.test_workspaces import open_window
from workbench import config
from workbench.config import Settings
from workbench.services import transcription
from workbench.store.models import AuditEvent
from workbench.ui.app import Workbench
from workbench.ui.main_window import MainWindow
from workbench.ui.site_transcription import CloudConsentDialog, SiteTranscriptionPanel
from workbench.ui.workspaces.admin import AdminWorkspace


def admin_panel(qtbot: QtBot, clinic: Clinic) -> tuple[MainWindow, SiteTranscriptionPanel]:
    window = open_window(qtbot, clinic, clinic.admin)
    workspace = window.workspace
    assert isinstance(workspace, AdminWorkspace)
    workspace.show_transcription()
    panel = workspace.transcription
    qtbot.waitUntil(lambda: not panel.runner.busy(), timeout=10_000)
    return window, panel


def open_consent(qtbot: QtBot, panel: SiteTranscriptionPanel) -> CloudConsentDialog:
    qtbot.mouseClick(panel.cloud_on_button, Qt.MouseButton.LeftButton)
    dialog = panel.consent
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def audit_actions(clinic: Clinic) -> list[tuple[str, str]]:
    with clinic.db.session() as session:
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
        return [(e.action, e.actor_name) for e in events]


def cloud_rows_enabled(panel: SiteTranscriptionPanel) -> list[bool]:
    model = panel.engine_combo.model()
    assert isinstance(model, QStandardItemModel)
    return [
        model.item(row).isEnabled()
        for row in range(panel.engine_combo.count())
        if panel.engine_combo.itemData(row) in transcription.CLOUD_ENGINES
    ]


def test_cloud_switch_needs_the_acknowledgement_and_the_right_password(
    qtbot: QtBot, clinic: Clinic, ring: MemoryKeyring
) -> None:
    _window, panel = admin_panel(qtbot, clinic)
    assert "Off" in panel.cloud_status.text()
    assert cloud_rows_enabled(panel) == [False, False]
    assert "cannot be chosen while cloud transcription is off" in panel.cloud_note.text()
    assert not panel.cloud_off_button.isEnabled()

    dialog = open_consent(qtbot, panel)
    assert "protected health information" in dialog.explanation.text()
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    assert not dialog.ok_button.isEnabled()  # a password alone is not an acknowledgement
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    assert not dialog.ok_button.isEnabled() and not panel.runner.busy()
    dialog.password_edit.clear()
    dialog.acknowledge.setChecked(True)
    assert not dialog.ok_button.isEnabled()  # nor the acknowledgement without the password

    qtbot.keyClicks(dialog.password_edit, "not the password")
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.error.isVisible, timeout=10_000)
    assert "wrong password" in dialog.error.text()
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert not transcription.site_settings().cloud_enabled
    assert "transcription.cloud_enabled" not in [a for a, _ in audit_actions(clinic)]

    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(panel.changed, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.consent is None, timeout=5000)
    site = transcription.site_settings()
    assert site.cloud_enabled and site.cloud_acknowledged_by == "admin1"
    assert ("transcription.cloud_enabled", "admin1") in audit_actions(clinic)
    assert "acknowledged by admin1" in panel.cloud_status.text()
    assert cloud_rows_enabled(panel) == [True, True]
    assert panel.cloud_off_button.isEnabled() and not panel.cloud_on_button.isEnabled()

    # Switching off keeps audio here again and takes a cloud site engine back to local.
    panel.engine_combo.setCurrentIndex(panel.engine_combo.findData("openai"))
    assert panel.save()
    assert transcription.site_settings().engine == "openai"
    qtbot.mouseClick(panel.cloud_off_button, Qt.MouseButton.LeftButton)
    site = transcription.site_settings()
    assert not site.cloud_enabled and site.engine == "local"
    assert panel.engine_combo.currentData() == "local"
    assert cloud_rows_enabled(panel) == [False, False]
    assert ("transcription.cloud_disabled", "admin1") in audit_actions(clinic)


def test_cancelling_the_consent_leaves_the_cloud_off(
    qtbot: QtBot, clinic: Clinic, ring: MemoryKeyring
) -> None:
    _window, panel = admin_panel(qtbot, clinic)
    dialog = open_consent(qtbot, panel)
    dialog.acknowledge.setChecked(True)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: panel.consent is None, timeout=5000)
    assert not transcription.site_settings().cloud_enabled


@pytest.mark.parametrize("role", ["physician", "coder", "auditor"])
def test_only_administrators_get_the_panel(qtbot: QtBot, clinic: Clinic, role: str) -> None:
    window = open_window(qtbot, clinic, getattr(clinic, role))
    assert window.findChildren(SiteTranscriptionPanel) == []
    assert not any(isinstance(w, SiteTranscriptionPanel) for w in QApplication.allWidgets())


def test_saving_engine_model_and_endpoints_persists(
    qtbot: QtBot, clinic: Clinic, ring: MemoryKeyring, tmp_path: Path
) -> None:
    _window, panel = admin_panel(qtbot, clinic)
    panel.model_chooser.combo.setCurrentIndex(panel.model_chooser.combo.findData("tiny.en"))
    panel.openai_url.setText("https://asr.clinic.example/v1/")
    panel.openai_model.setText("whisper-large-v3")
    panel.aws_region.setText("eu-west-1")
    panel.aws_bucket.setText("clinic-audio")
    panel.aws_specialty.setCurrentIndex(panel.aws_specialty.findData("CARDIOLOGY"))
    panel.vocabulary.setPlainText("apixaban\n\n  Dr. Okonkwo \n")
    panel.post_correction.setChecked(False)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "Transcription settings saved."
    site = transcription.site_settings()
    assert (site.engine, site.model, site.openai_base_url, site.openai_model) == (
        "local",
        "tiny.en",
        "https://asr.clinic.example/v1",
        "whisper-large-v3",
    )
    assert (site.aws_region, site.aws_bucket, site.aws_specialty) == (
        "eu-west-1",
        "clinic-audio",
        "CARDIOLOGY",
    )
    assert site.vocabulary == ("apixaban", "Dr. Okonkwo") and not site.post_correction
    assert ("transcription.settings_changed", "admin1") in audit_actions(clinic)

    # Patient audio never goes over plain http to another machine: refused, nothing changes.
    panel.openai_url.setText("http://asr.clinic.example/v1")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert "https" in panel.message.text()
    assert transcription.site_settings().openai_base_url == "https://asr.clinic.example/v1"
    panel.openai_url.setText("http://127.0.0.1:8765/v1")
    assert panel.save()
    assert transcription.site_settings().openai_base_url == "http://127.0.0.1:8765/v1"

    # A folder that is not a Whisper model is refused with the reason, and the model stays.
    assert not panel.model_chooser.use_folder(str(tmp_path))
    assert panel.message.isVisible() and "model.bin" in panel.message.text()
    assert panel.model_chooser.model() == "tiny.en"

    # A fresh panel shows what was saved.
    _again, fresh = admin_panel(qtbot, clinic)
    assert fresh.chosen()["model"] == "tiny.en"
    assert fresh.vocabulary.toPlainText() == "apixaban\nDr. Okonkwo"


def test_cloud_engines_cannot_be_chosen_or_saved_while_cloud_is_off(
    qtbot: QtBot, clinic: Clinic, ring: MemoryKeyring
) -> None:
    _window, panel = admin_panel(qtbot, clinic)
    assert cloud_rows_enabled(panel) == [False, False]
    panel.engine_combo.setFocus()
    qtbot.keyClick(panel.engine_combo, Qt.Key.Key_Down)
    assert panel.engine_combo.currentData() == "local"  # the disabled entries are skipped
    # Even if the combo were forced, the service refuses and the panel says so.
    panel.engine_combo.setCurrentIndex(panel.engine_combo.findData("aws"))
    assert not panel.save()
    assert "Cloud transcription is off" in panel.message.text()
    assert transcription.site_settings().engine == "local"


def test_storing_a_key_shows_stored_but_never_the_value(
    qtbot: QtBot, clinic: Clinic, ring: MemoryKeyring
) -> None:
    _window, panel = admin_panel(qtbot, clinic)
    assert panel.openai_key_state.text() == "API key: not stored"
    secret = "sk-test-1234567890abcdef"
    qtbot.keyClicks(panel.openai_key, secret)
    qtbot.mouseClick(panel.openai_store, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.openai_key_state.text() == "API key: stored", timeout=10_000)
    assert ring.entries[(transcription.KEYRING_SERVICE, "openai:api_key")] == secret
    assert panel.openai_key.text() == ""
    assert transcription.has_secret("openai", "api_key")
    assert "stored" in panel.aws_key_state.text() and "not stored" in panel.aws_key_state.text()
    # The value is nowhere to be read: not in a widget, the settings file or the audit trail.
    texts = [getattr(w, "text", lambda: "")() for w in panel.findChildren(QWidget)]
    texts += [w.accessibleName() + w.accessibleDescription() for w in panel.findChildren(QWidget)]
    assert not any(secret in str(t) for t in texts)
    assert secret not in json.dumps(config.load_settings().extra)
    with clinic.db.session() as session:
        assert secret not in json.dumps(
            [[e.action, e.detail] for e in session.scalars(select(AuditEvent))],
            default=str,
        )
    assert ("transcription.secret_set", "admin1") in audit_actions(clinic)

    # AWS: only the fields filled in are stored.
    panel.aws_key_id.setText("AKIAEXAMPLE")
    qtbot.mouseClick(panel.aws_store, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.aws_key_state.text().startswith("access key ID: stored"), timeout=10_000)
    assert "secret access key: not stored" in panel.aws_key_state.text()
    # An empty field stores nothing and says what to do.
    qtbot.mouseClick(panel.aws_store, Qt.MouseButton.LeftButton)
    assert "Type the key" in panel.message.text()


def test_a_locked_keyring_is_reported_in_the_panel(qtbot: QtBot, clinic: Clinic, ring: MemoryKeyring) -> None:
    ring.locked = True
    _window, panel = admin_panel(qtbot, clinic)
    assert "keyring unavailable" in panel.openai_key_state.text()
    assert "keyring could not be read" in panel.message.text()
    panel.openai_key.setText("sk-test")
    qtbot.mouseClick(panel.openai_store, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused to store the key" in panel.message.text(), timeout=10_000)
    assert panel.message.isVisible()
    assert ring.entries == {}


def test_keyboard_reaches_every_control_and_every_control_has_a_name(
    qtbot: QtBot, clinic: Clinic, ring: MemoryKeyring
) -> None:
    window, panel = admin_panel(qtbot, clinic)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert_all_named(panel)
    wanted = {
        w for w in visible_interactive(panel) if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    }
    assert panel.cloud_on_button in wanted and panel.aws_store in wanted and panel.save_button in wanted
    panel.cloud_on_button.setFocus()
    reached = set()
    for _ in range(60):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert wanted <= reached, [w.objectName() for w in wanted - reached]
    dialog = open_consent(qtbot, panel)
    assert_all_named(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.acknowledge, timeout=5000)
    qtbot.keyClick(dialog.acknowledge, Qt.Key.Key_Space)
    assert dialog.acknowledge.isChecked()
    dialog.reject()


@pytest.mark.parametrize("language", ["en", "es"])
def test_transcription_tab_mnemonics_do_not_collide(
    qtbot: QtBot,
    qapp: QApplication,
    workbench_factory: list[Workbench],
    clinic: Clinic,
    built_translations: None,
    ring: MemoryKeyring,
    language: str,
) -> None:
    make_workbench(qapp, workbench_factory, clinic.db, Settings(language=language))
    window, _panel = admin_panel(qtbot, clinic)
    tabs = window.findChild(QTabWidget, "adminTabs")
    assert tabs is not None
    letters = mnemonics(window) + [m for m in (mnemonic(tabs.tabText(i)) for i in range(tabs.count())) if m]
    assert len(letters) >= 15
    assert sorted(letters) == sorted(set(letters)), letters
