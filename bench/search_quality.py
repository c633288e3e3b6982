"""Exact-substring search quality and latency on the People's Daily 1998-01 corpus.

    .venv/bin/python bench/search_quality.py [--queries 400] [--procs 1] [--seed 1998]
        [--kinds all|hanzi,single,digits,… [--per-kind 30]] [--engine whoosh|tantivy]

Builds a throwaway index in a temporary directory (the corpus is research-only and never
copied into the repository) of the corpus plus the seed page (焦作日报 2020-01-27, whose
articles have a source, a dateline and reporters), then runs random 2–6 character CJK
substrings of article texts plus person names through the site's search function. Truth is
a plain Python substring check over the folded text of every article. Prints recall,
precision and the latency of the warm searcher (p50/p95), with and without facets, snippets
and the jieba boost.

``--kinds`` adds queries of each kind of bench/query_kinds.py (single characters, digit runs,
Latin, punctuation, any run, byline text, boolean forms) and prints recall, precision and
latency per kind, with the queries that differ from the truth.
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
from archive.search.tantivy_backend import TantivyBackend  # noqa: E402
from archive.search.whoosh_backend import WhooshBackend  # noqa: E402
from archive.search.whoosh_writing import add_documents, new_writer  # noqa: E402
from bench.query_kinds import KINDS, draw_kinds, truth  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pfr_199801_articles.jsonl.xz"
SEED = Path(__file__).resolve().parent.parent / "fixtures" / "jzrb-2020-01-27-p1.txt"
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


def seed_articles(first_pk):
    """The seed page's articles through the real parser, as rows like load_articles'."""
    from archive.ingest import parse_page
    from archive.ingest.interchange import build_issue_document

    page = parse_page(SEED.read_text(encoding="utf-8"), page_number=1)
    doc = build_issue_document("焦作日报", "jzrb", "2020-01-27", None, [page])
    for pk, art in enumerate(doc["pages"][0]["articles"], start=first_pk):
        persons = sorted({p["name"] for p in art["persons"]})
        fields = {name: art[name] for name in ("kicker", "title", "subtitle")}
        text = searchable_text(
            **fields,
            source=art["source"],
            dateline=art["dateline"],
            paragraphs=art["paragraphs"],
            reporters=art["reporters"],
            persons=persons,
        )
        row = {
            **fields,
            "django_id": pk,
            "text": text,
            "url": f"/jzrb/2020-01-27/1/{pk}/",
            "paper": "jzrb",
            "paper_name": "焦作日报",
            "date": "2020-01-27",
            "page": 1,
            "kind": art["kind"],
            "persons": persons,
            "reporters": list(art["reporters"]),
        }
        bylines = {searchable_text(source=art["source"]), art["dateline"], *art["reporters"]}
        yield pk, {"persons": persons, "bylines": bylines - {""}}, text, row


def build_tantivy_index(path, rows):
    """The site's tantivy writer, one commit for the whole corpus (as a rebuild batch)."""
    started = time.monotonic()
    TantivyBackend({"PATH": path}).add([index_document(fields) for _, _, _, fields in rows])
    return time.monotonic() - started


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
    parser.add_argument("--kinds", default="", help=f"all, or some of: {','.join(KINDS)}")
    parser.add_argument("--per-kind", type=int, default=30)
    parser.add_argument("--engine", choices=("whoosh", "tantivy"), default="whoosh")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds = KINDS if args.kinds == "all" else [k for k in args.kinds.split(",") if k]

    rows = list(load_articles(args.corpus))
    rows += list(seed_articles(len(rows) + 1))
    texts = {pk: text for pk, _, text, _ in rows}
    folded = {pk: fold(text) for pk, text in texts.items()}
    persons = {n for _, art, _, _ in rows for n in art["persons"] if len(n) > 1}
    with tempfile.TemporaryDirectory() as tmp:
        if args.engine == "tantivy":
            seconds = build_tantivy_index(tmp, rows)
        else:
            seconds = build_index(tmp, rows, args.procs)
        chars = sum(len(t) for t in texts.values())
        print(
            f"indexed {len(rows)} articles ({chars:,} chars) in {seconds:.1f} s "
            f"= {len(rows) / seconds:.0f} articles/s (engine {args.engine}, procs={args.procs})"
        )

        # The site's engine on this index.
        engine = (TantivyBackend if args.engine == "tantivy" else WhooshBackend)({"PATH": tmp})
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
        if kinds:
            bylines = set().union(*(art.get("bylines", ()) for _, art, _, _ in rows))
            drawn = draw_kinds(list(texts.values()), persons, bylines, args.per_kind, args.seed)
            by_kind(engine, {k: drawn[k] for k in kinds}, folded, loader)


def by_kind(engine, drawn, folded, loader):
    """Recall, precision and latency per kind of query; the queries that differ, up to 5."""
    print(f"\nby kind (truth: folded query in folded text; {len(folded)} articles):")
    print(
        f"{'kind':<8} {'queries':>7} {'matches':>8} {'recall':>7} {'precision':>9} "
        f"{'p50 ms':>7} {'p95 ms':>7}  differs"
    )
    all_hits = all_found = all_expected = 0
    for kind, queries in drawn.items():
        hits = found = expected = 0
        differs = []
        for q in queries:
            want, got = truth(q, folded), engine.doc_ids(q)
            hits, found, expected = hits + len(got & want), found + len(got), expected + len(want)
            if got != want:
                differs.append((q, len(want), len(got), len(got & want)))
        times = timed(lambda q: engine.search(q, text_loader=loader), queries)
        all_hits, all_found, all_expected = (
            all_hits + hits,
            all_found + found,
            all_expected + expected,
        )
        print(
            f"{kind:<8} {len(queries):>7} {expected:>8} {hits / expected if expected else 1:>7.4f} "
            f"{hits / found if found else 1:>9.4f} {percentile(times, 50):>7.1f} "
            f"{percentile(times, 95):>7.1f}  {len(differs)}"
        )
        for q, want, got, both in differs[:5]:
            print(f"           differs: {q!r} truth {want}, found {got}, both {both}")
    print(
        f"{'all':<8} {sum(map(len, drawn.values())):>7} {all_expected:>8} "
        f"{all_hits / all_expected:>7.4f} {all_hits / all_found if all_found else 1:>9.4f}"
    )


if __name__ == "__main__":
    main()
