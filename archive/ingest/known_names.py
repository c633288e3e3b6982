"""Names the archive already holds, found wherever they occur whole.

>>> g = Gazetteer(["许立群", "苏来衣曼", "万里"], lambda w: w == "万里")
>>> [(s, e, n) for s, e, n in g.find("本报记者许立群报道，苏来衣曼说")]
[(4, 7, '许立群'), (10, 14, '苏来衣曼')]
>>> [n for _, _, n in g.with_names(["向兵"]).find("许立群、向兵报道")]
['许立群', '向兵']

:func:`known_names` builds the gazetteer of a set of names once: the ingest command passes
the archive's names for every page of a run, and the people stage asks for them on every
item of a page.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator

from archive.ingest.names import NOT_NAMES
from archive.ingest.word_tagger import word_tagger


def known_names(names: Iterable[str]) -> Gazetteer | None:
    """The gazetteer of ``names`` (None for no names), built once per set of names."""
    key = frozenset(names)
    return _gazetteer(key) if key else None


@functools.lru_cache(maxsize=4)
def _gazetteer(names: frozenset[str]) -> Gazetteer:
    # Which names the gazetteer keeps does not depend on their order: a set is the key.
    return Gazetteer(names, word_tagger().has_word)


def _plain(name: str) -> bool:
    return bool(re.fullmatch("[\u4e00-\u9fff·]{2,16}", name))


class Gazetteer:
    """Known names matched straight in the text, longest first.

    ``common`` says whether a name is also an everyday word (万里, 黎明); those are left to
    the tagger, which knows when they are words. Names are not added to the tagger's
    dictionary, which would change how the words around them are cut.
    """

    def __init__(self, names: Iterable[str], common: Callable[[str], bool]) -> None:
        self.common = common
        self.names: set[str] = set()
        self.lengths: dict[str, list[int]] = {}
        self._add(names)

    def _add(self, names: Iterable[str]) -> None:
        firsts = set()
        for name in names:
            if name in self.names or name in NOT_NAMES or not _plain(name):
                continue
            if len(name) == 2 and self.common(name):
                continue
            self.names.add(name)
            self.lengths.setdefault(name[0], []).append(len(name))
            firsts.add(name[0])
        for first in firsts:
            self.lengths[first] = sorted(set(self.lengths[first]), reverse=True)

    def with_names(self, names: Iterable[str]) -> Gazetteer:
        """A gazetteer of these names and ``names`` too, the same as one built from both
        (each name is kept or left out on its own), without reading these names again."""
        wider = Gazetteer((), self.common)
        wider.names = set(self.names)
        wider.lengths = {first: list(lengths) for first, lengths in self.lengths.items()}
        wider._add(names)
        return wider

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, name) of known names in ``text``, left to right, not overlapping."""
        i = 0
        while i < len(text):
            for n in self.lengths.get(text[i], ()):
                if text[i : i + n] in self.names:
                    yield i, i + n, text[i : i + n]
                    i += n - 1
                    break
            i += 1
