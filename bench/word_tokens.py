"""jieba's words for the ranking field: the bulk path (rjieba for hanzi) against jieba itself.

    .venv/bin/python bench/word_tokens.py [--runs 3]

The reference is jieba 0.42.1 search mode over each article's whole folded text
(``jieba_words`` outside ``bulk_words``). The bulk path cuts the text into jieba's own
blocks and gives the blocks of hanzi only to rjieba, the rest to jieba. Prints how many of
the 3,148 articles of the 1998-01 corpus get exactly the same word list, the first
differences if any, and the time of each path (median of runs, same process).
"""

import argparse
import difflib
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CORPUS_JSONL, machine, median, require_corpus  # noqa: E402
from search_quality import load_articles  # noqa: E402

from archive.search.analysis import bulk_words, fold, jieba_words  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    require_corpus()
    print(f"machine: {machine()}")
    texts = [fold(text) for _, _, text, _ in load_articles(CORPUS_JSONL)]
    jieba_words("预热")
    with bulk_words():
        jieba_words("预热")
    slow_times, fast_times = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        reference = [jieba_words(t) for t in texts]
        slow_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        with bulk_words():
            bulk = [jieba_words(t) for t in texts]
        fast_times.append(time.perf_counter() - started)
    same = sum(a == b for a, b in zip(reference, bulk, strict=True))
    words = sum(len(a) for a in reference)
    print(f"{same}/{len(texts)} articles with identical words ({words:,} words from jieba)")
    shown = 0
    for a, b in zip(reference, bulk, strict=True):
        if a != b and shown < 10:
            shown += 1
            ops = difflib.SequenceMatcher(None, a, b).get_opcodes()
            print("  differs:", [(a[i:j], b[k:m]) for op, i, j, k, m in ops if op != "equal"][:5])
    slow, fast = median(slow_times), median(fast_times)
    print(
        f"jieba {slow:.2f} s, bulk path {fast:.2f} s for {sum(map(len, texts)):,} chars "
        f"(median of {args.runs}; {slow / fast:.1f}× faster)"
    )
    if same != len(texts):
        sys.exit(1)


if __name__ == "__main__":
    main()
