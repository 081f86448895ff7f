"""Short synthetic notes with gold codes and gold evidence (written for these tests; no real
patients). `gold` maps a code to the words in the note that support it; `absent` lists codes that
must not be shown (negated, a relative's, hypothetical or uncertain distractors)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vignette:
    name: str
    text: str
    gold: dict[str, list[str]]
    absent: list[str] = field(default_factory=list)

    def spans(self, phrase: str) -> tuple[int, int]:
        start = self.text.index(phrase)
        return start, start + len(phrase)


SEED = Vignette(
    "seed_dementia",
    "82-year-old female with progressive memory problems over 5-10 years, frequently forgets "
    "conversations and misplaces items. Mother had dementia. She denies head trauma, strokes or "
    "seizures. Unable to draw clock face on exam. Assessment: dementia, likely Alzheimer type. "
    "Plan: started Aricept 5 mg qhs.",
    gold={"F03.90": ["dementia, likely"], "Z82.0": ["dementia"]},
    absent=["S09.90XA", "S06.9X9A", "I63.9", "R56.9"],
)

VIGNETTES: list[Vignette] = [
    SEED,
    Vignette(
        "primary_care_htn_dm",
        "65-year-old man seen for follow-up of HTN and T2DM. Blood pressure 150/90. Continue lisinopril and metformin.",
        {"I10": ["HTN"], "E11.9": ["T2DM"]},
    ),
    Vignette(
        "chf_copd",
        "Known CHF and COPD, presents with worsening dyspnea on exertion. Denies chest pain.",
        {"I50.9": ["CHF"], "J44.9": ["COPD"], "R06.00": ["dyspnea"]},
        absent=["R07.9"],
    ),
    Vignette(
        "afib_anticoag",
        "Patient with AFib on apixaban. No history of stroke. Heart rate irregular, 98 bpm.",
        {"I48.91": ["AFib"]},
        absent=["I63.9"],
    ),
    Vignette(
        "ckd_anemia",
        "Stage unspecified CKD followed by nephrology. Labs show anemia, hemoglobin 9.8 g/dl.",
        {"N18.9": ["CKD"], "D64.9": ["anemia"]},
    ),
    Vignette(
        "uti_female",
        "28-year-old woman with dysuria and urinary frequency for three days. Urinalysis positive. Diagnosis: UTI.",
        {"N39.0": ["UTI"], "R30.0": ["dysuria"]},
    ),
    Vignette(
        "mi_cad",
        "Admitted with acute myocardial infarction. Background of CAD with two stents.",
        {"I21.9": ["acute myocardial infarction"], "I25.10": ["CAD"]},
    ),
    Vignette(
        "gerd",
        "Complains of heartburn after meals, consistent with GERD. Started omeprazole.",
        {"K21.9": ["GERD"]},
    ),
    Vignette(
        "negated_pneumonia",
        "Cough for one week. Chest x-ray shows no pneumonia. Afebrile.",
        {"R05.9": ["Cough"]},
        absent=["J18.9"],
    ),
    Vignette(
        "denies_chest_pain",
        "He denies chest pain, palpitations or syncope. Reports fatigue.",
        {"R53.83": ["fatigue"]},
        absent=["R07.9", "R00.2", "R55"],
    ),
    Vignette(
        "family_breast_cancer",
        "Screening visit. Family history of breast cancer in her mother. She has hypothyroidism on levothyroxine.",
        {"E03.9": ["hypothyroidism"]},
        absent=["C50.919"],
    ),
    Vignette(
        "family_diabetes",
        "Father with diabetes mellitus. Patient is healthy, BMI 23. No complaints.",
        {"Z83.3": ["diabetes mellitus"]},
        absent=["E11.9"],
    ),
    Vignette(
        "family_stroke",
        "His brother had a stroke at 50. The patient has hyperlipidemia.",
        {"Z82.3": ["stroke"], "E78.5": ["hyperlipidemia"]},
        absent=["I63.9"],
    ),
    Vignette(
        "history_pneumonia",
        "History of pneumonia two years ago, resolved. Now presents with low back pain after lifting.",
        {"Z87.01": ["pneumonia"], "M54.50": ["low back pain"]},
        absent=["J18.9"],
    ),
    Vignette(
        "uncertain_pe",
        "Sudden shortness of breath. Possible pulmonary embolism; CT angiography ordered.",
        {"R06.02": ["shortness of breath"]},
        absent=["I26.99"],
    ),
    Vignette(
        "probable_appendicitis",
        "Right lower quadrant abdominal pain with nausea. Probable appendicitis, surgical consult.",
        {"R10.9": ["abdominal pain"], "R11.0": ["nausea"]},
        absent=["K37"],
    ),
    Vignette(
        "misspelled_pneumonia",
        "Fever and productive cough. Impression: community acquired pnuemonia.",
        {"J18.9": ["pnuemonia"], "R50.9": ["Fever"]},
    ),
    Vignette(
        "misspelled_htn",
        "Longstanding hypertenshun, poorly controlled on two agents.",
        {"I10": ["hypertenshun"]},
    ),
    Vignette(
        "misspelled_diabetes",
        "Known diabetis mellitus type 2 with good control.",
        {"E11.9": ["diabetis mellitus"]},
    ),
    Vignette(
        "asthma_child",
        "7-year-old with asthma, night cough after a cold. Wheezing on exam.",
        {"J45.909": ["asthma"]},
    ),
    Vignette(
        "depression_anxiety",
        "Follow-up of depression and anxiety. Sleeping poorly with insomnia. Denies suicidal ideation.",
        {"F32.A": ["depression"], "F41.9": ["anxiety"], "G47.00": ["insomnia"]},
    ),
    Vignette(
        "migraine",
        "Recurrent migraine with photophobia, two attacks per month. No aura reported.",
        {"G43.909": ["migraine"]},
    ),
    Vignette(
        "osteoarthritis_knee",
        "Chronic knee pain from osteoarthritis. Obesity, BMI 34.",
        {"M19.90": ["osteoarthritis"], "E66.9": ["Obesity"]},
    ),
    Vignette(
        "sepsis",
        "Admitted with sepsis from a urinary source, hypotension and confusion.",
        {"A41.9": ["sepsis"], "I95.9": ["hypotension"], "R41.0": ["confusion"]},
    ),
    Vignette(
        "cellulitis",
        "Red, warm swelling of the left leg consistent with cellulitis. No abscess on ultrasound.",
        {"L03.90": ["cellulitis"]},
        absent=["L02.91"],
    ),
    Vignette(
        "hypothyroid_obesity",
        "Hypothyroidism on replacement, weight gain. Fatigue improved.",
        {"E03.9": ["Hypothyroidism"]},
    ),
    Vignette(
        "gi_bleed",
        "Melena for two days with anemia. Upper endoscopy planned.",
        {"K92.1": ["Melena"], "D64.9": ["anemia"]},
    ),
    Vignette(
        "cirrhosis",
        "Alcoholic patient with liver cirrhosis and ascites. Jaundice noted.",
        {"K74.60": ["liver cirrhosis"], "R18.8": ["ascites"], "R17": ["Jaundice"]},
    ),
    Vignette(
        "pancreatitis",
        "Epigastric pain radiating to the back, lipase 900: acute pancreatitis.",
        {"K85.90": ["acute pancreatitis"]},
    ),
    Vignette(
        "dvt",
        "Swollen painful calf, ultrasound confirms DVT. Started enoxaparin.",
        {"I82.409": ["DVT"]},
    ),
    Vignette(
        "hyponatremia",
        "Sodium 126, hyponatremia attributed to thiazide. Also hypokalemia.",
        {"E87.1": ["hyponatremia"], "E87.6": ["hypokalemia"]},
    ),
    Vignette(
        "epilepsy",
        "Known epilepsy on levetiracetam, seizure-free for a year.",
        {"G40.909": ["epilepsy"]},
    ),
    Vignette(
        "parkinson",
        "Parkinson disease with resting tremor, on levodopa.",
        {"G20.C": ["Parkinson disease"], "R25.1": ["tremor"]},
    ),
    Vignette(
        "bph",
        "Older man with BPH and urinary retention, catheter placed.",
        {"N40.0": ["BPH"], "R33.9": ["urinary retention"]},
    ),
    Vignette(
        "kidney_stone",
        "Severe flank pain, CT shows nephrolithiasis with hydronephrosis.",
        {"N20.0": ["nephrolithiasis"], "N13.30": ["hydronephrosis"]},
    ),
    Vignette(
        "hiv",
        "HIV infection on antiretroviral therapy, CD4 450. Oral candidiasis.",
        {"B20": ["HIV infection"], "B37.9": ["candidiasis"]},
    ),
    Vignette(
        "hepatitis_c",
        "Chronic hepatitis C, treated last year. Fatty liver on ultrasound.",
        {"B19.20": ["hepatitis C"], "K76.0": ["Fatty liver"]},
    ),
    Vignette(
        "osa_copd",
        "Snoring and daytime sleepiness; sleep study shows OSA. Smoker, 30 pack-years.",
        {"G47.33": ["OSA"], "F17.210": ["Smoker"]},
    ),
    Vignette(
        "rash_pruritus",
        "Itchy rash on both arms for a week. Pruritus worse at night.",
        {"R21": ["rash"], "L29.9": ["Pruritus"]},
    ),
    Vignette(
        "headache_dizziness",
        "Headache and dizziness since yesterday. No vomiting. Neurological exam normal.",
        {"R51.9": ["Headache"], "R42": ["dizziness"]},
        absent=["R11.10"],
    ),
    Vignette(
        "abbrev_tia",
        "Transient left arm weakness lasting 10 minutes, now resolved. Impression: TIA. Carotid doppler ordered.",
        {"G45.9": ["TIA"]},
    ),
    Vignette(
        "weight_loss",
        "Unintentional weight loss of 8 kg and night sweats. Lymphadenopathy in the neck.",
        {"R63.4": ["weight loss"], "R59.9": ["Lymphadenopathy"]},
    ),
    Vignette(
        "hematuria_negated_stone",
        "Gross hematuria for two days. Renal ultrasound without kidney stone.",
        {"R31.0": ["Gross hematuria"]},
        absent=["N20.0"],
    ),
    Vignette(
        "if_fever_return",
        "Viral upper respiratory infection. Return if fever develops.",
        {"J06.9": ["upper respiratory infection"]},
        absent=["R50.9"],
    ),
    Vignette(
        "soap_note",
        "S: Patient reports nausea and vomiting since this morning.\nO: Dry mucosa.\n"
        "A: Dehydration due to gastroenteritis.\nP: IV fluids.",
        {"R11.2": ["nausea and vomiting"], "E86.0": ["Dehydration"]},
    ),
    Vignette(
        "fracture_femur",
        "Fell at home, x-ray shows femur fracture. Osteoporosis known.",
        {"S72.90XA": ["femur fracture"], "M81.0": ["Osteoporosis"]},
    ),
]
