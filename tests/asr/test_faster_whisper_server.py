"""The OpenAI-compatible engine against a third-party server: `faster-whisper-server` (PyPI, 0.0.3)
run as its own process on 127.0.0.1, serving the bundled tiny.en folder with nothing downloaded.

Measured here (4 espeak-ng sentences, 53 words; tiny.en int8, 2 threads, server defaults beam 5):
WER 0.30 without a prompt and 0.17 with the vocabulary prompt, close to the local engine; the
limits are the local engine's (test_local.py), so a server that mangles audio or drops the prompt
fails. Quirks of this server: it reads the model from the form field ``model_name`` and ignores
OpenAI's ``model``, so the configured name must be its default, ``whisper-1``; it answers only
``json``/``verbose_json`` (400 for anything else, checked below); its verbose_json has no words.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.asr.speech import VOCABULARY
from workbench.asr.errors import EngineRejected, EngineUnreachable
from workbench.asr.local import bundled_source
from workbench.asr.openai_http import OpenAICompatible
from workbench.asr.vocabulary import Vocabulary
from workbench.asr.wer import corpus_wer

pytestmark = pytest.mark.slow

SERVED_NAME = "whisper-1"
PROMPT = Vocabulary.merged(VOCABULARY).initial_prompt()


@dataclass
class RunningServer:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-2000:]

    def stop(self) -> None:
        # The whole process group: uvicorn may leave helpers behind the Python process.
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(directory: Path) -> RunningServer:
    source = bundled_source("tiny.en")
    # The server reads model.bin from disk itself: check it is the file this version was tested with.
    source.model_bin()
    config = {
        "models": [
            {
                "name": SERVED_NAME,
                "path": str(source.folder),
                "model_options": {
                    "device": "cpu",
                    "compute_type": "int8",
                    "cpu_threads": 2,
                    "local_files_only": True,
                },
            }
        ]
    }
    config_path = directory / "fws.yaml"
    config_path.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    port = _free_port()
    log = directory / "fws.log"
    command = [sys.executable, "-m", "faster_whisper_server", "--config", str(config_path)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "info"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    server = RunningServer(process, port, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"faster-whisper-server exited ({process.returncode}):\n{server.log_tail()}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if json.loads(response.read()) == {"status": "ok"}:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    server.stop()
    raise RuntimeError(f"faster-whisper-server did not answer within 60 s:\n{server.log_tail()}")


@pytest.fixture(scope="module")
def fws(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningServer]:
    server = start_server(tmp_path_factory.mktemp("fws"))
    try:
        yield server
    finally:
        server.stop()


def test_dictation_through_faster_whisper_server(
    fws: RunningServer, english_files: list[tuple[Path, str]]
) -> None:
    client = OpenAICompatible(base_url=fws.url, model=SERVED_NAME)
    plain = [client.transcribe(path, language="en") for path, _ in english_files]
    prompted = [(ref, client.transcribe(path, initial_prompt=PROMPT).text) for path, ref in english_files]
    plain_wer = corpus_wer([(ref, t.text) for (_, ref), t in zip(english_files, plain, strict=True)])
    assert plain_wer < 0.45, fws.log_tail()
    assert corpus_wer(prompted) < 0.25
    assert corpus_wer(prompted) < plain_wer
    first = plain[0]
    assert first.engine == "openai" and first.language == "en"
    # verbose_json carried timing and Whisper's confidence figures, not just text.
    assert first.segments and all(s.avg_logprob is not None for s in first.segments)
    assert 0.0 < first.confidence < 1.0
    assert 0.0 <= first.segments[0].start < first.segments[-1].end <= first.duration_s + 0.5


def test_a_format_the_server_lacks_is_a_clear_refusal_not_a_retry(
    fws: RunningServer, english_files: list[tuple[Path, str]]
) -> None:
    client = OpenAICompatible(base_url=fws.url, model=SERVED_NAME, response_format="text", retries=2)
    with pytest.raises(EngineRejected, match=r"HTTP 400.*Unsupported response_format: text"):
        client.transcribe(english_files[2][0])


def test_a_stopped_server_gives_a_clear_error(tmp_path: Path, english_files: list[tuple[Path, str]]) -> None:
    server = start_server(tmp_path)
    try:
        waits: list[float] = []
        client = OpenAICompatible(base_url=server.url, retries=1, sleep=waits.append)
    finally:
        server.stop()
    assert server.process.returncode is not None
    with pytest.raises(EngineUnreachable, match=r"after 2 attempts: cannot connect.*draft are kept"):
        client.transcribe(english_files[0][0])
    assert waits  # it backed off once before giving up
