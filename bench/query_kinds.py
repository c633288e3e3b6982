"""Queries of every kind a reader types, drawn from the archive's own texts (fixed seed).

    draw_kinds(texts, names, bylines, per_kind=30, seed=1998)
    # → {"hanzi": [...], "single": ["的", "1", ...], "digits": ["97", "１月", ...], ...}

Kinds (each query a run the reader could copy from an article page, or a boolean form):

* ``hanzi``   2–6 hanzi of a run of hanzi (what the benchmarks drew before)
* ``names``   person names the articles mention
* ``single``  one character of any class (的, 1, ·, Ａ …), drawn by frequency in the text
* ``digits``  1–6 characters of a run of digits (half or full width), alone or with the
              hanzi next to it (97, １月, 北京1, 有50)
* ``latin``   1–6 characters of a run of Latin letters and digits, with a neighbour (a股)
* ``punct``   2–5 characters around punctuation inside names and numbers (·, ., %, －)
* ``any``     1–8 characters of any run of non-space text
* ``byline``  source, dateline and reporters as the article page prints them (新华社,
              北京1月25日电, 董柏生), and wire datelines inside the text (新华社北京１月８日电)
* ``boolean`` two hanzi words joined by space, AND, OR, or, |, -, NOT
* ``issue``   the queries search issue 14 found wrong (1, 1月, 北京1, 有50, 5000, 97, ·, …)

Queries the query language would read otherwise (a leading ``-``, a quote, ``|``, a lone
OR/AND/NOT) are skipped for the text kinds: they are the boolean kind's business.
"""

import random
import re
from collections import Counter
from statistics import median

from archive.search.analysis import fold
from archive.search.query import parse_clauses


def percentile(values, share):
    """The value at ``share`` (0.95) of the sorted values, as bench/common.py's."""
    values = sorted(values)
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))]


KINDS = (
    "hanzi",
    "names",
    "single",
    "digits",
    "latin",
    "punct",
    "any",
    "byline",
    "boolean",
    "issue",
)
ISSUE_QUERIES = [
    "1",
    "1月",
    "6月",
    "3月",
    "20日",
    "北京1",
    "有50",
    "2月28",
    "5000",
    "97",
    '"1998年"',
    "1月24日",
    "北京1月",
    "·",
    "北京1月25日电",
    "董柏生",
    "新华社",
    "防控 AND 春节",
    "防控 春节",
    "的",
    "国",
    "一",
    "王",
]
HANZI = re.compile(r"[\u4e00-\u9fff]{2,}")
DIGITS = re.compile(r"[\u4e00-\u9fff]?[0-9０-９]+[\u4e00-\u9fff]?")
LATIN = re.compile(r"[\u4e00-\u9fff]?[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ0-9０-９]*[\u4e00-\u9fff]?")
PUNCT = re.compile(r"\S{0,3}[·．.%％－\-／/]\S{0,3}")
WIRE = re.compile(r"(?:新华社|中新社|本报)[^，。\s“”]{0,12}?电|本报记者[\u4e00-\u9fff]{2,3}")
RUN = re.compile(r"\S+")
CONNECTORS = {"or", "and", "not", "|"}


def plain(query):
    """True when the query language reads ``query`` as one clause: that very text."""
    clauses, _ = parse_clauses(query)
    return (
        len(clauses) == 1
        and not clauses[0].exclude
        and clauses[0].alternatives == [fold(query)]
        and query.lower() not in CONNECTORS
    )


def _cut(rng, text, low, high):
    size = rng.randint(low, min(high, len(text)))
    start = rng.randint(0, len(text) - size)
    return text[start : start + size]


def _from_matches(rng, texts, pattern, low, high, count, tries=200):
    out = []
    for _ in range(count * tries):
        if len(out) >= count:
            break
        found = pattern.findall(rng.choice(texts))
        if found:
            match = rng.choice(found)
            if len(match) >= low:
                out.append(_cut(rng, match, low, high))
    return out


