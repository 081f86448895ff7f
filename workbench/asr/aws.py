"""Amazon Transcribe Medical (batch, through S3), and Amazon Transcribe + Amazon Translate for
Spanish dictation — the arrangement the reference deployments in this field use.

Transcribe Medical understands US English only; Spanish goes to standard Transcribe (es-US) and
each segment is translated to English with Amazon Translate, so timings still match the audio.
The audio and the transcript are deleted from S3 and the job from Transcribe as soon as the text
is read: they are patient data, and no copy should outlive its use.
"""

from __future__ import annotations

import contextlib
import json
import time
import urllib.parse
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
    TranscriptionCancelled,
    TranscriptionError,
)
from workbench.asr.transcript import Segment, Transcript, Word, join_segments

LANGUAGE_CODES = {"en": "en-US", "es": "es-US"}
_REJECTED = {
    "AccessDenied",
    "AccessDeniedException",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "InvalidClientTokenId",
    "ExpiredToken",
    "ExpiredTokenException",
    "NoSuchBucket",
    "BadRequestException",
}
_BUSY = {"ThrottlingException", "LimitExceededException", "TooManyRequestsException", "SlowDown"}


def parse_items(results: dict[str, Any]) -> list[Segment]:
    """Amazon Transcribe's word items → sentence segments (split at . ? !)."""
    segments: list[Segment] = []
    words: list[Word] = []
    text = ""

    def close() -> None:
        nonlocal words, text
        if words:
            confidence = round(sum(w.probability for w in words) / len(words), 4)
            segments.append(
                Segment(words[0].start, words[-1].end, text.strip(), confidence, words=tuple(words))
            )
        words, text = [], ""

    for item in results.get("items", ()):
        alternative = (item.get("alternatives") or [{}])[0]
        content = str(alternative.get("content", ""))
        if item.get("type") == "punctuation":
            text += content
            if content in (".", "?", "!"):
                close()
            continue
        start, end = float(item.get("start_time", 0.0)), float(item.get("end_time", 0.0))
        words.append(Word(content, start, end, float(alternative.get("confidence") or 0.0)))
        text += " " + content
    close()
    return segments


def s3_location(uri: str) -> tuple[str, str]:
    """(bucket, key) of an s3:// or https S3 URI (path-style or virtual-hosted)."""
    parsed = urllib.parse.urlsplit(uri)
    if parsed.scheme == "s3":
        return parsed.netloc, parsed.path.lstrip("/")
    host = parsed.netloc
    path = urllib.parse.unquote(parsed.path.lstrip("/"))
    if host.startswith("s3.") or host.startswith("s3-") or host == "s3.amazonaws.com":
        bucket, _, key = path.partition("/")
        return bucket, key
    return host.split(".s3", 1)[0], path


