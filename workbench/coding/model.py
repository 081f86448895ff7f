"""The trained coder: a convolutional note encoder with code-title guided label attention.

For every code c the model forms an attention query from c's own learned vector plus the mean
embedding of the words of its ICD-10-CM title (the "code-title guided attention" of RAC, and the
label attention of LAAT), reads the note through that attention and scores c from what it read.
The attention weights over words are the model's evidence: the words it read to score c.

Training data: coded cases (CodiEsp train split, English) plus one short example per label built
from its ICD-10-CM title, inclusion terms and curated synonyms, so that the title words of a code
point at it even where the cases are few. Deterministic for a seed; two CPU threads.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from workbench.coding.catalog import Catalog, normalise_code
from workbench.coding.corpus import Case, fy2026_code
from workbench.coding.text import words
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    import torch

MODELS = Path(__file__).resolve().parents[2] / "models"
MODEL_PATH = MODELS / "coder.pt"
MAX_TOKENS = 1000
PAD, UNK = 0, 1


class ModelMissing(WorkbenchError):
    pass


@dataclass(frozen=True)
class TrainConfig:
    seed: int = 13
    epochs: int = 14
    embedding_dim: int = 128
    hidden_dim: int = 128
    attention_dim: int = 128
    batch_size: int = 16
    sampled_negatives: int = 300  # labels scored per batch besides the batch's own codes
    learning_rate: float = 3e-3
    weight_decay: float = 1e-4
    dropout: float = 0.2  # 0.3 → 0.2: model-only out-of-fold MAP +0.015 / +0.007 (seeds 13 / 16)
    min_word_count: int = 2
    max_vocab: int = 40_000
    title_examples: bool = True
    pretrain: bool = True  # PPMI-SVD word vectors from the cases and the unlabelled notes
    embedding_scale: float = 3.0
    threads: int = 2
    ensemble: int = 3  # networks trained with seeds seed, seed+1, …; they vote with their mean


@dataclass
class TrainReport:
    config: TrainConfig
    n_cases: int
    n_title_examples: int
    n_labels: int
    vocab_size: int
    seconds: float
    losses: list[float] = field(default_factory=list)


# Function words: dropping them halves the model's input without losing what names a condition.
MODEL_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "and",
        "or",
        "is",
        "was",
        "were",
        "be",
        "been",
        "being",
        "are",
        "with",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "his",
        "her",
        "they",
        "their",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "from",
        "which",
        "who",
        "whom",
        "what",
        "when",
        "where",
        "there",
        "than",
        "then",
        "so",
        "such",
        "also",
        "had",
        "has",
        "have",
        "having",
        "after",
        "before",
        "during",
        "into",
        "about",
        "over",
        "under",
        "up",
        "down",
        "out",
        "off",
        "very",
        "more",
        "most",
        "some",
        "any",
        "all",
        "each",
        "both",
        "other",
        "same",
        "own",
        "only",
        "can",
        "could",
        "would",
        "should",
        "will",
        "may",
        "might",
        "must",
        "do",
        "does",
        "did",
        "done",
        "s",
    ]
)


def tokenize(text: str) -> list[tuple[int, int, str]]:
    return [t for t in words(text) if t[2] not in MODEL_STOPWORDS]


def _build_net(vocab_size: int, n_labels: int, cfg: TrainConfig) -> Any:
    import torch
    from torch import nn

    class CoderNet(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.embed = nn.Embedding(vocab_size, cfg.embedding_dim, padding_idx=PAD)
            self.conv = nn.Conv1d(cfg.embedding_dim, cfg.hidden_dim, kernel_size=3, padding=1)
            self.skip = nn.Linear(cfg.embedding_dim, cfg.hidden_dim)
            self.drop = nn.Dropout(cfg.dropout)
            self.key = nn.Linear(cfg.hidden_dim, cfg.attention_dim)
            self.label_query = nn.Parameter(torch.zeros(n_labels, cfg.attention_dim))
            self.title_to_query = nn.Linear(cfg.embedding_dim, cfg.attention_dim, bias=False)
            self.label_out = nn.Parameter(torch.zeros(n_labels, cfg.hidden_dim))
            self.title_to_out = nn.Linear(cfg.embedding_dim, cfg.hidden_dim, bias=False)
            self.label_bias = nn.Parameter(torch.full((n_labels,), -4.0))
            # Title word ids per label, padded; filled by the trainer / the loader.
            self.register_buffer("title_ids", torch.zeros(n_labels, 16, dtype=torch.long))
            nn.init.normal_(self.label_query, std=0.05)
            nn.init.normal_(self.label_out, std=0.05)
            self.frozen: tuple[torch.Tensor, torch.Tensor, torch.Tensor] | None = None

        def freeze_labels(self) -> None:
            """Inference only: the label queries and weights depend on no input, compute them once."""
            with torch.no_grad():
                titles = self.title_vectors()
                self.frozen = (
                    self.label_query + self.title_to_query(titles),
                    self.label_out + self.title_to_out(titles),
                    self.label_bias.detach().clone(),
                )

        def title_vectors(self) -> torch.Tensor:
            title_ids: torch.Tensor = self.title_ids  # type: ignore[assignment]
            e = self.embed(title_ids)  # L x W x E
            mask = (title_ids != PAD).unsqueeze(-1).float()
            return (e * mask).sum(1) / mask.sum(1).clamp(min=1.0)

        def forward(
            self, ids: torch.Tensor, label_index: torch.Tensor | None = None
        ) -> tuple[torch.Tensor, torch.Tensor]:
            """ids B x T → (logits B x L, attention B x L x T)."""
            x = self.drop(self.embed(ids))  # B T E
            h = torch.tanh(self.conv(x.transpose(1, 2)).transpose(1, 2) + self.skip(x))  # B T H
            h = self.drop(h)
            keys = torch.tanh(self.key(h))  # B T A
            if self.frozen is not None:
                query, out_w, bias = self.frozen
            else:
                titles = self.title_vectors()
                query = self.label_query + self.title_to_query(titles)  # L A
                out_w = self.label_out + self.title_to_out(titles)  # L H
                bias = self.label_bias
            if label_index is not None:
                query, out_w, bias = query[label_index], out_w[label_index], bias[label_index]
            scores = torch.einsum("bta,la->blt", keys, query)
            scores = scores.masked_fill((ids == PAD).unsqueeze(1), -1e4)
            attn = torch.softmax(scores, dim=-1)  # B L T
            read = torch.einsum("blt,bth->blh", attn, h)  # B L H
            logits = (read * out_w.unsqueeze(0)).sum(-1) + bias
            return logits, attn

    return CoderNet()


def pretrain_embeddings(texts: Sequence[str], vocab: dict[str, int], dim: int, seed: int) -> np.ndarray:
    """Word vectors from unlabelled notes: positive PMI of co-occurrence within 4 words, reduced
    to dim by randomised SVD. Rows are scaled to the spread nn.Embedding starts from."""
    import torch

    v = len(vocab)
    pairs: list[np.ndarray] = []
    for text in texts:
        ids = np.array([vocab.get(w, UNK) for _, _, w in tokenize(text)], dtype=np.int64)
        for offset in range(1, 5):
            if len(ids) > offset:
                a, b = ids[:-offset], ids[offset:]
                keep = (a > UNK) & (b > UNK)
                pairs.append(a[keep] * v + b[keep])
                pairs.append(b[keep] * v + a[keep])
    if not pairs:
        return np.zeros((v, dim), dtype=np.float32)
    keys, counts = np.unique(np.concatenate(pairs), return_counts=True)
    rows, cols = keys // v, keys % v
    counts = counts.astype(np.float64)
    row_sum = np.bincount(rows, weights=counts, minlength=v)
    col_sum = np.bincount(cols, weights=counts, minlength=v) ** 0.75  # context smoothing (word2vec)
    ctx_total = col_sum.sum()
    pmi = np.log(counts * ctx_total / (row_sum[rows] * col_sum[cols] + 1e-12) + 1e-12)
    keep = pmi > 0
    m = torch.sparse_coo_tensor(
        torch.from_numpy(np.vstack([rows[keep], cols[keep]])),
        torch.from_numpy(pmi[keep].astype(np.float32)),
        (v, v),
        check_invariants=False,
    ).coalesce()
    gen = torch.Generator().manual_seed(seed)
    omega = torch.randn(v, dim + 16, generator=gen)
    y = torch.sparse.mm(m, omega)
    y = torch.sparse.mm(m, torch.linalg.qr(y).Q)  # one power iteration sharpens the subspace
    q = torch.linalg.qr(y).Q
    b = torch.sparse.mm(m.t().coalesce(), q).t()  # (dim+16) x v
    u_small, s, _ = torch.linalg.svd(b, full_matrices=False)
    vectors = (q @ u_small[:, :dim]) * s[:dim].sqrt()
    vectors = vectors / (vectors.norm(dim=1, keepdim=True) + 1e-6)
    return vectors.numpy().astype(np.float32)


def _title_texts(catalog: Catalog, code: str) -> list[str]:
    texts = [catalog.title(code), *catalog.inclusion_terms(code)]
    texts += [t for t, c in catalog.synonyms if normalise_code(c) == normalise_code(code)]
    return [t for t in texts if t]


def _encode(vocab: dict[str, int], text: str, limit: int = MAX_TOKENS) -> list[int]:
    return [vocab.get(w, UNK) for _, _, w in tokenize(text)][:limit] or [UNK]


def train_coder(
    cases: Sequence[Case],
    catalog: Catalog,
    cfg: TrainConfig | None = None,
    extra_texts: Sequence[str] = (),
    progress: Callable[[str], None] = print,
) -> tuple[Any, list[str], list[str], TrainReport]:
    """Returns (net, vocabulary, labels, report). labels are dotted codes known to the catalog."""
    import torch

    cfg = cfg or TrainConfig()
    torch.set_num_threads(cfg.threads)
    torch.manual_seed(cfg.seed)
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    t0 = time.perf_counter()

    def label_of(code: str) -> str | None:
        """A code CodiEsp wrote without its 7th character (W19.XXX) is learnt as the one it stands for."""
        return catalog.canonical(code if code in catalog else fy2026_code(code))

    targets = [{x for c in case.codes if (x := label_of(c))} for case in cases]
    labels = sorted(set().union(*targets))
    label_pos = {c: i for i, c in enumerate(labels)}

    counts: Counter[str] = Counter()
    for text in [c.text for c in cases] + list(extra_texts):
        counts.update(w for _, _, w in tokenize(text))
    title_texts = {c: _title_texts(catalog, c) for c in labels}
    for texts in title_texts.values():
        for t in texts:
            counts.update(w for _, _, w in tokenize(t))
            counts.update(w for _, _, w in tokenize(t))  # title words always make the cut
    vocab_list = ["<pad>", "<unk>"] + [
        w for w, n in counts.most_common(cfg.max_vocab) if n >= cfg.min_word_count
    ]
    vocab = {w: i for i, w in enumerate(vocab_list)}

    net = _build_net(len(vocab_list), len(labels), cfg)
    if cfg.pretrain:
        t1 = time.perf_counter()
        texts = [c.text for c in cases] + list(extra_texts) + [t for ts in title_texts.values() for t in ts]
        vectors = pretrain_embeddings(texts, vocab, cfg.embedding_dim, cfg.seed) * cfg.embedding_scale
        known = np.abs(vectors).sum(1) > 0
        with torch.no_grad():
            weight = net.embed.weight
            weight[torch.from_numpy(known)] = torch.from_numpy(vectors[known])
            weight[PAD].zero_()
        progress(f"pretrained {int(known.sum())} word vectors in {time.perf_counter() - t1:.0f} s")
    title_ids = torch.zeros(len(labels), 16, dtype=torch.long)
    for i, c in enumerate(labels):
        ids = _encode(vocab, catalog.title(c), 16)
        title_ids[i, : len(ids)] = torch.tensor(ids)
    net.title_ids.copy_(title_ids)

    examples: list[tuple[list[int], list[int]]] = [
        (_encode(vocab, case.text), [label_pos[c] for c in sorted(codes)])
        for case, codes in zip(cases, targets, strict=True)
    ]
    n_title = 0
    if cfg.title_examples:
        for c, texts in title_texts.items():
            for t in texts[:4]:
                examples.append((_encode(vocab, t, 32), [label_pos[c]]))
                n_title += 1

    opt = torch.optim.AdamW(net.parameters(), lr=cfg.learning_rate, weight_decay=cfg.weight_decay)
    n_short = sum(1 for seq, _ in examples if len(seq) <= 32)
    steps_per_epoch = -(-n_short // (cfg.batch_size * 4)) + -(-(len(examples) - n_short) // cfg.batch_size)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=cfg.learning_rate, total_steps=cfg.epochs * steps_per_epoch, pct_start=0.1
    )
    loss_fn = torch.nn.BCEWithLogitsLoss()
    report = TrainReport(cfg, len(cases), n_title, len(labels), len(vocab_list), 0.0)
    rng = random.Random(cfg.seed)
    for epoch in range(cfg.epochs):
        net.train()
        # Batches of similar length keep padding (and time) down; their order is shuffled.
        order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0]), rng.random()))
        short = [i for i in order if len(examples[i][0]) <= 32]
        long = [i for i in order if len(examples[i][0]) > 32]
        wide = cfg.batch_size * 4  # short title examples are cheap: bigger batches
        batches = [short[i : i + wide] for i in range(0, len(short), wide)]
        batches += [long[i : i + cfg.batch_size] for i in range(0, len(long), cfg.batch_size)]
        rng.shuffle(batches)
        total = 0.0
        for batch in batches:
            width = max(len(examples[i][0]) for i in batch)
            batch_ids = torch.zeros(len(batch), width, dtype=torch.long)
            # Score the batch's own codes and a random sample of the others: the full label set
            # per step would cost ten times more for little gain.
            positives = sorted({y for i in batch for y in examples[i][1]})
            pool = rng.sample(range(len(labels)), min(len(labels), cfg.sampled_negatives))
            chosen = positives + [y for y in pool if y not in set(positives)]
            column = {y: j for j, y in enumerate(chosen)}
            target = torch.zeros(len(batch), len(chosen))
            for row, i in enumerate(batch):
                seq, ys = examples[i]
                batch_ids[row, : len(seq)] = torch.tensor(seq)
                target[row, [column[y] for y in ys]] = 1.0
            logits, _ = net(batch_ids, torch.tensor(chosen))
            loss = loss_fn(logits, target) * len(chosen) / 50.0
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            sched.step()
            total += float(loss.detach())
        report.losses.append(total / len(batches))
        progress(f"epoch {epoch + 1}/{cfg.epochs}: loss {report.losses[-1]:.4f}")
    report.seconds = time.perf_counter() - t0
    net.eval()
    return net, vocab_list, labels, report


def save_model(
    path: Path,
    nets: Any | Sequence[Any],
    vocab: list[str],
    labels: list[str],
    report: TrainReport,
    extra: dict[str, Any],
) -> str:
    """Writes the weights of one network or of an ensemble sharing vocabulary and labels (float16)
    and the metadata; returns the model version (content hash)."""
    import torch

    members = list(nets) if isinstance(nets, Sequence) else [nets]
    states = [
        {k: (v.half() if v.is_floating_point() else v) for k, v in net.state_dict().items()}
        for net in members
    ]
    meta = {"config": asdict(report.config), "vocab": vocab, "labels": labels, **extra}
    version = model_version(states, meta)
    meta["version"] = version
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"states": states, "meta": meta}, path)
    return version


def model_version(states: Sequence[dict[str, Any]], meta: dict[str, Any]) -> str:
    """A hash of the weights and of the metadata that shapes them: the same training gives the
    same version, however long it took."""
    shaping = {k: v for k, v in meta.items() if k != "version"}
    shaping["training"] = {k: v for k, v in meta.get("training", {}).items() if k != "seconds"}
    digest = hashlib.sha256(json.dumps(shaping, sort_keys=True).encode())
    for state in states:
        for k in sorted(state):
            digest.update(state[k].numpy().tobytes())
    return f"laat-{digest.hexdigest()[:10]}"


TOP_TOKENS = 6


@dataclass(frozen=True)
class CodeScores:
    """Per-label probabilities for one note, with the words each label attended to most."""

    labels: Sequence[str]
    probabilities: np.ndarray  # L
    tokens: list[tuple[int, int, str]]
    top_tokens: np.ndarray  # L x TOP_TOKENS token positions, -1 where none
    top_weights: np.ndarray  # L x TOP_TOKENS attention weights

    def evidence(self, code_index: int, max_spans: int = 3) -> list[tuple[int, int]]:
        """Character spans of the words the model read most for this code."""
        positions = self.top_tokens[code_index]
        weights = self.top_weights[code_index]
        if not self.tokens or positions[0] < 0:
            return []
        peak = float(weights[0])
        chosen = sorted(int(p) for p, w in zip(positions[:max_spans], weights[:max_spans], strict=True)
                        if p >= 0 and w >= 0.25 * peak)  # fmt: skip
        spans: list[tuple[int, int]] = []
        for t in chosen:
            start, end, _ = self.tokens[t]
            if spans and start - spans[-1][1] <= 1:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans


class CodeModel:
    """The trained coder, loaded from models/ once and used for inference only."""

    def __init__(self, path: Path = MODEL_PATH) -> None:
        import torch

        if not path.exists():
            raise ModelMissing(f"No trained coder at {path}; train one with `workbench train-coder`.")
        blob = torch.load(path, map_location="cpu", weights_only=False)
        meta = blob["meta"]
        self.meta: dict[str, Any] = meta
        self.version: str = meta["version"]
        self.labels: list[str] = meta["labels"]
        self.label_index = {c: i for i, c in enumerate(self.labels)}
        self.vocab = {w: i for i, w in enumerate(meta["vocab"])}
        cfg = TrainConfig(**meta["config"])
        self._nets = []
        for state in blob["states"]:
            net = _build_net(len(meta["vocab"]), len(self.labels), cfg)
            net.load_state_dict({k: v.float() if v.is_floating_point() else v for k, v in state.items()})
            net.eval()
            net.freeze_labels()
            self._nets.append(net)
        self._lock = threading.Lock()

    def score(self, text: str) -> CodeScores:
        import torch

        tokens = tokenize(text)
        ids_all = [self.vocab.get(w, UNK) for _, _, w in tokens] or [UNK]
        n = len(self.labels)
        probs = np.zeros(n, dtype=np.float32)
        top_tokens = np.full((n, TOP_TOKENS), -1, dtype=np.int64)
        top_weights = np.zeros((n, TOP_TOKENS), dtype=np.float32)
        with self._lock, torch.inference_mode():
            # Long notes are read in windows; a code scores its best window.
            for start in range(0, len(ids_all), MAX_TOKENS):
                chunk = ids_all[start : start + MAX_TOKENS]
                # An ensemble's members vote with their mean probability and mean attention.
                p_sum, attn_sum = None, None
                for net in self._nets:
                    logits, attn = net(torch.tensor([chunk]))
                    p_one = torch.sigmoid(logits[0])
                    p_sum = p_one if p_sum is None else p_sum + p_one
                    attn_sum = attn if attn_sum is None else attn_sum + attn
                assert p_sum is not None and attn_sum is not None
                p = (p_sum / len(self._nets)).numpy()
                attn = attn_sum / len(self._nets)
                better = p > probs
                probs = np.where(better, p, probs)
                if tokens:
                    k = min(TOP_TOKENS, len(chunk))
                    w, pos = torch.topk(attn[0], k, dim=-1)
                    top_tokens[better, :k] = pos.numpy()[better] + start
                    top_weights[better, :k] = w.numpy()[better]
        return CodeScores(self.labels, probs, tokens, top_tokens, top_weights)


_lock = threading.Lock()
_model: CodeModel | None = None


def load_model(path: Path = MODEL_PATH) -> CodeModel:
    global _model
    with _lock:
        if _model is None:
            _model = CodeModel(path)
        return _model
