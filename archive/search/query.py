"""The reader's query language, parsed once into clauses that every engine translates.

Words separated by spaces (or AND) must all occur; "quoted text" is one phrase; -word and
NOT word exclude; OR, or and | between two words accept either. Anything else is literal
text, punctuation included: a stray quote, ``title:x``, ``·`` and the like are searched as
the characters they are.

    >>> parsed = parse_query('疫情防控 "王付举" -春节 郑州 OR 焦作')
    >>> parsed.highlight
    ['疫情防控', '王付举', '郑州', '焦作']
    >>> [(c.alternatives, c.exclude) for c in parsed.clauses][2:]
    [(['春节'], True), (['郑州', '焦作'], False)]

Each clause must be matched exactly: its text occurs in the article (after folding). How an
engine makes that exact is its own business (archive.search.whoosh_query for Whoosh,
archive.search.elasticsearch_query for a cluster); this module imports no engine.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from archive.search.analysis import fold

MAX_QUERY_CHARS = 200
# Words (pieces between spaces, in every clause and alternative) one query may look up: each
# is a posting-list read, so the cap bounds a query's cost whatever it holds (issue 18: 179
# single characters one by one ran past the worker timeout).
MAX_TERMS = 20
# Quoted phrase, or a run of non-space characters. An unbalanced quote is text (handled below).
PIECE_RE = re.compile(r'"([^"]*)"|(\S+)')
# Words that join the others instead of being searched (any case; | is OR too).
CONNECTORS = {"or", "and", "not"}


@dataclass
class Clause:
    """One thing the reader asked for: text that must (or must not) occur; alternatives ORed."""

    alternatives: list  # folded strings, any of which satisfies the clause
    exclude: bool = False


@dataclass
class ParsedQuery:
    clauses: list = field(default_factory=list)
    highlight: list = field(default_factory=list)  # folded strings to mark (see snippets)
    notes: list = field(default_factory=list)  # messages for the reader

    @property
    def empty(self):
        """Nothing to search for (punctuation alone, or no text)."""
        return not self.clauses


def clean(text):
    """Drop control and format characters (NUL, RTL marks) and cut very long input."""
    notes = []
    text = "".join(
        " " if unicodedata.category(c) in {"Cc", "Zl", "Zp"} else c
        for c in text
        if unicodedata.category(c) not in {"Cf", "Cs", "Co", "Cn"}
    )
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"检索词过长，只用了前 {MAX_QUERY_CHARS} 个字。")
    return text.strip(), notes


def pieces_of(text):
    """(piece, quoted) for each quoted phrase or run of non-space characters; an unquoted ``|``
    stands alone, so ``郑州|焦作`` is 郑州, ``|``, 焦作.

    >>> pieces_of('"防控 工作" 郑州|焦作')
    [('防控 工作', True), ('郑州', False), ('|', False), ('焦作', False)]
    """
    pieces = []
    for match in PIECE_RE.finditer(text):
        if match.group(1) is not None:
            pieces.append((match.group(1), True))
        else:
            # An unbalanced quote is just a character, searched as one.
            pieces.extend((p, False) for p in re.split(r"(\|)", match.group(2)) if p)
    return pieces


def _connector(piece, quoted):
    """ "or", "and" or "not" when the piece is one of the reader's connectors, else None."""
    if quoted:
        return None
    word = "or" if piece == "|" else piece.lower()
    return word if word in CONNECTORS else None


def parse_clauses(text):
    """Reader's text → list of Clause, plus notes.

    Space or AND: both; OR, or, |: either; -x or NOT x: without x; "…": one phrase.

    >>> [(c.alternatives, c.exclude) for c in parse_clauses('"防控 工作" -春节 a OR b')[0]]
    [(['防控 工作'], False), (['春节'], True), (['a', 'b'], False)]
    >>> [(c.alternatives, c.exclude) for c in parse_clauses('防控 AND 郑州|焦作 NOT 春节')[0]]
    [(['防控'], False), (['郑州', '焦作'], False), (['春节'], True)]
    """
    text, notes = clean(text)
    pieces = pieces_of(text)
    clauses, pending_or, pending_not = [], False, False
    used, capped = 0, False
    for i, (piece, quoted) in enumerate(pieces):
        connector = _connector(piece, quoted) if len(pieces) > 1 else None
        if connector == "or":
            pending_or = bool(clauses) and not clauses[-1].exclude and i + 1 < len(pieces)
            if not pending_or:
                notes.append("忽略了没有前后词语的 OR。")
            continue
        if connector == "and":
            continue  # the default between words anyway
        if connector == "not" and i + 1 < len(pieces):
            pending_not = True
            continue
        exclude = pending_not or (not quoted and piece.startswith("-") and len(piece) > 1)
        if exclude and not pending_not:
            piece = piece[1:]
        value = fold(piece)
        pending_not = False
        if not value.strip():
            continue  # nothing but spaces
        value, used = _within_cap(value, used)
        if value is None:
            capped, pending_or = True, False
            continue
        if pending_or and not exclude:
            clauses[-1].alternatives.append(value)
        else:
            clauses.append(Clause([value], exclude))
        pending_or = False
    if capped:
        notes.append(f"检索词过多，只用了前 {MAX_TERMS} 个词。")
    return clauses, notes


def _within_cap(value, used):
    """(value, words used after it) when it fits under MAX_TERMS; a quoted phrase that does
    not fit whole is cut after its last word that does (a prefix keeps its offsets); None
    when no word of it fits.

    >>> _within_cap("防控 工作", 18), _within_cap("防控 工作", 19), _within_cap("防控", 20)
    (('防控 工作', 20), ('防控', 20), (None, 20))
    """
    words = list(re.finditer(r"\S+", value))
    room = MAX_TERMS - used
    if room <= 0:
        return None, used
    if len(words) > room:
        return value[: words[room - 1].end()], MAX_TERMS
    return value, used + len(words)


def parse_query(text):
    """The reader's text → ParsedQuery(clauses, highlight, notes). Never raises."""
    clauses, notes = parse_clauses(text or "")
    highlight = [v.strip() for c in clauses if not c.exclude for v in c.alternatives]
    if not clauses and text and text.strip():
        notes.append("检索词里没有可以检索的文字。")
    elif clauses and not highlight:
        notes.append("只有排除词：显示不含这些词的全部文章。")
    return ParsedQuery(clauses, list(dict.fromkeys(highlight)), notes)
