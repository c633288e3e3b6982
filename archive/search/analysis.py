"""Chinese text analysis shared by indexing, querying and snippets.

Four pieces, one definition each:

* ``fold`` normalises text before anything else looks at it: NFKC (full-width ２０２０ → 2020),
  traditional → simplified through OpenCC's t2s tables (鄭州 → 郑州) and lower case.
  It works character by character, so it is a homomorphism: if ``q`` occurs in ``t`` then
  ``fold(q)`` occurs in ``fold(t)``. OpenCC's phrase tables would convert by context
  (乾隆 stays, 乾燥 → 干燥), which breaks that promise, and exact-substring recall depends on it.

      >>> fold("鄭州市２０２０年ＧＤＰ")
      '郑州市2020年gdp'

* ``BigramTokenizer`` turns every run of non-space characters (hanzi, digits, Latin letters
  and the punctuation inside names and numbers alike) into overlapping character bigrams, each
  at the position of its first character in the folded text. Any string of two or more
  characters is then found exactly as the phrase of its bigrams (positions one apart). Where
  whitespace separates two runs, the characters beside it are paired with one space
  ("情 ", " c"): no run's bigram holds a space, so no unquoted piece spans one, and a quoted
  phrase with spaces is exact piece by piece.

      >>> [(t.text, t.pos) for t in BigramTokenizer()("疫情 COVID-19", positions=True)][:4]
      [('疫情', 0), ('情 ', 1), (' c', 2), ('co', 3)]

* ``CharTokenizer`` gives each distinct non-space character once: a one-character query is
  one term of its own field, not a prefix over thousands of bigrams.

* ``WordTokenizer`` gives jieba's search-mode words, used only for ranking.

Word tokens carry *ordinal* positions (0, 1, 2 …); bigrams carry character offsets, which
are ordinal within a run and jump across the space between runs.
"""

import re
import threading
import unicodedata
from collections import Counter
from contextlib import contextmanager

from whoosh.analysis import Token, Tokenizer
from whoosh.formats import Existence, Frequency, Positions
from whoosh.system import pack_uint

# CJK ideographs: URO, Ext-A, compatibility ideographs, Ext-B … Ext-H, and 〇 (U+3007), which
# newspapers use in dates (一九九〇年) and must stay inside the run it belongs to.
CJK_CLASS = (
    "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U000323af"
)
CJK_RUN = re.compile(f"[{CJK_CLASS}]+")
# Letters and digits of every other script; each maximal run is one term.
TOKEN_RE = re.compile(f"(?P<cjk>[{CJK_CLASS}]+)|(?P<word>(?:(?![{CJK_CLASS}])[^\\W_])+)")


class _FoldTable(dict):
    """ord → folded string for str.translate, filled on first sight of each character."""

    def __init__(self):
        super().__init__()
        self._converter = None
        self._lock = threading.Lock()

    def __missing__(self, code):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if any(ord(c) > 0x2E7F for c in folded):
            folded = self._t2s(folded)
        folded = folded.lower()
        self[code] = folded
        return folded

    def _t2s(self, text):
        with self._lock:
            if self._converter is None:
                import opencc

                self._converter = opencc.OpenCC("t2s")
            # One character at a time: t2s of a lone character never changes its length
            # (checked over every BMP ideograph), and context-free keeps fold a homomorphism.
            return "".join(self._converter.convert(c) for c in text)


_TABLE = _FoldTable()
# ASCII folds only by case; pre-filling it saves the OpenCC and NFKC calls for most Latin text.
for _code in range(128):
    _TABLE[_code] = chr(_code).lower()


def fold(text):
    """NFKC + traditional→simplified + lower case, character by character (see module doc)."""
    return text.translate(_TABLE)


def fold_with_offsets(text):
    """``fold(text)`` and, for each folded character, the index of the original character.

    Needed because NFKC can lengthen a character (㈠ → (一)), so folded offsets are not always
    original offsets. The list has one extra entry, ``len(text)``, for end offsets.

        >>> fold_with_offsets("㈠鄭州")
        ('(一)郑州', [0, 0, 0, 1, 2, 3])
    """
    folded = text.translate(_TABLE)
    if len(folded) == len(text):
        return folded, list(range(len(text) + 1))
    offsets = []
    for i, char in enumerate(text):
        offsets.extend([i] * len(_TABLE[ord(char)]))
    offsets.append(len(text))
    return folded, offsets


