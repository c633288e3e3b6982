"""Fitting the character tagger (:mod:`archive.ingest.name_tagger`): an averaged perceptron.

>>> labels_of(6, [(2, 5)]) == [OUT, OUT, BEG, MID, END, OUT]
True
"""

from __future__ import annotations

import json
import lzma
import random
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

from archive.ingest.name_tagger import BEG, END, MID, MODEL, OUT, best_labels, features

Row = tuple[str, list[tuple[str, str]], list[tuple[int, int]]]  # text, tokens, name spans


def labels_of(length: int, names: Iterable[tuple[int, int]]) -> list[int]:
    """The gold labels of a paragraph of ``length`` characters with names at ``names``."""
    out = [OUT] * length
    for s, e in names:
        if e - s >= 2:
            out[s] = BEG
            out[s + 1 : e - 1] = [MID] * (e - s - 2)
            out[e - 1] = END
    return out


def train(paragraphs: Sequence[Row], *, epochs: int = 5, min_count: int = 2) -> dict:
    """Fit an averaged perceptron on (text, tokens, name spans) triples; plain Python.

    Feature strings become integer ids once, up front, so each epoch is arithmetic on
    flat arrays. Features seen fewer than ``min_count`` times get no weight, and weights
    that stay near zero are left out of the model, which keeps the file small.
    """
    ids, data = _encoded(paragraphs, min_count)
    weights, transitions = _Averaged(len(ids) * 4), _Averaged(16)
    step = 0
    order = list(range(len(data)))
    for epoch in range(epochs):
        random.Random(epoch).shuffle(order)
        for j in order:
            step += 1
            _learn(*data[j], weights, transitions, step)
    step += 1
    return _model(ids, weights.averages(step), transitions.averages(step))


def _encoded(paragraphs: Sequence[Row], min_count: int) -> tuple[dict[str, int], list]:
    """Feature ids of the common features, and each paragraph as (ids per character,
    gold labels)."""
    counts: dict[str, int] = {}
    rows = []
    for text, tokens, names in paragraphs:
        feats = features(text, tokens)
        for f in feats:
            for x in f:
                counts[x] = counts.get(x, 0) + 1
        rows.append((feats, labels_of(len(text), names)))
    ids = {x: k for k, x in enumerate(x for x, c in counts.items() if c >= min_count)}
    data = [
        ([array("i", [ids[x] for x in f if x in ids]) for f in feats], gold) for feats, gold in rows
    ]
    return ids, data


class _Averaged:
    """Weights with their running sums over steps, for the average; a weight's sum is
    brought up to date only when the weight changes (and once at the end)."""

    def __init__(self, size: int) -> None:
        self.w = array("d", [0.0]) * size
        self.total = array("d", [0.0]) * size
        self.stamp = array("i", [0]) * size

    def bump(self, k: int, by: float, step: int) -> None:
        self.total[k] += (step - self.stamp[k]) * self.w[k]
        self.stamp[k] = step
        self.w[k] += by

    def averages(self, step: int) -> list[float]:
        for k in range(len(self.w)):
            self.total[k] += (step - self.stamp[k]) * self.w[k]
        return [t / step for t in self.total]


def _learn(feats: list, gold: list[int], weights: _Averaged, transitions: _Averaged, step: int):
    """One perceptron update: where the best labels differ from gold, gold's features and
    transitions gain, the guess's lose."""
    guess = best_labels(_scores(feats, weights.w), transitions.w)
    if guess == gold:
        return
    for i, (g, p) in enumerate(zip(gold, guess, strict=True)):
        if g != p:
            for x in feats[i]:
                weights.bump(x * 4 + g, 1.0, step)
                weights.bump(x * 4 + p, -1.0, step)
        if i and (gold[i - 1], g) != (guess[i - 1], p):
            transitions.bump(gold[i - 1] * 4 + g, 1.0, step)
            transitions.bump(guess[i - 1] * 4 + p, -1.0, step)


def _scores(feats: list, w: array) -> list[list[float]]:
    scores = []
    for f in feats:
        row = [0.0, 0.0, 0.0, 0.0]
        for x in f:
            b = x * 4
            row[0] += w[b]
            row[1] += w[b + 1]
            row[2] += w[b + 2]
            row[3] += w[b + 3]
        scores.append(row)
    return scores


def _model(ids: dict[str, int], averages: list[float], transitions: list[float]) -> dict:
    weights = {}
    for x, k in ids.items():
        v = [round(averages[k * 4 + t], 2) for t in range(4)]
        if max(abs(a) for a in v) >= 0.01:
            weights[x] = v
    return {"transitions": [round(v, 2) for v in transitions], "weights": weights}


def save(model: dict, note: str, path: Path = MODEL) -> None:
    """Write the tagger's weights where the site reads them."""
    with lzma.open(path, "wt", encoding="utf-8", preset=9) as f:
        json.dump({"_note": note, **model}, f, ensure_ascii=False, separators=(",", ":"))
