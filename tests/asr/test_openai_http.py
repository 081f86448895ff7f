"""The OpenAI-compatible engine against real servers on loopback: `workbench serve-asr`'s server
with the local tiny.en model, and a scripted server for 401/429/5xx, timeouts and refusals.
The third-party faster-whisper-server is in test_faster_whisper_server.py.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.asr.loopback import Script, ScriptedServer, self_signed_certificate, serving, trusting
from workbench.asr.errors import EngineBusy, EngineRejected, EngineUnreachable, InsecureEndpoint
from workbench.asr.local import LocalWhisper
from workbench.asr.openai_http import OpenAICompatible, endpoint_base, multipart
from workbench.asr.server import TranscriptionServer, parse_form


@pytest.fixture(scope="module")
def server(tiny: LocalWhisper) -> Iterator[TranscriptionServer]:
    with serving(TranscriptionServer(("127.0.0.1", 0), tiny, "tiny.en")) as running:
        assert isinstance(running, TranscriptionServer)
        yield running


def test_http_engine_through_serve_asr_matches_the_local_engine(
    server: TranscriptionServer, tiny: LocalWhisper, english_files: list[tuple[Path, str]]
) -> None:
    client = OpenAICompatible(base_url=server.url, model="tiny.en")
    path, _ = english_files[1]
    remote = client.transcribe(path, language="en")
    local = tiny.transcribe(path, language="en")
    assert remote.text == local.text
    assert remote.engine == "openai" and remote.language == "en"
    assert [(s.start, s.end) for s in remote.segments] == [(s.start, s.end) for s in local.segments]
    assert all(s.words for s in remote.segments)  # word probabilities travel in verbose_json


def test_long_audio_goes_in_chunks_on_one_timeline(
    server: TranscriptionServer, english_files: list[tuple[Path, str]]
) -> None:
    first, _ = sf.read(str(english_files[0][0]), dtype="int16")
    second, _ = sf.read(str(english_files[2][0]), dtype="int16")
    pause = np.zeros(16_000, dtype=np.int16)
    audio = np.concatenate([first, pause, second])
    progress: list[float] = []
    client = OpenAICompatible(base_url=server.url, model="tiny.en", chunk_s=len(first) / 16_000 + 0.5)
    transcript = client.transcribe(audio, language="en", progress=progress.append)
    assert "chest pain" in transcript.text.lower() and "diabetes" in transcript.text.lower()
    assert transcript.segments[-1].start > len(first) / 16_000  # shifted onto the whole recording
    assert len(progress) == 2 and progress[-1] == 1.0


@pytest.mark.parametrize("response_format", ["json", "text", "srt", "vtt", "verbose_json"])
def test_server_answers_every_openai_response_format(
    server: TranscriptionServer, english_files: list[tuple[Path, str]], response_format: str
) -> None:
    body, content_type = multipart(
        {"model": "tiny.en", "response_format": response_format},
        "file",
        "a.wav",
        english_files[2][0].read_bytes(),
    )
    request = urllib.request.Request(
        f"{server.url}/audio/transcriptions", data=body, headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        text = response.read().decode()
    assert "chest pain" in text.lower()
    if response_format in ("json", "verbose_json"):
        assert "text" in json.loads(text)
    if response_format == "srt":
        assert "00:00:00,000 -->" in text
    if response_format == "vtt":
        assert text.startswith("WEBVTT")


def test_server_refuses_what_is_not_audio(server: TranscriptionServer) -> None:
    body, content_type = multipart({"model": "x"}, "file", "notes.wav", b"plain text, not audio" * 40)
    request = urllib.request.Request(
        f"{server.url}/audio/transcriptions", data=body, headers={"Content-Type": content_type}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=30)
    assert caught.value.code == 400
    assert "not audio" in json.loads(caught.value.read())["error"]["message"]


def test_server_reports_engine_errors_and_the_client_says_so(
    server: TranscriptionServer, spanish_file: Path
) -> None:
    client = OpenAICompatible(base_url=server.url, model="tiny.en")
    with pytest.raises(EngineRejected, match=r"HTTP 422.*English only"):
        client.transcribe(spanish_file, language="es")


def test_multipart_parsing_keeps_binary_audio_intact() -> None:
    audio = bytes(range(256)) * 64 + b"\r\n--not-a-boundary\r\n"
    body, content_type = multipart(
        {"model": "m", "prompt": "Clinical dictation. metformin."}, "file", "x.wav", audio
    )
    fields, upload = parse_form(content_type, body)
    assert fields == {"model": "m", "prompt": "Clinical dictation. metformin."}
    assert upload == ("x.wav", audio)


def test_api_key_is_required_when_the_server_has_one(
    tiny: LocalWhisper, english_files: list[tuple[Path, str]]
) -> None:
    with serving(TranscriptionServer(("127.0.0.1", 0), tiny, "tiny.en", api_key="s3cret")) as running:
        assert isinstance(running, TranscriptionServer)
        path, _ = english_files[2]
        with pytest.raises(EngineRejected, match="refused the API key"):
            OpenAICompatible(base_url=running.url, api_key="wrong", retries=0).transcribe(path)
        assert (
            "chest pain"
            in OpenAICompatible(base_url=running.url, api_key="s3cret").transcribe(path).text.lower()
        )


def test_tls_on_the_clinic_server(
    tiny: LocalWhisper, english_files: list[tuple[Path, str]], tmp_path: Path
) -> None:
    cert, key = self_signed_certificate(tmp_path)
    https_server = TranscriptionServer(("127.0.0.1", 0), tiny, "tiny.en")
    https_server.use_tls(cert, key)
    with serving(https_server):
        assert https_server.url.startswith("https://")
        path, _ = english_files[2]
        trusted = OpenAICompatible(base_url=https_server.url, ssl_context=trusting(cert))
        assert "chest pain" in trusted.transcribe(path).text.lower()
        with pytest.raises(EngineUnreachable, match="secure connection"):
            OpenAICompatible(base_url=https_server.url, retries=0).transcribe(path)


def test_plain_http_is_refused_off_this_machine() -> None:
    for url in ("http://10.1.2.3:8000/v1", "http://asr.clinic.example/v1"):
        with pytest.raises(InsecureEndpoint, match="not encrypted"):
            OpenAICompatible(base_url=url)
    assert endpoint_base("http://127.0.0.1:8000") == "http://127.0.0.1:8000/v1"
    assert endpoint_base("http://localhost:9/v1/") == "http://localhost:9/v1"
    assert endpoint_base("http://[::1]:9/v1") == "http://[::1]:9/v1"
    assert endpoint_base("https://api.groq.com/openai/v1") == "https://api.groq.com/openai/v1"


def _speech(english_files: list[tuple[Path, str]]) -> Path:
    return english_files[0][0]


def _client(url: str, waits: list[float], **options: float) -> OpenAICompatible:
    return OpenAICompatible(base_url=url, api_key="k", backoff_s=0.01, sleep=waits.append, **options)  # type: ignore[arg-type]


def test_429_and_5xx_are_retried_with_backoff_then_succeed(english_files: list[tuple[Path, str]]) -> None:
    script = Script([(429, {"Retry-After": "0.05"}, 0.0), (503, {}, 0.0), (200, {}, 0.0)])
    waits: list[float] = []
    with serving(ScriptedServer(script)) as running:
        assert isinstance(running, ScriptedServer)
        transcript = _client(running.url, waits).transcribe(_speech(english_files))
    assert transcript.text == "Takes metformin." and transcript.language == "en"
    assert len(script.requests) == 3
    assert script.requests[0]["headers"]["Authorization"] == "Bearer k"
    assert sum(waits) == pytest.approx(0.05 + 0.02, abs=0.01)  # Retry-After honoured, then 2x backoff


@pytest.mark.parametrize("status", [429, 500, 502, 503])
def test_persistent_busy_or_server_error_ends_in_a_clear_message(
    english_files: list[tuple[Path, str]], status: int
) -> None:
    script = Script([(status, {}, 0.0)])
    with serving(ScriptedServer(script)) as running:
        assert isinstance(running, ScriptedServer)
        with pytest.raises(
            EngineBusy, match=rf"after 3 attempts: HTTP {status}.*recording and the draft are kept"
        ):
            _client(running.url, [], retries=2).transcribe(_speech(english_files))
    assert len(script.requests) == 3


@pytest.mark.parametrize(("status", "message"), [(401, "refused the API key"), (400, "rejected the audio")])
def test_refusals_are_not_retried(english_files: list[tuple[Path, str]], status: int, message: str) -> None:
    script = Script([(status, {}, 0.0)])
    with serving(ScriptedServer(script)) as running:
        assert isinstance(running, ScriptedServer)
        with pytest.raises(EngineRejected, match=message):
            _client(running.url, []).transcribe(_speech(english_files))
    assert len(script.requests) == 1


def test_a_server_that_does_not_answer_in_time(english_files: list[tuple[Path, str]]) -> None:
    script = Script([(200, {}, 1.5)])
    with serving(ScriptedServer(script)) as running:
        assert isinstance(running, ScriptedServer)
        with pytest.raises(EngineUnreachable, match=r"no answer within 0.3 s"):
            _client(running.url, [], timeout_s=0.3, retries=1).transcribe(_speech(english_files))


def test_an_unreachable_endpoint(english_files: list[tuple[Path, str]]) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more.
    with pytest.raises(EngineUnreachable, match="cannot connect"):
        _client(f"http://127.0.0.1:{port}/v1", [], retries=1).transcribe(_speech(english_files))
