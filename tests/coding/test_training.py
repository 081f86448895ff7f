"""`workbench train-coder` end to end on a tiny corpus: cross-fitted fusion, an ensemble and the
similar-case index, written where the engine loads them from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.coding.corpus import Case
from workbench.coding.fusion import FEATURES, Fusion, FusionError
from workbench.coding.model import CodeModel, TrainConfig
from workbench.coding.similar_cases import SimilarCases
from workbench.coding.training import cross_folds, train_coder_pipeline

NOTES = {
    "c01": ("Hypertension, on lisinopril.", "i10"),
    "c02": ("Fever and cough, pneumonia on the x-ray.", "j18.9"),
    "c03": ("Known hypertension, blood pressure high today.", "i10"),
    "c04": ("Pneumonia of the right lower lobe, fever.", "j18.9"),
    "c05": ("Type 2 diabetes mellitus, metformin continued.", "e11.9"),
    "c06": ("Diabetes mellitus type 2 with good control.", "e11.9"),
    "c07": ("High blood pressure; hypertension follow-up.", "i10"),
    "c08": ("Cough, fever and crackles: pneumonia.", "j18.9"),
}


def test_cross_folds_hold_out_every_case_once() -> None:
    cases = [Case(f"d{i}", "", frozenset()) for i in range(7)]
    folds = cross_folds(cases, 3)
    held = [c.doc_id for _, h in folds for c in h]
    assert sorted(held) == sorted(c.doc_id for c in cases)
    for part, h in folds:
        assert not {c.doc_id for c in part} & {c.doc_id for c in h}
        assert len(part) + len(h) == 7


def test_train_coder_writes_model_fusion_and_similar_cases(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for doc, (text, _) in NOTES.items():
        (notes / f"{doc}.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.tsv"
    gold.write_text("".join(f"{doc}\t{code}\n" for doc, (_, code) in NOTES.items()), encoding="utf-8")
    out = tmp_path / "models" / "coder.pt"
    tiny = TrainConfig(
        epochs=2, embedding_dim=8, hidden_dim=8, attention_dim=8, sampled_negatives=5, threads=1,
        ensemble=2, pretrain=False,
    )  # fmt: skip
    lines: list[str] = []
    version = train_coder_pipeline(notes, gold, out, tiny, lines.append, folds=2)

    model = CodeModel(out)
    assert model.version == version
    assert model.meta["training"]["ensemble"] == 2 and model.meta["training"]["cases"] == 8
    fusion = Fusion.load(out.with_name("fusion.json"))
    assert len(fusion.weights) == len(FEATURES)
    assert "8 training cases (2 folds)" in fusion.fitted_on
    assert fusion.priors["I10"] == 3
    votes = SimilarCases.load(out.with_name("similar_cases.npz")).votes("hypertension again")
    assert max(votes, key=votes.__getitem__) == "I10"
    assert any(line.startswith("fold 2/2") for line in lines)
    assert not list(out.parent.glob("*.held-out*")) and sorted(p.name for p in out.parent.iterdir()) == [
        "coder.pt", "fusion.json", "similar_cases.npz",
    ]  # fmt: skip


def test_a_fusion_fitted_for_other_features_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "fusion.json"
    Fusion().save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["weights"] = data["weights"][:-2]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(FusionError, match="train-coder"):
        Fusion.load(path)


def test_out_of_fold_scores_rank_by_the_fusion() -> None:
    from workbench.coding.fusion import CodeEvidence
    from workbench.coding.training import Reading, out_of_fold_scores

    strong, weak = CodeEvidence(model_probability=0.95), CodeEvidence(model_probability=0.01)
    fusion = Fusion(threshold=0.5)
    assert fusion.confidence(strong) > 0.5 > fusion.confidence(weak)
    # Case 1: the gold code ranks first; a second gold code was never found (AP 1/2).
    # Case 2: the gold code ranks second, under a wrong one (AP 1/2).
    readings = [Reading([weak, strong], [0, 1], 2), Reading([strong, weak], [0, 1], 1)]
    average_precision, f1 = out_of_fold_scores(fusion, readings)
    assert average_precision == pytest.approx(0.5)
    # Shown: the two strong codes, one of them gold; three gold codes in all.
    assert f1 == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))
