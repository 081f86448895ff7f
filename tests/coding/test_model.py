"""A tiny training run (a few cases, two epochs) and the shipped model's interface. The full model
is never retrained here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbench.coding.catalog import Catalog
from workbench.coding.corpus import Case
from workbench.coding.model import CodeModel, TrainConfig, pretrain_embeddings, save_model, train_coder

CASES = [
    Case("a", "Patient with hypertension and chest pain.", frozenset({"I10", "R07.9"})),
    Case("b", "Fever and cough for three days, pneumonia on x-ray.", frozenset({"R50.9", "J18.9"})),
    Case("c", "Longstanding hypertension, well controlled.", frozenset({"I10"})),
    Case("d", "High fever, no cough.", frozenset({"R50.9"})),
]
TINY = TrainConfig(
    epochs=3, embedding_dim=16, hidden_dim=16, attention_dim=16, sampled_negatives=10, threads=1
)


def _train(catalog: Catalog, seed: int) -> tuple[object, list[str], list[str], object]:
    return train_coder(
        CASES, catalog, TrainConfig(**{**TINY.__dict__, "seed": seed}), progress=lambda _: None
    )


def test_tiny_training_is_deterministic_and_loads_back(catalog: Catalog, tmp_path: Path) -> None:
    import torch

    net1, vocab, labels, report = _train(catalog, 7)
    net2, _, _, _ = _train(catalog, 7)
    assert labels == ["I10", "J18.9", "R07.9", "R50.9"]
    assert report.n_title_examples > 0  # type: ignore[attr-defined]
    for (k, a), (_, b) in zip(net1.state_dict().items(), net2.state_dict().items(), strict=True):  # type: ignore[attr-defined]
        assert torch.equal(a, b), k
    path = tmp_path / "tiny.pt"
    version = save_model(path, net1, vocab, labels, report, {"training": {}})  # type: ignore[arg-type]
    model = CodeModel(path)
    assert model.version == version
    # The same training, however long it took, is the same version.
    again = save_model(tmp_path / "again.pt", net2, vocab, labels, report, {"training": {"seconds": 9.5}})  # type: ignore[arg-type]
    assert again == version
    scores = model.score("Hypertension again, and fever.")
    assert scores.probabilities.shape == (4,)
    assert np.all((scores.probabilities >= 0) & (scores.probabilities <= 1))
    spans = scores.evidence(labels.index("I10"))
    assert spans and all(0 <= s < e for s, e in spans)


def test_an_ensemble_votes_with_its_mean(catalog: Catalog, tmp_path: Path) -> None:
    net1, vocab, labels, report = _train(catalog, 1)
    net2, _, _, _ = _train(catalog, 2)
    text = "Fever and hypertension."
    singles = []
    for i, net in enumerate((net1, net2)):
        save_model(tmp_path / f"m{i}.pt", net, vocab, labels, report, {"training": {}})  # type: ignore[arg-type]
        singles.append(CodeModel(tmp_path / f"m{i}.pt").score(text).probabilities)
    save_model(tmp_path / "both.pt", [net1, net2], vocab, labels, report, {"training": {}})  # type: ignore[arg-type]
    both = CodeModel(tmp_path / "both.pt")
    assert not np.allclose(singles[0], singles[1])  # two seeds, two networks
    assert both.score(text).probabilities == pytest.approx((singles[0] + singles[1]) / 2, abs=1e-5)
    assert both.version not in {CodeModel(tmp_path / "m0.pt").version, CodeModel(tmp_path / "m1.pt").version}


def test_pretrained_vectors_put_cooccurring_words_together() -> None:
    texts = ["fever cough chills"] * 30 + ["fracture femur cast"] * 30
    vocab = {"<pad>": 0, "<unk>": 1, "fever": 2, "cough": 3, "chill": 4, "fracture": 5, "femur": 6, "cast": 7}
    vectors = pretrain_embeddings(texts, vocab, dim=4, seed=1)
    assert vectors.shape == (8, 4)
    assert float(vectors[2] @ vectors[3]) > float(vectors[2] @ vectors[6])


@pytest.fixture(scope="module")
def shipped() -> CodeModel:
    from workbench.coding.model import load_model

    return load_model()


def test_shipped_model_is_small_and_described(shipped: CodeModel) -> None:
    from workbench.coding.model import MODEL_PATH

    assert MODEL_PATH.stat().st_size <= 50 * 1024 * 1024
    assert (MODEL_PATH.parent / "MODEL_CARD.md").exists()
    assert shipped.version.startswith("laat-")
    assert len(shipped.labels) > 1000


def test_shipped_model_attends_to_the_words_of_its_codes(shipped: CodeModel) -> None:
    text = "The patient reports fever since Monday. Examination otherwise normal."
    scores = shipped.score(text)
    i = shipped.label_index["R50.9"]
    assert scores.probabilities[i] > 0.5
    assert any(text[s:e].lower().startswith("fever") for s, e in scores.evidence(i))
