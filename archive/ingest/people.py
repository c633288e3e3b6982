"""Persons an article mentions, with the roles the text gives them.

>>> [(p.name, p.roles) for p in extract_persons(["市委副书记、市长徐衣显深入城区一线。副市长王付举一同检查督导。"])]
[('徐衣显', ['市委副书记', '市长']), ('王付举', ['副市长'])]

The stage in steps, each in its own module:

1. propose: the word tagger's tags (:mod:`~archive.ingest.name_tags`), contexts that
   announce a name (:mod:`~archive.ingest.name_context`: 副市长王付举, 记者许立群报道,
   （王小平摄）, a paragraph that is only a name, lists such as 市领导王建修、路红卫、…),
   foreign names (:mod:`~archive.ingest.name_foreign`: 俄罗斯总理切尔诺梅尔金, 日本首相桥本
   龙太郎), the wide rules (:mod:`~archive.ingest.name_wide`), the character tagger
   (:mod:`~archive.ingest.name_tagger`) and the names the archive already knows
   (:mod:`~archive.ingest.known_names`, matched straight in the text);
2. describe each candidate by its features (:mod:`~archive.ingest.name_score`);
3. choose the names (:mod:`~archive.ingest.name_choice`);
4. give each its roles (:mod:`~archive.ingest.roles`): 市委书记、市人大常委会主任王小平 gives
   [市委书记, 市人大常委会主任].
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from archive.ingest import name_tagger
from archive.ingest.candidate import WIDE_KINDS, Candidate, NameFacts, Proposal, Tokens
from archive.ingest.known_names import Gazetteer, known_names
from archive.ingest.model import PersonMention
from archive.ingest.name_choice import chosen_names
from archive.ingest.name_context import context_names
from archive.ingest.name_foreign import clean_dotted, foreign_names
from archive.ingest.name_score import features, nesting, threshold
from archive.ingest.name_tags import addressed, lao_xiao, tagged_names
from archive.ingest.name_wide import wide_names
from archive.ingest.names import NOT_NAMES
from archive.ingest.roles import find_roles
from archive.ingest.word_tagger import word_tagger

__all__ = ["Models", "extract_persons", "page_persons", "scored_candidates"]


@dataclass(frozen=True)
class Models:
    """The fitted models names are read with; None is the shipped file. ``scorer``: the
    candidate scorer's weights and threshold (name_score); ``characters``: the character
    tagger's (name_tagger). Benchmarks pass models they fitted; the site never does."""

    scorer: dict | None = None
    characters: dict | None = None


SHIPPED = Models()


def extract_persons(
    paragraphs: list[str],
    *,
    reporters: Sequence[str] = (),
    known_names: Iterable[str] = (),
    cut_short: bool = False,
    models: Models = SHIPPED,
) -> list[PersonMention]:
    """Persons mentioned in an article, first mention first, with their roles.

    Reporters named in the byline are left out. ``known_names`` are names the archive
    already holds; they are found wherever they occur whole (the lookup is built once per
    set of names). ``cut_short`` says the text stops at a jump (下转…), maybe inside a word.
    """
    return _persons(paragraphs, reporters, _known(known_names), cut_short, models)


def page_persons(
    items: Sequence[tuple], known_names: Iterable[str] = (), models: Models = SHIPPED
) -> list[list[PersonMention]]:
    """Persons of every item of one page, each item given as (paragraphs, reporters) or
    (paragraphs, reporters, cut_short): see :func:`extract_persons`.

    One page, one reading of a name: 副市长王付举出席 alone may read as 王付 / 举出席, but
    where another item of the page names 王付举, the items that hold that name and did not
    find it are read again with the page's names known, as the archive's stored names
    are for later pages.
    """
    known = set(known_names)
    gazetteer = _known(known)
    items = [(p, r, bool(rest and rest[0])) for p, r, *rest in items]
    first = [_persons(p, r, gazetteer, c, models) for p, r, c in items]
    found = {m.name for mentions in first for m in mentions} - known
    if not found:
        return first
    wider = gazetteer.with_names(found) if gazetteer else _known(found)
    out = []
    for (paragraphs, reporters, cut), mentions in zip(items, first, strict=True):
        own = {m.name for m in mentions}
        text = "\n".join(paragraphs)
        if any(name in text and name not in own for name in found):
            mentions = _persons(paragraphs, reporters, wider, cut, models)
        out.append(mentions)
    return out


def _known(names: Iterable[str] | Gazetteer | None) -> Gazetteer | None:
    return names if isinstance(names, Gazetteer) or names is None else known_names(names)


