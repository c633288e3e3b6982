"""Wide candidates: spans the tagger's cut hides.

>>> [p.name for p in wide_names("（建宪李恒摄）", [("（", "x"), ("建宪", "nr"), ("李恒", "nr"),
...                                           ("摄", "v"), ("）", "x")], [0, 1, 3, 5, 6, 7])
...  if p.kind == "credit+"]
['建宪', '李恒']

Each rule has its own kind, so the scorer learns how far to trust it; most of what they
propose is not a name and is dropped there. Where another rule proposes the same span,
the wide kind is dropped (see :data:`archive.ingest.candidate.WIDE_KINDS`).
"""

from __future__ import annotations

import re

from archive.ingest.candidate import Proposal
from archive.ingest.name_context import FULL_NAME, reads_as_name
from archive.ingest.names import COMPOUND_SURNAMES, SURNAMES, TRANSLIT

_NAMED_TAGS = ("nr", "nrt", "nrfg", "ns", "nz")
_CREDIT_ANY = re.compile(r"[（(]([\u4e00-\u9fff、：:]{2,24}?)(?:摄影?|画|图|文|整理|供稿)?[）)]")
_CREDIT_LEAD = re.compile("(?:新华社|本报|中新社)?(?:特约)?(?:记者|通讯员|摄影记者)?")
_ORG_ENDS = tuple("县市省区镇乡村委局厅院部所站社队办") + ("公司", "中心", "大学")


def _segment(text: str) -> list[str]:
    """陈飞方仙云 → [陈飞, 方仙云], 建宪李恒 → [建宪, 李恒]: a run of names split into
    surname-led pieces of two or three characters (fewest pieces without a surname,
    then most three-character pieces); [] when there is no such split."""
    best: tuple | None = None

    def walk(k: int, parts: list[str]) -> None:
        nonlocal best
        if k == len(text):
            bare = sum(not FULL_NAME.fullmatch(p) for p in parts)
            key = (bare, -sum(len(p) == 3 for p in parts))
            if best is None or key < best[0]:
                best = (key, list(parts))
            return
        for n in (3, 2, 4):
            piece = text[k : k + n]
            if len(piece) < n or not reads_as_name(piece):
                continue
            named = FULL_NAME.fullmatch(piece) or (n == 4 and piece[:2] in COMPOUND_SURNAMES)
            if named or n == 2:  # 跃华黎明: given names alone in a credit
                walk(k + n, [*parts, piece])

    if 2 <= len(text) <= 12:
        walk(0, [])
    return best[1] if best else []


def _credits(paragraph: str, tokens, starts) -> list[Proposal]:
    """（河南西峡县陈飞方仙云）, （建宪李恒摄）, （荷兰：梵高）: names at the end of a
    bracket, after any place or body, run together or not."""
    out = []
    tag_ending = {e: t for (_, t), e in zip(tokens, starts[1:], strict=False)}
    for m in _CREDIT_ANY.finditer(paragraph):
        s, e = m.start(1), m.end(1)
        lead = _CREDIT_LEAD.match(paragraph, s, e)
        s = max(s, lead.end()) if lead else s
        colon = max(paragraph.rfind("：", s, e), paragraph.rfind(":", s, e))
        s = max(s, colon + 1)
        if paragraph[s:e].endswith("族") or e - s < 2:
            continue
        # a leading place or body (河南|西峡县|纪委) ends at the tagger's last boundary
        # after a place-tagged token or an office word that leaves a name's room
        for k in range(e - 2, s, -1):
            if tag_ending.get(k) in ("ns", "nt") or (
                k in tag_ending and paragraph[s:k].endswith(_ORG_ENDS)
            ):
                s = k
                break
        pos = s
        for item in paragraph[s:e].split("、"):
            for name in _segment(item):
                out.append(Proposal(pos, pos + len(name), name, "credit+"))
                pos += len(name)
            pos = s + paragraph[s:e].find(item, pos - s) + len(item) + 1 if item else pos + 1
    return out


