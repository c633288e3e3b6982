"""Staff corrections to a parsed page before it is stored. Plain Python, no Django.

A parsed page travels between review screens as its interchange dict (plus each item's
`source_lines`); these functions apply what staff changed: headline parts, kind, paragraphs,
merging an item into the one before it, or splitting an item at a paragraph.
"""

from archive.ingest import flags
from archive.ingest.model import KINDS, ParsedArticle

EDITABLE = ("kind", "kicker", "title", "subtitle", "source", "dateline", "editor_code")


def for_review(parsed):
    """A parsed page as the review screens carry it: its interchange dict, each item with
    the input lines it was read from (``source_lines``, shown beside it).

    >>> from archive.ingest.model import ParsedArticle, ParsedPage
    >>> for_review(ParsedPage(1, "", [ParsedArticle(source_lines=(3, 9))]))["articles"][0]["source_lines"]
    [3, 9]
    """
    page = parsed.to_dict()
    for article, item in zip(page["articles"], parsed.articles, strict=True):
        article["source_lines"] = list(item.source_lines)
    return page


def apply_edits(page, edits):
    """Apply per-item field edits: {index: {"title": "…", "paragraphs": "…"}} → new page dict.

    >>> page = {"number": 1, "name": "", "articles": [{"title": "", "review": ["no_headline"]}]}
    >>> apply_edits(page, {0: {"title": "王小平到马村区督导检查疫情防控工作"}})["articles"][0]
    {'title': '王小平到马村区督导检查疫情防控工作', 'review': []}

    Giving a headline clears the no_headline flag: a person has looked.
    """
    articles = [dict(a) for a in page.get("articles", [])]
    for index, changes in edits.items():
        if not 0 <= index < len(articles):
            continue
        article = articles[index]
        for name in EDITABLE:
            if name in changes:
                value = str(changes[name]).strip()
                if name == "kind" and value not in KINDS:
                    continue
                article[name] = value
        if "paragraphs" in changes:
            article["paragraphs"] = split_paragraphs(changes["paragraphs"])
        if article.get("title"):
            article["review"] = flags.without(article.get("review", []), flags.NO_HEADLINE)
    return {**page, "articles": articles}


def split_paragraphs(text):
    """Paragraphs typed in a text box, one per line: blank lines and line ends separate them."""
    return [line.strip() for line in str(text).replace("\r\n", "\n").split("\n") if line.strip()]


HEADLINE = ("kicker", "title", "subtitle")


def merge_with_previous(page, index, headline="first"):
    """Join item `index` onto the item before it (the parser split one article in two).

    Nothing is lost: the headline staff pick (`headline` "first" or "second") heads the
    merged item, and the other's headline lines go back to the body where they stood (the
    parser had taken body lines for a headline); a second source or dateline goes back in
    front of its paragraph. Persons and reporters are united, the later jump out and editor
    code win, and the flags are worked out again (a byline found clears 未识别署名).

    >>> page = {"articles": [
    ...     {"title": "全市疫情防控工作会议召开", "paragraphs": ["会议要求，"], "review": []},
    ...     {"title": "坚决打赢阻击战", "paragraphs": ["各级各部门要落实责任。"],
    ...      "reporters": ["王政"], "review": ["no_byline", "no_headline"]}]}
    >>> merged = merge_with_previous(page, 1)["articles"][0]
    >>> merged["title"], merged["paragraphs"], merged["review"]
    ('全市疫情防控工作会议召开', ['会议要求，', '坚决打赢阻击战', '各级各部门要落实责任。'], [])
    """
    articles = [dict(a) for a in page.get("articles", [])]
    if not 1 <= index < len(articles):
        return page
    first, second = articles[index - 1], articles.pop(index)
    if headline == "second" and any(second.get(name) for name in HEADLINE):
        heads, body_first, body_second = second, _headline_lines(first), []
    else:
        heads, body_first, body_second = first, [], _headline_lines(second)
    merged = dict(first)
    for name in HEADLINE:
        merged[name] = heads.get(name, "")
    displaced = [
        second[name]
        for name in ("source", "dateline")
        if second.get(name) and first.get(name) and second[name] != first[name]
    ]
    for name in ("source", "dateline"):
        merged[name] = first.get(name) or second.get(name, "")
    second_paragraphs = list(second.get("paragraphs", [])) or [""]
    # A second dateline (本报讯) leads its paragraph again, as printed.
    second_paragraphs[0] = " ".join([*displaced, second_paragraphs[0]]).strip()
    second_paragraphs = [p for p in second_paragraphs if p]
    merged["paragraphs"] = (
        body_first + list(first.get("paragraphs", [])) + body_second + second_paragraphs
    )
    merged["reporters"] = _union(first.get("reporters", []), second.get("reporters", []))
    merged["persons"] = _merge_persons(first.get("persons", []), second.get("persons", []))
    merged["continued_to"] = second.get("continued_to") or first.get("continued_to")
    merged["editor_code"] = second.get("editor_code") or first.get("editor_code", "")
    merged["review"] = _recheck(_union(first.get("review", []), second.get("review", [])), merged)
    merged["source_lines"] = _span(first.get("source_lines"), second.get("source_lines"))
    articles[index - 1] = merged
    return {**page, "articles": articles}


