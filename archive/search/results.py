"""What a search returns, whichever engine answered: hits, the total, facets and notes.

Every engine fills a SearchResult the same way (``hit_from`` for each hit, facets as
``{name: [(value, count), …]}``), and snippets are cut here from the database's text, never
by an engine:

    >>> result = SearchResult(highlight=["王付举"])
    >>> result.hits.append(hit_from({"django_id": "1", "title": "全民动员", "page": 1}, 2.5))
    >>> add_snippets(result, lambda ids: {1: "副市长王付举一同检查督导。"})
    >>> result.hits[0].title, result.hits[0].snippet
    ('全民动员', '副市长<mark>王付举</mark>一同检查督导。')
"""

from dataclasses import dataclass, field

from archive.search.document import mirrored
from archive.search.snippets import make_snippet

# The orders a reader can choose; each engine maps them to its own sort.
SORTS = ("relevance", "newest", "oldest")
# Facets in the order the page shows them; year and month are sorted by value, the others
# by count.
FACETS = ("year", "month", "paper", "page", "kind", "person")
DATE_FACETS = {"year", "month"}
PERSON_FACET_SIZE = 30


@dataclass
class Hit:
    # id, then document.MIRRORED_FIELDS in their order, then what the search adds.
    id: int
    url: str
    kicker: str
    title: str
    subtitle: str
    paper: str
    paper_name: str
    date: str
    page: int
    kind: str
    persons: list
    reporters: list
    score: float = 0.0
    snippet: str = ""


@dataclass
class SearchResult:
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    page: int = 1
    page_size: int = 20
    highlight: list = field(default_factory=list)
    # False when the search stopped at its time budget (archive.search.budget): the total
    # and the hits are those found so far.
    complete: bool = True


def hit_from(stored, score):
    """One Hit from an engine's stored fields (django_id and the mirrored fields)."""
    return Hit(id=int(stored["django_id"]), score=score or 0.0, **mirrored(stored))


def facet_pairs(name, counts):
    """(value, count) pairs of one facet in the page's order, empty values dropped.

    >>> facet_pairs("kind", {"brief": 1, "article": 5, "": 2})
    [('article', 5), ('brief', 1)]
    """
    if name in DATE_FACETS:
        pairs = sorted(counts.items(), key=lambda kv: str(kv[0]))
    else:
        pairs = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
    return [(value, count) for value, count in pairs if value not in (None, "")]


def add_snippets(result, text_loader):
    """Cut each hit's snippet from ``text_loader(ids) -> {id: text}`` (one call per page)."""
    texts = text_loader([hit.id for hit in result.hits])
    for hit in result.hits:
        hit.snippet = make_snippet(texts.get(hit.id, ""), result.highlight)
