"""Files encrypted at rest (recordings): AES-256-GCM in independently sealed chunks.

A recording is written a chunk at a time, so a crash loses at most the chunk being filled (a
second of 16 kHz mono audio with the default size) and everything sealed before stays readable.

Format: ``MAGIC`` (8 bytes), a 16-byte random salt, a 4-byte big-endian nominal chunk size;
then chunks, each a 4-byte big-endian length and ``AES-GCM(ciphertext + tag)``. The file's key is
HKDF-SHA256(master key, salt), so no two files share a key and nonces (the 4-byte chunk counter,
zero-padded to 12 bytes) never repeat under one key. Each chunk's associated data is the header,
its index and whether it is the last chunk, so chunks cannot be reordered, dropped or moved to
another file unnoticed, and a cut-off file is told apart from a complete one.

Where the master key comes from (the OS keyring or an administrator passphrase, with a backup
path) is decided by the installation; this module only needs its 32 bytes.
"""

from __future__ import annotations

import contextlib
import os
import struct
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from workbench.errors import WorkbenchError

MAGIC = b"WBSEAL1\n"
CHUNK = 32_000  # one second of 16 kHz mono 16-bit audio
_HEADER = struct.Struct(">16sI")
_LENGTH = struct.Struct(">I")
_MAX_CHUNK = 16 * 1024 * 1024
_TAG = 16  # the GCM tag after each chunk's ciphertext


class SealedFileError(WorkbenchError):
    """The file cannot be opened as it is; the message says why."""


def _file_cipher(master_key: bytes, salt: bytes) -> AESGCM:
    if len(master_key) != 32:
        raise ValueError("the master key must be 32 bytes")
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"workbench sealed file v1").derive(
        master_key
    )
    return AESGCM(key)


def _nonce(index: int) -> bytes:
    return b"\x00" * 8 + index.to_bytes(4, "big")


def _aad(header: bytes, index: int, final: bool) -> bytes:
    return header + index.to_bytes(4, "big") + (b"\x01" if final else b"\x00")


class SealedWriter:
    """Write a sealed file incrementally: ``write`` buffers, full chunks are sealed and flushed."""

    def __init__(self, path: Path, master_key: bytes, chunk_size: int = CHUNK) -> None:
        if not 0 < chunk_size <= _MAX_CHUNK:
            raise ValueError("chunk size out of range")
        self.path = path
        self._chunk = chunk_size
        salt = os.urandom(16)
        self._header = MAGIC + _HEADER.pack(salt, chunk_size)
        self._cipher = _file_cipher(master_key, salt)
        self._buffer = bytearray()
        self._index = 0
        self._failed = False
        # "x": never replace an existing file (an earlier part of a take, say) by accident.
        self._file: BinaryIO = path.open("xb")
        self._file.write(self._header)
        self._file.flush()

    def fileno(self) -> int:
        return self._file.fileno()

    @property
    def closed(self) -> bool:
        return self._file.closed

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) >= self._chunk:
            self._seal(bytes(self._buffer[: self._chunk]), final=False)
            del self._buffer[: self._chunk]

    def _seal(self, plain: bytes, final: bool) -> None:
        if self._failed:
            raise OSError("an earlier write to this sealed file failed; it takes no more")
        sealed = self._cipher.encrypt(_nonce(self._index), plain, _aad(self._header, self._index, final))
        # Counted before writing: a nonce is used once even if the write fails. After a failed
        # write (a full disk) nothing more is sealed: a retry would put other plaintext under a
        # nonce whose ciphertext may be partly on disk already.
        self._index += 1
        try:
            self._file.write(_LENGTH.pack(len(sealed)) + sealed)
            self._file.flush()
        except BaseException:
            self._failed = True
            raise

    def sync(self) -> None:
        """Push the sealed chunks to the disk (what is still buffered stays in memory)."""
        if not self._file.closed:
            os.fsync(self._file.fileno())

    def close(self) -> None:
        """Seal what is buffered as the final chunk; the file is then complete."""
        if self._file.closed:
            return
        try:
            if not self._failed:
                self._seal(bytes(self._buffer), final=True)
                self._buffer.clear()
                os.fsync(self._file.fileno())
        finally:
            # Even when the disk refuses the last chunk: what was sealed before stays readable.
            self._file.close()

    def __enter__(self) -> SealedWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()


