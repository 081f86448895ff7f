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
        self._file: BinaryIO = path.open("wb")
        self._file.write(self._header)
        self._file.flush()

    def write(self, data: bytes) -> None:
        self._buffer += data
        while len(self._buffer) >= self._chunk:
            self._seal(bytes(self._buffer[: self._chunk]), final=False)
            del self._buffer[: self._chunk]

    def _seal(self, plain: bytes, final: bool) -> None:
        sealed = self._cipher.encrypt(_nonce(self._index), plain, _aad(self._header, self._index, final))
        self._file.write(_LENGTH.pack(len(sealed)) + sealed)
        self._file.flush()
        self._index += 1

    def close(self) -> None:
        """Seal what is buffered as the final chunk; the file is then complete."""
        if self._file.closed:
            return
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()
        os.fsync(self._file.fileno())
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
