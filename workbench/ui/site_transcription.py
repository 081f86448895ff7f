"""The administrator's transcription settings: the site's engine and model, the cloud endpoints, the
site vocabulary, the cloud switch (acknowledged, with the password re-entered) and the API keys.

Keys go straight from a masked field into the OS keyring; the panel only ever learns whether one
is stored. Anything that can block (the keyring, password hashing) runs off the UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.security.roles import Actor
from workbench.services import transcription, users
from workbench.services.errors import AuthenticationFailed
from workbench.services.transcription import CLOUD_ENGINES, LOCAL, SECRET_NAMES, SiteTranscription
from workbench.store.database import Database
from workbench.ui.accessibility import announce, describe, describe_scroll_bars
from workbench.ui.local_model import LocalModelChooser
from workbench.ui.tasks import TaskRunner

# Amazon Transcribe Medical's specialties (its API's own values).
AWS_SPECIALTIES = ("PRIMARYCARE", "CARDIOLOGY", "NEUROLOGY", "ONCOLOGY", "RADIOLOGY", "UROLOGY")


def _selectable(label: QLabel) -> QLabel:
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return label


def _key_row(store: QPushButton, state: QLabel) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(store)
    row.addWidget(state, 1)
    return row


def _masked(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class CloudConsentDialog(QDialog):
    """What the administrator confirms before audio may leave the machine: the PHI text, an explicit
    acknowledgement and their own password. OK stays disabled until both are given."""

    confirmed = Signal(str)  # the password, checked by whoever listens

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cloudConsent")
        self.setModal(True)
        self.explanation = _selectable(QLabel())
        self.explanation.setObjectName("cloudConsentText")
        self.acknowledge = QCheckBox()
        self.acknowledge.setObjectName("acknowledgePhi")
        self.password_label = QLabel()
        self.password_edit = _masked("cloudConsentPassword")
        self.password_label.setBuddy(self.password_edit)
        self.error = _selectable(QLabel())
        self.error.setObjectName("cloudConsentError")
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._confirm)
        self.buttons.rejected.connect(self.reject)
        self.acknowledge.toggled.connect(self._update_ok)
        self.password_edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        # Wrapped text must grow the dialog, not be cut off, when the error line appears.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.explanation.setMinimumWidth(460)
        layout.addWidget(self.explanation)
        layout.addWidget(self.acknowledge)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._busy = False
        self.retranslate()
        self._update_ok()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Switch on cloud transcription"))
        self.explanation.setText(
            self.tr(
                "Cloud transcription sends dictation audio — protected health information (PHI) — to "
                "the provider configured here, outside this machine and this clinic. Switch it on only "
                "if your organisation has an agreement with that provider that covers PHI (for example "
                "a business associate agreement). Physicians can then choose a cloud engine, and it is "
                "recorded in the audit trail that you acknowledged this."
            )
        )
        describe(self.explanation, self.explanation.text())
        # Layouts do not grow a dialog for wrapped text; at the narrowest width it still fits whole.
        self.explanation.setMinimumHeight(self.explanation.heightForWidth(self.explanation.minimumWidth()))
        self.acknowledge.setText(self.tr("I &acknowledge that dictation audio (PHI) will leave this machine"))
        describe(self.acknowledge, self.tr("Acknowledge that dictation audio (PHI) will leave this machine"))
        self.password_label.setText(self.tr("Your &password:"))
        describe(self.password_edit, self.tr("Your password"), self.tr("Confirms that it is you"))
        self.ok_button.setText(self.tr("&Switch on"))
        describe(self.ok_button, self.tr("Switch on cloud transcription"))
        self.cancel_button.setText(self.tr("&Cancel"))
        describe(self.cancel_button, self.tr("Cancel"), self.tr("Cloud transcription stays off"))
        describe(self.error, self.error.text() or self.tr("Problem switching on cloud transcription"))

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(
            not self._busy and self.acknowledge.isChecked() and bool(self.password_edit.text())
        )

    def _confirm(self) -> None:
        if not self.ok_button.isEnabled():
            return  # Return in the password field while unticked, or still checking
        self.set_busy(True)
        self.confirmed.emit(self.password_edit.text())

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._update_ok()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        describe(self.error, message)
        self.error.show()
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        announce(self.error, message, assertive=True)


class SiteTranscriptionPanel(QWidget):
    """The site's transcription settings, for administrators (the services check the permission)."""

    changed = Signal(object)  # SiteTranscription, after a save or a cloud switch
    status_message = Signal(str)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteTranscription")
        self.db = db
        self.actor = actor
        self.runner = TaskRunner(self)
        self.site = transcription.site_settings()
        self.consent: CloudConsentDialog | None = None
        self._secret_state: dict[tuple[str, str], bool | None] = {}

        # Widgets are made in reading order: that is the Tab order.
        self.message = _selectable(QLabel())
        self.message.setObjectName("siteTranscriptionMessage")
        self.message.hide()
        font = self.message.font()
        font.setBold(True)
        self.message.setFont(font)

        self.cloud_box = QGroupBox()
        self.cloud_box.setObjectName("cloudTranscription")
        self.cloud_status = _selectable(QLabel())
        self.cloud_status.setObjectName("cloudStatus")
        self.cloud_on_button = QPushButton()
        self.cloud_on_button.setObjectName("cloudOn")
        self.cloud_on_button.clicked.connect(self.ask_cloud_on)
        self.cloud_off_button = QPushButton()
        self.cloud_off_button.setObjectName("cloudOff")
        self.cloud_off_button.clicked.connect(self.switch_cloud_off)
        cloud_layout = QVBoxLayout(self.cloud_box)
        cloud_layout.addWidget(self.cloud_status)
        cloud_buttons = QHBoxLayout()
        cloud_buttons.addWidget(self.cloud_on_button)
        cloud_buttons.addWidget(self.cloud_off_button)
        cloud_buttons.addStretch(1)
        cloud_layout.addLayout(cloud_buttons)

        self.engine_box = QGroupBox()
        self.engine_box.setObjectName("siteEngineBox")
        self.engine_combo = QComboBox()
        self.engine_combo.setObjectName("siteEngine")
        self.cloud_note = _selectable(QLabel())
        self.cloud_note.setObjectName("siteCloudNote")
        self.model_chooser = LocalModelChooser()
        self.model_chooser.combo.setObjectName("siteModel")
        self.model_chooser.refused.connect(self.show_error)
        self.engine_combo.currentIndexChanged.connect(self._engine_changed)
        self.engine_label, self.model_label = QLabel(), QLabel()
        self.engine_label.setBuddy(self.engine_combo)
        self.model_label.setBuddy(self.model_chooser.combo)
        engine_form = QFormLayout(self.engine_box)
        engine_form.addRow(self.engine_label, self.engine_combo)
        engine_form.addRow(self.cloud_note)
        engine_form.addRow(self.model_label, self.model_chooser)

        self.openai_box = QGroupBox()
        self.openai_box.setObjectName("openaiBox")
        self.openai_url = QLineEdit()
        self.openai_url.setObjectName("openaiBaseUrl")
        self.openai_model = QLineEdit()
        self.openai_model.setObjectName("openaiModel")
        self.openai_key = _masked("openaiApiKey")
        self.openai_store = QPushButton()
        self.openai_store.setObjectName("storeOpenaiKey")
        self.openai_store.clicked.connect(lambda: self.store_keys("openai"))
        self.openai_key_state = _selectable(QLabel())
        self.openai_key_state.setObjectName("openaiKeyState")
        self.url_label, self.openai_model_label, self.openai_key_label = QLabel(), QLabel(), QLabel()
        self.url_label.setBuddy(self.openai_url)
        self.openai_model_label.setBuddy(self.openai_model)
        openai_form = QFormLayout(self.openai_box)
        openai_form.addRow(self.url_label, self.openai_url)
        openai_form.addRow(self.openai_model_label, self.openai_model)
        openai_form.addRow(self.openai_key_label, self.openai_key)
        openai_form.addRow(_key_row(self.openai_store, self.openai_key_state))

        self.aws_box = QGroupBox()
        self.aws_box.setObjectName("awsBox")
        self.aws_region = QLineEdit()
        self.aws_region.setObjectName("awsRegion")
        self.aws_bucket = QLineEdit()
        self.aws_bucket.setObjectName("awsBucket")
        self.aws_specialty = QComboBox()
        self.aws_specialty.setObjectName("awsSpecialty")
        for specialty in AWS_SPECIALTIES:
            self.aws_specialty.addItem(specialty, specialty)
        self.aws_key_id = _masked("awsAccessKeyId")
        self.aws_secret = _masked("awsSecretAccessKey")
        self.aws_store = QPushButton()
        self.aws_store.setObjectName("storeAwsKeys")
        self.aws_store.clicked.connect(lambda: self.store_keys("aws"))
        self.aws_key_state = _selectable(QLabel())
        self.aws_key_state.setObjectName("awsKeyState")
        self.region_label, self.bucket_label, self.specialty_label = QLabel(), QLabel(), QLabel()
        self.key_id_label, self.secret_label = QLabel(), QLabel()
        self.region_label.setBuddy(self.aws_region)
        self.bucket_label.setBuddy(self.aws_bucket)
        self.specialty_label.setBuddy(self.aws_specialty)
        aws_form = QFormLayout(self.aws_box)
        aws_form.addRow(self.region_label, self.aws_region)
        aws_form.addRow(self.bucket_label, self.aws_bucket)
        aws_form.addRow(self.specialty_label, self.aws_specialty)
        aws_form.addRow(self.key_id_label, self.aws_key_id)
        aws_form.addRow(self.secret_label, self.aws_secret)
        aws_form.addRow(_key_row(self.aws_store, self.aws_key_state))

        self.vocabulary_box = QGroupBox()
        self.vocabulary_box.setObjectName("siteVocabularyBox")
        self.vocabulary = QPlainTextEdit()
        self.vocabulary.setObjectName("siteVocabulary")
        self.vocabulary.setTabChangesFocus(True)
        self.vocabulary.setMaximumHeight(110)
        self.post_correction = QCheckBox()
        self.post_correction.setObjectName("postCorrection")
        self.vocabulary_label = QLabel()
        self.vocabulary_label.setBuddy(self.vocabulary)
        vocabulary_layout = QVBoxLayout(self.vocabulary_box)
        vocabulary_layout.addWidget(self.vocabulary_label)
        vocabulary_layout.addWidget(self.vocabulary)
        vocabulary_layout.addWidget(self.post_correction)

        self.save_button = QPushButton()
        self.save_button.setObjectName("saveSiteTranscription")
        self.save_button.clicked.connect(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.cloud_box)
        layout.addWidget(self.engine_box)
        layout.addWidget(self.openai_box)
        layout.addWidget(self.aws_box)
        layout.addWidget(self.vocabulary_box)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        layout.addLayout(save_row)
        layout.addStretch(1)
        self.retranslate()
        self.show_site(self.site)
        self.refresh_secrets()

    # -- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.cloud_box.setTitle(self.tr("Cloud transcription"))
        self.cloud_on_button.setText(self.tr("S&witch on…"))
        describe(
            self.cloud_on_button,
            self.tr("Switch on cloud transcription"),
            self.tr("Asks you to acknowledge that dictation audio leaves this machine"),
        )
        self.cloud_off_button.setText(self.tr("Sw&itch off"))
        describe(
            self.cloud_off_button,
            self.tr("Switch off cloud transcription"),
            self.tr("All dictation audio stays on this machine again"),
        )
        self.engine_box.setTitle(self.tr("Engine for this installation"))
        self.engine_label.setText(self.tr("Site &engine:"))
        self.model_label.setText(self.tr("Local m&odel:"))
        self.model_chooser.retranslate()
        # The shared chooser's own mnemonic (H) is Help's here.
        self.model_chooser.folder_button.setText(self.tr("Choose fol&der…"))
        describe(
            self.model_chooser.combo,
            self.tr("Site local speech model"),
            self.tr("base understands Spanish; tiny.en is English only and faster"),
        )
        self.openai_box.setTitle(self.tr("OpenAI-compatible service"))
        self.url_label.setText(self.tr("&Base URL:"))
        describe(
            self.openai_url,
            self.tr("OpenAI-compatible base URL"),
            self.tr("https is required except for a server on this machine"),
        )
        self.openai_model_label.setText(self.tr("&Model name:"))
        describe(self.openai_model, self.tr("OpenAI-compatible model name"))
        self.openai_key_label.setText(self.tr("API key:"))
        describe(self.openai_key, self.tr("OpenAI API key"), self.tr("Stored in the system keyring only"))
        self.openai_store.setText(self.tr("Sto&re OpenAI key"))
        describe(self.openai_store, self.tr("Store the OpenAI API key in the system keyring"))
        self.aws_box.setTitle(self.tr("Amazon Transcribe Medical"))
        self.region_label.setText(self.tr("Re&gion:"))
        describe(self.aws_region, self.tr("AWS region"))
        self.bucket_label.setText(self.tr("S3 buc&ket:"))
        describe(self.aws_bucket, self.tr("S3 bucket"), self.tr("Where audio is uploaded for transcription"))
        self.specialty_label.setText(self.tr("Medical s&pecialty:"))
        describe(self.aws_specialty, self.tr("Medical specialty"))
        self.key_id_label.setText(self.tr("Access key ID:"))
        describe(self.aws_key_id, self.tr("AWS access key ID"), self.tr("Stored in the system keyring only"))
        self.secret_label.setText(self.tr("Secret access key:"))
        describe(
            self.aws_secret, self.tr("AWS secret access key"), self.tr("Stored in the system keyring only")
        )
        self.aws_store.setText(self.tr("Store AWS ke&ys"))
        describe(
            self.aws_store,
            self.tr("Store the AWS keys in the system keyring"),
            self.tr("Stores the fields you filled in; empty ones keep what is stored"),
        )
        self.vocabulary_box.setTitle(self.tr("Medical vocabulary"))
        self.vocabulary_label.setText(self.tr("Site voc&abulary (one term per line):"))
        describe(
            self.vocabulary,
            self.tr("Site vocabulary"),
            self.tr("Drug names, conditions and colleagues' names every engine here should expect"),
        )
        describe_scroll_bars(self.vocabulary, self.tr("Site vocabulary"))
        self.post_correction.setText(self.tr("Correct &near-misses against the medical lexicon"))
        describe(
            self.post_correction,
            self.tr("Correct near-misses against the medical lexicon"),
            self.tr("Only words the engine was unsure of, and only strong matches"),
        )
        self.save_button.setText(self.tr("&Save transcription settings"))
        describe(self.save_button, self.tr("Save transcription settings"))
        self._fill_engines()
        self._show_cloud()
        self._show_secret_states()
        describe(self.message, self.message.text() or self.tr("Transcription settings message"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _engine_names(self) -> dict[str, str]:
        return {
            LOCAL: self.tr("Local (this computer, no network)"),
            "openai": self.tr("OpenAI-compatible service"),
            "aws": self.tr("Amazon Transcribe Medical"),
        }

    def _fill_engines(self) -> None:
        current = self.engine_combo.currentData() or self.site.engine
        self.engine_combo.blockSignals(True)
        self.engine_combo.clear()
        for name, text in self._engine_names().items():
            self.engine_combo.addItem(text, name)
        model = self.engine_combo.model()
        off = self.tr("Switch on cloud transcription first")
        if isinstance(model, QStandardItemModel):
            for row in range(self.engine_combo.count()):
                item = model.item(row)
                cloud = self.engine_combo.itemData(row) in CLOUD_ENGINES
                item.setEnabled(self.site.cloud_enabled or not cloud)
                item.setToolTip(off if cloud and not self.site.cloud_enabled else "")
        self.engine_combo.setCurrentIndex(max(0, self.engine_combo.findData(current)))
        self.engine_combo.blockSignals(False)
        self.cloud_note.setText(
            self.tr(
                "Cloud engines cannot be chosen while cloud transcription is off: dictation audio stays "
                "on this machine. Switch it on above to choose one."
            )
            if not self.site.cloud_enabled
            else self.tr("Cloud engines send dictation audio to the provider configured below.")
        )
        describe(self.cloud_note, self.cloud_note.text())
        describe(self.engine_combo, self.tr("Site transcription engine"), self.cloud_note.text())
        self._engine_changed()

    def _show_cloud(self) -> None:
        site = self.site
        if site.cloud_enabled:
            text = (
                self.tr("On: acknowledged by %1 on %2. Dictation audio may leave this machine.")
                .replace("%1", site.cloud_acknowledged_by or "?")
                .replace("%2", (site.cloud_acknowledged_at or "?").replace("T", " "))
            )
        else:
            text = self.tr("Off: dictation audio stays on this machine.")
        self.cloud_status.setText(text)
        describe(self.cloud_status, text)
        self.cloud_on_button.setEnabled(not site.cloud_enabled)
        self.cloud_off_button.setEnabled(site.cloud_enabled)

    def _engine_changed(self) -> None:
        self.model_chooser.setEnabled((self.engine_combo.currentData() or LOCAL) == LOCAL)

    # -- showing and saving the settings ---------------------------------------------------------

    def show_site(self, site: SiteTranscription) -> None:
        self.site = site
        self._fill_engines()
        self.engine_combo.setCurrentIndex(max(0, self.engine_combo.findData(site.engine)))
        self.model_chooser.set_model(site.model)
        self.openai_url.setText(site.openai_base_url)
        self.openai_model.setText(site.openai_model)
        self.aws_region.setText(site.aws_region)
        self.aws_bucket.setText(site.aws_bucket)
        if self.aws_specialty.findData(site.aws_specialty) < 0:
            self.aws_specialty.addItem(site.aws_specialty, site.aws_specialty)
        self.aws_specialty.setCurrentIndex(self.aws_specialty.findData(site.aws_specialty))
        self.vocabulary.setPlainText("\n".join(site.vocabulary))
        self.post_correction.setChecked(site.post_correction)
        self._show_cloud()

    def chosen(self) -> dict[str, Any]:
        """The settings shown, as changes for ``update_site_settings`` (which checks them)."""
        # https, or plain http to this machine only: the service checks it (one rule, also for the CLI).
        url = self.openai_url.text().strip().rstrip("/")
        model = self.model_chooser.model() or "base"
        return {
            "engine": str(self.engine_combo.currentData() or LOCAL),
            "model": model,
            # A pinned digest belongs to the model it was taken for.
            "model_sha256": self.site.model_sha256 if model == self.site.model else None,
            "openai_base_url": url,
            "openai_model": self.openai_model.text().strip() or "whisper-1",
            "aws_region": self.aws_region.text().strip(),
            "aws_bucket": self.aws_bucket.text().strip(),
            "aws_specialty": str(self.aws_specialty.currentData()),
            "vocabulary": [t.strip() for t in self.vocabulary.toPlainText().splitlines() if t.strip()],
            "post_correction": self.post_correction.isChecked(),
        }

    def save(self) -> bool:
        try:
            site = transcription.update_site_settings(self.db, self.actor, **self.chosen())
        except WorkbenchError as exc:
            self.show_error(str(exc))
            return False
        self.show_site(site)
        self.show_info(self.tr("Transcription settings saved."))
        self.changed.emit(site)
        return True

    # -- the cloud switch ------------------------------------------------------------------------

    def ask_cloud_on(self) -> CloudConsentDialog:
        dialog = CloudConsentDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(self._cloud_on)
        dialog.finished.connect(self._consent_closed)
        self.consent = dialog
        dialog.open()
        dialog.acknowledge.setFocus()
        return dialog

    def _consent_closed(self) -> None:
        self.consent = None
        # Back to the switch, whichever of its two buttons is usable now.
        (self.cloud_off_button if self.site.cloud_enabled else self.cloud_on_button).setFocus()

    def _cloud_on(self, password: str) -> None:
        db, actor = self.db, self.actor

        def work() -> SiteTranscription:
            # The password proves that the administrator at the keyboard is the one signed in.
            person = users.authenticate(db, actor.username, password)
            if person.id != actor.user_id:
                raise AuthenticationFailed("Unknown username or wrong password.")
            return transcription.enable_cloud(db, actor, acknowledge_phi_leaves_machine=True)

        self.runner.submit("cloud", work, self._cloud_switched_on, self._cloud_on_failed)

    def _cloud_switched_on(self, site: SiteTranscription) -> None:
        if self.consent is not None:
            self.consent.accept()
        self.show_site(site)
        self.show_info(self.tr("Cloud transcription is on. Physicians can now choose a cloud engine."))
        self.changed.emit(site)

    def _cloud_on_failed(self, error: Exception) -> None:
        message = self._error_text(error)
        if self.consent is not None:
            self.consent.show_error(message)
        else:
            self.show_error(message)

    def switch_cloud_off(self) -> None:
        try:
            site = transcription.disable_cloud(self.db, self.actor)
        except WorkbenchError as exc:
            self.show_error(str(exc))
            return
        self.show_site(site)
        self.show_info(self.tr("Cloud transcription is off: dictation audio stays on this machine."))
        self.cloud_on_button.setFocus()  # the button that had the focus is now disabled
        self.changed.emit(site)

    # -- keys ------------------------------------------------------------------------------------

    def _key_fields(self, engine: str) -> dict[str, QLineEdit]:
        if engine == "openai":
            return {"api_key": self.openai_key}
        return {"access_key_id": self.aws_key_id, "secret_access_key": self.aws_secret}

    def store_keys(self, engine: str) -> None:
        values = {
            name: field.text() for name, field in self._key_fields(engine).items() if field.text().strip()
        }
        if not values:
            self.show_error(self.tr("Type the key into the field first, then store it."))
            return
        db, actor = self.db, self.actor

        def work() -> None:
            for name, value in values.items():
                transcription.set_secret(db, actor, engine, name, value)

        def stored(_result: object) -> None:
            for field in self._key_fields(engine).values():
                field.clear()
            self.show_info(self.tr("Stored in the system keyring."))
            self.refresh_secrets()

        self.runner.submit(f"store-{engine}", work, stored, self._failed)

    def refresh_secrets(self) -> None:
        def work() -> dict[tuple[str, str], bool]:
            return {
                (engine, name): transcription.has_secret(engine, name)
                for engine, names in SECRET_NAMES.items()
                for name in names
            }

        def shown(states: dict[tuple[str, str], bool]) -> None:
            self._secret_state = dict(states)
            self._show_secret_states()

        def failed(error: Exception) -> None:
            self._secret_state = {}
            self._show_secret_states(unavailable=True)
            # Shown beside the keys, not in the status bar: without a keyring the rest still works.
            self._show_message(self._error_text(error), assertive=False, to_status_bar=False)

        self.runner.submit("secrets", work, shown, failed)

    def _show_secret_states(self, unavailable: bool = False) -> None:
        names = {
            ("openai", "api_key"): self.tr("API key"),
            ("aws", "access_key_id"): self.tr("access key ID"),
            ("aws", "secret_access_key"): self.tr("secret access key"),
        }

        def state(key: tuple[str, str]) -> str:
            if unavailable:
                return self.tr("%1: keyring unavailable").replace("%1", names[key])
            stored = self._secret_state.get(key)
            if stored is None:
                return self.tr("%1: checking…").replace("%1", names[key])
            text = self.tr("%1: stored") if stored else self.tr("%1: not stored")
            return text.replace("%1", names[key])

        for label, engine in ((self.openai_key_state, "openai"), (self.aws_key_state, "aws")):
            text = "; ".join(state((engine, name)) for name in SECRET_NAMES[engine])
            label.setText(text)
            describe(label, text)

    # -- messages --------------------------------------------------------------------------------

    def _error_text(self, error: Exception) -> str:
        if isinstance(error, WorkbenchError):
            return str(error)
        return self.tr("Unexpected problem: %1").replace("%1", (str(error).splitlines() or [""])[0][:200])

    def _failed(self, error: Exception) -> None:
        self.show_error(self._error_text(error))

    def show_error(self, message: str) -> None:
        self._show_message(message, assertive=True)

    def show_info(self, message: str) -> None:
        self._show_message(message, assertive=False)

    def _show_message(self, message: str, assertive: bool, to_status_bar: bool = True) -> None:
        self.message.setText(message)
        describe(self.message, message)
        self.message.show()
        if to_status_bar:
            announce(self.message, message, assertive=assertive)
            self.status_message.emit(message)
