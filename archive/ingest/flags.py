"""Review flags: why a person should look at an item before it is published.

An item's ``review`` list holds flags as codes, optionally with a payload after a colon
(``"byline_printed_as:本报记者 刘婧"``). Codes are what is stored, exported and served by the
API; staff and readers only ever see the Chinese label:

>>> label("no_headline")
'未找到标题'
>>> label("byline_printed_as:（本报通讯员 李伟）")
'署名按原文保留：（本报通讯员 李伟）'
>>> code("byline_printed_as:（本报通讯员 李伟）"), payload("byline_printed_as:（本报通讯员 李伟）")
('byline_printed_as', '（本报通讯员 李伟）')

Archives written before flags were codes hold English notes; ``from_legacy`` reads them:

>>> from_legacy("byline printed as 记者 王政")
'byline_printed_as:记者 王政'

Adding a flag means adding one entry to ``FLAGS``.
"""

from __future__ import annotations

NO_HEADLINE = "no_headline"
NO_BYLINE = "no_byline"
BYLINE_PRINTED_AS = "byline_printed_as"
PARAGRAPHS_UNCERTAIN = "paragraphs_uncertain"
PERSONS_FAILED = "persons_failed"
PARSER_ERROR = "parser_error"
CUT_UNCERTAIN = "cut_uncertain"
HEADLINE_UNCERTAIN = "headline_uncertain"
PDF_NO_TEXT = "pdf_no_text"
PDF_TEXT_UNREADABLE = "pdf_text_unreadable"
PDF_CHARS_DROPPED = "pdf_chars_dropped"

FLAGS = {
    NO_HEADLINE: "未找到标题",
    NO_BYLINE: "未识别署名",
    BYLINE_PRINTED_AS: "署名按原文保留",
    PARAGRAPHS_UNCERTAIN: "分段可能有误",
    PERSONS_FAILED: "人物识别失败",
    PARSER_ERROR: "解析出错，原文未经切分保留",
    CUT_UNCERTAIN: "文章切分可能有误，请核对起止",
    HEADLINE_UNCERTAIN: "引题、主题、副题的划分可能有误",
    PDF_NO_TEXT: "版面文件没有文字层（扫描版面），只保存了版面图",
    PDF_TEXT_UNREADABLE: "版面文件的文字层无法识别（乱码），只保存了版面图",
    PDF_CHARS_DROPPED: "版面文件中有无法识别的字符，已略去",
}

# The English notes of earlier versions, and the code each became.
_LEGACY = {
    "no headline found": NO_HEADLINE,
    "byline not recognised": NO_BYLINE,
    "paragraph break uncertain": PARAGRAPHS_UNCERTAIN,
    "person extraction failed": PERSONS_FAILED,
    "parser error: text kept unparsed": PARSER_ERROR,
}
_LEGACY_PREFIXES = {"byline printed as ": BYLINE_PRINTED_AS}


def make(flag_code: str, payload_text: str = "") -> str:
    """``make("byline_printed_as", "记者 王政")`` gives ``"byline_printed_as:记者 王政"``."""
    if flag_code not in FLAGS:
        raise KeyError(f"unknown review flag {flag_code!r}")
    return f"{flag_code}:{payload_text}" if payload_text else flag_code


def code(flag: str) -> str:
    """The code part of a stored flag."""
    return flag.split(":", 1)[0]


def payload(flag: str) -> str:
    """The payload part of a stored flag ("" when it has none)."""
    return flag.split(":", 1)[1] if ":" in flag else ""


def label(flag: str) -> str:
    """What staff read: the Chinese label, then the payload; unknown text as it is."""
    name = FLAGS.get(code(flag))
    if name is None:
        return flag
    extra = payload(flag)
    return f"{name}：{extra}" if extra else name


def has(flags: list[str], flag_code: str) -> bool:
    """True when any flag in ``flags`` has this code."""
    return any(code(f) == flag_code for f in flags)


def without(flags: list[str], flag_code: str) -> list[str]:
    """``flags`` minus every flag with this code."""
    return [f for f in flags if code(f) != flag_code]


def from_legacy(note: str) -> str:
    """A stored note of an earlier version as a flag (flags pass through unchanged)."""
    if note in _LEGACY:
        return _LEGACY[note]
    for prefix, flag_code in _LEGACY_PREFIXES.items():
        if note.startswith(prefix):
            return make(flag_code, note[len(prefix) :])
    return note
