"""The reader's query language, parsed once into clauses that every engine translates.

Words separated by spaces must all occur; "quoted text" is one phrase; -word excludes;
OR between two words accepts either. Anything else is literal text: a stray quote, a lone
OR, ``title:x`` and the like are searched as the characters they are.

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

from archive.search.analysis import fold, segments

MAX_QUERY_CHARS = 200
# Quoted phrase, or a run of non-space characters. An unbalanced quote is text (handled below).
PIECE_RE = re.compile(r'"([^"]*)"|(\S+)')


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


def parse_clauses(text):
    """Reader's text → list of Clause, plus notes.

    >>> [(c.alternatives, c.exclude) for c in parse_clauses('"防控 工作" -春节 a OR b')[0]]
    [(['防控 工作'], False), (['春节'], True), (['a', 'b'], False)]
    """
    text, notes = clean(text)
    pieces = []  # (text, quoted)
    for match in PIECE_RE.finditer(text):
        if match.group(1) is not None:
            pieces.append((match.group(1), True))
        else:
            # An unbalanced quote is just a character; the analyser drops it.
            pieces.append((match.group(2), False))
    clauses, pending_or = [], False
    for piece, quoted in pieces:
        if not quoted and piece == "OR":
            pending_or = bool(clauses) and not clauses[-1].exclude
            if not pending_or:
                notes.append("忽略了没有前后词语的 OR。")
            continue
        exclude = not quoted and piece.startswith("-") and len(piece) > 1
        value = fold(piece[1:] if exclude else piece)
        if not segments(value):
            continue  # punctuation alone: nothing to search for
        if pending_or and not exclude:
            clauses[-1].alternatives.append(value)
        else:
            clauses.append(Clause([value], exclude))
        pending_or = False
    if pending_or:
        notes.append("忽略了句末的 OR。")
    return clauses, notes


def parse_query(text):
    """The reader's text → ParsedQuery(clauses, highlight, notes). Never raises."""
    clauses, notes = parse_clauses(text or "")
    highlight = [v.strip() for c in clauses if not c.exclude for v in c.alternatives]
    if not clauses and text and text.strip():
        notes.append("检索词里没有可以检索的文字或数字。")
    elif clauses and not highlight:
        notes.append("只有排除词：显示不含这些词的全部文章。")
    return ParsedQuery(clauses, list(dict.fromkeys(highlight)), notes)
