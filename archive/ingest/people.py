"""Persons an article mentions, with the roles the text gives them.

>>> [(p.name, p.roles) for p in extract_persons(["市委副书记、市长徐衣显深入城区一线。副市长王付举一同检查督导。"])]
[('徐衣显', ['市委副书记', '市长']), ('王付举', ['副市长'])]

Candidates come from jieba's part-of-speech tags (``nr``), from contexts that announce a
name (副市长王付举, 记者许立群报道, （王小平摄）, a paragraph that is only a name, lists
such as 市领导王建修、路红卫、…), from runs of transliteration characters next to a title
or a verb of saying (俄罗斯总理切尔诺梅尔金, 日本首相桥本龙太郎) and from names the archive
already knows (a gazetteer matched straight in the text, see :mod:`archive.ingest.names`).
Candidates are loose (any token the tagger calls a name, surname-led words, 老王/小李);
:mod:`archive.ingest.name_score` gives each a probability from its features and keeps
those above a threshold chosen on dev dates. Where kept candidates overlap, a known name
the tokens do not split wins, then the likelier (和李鹏 loses to 李鹏). A name written
short elsewhere in the article (萨维 for 托马斯·萨维, 桥本 for 桥本龙太郎) is a mention too,
as is a given name used alone (恩来): the archive's gold lists count each form.

Roles: a role is a title word (书记, 市长, 总指挥, …) with the office before it when that
office is a short, known one (市委, 市人大常委会, 国务院, …): 市委书记、市人大常委会主任王小平
gives [市委书记, 市人大常委会主任]. A long ad-hoc office keeps only its title:
市新型冠状病毒感染的肺炎疫情防控指挥部总指挥 gives 总指挥, since the full phrase is a
sentence, not a role a reader would search for. 中共中央总书记 and 习近平总书记 both give 总书记.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence, Sized

from archive.ingest import name_tagger
from archive.ingest.jieba_import import import_jieba
from archive.ingest.model import PersonMention
from archive.ingest.name_context import context_names
from archive.ingest.name_score import Tokens, choose, features, short_forms, threshold
from archive.ingest.names import (
    ADDRESS_WORDS,
    COMPOUND_SURNAMES,
    COUNTRIES,
    JAPANESE_SURNAMES,
    NOT_NAMES,
    SURNAMES,
    TRANSLIT,
    Gazetteer,
)

__all__ = ["COMPOUND_SURNAMES", "SURNAMES", "extract_persons", "find_roles", "roles_before"]

# Title words, longest first when matched. 副/常务副/第一副 are added by the pattern.
TITLES = sorted(
    """总书记 书记 党委书记 党组书记 支部书记 市长 省长 县长 区长 镇长 乡长 村长 州长 主任 主任委员
    主席 总理 委员长 部长 局长 厅长 处长 科长 委员 常委 秘书长 总指挥 指挥长 院长 校长 董事长
    总经理 经理 厂长 所长 社长 总编辑 会长 理事长 司令员 司令 政委 政治委员 参谋长 军长 师长
    国务委员 大使 外长 总统 首相 总督 议长 总干事 发言人 检察长 庭长 队长 行长 署长 监事长
    组长 站长 团长 台长 馆长 政协主席 主任医师 教授 研究员 总工程师 特使 代表 总裁 执行主席
    委员会主任 处长 审计长 总监 主编 """.split(),
    key=len,
    reverse=True,
)
_TITLE = "(?:(?:常务|第一|执行)?副)?(?:" + "|".join(dict.fromkeys(TITLES)) + ")"
# Offices kept in front of a title (the longest that ends the text before the title).
OFFICES = sorted(
    """市委 省委 县委 区委 镇党委 乡党委 党委 党组 市人大常委会 省人大常委会 县人大常委会
    全国人大常委会 人大常委会 市人大 省人大 全国人大 市政府 省政府 县政府 区政府 国务院 中共中央
    中央 中共中央政治局 中央政治局 中央军委 国家 市政协 省政协 县政协 全国政协 政协 市纪委
    省纪委 中央纪委 市委常委 省委常委 外交部 国防部 公安部 财政部 教育部 商务部 市 省 县 区
    中华全国总工会 全国总工会 共青团中央 全国妇联 中国科学院 中国社会科学院 市公安局 军区
    """.split(),
    key=len,
    reverse=True,
)
# Names titled after the name: 习近平总书记, 李鹏总理.
_AFTER_TITLES = ("总书记", "主席", "总理", "副总理", "委员长", "书记", "市长", "省长", "同志")
# Offices written before the title that say nothing a reader needs: 中共中央总书记 → 总书记.
_CANONICAL = {"中共中央总书记": "总书记", "中央总书记": "总书记"}

_NAME_CHARS = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
_FOREIGN = re.compile(r"^[\u4e00-\u9fff]{1,12}(?:[·・．.][\u4e00-\u9fff]{1,12})+$")
_LIST_LEADS = ("市领导", "省领导", "县领导", "区领导", "出席的有", "出席会议的有", "参加的有")
_TRANSLIT = TRANSLIT

_lock = threading.Lock()
_tagger = None  # a private rjieba/jieba instance: nothing is ever added to its dictionary
_gazetteer: tuple[object, int, Gazetteer] | None = None


def _new_tagger():
    """A private tagger; rjieba (Rust, ~20× faster) when present, else jieba.posseg."""
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
    def __init__(self, posseg):
        self.posseg = posseg
        self.words = None

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self.posseg.cut(text)]

    def has_word(self, word: str) -> bool:
        return bool(self.posseg.tokenizer.FREQ.get(word))


def _get_tagger():
    global _tagger
    with _lock:
        if _tagger is None:
            _tagger = _new_tagger()
        return _tagger


def _get_gazetteer(known_names: Iterable[str]) -> Gazetteer | None:
    """The gazetteer of ``known_names``, built once per list the caller passes."""
    global _gazetteer
    if not known_names:
        return None
    size = len(known_names) if isinstance(known_names, Sized) else -1
    cached = _gazetteer
    if cached and cached[0] is known_names and cached[1] == size >= 0:
        return cached[2]
    gazetteer = Gazetteer(known_names, _in_dictionary)
    _gazetteer = (known_names, size, gazetteer)
    return gazetteer


def _in_dictionary(word: str) -> bool:
    return bool(_get_tagger().has_word(word))


def _has_surname(name: str) -> bool:
    return name[:2] in COMPOUND_SURNAMES or name[0] in SURNAMES


# Last characters of places and bodies the tagger calls names (白庄村, 卫健委, 马村区).
_HONORIFICS = ("先生", "小姐", "女士", "大使", "同志", "老师", "大姐", "大爷", "师傅")
_PLACE_ENDS = set("坝村庄委区县镇乡市省店厂局部院站路街港湾山河湖桥门寺园")


def _addressed(name: str) -> bool:
    """陈书记, 王市长 (a surname and a title), 全中国 (a character and a country)."""
    if name[-1] == "国" and name[:-1] + "国" not in COUNTRIES and name[:-1] in COUNTRIES:
        return True  # 蒙古国
    return (name[0] in SURNAMES and name[1:] in ADDRESS_WORDS) or name[1:] in COUNTRIES


def _plausible_name(name: str) -> bool:
    if name in NOT_NAMES or re.fullmatch(_TITLE, name) or name.endswith(_HONORIFICS):
        return False
    if _addressed(name):
        return False
    if len(name) == 3 and name[-1] in _PLACE_ENDS:
        return False
    if _FOREIGN.match(name):
        return True
    if not _NAME_CHARS.match(name):
        return False
    if len(name) == 4:  # 欧阳中石, 陈方安生; four-character words are mostly idioms
        return name[:2] in COMPOUND_SURNAMES
    return _has_surname(name)


def _plausible_tagged(name: str) -> bool:
    """A word the tagger calls a name: Chinese with a surname, or a 3+ character
    transliteration (克林顿, 布莱尔)."""
    if name in NOT_NAMES or re.fullmatch(_TITLE, name) or name.endswith(_HONORIFICS):
        return False
    if _addressed(name):
        return False
    if _FOREIGN.match(name):
        return True
    # 洪秉明 (a surname missing from the table), 董范园 (ends like a place), 孔夫子: the
    # scorer weighs surname, ending and transliteration share.
    return name not in NOT_NAMES and bool(re.fullmatch("[\u4e00-\u9fff]{2,8}", name))


def _title_at_end(text: str) -> re.Match | None:
    return re.search(_TITLE + "$", text)


def _role(piece: str) -> str | None:
    """The role a piece of text such as 市人大常委会主任 names, or None."""
    title = _title_at_end(piece)
    if not title:
        return None
    before = piece[: title.start()]
    office = next((o for o in OFFICES if before.endswith(o)), "")
    role = office + title.group()
    return _CANONICAL.get(role, role)


def roles_before(text: str) -> list[str]:
    """Roles of the chain of titles that ends ``text``: 市委书记、市人大常委会主任 → both."""
    clause = re.split(r"[，。；：！？“”《》（）\s,;:()]", text)[-1]
    roles: list[str] = []
    for piece in reversed(re.split("[、兼和及]", clause)):
        role = _role(piece) if piece else None
        if role is None:
            break
        roles.insert(0, role)
    return roles


def _role_after(text: str) -> str | None:
    for title in _AFTER_TITLES:
        if text.startswith(title) and title != "同志":
            return title
    return None


def find_roles(paragraphs: Sequence[str], names: Iterable[str]) -> dict[str, list[str]]:
    """Roles the text gives each name, in order of appearance, without repeats."""
    roles: dict[str, list[str]] = {}
    for name in names:
        found: list[str] = []
        for paragraph in paragraphs:
            for m in re.finditer(re.escape(name), paragraph):
                found += roles_before(paragraph[max(0, m.start() - 60) : m.start()])
                if after := _role_after(paragraph[m.end() : m.end() + 4]):
                    found.append(after)
        roles[name] = list(dict.fromkeys(found))
    return roles


# Characters glued to a name by the tagger: 董曼忠摄 (photo credit), 对林菱, 张林春为.
_TRAILING = set("摄绘说等为手称讲们和与同及的在是了也都就又还以摘")
_LEADING = set("对向由请让被给和与同跟字据经把将从")
# One-character words that do not end a name (王小平|说, 张北|县).
_NOT_GIVEN = set("摄的在是和与同及等说讲称道也都就又还了着过把被将从向对为于县市省区村乡镇州路街")
_NAME_TAGS = ("nr", "nrfg", "nrt")
_GLUED = set("说为在和是等的也")
_PLACES = {
    "社区",
    "小区",
    "公司",
    "大学",
    "中学",
    "小学",
    "医院",
    "集团",
    "广场",
    "大街",
    "大厦",
    "宾馆",
}


def _trim(word: str) -> str:
    if len(word) >= 3 and word[-1] in _TRAILING and _plausible_name(word[:-1]):
        word = word[:-1]
    if len(word) >= 3 and word[0] in _LEADING and _plausible_name(word[1:]):
        word = word[1:]
    return word


def _join_foreign(tokens: list[tuple[str, str]], i: int) -> tuple[str, int] | None:
    """诺罗敦|·|西哈努克: a transliterated name written with the middle dot."""
    if i + 2 >= len(tokens) or tokens[i + 1][0] not in ("·", "・", "．"):
        return None
    parts, j = [tokens[i][0]], i + 1
    while j + 1 < len(tokens) and tokens[j][0] in ("·", "・", "．"):
        if not re.fullmatch("[\u4e00-\u9fff]+", tokens[j + 1][0]):
            break
        parts.append(tokens[j + 1][0])
        j += 2
        # 彼特·加纳|维奇: the tagger splits the part after the dot too.
        while j < len(tokens) and tokens[j][1] in _NAME_TAGS and len(tokens[j][0]) <= 3:
            parts[-1] += tokens[j][0]
            j += 1
    if len(parts) < 2 or not re.fullmatch("[\u4e00-\u9fff]+", parts[0]):
        return None
    # 大张·惠利佳马村店 is a shop: every part must look like a transliteration.
    tagged = {w for w, t in tokens[i:j] if t in _NAME_TAGS}
    if not all(
        part in tagged or sum(ch in _TRANSLIT for ch in part) >= len(part) - 1 for part in parts
    ):
        return None
    return "·".join(parts), j


# 老王, 小李: how colleagues and neighbours are named; the gold list counts them.
_LAO_XIAO = re.compile("[老小][" + "".join(sorted(SURNAMES)) + "](?![\u4e00-\u9fff]{2})")


def _tagged_names(paragraph: str, tokens: list[tuple[str, str]], starts: list[int]) -> list:
    """(start, end, name, kind) of the names the tagger's tags give, in reading order.

    Candidates only: the scorer (:mod:`archive.ingest.name_score`) decides.
    """
    spans = []
    i = 0
    while i < len(tokens):
        word, tag = tokens[i]
        first = i
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
        prev = tokens[i - 1][0] if i else ""
        if foreign := _join_foreign(tokens, i):
            # 华金|·|阿尔穆尼亚 is tagged nz|x|ns: still a candidate, with a weaker kind.
            named = any(t in _NAME_TAGS for _, t in tokens[i : foreign[1]])
            spans.append((starts[i], starts[foreign[1]], foreign[0], "dotted" if named else "dot?"))
            i = foreign[1]
            continue
        name = kind = None
        # 郭|俊秀, 周|新华: a surname the tagger calls a name, then the given name; also
        # 韩|卫国 (j|ns), 张|明远 (q|a), weighed by the scorer through the kind sg:<tag>.
        if (
            len(word) == 1
            and word in SURNAMES
            and (
                tag == "nr"
                or nxt[1] in _NAME_TAGS  # 表弟路|传俊 (n|nr)
                or (prev[-1:] in "、，：（" or _title_at_end(prev))
            )
            and 1 <= len(nxt[0]) <= 2
            and nxt[1] not in ("x", "uj", "p", "c", "ul", "r", "d", "m")
            and not _title_at_end(nxt[0])
            and _plausible_name(word + nxt[0])
        ):
            # 由|房龙 (p|nr): the next token is a name of its own too, so it is not skipped.
            skip = tag == "nr" or nxt[1] not in _NAME_TAGS
            name, kind, i = word + nxt[0], "surgiven" if tag == "nr" else f"sg:{tag}", i + skip
        # 徐殿|举, 朱语|今: a two-character name token and the last character of the name.
        elif (
            len(word) == 2
            and tag in _NAME_TAGS
            and len(nxt[0]) == 1
            and nxt[0] not in _NOT_GIVEN
            and nxt[1] in ("zg", "ng", "tg", "vg", "ag", "v", "a", "n", "nr", "m")
            and _plausible_name(word + nxt[0])
        ):
            name, kind, i = word + nxt[0], "namechar", i + 1
        # 李炳|文说, 徐衍|东为: the tagger glued the name's last character to 说/为/在.
        elif (
            len(word) == 2
            and tag in _NAME_TAGS
            and len(nxt[0]) == 2
            and nxt[0][1] in _GLUED
            and _has_surname(word)
            and _plausible_name(word + nxt[0][0])
        ):
            name, kind = word + nxt[0][0], "glued"
        elif tag in _NAME_TAGS:
            candidate = _trim(word)
            if _plausible_tagged(candidate):
                name, kind = candidate, "tag" if candidate == word else "trim"
        elif (
            (bool(_title_at_end(prev)) or prev in _LIST_LEADS)
            and len(word) in (2, 3)
            and _plausible_name(word)
        ):
            # 副市长|王付举 when the tagger gave the name another tag
            name, kind = word, "aftertitle"
        elif len(word) == 3 and _plausible_name(word):
            # 周恩来 is a dictionary word tagged t: any surname-led three-character word
            name, kind = word, "surword"
        start = paragraph.find(name, starts[first]) if name else -1
        after = paragraph[start + len(name) : start + len(name) + 2] if name else ""
        # 马村|区, 恩华|社区: a two-character "name" followed by 区/县/村 is a place.
        if name and len(name) == 2 and (after[:1] in set("村区县镇乡市省州街") or after in _PLACES):
            name = None
        if name and name not in NOT_NAMES:
            spans.append((start, start + len(name), name, kind))
        i += 1
    return spans


# Kinds of :func:`archive.ingest.name_context.wide_names` and the weak list rules.
_WIDE = frozenset({"span", "trun", "credit+", "nrsplit", "list?", "list2", "jp?", "nrjoin", "seq"})


# What the dotted-name rules sweep up around a foreign name: a title before it in the
# same run (文莱苏丹|哈桑纳尔·博尔基亚), a word after it (托马斯·萨维|为), and two names
# joined by 和 (路易吉·马扎|和|马里诺·扎诺蒂).
_DOT_LEADS = ("苏丹", "国王", "女王", "亲王", "王子", "总统", "首相", "总理", "主席", "议长")
_DOT_TAIL = set("为和在说等是的与及了将")


def _clean_dotted(s: int, e: int, name: str, kind: str) -> list[tuple[int, int, str, str]]:
    """The span of a dotted foreign name without what its rule swept up with it."""
    if "·" not in name:
        return [(s, e, name, kind)]
    out = []
    offset = 0
    for piece in re.split("(和|与|及)", name):
        start, offset = offset, offset + len(piece)
        if piece in ("和", "与", "及") or "·" not in piece:
            continue
        first = piece.split("·")[0]
        cut = max(
            (first.rfind(lead) + len(lead) for lead in _DOT_LEADS if lead in first), default=0
        )
        piece, start = piece[cut:], start + cut
        while piece[-1] in _DOT_TAIL and len(piece.split("·")[-1]) > 2:
            piece = piece[:-1]
        out.append((s + start, s + start + len(piece), piece, kind))
    return out


def _candidates(paragraph: str, tagger, gazetteer: Gazetteer | None) -> list:
    """(start, end, name, kinds, Tokens) of every candidate name in one paragraph."""
    tokens = tagger.tag(paragraph)
    starts = [0]
    for word, _ in tokens:
        starts.append(starts[-1] + len(word))
    spans = _tagged_names(paragraph, tokens, starts)
    spans += context_names(paragraph, tokens, starts, spans)
    if gazetteer is not None:
        spans += [(s, e, n, "known") for s, e, n in gazetteer.find(paragraph)]
    spans += [(m.start(), m.end(), m.group(), "laoxiao") for m in _LAO_XIAO.finditer(paragraph)]
    read = name_tagger.spans(paragraph, tokens)
    spans += [(s, e, paragraph[s:e], "seq") for s, e in read]
    spans = [piece for span in spans for piece in _clean_dotted(*span)]
    merged: dict[tuple[int, int, str], set[str]] = {}
    for s, e, n, kind in spans:
        merged.setdefault((s, e, n), set()).add(kind)
    # The wide rules only add what nothing else proposes: a candidate another rule
    # found keeps its own description (王付|举 stays a namechar, not also a span).
    for kinds in merged.values():
        if kinds - _WIDE:
            kinds -= _WIDE
    info = Tokens({starts[k]: (starts[k + 1], t) for k, (_, t) in enumerate(tokens)}, read)
    return [(s, e, n, kinds, info) for (s, e, n), kinds in merged.items()]


def scored_candidates(paragraphs: Sequence[str], known_names: Iterable[str] = ()) -> list:
    """(paragraph index, start, end, name, features) of every candidate of an article."""
    tagger = _get_tagger()
    gazetteer = _get_gazetteer(known_names)
    found = [_candidates(p, tagger, gazetteer) for p in paragraphs]
    text = "\n".join(paragraphs)
    # What a name's string alone says (its count, whether it and its halves are words),
    # looked up once per name, not once per mention.
    lexicon: dict[str, tuple[int, bool, tuple[bool, bool]]] = {}
    out = []
    for k, spans in enumerate(found):
        # Never a name, whatever rule proposed it: 于德国, 王市长.
        spans = [x for x in spans if x[2] not in NOT_NAMES and not _addressed(x[2])]
        for s, e, n, kinds, info in spans:
            if n not in lexicon:
                three = len(n) == 3
                lexicon[n] = (
                    text.count(n) if "·" not in n else 1,
                    tagger.has_word(n),
                    (three and tagger.has_word(n[:2]), three and tagger.has_word(n[1:])),
                )
            count, in_dictionary, parts = lexicon[n]
            feats = features(
                paragraphs[k], s, e, n, kinds, info,
                count=count, in_dictionary=in_dictionary, parts_in_dictionary=parts,
            )  # fmt: skip
            out.append((k, s, e, n, feats + _nesting(s, e, spans)))
    return out


def _nesting(s: int, e: int, spans: list) -> list[str]:
    """Which rules proposed a longer candidate around this one (王付 in 王付举: in:namechar)
    or a shorter one inside it (和李鹏 around 李鹏: hold:tag)."""
    out = set()
    for s2, e2, _, kinds, _ in spans:
        if (s2, e2) == (s, e):
            continue
        if s2 <= s and e <= e2:
            out |= {f"in:{kind}" for kind in kinds - _WIDE}
        elif s <= s2 and e2 <= e:
            out |= {f"hold:{kind}" for kind in kinds - _WIDE}
    return sorted(out)


# 徐衣显在检查督导城区疫情防控工作时强调: a kicker's subject, before 在…时 and a reporting verb.
_KICKER_SUBJECT = re.compile(
    r"^(?P<name>[\u4e00-\u9fff·]{2,10}?)在[^，。！？、]{1,40}?时(强调|指出|表示|要求|提出)[：:]?$"
)


def _kicker_subjects(paragraphs: Sequence[str], candidates: list, kept: list) -> list:
    """The subject of a kicker such as 徐衣显在…时强调 is a person: the line says who spoke,
    however weak the name's own cues (the scorer never saw this layout in training). Only
    a name some rule proposed, and only where nothing kept overlaps it."""
    out = []
    for k, paragraph in enumerate(paragraphs):
        match = _KICKER_SUBJECT.match(paragraph)
        if not match or any(k2 == k and s < match.end("name") for k2, s, _ in kept):
            continue
        name = match.group("name")
        if any((k2, s, n) == (k, 0, name) for k2, s, _, n, _ in candidates):
            out.append((k, 0, name))
    return out


def _uncut_names(kept: list, paragraphs: Sequence[str]) -> list:
    """The kept names less those read only at the very end of a text cut short by a jump:
    …安平生、郭锋、李尔（下转第二版①） may be 李尔重 on the next page, and half a name is no
    name."""
    last = len(paragraphs) - 1
    end = len(paragraphs[last].rstrip()) if paragraphs else 0

    def at_end(k: int, s: int, name: str) -> bool:
        return k == last and s + len(name) == end

    cut = {n for k, s, n in kept if at_end(k, s, n)} - {
        n for k, s, n in kept if not at_end(k, s, n)
    }
    return [x for x in kept if x[2] not in cut]


def chosen_names(
    paragraphs: Sequence[str],
    candidates: list,
    threshold: float,
    reporters: Sequence[str] = (),
    *,
    cut_short: bool = False,
) -> list[str]:
    """The names kept of an article's scored candidates, first mention first."""
    kept = choose(candidates, threshold)
    if cut_short:
        kept = _uncut_names(kept, paragraphs)
    excluded = set(reporters)
    names: list[str] = []
    for _, _, name in sorted(kept + _kicker_subjects(paragraphs, candidates, kept)):
        if name not in excluded and name not in names:
            names.append(name)
    # 萨维 after 托马斯·萨维, 桥本 after 桥本龙太郎: short forms are mentions too.
    names = short_forms(names, "\n".join(paragraphs), JAPANESE_SURNAMES)
    return [n for n in names if n not in excluded]


