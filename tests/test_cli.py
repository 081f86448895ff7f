"""The command line, run as a user runs it: a real subprocess for the entry points, main() for the rest."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import __version__
from workbench.cli import main


def run(
    args: list[str], home: Path, stdin: str = "", extra_env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "WORKBENCH_HOME": str(home), **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "workbench", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_init_then_users_then_import(tmp_path: Path) -> None:
    # No OS keyring in a test process: the key is kept under an administrator passphrase, which
    # every later command reads from the file WORKBENCH_KEY_PASSPHRASE_FILE names.
    home = tmp_path / "clinic"
    passphrase = tmp_path / "key-passphrase"
    passphrase.write_text("the clinic's long passphrase\n", encoding="utf-8")
    result = run(
        ["init", "--admin", "boss", "--password-stdin", "--key-passphrase-file", str(passphrase)],
        home,
        "a strong password\n",
    )
    assert result.returncode == 0, result.stderr
    assert "administrator 'boss'" in result.stdout and "keys backup" in result.stderr
    unkeyed = run(["users", "list"], home)
    assert unkeyed.returncode == 2 and "WORKBENCH_KEY_PASSPHRASE_FILE" in unkeyed.stderr
    keyed = {"WORKBENCH_KEY_PASSPHRASE_FILE": str(passphrase)}
    again = run(["init", "--password-stdin"], home, "another password\n", keyed)
    assert again.returncode == 0 and "already initialised" in again.stdout

    added = run(
        ["users", "add", "drana", "--role", "physician", "--name", "Dr. Ana", "--password-stdin"],
        home,
        "ana's password\n",
        keyed,
    )
    assert added.returncode == 0, added.stderr
    listed = run(["users", "list"], home, extra_env=keyed)
    assert listed.stdout.splitlines() == ["boss\tadmin\tboss", "drana\tphysician\tDr. Ana"]
    # A real installation never has demo users.
    assert "drgrey" not in listed.stdout

    csv = tmp_path / "p.csv"
    csv.write_text(
        "mrn,given_name,family_name,date_of_birth,sex,phone\nA1,Ann,Lee,1950-01-02,F,\n", encoding="utf-8"
    )
    imported = run(["patients", "import", str(csv)], home, extra_env=keyed)
    assert imported.returncode == 0 and "Imported 1 patients" in imported.stdout
    assert b"Lee" not in (home / "workbench.db").read_bytes()  # encrypted at rest
    rejected = run(["patients", "import", str(csv)], home, extra_env=keyed)
    assert rejected.returncode == 2
    assert "line 2: mrn A1 already exists" in rejected.stderr
    assert "Traceback" not in rejected.stderr


def test_weak_password_is_refused_without_traceback(tmp_path: Path) -> None:
    result = run(["init", "--no-encryption", "--password-stdin"], tmp_path / "h", "short\n")
    assert result.returncode == 2
    assert "at least 8 characters" in result.stderr and "Traceback" not in result.stderr


def test_no_terminal_no_password_flag_is_a_clear_error(tmp_path: Path) -> None:
    result = run(["init", "--no-encryption"], tmp_path / "h")
    assert result.returncode == 2 and "--password-file" in result.stderr


def test_init_without_a_keyring_asks_for_a_passphrase_or_an_explicit_no(tmp_path: Path) -> None:
    result = run(["init", "--password-stdin"], tmp_path / "h", "a strong password\n")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--key-passphrase-file" in result.stderr and "--no-encryption" in result.stderr
    assert not (tmp_path / "h" / "workbench.db").exists()


def test_commands_on_a_missing_database_say_what_to_do(tmp_path: Path) -> None:
    result = run(["users", "list"], tmp_path / "empty")
    assert result.returncode == 2 and "workbench init" in result.stderr and "Traceback" not in result.stderr


def test_demo_seeds_once(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "2000 patients" in out and "drgrey" in out
    assert main(["demo", "--if-empty"]) == 0
    assert main(["demo"]) == 1
    assert main(["db", "current"]) == 0


def test_password_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    secret = tmp_path / "pw"
    secret.write_text("from a file!\n", encoding="utf-8")
    assert main(["init", "--no-encryption", "--admin", "root2", "--password-file", str(secret)]) == 0
    assert main(["users", "passwd", "root2", "--password-file", str(tmp_path / "missing")]) == 2
    assert "Cannot read the password file" in capsys.readouterr().err


def test_cli_does_not_import_qt_or_torch(tmp_path: Path) -> None:
    code = "import sys, workbench.cli; print(sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6','torch','spacy'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_unreachable_postgres_is_a_clear_error(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "WORKBENCH_HOME": str(tmp_path),
        "WORKBENCH_DATABASE_URL": "postgresql+psycopg://nobody:secretpw@127.0.0.1:1/none?connect_timeout=3",
    }
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "users", "list"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "cannot use the database" in result.stderr and "Traceback" not in result.stderr
    assert "secretpw" not in result.stderr


def test_a_malformed_database_url_is_a_clear_error(tmp_path: Path) -> None:
    env = {**os.environ, "WORKBENCH_HOME": str(tmp_path), "WORKBENCH_DATABASE_URL": "garbage"}
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "db", "current"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "is not a database URL" in result.stderr
    assert "Traceback" not in result.stderr
