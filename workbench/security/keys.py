"""Each user's Ed25519 signing key, sealed under their password.

The private key never leaves the database unencrypted: it is stored as AES-256-GCM ciphertext
under a key derived from the user's password with Argon2id (raw hash, argon2-cffi's low-level
API; the parameters and salt are stored with it so they can be raised later). The associated
data binds the ciphertext to its public key's fingerprint, so a sealed key cannot be swapped
between rows unnoticed. The fingerprint is the SHA-256 of the raw 32-byte public key, in hex.

Every public key a user ever had stays in ``public_keys`` (retired keys get ``retired_at``), so
signatures made before a rotation still verify.

- Password change (the user knows the old password): the same key pair is re-sealed under the
  new password; nothing else changes.
- Password reset by an administrator: the old password is not known, so the old private key
  cannot be unsealed. A new key pair is issued and the old public key is retired (kept for
  verification). Signatures made before the reset still verify against the retired key.
- Rotation on request: a new pair, the old public key retired.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.errors import WorkbenchError
from workbench.security.audit import record_event
from workbench.security.roles import Actor
from workbench.store.models import PublicKey, User, utcnow

ALGORITHM = "Ed25519"
CIPHER = "AES-256-GCM"
KDF = "argon2id"
# RFC 9106's second recommended option, as argon2-cffi's PasswordHasher uses by default.
KDF_TIME_COST = 3
KDF_MEMORY_KIB = 65536
KDF_PARALLELISM = 4
_AAD_PREFIX = b"workbench signing key v1|"


class WrongPassword(WorkbenchError):
    """The password does not open the signing key; nothing was signed."""


class NoSigningKey(WorkbenchError):
    """The user has no signing key (an account created before signing existed)."""


@dataclass(frozen=True)
class SealedKey:
    public_key: bytes
    fingerprint: str
    encrypted: bytes  # 12-byte nonce, then ciphertext and tag
    kdf: dict[str, Any]


def fingerprint(public_key: bytes) -> str:
    return hashlib.sha256(public_key).hexdigest()


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def load_public_key(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


def _derive(password: str, kdf: dict[str, Any]) -> bytes:
    if kdf.get("kdf") != KDF or kdf.get("cipher") != CIPHER:
        raise NoSigningKey(
            f"The signing key uses {kdf.get('kdf')}/{kdf.get('cipher')}, which this version cannot open."
        )
    return hash_secret_raw(
        password.encode("utf-8"),
        bytes.fromhex(kdf["salt"]),
        time_cost=int(kdf["t"]),
        memory_cost=int(kdf["m"]),
        parallelism=int(kdf["p"]),
        hash_len=32,
        type=Type.ID,
    )


def seal(private_key: Ed25519PrivateKey, password: str) -> SealedKey:
    """Encrypt a private key under a fresh salt and nonce."""
    public = public_bytes(private_key.public_key())
    print_ = fingerprint(public)
    kdf: dict[str, Any] = {
        "kdf": KDF,
        "t": KDF_TIME_COST,
        "m": KDF_MEMORY_KIB,
        "p": KDF_PARALLELISM,
        "salt": os.urandom(16).hex(),
        "cipher": CIPHER,
    }
    nonce = os.urandom(12)
    raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    encrypted = nonce + AESGCM(_derive(password, kdf)).encrypt(nonce, raw, _AAD_PREFIX + print_.encode())
    return SealedKey(public, print_, encrypted, kdf)


def new_key(password: str) -> tuple[Ed25519PrivateKey, SealedKey]:
    private_key = Ed25519PrivateKey.generate()
    return private_key, seal(private_key, password)


def unseal(encrypted: bytes, kdf: dict[str, Any], key_fingerprint: str, password: str) -> Ed25519PrivateKey:
    try:
        raw = AESGCM(_derive(password, kdf)).decrypt(
            encrypted[:12], encrypted[12:], _AAD_PREFIX + key_fingerprint.encode()
        )
    except InvalidTag:
        raise WrongPassword("The password is wrong; nothing was signed.") from None
    private_key = Ed25519PrivateKey.from_private_bytes(raw)
    if fingerprint(public_bytes(private_key.public_key())) != key_fingerprint:
        raise NoSigningKey("The stored signing key does not match its public key; ask an administrator.")
    return private_key


# ---- the database side ----------------------------------------------------------------------


def install_key(session: Session, actor: Actor, user: User, sealed: SealedKey, reason: str) -> PublicKey:
    """Make ``sealed`` the user's current key; retire the previous public key (kept for verification)."""
    now = utcnow()
    previous = user.key_fingerprint
    if previous is not None:
        old = session.scalar(select(PublicKey).where(PublicKey.fingerprint == previous))
        if old is not None and old.retired_at is None:
            old.retired_at = now
            old.retired_reason = reason[:40]
    key = PublicKey(
        user_id=user.id,
        algorithm=ALGORITHM,
        public_key=sealed.public_key,
        fingerprint=sealed.fingerprint,
        created_at=now,
    )
    session.add(key)
    user.key_fingerprint = sealed.fingerprint
    user.private_key_encrypted = sealed.encrypted
    user.private_key_kdf = sealed.kdf
    session.flush()
    # Verification checks that every key it trusts was recorded here, so a key slipped into
    # the table later (to forge signatures) stands out.
    record_event(
        session,
        actor,
        "key.created",
        "public_key",
        sealed.fingerprint,
        after={"user_id": user.id, "fingerprint": sealed.fingerprint, "algorithm": ALGORITHM},
        detail={"user_id": user.id, "reason": reason, "replaces": previous},
    )
    return key


def issue_key(session: Session, actor: Actor, user: User, password: str, reason: str) -> PublicKey:
    _private, sealed = new_key(password)
    return install_key(session, actor, user, sealed, reason)


def unlock(user: User, password: str) -> Ed25519PrivateKey:
    """The user's current private key, opened with their password."""
    if user.key_fingerprint is None or user.private_key_encrypted is None or user.private_key_kdf is None:
        raise NoSigningKey(
            f"{user.username} has no signing key yet. Change the password once (or ask an "
            "administrator to reset it) to create one."
        )
    return unseal(user.private_key_encrypted, user.private_key_kdf, user.key_fingerprint, password)


def reseal_for_new_password(
    session: Session, actor: Actor, user: User, old_password: str, new_password: str
) -> None:
    """Password change: keep the key pair, seal it under the new password.

    An account without a key (or whose key cannot be opened) gets a new pair instead.
    """
    try:
        private_key = unlock(user, old_password)
    except (NoSigningKey, WrongPassword):
        issue_key(session, actor, user, new_password, "password change")
        return
    sealed = seal(private_key, new_password)
    user.private_key_encrypted = sealed.encrypted
    user.private_key_kdf = sealed.kdf
    record_event(
        session, actor, "key.resealed", "public_key", sealed.fingerprint, detail={"user_id": user.id}
    )
