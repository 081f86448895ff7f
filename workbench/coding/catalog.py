"""ICD-10-CM FY2026: titles, inclusion terms, Excludes1/2, use-additional-code notes, 7th characters
and the phrase index the matcher looks words up in.

Loaded from the prebuilt resources/icd10cm_index.json.gz (see build_catalog.py) plus the curated
synonym lexicon resources/icd10cm_synonyms.tsv, once per process.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from workbench import RESOURCES
from workbench.coding.text import phrase_key
from workbench.errors import WorkbenchError

INDEX_PATH = RESOURCES / "icd10cm_index.json.gz"
SYNONYMS_PATH = RESOURCES / "icd10cm_synonyms.tsv"
NEOPLASM_PATH = RESOURCES / "icd10cm_neoplasm_sites.tsv"
PRIORITY_SYNONYM = 0

_CODE_REF = re.compile(r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(-?)")


class CatalogMissing(WorkbenchError):
    """The prebuilt ICD-10-CM index is not where the application expects it."""


def normalise_code(code: str) -> str:
    """Upper case without the dot: "e11.9", "E119" and "E11.9" all give "E119"."""
    return code.strip().upper().replace(".", "")


def dotted(code: str) -> str:
    """ICD-10-CM spelling with the dot after the category: "e119" → "E11.9"."""
    c = normalise_code(code)
    return c if len(c) <= 3 else f"{c[:3]}.{c[3:]}"


@dataclass(frozen=True)
class PhraseCode:
    code: str
    priority: int  # 0 curated synonym, 1 title, 2 inclusion term, 3-4 category, 5 derived variant


@dataclass(frozen=True)
class NeoplasmSite:
    depth: int
    site: str
    malignant_primary: str
    malignant_secondary: str
    in_situ: str
    benign: str
    uncertain: str
    unspecified: str


def pick_unspecified(code: str, kids: list[str], title: Callable[[str], str]) -> str:
    """Among code's children, the one for "not further specified": X.9 unless it is an "other …"
    residual (M54.59 "Other low back pain", T81.49 "…, other surgical site"), then a child titled
    "unspecified" (not "with unspecified complications"), then X.0, then the residual; a child that
    names one specific site or type only when nothing else is left."""
    key = normalise_code(code)

    def rank(k: str) -> tuple[int, int, int, str]:
        t = title(k).lower()
        residual = "unspecified" not in t and (
            t.startswith("other") or t.rsplit(",", 1)[-1].strip().startswith("other")
        )
        nine = normalise_code(k) == key + "9"
        if nine and not residual:
            tier = 0
        elif "unspecified" in t and "with unspecified" not in t and not residual:
            tier = 1
        elif normalise_code(k) == key + "0":
            tier = 2
        else:
            tier = 3 if residual else 4
        return (tier, 0 if nine else 1, len(k), k)

    return min(kids, key=rank)


class Catalog:
    def __init__(self, index: dict[str, object], synonyms: list[tuple[str, str]]) -> None:
        self.source = str(index["source"])
        self._codes: dict[str, list[object]] = index["codes"]  # type: ignore[assignment]
        self._inclusion: dict[str, list[str]] = index["inclusion"]  # type: ignore[assignment]
        self._excludes1: dict[str, list[str]] = index["excludes1"]  # type: ignore[assignment]
        self._excludes2: dict[str, list[str]] = index["excludes2"]  # type: ignore[assignment]
        self._use_additional: dict[str, str] = index["use_additional"]  # type: ignore[assignment]
        self._code_first: dict[str, str] = index["code_first"]  # type: ignore[assignment]
        self._seventh: dict[str, dict[str, str]] = index["seventh"]  # type: ignore[assignment]
        self._extended = set(index["extended"])  # type: ignore[call-overload]
        self._by_key = {normalise_code(c): c for c in self._codes}
        self._by_key.update({normalise_code(c): c for c in self._extended})
        self._children: dict[str, list[str]] = {}
        for code, row in self._codes.items():
            if row[1]:
                self._children.setdefault(str(row[1]), []).append(code)
        self.phrases: dict[tuple[str, ...], list[PhraseCode]] = {}
        raw: dict[str, list[str]] = index["phrases"]  # type: ignore[assignment]
        for key, entries in raw.items():
            self.phrases[tuple(key.split(" "))] = [
                PhraseCode(code=e.split(":", 1)[1], priority=int(e.split(":", 1)[0])) for e in entries
            ]
        self.synonyms = synonyms
        self._add_neoplasm_phrases()
        for term, code in synonyms:
            term_key = phrase_key(term)
            if not term_key:
                continue
            rest = [p for p in self.phrases.get(term_key, []) if p.code != code]
            self.phrases[term_key] = [PhraseCode(code, PRIORITY_SYNONYM), *rest]

    def _add_neoplasm_phrases(self) -> None:
        """ "<site> cancer", "carcinoma of the <site>", "<site> metastases" … from the Table of
        Neoplasms (main sites only), where the tabular list has no such phrase."""
        if not NEOPLASM_PATH.exists():
            return
        primary = (
            "{} cancer",
            "cancer of {}",
            "{} carcinoma",
            "carcinoma of {}",
            "{} adenocarcinoma",
            "adenocarcinoma of {}",
            "{} malignancy",
            "malignant {} tumor",
            "malignant neoplasm of {}",
        )
        secondary = ("{} metastasis", "{} metastases", "metastasis to {}", "metastases to {}",
                     "metastatic {} disease")  # fmt: skip
        for row in load_neoplasm_sites():
            if row.depth != 1:
                continue
            title = re.sub(r"\([^)]*\)", "", row.site)
            for site in (t.strip() for t in title.split(",")):
                if not site or len(site) < 3:
                    continue
                for patterns, code in (
                    (primary, row.malignant_primary),
                    (secondary, row.malignant_secondary),
                ):
                    target = self.canonical(code.rstrip("-."))
                    if target is None:
                        continue
                    for pattern in patterns:
                        key = phrase_key(pattern.format(site))
                        if key and key not in self.phrases:
                            self.phrases[key] = [PhraseCode(target, 2)]

    # ---- lookups -------------------------------------------------------------------------
    def canonical(self, code: str) -> str | None:
        """The catalog's spelling of code, or None if it is not an ICD-10-CM FY2026 code."""
        return self._by_key.get(normalise_code(code))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and self.canonical(code) is not None

    def all_codes(self) -> list[str]:
        """Every code of the tabular list, with the 7th-character extensions (for a code search)."""
        return [*self._codes, *sorted(self._extended)]

    def title(self, code: str) -> str:
        c = self.canonical(code)
        if c is None:
            return ""
        if c in self._codes:
            return str(self._codes[c][0])
        base = self._extension_base(c)
        char = c[-1]
        return f"{self.title(base)}, {self.seventh_characters(base).get(char, '')}".rstrip(", ")

    def parent(self, code: str) -> str | None:
        c = self.canonical(code)
        if c is None:
            return None
        if c in self._extended:
            return self._extension_base(c)
        return str(self._codes[c][1]) or None

    def ancestors(self, code: str) -> list[str]:
        out: list[str] = []
        p = self.parent(code)
        while p:
            out.append(p)
            p = self.parent(p)
        return out

    def children(self, code: str) -> list[str]:
        c = self.canonical(code)
        return list(self._children.get(c, [])) if c else []

    def is_billable(self, code: str) -> bool:
        """A leaf of the tabular list (with its 7th character where one is required)."""
        c = self.canonical(code)
        if c is None:
            return False
        if c in self._extended:
            return True
        return bool(self._codes[c][2]) and not self.seventh_characters(c)

    def category(self, code: str) -> str:
        return dotted(code)[:3]

    def inclusion_terms(self, code: str) -> list[str]:
        c = self.canonical(code)
        return list(self._inclusion.get(c, [])) if c else []

    def _inherited(self, table: dict[str, list[str]], code: str) -> list[str]:
        c = self.canonical(code)
        if c is None:
            return []
        out: list[str] = []
        for k in [c, *self.ancestors(c)]:
            out.extend(table.get(k, []))
        return out

    def excludes1(self, code: str) -> list[str]:
        """Excludes1 notes of the code and of every ancestor (they apply down the tree)."""
        return self._inherited(self._excludes1, code)

    def excludes2(self, code: str) -> list[str]:
        return self._inherited(self._excludes2, code)

    def use_additional(self, code: str) -> list[str]:
        c = self.canonical(code)
        if c is None:
            return []
        return [self._use_additional[k] for k in [c, *self.ancestors(c)] if k in self._use_additional]

    def code_first(self, code: str) -> list[str]:
        c = self.canonical(code)
        if c is None:
            return []
        return [self._code_first[k] for k in [c, *self.ancestors(c)] if k in self._code_first]

    def seventh_characters(self, code: str) -> dict[str, str]:
        """7th-character meanings that apply to code (defined on it or an ancestor)."""
        c = self.canonical(code)
        if c is None or c in self._extended:
            return {}
        for k in [c, *self.ancestors(c)]:
            if k in self._seventh:
                return dict(self._seventh[k])
        return {}

    def _extension_base(self, extended_code: str) -> str:
        base = extended_code[:-1].rstrip("X").rstrip(".")
        return self._by_key.get(normalise_code(base), base)

    def with_seventh(self, code: str, char: str) -> str | None:
        """code completed with placeholder X and the 7th character, if that code exists."""
        key = normalise_code(code)
        full = key.ljust(6, "X") + char
        return self.canonical(full)

    def unspecified_leaf(self, code: str) -> str:
        """The billable leaf to propose when a note supports only a category: its unspecified
        (".9"/".0"/"unspecified") descendant."""
        c = self.canonical(code) or code
        while c in self._codes and not self._codes[c][2] and self._children.get(c):
            kids = self._children[c]
            c = pick_unspecified(c, kids, lambda k: str(self._codes[k][0]))
        return c

    def excluded_codes(self, code: str) -> list[tuple[str, bool]]:
        """Code references in the Excludes1 notes of code: (reference, covers its descendants)."""
        refs: list[tuple[str, bool]] = []
        for note in self.excludes1(code):
            for m in _CODE_REF.finditer(note):
                refs.append((m.group(1), bool(m.group(2))))
        return refs

    def excludes1_conflict(self, a: str, b: str) -> bool:
        """True when either code's Excludes1 notes name the other (or a category above it)."""
        for x, y in ((a, b), (b, a)):
            ykeys = {normalise_code(y), *(normalise_code(p) for p in self.ancestors(y))}
            for ref, _ in self.excluded_codes(x):
                if normalise_code(ref) in ykeys:
                    return True
        return False

    def neoplasm_sites(self) -> list[NeoplasmSite]:
        return load_neoplasm_sites()


