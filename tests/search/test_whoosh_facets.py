from collections import Counter

from archive.search.results import PERSON_FACET_SIZE, facet_pairs
from archive.search.whoosh_facets import top_persons


def test_top_persons_are_the_first_of_the_full_order_ties_included():
    # Many names tie at the boundary: the full sort orders them by name, so must the top.
    counts = Counter({f"人{i:03d}": 5 for i in range(100)})
    counts.update({f"甲{i}": 9 for i in range(PERSON_FACET_SIZE - 3)})
    counts.update({"": 50, "乙": 1})
    assert top_persons(counts) == facet_pairs("person", counts)[:PERSON_FACET_SIZE]
    assert top_persons(Counter({"王": 2, "李": 2})) == [("李", 2), ("王", 2)]
    names = Counter({f"人{i:03d}": 100 - i for i in range(40)})
    names[""] = 500  # an empty name is never listed, and must not push one out
    assert top_persons(names) == facet_pairs("person", names)[:PERSON_FACET_SIZE]
    assert len(top_persons(names)) == PERSON_FACET_SIZE


def test_top_persons_are_the_first_of_the_whole_sorted_facet():
    import random
    from collections import Counter

    from archive.search.results import PERSON_FACET_SIZE, facet_pairs
    from archive.search.whoosh_facets import top_persons

    draw = random.Random(7)
    names = [f"人{n:03d}" for n in range(400)]
    for size in (5, 29, 30, 31, 300):
        counts = Counter({name: draw.choice([1, 1, 1, 2, 3, 7]) for name in names[:size]})
        counts[""] = 9  # articles without persons are never a facet value
        expected = facet_pairs("person", counts)[:PERSON_FACET_SIZE]
        assert top_persons(counts) == expected
