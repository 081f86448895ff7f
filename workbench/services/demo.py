"""The demo installation: synthetic patients, one user per role, a few encounters with notes.

Everything here is generated (Faker with a fixed seed) or written for the demo; no real
patient data, ever. The same seed gives the same people, names and notes.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from faker import Faker
from sqlalchemy import func, insert, select

from workbench.security.audit import record_event
from workbench.security.roles import SYSTEM, Actor
from workbench.services import encounters, notes, signing, users
from workbench.services.errors import Conflict
from workbench.store.database import Database
from workbench.store.models import Patient, Role, utcnow

SEED = 20261123
PATIENTS = 2_000
SIGNED_NOTES = 8
DEMO_ADDENDUM = (
    "Addendum: home BP log reviewed by phone, average 136/84 on the new dose. No change to the plan.\n"
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    role: Role
    password: str


DEMO_USERS = (
    DemoUser("drgrey", "Dr. Meredith Grey", Role.PHYSICIAN, "physician-demo"),
    DemoUser("coder", "Carla Coder", Role.CODER, "coder-demo"),
    DemoUser("auditor", "Arturo Auditor", Role.AUDITOR, "auditor-demo"),
    DemoUser("admin", "Ada Admin", Role.ADMIN, "admin-demo"),
)

# Short synthetic notes written for the demo (no real cases).
DEMO_NOTES = (
    (
        "follow-up",
        "Hypertension follow-up",
        "SUBJECTIVE:\nPatient returns for follow-up of essential hypertension. Reports good adherence to "
        "lisinopril 20 mg daily. Denies chest pain, shortness of breath or headaches.\n\nOBJECTIVE:\n"
        "BP 142/88, HR 76. Lungs clear. No edema.\n\nASSESSMENT:\nEssential hypertension, not at goal.\n\n"
        "PLAN:\nIncrease lisinopril to 40 mg daily. Recheck BP in 4 weeks. Low-salt diet reviewed.\n",
    ),
    (
        "office visit",
        "Diabetes review",
        "SUBJECTIVE:\nType 2 diabetes mellitus with diabetic chronic kidney disease. Home glucose 140-180. "
        "No hypoglycemia.\n\nOBJECTIVE:\nHbA1c 8.1 %. eGFR 52. Monofilament normal.\n\nASSESSMENT:\n"
        "Type 2 diabetes with CKD stage 3a, suboptimal control.\n\nPLAN:\nStart empagliflozin 10 mg. "
        "Continue metformin. Nephrology referral. Recheck HbA1c in 3 months.\n",
    ),
    (
        "urgent care",
        "Cough and fever",
        "SUBJECTIVE:\nThree days of productive cough and fever to 38.6 C. Former smoker. No recent travel.\n\n"
        "OBJECTIVE:\nT 38.2, SpO2 94 % on room air. Crackles right lower lobe. Chest X-ray: right lower lobe "
        "infiltrate.\n\nASSESSMENT:\nCommunity-acquired pneumonia, right lower lobe.\n\nPLAN:\n"
        "Amoxicillin-clavulanate and azithromycin. Return if worse.\n",
    ),
    (
        "new patient",
        "Memory problems",
        "SUBJECTIVE:\n82-year-old female with progressive memory problems over 5-10 years; frequently forgets "
        "conversations. Mother had dementia. Denies head trauma or strokes.\n\nOBJECTIVE:\nUnable to draw a clock "
        "face. MoCA 17/30.\n\nASSESSMENT:\nMajor neurocognitive disorder, likely Alzheimer type.\n\nPLAN:\n"
        "Started donepezil (Aricept) 5 mg qhs. Safety review with family.\n",
    ),
    (
        "office visit",
        "Atrial fibrillation",
        "SUBJECTIVE:\nPalpitations for two weeks. History of hypertension.\n\nOBJECTIVE:\nIrregularly irregular "
        "pulse 112. ECG: atrial fibrillation with rapid ventricular response.\n\nASSESSMENT:\nNew-onset atrial "
        "fibrillation. CHA2DS2-VASc 3.\n\nPLAN:\nMetoprolol, apixaban 5 mg twice daily. Echocardiogram.\n",
    ),
    (
        "follow-up",
        "COPD",
        "SUBJECTIVE:\nChronic obstructive pulmonary disease, more dyspnea on exertion this month. No fever.\n\n"
        "OBJECTIVE:\nScattered wheezes. SpO2 93 %.\n\nASSESSMENT:\nCOPD with acute exacerbation, mild.\n\nPLAN:\n"
        "Prednisone 40 mg for 5 days, tiotropium continued. Smoking cessation counselling.\n",
    ),
    (
        "telehealth",
        "Urinary symptoms",
        "SUBJECTIVE:\nDysuria and frequency for two days. No flank pain, no fever.\n\nOBJECTIVE:\nUrinalysis "
        "positive for nitrites and leukocytes.\n\nASSESSMENT:\nAcute cystitis without hematuria.\n\nPLAN:\n"
        "Nitrofurantoin 100 mg twice daily for 5 days.\n",
    ),
    (
        "office visit",
        "Low back pain",
        "SUBJECTIVE:\nLow back pain for three weeks after lifting boxes. No numbness, no bladder changes.\n\n"
        "OBJECTIVE:\nParaspinal tenderness, straight leg raise negative.\n\nASSESSMENT:\nAcute low back pain, "
        "mechanical.\n\nPLAN:\nIbuprofen, physical therapy, activity as tolerated.\n",
    ),
    (
        "follow-up",
        "Heart failure",
        "SUBJECTIVE:\nChronic systolic heart failure, NYHA II. Weight stable.\n\nOBJECTIVE:\nNo JVD, trace ankle "
        "edema. EF 35 % on last echo.\n\nASSESSMENT:\nChronic systolic congestive heart failure, compensated.\n\n"
        "PLAN:\nContinue sacubitril-valsartan, carvedilol, spironolactone.\n",
    ),
    (
        "office visit",
        "Reflux",
        "SUBJECTIVE:\nHeartburn after meals for two months. No dysphagia, no weight loss.\n\nOBJECTIVE:\n"
        "Abdomen soft, non-tender.\n\nASSESSMENT:\nGastro-esophageal reflux disease without esophagitis.\n\n"
        "PLAN:\nOmeprazole 20 mg daily for 8 weeks. Lifestyle advice.\n",
    ),
)


def generate_patients(count: int, seed: int = SEED, start_mrn: int = 1) -> list[dict[str, object]]:
    """Synthetic patient rows (the same for the same seed)."""
    fake = Faker(["en_US", "es_MX"])
    fake.seed_instance(seed)
    rng = random.Random(seed)
    rows: list[dict[str, object]] = []
    for i in range(count):
        sex = rng.choice("FFMMFMX" if i % 97 == 0 else "FM")
        if sex == "F":
            given = fake.first_name_female()
        elif sex == "M":
            given = fake.first_name_male()
        else:
            given = fake.first_name_nonbinary()
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 90))
        rows.append(
            {
                "mrn": f"{start_mrn + i:08d}",
                "given_name": given,
                "family_name": fake.last_name(),
                "date_of_birth": born,
                "sex": sex,
                "phone": f"555-{rng.randrange(100, 1000):03d}-{rng.randrange(0, 10000):04d}",
            }
        )
    return rows


def seed_demo(db: Database, actor: Actor = SYSTEM, today: dt.date | None = None) -> dict[str, int]:
    """Fill an empty database with the demo. Refuses a database that already has users."""
    if users.count_users(db):
        raise Conflict(
            "This database already has users; the demo only seeds an empty database. "
            "Use a separate WORKBENCH_HOME for the demo."
        )
    created = {
        u.role: users.add_user(db, actor, u.username, u.display_name, u.role, u.password) for u in DEMO_USERS
    }
    now = utcnow()
    rows = generate_patients(PATIENTS)
    for row in rows:
        row["created_at"] = now
        row["updated_at"] = now
    with db.session() as session:
        session.execute(insert(Patient), rows)
        record_event(session, actor, "demo.seeded", "patient", None, detail={"patients": len(rows)})
        patient_ids = list(session.scalars(select(Patient.id).order_by(Patient.id).limit(len(DEMO_NOTES))))
    physician = created[Role.PHYSICIAN].actor()
    today = today or dt.date.today()
    # Encounters through the working day, so that today's list is never empty.
    first = dt.datetime.combine(today, dt.time(8, 30)).astimezone()
    note_ids: list[int] = []
    for i, (kind, reason, text) in enumerate(DEMO_NOTES):
        started = (first + dt.timedelta(minutes=25 * i)).astimezone(dt.UTC)
        encounter = encounters.start_encounter(
            db, physician, patient_ids[i], kind, reason, started_at=started, note_text=""
        )
        assert encounter.note_id is not None
        notes.save_note(db, physician, encounter.note_id, text, base_version=1, origin="manual")
        note_ids.append(encounter.note_id)
    # Most notes signed (so the coder's worklist and the auditor's view have rows), the last
    # ones left as drafts for the physician, and one correction as a signed addendum.
    password = next(u.password for u in DEMO_USERS if u.role is Role.PHYSICIAN)
    for note_id in note_ids[:SIGNED_NOTES]:
        signing.sign_note(db, physician, note_id, password)
    signing.add_addendum(db, physician, note_ids[0], DEMO_ADDENDUM, password)
    with db.session() as session:
        count = int(session.scalar(select(func.count(Patient.id))) or 0)
    return {"patients": count, "users": len(DEMO_USERS), "encounters": len(DEMO_NOTES)}
