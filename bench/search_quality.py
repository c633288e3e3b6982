"""Exact-substring search quality and latency on the People's Daily 1998-01 corpus.

    .venv/bin/python bench/search_quality.py [--queries 400] [--procs 1] [--seed 1998]

Builds a throwaway index in a temporary directory (the corpus is research-only and never
copied into the repository), then runs random 2–6 character CJK substrings of article texts
plus person names through the site's search function. Truth is a plain Python substring
check over the folded text of every article. Prints recall, precision and the latency of
the warm searcher (p50/p95), with and without facets, snippets and the jieba boost.
"""

import argparse
import json
import lzma
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The writer reads its settings (SEARCH_WRITER_*); a throwaway DATA_DIR keeps the
# settings module from touching the real archive.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="search-quality-"))

import django  # noqa: E402
from whoosh import index as whoosh_index  # noqa: E402

django.setup()  # the engine module imports the models (its database side)

from archive.search.analysis import CJK_RUN, fold  # noqa: E402
from archive.search.document import index_document, searchable_text  # noqa: E402
from archive.search.schema import SCHEMA, whoosh_document  # noqa: E402
from archive.search.whoosh_backend import WhooshBackend  # noqa: E402
from archive.search.whoosh_writing import add_documents, new_writer  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pfr_199801_articles.jsonl.xz"
NAMES = ["江泽民", "朱镕基", "李鹏", "钱其琛", "周恩来", "邓小平", "克林顿", "胡锦涛", "乔石"]


def load_articles(path):
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        for pk, line in enumerate(handle, start=1):
            art = json.loads(line)
            title, *body = art["paragraphs"] or [""]
            persons = sorted({n for n in art["persons"] if len(n) > 1})
            text = searchable_text(title=title, paragraphs=body, persons=persons)
            yield (
                pk,
                art,
                text,
                {
                    "django_id": pk,
                    "text": text,
                    "url": f"/rmrb/{art['date']}/{art['page']}/{pk}/",
                    "kicker": "",
                    "title": title,
                    "subtitle": "",
                    "paper": "rmrb",
                    "paper_name": "人民日报",
                    "date": art["date"],
                    "page": art["page"],
                    "kind": "article",
                    "persons": persons,
                    "reporters": [],
                },
            )


def build_index(path, rows, procs):
    started = time.monotonic()
    ix = whoosh_index.create_in(path, SCHEMA)
    docs = [whoosh_document(index_document(fields)) for _, _, _, fields in rows]
    # The site's own writer: its codec, rjieba for bulk batches, MpWriter when procs > 1.
    writer = new_writer(ix, docs=len(docs), procs=procs)
    add_documents(writer, docs)
    writer.commit()
    return time.monotonic() - started


def sample_queries(texts, persons, count, rng):
    queries = set()
    names = [n for n in NAMES] + rng.sample(sorted(persons), min(len(persons), count // 5))
    queries.update(names)
    pks = sorted(texts)
    while len(queries) < count:
        runs = [r for r in CJK_RUN.findall(texts[rng.choice(pks)]) if len(r) >= 2]
        if not runs:
            continue
        run = rng.choice(runs)
        size = rng.randint(2, min(6, len(run)))
        start = rng.randint(0, len(run) - size)
        queries.add(run[start : start + size])
    return sorted(queries)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] * 1000


def timed(fn, queries):
    times = []
    for q in queries:
        started = time.perf_counter()
        fn(q)
        times.append(time.perf_counter() - started)
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--procs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1998)
    parser.add_argument("--corpus", default=str(CORPUS))
    args = parser.parse_args()
    rng = random.Random(args.seed)

    rows = list(load_articles(args.corpus))
    texts = {pk: text for pk, _, text, _ in rows}
    folded = {pk: fold(text) for pk, text in texts.items()}
    persons = {n for _, art, _, _ in rows for n in art["persons"] if len(n) > 1}
    with tempfile.TemporaryDirectory() as tmp:
        seconds = build_index(tmp, rows, args.procs)
        chars = sum(len(t) for t in texts.values())
        print(
            f"indexed {len(rows)} articles ({chars:,} chars) in {seconds:.1f} s "
            f"= {len(rows) / seconds:.0f} articles/s (procs={args.procs})"
        )

        engine = WhooshBackend({"PATH": tmp})  # the site's engine on this index
        queries = sample_queries(texts, persons, args.queries, rng)
        hits = found = expected = 0
        misses = []
        for q in queries:
            truth = {pk for pk, t in folded.items() if fold(q) in t}
            got = engine.doc_ids(q)
            hits += len(got & truth)
            found += len(got)
            expected += len(truth)
            if got != truth:
                misses.append((q, len(truth), len(got), len(got & truth)))
        print(f"{len(queries)} queries: {expected} relevant article matches")
        print(f"recall    {hits / expected:.4f}")
        print(f"precision {hits / found if found else 1.0:.4f}")
        for miss in misses[:10]:
            print("  differs:", miss)

        def loader(ids):
            return {pk: texts[pk] for pk in ids}

        engine.search("预热", text_loader=loader)  # first open + jieba load
        full = timed(lambda q: engine.search(q, text_loader=loader), queries)
        lean = timed(
            lambda q: engine.search(q, facets=False, use_words=False, text_loader=loader),
            queries,
        )
        print(
            f"latency, facets+snippets+boost: p50 {percentile(full, 50):.1f} ms, "
            f"p95 {percentile(full, 95):.1f} ms, max {max(full) * 1000:.1f} ms"
        )
        print(
            f"latency, page of hits only:     p50 {percentile(lean, 50):.1f} ms, "
            f"p95 {percentile(lean, 95):.1f} ms"
        )
        print(f"mean query length {statistics.mean(len(q) for q in queries):.1f} chars")


if __name__ == "__main__":
    main()
