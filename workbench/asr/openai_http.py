"""An OpenAI-compatible HTTP engine: OpenAI, Groq, Azure-style deployments, self-hosted servers,
and this application's own ``workbench serve-asr``.

Only the standard library is used (urllib + a hand-built multipart body) so the client adds no
dependency. Audio is sent in chunks of at most ten minutes: that stays under the usual 25 MB upload
limit as 16-bit WAV, gives a real progress figure, and lets a long file be cancelled between chunks.
"""

from __future__ import annotations

import email.utils
import ipaddress
import json
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from workbench.asr import waveform
from workbench.asr.engine import (
    SAMPLE_RATE,
    AudioInput,
    CancelFlag,
    ProgressCallback,
    Task,
    check_cancelled,
    normalise_language,
)
from workbench.asr.errors import (
    EngineBusy,
    EngineRejected,
    EngineUnreachable,
    InsecureEndpoint,
    TranscriptionError,
)
from workbench.asr.transcript import Segment, Transcript, Word, confidence_from, join_segments

CHUNK_S = 600
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# OpenAI answers verbose_json with language names; self-hosted servers with codes.
LANGUAGE_NAMES = {"english": "en", "spanish": "es", "castilian": "es"}


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def endpoint_base(base_url: str) -> str:
    """Validated base URL ending in /v1 (or the deployment path given); refuses plain HTTP off-box."""
    parsed = urllib.parse.urlsplit(base_url.strip())
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise TranscriptionError(f"{base_url!r} is not an http(s) URL. Example: https://api.openai.com/v1")
    if parsed.scheme == "http" and not is_loopback(parsed.hostname):
        raise InsecureEndpoint(
            f"{base_url} is not encrypted and not on this machine: patient audio would cross the "
            "network in the clear. Use an https:// address (the clinic server can be given a "
            "certificate with --certfile/--keyfile)."
        )
    path = parsed.path.rstrip("/") or "/v1"
    return urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, path, "", ""))


def multipart(fields: dict[str, str], file_field: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = f"----workbench-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{filename}"\r\nContent-Type: audio/wav\r\n\r\n'
        ).encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value)
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


def _server_message(body: bytes) -> str:
    try:
        data = json.loads(body)
        message = data.get("error", {}).get("message") if isinstance(data.get("error"), dict) else None
        message = message or data.get("detail") or data.get("error") or ""
    except (ValueError, AttributeError):
        message = body.decode("utf-8", "replace")
    return " ".join(str(message).split())[:300]


