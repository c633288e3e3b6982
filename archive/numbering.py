"""Stable article numbers across re-ingests: match a page's old items to its new ones by text.

Plain Python, no Django. An article's URL is /<paper>/<date>/<page>/<number>/; the number
is given once, when the article first appears on the page, and kept by every later parse
in which the article's text survives, even when the cut changes around it (an item split
off, a brief added above). The similarity is the Dice coefficient of character bigrams,
which treats 疫情防控 moved one paragraph down the same as left in place and costs one set
operation per pair: a 60-item page is 3,600 pairs.
"""

# Two items are the same article when at least half their bigrams are shared: a headline
# fixed or a paragraph added keeps the number, a different story on the same spot does not.
SAME_ARTICLE = 0.5


def text_of(kicker, title, subtitle, paragraphs):
    """What makes an article the same one across parses: its headline and its text."""
    parts = [kicker, title, subtitle, *(paragraphs or [])]
    return "\n".join(part for part in parts if part)


def bigrams(text):
    """The set of adjacent character pairs, whitespace left out.

    >>> sorted(bigrams("防控 工作"))
    ['工作', '控工', '防控']
    """
    chars = "".join(str(text).split())
    return {chars[i : i + 2] for i in range(len(chars) - 1)} or ({chars} if chars else set())


def similarity(a, b):
    """Dice coefficient of two bigram sets, from 0 (nothing shared) to 1 (the same).

    >>> similarity(bigrams("市委书记王小平到马村区督导"), bigrams("市委书记王小平到马村区督导检查"))
    0.923...
    """
    if not a and not b:
        return 1.0
    return 2 * len(a & b) / (len(a) + len(b))


def assign_numbers(old, new):
    """Numbers for the new items: the old number of the item each one continues, or a fresh one.

    `old` is [(number, text)] of the stored items, `new` the texts of the parse in page
    order. Pairs are taken best first, so of two halves of a split article the larger keeps
    the number. A fresh number is above every old one, so a link to a removed article never
    lands on a different one in the same re-ingest.

    >>> assign_numbers([(1, "王小平到马村区督导检查"), (2, "全市召开电视电话会议")],
    ...                ["本报讯 新闻简讯一则", "全市召开电视电话会议部署"])
    [3, 2]
    """
    old_sets = [(number, bigrams(text)) for number, text in old]
    new_sets = [bigrams(text) for text in new]
    pairs = sorted(
        (
            (similarity(o, n), -j, -i, number, j)
            for i, (number, o) in enumerate(old_sets)
            for j, n in enumerate(new_sets)
        ),
        reverse=True,
    )
    numbers = [None] * len(new)
    taken = set()
    for score, _, _, number, j in pairs:
        if score < SAME_ARTICLE:
            break
        if numbers[j] is None and number not in taken:
            numbers[j] = number
            taken.add(number)
    fresh = max((number for number, _ in old), default=0)
    for j, number in enumerate(numbers):
        if number is None:
            fresh += 1
            numbers[j] = fresh
    return numbers
