"""Similar coded cases: the nearest cases vote for their codes; the index saves and loads back."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.coding.corpus import Case
from workbench.coding.similar_cases import SimilarCases, SimilarCasesError
from workbench.coding.suggest import SuggestionEngine

CASES = [
    Case("a", "Chest pain radiating to the left arm, troponin raised: acute myocardial infarction.",
         frozenset({"I21.9", "R07.9"})),
    Case("b", "Chest pain at rest with raised troponin; coronary angiography showed occlusion.",
         frozenset({"I21.9"})),
    Case("c", "Fever, productive cough and consolidation on the chest x-ray: pneumonia.",
         frozenset({"J18.9", "R50.9"})),
    Case("d", "Cough and fever for a week, crackles at the right base, pneumonia treated.",
         frozenset({"J18.9"})),
    Case("e", "Fracture of the left femur after a fall from a ladder.", frozenset({"S72.92XA"})),
]  # fmt: skip


@pytest.fixture(scope="module")
def index() -> SimilarCases:
    return SimilarCases.build(CASES)


def test_the_nearest_cases_vote_for_their_codes(index: SimilarCases) -> None:
    votes = index.votes("Two days of fever and cough; pneumonia on the x-ray.", neighbours=2)
    assert max(votes, key=votes.__getitem__) == "J18.9"
    assert votes["J18.9"] == pytest.approx(1.0)  # both nearest cases carry it
    assert "I21.9" not in votes and "S72.92XA" not in votes
    assert all(0.0 < v <= 1.0 + 1e-6 for v in votes.values())


def test_votes_are_shares_of_the_neighbours(index: SimilarCases) -> None:
    votes = index.votes("chest pain troponin", neighbours=2)
    assert votes["I21.9"] == pytest.approx(1.0)
    assert 0.0 < votes["R07.9"] < 1.0


@pytest.mark.parametrize("text", ["", "   ", "zzz qqq", "\x00\x01 binary"])
def test_a_note_sharing_no_term_gets_no_votes(index: SimilarCases, text: str) -> None:
    assert index.votes(text) == {}


def test_saves_and_loads_back(index: SimilarCases, tmp_path: Path) -> None:
    path = tmp_path / "similar_cases.npz"
    index.save(path)
    loaded = SimilarCases.load(path)
    text = "Chest pain and fever with cough."
    assert loaded.votes(text) == pytest.approx(index.votes(text), abs=1e-3)  # weights kept in float16
    assert loaded.case_codes == index.case_codes


def test_a_damaged_index_is_a_clear_error(index: SimilarCases, tmp_path: Path) -> None:
    path = tmp_path / "similar_cases.npz"
    index.save(path)
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(SimilarCasesError, match="train-coder"):
        SimilarCases.load(path)


def test_no_cases_is_a_clear_error() -> None:
    with pytest.raises(SimilarCasesError, match="No coded cases"):
        SimilarCases.build([])


def test_the_index_keeps_no_note_text(index: SimilarCases, tmp_path: Path) -> None:
    path = tmp_path / "similar_cases.npz"
    index.save(path)
    import zipfile

    with zipfile.ZipFile(path) as archive:
        stored = b"".join(archive.read(name) for name in archive.namelist())
    assert b"ladder" not in stored  # a word of one case only is not even in the vocabulary


def test_a_code_only_similar_cases_support_is_ranked_never_shown(engine: SuggestionEngine) -> None:
    # Z99.2 (renal dialysis) was coded in both chest-pain cases; nothing in the note names it.
    cases = [Case(c.doc_id, c.text, c.codes | {"Z99.2"}) if "troponin" in c.text else c for c in CASES]
    similar = SuggestionEngine(
        engine.catalog, engine.context, engine.model, engine.fusion, SimilarCases.build(cases)
    )
    result = similar.suggest("Chest pain at rest; troponin raised.")
    assert "Z99.2" not in {s.code for s in result.suggestions}
    (candidate,) = [s for s in result.candidates if s.code == "Z99.2"]
    assert candidate.evidence == ()
    assert candidate.reason.startswith("similar cases: coded in")
    assert "Z99.2" not in {s.code for s in engine.suggest("Chest pain at rest; troponin raised.").ranked()}
