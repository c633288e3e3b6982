"""The reader's query language, translated into a Whoosh query. Never raises on input.

Words separated by spaces must all occur; "quoted text" is one phrase; -word excludes;
OR between two words accepts either. Anything else is literal text: a stray quote, a lone
OR, ``title:x`` and the like are searched as the characters they are.

    >>> parsed = parse_query('疫情防控 "王付举" -春节 郑州 OR 焦作')
    >>> parsed.highlight
    ['疫情防控', '王付举', '郑州', '焦作']

Exactness comes from the ``text`` field: a CJK run is the phrase of its bigrams there, so it
matches precisely the articles that contain that substring (after folding). The headline and
jieba word clauses only add score. ``Clause`` lists are kept separate from the Whoosh
translation so another engine (Elasticsearch) can reuse the parsing.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from whoosh import query as wq

from archive.search.analysis import bigram_terms, fold, jieba_words, segments

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
    query: object  # a Whoosh query, or None when there is nothing to search for
    highlight: list = field(default_factory=list)  # folded strings to mark (see snippets)
    notes: list = field(default_factory=list)  # messages for the reader
    clauses: list = field(default_factory=list)
    # The required part alone (no ranking clauses): exactly the matching documents.
    must: object = None


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


def text_query(folded, fieldname="text"):
    """A Whoosh query matching exactly the documents whose ``fieldname`` contains ``folded``.

    The query's terms are the index's own tokens for that string. The last CJK run is the
    one place where query and text can tokenize differently: in the text it may continue
    (王付举一同 has 举一, not the lone 举), so its lone last character is dropped when the run
    has bigrams, and becomes a prefix when the run is one character (举* also matches 举一).

    >>> text_query("王付举")
    Phrase('text', ['王付', '付举'], slop=1, boost=1.000000)
    >>> text_query("防")
    Prefix('text', '防')
    """
    terms = [t for t, _, _ in bigram_terms(folded)]
    tail = None
    last_kind, last = segments(folded)[-1]
    if last_kind == "cjk":
        terms.pop()  # the run's lone last character
        if len(last) == 1:
            tail = wq.Prefix(fieldname, last)
    parts = []
    if len(terms) == 1:
        parts.append(wq.Term(fieldname, terms[0]))
    elif terms:
        parts.append(wq.Phrase(fieldname, terms))
    if tail is not None:
        parts.append(tail)
    return parts[0] if len(parts) == 1 else wq.And(parts)


def boost_query(clauses, use_words=True):
    """Optional clauses that only rank: the same text in the headline, and jieba's words."""
    boosts = []
    for clause in clauses:
        if clause.exclude:
            continue
        for value in clause.alternatives:
            boosts.append(text_query(value, "headline"))
            if use_words:
                boosts.extend(wq.Term("words", w) for w in set(jieba_words(value)))
    return wq.Or(boosts) if boosts else None


def parse_query(text, *, use_words=True):
    """The reader's text → ParsedQuery(query, highlight, notes). Never raises."""
    clauses, notes = parse_clauses(text or "")
    required, excluded, highlight = [], [], []
    for clause in clauses:
        alternatives = [text_query(v) for v in clause.alternatives]
        if clause.exclude:
            excluded.extend(alternatives)
            continue
        required.append(alternatives[0] if len(alternatives) == 1 else wq.Or(alternatives))
        highlight.extend(v.strip() for v in clause.alternatives)
    if not required and not excluded:
        if text and text.strip():
            notes.append("检索词里没有可以检索的文字或数字。")
        return ParsedQuery(None, [], notes, clauses)
    if not required:
        notes.append("只有排除词：显示不含这些词的全部文章。")
        required = [wq.Every()]
    must = required[0] if len(required) == 1 else wq.And(required)
    if excluded:
        must = wq.AndNot(must, wq.Or(excluded))
    boost = boost_query(clauses, use_words)
    final = wq.AndMaybe(must, boost) if boost is not None else must
    return ParsedQuery(final, list(dict.fromkeys(highlight)), notes, clauses, must)
