"""The coder's worklist, note review and decisions, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.conftest import make_actor
from tests.services.coded_notes import PASSWORD, PLAN, TEXT, signed_note
from workbench.security.roles import Actor, PermissionDenied
from workbench.services import coding_review as review
from workbench.services import encounters, patients, signing
from workbench.services.errors import InvalidInput, NoteLocked, NotFound
from workbench.store.database import Database
from workbench.store.models import AuditEvent, CodeSuggestion, CodingDecision, DecisionAction, Role


@pytest.fixture
def physician(db: Database) -> Actor:
    return make_actor(db, Role.PHYSICIAN, "drhouse")


@pytest.fixture
def coder(db: Database) -> Actor:
    return make_actor(db, Role.CODER, "coder1")


def _events(db: Database, action: str) -> list[AuditEvent]:
    with db.session() as session:
        return list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
        )


def test_review_lists_suggestions_with_evidence_and_ruled_out_apart(
    db: Database, physician: Actor, coder: Actor
) -> None:
    note_id, ids = signed_note(db, physician)
    view = review.review_note(db, coder, note_id)
    assert view.text == TEXT and view.patient_mrn == "M-0001" and not view.coding_signed
    assert [s.code for s in view.suggestions] == ["E11.9", "I10", "E78.5", "R73.9"]
    assert [s.code for s in view.ruled_out] == ["J18.9"] and view.ruled_out[0].flags == ("negated",)
    first = view.suggestions[0]
    assert first.id == ids[0] and first.status == "unreviewed"
    for s in view.suggestions:
        for e in s.evidence:
            assert TEXT[e.start : e.end] == e.text
    assert [s.needs_review for s in view.suggestions] == [False, False, True, True]
    assert view.undecided == 4 and not view.ready_to_finalise
    assert _events(db, "note.viewed")[-1].actor_name == "coder1"


def test_a_draft_note_is_not_for_coding(db: Database, physician: Actor, coder: Actor) -> None:
    patient = patients.create_patient(
        db, physician, mrn="D1", given_name="A", family_name="B", date_of_birth=dt.date(1990, 1, 1), sex="M"
    )
    draft = encounters.start_encounter(db, physician, patient.id)
    assert draft.note_id is not None
    with pytest.raises(InvalidInput, match="draft"):
        review.review_note(db, coder, draft.note_id)
    assert review.worklist(db, coder).matching == 0


def test_decisions_are_stored_audited_and_the_latest_stands(
    db: Database, physician: Actor, coder: Actor
) -> None:
    note_id, ids = signed_note(db, physician)
    accepted = review.decide(db, coder, note_id, ids[0], "accept", seconds_spent=12.5)
    assert accepted.action is DecisionAction.ACCEPT and accepted.code == "E11.9"
    assert accepted.evidence[0].text == "Type 2 diabetes mellitus"
    review.decide(
        db, coder, note_id, ids[1], DecisionAction.REJECT, review.RejectReason.NOT_DOCUMENTED, None, 3
    )
    review.decide(db, coder, note_id, ids[1], "accept", seconds_spent=2)  # changed their mind
    review.decide(db, coder, note_id, ids[3], "reject", "other", "symptom of a coded condition", 4)
    view = review.review_note(db, coder, note_id)
    assert [s.status for s in view.suggestions] == ["accept", "accept", "unreviewed", "reject"]
    assert view.suggestions[3].decision is not None
    assert view.suggestions[3].decision.reason is review.RejectReason.OTHER
    assert view.final_codes == ("E11.9", "I10") and view.seconds_spent == 21.5
    events = _events(db, "coding.decided")
    assert [(e.detail["code"], e.detail["action"]) for e in events] == [
        ("E11.9", "accept"),
        ("I10", "reject"),
        ("I10", "accept"),
        ("R73.9", "reject"),
    ]
    assert events[1].detail["reason"] == "not_documented" and events[0].detail["seconds_spent"] == 12.5


@pytest.mark.parametrize(
    ("action", "reason", "text", "message"),
    [
        ("reject", None, None, "why"),
        ("reject", "other", "  ", "other"),
        ("reject", "bad reason", None, "Unknown reason"),
        ("accept", "duplicate", None, "no rejection reason"),
        ("add", None, None, "add_code"),
        ("maybe", None, None, "Unknown action"),
    ],
)
def test_invalid_decisions_are_refused(
    sqlite_db: Database, action: str, reason: str | None, text: str | None, message: str
) -> None:
    physician = make_actor(sqlite_db, Role.PHYSICIAN, "drhouse")
    coder = make_actor(sqlite_db, Role.CODER)
    note_id, ids = signed_note(sqlite_db, physician)
    with pytest.raises(InvalidInput, match=message):
        review.decide(sqlite_db, coder, note_id, ids[0], action, reason, text)
    with pytest.raises(NotFound):
        review.decide(sqlite_db, coder, note_id, 9999, "accept")
    with pytest.raises(InvalidInput, match="non-negative"):
        review.decide(sqlite_db, coder, note_id, ids[0], "accept", seconds_spent=-1)
    with sqlite_db.session() as session:
        assert session.scalars(select(CodingDecision)).first() is None


def test_adding_a_code_validates_it_against_the_catalog(db: Database, physician: Actor, coder: Actor) -> None:
    note_id, _ = signed_note(db, physician)
    start = TEXT.index("Follow-up")
    added = review.add_code(db, coder, note_id, "z09", [(start, start + 9)], seconds_spent=5)
    assert added.code == "Z09" and added.action is DecisionAction.ADD and added.suggestion_id is None
    assert added.evidence == (review.Evidence(start, start + 9, "Follow-up"),)
    with pytest.raises(InvalidInput, match="not an ICD-10-CM code"):
        review.add_code(db, coder, note_id, "Q99.99X")
    with pytest.raises(InvalidInput, match="category"):
        review.add_code(db, coder, note_id, "E11")
    with pytest.raises(InvalidInput, match="already suggested"):
        review.add_code(db, coder, note_id, "E119")
    with pytest.raises(InvalidInput, match="already among"):
        review.add_code(db, coder, note_id, "Z09")
    with pytest.raises(InvalidInput, match="outside"):
        review.add_code(db, coder, note_id, "Z79.4", [(0, len(TEXT) + 1)])
    view = review.review_note(db, coder, note_id)
    assert view.final_codes == ("Z09",) and [d.code for d in view.added] == ["Z09"]
    review.remove_added_code(db, coder, note_id, "Z09")
    assert review.review_note(db, coder, note_id).final_codes == ()


def test_bulk_dismissal_below_a_confidence(db: Database, physician: Actor, coder: Actor) -> None:
    note_id, ids = signed_note(db, physician)
    review.decide(db, coder, note_id, ids[3], "reject", "not_documented")
    dismissed = review.dismiss_below(db, coder, note_id, 0.7, seconds_spent=6)
    # R73.9 (0.2) already has a decision; E78.5 (0.41) and the negated J18.9 (0.6) are dismissed.
    assert [d.code for d in dismissed] == ["E78.5", "J18.9"]
    assert [d.seconds_spent for d in dismissed] == [6, 0]
    assert all(d.action is DecisionAction.DISMISS for d in dismissed)
    view = review.review_note(db, coder, note_id)
    assert [s.status for s in view.suggestions] == ["unreviewed", "unreviewed", "dismiss", "reject"]
    assert len(_events(db, "coding.decided")) == 3


def test_finalising_waits_for_every_suggestion_then_locks_the_coding(
    db: Database, physician: Actor, coder: Actor
) -> None:
    note_id, ids = signed_note(db, physician)
    review.decide(db, coder, note_id, ids[0], "accept")
    assert not review.ready_to_finalise(db, coder, note_id)
    with pytest.raises(InvalidInput, match="Decide every suggestion"):
        review.finalise(db, coder, note_id, PASSWORD)
    review.decide(db, coder, note_id, ids[1], "accept")
    review.dismiss(db, coder, note_id, [ids[2], ids[3]])
    # The negated suggestion is listed apart and need not be decided.
    assert review.ready_to_finalise(db, coder, note_id)
    assert review.worklist(db, coder).matching == 1
    sig = review.finalise(db, coder, note_id, PASSWORD)
    assert sig.entity_type == "coding"
    assert signing.verify_note(db, coder, note_id).ok
    with pytest.raises(NoteLocked):
        review.decide(db, coder, note_id, ids[2], "accept")
    with pytest.raises(NoteLocked):
        review.add_code(db, coder, note_id, "Z09")
    with pytest.raises(NoteLocked):
        review.dismiss_below(db, coder, note_id, 1.0)
    view = review.review_note(db, coder, note_id)
    assert view.coding_signed and not view.ready_to_finalise and view.final_codes == ("E11.9", "I10")
    assert review.worklist(db, coder).matching == 0


def test_auditors_read_and_physicians_do_neither(db: Database, physician: Actor) -> None:
    note_id, ids = signed_note(db, physician)
    auditor = make_actor(db, Role.AUDITOR)
    assert review.review_note(db, auditor, note_id).note_id == note_id
    assert review.worklist(db, auditor).matching == 1
    attempts = [
        lambda: review.decide(db, auditor, note_id, ids[0], "accept"),
        lambda: review.add_code(db, auditor, note_id, "Z09"),
        lambda: review.dismiss_below(db, auditor, note_id, 0.5),
        lambda: review.dismiss(db, auditor, note_id, ids),
        lambda: review.finalise(db, auditor, note_id, PASSWORD),
        lambda: review.review_note(db, physician, note_id),
        lambda: review.worklist(db, physician),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()


def test_worklist_filters_and_counts(db: Database, physician: Actor, coder: Actor) -> None:
    colleague = make_actor(db, Role.PHYSICIAN, "drwilson")
    march = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
    april = dt.datetime(2026, 4, 2, 12, 0, tzinfo=dt.UTC)
    calm = tuple(p for p in PLAN if p.confidence >= 0.5 and not p.flags)
    first, _ = signed_note(db, physician, "M-1", march)
    second, _ = signed_note(db, physician, "M-2", april, plan=calm)
    third, third_ids = signed_note(db, colleague, "M-3", april, plan=calm)
    review.decide(db, coder, third, third_ids[0], "accept")

    everything = review.worklist(db, coder)
    assert (everything.matching, everything.waiting, everything.needs_review) == (3, 3, 1)
    by_note = {i.note_id: i for i in everything.items}
    assert by_note[first].needs_review and not by_note[second].needs_review
    # The negated pneumonia is listed apart on the review screen and needs no decision.
    assert (by_note[first].suggestions, by_note[third].suggestions, by_note[third].decided) == (4, 2, 1)
    assert by_note[first].clinician == "Test physician" and by_note[first].patient_mrn == "M-1"

    mine = review.worklist(db, coder, clinician_id=physician.user_id)
    assert {i.note_id for i in mine.items} == {first, second}
    assert [i.note_id for i in review.worklist(db, coder, since=dt.date(2026, 4, 1)).items] == [second, third]
    assert [i.note_id for i in review.worklist(db, coder, until=dt.date(2026, 3, 31)).items] == [first]
    flagged = review.worklist(db, coder, only_needs_review=True)
    assert [i.note_id for i in flagged.items] == [first] and flagged.matching == 1
    page = review.worklist(db, coder, limit=2, offset=2)
    assert len(page.items) == 1 and page.matching == 3


def test_paging_after_the_last_row_skips_nothing_when_a_colleague_finalises(
    db: Database, physician: Actor, coder: Actor
) -> None:
    day = dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
    calm = tuple(p for p in PLAN if p.confidence >= 0.5 and not p.flags)
    made = [signed_note(db, physician, f"K-{i}", day, plan=calm) for i in range(4)]
    first = review.worklist(db, coder, limit=2)
    assert [i.note_id for i in first.items] == [made[0][0], made[1][0]]
    # A colleague finalises the first note while this coder reads the first page.
    note_id, ids = made[0]
    for suggestion_id in ids:
        review.decide(db, coder, note_id, suggestion_id, "accept")
    review.finalise(db, coder, note_id, PASSWORD)
    last = first.items[-1]
    assert last.signed_at is not None
    rest = review.worklist(db, coder, limit=2, after=(last.signed_at, last.note_id))
    assert [i.note_id for i in rest.items] == [made[2][0], made[3][0]]


def test_only_the_latest_computation_counts(db: Database, physician: Actor, coder: Actor) -> None:
    note_id, ids = signed_note(db, physician)
    with db.session() as session:
        old = session.get(CodeSuggestion, ids[0])
        assert old is not None
        session.add(
            CodeSuggestion(
                note_id=note_id,
                note_version=old.note_version,
                rank=0,
                code="E11.9",
                title=old.title,
                score=0.95,
                confidence=0.95,
                evidence=old.evidence,
                flags={},
                reason="retrained",
                model_version="test-2",
            )
        )
    view = review.review_note(db, coder, note_id)
    assert [(s.code, s.model_version) for s in view.suggestions] == [("E11.9", "test-2")]
    assert view.ruled_out == ()
    item = review.worklist(db, coder).items[0]
    assert (item.suggestions, item.needs_review) == (1, False)
    assert review.worklist(db, coder).needs_review == 0
    with pytest.raises(NotFound):
        review.dismiss(db, coder, note_id, [ids[1]])
    with pytest.raises(InvalidInput, match="newer computation"):
        review.decide(db, coder, note_id, ids[0], "accept")
