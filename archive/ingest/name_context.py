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
        if not (_FOREIGN_TITLES.search(before) and "日本" in paragraph):
            continue
        tail = re.match(r"[\u4e00-\u9fff]{0,3}?(?=[，。、；（）“”说表在对和与同等的会今昨为率就１-９0-9]|$)",
                        paragraph[m.end() :])  # fmt: skip
        if tail:
            spans.append((s, m.end() + tail.end(), m.group() + tail.group(), "japanese"))
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
    for m in re.finditer(
        r"[\u4e00-\u9fff]{1,10}(?:[" + _DOTS + r"][\u4e00-\u9fff]{1,10})+", paragraph
    ):
        s, e = m.start(), m.end()
        first = re.search("[" + _DOTS + "]", m.group()).start() + s
        last = max(k for k in range(s, e) if paragraph[k] in _DOTS) + 1
        a = first
        while a > s and first - a < 8 and ok(a - 1):
            a -= 1
        b = last
        while b < e and b - last < 8 and ok(b):
            b += 1
        if a < first and b > last:
            name = re.sub("[" + _DOTS + "]", "·", paragraph[a:b])
            if name not in NOT_NAMES:
                out.append((a, b, name, "dotspan"))
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
        if len(items) < 3 or sum((s, e) in known for s, e, _ in items) * 2 < len(items):
            continue
        s, e, first = items[0]
        for n in (3, 2):  # 出席的有王岐山、…: the lead-in ends with the first name
            if len(first) > n and e - n in bounds and _FULL_NAME.fullmatch(first[-n:]):
                items[0] = (e - n, e, first[-n:])
                break
        for s, e, item in items:
            if (s, e) not in known and _FULL_NAME.fullmatch(item) and _ok(item):
                out.append((s, e, item, "list"))
    return out + _foreign_runs(paragraph, tokens, starts) + _dotted_spans(paragraph, tokens, starts)