# A run of characters a query piece can contain: anything but whitespace (the reader's query is
# split at whitespace, and the searchable text's parts are joined by line breaks).
RUN_RE = re.compile(r"\S+")


def bigrams(run):
    """The bigram terms of one run of non-space characters, as a query looks them up.

    >>> bigrams("王付举")
    ['王付', '付举']
    >>> bigrams("1998年")
    ['19', '99', '98', '8年']
    >>> bigrams("防")
    []
    """
    return [run[i : i + 2] for i in range(len(run) - 1)]


def segments(folded_text):
    """Split folded text into ("cjk", run) and ("word", term) pieces, in order: the pieces a
    snippet marks when a quoted phrase does not occur whole.

    >>> segments("2020年疫情")
    [('word', '2020'), ('cjk', '年疫情')]
    """
    return [(m.lastgroup, m.group()) for m in TOKEN_RE.finditer(folded_text)]


def bigram_terms(text):
    """(term, startchar, endchar) in *folded* text for every bigram, in position order; the
    position of each is its startchar.

        >>> [t for t, _, _ in bigram_terms(fold("A股 ·5%"))]
        ['a股', '股 ', ' ·', '·5', '5%']

    Where whitespace separates two runs, the characters on either side of it are paired with
    one space too ("股 " at the last character, " ·" at the whitespace before the next run),
    so a quoted phrase with spaces is exact piece by piece: in "防控 a 工作" the a must stand
    alone between the two, not merely occur somewhere in the article (issue 14). A line
    break counts as a space. These pairs hold a space, so no run's bigram is ever one.

    Unfolded text keeps its width and case (``Ａ`` stays ``Ａ``): fold first.
    """
    runs = list(RUN_RE.finditer(text))
    for n, match in enumerate(runs):
        start, run = match.start(), match.group()
        if n:
            yield " " + run[0], start - 1, start + 1
        for i in range(len(run) - 1):
            yield run[i : i + 2], start + i, start + i + 2
        if n + 1 < len(runs):
            yield run[-1] + " ", match.end() - 1, match.end() + 1


def bigram_positions(text):
    """{term: [positions]} of ``bigram_terms(text)`` (folded text): the indexing path.

    >>> bigram_positions("联防联控 联防")
    {'联防': [0, 5], '防联': [1], '联控': [2], '控 ': [3], ' 联': [4]}
    """
    poses = {}
    for term, start, _ in bigram_terms(text):
        poses.setdefault(term, []).append(start)
    return poses


def distinct_chars(text):
    """The distinct non-space characters of folded text, in order of first appearance.

    >>> distinct_chars("于尔根·吕 于")
    ['于', '尔', '根', '·', '吕']
    """
    return [c for c in dict.fromkeys(text) if not c.isspace()]


class _FoldedTokenizer(Tokenizer):
    """A Whoosh tokenizer over folded text: ``terms(folded)`` gives (text, startchar, endchar),
    the tokens get ordinal positions (character offsets only where the terms have them)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __hash__(self):
        return hash(type(self))

    def terms(self, folded):
        raise NotImplementedError

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        offsets = getattr(self, "positions_are_offsets", False)
        for pos, (term, startchar, endchar) in enumerate(self.terms(fold(value)), start_pos):
            if offsets:
                pos = start_pos + startchar
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = term
            if positions:
                token.pos = pos
            if chars and startchar is not None:
                token.startchar, token.endchar = start_char + startchar, start_char + endchar
            yield token


class BigramTokenizer(_FoldedTokenizer):
    """Whoosh tokenizer: folds, then the bigrams of every non-space run, at character offsets."""

    positions_are_offsets = True

    def terms(self, folded):
        return bigram_terms(folded)


class CharTokenizer(_FoldedTokenizer):
    """Whoosh tokenizer: folds, then each distinct non-space character once."""

    def terms(self, folded):
        return ((c, None, None) for c in distinct_chars(folded))


# jieba's own block pattern (jieba.re_han_default): it segments each such block on its own,
# so a text's words are the concatenation of its blocks' words.
_JIEBA_BLOCK = re.compile("([\u4e00-\u9fd5a-zA-Z0-9+#&\\._%\\-]+)")
_JIEBA_HAN = re.compile("[\u4e00-\u9fd5]+")
_jieba_lock = threading.Lock()
_jieba = None
_rjieba = None  # rjieba.Jieba, or False when it is not installed
_bulk = threading.local()


def load_jieba():
    """jieba with its dictionary loaded (once per process; ~1 s)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import logging

                from archive.ingest.jieba_import import import_jieba

                jieba = import_jieba()
                # jieba logs its dictionary load at INFO on every process start.
                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def _load_rjieba():
    global _rjieba
    if _rjieba is None:
        with _jieba_lock:
            if _rjieba is None:
                try:
                    import rjieba

                    _rjieba = rjieba.Jieba()
                except ImportError:  # pragma: no cover - rjieba is in requirements.txt
                    _rjieba = False
    return _rjieba


