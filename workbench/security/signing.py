"""The canonical form of what is signed, its digest, and Ed25519 signatures over it.

Canonical form (scheme ``workbench-v1``): a JSON object with sorted keys, no insignificant
whitespace, non-ASCII characters written as themselves, encoded as UTF-8. Before serialising,
every string (keys and values, at any depth) is put in Unicode Normalization Form C, so text that
an editor, an operating system or a database stored in another normalisation form (decomposed
``e`` + combining acute instead of ``é``) gives the same digest: canonically equivalent text is
the same signed text. Timestamps are ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` in UTC. Floats and NaN are
not allowed in signed content (their text form is not portable); integers, strings, booleans,
null, lists and objects are.

The digest is SHA-256 of the canonical bytes. The Ed25519 signature is over the scheme name, a
NUL byte and the 32-byte digest, so a signature cannot be replayed under another scheme.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

SCHEME = "workbench-v1"
ALGORITHM = "Ed25519"
_PREFIX = SCHEME.encode("ascii") + b"\x00"


class NotCanonical(ValueError):
    """A value that has no canonical form (a float, NaN, bytes, an object)."""


def normalise(value: Any) -> Any:
    """NFC for every string at any depth; refuses what has no portable text form."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                raise NotCanonical(f"object keys must be strings, not {type(key).__name__}")
            nkey = unicodedata.normalize("NFC", key)
            if nkey in out:
                raise NotCanonical(f"two keys normalise to {nkey!r}")
            out[nkey] = normalise(item)
        return out
    if isinstance(value, list | tuple):
        return [normalise(item) for item in value]
    raise NotCanonical(f"{type(value).__name__} values cannot be signed")


def canonical(content: Mapping[str, Any]) -> bytes:
    return json.dumps(
        normalise(content), sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8", "surrogatepass")


def content_digest(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def sign_digest(private_key: Ed25519PrivateKey, digest_hex: str) -> bytes:
    return private_key.sign(_PREFIX + bytes.fromhex(digest_hex))


def signature_valid(public_key: Ed25519PublicKey, digest_hex: str, signature: bytes) -> bool:
    try:
        public_key.verify(signature, _PREFIX + bytes.fromhex(digest_hex))
    except (InvalidSignature, ValueError):
        return False
    return True