@dataclass
class AwsTranscribe:
    bucket: str = ""
    region: str = "us-east-1"
    prefix: str = "workbench-dictation/"
    specialty: str = "PRIMARYCARE"
    dictation_type: str = "DICTATION"
    access_key_id: str | None = field(default=None, repr=False)
    secret_access_key: str | None = field(default=None, repr=False)
    poll_s: float = 3.0
    timeout_s: float = 3600.0
    keep_objects: bool = False
    # Clients made elsewhere (tests, or a caller with its own session) take precedence.
    clients: dict[str, Any] = field(default_factory=dict, repr=False)
    job_id: Callable[[], str] = field(default=lambda: uuid.uuid4().hex, repr=False)
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    name: str = field(default="aws", init=False)

    def __post_init__(self) -> None:
        if not self.bucket:
            raise TranscriptionError(
                "Amazon Transcribe needs an S3 bucket for the audio; an administrator sets it in the "
                "transcription settings."
            )

    def _client(self, service: str) -> Any:
        if service not in self.clients:
            import boto3
            from botocore.config import Config

            session = boto3.session.Session(
                aws_access_key_id=self.access_key_id,
                aws_secret_access_key=self.secret_access_key,
                region_name=self.region,
            )
            config = Config(
                connect_timeout=10, read_timeout=60, retries={"max_attempts": 5, "mode": "standard"}
            )
            self.clients[service] = session.client(service, config=config)
        return self.clients[service]

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
        # Transcribe takes custom vocabularies, not prompts; initial_prompt has no equivalent here.
        samples = waveform.load(audio)
        language = normalise_language(language)
        duration = waveform.duration_s(samples)
        if waveform.is_silent(samples):
            if progress:
                progress(1.0)
            return Transcript("", (), language, self.name, "", task, duration)
        medical = (language in (None, "en") and task == "transcribe") or language == "en"
        try:
            return self._run(samples, language, task, medical, duration, progress, cancel)
        except (TranscriptionError, TranscriptionCancelled):
            raise
        except Exception as exc:
            raise _translated(exc) from None

    def _run(
        self,
        samples: waveform.Float32Array,
        language: str | None,
        task: Task,
        medical: bool,
        duration: float,
        progress: ProgressCallback | None,
        cancel: CancelFlag | None,
    ) -> Transcript:
        s3, transcribe = self._client("s3"), self._client("transcribe")
        job = f"workbench-{self.job_id()}"
        audio_key = f"{self.prefix}{job}.wav"
        output_key = f"{self.prefix}{job}.json"
        transcript_location: tuple[str, str] | None = None
        s3.put_object(
            Bucket=self.bucket,
            Key=audio_key,
            Body=waveform.to_wav_bytes(samples),
            ContentType="audio/wav",
            ServerSideEncryption="AES256",
        )
        try:
            if progress:
                progress(0.1)
            media = {"MediaFileUri": f"s3://{self.bucket}/{audio_key}"}
            common = {
                "MediaFormat": "wav",
                "MediaSampleRateHertz": SAMPLE_RATE,
                "Media": media,
                "OutputBucketName": self.bucket,
                "OutputKey": output_key,
            }
            if medical:
                transcribe.start_medical_transcription_job(
                    MedicalTranscriptionJobName=job,
                    LanguageCode="en-US",
                    Specialty=self.specialty,
                    Type=self.dictation_type,
                    **common,
                )
                model = f"transcribe-medical/{self.specialty.lower()}"
            else:
                choice: dict[str, Any] = (
                    {"LanguageCode": LANGUAGE_CODES.get(language, language)}
                    if language
                    else {"IdentifyLanguage": True, "LanguageOptions": ["en-US", "es-US"]}
                )
                transcribe.start_transcription_job(TranscriptionJobName=job, **choice, **common)
                model = "transcribe"
            details = self._wait(transcribe, job, medical, cancel)
            if progress:
                progress(0.8)
            transcript_location = s3_location(details["Transcript"]["TranscriptFileUri"])
            body = s3.get_object(Bucket=transcript_location[0], Key=transcript_location[1])["Body"].read()
            results = json.loads(body)["results"]
            segments = tuple(parse_items(results))
            spoken = normalise_language(details.get("LanguageCode")) or language
            transcript = Transcript(
                join_segments(segments), segments, spoken, self.name, model, "transcribe", duration
            )
            if task == "translate" and spoken not in (None, "en"):
                transcript = self._translated(transcript, spoken or "es")
            if progress:
                progress(1.0)
            return transcript
        finally:
            if not self.keep_objects:
                self._clean(s3, transcribe, job, medical, audio_key, transcript_location)

    def _wait(self, transcribe: Any, job: str, medical: bool, cancel: CancelFlag | None) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout_s
        while True:
            if medical:
                details = transcribe.get_medical_transcription_job(MedicalTranscriptionJobName=job)[
                    "MedicalTranscriptionJob"
                ]
            else:
                details = transcribe.get_transcription_job(TranscriptionJobName=job)["TranscriptionJob"]
            status = details.get("TranscriptionJobStatus")
            if status == "COMPLETED":
                return dict(details)
            if status == "FAILED":
                raise EngineRejected(
                    f"Amazon Transcribe could not transcribe the audio: {details.get('FailureReason', 'no reason given')}. "
                    "The recording is kept."
                )
            check_cancelled(cancel)
            if time.monotonic() > deadline:
                raise EngineUnreachable(
                    f"Amazon Transcribe did not finish within {self.timeout_s / 60:.0f} minutes. The recording "
                    "is kept; try again later or use the local engine."
                )
            self.sleep(self.poll_s)

    def _translated(self, original: Transcript, source: str) -> Transcript:
        translate = self._client("translate")
        segments = []
        for segment in original.segments:
            answer = translate.translate_text(
                Text=segment.text, SourceLanguageCode=source, TargetLanguageCode="en"
            )
            segments.append(Segment(segment.start, segment.end, answer["TranslatedText"], segment.confidence))
        return Transcript(
            join_segments(segments),
            tuple(segments),
            "en",
            self.name,
            original.model + "+translate",
            "translate",
            original.duration_s,
            original,
        )

    def _clean(
        self,
        s3: Any,
        transcribe: Any,
        job: str,
        medical: bool,
        audio_key: str,
        transcript_location: tuple[str, str] | None,
    ) -> None:
        # Best effort: a failure to clean up must not hide the transcript or the real error.
        for action in (
            lambda: s3.delete_object(Bucket=self.bucket, Key=audio_key),
            lambda: (
                transcript_location
                and s3.delete_object(Bucket=transcript_location[0], Key=transcript_location[1])
            ),
            lambda: (
                transcribe.delete_medical_transcription_job(MedicalTranscriptionJobName=job)
                if medical
                else transcribe.delete_transcription_job(TranscriptionJobName=job)
            ),
        ):
            with contextlib.suppress(Exception):
                action()


def _translated(exc: Exception) -> TranscriptionError:
    from botocore.exceptions import (
        ClientError,
        ConnectTimeoutError,
        EndpointConnectionError,
        NoCredentialsError,
        ReadTimeoutError,
    )

    if isinstance(exc, NoCredentialsError):
        return EngineRejected(
            "No AWS credentials are set for Amazon Transcribe; an administrator enters them in the "
            "transcription settings. The recording is kept."
        )
    if isinstance(exc, EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError):
        return EngineUnreachable(
            f"Amazon Transcribe could not be reached ({type(exc).__name__}). The recording is kept; "
            "check the network or use the local engine."
        )
    if isinstance(exc, ClientError):
        code = exc.response.get("Error", {}).get("Code", "")
        if code in _BUSY:
            return EngineBusy(
                f"Amazon Transcribe is throttling requests ({code}) after several retries. The recording "
                "is kept; try again in a few minutes."
            )
        if code in _REJECTED:
            return EngineRejected(
                f"AWS refused the request ({code}). Check the credentials and the bucket in the "
                "transcription settings. The recording is kept."
            )
        return EngineRejected(f"Amazon Transcribe failed ({code or 'unknown error'}). The recording is kept.")
    return TranscriptionError(
        f"Amazon Transcribe failed ({type(exc).__name__}: {exc}). The recording is kept."
    )
