"""`workbench suggest` and `workbench evaluate` through the real command line entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.cli import main
from workbench.coding.suggest import SuggestionEngine


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "n1.txt").write_text("Known HTN and T2DM. Denies chest pain.", encoding="utf-8")
    (folder / "n2.txt").write_text("Fever and cough. Mother had breast cancer.", encoding="utf-8")
    (tmp_path / "gold.tsv").write_text("n1\ti10\nn1\te11.9\nn2\tr50.9\n", encoding="utf-8")
    return folder


def test_suggest_tsv(engine: SuggestionEngine, notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--tsv", str(notes)]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert ["n1", "I10"] in [r[:2] for r in rows]
    assert all(len(r) == 3 and float(r[2]) >= 0 for r in rows)
    assert "R07.9" not in {r[1] for r in rows}


def test_suggest_all_adds_candidates(
    engine: SuggestionEngine, notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["suggest", "--tsv", str(notes / "n1.txt")])
    shown = capsys.readouterr().out.splitlines()
    main(["suggest", "--tsv", "--all", str(notes / "n1.txt")])
    everything = capsys.readouterr().out.splitlines()
    assert everything[: len(shown)] == shown
    assert len(everything) > len(shown)


def test_suggest_json(engine: SuggestionEngine, notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--json", str(notes / "n2.txt")]) == 0
    [doc] = json.loads(capsys.readouterr().out)
    assert doc["document"] == "n2"
    codes = {s["code"] for s in doc["suggestions"]}
    assert "Z80.3" in codes
    first = doc["suggestions"][0]
    assert {"code", "title", "score", "confidence", "evidence", "flags", "reason", "model_version"} <= set(
        first
    )


def test_suggest_text_output(
    engine: SuggestionEngine, notes: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["suggest", str(notes / "n1.txt")]) == 0
    out = capsys.readouterr().out
    assert "I10" in out and "evidence" in out and "ruled out [negated]" in out


def test_suggest_missing_path_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["suggest", str(tmp_path / "nope.txt")]) == 2
    assert "No such file" in capsys.readouterr().err


def test_evaluate(engine: SuggestionEngine, notes: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "--json", "--gold", str(notes.parent / "gold.tsv"), "--notes", str(notes)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 2
    assert 0 < report["with_assertion_filter"]["f1"] <= 1
    assert "without_negation_filter" in report
