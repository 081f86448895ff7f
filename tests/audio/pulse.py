"""A private PulseAudio server with a null sink, as TESTING.md describes, for end-to-end tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SINK = "virt"


@contextmanager
def running_pulse() -> Iterator[dict[str, str]]:
    """Start PulseAudio in a fresh runtime directory; yields the environment that reaches it.

    Playing into the sink ``virt`` is heard on its monitor, the default source, which
    PortAudio's ALSA device "pulse" records from.
    """
    runtime = Path(tempfile.mkdtemp(prefix="pulse-"))
    runtime.chmod(0o700)
    env = dict(
        os.environ,
        XDG_RUNTIME_DIR=str(runtime),
        HOME=str(runtime),
        PULSE_SERVER=f"unix:{runtime}/pulse/native",
    )
    env.pop("PULSE_SINK", None)
    env.pop("PULSE_SOURCE", None)
    subprocess.run(
        [
            "pulseaudio",
            "--daemonize=yes",
            "--exit-idle-time=-1",
            "-n",
            "--load=module-native-protocol-unix auth-anonymous=1",
            "--log-target=stderr",
        ],
        env=env,
        check=True,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode != 0:
            if time.monotonic() > deadline:
                raise RuntimeError("PulseAudio did not start within 10 s")
            time.sleep(0.05)
        for command in (
            ["pactl", "load-module", "module-null-sink", f"sink_name={SINK}"],
            ["pactl", "set-default-sink", SINK],
            ["pactl", "set-default-source", f"{SINK}.monitor"],
        ):
            subprocess.run(command, env=env, check=True, capture_output=True)
        yield env
    finally:
        stop_pulse(env)
        shutil.rmtree(runtime, ignore_errors=True)


def stop_pulse(env: dict[str, str]) -> None:
    subprocess.run(["pulseaudio", "--kill"], env=env, capture_output=True)
    deadline = time.monotonic() + 5
    while subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)


def play(path: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(["paplay", f"--device={SINK}", str(path)], env=env)