@dataclass
class OpenAICompatible:
    base_url: str = "https://api.openai.com/v1"
    api_key: str | None = field(default=None, repr=False)  # never printed, never logged
    model: str = "whisper-1"
    timeout_s: float = 120.0
    retries: int = 3
    backoff_s: float = 1.0
    max_backoff_s: float = 30.0
    response_format: str = "verbose_json"
    ssl_context: ssl.SSLContext | None = field(default=None, repr=False)
    chunk_s: float = CHUNK_S
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    name: str = field(default="openai", init=False)

    def __post_init__(self) -> None:
        self._base = endpoint_base(self.base_url)

    def transcribe(
        self,
        audio: AudioInput,
        *,
        language: str | None = None,
        task: Task = "transcribe",
        initial_prompt: str | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelFlag | None = None,
    ) -> Transcript:
        samples = waveform.load(audio)
        language = normalise_language(language)
        duration = waveform.duration_s(samples)
        if waveform.is_silent(samples):
            if progress:
                progress(1.0)
            return Transcript("", (), language, self.name, self.model, task, duration)
        if task == "translate":
            half = (lambda f: progress(f / 2)) if progress else None
            original = self._chunked(samples, "transcriptions", language, initial_prompt, half, cancel)
            if original.language == "en":
                if progress:
                    progress(1.0)
                return original
            rest = (lambda f: progress(0.5 + f / 2)) if progress else None
            english = self._chunked(samples, "translations", None, initial_prompt, rest, cancel)
            return Transcript(
                english.text, english.segments, "en", self.name, self.model, "translate", duration, original
            )
        return self._chunked(samples, "transcriptions", language, initial_prompt, progress, cancel)

    def _chunked(
        self,
        samples: waveform.Float32Array,
        endpoint: str,
        language: str | None,
        prompt: str | None,
        progress: ProgressCallback | None,
        cancel: CancelFlag | None,
    ) -> Transcript:
        segments: list[Segment] = []
        detected: str | None = language
        start = 0
        while start < samples.size:
            check_cancelled(cancel)
            end = samples.size
            limit = int(self.chunk_s * SAMPLE_RATE)
            if end - start > limit:
                end = waveform.quiet_cut(samples, start + limit, search=min(5 * SAMPLE_RATE, limit // 2))
            chunk = samples[start:end]
            if not waveform.is_silent(chunk):
                answer = self._post(endpoint, waveform.to_wav_bytes(chunk), language, prompt, cancel)
                piece = self._parse(answer, waveform.duration_s(chunk))
                segments.extend(s.shifted(start / SAMPLE_RATE) for s in piece.segments)
                detected = detected or piece.language
            start = end
            if progress:
                progress(min(1.0, start / samples.size))
        task: Task = "translate" if endpoint == "translations" else "transcribe"
        return Transcript(
            join_segments(segments),
            tuple(segments),
            detected,
            self.name,
            self.model,
            task,
            waveform.duration_s(samples),
        )

    def _post(
        self, endpoint: str, wav: bytes, language: str | None, prompt: str | None, cancel: CancelFlag | None
    ) -> Any:
        fields = {"model": self.model, "response_format": self.response_format, "temperature": "0"}
        if language and endpoint == "transcriptions":
            fields["language"] = language
        if prompt:
            fields["prompt"] = prompt
        body, content_type = multipart(fields, "file", "audio.wav", wav)
        headers = {"Content-Type": content_type, "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        url = f"{self._base}/audio/{endpoint}"
        context = self.ssl_context or ssl.create_default_context()
        last_problem = ""
        for attempt in range(self.retries + 1):
            check_cancelled(cancel)
            wait = min(self.max_backoff_s, self.backoff_s * 2**attempt)
            request = urllib.request.Request(url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout_s, context=context) as response:
                    raw = response.read()
                    if self.response_format == "text":
                        return {"text": raw.decode("utf-8", "replace")}
                    return json.loads(raw)
            except urllib.error.HTTPError as exc:
                detail = _server_message(exc.read())
                if exc.code in (401, 403):
                    raise EngineRejected(
                        f"The transcription service at {self._base} refused the API key (HTTP {exc.code}). "
                        "An administrator can enter a new key in the transcription settings. "
                        "The recording is kept."
                    ) from None
                if exc.code not in RETRY_STATUSES:
                    hint = " Check the service URL." if exc.code == 404 else ""
                    raise EngineRejected(
                        f"The transcription service rejected the audio (HTTP {exc.code}: {detail}).{hint} "
                        "The recording is kept."
                    ) from None
                last_problem = f"HTTP {exc.code}" + (f" ({detail})" if detail else "")
                wait = min(self.max_backoff_s, _retry_after(exc.headers.get("Retry-After")) or wait)
            except TimeoutError:
                last_problem = f"no answer within {self.timeout_s:g} s"
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, TimeoutError):
                    last_problem = f"no answer within {self.timeout_s:g} s"
                elif isinstance(reason, ssl.SSLError):
                    raise EngineUnreachable(
                        f"The secure connection to {self._base} failed ({reason}). Check the server's "
                        "certificate. The recording is kept."
                    ) from None
                else:
                    last_problem = f"cannot connect ({reason})"
            except (ConnectionError, ValueError) as exc:
                last_problem = f"the connection broke ({type(exc).__name__})"
            if attempt < self.retries:
                self._wait(wait, cancel)
        message = (
            f"The transcription service at {self._base} did not succeed after {self.retries + 1} "
            f"attempts: {last_problem}. The recording and the draft are kept; try again later or "
            "switch to the local engine."
        )
        if last_problem.startswith("HTTP"):
            raise EngineBusy(message)
        raise EngineUnreachable(message)

    def _wait(self, seconds: float, cancel: CancelFlag | None) -> None:
        # Short steps so that Cancel is honoured within a tenth of a second while backing off.
        left = seconds
        while left > 1e-9:
            check_cancelled(cancel)
            step = min(left, 0.1)
            self.sleep(step)
            left -= step

    def _parse(self, answer: Any, duration: float) -> Transcript:
        if not isinstance(answer, dict) or "text" not in answer:
            raise EngineRejected(
                "The transcription service answered with something that is not a transcript."
            )
        language = answer.get("language")
        if isinstance(language, str):
            language = LANGUAGE_NAMES.get(language.lower(), language.lower())
        words = [
            Word(
                str(w.get("word", "")).strip(),
                float(w["start"]),
                float(w["end"]),
                float(w.get("probability", 1.0)),
            )
            for w in answer.get("words") or ()
            if isinstance(w, dict) and "start" in w and "end" in w
        ]
        segments: list[Segment] = []
        for item in answer.get("segments") or ():
            avg_logprob = item.get("avg_logprob")
            no_speech = item.get("no_speech_prob")
            start, end = float(item.get("start", 0.0)), float(item.get("end", 0.0))
            segments.append(
                Segment(
                    start=start,
                    end=end,
                    text=str(item.get("text", "")).strip(),
                    confidence=confidence_from(avg_logprob, no_speech),
                    avg_logprob=avg_logprob,
                    no_speech_prob=no_speech,
                    # Word probabilities (when the server sends them) let post-correction be precise.
                    words=tuple(w for w in words if start <= (w.start + w.end) / 2 < end),
                )
            )
        text = str(answer.get("text", "")).strip()
        if not segments and text:
            # Plain "json" answers carry no timing or confidence: one segment, confidence unknown.
            segments.append(Segment(0.0, duration, text, confidence_from(None, None)))
        return Transcript(text, tuple(segments), language, self.name, self.model, duration_s=duration)
