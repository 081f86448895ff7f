"""The installation key: kept in the keyring or under a passphrase, backed up, restored, checked."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from tests.keyrings import MemoryKeyring
from workbench import config
from workbench.security import installation_key as ik

PASSPHRASE = "a long enough passphrase"


def test_a_keyring_installation_keeps_the_key_out_of_every_file(ring: MemoryKeyring) -> None:
    key = ik.create("keyring")
    assert len(key) == 32
    assert ik.unlock() == key
    stored = ik.keystore_path().read_bytes()
    assert base64.b64encode(key) not in stored and key.hex().encode() not in stored
    store = ik.read_keystore()
    assert store is not None
    assert [name for (_service, name) in ring.entries] == [f"installation-key:{store.install_id}"]
    with pytest.raises(ik.InstallationKeyError, match="has a key already"):
        ik.create("keyring")
    assert ik.unlock() == key  # refusing did not replace anything


def test_no_keyring_means_choose_a_passphrase() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not ik.keyring_available()
        with pytest.raises(ik.InstallationKeyError, match="administrator passphrase"):
            ik.create("keyring")
        assert not ik.keystore_path().exists()
    finally:
        keyring.set_keyring(previous)


def test_a_passphrase_installation_needs_the_right_passphrase() -> None:
    with pytest.raises(ik.InstallationKeyError, match="at least 12"):
        ik.create("passphrase", "short")
    key = ik.create("passphrase", PASSPHRASE)
    with pytest.raises(ik.PassphraseRequired):
        ik.unlock()
    with pytest.raises(ik.WrongPassphrase, match="Wrong passphrase"):
        ik.unlock("not the passphrase at all")
    assert ik.unlock(PASSPHRASE) == key


def test_an_unencrypted_installation_has_no_key() -> None:
    assert ik.read_keystore() is None and ik.unlock() is None


def test_a_lost_keyring_entry_is_restored_from_the_backup(ring: MemoryKeyring, tmp_path: Path) -> None:
    key = ik.create("keyring")
    backup = ik.backup(key, tmp_path / "key-backup.json", "the backup passphrase")
    assert base64.b64encode(key) not in backup.read_bytes()
    with pytest.raises(ik.InstallationKeyError, match="exists"):
        ik.backup(key, backup, "the backup passphrase")  # never overwrites a backup

    ring.entries.clear()  # a new desktop account, a reinstalled OS, a wiped keyring
    with pytest.raises(ik.InstallationKeyError, match="workbench keys restore"):
        ik.unlock()
    with pytest.raises(ik.WrongPassphrase):
        ik.restore(backup, "not the backup passphrase")
    assert ring.entries == {}
    assert ik.restore(backup, "the backup passphrase") == key
    assert ik.unlock() == key


def test_restore_moves_the_key_under_a_passphrase_and_refuses_another_installations_key(
    ring: MemoryKeyring, tmp_path: Path
) -> None:
    key = ik.create("keyring")
    backup = ik.backup(key, tmp_path / "ours.json", "the backup passphrase")
    ik.restore(backup, "the backup passphrase", "passphrase", PASSPHRASE)
    assert ik.read_keystore().source == "passphrase"  # type: ignore[union-attr]
    assert ik.unlock(PASSPHRASE) == key

    other_home = tmp_path / "other"
    other_home.mkdir()
    other_key = ik.create("passphrase", PASSPHRASE, home=other_home)
    theirs = ik.backup(other_key, tmp_path / "theirs.json", "the backup passphrase", home=other_home)
    with pytest.raises(ik.WrongKey, match="another installation"):
        ik.restore(theirs, "the backup passphrase", "passphrase", PASSPHRASE)
    assert ik.unlock(PASSPHRASE) == key


def test_damaged_keystores_and_backups_say_what_is_wrong(ring: MemoryKeyring, tmp_path: Path) -> None:
    store = ik.keystore_path()
    store.write_text("{not json", encoding="utf-8")
    with pytest.raises(ik.InstallationKeyError, match="cannot be read"):
        ik.unlock()
    store.write_text(json.dumps({"format": "something else"}), encoding="utf-8")
    with pytest.raises(ik.InstallationKeyError, match="not a Coder Workbench keystore"):
        ik.unlock()
    store.unlink()

    key = ik.create("keyring")
    backup = ik.backup(key, tmp_path / "b.json", "the backup passphrase")
    document = json.loads(backup.read_text(encoding="utf-8"))
    sealed = bytearray(base64.b64decode(document["ciphertext"]))
    sealed[0] ^= 1
    document["ciphertext"] = base64.b64encode(bytes(sealed)).decode()
    backup.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ik.WrongKey):  # one flipped bit: the authenticated encryption refuses it
        ik.read_backup(backup, "the backup passphrase")
    (tmp_path / "garbage.json").write_text("hello", encoding="utf-8")
    with pytest.raises(ik.InstallationKeyError, match="cannot be read as a key backup"):
        ik.read_backup(tmp_path / "garbage.json", "x")


def test_keystore_lives_in_the_data_folder() -> None:
    assert ik.keystore_path() == config.data_dir() / "keystore.json"


def test_a_damaged_keystore_is_replaced_by_a_restore(ring: MemoryKeyring, tmp_path: Path) -> None:
    key = ik.create("keyring")
    backup = ik.backup(key, tmp_path / "b.json", "the backup passphrase")
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    ik.keystore_path().write_text("{truncated", encoding="utf-8")
    with pytest.raises(ik.InstallationKeyError, match="cannot be read"):
        ik.unlock()
    assert ik.restore(backup, "the backup passphrase") == key
    assert ik.unlock() == key
    assert oct(ik.keystore_path().stat().st_mode & 0o777) == "0o600"
