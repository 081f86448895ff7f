"""Audio failures a person may see; each message says what happened and what to do."""

from __future__ import annotations

from workbench.errors import WorkbenchError


class AudioError(WorkbenchError):
    """Base of every audio failure."""


class InvalidAudioFile(AudioError):
    """A file is not audio the workbench can read (or not audio at all)."""


class NoInputDevice(AudioError):
    """No microphone, or none matching the name asked for."""


class DeviceUnavailable(AudioError):
    """The microphone exists but cannot be opened (busy, or an unsupported format)."""


class IllegalTransition(AudioError):
    """A recorder action that its current state does not allow, e.g. resume while recording."""


class InvalidVadSettings(AudioError):
    """A voice-activity setting outside its allowed range."""
