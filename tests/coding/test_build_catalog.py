"""The CDC index tables as the catalog builder reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.coding.build_catalog import index_table_rows, title_variants

_XML = """<?xml version="1.0" encoding="utf-8"?>
<ICD10CM.index><letter><title>A</title>
  <mainTerm>
    <title>Alcohol<nemod>(any)</nemod></title>
    <cell col="2">T51.91</cell><cell col="3">T51.92</cell><cell col="4">T51.93</cell>
    <cell col="5">T51.94</cell><cell col="6">--</cell><cell col="7">--</cell>
    <term level="1">
      <title>absolute</title>
      <cell col="2">T51.0X1</cell><cell col="3">T51.0X2</cell><cell col="4">T51.0X3</cell>
      <cell col="5">T51.0X4</cell><cell col="6">--</cell><cell col="7">--</cell>
    </term>
    <term level="1"><title>see also</title></term>
  </mainTerm>
</letter></ICD10CM.index>
"""


def test_rows_with_and_without_main_terms(tmp_path: Path) -> None:
    path = tmp_path / "table.xml"
    path.write_text(_XML, encoding="utf-8")
    absolute = ("2", "Alcohol > absolute", "T51.0X1", "T51.0X2", "T51.0X3", "T51.0X4", "--", "--")
    assert index_table_rows(path, main_terms=True) == [
        ("1", "Alcohol", "T51.91", "T51.92", "T51.93", "T51.94", "--", "--"),
        absolute,
    ]
    # Below the main term only (the Table of Neoplasms' one main term is not a site).
    assert index_table_rows(path, main_terms=False) == [("1", "absolute", *absolute[2:])]


def test_a_generic_title_is_also_read_as_its_head() -> None:
    assert "Diabetes mellitus" in title_variants("Diabetes mellitus, unspecified", generic=True)
    assert "Pneumonia" in title_variants("Pneumonia, unspecified organism", generic=True)
    assert "Abdominal aortic aneurysm" in title_variants(
        "Abdominal aortic aneurysm, ruptured, unspecified", generic=True
    )


@pytest.mark.parametrize(
    "title",
    [
        "Blood, injection, injury type phobia",  # the first item of a list
        "Absent, scanty and rare menstruation",
        "Husband, perpetrator of maltreatment and neglect",  # a role
        "Fistula, unspecified joint",  # a condition at one site
        "Hemiplegia, unspecified affecting right dominant side",
    ],
)
def test_a_lone_word_before_a_comma_that_is_not_the_condition_is_no_variant(title: str) -> None:
    head = title.split(",")[0]
    assert head not in title_variants(title, generic=True)
