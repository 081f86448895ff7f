"""`workbench transcribe` and `workbench serve-asr` as a person runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.asr.local import LocalWhisper
from workbench.asr.openai_http import OpenAICompatible
from workbench.asr.wer import word_error_rate
from workbench.cli import main


def test_several_files_one_line_each_and_a_bad_file_does_not_stop_the_rest(
    tiny: LocalWhisper,
    english_files: list[tuple[Path, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = tmp_path / "scan.wav"
    bad.write_bytes(b"%PDF-1.7 not audio" * 100)
    (first, ref1), (second, ref2) = english_files[:2]
    code = main(["transcribe", "--model", "tiny.en", str(first), str(bad), str(second)])
    out, err = capsys.readouterr()
    assert code == 1
    lines = out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [str(first), str(second)]
    assert word_error_rate(ref1, lines[0].split("\t")[1]) < 0.5
    assert word_error_rate(ref2, lines[1].split("\t")[1]) < 0.5
    assert "scan.wav is not an audio file" in err


def test_one_file_prints_just_its_text_and_json_has_segments(
    tiny: LocalWhisper, english_files: list[tuple[Path, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, reference = english_files[2]
    assert main(["transcribe", "--model", "tiny.en", str(path)]) == 0
    text = capsys.readouterr().out.strip()
    assert "\t" not in text and word_error_rate(reference, text) < 0.5

    assert main(["transcribe", "--model", "tiny.en", "--json", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["file"] == str(path) and record["text"] == text
    assert record["engine"] == "local" and record["model"] == "tiny.en"
    assert record["segments"] and {"start", "end", "text", "confidence"} <= record["segments"][0].keys()


def test_cloud_engines_are_refused_while_the_site_keeps_audio_local(
    english_files: list[tuple[Path, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["transcribe", "--engine", "openai", str(english_files[0][0])]) == 2
    assert "audio stays on this machine" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_asr_command_serves_the_openai_api_on_loopback(english_files: list[tuple[Path, str]]) -> None:
    env = {**os.environ, "WORKBENCH_ASR_KEY": "k1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve-asr", "--port", "0", "--model", "tiny.en"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        assert "Serving Whisper tiny.en at http://127.0.0.1:" in banner, (
            process.stderr.read() if process.stderr else ""
        )
        url = banner.split(" at ")[1].split(" ")[0]
        path, reference = english_files[1]
        transcript = OpenAICompatible(base_url=url, api_key="k1", model="tiny.en").transcribe(path)
        assert word_error_rate(reference, transcript.text) < 0.5
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_asr_refuses_other_machines_without_an_api_key(capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.cli import main

    assert (
        main(["serve-asr", "--host", "0.0.0.0", "--port", "1", "--api-key-env", "WB_TEST_NO_SUCH_KEY"]) == 2
    )
    assert "needs an API key" in capsys.readouterr().err
