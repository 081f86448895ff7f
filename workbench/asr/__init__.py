"""Speech to text: one ``Transcriber`` protocol, local and cloud engines, medical vocabulary.

Pure: no Qt, no database. Heavy libraries (faster-whisper, boto3) load inside the engines.
"""

from workbench.asr.engine import AudioInput, Transcriber, create, engine_names, register
from workbench.asr.transcript import Correction, Segment, Transcript, Word

__all__ = [
    "AudioInput",
    "Correction",
    "Segment",
    "Transcriber",
    "Transcript",
    "Word",
    "create",
    "engine_names",
    "register",
]
