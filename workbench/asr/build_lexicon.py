"""Builds the medical lexicon and the common-word list that post-correction reads.

    python -m workbench.asr.build_lexicon --drug-xml PATH/icd10cm-drug-April-1-2026.xml

- ``resources/medical_lexicon.txt.gz``: single words of medicine — every alphabetic word of at
  least five letters in the ICD-10-CM FY2026 titles and inclusion terms (simple-icd-10-cm, MIT)
  and in the substance names of the CDC/CMS ICD-10-CM Table of Drugs and Chemicals (public domain).
- ``resources/common_words.txt.gz``: words Whisper's tokenizer holds as one token (the GPT-2
  byte-pair vocabulary, MIT): a word that common is never "corrected".

The application reads only these files; the sources are needed to rebuild them, never at run time.
"""

from __future__ import annotations

import argparse
import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from workbench import RESOURCES

LEXICON_FILE = "medical_lexicon.txt.gz"
COMMON_WORDS_FILE = "common_words.txt.gz"
MIN_LENGTH = 5
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def icd_words() -> set[str]:
    import simple_icd_10_cm as icd

    words: set[str] = set()
    for code in icd.get_all_codes(with_dots=True):
        texts = [icd.get_description(code), *icd.get_inclusion_term(code)]
        for text in texts:
            words.update(w.lower() for w in _WORD.findall(text) if len(w) >= MIN_LENGTH)
    return words


def drug_words(xml_path: Path) -> set[str]:
    words: set[str] = set()
    root = ET.parse(xml_path).getroot()
    for title in root.iter("title"):
        # The substance name is the element's own text; <nemod> children are qualifiers.
        text = title.text or ""
        words.update(w.lower() for w in _WORD.findall(text) if len(w) >= MIN_LENGTH)
    return words


def common_words(vocabulary_txt: Path) -> set[str]:
    words: set[str] = set()
    for line in vocabulary_txt.read_text(encoding="utf-8").splitlines():
        # "Ġ" marks a token that starts with a space: a whole word in GPT-2's byte-level BPE.
        if line.startswith("Ġ") and line[1:].isalpha() and line[1:].isascii() and len(line) > 2:
            words.add(line[1:].lower())
    return words


def write_list(path: Path, words: set[str]) -> None:
    data = "\n".join(sorted(words)) + "\n"
    # mtime=0: the same input gives the same bytes, so rebuilding leaves git clean.
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(data.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--drug-xml", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=RESOURCES)
    args = parser.parse_args(argv)
    from workbench.asr.local import bundled_source

    lexicon = icd_words() | drug_words(args.drug_xml)
    common = common_words(bundled_source("tiny.en").folder / "vocabulary.txt")
    args.out.mkdir(parents=True, exist_ok=True)
    write_list(args.out / LEXICON_FILE, lexicon)
    write_list(args.out / COMMON_WORDS_FILE, common)
    print(f"{len(lexicon)} medical words, {len(common)} common words → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
