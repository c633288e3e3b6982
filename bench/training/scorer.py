"""Fitting the candidate scorer (:mod:`archive.ingest.name_score`): logistic regression.

>>> weights = fit([(["bias", "b:title"], 1), (["bias", "a:的"], 0)] * 5, min_count=1)
>>> weights["b:title"] > 0 > weights["a:的"]
True
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from archive.ingest.name_score import WEIGHTS

# The name's own characters (s:, g:, g1:, g2:) are many features with little evidence
# each: a stronger L2 keeps one common word (明显的) from branding a character as no
# given name's, which would drop 徐衣显 or 王付举 whatever their context says.
_CHAR_FEATURES = ("s:", "g:", "g1:", "g2:", "g3:")
CHAR_L2 = 5e-3


def fit(
    samples: list[tuple[list[str], int]],
    *,
    l2: float = 1e-3,
    epochs: int = 30,
    min_count: int = 5,
) -> dict[str, float]:
    """Logistic regression by Adagrad over (features, label) pairs; plain Python.

    Features seen in fewer than ``min_count`` training candidates are dropped first: a
    weight learnt from a handful of rows (one rare character after one name) fits those
    rows, not the next article. Identical feature vectors are merged (most candidates
    share one), which makes a pass over ~50,000 candidates take well under a second.
    """
    rows = _merged_rows(samples, min_count)
    w: dict[str, float] = {}
    g2: dict[str, float] = {}
    for _ in range(epochs):
        for feats, (neg, pos) in rows:
            z = sum(w.get(x, 0.0) for x in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            grad = p * (neg + pos) - pos  # summed gradient of the merged rows
            for x in feats:
                g = grad + _l2(x, l2) * (neg + pos) * w.get(x, 0.0)
                g2[x] = g2.get(x, 0.0) + g * g
                w[x] = w.get(x, 0.0) - 0.5 * g / math.sqrt(g2[x] + 1e-8)
    return {k: round(v, 3) for k, v in sorted(w.items()) if abs(v) >= 0.02}


def _merged_rows(samples: list[tuple[list[str], int]], min_count: int) -> list:
    """(features, [negatives, positives]) per distinct vector of the common features."""
    seen: dict[str, int] = {}
    for feats, _ in samples:
        for x in set(feats):
            seen[x] = seen.get(x, 0) + 1
    merged: dict[tuple[str, ...], list[int]] = {}
    for feats, label in samples:
        feats = [x for x in feats if seen[x] >= min_count]
        merged.setdefault(tuple(sorted(set(feats))), [0, 0])[label] += 1
    return list(merged.items())


def _l2(feature: str, l2: float) -> float:
    return max(l2, CHAR_L2) if feature.startswith(_CHAR_FEATURES) else l2


def save(model: dict, note: str, path: Path = WEIGHTS) -> None:
    """Write the scorer's weights and threshold where the site reads them."""
    text = json.dumps({"_note": note, **model}, ensure_ascii=False, indent=0) + "\n"
    path.write_text(text, "utf-8")