def _surname_spans(paragraph: str, tokens, starts) -> list[Proposal]:
    """程有|清, 王新|让, 高兴|海, 才|利民: a surname-led span of two or three characters
    that the tagger cut into two or three short tokens."""
    out = []
    for i, (word, _) in enumerate(tokens):
        if word[:1] not in SURNAMES and word[:2] not in COMPOUND_SURNAMES:
            continue
        j, size = i, 0
        while j < len(tokens) and size + len(tokens[j][0]) <= 4 and len(tokens[j][0]) <= 2:
            size += len(tokens[j][0])
            j += 1
            limit = 4 if word[:2] in COMPOUND_SURNAMES else 3
            if j - i >= 2 and 2 <= size <= limit:
                name = paragraph[starts[i] : starts[j]]
                if re.fullmatch("[\u4e00-\u9fff]+", name) and reads_as_name(name):
                    out.append(Proposal(starts[i], starts[j], name, "span"))
    return out


def _translit_runs(paragraph: str, tokens, starts) -> list[Proposal]:
    """萨里|赫在, 塞尔|登是, 坦皮|斯特|于: a character run of transliteration letters that
    overlaps a token tagged as a name, ending at the run's end or a token boundary."""
    named = [False] * (len(paragraph) + 1)
    for (_, tag), s, e in zip(tokens, starts, starts[1:], strict=False):
        if tag in _NAMED_TAGS:
            for k in range(s, e):
                named[k] = True
    bounds = set(starts)
    out = []
    for m in re.finditer("[" + "".join(sorted(TRANSLIT)) + "]{3,10}", paragraph):
        s, e = m.start(), m.end()
        if s not in bounds or not any(named[s:e]):
            continue
        for end in range(s + 3, e + 1):
            if end == e or end in bounds:
                name = paragraph[s:end]
                if reads_as_name(name):
                    out.append(Proposal(s, end, name, "trun"))
    return out


def _split_tokens(paragraph: str, tokens, starts) -> list[Proposal]:
    """韩清忠罗锡亮/nr: one name token holding two or three names."""
    out = []
    for (word, tag), s in zip(tokens, starts, strict=False):
        if tag in ("nr", "nrfg") and 5 <= len(word) <= 12 and FULL_NAME.match(word):
            parts = _segment(word)
            if len(parts) >= 2 and all(FULL_NAME.fullmatch(p) for p in parts):
                for name in parts:
                    out.append(Proposal(s, s + len(name), name, "nrsplit"))
                    s += len(name)
    return out


def _name_token_runs(paragraph: str, tokens, starts) -> list[Proposal]:
    """范|罗斯特, 斯考|克罗夫特, 塔纳|苏干: a foreign name the tagger cut into two or three
    name-tagged tokens, one character at most outside the transliteration letters."""
    out = []
    for i, (_, tag) in enumerate(tokens):
        if tag not in ("nr", "nrt"):
            continue
        for j in range(i + 2, min(i + 4, len(tokens)) + 1):
            if tokens[j - 1][1] not in _NAMED_TAGS:
                break
            name = paragraph[starts[i] : starts[j]]
            outside = sum(ch not in TRANSLIT for ch in name)
            if 3 <= len(name) <= 8 and outside <= 1 and re.fullmatch("[\u4e00-\u9fff]+", name):
                out.append(Proposal(starts[i], starts[j], name, "nrjoin"))
    return out


def wide_names(paragraph: str, tokens, starts) -> list[Proposal]:
    """Candidates from the wide rules above (credits, split spans, transliteration runs,
    name tokens holding several names)."""
    return (
        _credits(paragraph, tokens, starts)
        + _surname_spans(paragraph, tokens, starts)
        + _translit_runs(paragraph, tokens, starts)
        + _split_tokens(paragraph, tokens, starts)
        + _name_token_runs(paragraph, tokens, starts)
    )