_lock = threading.Lock()
_catalog: Catalog | None = None
_neoplasm: list[NeoplasmSite] | None = None


def load_synonyms(path: Path = SYNONYMS_PATH) -> list[tuple[str, str]]:
    """term → code pairs from the curated lexicon (tab separated, '#' comments)."""
    out: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        term, code = line.split("\t")[:2]
        out.append((term.strip(), code.strip()))
    return out


def load_catalog() -> Catalog:
    """The process-wide catalog, read from resources/ on first use."""
    global _catalog
    with _lock:
        if _catalog is None:
            if not INDEX_PATH.exists():
                raise CatalogMissing(
                    f"The ICD-10-CM index {INDEX_PATH} is missing; rebuild it with "
                    "`python -m workbench.coding.build_catalog`."
                )
            with gzip.open(INDEX_PATH, "rt", encoding="utf-8") as f:
                index = json.load(f)
            _catalog = Catalog(index, load_synonyms())
        return _catalog


def load_neoplasm_sites() -> list[NeoplasmSite]:
    global _neoplasm
    if _neoplasm is None:
        rows: list[NeoplasmSite] = []
        lines = NEOPLASM_PATH.read_text(encoding="utf-8").splitlines()[1:]
        for line in lines:
            parts = line.split("\t")
            if len(parts) == 8:
                rows.append(NeoplasmSite(int(parts[0]), *parts[1:]))
        _neoplasm = rows
    return _neoplasm
