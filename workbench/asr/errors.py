"""What can go wrong while turning speech into text, each with a message that says what to do.

Every one of these leaves the audio and the note draft as they were: transcription only ever adds
text, so a failure costs a retry, never work.
"""

from __future__ import annotations

from workbench.errors import WorkbenchError


class TranscriptionError(WorkbenchError):
    """Transcription did not finish; the recording and the draft are unchanged."""


class ModelUnavailable(TranscriptionError):
    """The speech model is missing, unreadable or not a CTranslate2 Whisper model."""


class ModelDigestMismatch(ModelUnavailable):
    """The model file is not the one this version was tested with (corrupt or tampered)."""


class NotAudio(TranscriptionError):
    """The input cannot be decoded as audio."""


class EngineUnreachable(TranscriptionError):
    """The transcription service could not be reached or did not answer in time."""


class EngineRejected(TranscriptionError):
    """The transcription service refused the request (bad key, bad request, too large)."""


class EngineBusy(TranscriptionError):
    """The service kept answering 'too many requests' or a server error after several retries."""


class InsecureEndpoint(TranscriptionError):
    """Audio would travel unencrypted to a machine other than this one."""


class TranscriptionCancelled(TranscriptionError):
    """The person cancelled; nothing was transcribed or changed."""


class UnknownEngine(TranscriptionError):
    """No engine of that name is registered."""
