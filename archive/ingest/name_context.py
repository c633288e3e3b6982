"""Names announced by their context, which the tagger's tags miss.

>>> from archive.ingest.people import extract_persons
>>> [p.name for p in extract_persons(["（本报记者许立群、向兵报道）", "俄罗斯总理切尔诺梅尔金说，"])]
['许立群', '向兵', '切尔诺梅尔金']

* credits and bylines: 记者许立群报道, （新华社记者章武摄）, （夏昆山、张翔辉）;
* a paragraph that is only a name (an author line under the headline);
* a title just before a name the tagger cut or tagged otherwise: 省长|回良玉|强调;
* lists: in 王岐山、卢钟鹤、欧广源 the items between names are names too;
* transliterations: a run of transliteration characters after a title or before a verb of
  saying (美国总统克林顿, 布赫说), and Japanese names after a Japanese title.
"""

from __future__ import annotations

import re

from archive.ingest.names import COMPOUND_SURNAMES, JAPANESE_SURNAMES, NOT_NAMES, SURNAMES, TRANSLIT

_SUR = "(?:" + "|".join(sorted(COMPOUND_SURNAMES)) + "|[" + "".join(sorted(SURNAMES)) + "])"
_NAME = _SUR + "[\u4e00-\u9fff]{1,2}?"
_FULL_NAME = re.compile(_NAME)
# 记者许立群报道, 通讯员向兵、, （新华社记者章武摄）
_BYLINE = re.compile(
    r"(?:记者|通讯员|摄影|撰稿|执笔)((?:" + _NAME + r")(?:、(?:" + _NAME + r"))*)"
    r"(?=报道|摄|[、，）)\s]|$)"
)
_CREDIT = re.compile(r"[（(]([\u4e00-\u9fff、]{2,20}?)(?:摄影?|画|文|整理)?[）)]$")
_SAYS = ("说", "表示", "指出", "强调", "认为", "介绍", "等", "同志", "先生", "女士", "夫人", "会见")
_SAYS += ("总统", "总理", "首相", "主席", "一行", "在", "称", "宣布", "对", "和", "、", "，", "。")
_PLACE_AFTER = tuple("市省州县岛港湾河湖山城国") + ("大学", "公司", "银行", "火山", "机场", "条约")
_PLACE_AFTER += ("股市", "指数", "集团", "地区", "平原", "高原", "大街", "广场", "体育", "人")
_NOT_BEFORE = ("新华社", "据", "在", "驻", "到", "前往", "抵达", "离开", "从", "于", "赴", "访问")
_FOREIGN_TITLES = re.compile(
    r"(?:总统|总理|首相|外长|外相|藏相|大臣|部长|主席|议长|大使|国王|亲王|特使|秘书长|总干事|"
    r"发言人|总书记|领导人|选手|名将|诗人|作家|教练|球星|科学家|党首|司令|委员长|副总统|代表|"
    r"会长|团长|[产务卫]相|干事长)$"
)
_ANNOTATION = re.compile(r"[（(](?:女|男)?[、，]?[\u4e00-\u9fff]{0,6}族?[）)]")


def _ok(name: str) -> bool:
    return name not in NOT_NAMES and name[-1] not in "村庄委区县镇乡市省店厂局部院站路街港"


def _split_credit(text: str) -> list[str]:
    """夏昆山、张翔辉 or 夏昆山张翔辉 (two three-character names run together)."""
    parts = [p for p in re.split("、", re.sub("^(?:新华社|本报)?(?:记者|通讯员)", "", text)) if p]
    out = []
    for part in parts:
        if len(part) == 6 and _FULL_NAME.fullmatch(part[:3]) and _FULL_NAME.fullmatch(part[3:]):
            out += [part[:3], part[3:]]
        elif _FULL_NAME.fullmatch(part):
            out.append(part)
        else:
            return []
    return out


