"""`workbench transcription`: an administrator switches cloud transcription on, with the PHI
acknowledgement, and stores a key; every change is attributed to that administrator."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.keyrings import MemoryKeyring
from workbench import config
from workbench.cli import main
from workbench.services import transcription
from workbench.store.database import Database
from workbench.store.models import AuditEvent, User


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    admin_password = tmp_path / "admin-pw"
    admin_password.write_text("administrator password\n", encoding="utf-8")
    assert main(["init", "--no-encryption", "--admin", "boss", "--password-file", str(admin_password)]) == 0
    coder_password = tmp_path / "coder-pw"
    coder_password.write_text("coder's password\n", encoding="utf-8")
    assert main(["users", "add", "cody", "--role", "coder", "--password-file", str(coder_password)]) == 0
    return admin_password, coder_password


def _audit(action: str) -> list[str]:
    db = Database(config.database_url())
    try:
        with db.session() as session:
            return list(
                session.scalars(
                    select(User.username)
                    .join(AuditEvent, AuditEvent.actor_id == User.id)
                    .where(AuditEvent.action == action)
                )
            )
    finally:
        db.dispose()


def test_cloud_needs_an_administrator_and_the_acknowledgement(
    tmp_path: Path, ring: MemoryKeyring, capsys: pytest.CaptureFixture[str]
) -> None:
    admin_password, coder_password = _setup(tmp_path)

    def as_boss(*argv: str) -> int:
        return main(["transcription", *argv, "--admin", "boss", "--password-file", str(admin_password)])

    capsys.readouterr()
    assert as_boss("cloud-on") == 2
    assert "acknowledge" in capsys.readouterr().err
    assert not transcription.site_settings().cloud_enabled
    by_coder = ["--admin", "cody", "--password-file", str(coder_password)]
    assert main(["transcription", "cloud-on", "--acknowledge-phi-leaves-machine", *by_coder]) == 2
    assert not transcription.site_settings().cloud_enabled
    assert as_boss("cloud-on", "--acknowledge-phi-leaves-machine") == 0
    site = transcription.site_settings()
    assert site.cloud_enabled and site.cloud_acknowledged_by == "boss"
    assert _audit("transcription.cloud_enabled") == ["boss"]

    key_file = tmp_path / "key"
    key_file.write_text("sk-test-123\n", encoding="utf-8")
    assert as_boss("set-key", "openai", "api_key", "--value-file", str(key_file)) == 0
    assert ring.entries[(transcription.KEYRING_SERVICE, "openai:api_key")] == "sk-test-123"
    assert "sk-test-123" not in (config.data_dir() / config.SETTINGS_FILE).read_text(encoding="utf-8")

    assert as_boss("set", "engine=openai", "openai_base_url=https://asr.clinic.example/v1") == 0
    assert transcription.site_settings().engine == "openai"
    assert main(["transcription", "show"]) == 0
    assert "openai_base_url\thttps://asr.clinic.example/v1" in capsys.readouterr().out

    assert as_boss("cloud-off") == 0
    assert not transcription.site_settings().cloud_enabled
    assert as_boss("set", "nonsense") == 2
    assert "NAME=VALUE" in capsys.readouterr().err


def test_a_plain_http_endpoint_off_this_machine_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    admin_password, _ = _setup(tmp_path)
    admin = ["--admin", "boss", "--password-file", str(admin_password)]
    assert main(["transcription", "set", "openai_base_url=http://asr.clinic.example/v1", *admin]) == 2
    assert "https://" in capsys.readouterr().err
    assert transcription.site_settings().openai_base_url == "https://api.openai.com/v1"
    assert main(["transcription", "set", "openai_base_url=http://127.0.0.1:8765/v1", *admin]) == 0