def _singles(rng, texts, count):
    freq = Counter(c for text in texts for c in text if not c.isspace())
    chars = list(freq)
    # Half the most frequent characters (的, 一, １ …, the slowest ones), half by frequency.
    top = [c for c, _ in freq.most_common(count // 2)]
    weighted = rng.choices(chars, weights=[freq[c] for c in chars], k=count * 4)
    return top + weighted


def _boolean(rng, texts, count):
    words = _from_matches(rng, texts, HANZI, 2, 3, count * 2)
    forms = ["{a} {b}", "{a} AND {b}", "{a} OR {b}", "{a} or {b}", "{a}|{b}", "{a} -{b}"]
    forms.append("{a} NOT {b}")
    return [
        rng.choice(forms).format(a=a, b=b) for a, b in zip(words[::2], words[1::2], strict=False)
    ]


def draw_kind(kind, texts, names, bylines, count, rng):
    """``count`` distinct queries of one kind (fewer if the texts hold fewer)."""
    if kind == "hanzi":
        drawn = _from_matches(rng, texts, HANZI, 2, 6, count * 2)
    elif kind == "names":
        drawn = rng.sample(sorted(names), min(len(names), count * 2))
    elif kind == "single":
        drawn = _singles(rng, texts, count)
    elif kind == "digits":
        drawn = _from_matches(rng, texts, DIGITS, 1, 6, count * 2)
    elif kind == "latin":
        drawn = _from_matches(rng, texts, LATIN, 1, 6, count * 2)
    elif kind == "punct":
        drawn = [q for q in _from_matches(rng, texts, PUNCT, 2, 5, count * 4) if PUNCT.search(q)]
    elif kind == "any":
        drawn = _from_matches(rng, texts, RUN, 1, 8, count * 2)
    elif kind == "byline":
        wires = _from_matches(rng, texts, WIRE, 2, 14, count)
        drawn = sorted(bylines) + [q for w in wires for q in (w, _cut(rng, w, 2, 8))]
        rng.shuffle(drawn)
    elif kind == "issue":
        return ISSUE_QUERIES[:count] if count < len(ISSUE_QUERIES) else list(ISSUE_QUERIES)
    elif kind == "boolean":
        return list(dict.fromkeys(_boolean(rng, texts, count)))[:count]
    else:
        raise ValueError(f"unknown query kind {kind!r}; kinds: {', '.join(KINDS)}")
    return [q for q in dict.fromkeys(drawn) if plain(q)][:count]


def draw_kinds(texts, names, bylines, per_kind=30, seed=1998, kinds=KINDS):
    """{kind: queries} for each kind, ``per_kind`` each, the same for the same seed."""
    rng = random.Random(seed)
    return {kind: draw_kind(kind, texts, names, bylines, per_kind, rng) for kind in kinds}


def truth(query, folded_texts):
    """The ids whose folded text satisfies ``query`` read by the query language, with plain
    substring checks: every clause (one of its alternatives) in, every excluded one out."""
    clauses, _ = parse_clauses(query)
    ids = set(folded_texts)
    for clause in clauses:
        hit = {pk for pk in ids if any(v in folded_texts[pk] for v in clause.alternatives)}
        ids = ids - hit if clause.exclude else hit
    return ids if clauses else set()


def interchange_queries(docs, kinds, per_kind, seed):
    """bench/query_kinds.py's queries of each kind, drawn from the corpus's articles."""
    articles = [a for d in docs for p in d["pages"] for a in p["articles"]]
    texts = ["\n".join([a.get("title", ""), *a["paragraphs"]]) for a in articles]
    names = {p["name"] for a in articles for p in a.get("persons", []) if len(p["name"]) > 1}
    bylines = {a.get("dateline", "") for a in articles} | {
        r for a in articles for r in a.get("reporters", [])
    }
    return draw_kinds(texts, names, bylines - {""}, per_kind, seed, kinds)


def print_kinds(drawn, per_kind, like):
    """p50/p95 of /search/ per kind (``per_kind[kind]`` = (times, errors)) beside
    ``like(queries)``, the LIKE scan's times for the same queries (bench/search_http.py)."""
    print("\n/search/?q= by kind of query (1 client), beside a LIKE scan of the same queries:")
    print(
        f"{'kind':<8} {'n':>3} {'p50 ms':>8} {'p95 ms':>8} {'LIKE p50':>9} {'ratio':>6}  p95 ≤ 100"
    )
    every, every_like = [], []
    for kind, queries in drawn.items():
        times = per_kind[kind][0]
        like_times = like(queries)
        every += times
        every_like += like_times
        if not times:
            print(f"{kind:<8} {len(queries):>3}  no answers")
            continue
        p95 = percentile(times, 0.95)
        print(
            f"{kind:<8} {len(queries):>3} {median(times):>8.1f} {p95:>8.1f} {median(like_times):>9.1f} "
            f"{median(like_times) / median(times):>5.1f}×  {'met' if p95 <= 100 else 'NOT met'}"
        )
    if every:
        print(
            f"{'all':<8} {len(every):>3} {median(every):>8.1f} {percentile(every, 0.95):>8.1f} "
            f"{median(every_like):>9.1f} {median(every_like) / median(every):>5.1f}×  "
            f"(ratio LIKE p50 / search p50 over the whole mix of kinds)"
        )