def _split_authors(text: str) -> list[str]:
    """韩清忠罗锡亮 → [韩清忠, 罗锡亮]: a line of 2–4 names, three characters preferred."""
    if not re.fullmatch("[\u4e00-\u9fff]+", text):
        return []
    for sizes in ((3,), (3, 2), (2, 3)):
        parts, k = [], 0
        while k < len(text):
            n = next((n for n in sizes if k + n <= len(text) and
                      _FULL_NAME.fullmatch(text[k : k + n]) and _ok(text[k : k + n])), 0)  # fmt: skip
            if not n:
                break
            parts.append(text[k : k + n])
            k += n
        if k == len(text) and 2 <= len(parts) <= 4:
            return parts
    return []


def _foreign_runs(paragraph: str, tokens, starts) -> list[tuple[int, int, str]]:
    spans = []
    i = 0
    while i < len(tokens):
        j = i
        while (
            j < len(tokens)
            and all(ch in TRANSLIT for ch in tokens[j][0])
            and tokens[j][1] not in ("uj", "p", "c", "d", "r", "m", "x")
        ):
            j += 1
        if j == i:
            i += 1
            continue
        s, e = starts[i], starts[j]
        name = paragraph[s:e]
        before, after = paragraph[max(0, s - 6) : s], paragraph[e : e + 4]
        titled = bool(_FOREIGN_TITLES.search(before))
        named = any(t in ("nr", "nrt", "nrfg") for _, t in tokens[i:j])
        if (
            (len(name) >= 3 or (titled and after.startswith(_SAYS)))
            and (titled or (named and len(name) >= 3 and after.startswith(_SAYS)))
            and len(name) <= 10
            and not after.startswith(_PLACE_AFTER)
            and not before.endswith(_NOT_BEFORE)
            and _ok(name)
        ):
            spans.append((s, e, name, "foreign"))
        i = j
    # 日本首相桥本龙太郎, 桥本首相
    for m in re.finditer("|".join(sorted(JAPANESE_SURNAMES, key=len, reverse=True)), paragraph):
        s = m.start()
        before = paragraph[max(0, s - 8) : s]
        sure = bool(_FOREIGN_TITLES.search(before) and "日本" in paragraph)
        tail = re.match(r"[\u4e00-\u9fff]{0,3}?(?=[，。、；（）“”说表在对和与同等的会今昨为率就１-９0-9]|$)",
                        paragraph[m.end() :])  # fmt: skip
        if tail and (sure or 1 <= len(tail.group()) <= 2):
            # 濑田裕子 with no 日本 in the paragraph: a weaker kind, the scorer decides.
            kind = "japanese" if sure else "jp?"
            spans.append((s, m.end() + tail.end(), m.group() + tail.group(), kind))
    return spans


# Characters of transliterated names beyond TRANSLIT: Uyghur, Tibetan, Mongolian and
# Western names written with the middle dot (阿不都热西提, 洛桑久美, 芭芭拉).
_DOT_EXTRA = set("不都热提买吾甫依江汗古木合衣曼来孜努艾且姆洛灵智杰次仁顿珠旺堆卓措群培降央嘉")
_DOT_EXTRA |= set("久美图却增茂雍尕布本芭翰丝歇沃宾蒂埃奥伊乃尔丁力克热玛扎罗诺豪")
_DOT_CHARS = TRANSLIT | _DOT_EXTRA
# Characters that end a dotted name's outer parts: particles, verbs, prepositions.
_DOT_STOP = set("为在和与及等的说是了也将对向从于被把就已会同并到曾今昨一率称讲等、")
_DOTS = "·・•"


