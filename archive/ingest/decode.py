"""Turn the bytes of an uploaded page file into text.

>>> decode_bytes("本报讯（记者刘婧）\\r\\n1月24日".encode("gb18030"))
'本报讯（记者刘婧）\\n1月24日'

E-paper exports reach us as UTF-8 (with or without a BOM), UTF-16 (Windows "Unicode", often
without a BOM), GBK/GB18030 (older mainland tools) or Big5 (Hong Kong/Taiwan tools). Several
of these decode each other's bytes without error, so each candidate is decoded strictly and
scored by how plausible the result is as Chinese newspaper text; the best one wins.
"""

from __future__ import annotations

import codecs
from collections import Counter

__all__ = ["DecodeError", "decode_bytes"]

# Tried in this order; on equal scores the earlier one wins (UTF-8 is the most specific).
_CANDIDATES = ("utf-8", "gb18030", "big5")
_UTF16 = ("utf-16-le", "utf-16-be")
# Below this share of plausible characters a decoding is treated as garbage.
_MIN_SCORE = 0.85


class DecodeError(ValueError):
    """The bytes are not text in an encoding we read; the message names file and offset."""


def decode_bytes(data: bytes, filename: str = "") -> str:
    """Decode ``data`` and normalise line endings to ``\\n``.

    >>> decode_bytes(codecs.BOM_UTF8 + "焦作日报\\r".encode())
    '焦作日报\\n'

    Raises :class:`DecodeError` for empty, binary or undecodable input, e.g.
    ``page.txt: not text in UTF-8, UTF-16, GB18030 or Big5 (first bad byte at offset 3, line 1)``.
    """
    name = filename or "<input>"
    if not data:
        raise DecodeError(f"{name}: the file is empty")
    text = _decode_with_bom(data)
    if text is None:
        text = _best_guess(data)
    if text is None:
        raise DecodeError(f"{name}: not text in UTF-8, UTF-16, GB18030 or Big5{_where(data)}")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_with_bom(data: bytes) -> str | None:
    """A byte-order mark settles the encoding (UTF-32 marks are checked before UTF-16's)."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _best_guess(data: bytes) -> str | None:
    """Strictly decode with each candidate and keep the most plausible result.

    NUL bytes never occur in the 8-bit encodings' text, but UTF-16 puts one in every ASCII
    character (and every line break), so their presence switches the candidates to UTF-16.
    Pure-hanzi UTF-16 without a line break has no NUL, hence UTF-16 stays a last resort.
    """
    codecs_to_try = _UTF16 if b"\x00" in data else _CANDIDATES + _UTF16
    best: tuple[float, str] | None = None
    for codec in codecs_to_try:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score >= _MIN_SCORE and (best is None or score > best[0]):
            best = (score, text)
    return best[1] if best else None


def plausibility(text: str) -> float:
    """Share of characters that are likely in a Chinese page (0..1).

    >>> plausibility("全民动员 人人参与")
    1.0

    Common hanzi (GB2312 level 1, or Big5's frequent-character block), ASCII, CJK punctuation
    and full-width forms count; control characters, kana, Hangul and rare hanzi do not, which
    is what a wrong decoding produces.
    """
    if not text:
        return 0.0
    # Each distinct character judged once: a month's export is millions of characters but
    # only a few thousand different ones (6.8 MB of JSON: 5.6 s judged one by one).
    good = sum(n for ch, n in Counter(text).items() if _plausible(ch))
    return good / len(text)


def _plausible(ch: str) -> bool:
    code = ord(ch)
    if ch in "\n\r\t\f" or 0x20 <= code < 0x7F:
        return True
    if code < 0x20 or 0x7F <= code < 0xA0 or code == 0xFFFD:
        return False
    if 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2BFF:
        return True  # CJK punctuation, full-width forms, dashes, quotes, circled digits
    if 0x4E00 <= code <= 0x9FFF:
        return _common_hanzi(ch)
    # Latin-1 (·, ×, é in pinyin) and Greek letters appear in news text; other scripts
    # mostly come from reading bytes in the wrong encoding.
    return 0xA0 <= code <= 0xFF or 0x391 <= code <= 0x3C9


def _common_hanzi(ch: str) -> bool:
    """In GB2312 level 1 (B0A1–D7F9) or Big5's frequent block (A440–C67E)."""
    try:
        gb = ch.encode("gb2312")
        if 0xB0 <= gb[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b5 = ch.encode("big5")
        return 0xA440 <= int.from_bytes(b5, "big") <= 0xC67E
    except UnicodeEncodeError:
        return False


def _where(data: bytes) -> str:
    """`` (first bad byte at offset N, line L)`` from the UTF-8 decoder, or ``""``."""
    if b"\x00" in data[:4096] and data.count(b"\x00") * 4 > len(data):
        return " (looks binary: it is full of NUL bytes)"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if exc.reason == "unexpected end of data":
            # Valid UTF-8 up to a character cut in half at the very end: a copy cut short.
            return f" (it ends in the middle of a character on line {line}: truncated?)"
        return f" (first bad byte at offset {exc.start}, line {line})"
    return " (no encoding gives plausible text)"
