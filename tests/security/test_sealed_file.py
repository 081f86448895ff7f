"""Recordings sealed at rest: no plaintext on disk, wrong keys and changes refused, crashes recoverable."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import BinaryIO

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.security.sealed_file import MAGIC, SealedFileError, SealedReader, SealedWriter, read_sealed

KEY = bytes(range(32))
PHRASE = b"patient reports crushing chest pain"


def _write(path: Path, data: bytes, chunk: int = 64, close: bool = True) -> None:
    writer = SealedWriter(path, KEY, chunk_size=chunk)
    writer.write(data)
    if close:
        writer.close()


def test_round_trip_without_plaintext_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "rec.wbs"
    data = PHRASE * 50 + os.urandom(1000)
    with SealedWriter(path, KEY, chunk_size=100) as writer:
        for i in range(0, len(data), 37):
            writer.write(data[i : i + 37])
    raw = path.read_bytes()
    assert raw.startswith(MAGIC) and PHRASE not in raw and b"crushing" not in raw
    assert read_sealed(path, KEY) == data


def test_the_same_content_never_gives_the_same_bytes(tmp_path: Path) -> None:
    _write(tmp_path / "a", PHRASE)
    _write(tmp_path / "b", PHRASE)
    assert (tmp_path / "a").read_bytes() != (tmp_path / "b").read_bytes()


def test_a_wrong_key_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "rec"
    _write(path, PHRASE * 4)
    with pytest.raises(SealedFileError, match="wrong key"):
        read_sealed(path, bytes(32))
    with pytest.raises(SealedFileError, match="not a sealed"):
        (tmp_path / "plain").write_bytes(PHRASE)
        read_sealed(tmp_path / "plain", KEY)


def test_a_file_cut_off_by_a_crash_keeps_its_sealed_chunks(tmp_path: Path) -> None:
    path = tmp_path / "rec"
    data = bytes(range(256)) * 3
    _write(path, data, chunk=100, close=False)  # the process dies before close()
    with pytest.raises(SealedFileError, match="not closed"):
        read_sealed(path, KEY)
    assert read_sealed(path, KEY, allow_incomplete=True) == data[:700]
    # A torn last write is dropped, the chunks before it are kept.
    path.write_bytes(path.read_bytes()[:-10])
    assert read_sealed(path, KEY, allow_incomplete=True) == data[:600]


def test_removing_or_swapping_chunks_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "rec"
    _write(path, bytes(300), chunk=100)
    raw = path.read_bytes()
    head = len(MAGIC) + 20
    size = (len(raw) - head - (4 + 16)) // 3  # three full chunks and an empty final one
    chunks = [raw[head + i * size : head + (i + 1) * size] for i in range(3)]
    final = raw[head + 3 * size :]
    path.write_bytes(raw[:head] + chunks[1] + chunks[0] + chunks[2] + final)
    with pytest.raises(SealedFileError, match="chunk 0"):
        read_sealed(path, KEY)
    path.write_bytes(raw[:head] + chunks[0] + chunks[1] + chunks[2])  # final chunk removed
    with pytest.raises(SealedFileError, match="not closed"):
        read_sealed(path, KEY)


@settings(max_examples=50, deadline=None)
@given(st.binary(min_size=1, max_size=400), st.data())
def test_any_single_byte_change_is_detected(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, draw: st.DataObject
) -> None:
    path = tmp_path_factory.mktemp("sealed") / "rec"
    _write(path, data, chunk=64)
    raw = bytearray(path.read_bytes())
    index = draw.draw(st.integers(0, len(raw) - 1))
    raw[index] ^= draw.draw(st.integers(1, 255))
    path.write_bytes(bytes(raw))
    with pytest.raises(SealedFileError):
        read_sealed(path, KEY)


class RefusingDisk:
    """A file that takes ``room`` bytes and then fails as a full disk does (part of the last write lands)."""

    def __init__(self, inner: BinaryIO, room: int) -> None:
        self.inner = inner
        self.room = room
        self.closed = False

    def write(self, data: bytes) -> int:
        taken = data[: max(0, self.room)]
        self.inner.write(taken)
        self.room -= len(taken)
        if len(taken) < len(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        return len(data)

    def flush(self) -> None:
        self.inner.flush()

    def fileno(self) -> int:
        return self.inner.fileno()

    def close(self) -> None:
        self.closed = True
        self.inner.close()


def test_after_a_failed_write_nothing_more_is_sealed(tmp_path: Path) -> None:
    path = tmp_path / "rec.wbs"
    writer = SealedWriter(path, KEY, chunk_size=100)
    header = path.stat().st_size
    room = 2 * (4 + 100 + 16) + 50  # two chunks, and half of the third
    writer._file = RefusingDisk(writer._file, room)  # type: ignore[assignment]
    data = os.urandom(500)
    with pytest.raises(OSError):
        writer.write(data)
    # Whatever comes next, no chunk is sealed again: its nonce may be half on disk already.
    with pytest.raises(OSError, match="takes no more"):
        writer.write(b"more")
    writer.close()
    assert path.stat().st_size == header + room
    assert read_sealed(path, KEY, allow_incomplete=True) == data[:200]


@settings(max_examples=60, deadline=None)
@given(
    data=st.binary(min_size=0, max_size=700),
    chunk=st.integers(min_value=1, max_value=120),
    closed=st.booleans(),
    start=st.integers(min_value=0, max_value=800),
    length=st.integers(min_value=0, max_value=800),
)
def test_random_access_reads_what_a_whole_read_does(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, chunk: int, closed: bool, start: int, length: int
) -> None:
    path = tmp_path_factory.mktemp("random") / "rec.wbs"
    _write(path, data, chunk, close=closed)
    whole = read_sealed(path, KEY, allow_incomplete=True)
    reader = SealedReader(path, KEY)
    assert reader.size == len(whole)
    assert reader.read(start, start + length) == whole[start : start + length]


def test_random_access_with_the_wrong_key_or_a_changed_chunk_fails(tmp_path: Path) -> None:
    path = tmp_path / "rec.wbs"
    _write(path, PHRASE * 20, chunk=100)
    with pytest.raises(SealedFileError, match="wrong key"):
        SealedReader(path, bytes(32)).read(0, 10)
    blob = bytearray(path.read_bytes())
    blob[len(MAGIC) + 20 + 4 + 150] ^= 1  # inside the second chunk
    path.write_bytes(bytes(blob))
    reader = SealedReader(path, KEY)
    assert reader.read(0, 100) == (PHRASE * 20)[:100]  # the first chunk is untouched
    with pytest.raises(SealedFileError, match="chunk 1"):
        reader.read(100, 110)