def _headline_lines(article):
    return [article[name] for name in HEADLINE if article.get(name)]


def _recheck(review, article):
    """Flags that the merged item answers are dropped: a headline, a byline found."""
    if article.get("title"):
        review = flags.without(review, flags.NO_HEADLINE)
    if article.get("reporters"):
        review = flags.without(review, flags.NO_BYLINE)
    return review


def split_at(page, index, paragraph):
    """Split item `index` into two: the first keeps `paragraph` paragraphs, the rest move on.

    The new second item starts without a headline and is flagged for review.
    """
    articles = [dict(a) for a in page.get("articles", [])]
    if not 0 <= index < len(articles):
        return page
    article = articles[index]
    paragraphs = list(article.get("paragraphs", []))
    if not 1 <= paragraph < len(paragraphs):
        return page
    second = {
        **ParsedArticle().to_dict(),  # every interchange field, empty
        "kind": article.get("kind", "article"),
        "paragraphs": paragraphs[paragraph:],
        "continued_to": article.get("continued_to"),
        "editor_code": article.get("editor_code", ""),
        "review": [flags.NO_HEADLINE],
        "source_lines": article.get("source_lines"),
    }
    article["paragraphs"] = paragraphs[:paragraph]
    article["continued_to"] = None
    article["editor_code"] = ""
    articles.insert(index + 1, second)
    return {**page, "articles": articles}


def _union(first, second):
    return list(dict.fromkeys(list(first) + list(second)))


def _merge_persons(first, second):
    merged = {p["name"]: {"name": p["name"], "roles": list(p.get("roles", []))} for p in first}
    for person in second:
        entry = merged.setdefault(person["name"], {"name": person["name"], "roles": []})
        entry["roles"] = _union(entry["roles"], person.get("roles", []))
    return list(merged.values())


def _span(a, b):
    spans = [tuple(s) for s in (a, b) if s and len(s) == 2 and s[0]]
    if not spans:
        return a
    return [min(s[0] for s in spans), max(s[1] for s in spans)]


def strip_review_fields(page):
    """The page as interchange JSON: drop the helper field `source_lines`."""
    return {
        **page,
        "articles": [
            {k: v for k, v in a.items() if k != "source_lines"} for a in page.get("articles", [])
        ],
    }


# Enough characters to find a passage once in a page, few enough to sit in a short line.
_PROBE = 8


def locate_source_lines(text, article):
    """[first, last] input lines (1-based) that hold a stored article, [0, 0] if not found.

    A page stored earlier has no line ranges of its own; its text is searched with the
    layout spaces and line breaks taken out, so a passage broken across lines is found.

    >>> page = "本报讯（记者 杨丽娜）1月26日\\n农历正月初二，市委\\n副书记检查。\\n另一篇"
    >>> locate_source_lines(page, {"paragraphs": ["1月26日农历正月初二，市委副书记检查。"]})
    [1, 3]
    """
    joined, line_of = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        chars = "".join(line.split())
        joined.append(chars)
        line_of.extend([number] * len(chars))
    joined = "".join(joined)
    found = []
    parts = [article.get(k, "") for k in ("kicker", "title", "subtitle")]
    for part in [*parts, *(article.get("paragraphs") or [])]:
        chars = "".join(str(part).split())
        for probe, at_end in ((chars[:_PROBE], False), (chars[-_PROBE:], True)):
            # A probe found twice (本报讯, a name) says nothing about where this item is.
            at = joined.find(probe) if len(probe) >= 4 and joined.count(probe) == 1 else -1
            if at >= 0:
                found.append(line_of[at + len(probe) - 1 if at_end else at])
    return [min(found), max(found)] if found else [0, 0]


def locate_items(text, articles):
    """Every article's [first, last] lines, each stretched back over uncovered lines above
    it: the byline (本报讯（记者…）) that opens an item holds none of its searched text.

    >>> page = "本报讯（记者 杨丽娜）\\n1月26日农历正月初二，市委\\n副书记检查。"
    >>> locate_items(page, [{"paragraphs": ["1月26日农历正月初二，市委副书记检查。"]}])
    [[1, 3]]
    """
    ranges = [locate_source_lines(text, a) for a in articles]
    covered = {n for first, last in ranges if first for n in range(first, last + 1)}
    for span in ranges:
        while span[0] > 1 and span[0] - 1 not in covered:
            span[0] -= 1
            covered.add(span[0])
    return ranges
