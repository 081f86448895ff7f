"""Coded case corpora: a folder of .txt notes plus a gold TSV (CodiEsp layout: `doc<TAB>code`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from workbench.coding.catalog import dotted
from workbench.errors import WorkbenchError


class CorpusError(WorkbenchError):
    pass


@dataclass(frozen=True)
class Case:
    doc_id: str
    text: str
    codes: frozenset[str]  # dotted ICD-10-CM codes, e.g. "E11.9"


def read_gold(path: Path) -> dict[str, set[str]]:
    """doc id → set of dotted codes; CodiEsp's lower-case undotted codes are normalised."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CorpusError(f"Cannot read the gold file {path}: {exc.strerror}") from None
    gold: dict[str, set[str]] = defaultdict(set)
    for line in lines:
        parts = line.strip().split("\t")
        if len(parts) >= 2 and parts[1]:
            gold[parts[0]].add(dotted(parts[1]))
    return dict(gold)


def note_files(paths: list[Path]) -> list[Path]:
    """The .txt files named, and those inside named folders, sorted."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(p.glob("*.txt")))
        elif p.exists():
            out.append(p)
        else:
            raise CorpusError(f"No such file or folder: {p}")
    return out


def read_note(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def load_cases(notes_dir: Path, gold_path: Path) -> list[Case]:
    gold = read_gold(gold_path)
    files = note_files([notes_dir])
    if not files:
        raise CorpusError(f"No .txt notes in {notes_dir}.")
    return [Case(f.stem, read_note(f), frozenset(gold.get(f.stem, set()))) for f in files]


def fy2026_code(code: str) -> str:
    """The billable FY2026 code a case's code stands for: older editions' codes that FY2026 split
    (R05 → R05.9, M54.5 → M54.50) or that need a 7th character now (T14.8 → T14.8XXA), and codes
    written without their 7th character (W19.XXX → W19.XXXA; T81.4XX → T81.40XA, T81.4 having
    been split since). Codes that are none of these are returned as they are."""
    from workbench.coding.catalog import load_catalog
    from workbench.coding.rules import billable

    catalog = load_catalog()
    # Without its placeholders (W19.XXX → W19) the code is one billable() completes, 7th character
    # included.
    base = code if code in catalog else code.rstrip("X").rstrip(".")
    return billable(catalog, base).code if base in catalog else code
