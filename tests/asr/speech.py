"""Test speech made on the spot with espeak-ng and sox (see TESTING.md): no recordings shipped."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# English dictation with drug names and conditions; references as they are spoken.
SENTENCES = (
    "The patient has type two diabetes mellitus and takes metformin five hundred milligrams twice daily.",
    "Blood pressure is well controlled on lisinopril ten milligrams every morning.",
    "She denies chest pain or shortness of breath and has no history of asthma.",
    "Start atorvastatin forty milligrams at night and recheck the lipid panel in three months.",
)
SPANISH = "El paciente tiene dolor de pecho desde ayer y toma metformina para la diabetes."
VOCABULARY = ("metformin", "lisinopril", "atorvastatin", "diabetes mellitus", "lipid panel")


def speak(text: str, out: Path, voice: str = "en-us") -> Path:
    """16 kHz mono 16-bit WAV of ``text`` spoken by espeak-ng."""
    for tool in ("espeak-ng", "sox"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing: run `make setup` (Debian packages espeak-ng and sox).")
    raw = out.with_suffix(".raw.wav")
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True, capture_output=True)
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(out)], check=True)
    raw.unlink()
    return out