def read_sealed(path: Path, master_key: bytes, allow_incomplete: bool = False) -> bytes:
    """The plain content. ``allow_incomplete`` recovers the sealed chunks of a file cut off by a crash."""
    data = path.read_bytes()
    head = len(MAGIC) + _HEADER.size
    if len(data) < head or not data.startswith(MAGIC):
        raise SealedFileError(f"{path.name} is not a sealed workbench file.")
    header = data[:head]
    salt, _chunk = _HEADER.unpack(data[len(MAGIC) : head])
    cipher = _file_cipher(master_key, salt)
    bodies: list[bytes] = []
    offset = head
    while offset + _LENGTH.size <= len(data):
        (length,) = _LENGTH.unpack_from(data, offset)
        if offset + _LENGTH.size + length > len(data):
            break
        bodies.append(data[offset + _LENGTH.size : offset + _LENGTH.size + length])
        offset += _LENGTH.size + length
    out = bytearray()
    complete = False
    for index, body in enumerate(bodies):
        last = index == len(bodies) - 1
        try:
            if last:
                try:
                    out += cipher.decrypt(_nonce(index), body, _aad(header, index, final=True))
                    complete = offset == len(data)
                    continue
                except InvalidTag:
                    pass
            out += cipher.decrypt(_nonce(index), body, _aad(header, index, final=False))
        except InvalidTag:
            raise SealedFileError(
                f"{path.name} cannot be decrypted at chunk {index}: wrong key, or the file was changed."
            ) from None
    if not complete and not allow_incomplete:
        raise SealedFileError(
            f"{path.name} was not closed (the program stopped while writing it); open it with "
            "recovery to read what was saved."
        )
    return bytes(out)


class SealedReader:
    """Random access to what a sealed file holds, decrypting only the chunks a read needs.

    For playing a sentence from a long recording. It reads what was sealed, as
    ``read_sealed(allow_incomplete=True)`` does, but checks only the chunks it decrypts: use
    :func:`read_sealed` where the whole file must be vouched for (a digest).
    """

    def __init__(self, path: Path, master_key: bytes) -> None:
        self.path = path
        head = len(MAGIC) + _HEADER.size
        with path.open("rb") as handle:
            header = handle.read(head)
            if len(header) < head or not header.startswith(MAGIC):
                raise SealedFileError(f"{path.name} is not a sealed workbench file.")
            salt, chunk = _HEADER.unpack(header[len(MAGIC) :])
            size = os.fstat(handle.fileno()).st_size
            bodies: list[tuple[int, int]] = []
            offset = head
            while offset + _LENGTH.size <= size:
                handle.seek(offset)
                (length,) = _LENGTH.unpack(handle.read(_LENGTH.size))
                if offset + _LENGTH.size + length > size:
                    break  # cut off by a crash
                bodies.append((offset + _LENGTH.size, length))
                offset += _LENGTH.size + length
        if not 0 < chunk <= _MAX_CHUNK or any(length != chunk + _TAG for _, length in bodies[:-1]):
            raise SealedFileError(f"{path.name} is damaged: its chunks are not the size it declares.")
        self._header = header
        self._chunk = chunk
        self._bodies = bodies
        self._cipher = _file_cipher(master_key, salt)
        self.size = sum(max(0, length - _TAG) for _, length in bodies)

    def _chunk_plain(self, handle: BinaryIO, index: int) -> bytes:
        offset, length = self._bodies[index]
        handle.seek(offset)
        body = handle.read(length)
        if index == len(self._bodies) - 1:
            with contextlib.suppress(InvalidTag):
                return self._cipher.decrypt(_nonce(index), body, _aad(self._header, index, final=True))
        try:
            return self._cipher.decrypt(_nonce(index), body, _aad(self._header, index, final=False))
        except InvalidTag:
            raise SealedFileError(
                f"{self.path.name} cannot be decrypted at chunk {index}: wrong key, or the file was changed."
            ) from None

    def read(self, start: int, end: int) -> bytes:
        """The plain bytes ``[start, end)`` (fewer past the end)."""
        start, end = max(0, start), min(end, self.size)
        if start >= end:
            return b""
        first, last = start // self._chunk, (end - 1) // self._chunk
        with self.path.open("rb") as handle:
            plain = b"".join(self._chunk_plain(handle, i) for i in range(first, last + 1))
        base = first * self._chunk
        return plain[start - base : end - base]
