"""`workbench --self-test`: the real checks, in a separate process without Qt, and a failing one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.self_test import SAMPLE_WAV

CHECKS = ("database", "transcription", "coding", "signing")


@pytest.mark.slow
def test_self_test_passes_headless_without_qt(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="offscreen", WORKBENCH_HOME=str(home), HF_HUB_OFFLINE="1")
    code = (
        "import sys\n"
        "from workbench.cli import main\n"
        "status = main(['--self-test'])\n"
        "assert 'PySide6' not in sys.modules, 'the self-test imported Qt'\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    for name in CHECKS:
        assert any(line.startswith("ok") and line.split()[1] == name for line in lines), done.stdout
    assert "diabetes" in next(line for line in lines if " transcription " in line).lower()
    assert lines[-1].startswith("all 4 checks passed")
    # It worked in a throw-away directory: the installation's own home is untouched.
    assert not (home / "workbench.db").exists()


def test_a_corrupt_speech_model_fails_the_self_test(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    model = tmp_path / "broken-model"
    model.mkdir()
    (model / "config.json").write_text('{"vocab_size": 51864}', encoding="utf-8")
    (model / "model.bin").write_bytes(b"not a CTranslate2 model" * 100)

    status = main(["self-test", "--speech-model", str(model)])

    out = capsys.readouterr().out.splitlines()
    assert status == 1
    failed = [line for line in out if line.startswith("FAIL")]
    assert len(failed) == 1
    assert failed[0].startswith("FAIL  transcription: ") and "could not be loaded" in failed[0]
    # The other checks still ran and passed, and the summary names the failure.
    assert sum(line.startswith("ok") for line in out) == 3
    assert out[-1].startswith("1 of 4 checks failed: transcription")


def test_a_missing_speech_model_fails_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["self-test", "--speech-model", str(tmp_path / "no-such-model")])

    out = capsys.readouterr().out
    assert status == 1
    assert "FAIL  transcription: ModelUnavailable:" in out
    assert "neither a bundled model" in out


def test_the_sample_dictation_is_shipped_as_16_khz_mono() -> None:
    import soundfile

    info = soundfile.info(str(SAMPLE_WAV))
    assert (info.samplerate, info.channels) == (16000, 1)
    assert 1.0 < info.duration < 10.0
