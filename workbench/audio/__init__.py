"""Audio: capture, voice-activity detection, the recorder state machine and WAV files.

Pure: no Qt and no database. Paths and settings come in as arguments; results go out as
plain dataclasses and numpy arrays.
"""
