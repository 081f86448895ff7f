"""Builds resources/icd10cm_index.json.gz from the installed simple-icd-10-cm package (FY2026),
resources/icd10cm_neoplasm_sites.tsv from the CDC Table of Neoplasms and resources/icd10cm_drugs.tsv
from the CDC Table of Drugs and Chemicals.

Run `python -m workbench.coding.build_catalog [--neoplasm-xml PATH] [--drug-xml PATH]` after
upgrading the package;
the app only ever reads the prebuilt files, so start-up never parses the tabular list.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

from workbench.coding.catalog import RESOURCES, normalise_code, pick_unspecified
from workbench.coding.drugs import DRUGS_PATH
from workbench.coding.text import phrase_key

# Lower is stronger evidence that a phrase means exactly this code.
PRIORITY_TITLE = 1
PRIORITY_INCLUSION = 2
PRIORITY_CATEGORY_TITLE = 3
PRIORITY_CATEGORY_INCLUSION = 4
PRIORITY_VARIANT = 5
MAX_CODES_PER_PHRASE = 4
MAX_PHRASE_WORDS = 8

_PAREN = re.compile(r"\s*[\(\[][^\)\]]*[\)\]]")
_UNSPEC_TAIL = re.compile(
    r",?\s*(unspecified|not elsewhere classified|nec|nos|site not specified|without complications?)\s*$",
    re.IGNORECASE,
)
_GENERIC_REST = re.compile(
    r"\s*((unspecified|not elsewhere classified|site not specified)( organism| type| site)?)?\s*",
    re.IGNORECASE,
)


def title_variants(title: str, *, generic: bool) -> set[str]:
    """Surface forms of a title: as written, without or with its nonessential modifiers, and (for
    unspecified codes) the bare head term that a clinician would write."""
    title = re.sub(r"\bNOS\b", "", title).strip(" ,")
    out = {title, _PAREN.sub("", title), re.sub(r"[\(\)\[\]]", "", title)}
    if generic:
        for v in list(out):
            head, _, rest = v.partition(",")
            head = re.sub(r"\bunspecified\b", "", head, flags=re.IGNORECASE).strip()
            # A lone word before a comma is often the first item of a list ("Blood, injection,
            # injury type phobia", "Absent, scanty and rare menstruation"), a role ("Husband,
            # perpetrator of …") or a condition at one site ("Fistula, unspecified joint"): on
            # its own it would claim every mention of that word.
            if len(head.split()) > 1 or _GENERIC_REST.fullmatch(rest):
                out.add(head)
            out.add(_UNSPEC_TAIL.sub("", v))
    return {re.sub(r"\s+", " ", v).strip() for v in out if v.strip()}


def build_index() -> dict[str, object]:
    import simple_icd_10_cm as icd

    codes: dict[str, list[object]] = {}
    inclusion: dict[str, list[str]] = {}
    excludes1: dict[str, list[str]] = {}
    excludes2: dict[str, list[str]] = {}
    use_additional: dict[str, str] = {}
    code_first: dict[str, str] = {}
    seventh: dict[str, dict[str, str]] = {}
    extended: list[str] = []
    for code in icd.get_all_codes(True):
        # A few categories share their name with a one-category block (B20, C50): keep those.
        if icd.is_chapter_or_block(code) and not icd.is_category(code):
            continue
        if icd.is_extended_subcategory(code):
            extended.append(code)
            continue
        parent = icd.get_parent(code)
        parent = "" if parent == code or not icd.is_category_or_subcategory(parent) else parent
        codes[code] = [icd.get_description(code), parent, bool(icd.is_leaf(code))]
        terms = list(icd.get_includes(code)) + list(icd.get_inclusion_term(code))
        if terms:
            inclusion[code] = terms
        if ex := icd.get_excludes1(code):
            excludes1[code] = list(ex)
        if ex := icd.get_excludes2(code):
            excludes2[code] = list(ex)
        if note := icd.get_use_additional_code(code):
            use_additional[code] = note
        if note := icd.get_code_first(code):
            code_first[code] = note
        if defs := icd.get_seven_chr_def(code):
            seventh[code] = dict(defs)

    children: dict[str, list[str]] = defaultdict(list)
    for code, (_, parent, _) in codes.items():
        if parent:
            children[str(parent)].append(code)

    def unspecified_leaf(code: str) -> str:
        while not codes[code][2] and children.get(code):
            code = pick_unspecified(code, children[code], lambda k: str(codes[k][0]))
        return code

    phrases: dict[str, list[tuple[int, int, str]]] = defaultdict(list)

    def add(text: str, code: str, priority: int) -> None:
        key = phrase_key(text)
        if not key or len(key) > MAX_PHRASE_WORDS:
            return
        # One-word variants such as "other" or "disorder" say nothing on their own.
        if priority == PRIORITY_VARIANT and len(key) == 1 and len(key[0]) < 5:
            return
        title = str(codes[code][0]).lower()
        tie = 0 if "unspecified" in title or normalise_code(code).endswith("9") else 1
        phrases[" ".join(key)].append((priority, tie * 100 + len(code), code))

    for code, (title, _, leaf) in codes.items():
        title = str(title)
        target = code if leaf else unspecified_leaf(code)
        residual = title.lower().startswith("other") or "other specified" in title.lower()
        generic = not residual and (
            not leaf or "unspecified" in title.lower() or title.lower().endswith("without complications")
        )
        for v in title_variants(title, generic=False):
            add(v, target, PRIORITY_TITLE if leaf else PRIORITY_CATEGORY_TITLE)
        if generic:
            for v in title_variants(title, generic=True):
                add(v, target, PRIORITY_VARIANT)
        for term in inclusion.get(code, []):
            for v in title_variants(term, generic=False):
                add(v, target, PRIORITY_INCLUSION if leaf else PRIORITY_CATEGORY_INCLUSION)

    phrase_table: dict[str, list[str]] = {}
    for key, entries in phrases.items():
        best: list[str] = []
        for _, _, code in sorted(set(entries)):
            if code not in best:
                best.append(code)
        phrase_table[key] = [f"{min(p for p, _, c in entries if c == code)}:{code}" for code in best][
            :MAX_CODES_PER_PHRASE
        ]

    return {
        "source": f"ICD-10-CM FY2026 tabular list via simple-icd-10-cm {version('simple-icd-10-cm')}",
        "codes": codes,
        "inclusion": inclusion,
        "excludes1": excludes1,
        "excludes2": excludes2,
        "use_additional": use_additional,
        "code_first": code_first,
        "seventh": seventh,
        "extended": extended,
        "phrases": phrase_table,
    }


def index_table_rows(xml_path: Path, *, main_terms: bool) -> list[tuple[str, ...]]:
    """(depth, term path joined with " > ", the cells of columns 2 to 7) for every row of one of
    the CDC index tables; ``main_terms`` keeps the main terms themselves as rows (the Table of
    Drugs), not only the terms below them (the Table of Neoplasms, whose one main term is
    "Neoplasm, neoplastic")."""
    rows: list[tuple[str, ...]] = []

    def clean(title: ET.Element) -> str:
        return re.sub(r"\s+", " ", title.text or "").strip()

    def walk(term: ET.Element, path: list[str]) -> None:
        title_el = term.find("title")
        if title_el is None:
            return
        here = [*path, clean(title_el)]
        cells = {c.get("col"): (c.text or "").strip() for c in term.findall("cell")}
        if cells:
            rows.append((str(len(here)), " > ".join(here), *(cells.get(str(i), "-") for i in range(2, 8))))
        for child in term.findall("term"):
            walk(child, here)

    root = ET.parse(xml_path).getroot()
    for main in root.iter("mainTerm"):
        if main_terms:
            walk(main, [])
        else:
            for term in main.findall("term"):
                walk(term, [])
    return rows


def write_table(path: Path, header: str, rows: list[tuple[str, ...]]) -> None:
    path.write_text(header + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    print(f"{path}: {len(rows)} rows")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--neoplasm-xml",
        type=Path,
        default=Path("../shared/data/icd10cm/icd10cm-neoplasm-April-1-2026.xml"),
    )
    parser.add_argument(
        "--drug-xml",
        type=Path,
        default=Path("../shared/data/icd10cm/icd10cm-drug-April-1-2026.xml"),
    )
    args = parser.parse_args()
    index = build_index()
    out = RESOURCES / "icd10cm_index.json.gz"
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(index, f, separators=(",", ":"), sort_keys=True)
    print(f"{out}: {len(index['codes'])} codes, {len(index['phrases'])} phrases")  # type: ignore[arg-type]
    if args.neoplasm_xml.exists():
        write_table(
            RESOURCES / "icd10cm_neoplasm_sites.tsv",
            "depth\tsite\tmalignant_primary\tmalignant_secondary\tin_situ\tbenign\tuncertain\tunspecified\n",
            index_table_rows(args.neoplasm_xml, main_terms=False),
        )
    if args.drug_xml.exists():
        write_table(
            DRUGS_PATH,
            "depth\tsubstance\tpoisoning_accidental\tpoisoning_self_harm\tpoisoning_assault\t"
            "poisoning_undetermined\tadverse_effect\tunderdosing\n",
            index_table_rows(args.drug_xml, main_terms=True),
        )


if __name__ == "__main__":
    main()