def _persons(
    paragraphs: list[str],
    reporters: Sequence[str],
    gazetteer: Gazetteer | None,
    cut_short: bool,
    models: Models,
) -> list[PersonMention]:
    candidates = scored_candidates(paragraphs, gazetteer, characters=models.characters)
    names = chosen_names(
        paragraphs,
        candidates,
        threshold(models.scorer),
        reporters,
        cut_short=cut_short,
        model=models.scorer,
    )
    roles = find_roles(paragraphs, names)
    return [PersonMention(name=name, roles=roles[name]) for name in names]


def scored_candidates(
    paragraphs: Sequence[str],
    known: Iterable[str] | Gazetteer | None = (),
    *,
    characters: dict | None = None,
) -> list[Candidate]:
    """Every candidate name of an article with its features; ``known``: the archive's
    names or their gazetteer; ``characters``: the character tagger's model to read with
    instead of the shipped one."""
    tagger = word_tagger()
    gazetteer = _known(known)
    text = "\n".join(paragraphs)
    # What a name's string alone says, looked up once per name, not once per mention.
    facts: dict[str, NameFacts] = {}
    out = []
    for k, paragraph in enumerate(paragraphs):
        tokens, candidates = _candidates(k, paragraph, tagger, gazetteer, characters)
        # Never a name, whatever rule proposed it: 于德国, 王市长.
        candidates = [c for c in candidates if c.name not in NOT_NAMES and not addressed(c.name)]
        for c in candidates:
            if c.name not in facts:
                facts[c.name] = _facts(c.name, text, tagger)
            c.features = features(paragraph, c, tokens, facts[c.name]) + nesting(c, candidates)
            out.append(c)
    return out


def _facts(name: str, text: str, tagger) -> NameFacts:
    three = len(name) == 3
    return NameFacts(
        count=text.count(name) if "·" not in name else 1,
        in_dictionary=tagger.has_word(name),
        head_in_dictionary=three and tagger.has_word(name[:2]),
        tail_in_dictionary=three and tagger.has_word(name[1:]),
    )


def _candidates(
    k: int, paragraph: str, tagger, gazetteer: Gazetteer | None, characters: dict | None
) -> tuple[Tokens, list[Candidate]]:
    """The tokens of paragraph ``k`` and its candidates: every rule's proposals, one
    candidate per span and name with the kinds of the rules that proposed it."""
    if characters is None:
        tokens, read = _reading(paragraph)
    else:
        tokens = tagger.tag(paragraph)
        read = name_tagger.spans(paragraph, tokens, characters)
    starts = [0, *accumulate(len(word) for word, _ in tokens)]
    proposals = _proposals(paragraph, tokens, starts, gazetteer)
    proposals += [Proposal(s, e, paragraph[s:e], "seq") for s, e in read]
    merged: dict[tuple[int, int, str], set[str]] = {}
    for p in (piece for proposal in proposals for piece in clean_dotted(proposal)):
        merged.setdefault((p.start, p.end, p.name), set()).add(p.kind)
    for kinds in merged.values():
        if kinds - WIDE_KINDS:
            kinds -= WIDE_KINDS
    info = Tokens({starts[j]: (starts[j + 1], t) for j, (_, t) in enumerate(tokens)}, read)
    return info, [Candidate(k, s, e, n, kinds) for (s, e, n), kinds in merged.items()]


@lru_cache(maxsize=4096)
def _reading(paragraph: str) -> tuple[tuple, tuple]:
    """The word cut of a paragraph and the names the shipped character tagger reads in it.

    Both depend on the paragraph alone, and :func:`page_persons` reads an item again when
    another item of its page names someone it missed: the second reading reuses these
    (the tagger is most of the people stage's time).
    """
    tokens = tuple(word_tagger().tag(paragraph))
    return tokens, tuple(name_tagger.spans(paragraph, tokens))


def _proposals(
    paragraph: str, tokens: list, starts: list[int], gazetteer: Gazetteer | None
) -> list[Proposal]:
    """What the rules propose in one paragraph, in the order their kinds are merged."""
    proposals = tagged_names(paragraph, tokens, starts)
    proposals += context_names(paragraph, tokens, starts, proposals)
    proposals += foreign_names(paragraph, tokens, starts)
    proposals += wide_names(paragraph, tokens, starts)
    if gazetteer is not None:
        proposals += [Proposal(s, e, n, "known") for s, e, n in gazetteer.find(paragraph)]
    return proposals + lao_xiao(paragraph)
