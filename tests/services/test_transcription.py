"""Transcription policy: cloud off until an administrator acknowledges that PHI leaves the machine;
keys only in the OS keyring; a person's vocabulary before the site's; the whole path to a real
OpenAI-compatible server (this project's own serve-asr) on loopback.

The keyring is a real ``keyring`` backend held in memory (``keyring.set_keyring``), so the code under
test goes through the same keyring API it uses against GNOME Keyring or the macOS Keychain.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.asr.loopback import serving
from tests.asr.speech import SENTENCES, speak
from tests.conftest import make_actor
from tests.keyrings import MemoryKeyring
from workbench import config
from workbench.asr.local import LocalWhisper
from workbench.asr.openai_http import OpenAICompatible
from workbench.asr.server import TranscriptionServer
from workbench.asr.wer import word_error_rate
from workbench.security.roles import PermissionDenied
from workbench.services import transcription
from workbench.services.errors import InvalidInput
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Role


def _actions(db: Database) -> list[str]:
    with db.session() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_defaults_keep_audio_on_this_machine() -> None:
    site = transcription.site_settings()
    assert (site.engine, site.model, site.cloud_enabled) == ("local", "base", False)
    assert isinstance(transcription.build_engine(site), LocalWhisper)
    for engine in transcription.CLOUD_ENGINES:
        with pytest.raises(transcription.CloudNotAllowed, match="audio stays on this machine"):
            transcription.build_engine(site, engine)


def test_only_an_administrator_who_acknowledges_phi_can_enable_cloud(db: Database) -> None:
    admin, physician = make_actor(db, Role.ADMIN), make_actor(db, Role.PHYSICIAN)
    with pytest.raises(PermissionDenied):
        transcription.enable_cloud(db, physician, acknowledge_phi_leaves_machine=True)
    with pytest.raises(InvalidInput, match="protected health information"):
        transcription.enable_cloud(db, admin, acknowledge_phi_leaves_machine=False)
    assert not transcription.site_settings().cloud_enabled

    site = transcription.enable_cloud(db, admin, acknowledge_phi_leaves_machine=True)
    assert site.cloud_enabled and site.cloud_acknowledged_by == admin.username and site.cloud_acknowledged_at
    assert transcription.site_settings() == site  # persisted in settings.json
    site = transcription.update_site_settings(
        db, admin, engine="openai", openai_base_url="https://asr.example/v1"
    )
    assert transcription.disable_cloud(db, admin).engine == "local"  # switching off also leaves the cloud
    assert _actions(db)[-3:] == [
        "transcription.cloud_enabled",
        "transcription.settings_changed",
        "transcription.cloud_disabled",
    ]


def test_a_hand_edited_settings_file_cannot_switch_the_cloud_on() -> None:
    settings = config.Settings(extra={"transcription": {"engine": "openai", "cloud_enabled": True}})
    config.save_settings(settings)
    site = transcription.site_settings()
    assert not site.cloud_enabled
    with pytest.raises(transcription.CloudNotAllowed):
        transcription.build_engine(site)


def test_cloud_engine_cannot_be_chosen_while_cloud_is_off(sqlite_db: Database) -> None:
    admin, physician = make_actor(sqlite_db, Role.ADMIN), make_actor(sqlite_db, Role.PHYSICIAN)
    with pytest.raises(transcription.CloudNotAllowed):
        transcription.update_site_settings(sqlite_db, admin, engine="aws")
    with pytest.raises(transcription.CloudNotAllowed):
        transcription.save_personal_settings(
            sqlite_db, physician, transcription.PersonalTranscription(engine="openai")
        )
    with pytest.raises(InvalidInput, match="its own, acknowledged action"):
        transcription.update_site_settings(sqlite_db, admin, cloud_enabled=True)


def test_keys_live_in_the_keyring_never_in_files_or_the_audit(
    sqlite_db: Database, ring: MemoryKeyring
) -> None:
    home = config.data_dir()
    admin = make_actor(sqlite_db, Role.ADMIN)
    transcription.enable_cloud(sqlite_db, admin, acknowledge_phi_leaves_machine=True)
    transcription.update_site_settings(
        sqlite_db, admin, engine="openai", openai_base_url="https://asr.example/v1"
    )
    secret = "sk-test-do-not-leak-1234"
    transcription.set_secret(sqlite_db, admin, "openai", "api_key", secret)
    assert ring.entries == {("coder-workbench", "openai:api_key"): secret}

    engine = transcription.build_engine(transcription.site_settings())
    assert isinstance(engine, OpenAICompatible) and engine.api_key == secret
    assert secret not in repr(engine)
    for path in home.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    with sqlite_db.session() as session:
        details = [json.dumps(e.detail) for e in session.scalars(select(AuditEvent))]
    assert details and not any(secret in d for d in details)
    assert "transcription.secret_set" in _actions(sqlite_db)


def test_missing_or_locked_keyring_gives_a_clear_message(sqlite_db: Database, ring: MemoryKeyring) -> None:
    admin = make_actor(sqlite_db, Role.ADMIN)
    transcription.enable_cloud(sqlite_db, admin, acknowledge_phi_leaves_machine=True)
    transcription.update_site_settings(sqlite_db, admin, openai_base_url="https://asr.example/v1")
    site = transcription.site_settings()
    with pytest.raises(transcription.SecretUnavailable, match="No API key is stored"):
        transcription.build_engine(site, "openai")
    ring.locked = True
    with pytest.raises(transcription.SecretUnavailable, match="unlock it"):
        transcription.build_engine(site, "openai")
    with pytest.raises(transcription.SecretUnavailable, match="refused to store"):
        transcription.set_secret(sqlite_db, admin, "openai", "api_key", "k")


def test_personal_settings_and_vocabulary_order(sqlite_db: Database) -> None:
    admin, physician = make_actor(sqlite_db, Role.ADMIN), make_actor(sqlite_db, Role.PHYSICIAN)
    transcription.update_site_settings(
        sqlite_db, admin, vocabulary=["metformin", "Dr. Okonkwo"], model="tiny.en"
    )
    mine = transcription.PersonalTranscription(
        language="es", translate=True, vocabulary=("apixaban", "Metformin")
    )
    transcription.save_personal_settings(sqlite_db, physician, mine)
    assert transcription.personal_settings(sqlite_db, physician) == mine
    assert "transcription.preferences_changed" in _actions(sqlite_db)

    site = transcription.site_settings()
    job = transcription.job(site, transcription.personal_settings(sqlite_db, physician), model="base")
    assert job.vocabulary.terms == ("apixaban", "Metformin", "Dr. Okonkwo")
    assert job.initial_prompt == "Clinical dictation. apixaban, Metformin, Dr. Okonkwo."
    assert (job.language, job.task) == ("es", "translate")
    assert job.notice is not None and "Spanish poorly" in job.notice
    assert job.corrector is not None


def test_the_cloud_path_end_to_end_against_serve_asr_on_loopback(
    sqlite_db: Database, ring: MemoryKeyring, tmp_path: Path
) -> None:
    admin = make_actor(sqlite_db, Role.ADMIN)
    engine = LocalWhisper(model="tiny.en")
    with serving(TranscriptionServer(("127.0.0.1", 0), engine, "tiny.en", api_key="clinic-key")) as server:
        assert isinstance(server, TranscriptionServer)
        transcription.enable_cloud(sqlite_db, admin, acknowledge_phi_leaves_machine=True)
        transcription.update_site_settings(
            sqlite_db,
            admin,
            engine="openai",
            openai_base_url=server.url,
            openai_model="tiny.en",
            vocabulary=["lisinopril"],
        )
        transcription.set_secret(sqlite_db, admin, "openai", "api_key", "clinic-key")
        job = transcription.job(transcription.site_settings())
        assert isinstance(job.engine, OpenAICompatible)
        audio = speak(SENTENCES[1], tmp_path / "bp.wav")
        transcript = job.transcribe(audio)
    assert transcript.engine == "openai"
    assert word_error_rate(SENTENCES[1], transcript.text) < 0.25


def test_the_interface_is_told_when_the_local_model_is_weak_for_spanish() -> None:
    site = transcription.SiteTranscription()
    english = transcription.job(site, language="en")
    assert english.notice is None and english.language == "en" and english.task == "transcribe"
    spanish = transcription.job(site, language="auto", translate=True)
    assert spanish.language is None and spanish.task == "translate"
    assert spanish.notice is not None and "Spanish transcript shown beside it" in spanish.notice
    tiny_es = transcription.job(replace(site, model="tiny.en"), language="es")
    assert tiny_es.notice is not None and "English only" in tiny_es.notice
    # Until the site sets its own vocabulary, the shipped default list feeds the prompt.
    assert english.initial_prompt is not None and "metformin" in english.initial_prompt
