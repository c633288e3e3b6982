"""The shapes a name takes on its way through the people stage, from proposal to choice.

>>> Proposal(3, 6, "王付举", "aftertitle")
Proposal(start=3, end=6, name='王付举', kind='aftertitle')

A rule (:mod:`archive.ingest.name_tags`, :mod:`archive.ingest.name_context`, the known
names) proposes a :class:`Proposal` in one paragraph; :mod:`archive.ingest.people` merges
the proposals of the same span into one :class:`Candidate` with every rule's kind, and
:mod:`archive.ingest.name_score` describes it by its features, which the choice
(:mod:`archive.ingest.name_choice`) weighs.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Proposal:
    """``paragraph[start:end]`` is ``name``, says the rule of ``kind`` (byline, tag, …)."""

    start: int
    end: int
    name: str
    kind: str


@dataclass(slots=True)
class Candidate:
    """A proposed name of an article: its paragraph (index), span, the kinds of every rule
    that proposed it and, once scored, its features."""

    paragraph: int
    start: int
    end: int
    name: str
    kinds: set[str] = field(default_factory=set)
    features: list[str] = field(default_factory=list)

    @property
    def span(self) -> tuple[int, int, int]:
        """(paragraph, start, end): where it is, whatever its name."""
        return self.paragraph, self.start, self.end


@dataclass(frozen=True, slots=True)
class NameFacts:
    """What a candidate's string alone says, looked up once per name in an article."""

    count: int  # how often it occurs in the article (a dotted name counts once)
    in_dictionary: bool
    # Of a three-character name: are its first two and its last two characters words?
    head_in_dictionary: bool = False
    tail_in_dictionary: bool = False


class Tokens:
    """The tagger's tokens of one paragraph, by start offset: start → (end, tag), and the
    (start, end) of the names the character tagger read in it."""

    def __init__(self, by_start: dict[int, tuple[int, str]], read: list = ()) -> None:
        self.by_start = by_start
        self.read = read
        self.ends = {e for e, _ in by_start.values()} | {0}
        self.by_end = {e: s for s, (e, _) in by_start.items()}


# Kinds of the wide rules (:mod:`archive.ingest.name_wide`) and the weak list and
# sequence rules: they only add what nothing else proposes, so a candidate another rule
# found keeps its own description (王付|举 stays a namechar, not also a span).
WIDE_KINDS = frozenset(
    {"span", "trun", "credit+", "nrsplit", "list?", "list2", "jp?", "nrjoin", "seq"}
)