def _dotted_spans(paragraph: str, tokens, starts) -> list[tuple[int, int, str, str]]:
    """芭芭拉·卡斯蒂约·哥斯达, 海里且姆·斯拉木: CJK parts joined by middle dots, the outer
    parts stretched over transliteration characters (or characters of a token the tagger
    calls a name) up to a particle or any other character."""
    named = [False] * (len(paragraph) + 1)
    for (_, tag), s, e in zip(tokens, starts, starts[1:], strict=False):
        if tag in ("nr", "nrt", "nrfg", "nz"):
            for k in range(s, e):
                named[k] = True

    def ok(k: int) -> bool:
        ch = paragraph[k]
        return "\u4e00" <= ch <= "\u9fff" and ch not in _DOT_STOP and (ch in _DOT_CHARS or named[k])

    out = []
    # 罗德—拉森, 萨希杜·丹戈—纳代伊: a single dash joins parts like a dot (a double dash
    # —— is punctuation).
    sep = "(?:[" + _DOTS + "]|(?<!—)—(?!—))"
    for m in re.finditer(r"[\u4e00-\u9fff]{1,10}(?:" + sep + r"[\u4e00-\u9fff]{1,10})+", paragraph):
        s, e = m.start(), m.end()
        marks = [k for k in range(s, e) if paragraph[k] in _DOTS + "—"]
        first, last = marks[0], marks[-1] + 1
        a = first
        while a > s and first - a < 8 and ok(a - 1):
            a -= 1
        b = last
        while b < e and b - last < 8 and ok(b):
            b += 1
        if a < first and b > last:
            name = re.sub("[" + _DOTS + "]", "·", paragraph[a:b])
            if "—" in name and not all(ok(k) or paragraph[k] in _DOTS + "—" for k in range(a, b)):
                continue
            if name not in NOT_NAMES:
                out.append((a, b, name, "dashspan" if "—" in name else "dotspan"))
    return out


def context_names(paragraph: str, tokens, starts, spans) -> list[tuple[int, int, str, str]]:
    """(start, end, name, kind) of names the context announces in one paragraph; the kind
    (byline, credit, title, list, …) is a feature for :mod:`archive.ingest.name_score`."""
    from archive.ingest.people import _title_at_end

    out: list[tuple[int, int, str, str]] = []
    bounds = set(starts)
    text = paragraph.strip()
    if 2 <= len(text) <= 4 and _FULL_NAME.fullmatch(text) and _ok(text):
        s = paragraph.find(text)
        out.append((s, s + len(text), text, "author"))  # an author line
    elif 5 <= len(text) <= 12 and (parts := _split_authors(text)):
        s = paragraph.find(text)
        for name in parts:  # 韩清忠罗锡亮李亚南: authors' names run together
            out.append((s, s + len(name), name, "authors"))
            s += len(name)
    for m in _BYLINE.finditer(paragraph):
        s = m.start(1)
        for name in m.group(1).split("、"):
            if _ok(name):
                out.append((s, s + len(name), name, "byline"))
            s += len(name) + 1
    if m := _CREDIT.search(paragraph):
        s = m.start(1) + len(re.match("(?:新华社|本报)?(?:记者|通讯员)?", m.group(1)).group())
        for name in _split_credit(m.group(1)):
            s = paragraph.find(name, s)
            if _ok(name):
                out.append((s, s + len(name), name, "credit"))
            s += len(name)
    # 省长|回良玉|强调: a whole name between token boundaries right after a title.
    for k, (word, _) in enumerate(tokens[:-1]):
        if not _title_at_end(word):
            continue
        s = starts[k + 1]
        for n in (3, 2):
            name = paragraph[s : s + n]
            if (
                s + n in bounds
                and _FULL_NAME.fullmatch(name)
                and _ok(name)
                and paragraph[s + n : s + n + 2].startswith(_SAYS)
            ):
                out.append((s, s + n, name, "title"))
                break
    # lists: 王岐山、卢钟鹤、欧广源 when a neighbour is already a name.
    known = {(s, e) for s, e, *_ in spans}
    clean = _ANNOTATION.sub(lambda m: "、" + " " * (len(m.group()) - 1), paragraph)
    for seg in re.finditer(r"[^，。；：！？“”《》（）\s,;:()]+", clean):
        items, pos = [], seg.start()
        for item in seg.group().split("、"):
            items.append((pos, pos + len(item), item))
            pos += len(item) + 1
        items = [it for it in items if it[2].strip()]
        hits = sum((s, e) in known for s, e, _ in items)
        if len(items) >= 3 and hits * 2 >= len(items):
            kind = "list"
        elif hits and sum(len(it.strip()) <= 4 for _, _, it in items) * 3 >= 2 * len(items):
            # 顾雷、田流 or a list whose other items the tagger missed: a weaker kind.
            kind = "list?" if len(items) >= 3 else "list2"
        else:
            continue
        s, e, first = items[0]
        for n in (3, 2):  # 出席的有王岐山、…: the lead-in ends with the first name
            if len(first) > n and e - n in bounds and _FULL_NAME.fullmatch(first[-n:]):
                items[0] = (e - n, e, first[-n:])
                break
        for s, e, item in items:
            if (s, e) not in known and _FULL_NAME.fullmatch(item) and _ok(item):
                out.append((s, e, item, kind))
    out += _foreign_runs(paragraph, tokens, starts) + _dotted_spans(paragraph, tokens, starts)
    return out + wide_names(paragraph, tokens, starts)


