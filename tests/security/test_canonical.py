"""Properties of the canonical form and of signatures over it (hypothesis)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import unicodedata
from typing import Any, Literal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbench.security.keys import new_key
from workbench.security.signing import (
    NotCanonical,
    canonical,
    content_digest,
    normalise,
    sign_digest,
    signature_valid,
)
from workbench.services.signing import note_content

PRIVATE, _SEALED = new_key("a password for the property tests")
PUBLIC = PRIVATE.public_key()

scalars = st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63) | st.text(max_size=30)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=15,
)
objects = st.dictionaries(st.text(max_size=8), values, max_size=6)


def _map_strings(value: Any, form: Literal["NFC", "NFD"]) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize(form, value)
    if isinstance(value, dict):
        return {unicodedata.normalize(form, k): _map_strings(v, form) for k, v in value.items()}
    if isinstance(value, list):
        return [_map_strings(v, form) for v in value]
    return value


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_shuffled(v, rng) for v in value]
    return value


def _has_key_collisions(value: Any) -> bool:
    if isinstance(value, dict):
        keys = [unicodedata.normalize("NFC", k) for k in value]
        return len(set(keys)) != len(keys) or any(_has_key_collisions(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_key_collisions(v) for v in value)
    return False


@given(objects, st.randoms(use_true_random=False))
def test_key_order_does_not_matter(content: dict[str, Any], rng: random.Random) -> None:
    assume(not _has_key_collisions(content))
    assert canonical(_shuffled(content, rng)) == canonical(content)


@given(objects, st.sampled_from(["NFC", "NFD"]))
def test_canonically_equivalent_text_gives_the_same_bytes(
    content: dict[str, Any], form: Literal["NFC", "NFD"]
) -> None:
    """Documented choice: NFC of every string, so NFC and NFD spellings sign the same."""
    assume(not _has_key_collisions(content))
    assert canonical(_map_strings(content, form)) == canonical(content)


def test_compatibility_forms_are_different_text() -> None:
    # NFKC would fold these; the canonical form does not, since they can differ in meaning.
    assert canonical({"t": "ﬁ"}) != canonical({"t": "fi"})
    assert canonical({"t": "x²"}) != canonical({"t": "x2"})
    assert canonical({"t": "e\u0301"}) == canonical({"t": "é"})


@given(objects)
def test_the_form_is_compact_sorted_nfc_utf8_json(content: dict[str, Any]) -> None:
    assume(not _has_key_collisions(content))
    data = canonical(content)
    text = data.decode("utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert json.loads(text) == normalise(content)
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("bad", [1.5, float("nan"), b"bytes", {1: "int key"}, object()])
def test_values_without_a_portable_form_are_refused(bad: object) -> None:
    with pytest.raises(NotCanonical):
        canonical({"v": bad})


@settings(max_examples=200)
@given(objects, st.data())
def test_any_single_byte_change_to_the_signed_bytes_fails(
    content: dict[str, Any], data: st.DataObject
) -> None:
    assume(not _has_key_collisions(content))
    signed = canonical(content)
    digest = content_digest(content)
    signature = sign_digest(PRIVATE, digest)
    assert signature_valid(PUBLIC, digest, signature)
    index = data.draw(st.integers(0, len(signed) - 1))
    replacement = data.draw(st.integers(0, 255).filter(lambda b: b != signed[index]))
    changed = signed[:index] + bytes([replacement]) + signed[index + 1 :]
    assert not signature_valid(PUBLIC, hashlib.sha256(changed).hexdigest(), signature)


WHEN = dt.datetime(2026, 11, 23, 9, 30, 0, 123456, tzinfo=dt.UTC)


@settings(max_examples=200)
@given(st.text(min_size=1, max_size=200), st.data())
def test_any_single_byte_change_to_a_note_text_fails(text: str, data: st.DataObject) -> None:
    original = note_content(7, 3, "M-1", 2, "drgrey", 4, WHEN, text)
    digest = content_digest(original)
    signature = sign_digest(PRIVATE, digest)
    raw = text.encode("utf-8")
    index = data.draw(st.integers(0, len(raw) - 1))
    replacement = data.draw(st.integers(0, 255).filter(lambda b: b != raw[index]))
    try:
        changed = (raw[:index] + bytes([replacement]) + raw[index + 1 :]).decode("utf-8")
    except UnicodeDecodeError:
        return  # not storable as text: the database would refuse it before verification
    # Canonically equivalent text is, by the documented choice, the same signed text.
    assume(unicodedata.normalize("NFC", changed) != unicodedata.normalize("NFC", text))
    tampered = content_digest(note_content(7, 3, "M-1", 2, "drgrey", 4, WHEN, changed))
    assert tampered != digest
    assert not signature_valid(PUBLIC, tampered, signature)


@given(st.integers(1, 10**9), st.integers(1, 10**9), st.text(min_size=1, max_size=12))
def test_each_identifying_field_is_covered(note_id: int, encounter_id: int, mrn: str) -> None:
    base = content_digest(note_content(note_id, encounter_id, mrn, 2, "drgrey", 4, WHEN, "text"))
    assert base != content_digest(note_content(note_id + 1, encounter_id, mrn, 2, "drgrey", 4, WHEN, "text"))
    assert base != content_digest(note_content(note_id, encounter_id + 1, mrn, 2, "drgrey", 4, WHEN, "text"))
    assert base != content_digest(
        note_content(note_id, encounter_id, mrn + "0", 2, "drgrey", 4, WHEN, "text")
    )
    assert base != content_digest(note_content(note_id, encounter_id, mrn, 3, "drgrey", 4, WHEN, "text"))
    assert base != content_digest(note_content(note_id, encounter_id, mrn, 2, "drgrey", 5, WHEN, "text"))
    later = WHEN + dt.timedelta(microseconds=1)
    assert base != content_digest(note_content(note_id, encounter_id, mrn, 2, "drgrey", 4, later, "text"))
