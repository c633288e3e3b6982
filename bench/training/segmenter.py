"""Fit the line-role model (archive/ingest/line_roles.crfsuite) on laid-out pages.

    .venv/bin/python bench/training/segmenter.py [--pages 250] [--iterations 80]

Pages of the fitting dates only (PFR 1998-01-01..20, rmrb 2019-10-01..20), from the
trained layout programs (bench/layout/programs.py TRAINED; the held-out one never), each
program with each corpus it prints. Every text line's features (line_features.py, with the
rule segmenter's reading) and its printed role go to CRFsuite (L-BFGS, L1 + L2); the file
written holds feature weights only. Prints the line accuracy on pages of the test dates.
Bounded: a few minutes on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pycrfsuite  # noqa: E402

from archive.ingest.line_features import guess_order, page_features, with_order  # noqa: E402
from archive.ingest.line_roles import MODEL, rule_roles  # noqa: E402
from archive.ingest.normalize import normalize_text  # noqa: E402
from archive.ingest.segment import segment  # noqa: E402
from bench.layout.programs import CORPORA, TRAINED, pages  # noqa: E402

_LABEL = {"": "body"}


def sequences(laid_pages):
    """(features, labels) of every page's text lines; the page's order as the parser
    guesses it (line_features.guess_order), so the model learns to live with its errors."""
    for laid in laid_pages:
        lines = normalize_text(laid.text)
        rules = rule_roles(lines, segment(lines))
        feats = with_order(page_features(lines, rules), guess_order(lines, rules))
        labels = [
            _LABEL.get(laid.roles[i], laid.roles[i]) for i, ln in enumerate(lines) if not ln.blank
        ]
        if feats:
            yield feats, labels


# Pages per program and corpus, as a share of --pages: the seed's style and the modern
# e-paper (both bodies first, as the pages to read) weigh most.
SEED = Path(__file__).resolve().parents[2] / "fixtures" / "jzrb-2020-01-27-p1.txt"
SEED_WEIGHT = 40
SHARE = {"typeset": 2.0, "epaper": 1.5, "broadsheet": 0.75, "mixer": 1.5}


def fit(
    per_program: int, iterations: int, seed: int = 1, c1: float = 0.05, c2: float = 0.01
) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for program in TRAINED:
        for corpus in CORPORA[program]:
            laid = pages(program, corpus, "fit", round(per_program * SHARE[program]), seed)
            for feats, labels in sequences(laid):
                trainer.append(feats, labels)
                count += 1
    # The one real page at hand, the seed, read by the rules (which read it exactly): the
    # model should agree with them there, and be sure of it.
    seed = normalize_text(SEED.read_text(encoding="utf-8"))
    rules = rule_roles(seed, segment(seed))
    feats = with_order(page_features(seed, rules), guess_order(seed, rules))
    for _ in range(SEED_WEIGHT):
        trainer.append(feats, [rules.get(i, "body") for i, ln in enumerate(seed) if not ln.blank])
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations,
                        "feature.minfreq": 2, "feature.possible_transitions": True})  # fmt: skip
    started = time.perf_counter()
    trainer.train(str(MODEL))
    print(f"fitted on {count} pages in {time.perf_counter() - started:.0f} s -> {MODEL}")
    return MODEL


def line_accuracy(program: str, corpus: str, count: int) -> tuple[float, Counter]:
    from archive.ingest.line_roles import read_roles

    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    right = total = 0
    confusion: Counter = Counter()
    for laid in pages(program, corpus, "test", count, seed=7):
        lines = normalize_text(laid.text)
        reading = read_roles(lines, rule_roles(lines, segment(lines)), tagger)
        labels = [_LABEL.get(laid.roles[i], laid.roles[i]) for i in reading.index]
        for want, got in zip(labels, reading.labels, strict=True):
            right += want == got
            total += 1
            if want != got:
                confusion[(want, got)] += 1
    return right / max(1, total), confusion


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=250, help="pages per program and corpus")
    parser.add_argument("--iterations", type=int, default=80)
    parser.add_argument("--check", type=int, default=40, help="test pages per program")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    args = parser.parse_args()
    fit(args.pages, args.iterations, c1=args.c1, c2=args.c2)
    for program, corpora in CORPORA.items():
        for corpus in corpora:
            accuracy, confusion = line_accuracy(program, corpus, args.check)
            print(f"{program:10} {corpus:4} line roles right {100 * accuracy:6.2f} %  "
                  f"most confused {confusion.most_common(3)}")  # fmt: skip


if __name__ == "__main__":
    main()
