"""The clinic transcription server: the local engine behind the OpenAI-compatible API.

One stronger machine runs ``workbench serve-asr`` and the desktops use the OpenAI-compatible
engine pointed at it. Standard library only (``http.server``; multipart through ``email``).
Uploads are decoded in memory and never written to disk: they are patient audio.
"""

from __future__ import annotations

import hmac
import json
import logging
import ssl
import threading
from email.parser import BytesParser
from email.policy import HTTP
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from workbench.asr import waveform
from workbench.asr.engine import Task, Transcriber
from workbench.asr.errors import ModelUnavailable, NotAudio, TranscriptionError
from workbench.asr.transcript import Transcript

log = logging.getLogger(__name__)
MAX_UPLOAD_BYTES = 512 * 1024 * 1024  # two hours of 16 kHz 16-bit WAV is ~230 MB
RESPONSE_FORMATS = ("json", "text", "verbose_json", "srt", "vtt")


class BadRequest(Exception):
    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


def parse_form(content_type: str, body: bytes) -> tuple[dict[str, str], tuple[str, bytes] | None]:
    """Fields and the uploaded file (name, bytes) of a multipart/form-data body."""
    if not content_type.lower().startswith("multipart/form-data"):
        raise BadRequest(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "Send the audio as multipart/form-data.")
    message = BytesParser(policy=HTTP).parsebytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise BadRequest(HTTPStatus.BAD_REQUEST, "The multipart body could not be read.")
    fields: dict[str, str] = {}
    upload: tuple[str, bytes] | None = None
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None or name == "file":
            if name == "file":
                upload = (filename or "audio", data)
        else:
            fields[name] = data.decode("utf-8", "replace")
    return fields, upload


def _timestamp(seconds: float, separator: str) -> str:
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}{separator}{millis:03d}"


def render(transcript: Transcript, response_format: str) -> tuple[str, bytes]:
    if response_format == "text":
        return "text/plain; charset=utf-8", (transcript.text + "\n").encode()
    if response_format in ("srt", "vtt"):
        sep = "," if response_format == "srt" else "."
        blocks = [
            (f"{i}\n" if response_format == "srt" else "")
            + f"{_timestamp(s.start, sep)} --> {_timestamp(s.end, sep)}\n{s.text}\n"
            for i, s in enumerate(transcript.segments, 1)
        ]
        head = "WEBVTT\n\n" if response_format == "vtt" else ""
        return "text/plain; charset=utf-8", (head + "\n".join(blocks)).encode()
    if response_format == "json":
        return "application/json", json.dumps({"text": transcript.text}).encode()
    body: dict[str, Any] = {
        "task": transcript.task,
        "language": transcript.language,
        "duration": round(transcript.duration_s, 3),
        "text": transcript.text,
        "segments": [
            {
                "id": i,
                "seek": 0,
                "start": s.start,
                "end": s.end,
                "text": s.text,
                "tokens": [],
                "temperature": 0.0,
                "avg_logprob": s.avg_logprob,
                "compression_ratio": None,
                "no_speech_prob": s.no_speech_prob,
            }
            for i, s in enumerate(transcript.segments)
        ],
        "words": [
            {"word": w.text, "start": w.start, "end": w.end, "probability": w.probability}
            for s in transcript.segments
            for w in s.words
        ],
    }
    if transcript.original is not None:
        # An extension OpenAI clients ignore; ours shows the Spanish beside the English.
        body["original"] = {"language": transcript.original.language, "text": transcript.original.text}
    return "application/json", json.dumps(body).encode()


class TranscriptionServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        transcriber: Transcriber,
        model_name: str,
        api_key: str | None = None,
        max_upload_bytes: int = MAX_UPLOAD_BYTES,
    ) -> None:
        super().__init__(address, TranscriptionHandler)
        self.transcriber = transcriber
        self.model_name = model_name
        self.api_key = api_key
        self.max_upload_bytes = max_upload_bytes
        # One transcription at a time: parallel ones would only share the same CPU cores.
        self.engine_lock = threading.Lock()

    def use_tls(self, certfile: Path, keyfile: Path | None = None) -> None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certfile, keyfile)
        self.socket = context.wrap_socket(self.socket, server_side=True)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = host.decode() if isinstance(host, bytes) else host
        scheme = "https" if isinstance(self.socket, ssl.SSLSocket) else "http"
        return f"{scheme}://{host}:{port}/v1"


class TranscriptionHandler(BaseHTTPRequestHandler):
    server: TranscriptionServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        # Request lines only (no bodies, no headers): nothing of the patient reaches the log.
        log.info("%s %s", self.address_string(), format % args)

    def _send(self, status: HTTPStatus, content_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        payload = {"error": {"message": message, "type": status.phrase.lower().replace(" ", "_")}}
        self._send(status, "application/json", json.dumps(payload).encode())

    def _authorised(self) -> bool:
        if not self.server.api_key:
            return True
        given = self.headers.get("Authorization", "").encode("utf-8", "replace")
        return hmac.compare_digest(given, f"Bearer {self.server.api_key}".encode())

    def do_GET(self) -> None:
        if self.path.rstrip("/") in ("/health", "/v1/health"):
            self._send(HTTPStatus.OK, "application/json", b'{"status":"ok"}')
        elif self.path.rstrip("/") == "/v1/models":
            if not self._authorised():
                self._error(HTTPStatus.UNAUTHORIZED, "A valid API key is required.")
                return
            models = {"object": "list", "data": [{"id": self.server.model_name, "object": "model"}]}
            self._send(HTTPStatus.OK, "application/json", json.dumps(models).encode())
        else:
            self._error(HTTPStatus.NOT_FOUND, f"No such endpoint: {self.path}")

    def do_POST(self) -> None:
        routes: dict[str, Task] = {
            "/v1/audio/transcriptions": "transcribe",
            "/v1/audio/translations": "translate",
        }
        task = routes.get(self.path.split("?")[0].rstrip("/"))
        try:
            length = int(self.headers.get("Content-Length") or -1)
            if length < 0:
                raise BadRequest(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required.")
            if length > self.server.max_upload_bytes:
                self.close_connection = True
                raise BadRequest(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "The upload is too large.")
            body = self.rfile.read(length)
            if task is None:
                raise BadRequest(HTTPStatus.NOT_FOUND, f"No such endpoint: {self.path}")
            if not self._authorised():
                raise BadRequest(HTTPStatus.UNAUTHORIZED, "A valid API key is required.")
            fields, upload = parse_form(self.headers.get("Content-Type", ""), body)
            if upload is None:
                raise BadRequest(HTTPStatus.BAD_REQUEST, "The request has no 'file' part with the audio.")
            response_format = fields.get("response_format", "json")
            if response_format not in RESPONSE_FORMATS:
                raise BadRequest(HTTPStatus.BAD_REQUEST, f"Unsupported response_format {response_format!r}.")
            samples = waveform.decode_bytes(upload[1], upload[0])
            with self.server.engine_lock:
                transcript = self.server.transcriber.transcribe(
                    samples,
                    language=fields.get("language") if task == "transcribe" else None,
                    task=task,
                    initial_prompt=fields.get("prompt") or None,
                )
            self._send(HTTPStatus.OK, *render(transcript, response_format))
        except BadRequest as exc:
            self._error(exc.status, str(exc))
        except NotAudio as exc:
            self._error(HTTPStatus.BAD_REQUEST, str(exc))
        except ModelUnavailable as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE, str(exc))
        except TranscriptionError as exc:
            self._error(HTTPStatus.UNPROCESSABLE_ENTITY, str(exc))
        except ValueError:
            self._error(HTTPStatus.BAD_REQUEST, "The request could not be read.")
