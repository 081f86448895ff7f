"""`workbench keys`: an administrator backs the key up, loses the keyring, restores it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.keyrings import MemoryKeyring
from workbench import installation
from workbench.cli import main
from workbench.store.models import AuditEvent


def test_backup_then_restore_after_the_keyring_is_lost(
    ring: MemoryKeyring, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    password = tmp_path / "pw"
    password.write_text("administrator password\n", encoding="utf-8")
    backup_passphrase = tmp_path / "backup-pass"
    backup_passphrase.write_text("kept in the clinic safe\n", encoding="utf-8")
    assert main(["init", "--password-file", str(password)]) == 0
    assert "keys backup" in capsys.readouterr().err
    assert main(["keys", "status"]) == 0
    assert "kept in the OS keyring" in capsys.readouterr().out

    backup = tmp_path / "usb" / "workbench-key.json"
    backup.parent.mkdir()
    assert main(["keys", "backup", str(backup), "--passphrase-file", str(backup_passphrase)]) == 0
    assert backup.exists()
    db = installation.open_database()
    with db.session() as session:
        written = session.scalars(select(AuditEvent).where(AuditEvent.action == "keys.backup_written")).one()
    db.dispose()
    assert written.detail is not None and written.detail["file"] == str(backup.resolve())
    assert main(["audit", "verify"]) == 0  # the event is part of the hash chain
    assert main(["keys", "backup", str(backup), "--passphrase-file", str(backup_passphrase)]) == 2
    assert "exists" in capsys.readouterr().err

    ring.entries.clear()
    assert main(["users", "list"]) == 2
    assert "workbench keys restore" in capsys.readouterr().err
    assert main(["keys", "restore", str(backup), "--passphrase-file", str(password)]) == 2
    assert "Wrong passphrase" in capsys.readouterr().err
    assert main(["keys", "restore", str(backup), "--passphrase-file", str(backup_passphrase)]) == 0
    assert main(["users", "list"]) == 0
    assert "admin\tadmin" in capsys.readouterr().out


def test_status_of_an_unencrypted_installation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "status"]) == 0
    assert "not encrypted" in capsys.readouterr().out
    assert main(["keys", "backup", "x.json", "--passphrase-file", "/nonexistent"]) == 2
    assert "not encrypted" in capsys.readouterr().err