@contextmanager
def bulk_words():
    """Within this block (this thread), ``jieba_words`` segments pure-hanzi blocks with rjieba.

    rjieba (jieba-rs) gives jieba's words for text of hanzi only, ~16× faster, but splits
    runs of Latin letters and digits differently (19.5% 14-0 g.a.), so blocks that hold any
    of those still go to jieba: the words are jieba's either way (checked over the whole
    1998-01 corpus by bench/word_tokens.py). Bulk indexing uses it; web workers do not, so
    they keep one dictionary (jieba's, loaded in the gunicorn master) instead of two.
    """
    depth = getattr(_bulk, "depth", 0)
    _bulk.depth = depth + 1
    try:
        yield
    finally:
        _bulk.depth = depth


def _words_hybrid(text, jieba, fast):
    words = []
    for i, block in enumerate(_JIEBA_BLOCK.split(text)):
        if not block:
            continue
        if i % 2 == 0:
            # Between jieba's blocks jieba yields whitespace runs and single characters;
            # only the letters, digits and hanzi among them are words.
            words.extend(c for c in block if TOKEN_RE.fullmatch(c))
        elif _JIEBA_HAN.fullmatch(block):
            words.extend(fast.cut_for_search(block))
        else:
            words.extend(w for w in jieba.cut_for_search(block) if TOKEN_RE.fullmatch(w))
    return words


def jieba_words(text):
    """jieba search-mode words of folded text, letters and digits only (punctuation dropped).

    >>> jieba_words("徐衣显检查疫情防控工作")
    ['徐衣显', '检查', '疫情', '防控', '工作']
    """
    jieba = load_jieba()
    if getattr(_bulk, "depth", 0):
        fast = _load_rjieba()
        if fast:
            return _words_hybrid(text, jieba, fast)
    return [w for w in jieba.cut_for_search(text) if TOKEN_RE.fullmatch(w)]


class WordTokenizer(_FoldedTokenizer):
    """Whoosh tokenizer: folded text → jieba search-mode words, ordinal positions; ranking only."""

    def terms(self, folded):
        return ((word, None, None) for word in jieba_words(folded))


class BigramPositions(Positions):
    """Whoosh's Positions format (same bytes on disk), filled without Token objects.

    Whoosh builds postings by pulling one Token at a time through generators; for ~1.7 M
    bigrams of the 1998-01 corpus that was a third of the indexing time.
    """

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, BigramTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        poses = bigram_positions(fold(value))
        boost = self.field_boost
        encode = self.encode
        for term, poslist in poses.items():
            yield term, len(poslist), float(len(poslist)) * boost, encode(poslist)


class CharExistence(Existence):
    """Whoosh's Existence format for the distinct characters of a text, without Token objects."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, CharTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for char in distinct_chars(fold(value)):
            yield char, 1, boost, b""


class WordFrequency(Frequency):
    """Whoosh's Frequency format (same bytes on disk) for jieba words, without Token objects."""

    def word_values(self, value, analyzer, **kwargs):
        if not isinstance(analyzer, WordTokenizer) or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word, freq in Counter(jieba_words(fold(value))).items():
            yield word, freq, float(freq) * boost, pack_uint(freq)


def find_spans(folded_text, needles):
    """Sorted, merged (start, end) spans in ``folded_text`` where any folded needle occurs.

    >>> find_spans("疫情防控，联防联控", ["防控", "联控"])
    [(2, 4), (7, 9)]
    """
    spans = []
    for needle in {n for n in needles if n}:
        start = folded_text.find(needle)
        while start != -1:
            spans.append((start, start + len(needle)))
            start = folded_text.find(needle, start + 1)
    spans.sort()
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
