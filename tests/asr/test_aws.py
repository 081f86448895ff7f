"""Amazon Transcribe (Medical) with moto's S3 and Transcribe. moto runs the job states but writes no
transcript, so each test puts the transcript JSON where the job says it is, as the service would.
moto has no Amazon Translate: the Spanish path uses a real boto3 Translate client whose answers
come from botocore's Stubber (which still validates every request against the service model).
"""

from __future__ import annotations

import io
import json
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import numpy as np
import pytest
from botocore.stub import Stubber
from moto import mock_aws

from workbench.asr.aws import AwsTranscribe, parse_items, s3_location
from workbench.asr.errors import EngineRejected

BUCKET = "clinic-dictation"
REGION = "us-east-1"


def _item(word: str, start: float, end: float, confidence: float) -> dict[str, Any]:
    return {
        "type": "pronunciation",
        "start_time": str(start),
        "end_time": str(end),
        "alternatives": [{"content": word, "confidence": str(confidence)}],
    }


def _punct(mark: str) -> dict[str, Any]:
    return {"type": "punctuation", "alternatives": [{"content": mark, "confidence": "0.0"}]}


def transcript_json(text: str, items: list[dict[str, Any]], language: str = "en-US") -> bytes:
    return json.dumps(
        {
            "jobName": "x",
            "results": {"transcripts": [{"transcript": text}], "items": items, "language_code": language},
        }
    ).encode()


ENGLISH_ITEMS = [
    _item("Takes", 0.1, 0.4, 0.99),
    _item("metformin", 0.4, 1.0, 0.62),
    _punct("."),
    _item("No", 1.5, 1.7, 0.98),
    _item("chest", 1.7, 2.0, 0.97),
    _item("pain", 2.0, 2.3, 0.96),
    _punct("."),
]


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name=REGION)
        s3.create_bucket(Bucket=BUCKET)
        yield {"s3": s3, "transcribe": boto3.client("transcribe", region_name=REGION)}


def _engine(clients: dict[str, Any], job: str, **options: Any) -> AwsTranscribe:
    return AwsTranscribe(
        bucket=BUCKET, region=REGION, poll_s=0.0, clients=dict(clients), job_id=lambda: job, **options
    )


def test_parse_items_splits_sentences_and_keeps_word_confidence() -> None:
    segments = parse_items({"items": ENGLISH_ITEMS})
    assert [s.text for s in segments] == ["Takes metformin.", "No chest pain."]
    assert (segments[0].start, segments[0].end) == (0.1, 1.0)
    assert segments[0].confidence == pytest.approx((0.99 + 0.62) / 2)
    assert [w.probability for w in segments[0].words] == [0.99, 0.62]


def test_s3_locations_in_every_shape() -> None:
    assert s3_location("s3://b/k/x.json") == ("b", "k/x.json")
    assert s3_location("https://s3.us-east-1.amazonaws.com/b/medical/x.json") == ("b", "medical/x.json")
    assert s3_location("https://b.s3.eu-west-1.amazonaws.com/k/x.json") == ("b", "k/x.json")


def test_medical_dictation_round_trip_and_nothing_left_behind(
    aws: dict[str, Any], english_files: list[tuple[Path, str]]
) -> None:
    s3, transcribe = aws["s3"], aws["transcribe"]
    # Where moto's Transcribe Medical says the transcript of this job is.
    s3.put_object(
        Bucket=BUCKET,
        Key="medical/workbench-job1.json",
        Body=transcript_json("Takes metformin. No chest pain.", ENGLISH_ITEMS),
    )
    progress: list[float] = []
    transcript = _engine(aws, "job1").transcribe(english_files[0][0], language="en", progress=progress.append)
    assert transcript.text == "Takes metformin. No chest pain."
    assert transcript.engine == "aws" and transcript.model == "transcribe-medical/primarycare"
    assert transcript.language == "en" and len(transcript.segments) == 2
    assert progress[-1] == 1.0
    # Audio and transcript are patient data: deleted from S3, and the job from Transcribe.
    assert s3.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0
    assert transcribe.list_medical_transcription_jobs()["MedicalTranscriptionJobSummaries"] == []


def test_uploaded_audio_is_16khz_wav_encrypted_at_rest(
    aws: dict[str, Any], english_files: list[tuple[Path, str]]
) -> None:
    s3, transcribe = aws["s3"], aws["transcribe"]
    s3.put_object(
        Bucket=BUCKET, Key="medical/workbench-job2.json", Body=transcript_json("x.", [_item("x", 0, 1, 1)])
    )
    _engine(aws, "job2", keep_objects=True).transcribe(english_files[0][0])
    stored = s3.get_object(Bucket=BUCKET, Key="workbench-dictation/workbench-job2.wav")
    assert stored["ServerSideEncryption"] == "AES256"
    with wave.open(io.BytesIO(stored["Body"].read())) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16_000, 1, 2)
    job = transcribe.get_medical_transcription_job(MedicalTranscriptionJobName="workbench-job2")
    settings = job["MedicalTranscriptionJob"]
    assert (settings["LanguageCode"], settings["Specialty"], settings["Type"]) == (
        "en-US",
        "PRIMARYCARE",
        "DICTATION",
    )


def test_spanish_dictation_is_transcribed_then_translated(aws: dict[str, Any], spanish_file: Path) -> None:
    s3 = aws["s3"]
    items = [
        _item("Dolor", 0.2, 0.6, 0.95),
        _item("de", 0.6, 0.7, 0.99),
        _item("pecho", 0.7, 1.1, 0.9),
        _punct("."),
    ]
    s3.put_object(
        Bucket=BUCKET,
        Key="workbench-dictation/workbench-job3.json",
        Body=transcript_json("Dolor de pecho.", items, "es-US"),
    )
    translate = boto3.client("translate", region_name=REGION)
    with Stubber(translate) as stub:
        stub.add_response(
            "translate_text",
            {"TranslatedText": "Chest pain.", "SourceLanguageCode": "es", "TargetLanguageCode": "en"},
            {"Text": "Dolor de pecho.", "SourceLanguageCode": "es", "TargetLanguageCode": "en"},
        )
        engine = _engine({**aws, "translate": translate}, "job3")
        transcript = engine.transcribe(spanish_file, language="es", task="translate")
        stub.assert_no_pending_responses()
    assert transcript.text == "Chest pain." and transcript.language == "en" and transcript.task == "translate"
    assert transcript.original is not None
    assert transcript.original.text == "Dolor de pecho." and transcript.original.language == "es"
    assert transcript.segments[0].start == 0.2  # timings of the Spanish carry over


def test_a_missing_bucket_is_a_clear_refusal(
    aws: dict[str, Any], english_files: list[tuple[Path, str]]
) -> None:
    engine = AwsTranscribe(bucket="no-such-bucket", region=REGION, poll_s=0.0, clients=dict(aws))
    with pytest.raises(EngineRejected, match=r"NoSuchBucket.*recording is kept"):
        engine.transcribe(english_files[0][0])


def test_missing_credentials_say_where_to_set_them(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, english_files: list[tuple[Path, str]]
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    with pytest.raises(EngineRejected, match="No AWS credentials"):
        AwsTranscribe(bucket=BUCKET, region=REGION).transcribe(english_files[0][0])


def test_silence_never_leaves_the_machine() -> None:
    engine = AwsTranscribe(bucket=BUCKET, region=REGION)
    transcript = engine.transcribe(np.zeros(16_000 * 3, dtype=np.int16))
    assert transcript.is_empty and engine.clients == {}