def extract_persons(
    paragraphs: list[str],
    *,
    reporters: Sequence[str] = (),
    known_names: Iterable[str] = (),
    cut_short: bool = False,
) -> list[PersonMention]:
    """Persons mentioned in an article, first mention first, with their roles.

    Reporters named in the byline are left out. ``known_names`` are names the archive
    already holds; they are found wherever they occur whole (pass the same list object
    to later calls: the gazetteer is built once per list). ``cut_short`` says the text
    stops at a jump (下转…), maybe inside a word.
    """
    candidates = scored_candidates(paragraphs, known_names)
    names = chosen_names(paragraphs, candidates, threshold(), reporters, cut_short=cut_short)
    roles = find_roles(paragraphs, names)
    return [PersonMention(name=name, roles=roles[name]) for name in names]


def page_persons(
    items: Sequence[tuple], known_names: Iterable[str] = ()
) -> list[list[PersonMention]]:
    """Persons of every item of one page, each item given as (paragraphs, reporters) or
    (paragraphs, reporters, cut_short): see :func:`extract_persons`.

    One page, one reading of a name: 副市长王付举出席 alone may read as 王付 / 举出席, but
    where another item of the page names 王付举, the items that hold that name and did not
    find it are read again with the page's names known, as the archive's stored names
    are for later pages.
    """
    known = list(known_names)
    items = [(p, r, bool(rest and rest[0])) for p, r, *rest in items]
    first = [extract_persons(p, reporters=r, known_names=known, cut_short=c) for p, r, c in items]
    found = {m.name for mentions in first for m in mentions} - set(known)
    if not found:
        return first
    names = [*known, *sorted(found)]
    out = []
    for (paragraphs, reporters, cut), mentions in zip(items, first, strict=True):
        own = {m.name for m in mentions}
        text = "\n".join(paragraphs)
        if any(name in text and name not in own for name in found):
            mentions = extract_persons(
                paragraphs, reporters=reporters, known_names=names, cut_short=cut
            )
        out.append(mentions)
    return out