# ---------------------------------------------------------------------------------------
# Wide candidates: spans the tagger's cut hides. Each has its own kind, so the scorer
# learns how far to trust it; most are not names and are dropped there.

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
            bare = sum(not _FULL_NAME.fullmatch(p) for p in parts)
            key = (bare, -sum(len(p) == 3 for p in parts))
            if best is None or key < best[0]:
                best = (key, list(parts))
            return
        for n in (3, 2, 4):
            piece = text[k : k + n]
            if len(piece) < n or not _ok(piece):
                continue
            named = _FULL_NAME.fullmatch(piece) or (n == 4 and piece[:2] in COMPOUND_SURNAMES)
            if named or n == 2:  # 跃华黎明: given names alone in a credit
                walk(k + n, [*parts, piece])

    if 2 <= len(text) <= 12:
        walk(0, [])
    return best[1] if best else []


def _credits(paragraph: str, tokens, starts) -> list[tuple[int, int, str, str]]:
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
                out.append((pos, pos + len(name), name, "credit+"))
                pos += len(name)
            pos = s + paragraph[s:e].find(item, pos - s) + len(item) + 1 if item else pos + 1
    return out


def _surname_spans(paragraph: str, tokens, starts) -> list[tuple[int, int, str, str]]:
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
                if re.fullmatch("[\u4e00-\u9fff]+", name) and _ok(name):
                    out.append((starts[i], starts[j], name, "span"))
    return out


def _translit_runs(paragraph: str, tokens, starts) -> list[tuple[int, int, str, str]]:
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
                if _ok(name):
                    out.append((s, end, name, "trun"))
    return out


def _split_tokens(paragraph: str, tokens, starts) -> list[tuple[int, int, str, str]]:
    """韩清忠罗锡亮/nr: one name token holding two or three names."""
    out = []
    for (word, tag), s in zip(tokens, starts, strict=False):
        if tag in ("nr", "nrfg") and 5 <= len(word) <= 12 and _FULL_NAME.match(word):
            parts = _segment(word)
            if len(parts) >= 2 and all(_FULL_NAME.fullmatch(p) for p in parts):
                for name in parts:
                    out.append((s, s + len(name), name, "nrsplit"))
                    s += len(name)
    return out


def _name_token_runs(paragraph: str, tokens, starts) -> list[tuple[int, int, str, str]]:
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
                out.append((starts[i], starts[j], name, "nrjoin"))
    return out


def wide_names(paragraph: str, tokens, starts) -> list[tuple[int, int, str, str]]:
    """Candidates from the wide rules above (credits, split spans, transliteration runs,
    name tokens holding several names)."""
    return (
        _credits(paragraph, tokens, starts)
        + _surname_spans(paragraph, tokens, starts)
        + _translit_runs(paragraph, tokens, starts)
        + _split_tokens(paragraph, tokens, starts)
        + _name_token_runs(paragraph, tokens, starts)
    )
