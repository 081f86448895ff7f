"""Auditor statistics on a fixture with known decisions equal hand-computed values."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.conftest import make_actor
from tests.services.coded_notes import PASSWORD, signed_note
from workbench.security.roles import Actor, PermissionDenied
from workbench.services import audit_stats
from workbench.services import coding_review as review
from workbench.services.errors import InvalidInput
from workbench.store.database import Database
from workbench.store.models import AuditEvent, Role


class Coded:
    def __init__(self, coder1: Actor, coder2: Actor, auditor: Actor, notes: list[int]) -> None:
        self.coder1, self.coder2, self.auditor, self.notes = coder1, coder2, auditor, notes


@pytest.fixture
def coded(db: Database) -> Coded:
    """Three signed notes (suggestions E11.9, I10, E78.5, R73.9 and a negated J18.9 each)."""
    physician = make_actor(db, Role.PHYSICIAN, "drhouse")
    coder1 = make_actor(db, Role.CODER, "coder1")
    coder2 = make_actor(db, Role.CODER, "coder2")
    auditor = make_actor(db, Role.AUDITOR)
    n1, s1 = signed_note(db, physician, "M-1", dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC))
    n2, s2 = signed_note(db, physician, "M-2", dt.datetime(2026, 3, 11, 12, tzinfo=dt.UTC))
    n3, s3 = signed_note(db, physician, "M-3", dt.datetime(2026, 4, 1, 12, tzinfo=dt.UTC))
    # Note 1, coder1: 2 accepted, 1 rejected, 1 dismissed, Z09 added; 30 s.
    review.decide(db, coder1, n1, s1[0], "accept", seconds_spent=10)
    review.decide(db, coder1, n1, s1[1], "accept", seconds_spent=5)
    review.decide(db, coder1, n1, s1[2], "reject", "wrong_specificity", seconds_spent=5)
    review.dismiss(db, coder1, n1, [s1[3]])
    review.add_code(db, coder1, n1, "Z09", seconds_spent=10)
    # Note 2, coder1: 1 accepted, 3 rejected (I10 first accepted, then rejected); 20 s.
    review.decide(db, coder1, n2, s2[0], "accept", seconds_spent=8)
    review.decide(db, coder1, n2, s2[1], "accept", seconds_spent=2)
    review.decide(db, coder1, n2, s2[1], "reject", "not_documented", seconds_spent=4)
    review.decide(db, coder1, n2, s2[2], "reject", "not_documented", seconds_spent=3)
    review.decide(db, coder1, n2, s2[3], "reject", "negated_ruled_out", seconds_spent=3)
    # Note 3, coder2: everything accepted; 40 s.
    for sid in s3[:4]:
        review.decide(db, coder2, n3, sid, "accept", seconds_spent=10)
    return Coded(coder1, coder2, auditor, [n1, n2, n3])


def test_statistics_equal_hand_computed_values(db: Database, coded: Coded) -> None:
    stats = audit_stats.coding_stats(db, coded.auditor)
    one, two = stats.coders
    assert (one.coder, two.coder) == ("coder1", "coder2")
    assert (one.notes, one.suggestions, one.decided) == (2, 8, 8)
    assert (one.accepted, one.rejected, one.dismissed, one.added) == (3, 4, 1, 1)
    assert one.acceptance_rate == pytest.approx(3 / 8)
    # S ∩ F: {E11.9, I10} on note 1 and {E11.9} on note 2; |S| = 8; |F| = 3 + 1.
    assert one.precision == pytest.approx(3 / 8) and one.recall == pytest.approx(3 / 4)
    assert one.most_rejected == (("E78.5", 2), ("I10", 1), ("R73.9", 1))
    assert one.reject_reasons == (("not_documented", 2), ("negated_ruled_out", 1), ("wrong_specificity", 1))
    assert one.seconds_total == 50 and one.mean_seconds_per_note == 25 and one.median_seconds_per_note == 25
    assert (two.notes, two.accepted, two.acceptance_rate, two.precision, two.recall) == (1, 4, 1.0, 1.0, 1.0)
    assert two.most_rejected == () and two.mean_seconds_per_note == 40

    overall = stats.overall
    assert overall.coder_id is None and overall.notes == 3 and overall.decided == 12
    assert overall.acceptance_rate == pytest.approx(7 / 12)
    assert overall.precision == pytest.approx(7 / 12) and overall.recall == pytest.approx(7 / 8)
    assert overall.mean_seconds_per_note == 30 and overall.median_seconds_per_note == 30

    march = audit_stats.coding_stats(db, coded.auditor, until=dt.date(2026, 3, 31), top=1)
    assert [c.coder for c in march.coders] == ["coder1"] and march.overall.most_rejected == (("E78.5", 2),)


def test_only_finalised_notes_and_the_signer_owns_the_note(db: Database, coded: Coded) -> None:
    n3 = coded.notes[2]
    assert audit_stats.coding_stats(db, coded.auditor, finalised_only=True).overall.notes == 0
    review.finalise(db, coded.coder2, n3, PASSWORD)
    stats = audit_stats.coding_stats(db, coded.auditor, finalised_only=True)
    assert [c.coder for c in stats.coders] == ["coder2"] and stats.overall.notes == 1


def test_the_audit_sample_is_seeded_per_coder_and_audited(db: Database, coded: Coded) -> None:
    n1, n2, n3 = coded.notes
    first = audit_stats.audit_sample(db, coded.auditor, 1, seed=42, finalised_only=False)
    again = audit_stats.audit_sample(db, coded.auditor, 1, seed=42, finalised_only=False)
    assert first == again
    assert [s.coder for s in first] == ["coder1", "coder2"]
    assert first[0].note_id in (n1, n2) and first[1].note_id == n3
    drawn = {
        audit_stats.audit_sample(db, coded.auditor, 1, seed=s, finalised_only=False)[0].note_id
        for s in range(20)
    }
    assert drawn == {n1, n2}
    everything = audit_stats.audit_sample(db, coded.auditor, 5, seed=1, finalised_only=False)
    assert [s.note_id for s in everything] == [n1, n2, n3]
    assert audit_stats.audit_sample(db, coded.auditor, 5, seed=1) == ()
    with db.session() as session:
        event = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "audit.sample_drawn").order_by(AuditEvent.id)
        ).first()
        assert (
            event is not None
            and event.detail["seed"] == 42
            and event.detail["note_ids"] == [s.note_id for s in first]
        )


def test_only_auditors_see_statistics(db: Database, coded: Coded) -> None:
    with pytest.raises(PermissionDenied):
        audit_stats.coding_stats(db, coded.coder1)
    with pytest.raises(PermissionDenied):
        audit_stats.audit_sample(db, coded.coder1, 1, seed=1)
    with pytest.raises(InvalidInput):
        audit_stats.audit_sample(db, coded.auditor, 0)
