"""Coding conventions applied to what the note supports: family and personal history codes,
billable leaves, default 7th characters, and which conditions stay coded when only "history of"
is written (chronic ones that are still managed)."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.coding.catalog import Catalog, normalise_code


@dataclass(frozen=True)
class Billable:
    code: str
    hints: tuple[str, ...]
    flags: tuple[str, ...]


# Ranges are compared on undotted codes: (first, last inclusive prefix, history code).
_FAMILY: list[tuple[str, str, str]] = [
    ("C50", "C50", "Z80.3"), ("C18", "C21", "Z80.0"), ("C15", "C17", "Z80.0"), ("C22", "C26", "Z80.0"),
    ("C33", "C34", "Z80.1"), ("C61", "C61", "Z80.42"), ("C81", "C96", "Z80.7"), ("C00", "C97", "Z80.9"),
    ("F01", "F03", "Z82.0"), ("G30", "G31", "Z82.0"), ("F10", "F10", "Z81.1"), ("F00", "F99", "Z81.8"),
    ("G00", "G99", "Z82.0"), ("I60", "I69", "Z82.3"), ("I00", "I99", "Z82.49"), ("E10", "E14", "Z83.3"),
    ("E00", "E89", "Z83.49"), ("J40", "J47", "Z82.5"), ("J00", "J99", "Z83.6"), ("N17", "N29", "Z84.19"),
    ("K00", "K95", "Z83.79"), ("D50", "D89", "Z83.2"), ("Q00", "Q99", "Z82.79"), ("M05", "M19", "Z82.61"),
    ("M80", "M81", "Z82.62"), ("M00", "M99", "Z82.69"), ("H40", "H42", "Z83.511"), ("H00", "H59", "Z83.518"),
    ("H60", "H95", "Z83.52"), ("A00", "B99", "Z83.1"), ("L00", "L99", "Z84.0"),
]  # fmt: skip
_PERSONAL: list[tuple[str, str, str]] = [
    ("C50", "C50", "Z85.3"), ("C18", "C18", "Z85.038"), ("C34", "C34", "Z85.118"), ("C00", "C97", "Z85.9"),
    ("I21", "I22", "I25.2"), ("I63", "I63", "Z86.73"), ("G45", "G45", "Z86.73"), ("I26", "I26", "Z86.711"),
    ("I80", "I82", "Z86.718"), ("I00", "I99", "Z86.79"), ("A00", "B99", "Z86.19"), ("E00", "E89", "Z86.39"),
    ("F00", "F99", "Z86.59"), ("G00", "H95", "Z86.69"), ("J12", "J18", "Z87.01"), ("J00", "J99", "Z87.09"),
    ("K00", "K95", "Z87.19"), ("L00", "L99", "Z87.2"), ("M00", "M99", "Z87.39"), ("N39", "N39", "Z87.440"),
    ("N00", "N99", "Z87.448"), ("S00", "T88", "Z87.81"),
]  # fmt: skip
# Chronic conditions that stay coded from a past-history mention while they are still managed.
CHRONIC_CATEGORIES = frozenset(
    [
        "I10",
        "I11",
        "I12",
        "I13",
        "I25",
        "I48",
        "I50",
        "E03",
        "E05",
        "E10",
        "E11",
        "E13",
        "E66",
        "E78",
        "J44",
        "J45",
        "N18",
        "F01",
        "F02",
        "F03",
        "G20",
        "G30",
        "G35",
        "G40",
        "B18",
        "B20",
        "K21",
        "K50",
        "K51",
        "K74",
        "M05",
        "M06",
        "M81",
        "M32",
        "F17",
        "F20",
        "F31",
        "F32",
        "F33",
        "D50",
        "D57",
        "Z94",
        "Z95",
    ]
)
DEFAULT_SEVENTH = "A"


def _lookup(table: list[tuple[str, str, str]], code: str) -> str | None:
    key = normalise_code(code)[:3]
    for first, last, target in table:
        if first <= key <= last:
            return target
    return None


def family_history_code(code: str) -> str:
    """Z80–Z84 code for a condition of a relative."""
    return _lookup(_FAMILY, code) or "Z84.89"


def personal_history_code(code: str) -> str:
    """Z85–Z87 (or I25.2) code for a condition the patient had in the past."""
    return _lookup(_PERSONAL, code) or "Z87.898"


def is_chronic(code: str) -> bool:
    return normalise_code(code)[:3] in CHRONIC_CATEGORIES


def billable(catalog: Catalog, code: str) -> Billable:
    """The billable code to propose for code, and why it differs from code if it does."""
    c = catalog.canonical(code) or code
    hints: list[str] = []
    flags: list[str] = []
    if not catalog.is_billable(c) and not catalog.seventh_characters(c):
        leaf = catalog.unspecified_leaf(c)
        if leaf != c:
            hints.append(
                f"Only the category {c} ({catalog.title(c)}) is documented; {leaf} is its unspecified "
                "code — document the type, site or laterality for a more specific code."
            )
            flags.append("unspecified_leaf")
            c = leaf
    sevenths = catalog.seventh_characters(c)
    if sevenths and not catalog.is_billable(c):
        if not catalog.is_billable(c) and catalog.children(c):
            c = catalog.unspecified_leaf(c)
            sevenths = catalog.seventh_characters(c)
        char = DEFAULT_SEVENTH if DEFAULT_SEVENTH in sevenths else sorted(sevenths)[0]
        full = catalog.with_seventh(c, char)
        if full:
            hints.append(
                f"7th character {char} ({sevenths[char]}) assumed: the encounter type is not documented."
            )
            flags.append("default_7th_character")
            c = full
    return Billable(c, tuple(hints), tuple(flags))


# ICD-10-CM guideline I.A.15 ("with"): the Alphabetic Index presumes a link between diabetes and the
# conditions listed under "with", unless the note says otherwise. Both named in one note are coded
# with the combination code: condition → (combination subcode, whether the combination code
# includes the condition). Chronic kidney disease keeps its own code for the stage (N18.-), as the
# combination code's "use additional code" note asks; the others are part of the combination.
DIABETES_CATEGORIES = frozenset(["E08", "E09", "E10", "E11", "E13"])
_DIABETES_WITH = {
    "N18": ("22", False),  # chronic kidney disease
    "R73.9": ("65", True),  # hyperglycemia
    "E16.2": ("649", True),  # hypoglycemia (without coma)
    "G62.9": ("42", True),  # polyneuropathy
    "I73.9": ("51", True),  # peripheral vascular disease (angiopathy without gangrene)
}


def diabetes_combination(catalog: Catalog, diabetes: str, other: str) -> tuple[str, bool] | None:
    """(combination code, whether it includes ``other``) for a diabetes code and another
    condition of the same note, if the guidelines presume the link."""
    if diabetes[:3] not in DIABETES_CATEGORIES:
        return None
    found = _DIABETES_WITH.get(other) or _DIABETES_WITH.get(other[:3])
    if found is None:
        return None
    combination = f"{diabetes[:3]}.{found[0]}"
    return (combination, found[1]) if combination in catalog else None


def without_complications(code: str) -> bool:
    """E08.9 … E13.9: diabetes "without complications", wrong beside a combination code."""
    return code[:3] in DIABETES_CATEGORIES and code[3:] == ".9"
