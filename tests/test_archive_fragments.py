"""The search page's facet boxes and bar charts, written out by archive_fragments' tags."""

from html.parser import HTMLParser

from django.template import Context, Template

from archive.charts import Slot, bar_chart


class Elements(HTMLParser):
    """Every start tag as (tag, attrs) and the page's text, to ask questions of the markup."""

    def __init__(self, html):
        super().__init__()
        self.tags, self.text = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def all(self, tag, cls=None):
        return [a for t, a in self.tags if t == tag and (cls is None or a.get("class") == cls)]


def render(source, **context):
    return Template("{% load archive_fragments %}" + source).render(Context(context))


def facet(name="person", shown=(), more=()):
    item = lambda label, n: {"label": label, "count": n, "url": f"?q=x&{name}={label}"}  # noqa: E731
    return {
        "name": name,
        "title": "人物",
        "shown": [item(*pair) for pair in shown],
        "more": [item(*pair) for pair in more],
    }


def test_a_facet_box_links_each_value_and_folds_the_rest():
    html = render(
        "{% facet_box f %}",
        f=facet(shown=[("王付举", 6), ("徐衣显", 2)], more=[("李鹏", 1)]),
    )
    page = Elements(html)
    assert [a["href"] for a in page.all("a")] == [
        "?q=x&person=王付举",
        "?q=x&person=徐衣显",
        "?q=x&person=李鹏",
    ]
    assert [a["aria-label"] for a in page.all("span", "count")] == ["6篇", "2篇", "1篇"]
    assert "其余 1 项" in "".join(page.text)
    assert page.all("section")[0]["aria-labelledby"] == "facet-person"


def test_a_facet_box_without_more_values_has_nothing_folded():
    html = render("{% facet_box f %}", f=facet(shown=[("王付举", 6)]))
    assert "<details" not in html


def test_facet_values_are_escaped():
    html = render("{% facet_box f %}", f=facet(shown=[('<script>alert("x")</script>', 1)]))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_a_chart_links_the_bars_with_hits_and_greys_the_empty_ones():
    chart = bar_chart(
        [Slot("1998", 3, "1998年：3篇", "?y=1998"), Slot("1999", 0, "1999年：0篇", "?y=1999")],
        "各年的检索结果",
    )
    page = Elements(render('{% bar_chart c "hits-chart" %}', c=chart))
    links = page.all("a", "chart__link")
    assert [(a["href"], a["aria-label"]) for a in links] == [("?y=1998", "1998年：3篇，只看这一段")]
    assert len(page.all("g", "chart__empty")) == 1
    (bar,) = page.all("rect", "chart__bar")  # the empty year has no bar, only its slot
    assert (bar["x"], bar["width"], bar["height"]) == ("7.5%", "35.0%", "80")
    assert len(page.all("rect", "chart__target")) == 2
    assert page.all("svg")[0]["aria-labelledby"] == "hits-chart-caption"
    assert page.all("figcaption")[0]["id"] == "hits-chart-caption"
    text = "".join(page.text)
    assert "各年的检索结果" in text and "1998" in text and "1999" in text


def test_chart_text_is_escaped():
    chart = bar_chart([Slot("<b>", 1, "<i>", "?a=1&b=2"), Slot("x", 1, "x", "?x")], "<cap>")
    html = render('{% bar_chart c "c" %}', c=chart)
    assert "<b>" not in html and "<i>" not in html and "<cap>" not in html
    assert 'href="?a=1&amp;b=2"' in html


def hit(**fields):
    from archive.search.results import Hit

    defaults = dict(
        id=1,
        url="/a/1/",
        kicker="",
        title="全民动员",
        subtitle="",
        paper="jzrb",
        paper_name="焦作日报",
        date="2020-01-27",
        page=1,
        kind="article",
        persons=[],
        reporters=[],
        snippet="副市长<mark>王付举</mark>",
    )
    made = Hit(**{**defaults, **fields})
    made.display_title = made.title or "副市长王付举一同检查"
    made.kind_label = "简讯"
    return made


def test_a_hit_list_links_each_headline_with_the_highlight():
    html = render(
        "{% hit_list hits suffix %}", hits=[hit(), hit(id=2, url="/a/2/")], suffix="?hl=x"
    )
    page = Elements(html)
    assert [a["href"] for a in page.all("a")] == ["/a/1/?hl=x", "/a/2/?hl=x"]
    assert "<mark>王付举</mark>" in html  # the snippet's own markup is kept
    assert "简讯" not in html  # an ordinary article names no kind


def test_a_hit_shows_kicker_subtitle_kind_and_the_lead_for_no_title():
    html = render(
        "{% hit_list hits '' %}", hits=[hit(kicker="引", subtitle="副", title="", kind="brief")]
    )
    page = Elements(html)
    assert page.all("p", "kicker") and page.all("p", "subtitle")
    assert page.all("h3", "hit__title hit__title--lead")
    assert "副市长王付举一同检查" in html and "简讯" in html


def test_hit_fields_are_escaped():
    html = render("{% hit_list hits '' %}", hits=[hit(title="<b>x", kicker="<i>", paper_name="&")])
    assert "<b>" not in html and "&lt;b&gt;x" in html and "&lt;i&gt;" in html and "&amp;" in html
