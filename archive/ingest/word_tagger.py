"""The word tagger the people stage reads a paragraph with: words and their parts of speech.

>>> word_tagger().tag("市长徐衣显说"), word_tagger().has_word("徐衣显")
([('市长', 'n'), ('徐衣显', 'nr'), ('说', 'v')], False)

rjieba (Rust, ~20× faster) when present, else jieba.posseg; one private instance for the
process, to which nothing is ever added: a known name put in its dictionary would change
how the words around it are cut (the known names are matched apart, see
:mod:`archive.ingest.known_names`).
"""

from __future__ import annotations

import threading

from archive.ingest.jieba_import import import_jieba

_lock = threading.Lock()
_tagger = None


def word_tagger():
    """The shared tagger: ``tag(text)`` gives (word, tag) pairs, ``has_word(word)`` says
    whether its dictionary holds ``word``."""
    global _tagger
    with _lock:
        if _tagger is None:
            _tagger = _new_tagger()
        return _tagger


def _new_tagger():
    try:
        import rjieba

        return rjieba.Jieba()
    except ImportError:  # pragma: no cover - rjieba is in requirements.txt
        pass
    jieba = import_jieba("posseg")
    jieba.setLogLevel(60)
    tokenizer = jieba.Tokenizer()
    return _JiebaPosseg(jieba.posseg.POSTokenizer(tokenizer))


class _JiebaPosseg:
    """jieba.posseg behind rjieba's two methods."""

    def __init__(self, posseg):
        self.posseg = posseg
        self.words = None

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self.posseg.cut(text)]

    def has_word(self, word: str) -> bool:
        return bool(self.posseg.tokenizer.FREQ.get(word))
