"""``{% facet_box facet %}``, ``{% bar_chart chart "hits-chart" %}`` and ``{% hit_list hits
suffix %}``: the search page's repeated fragments, written out in Python.

They were templates (one loop step per facet value and per bar), and at 10× the corpus the
two took a fifth of a search page's time — 9.7 ms of 44.7 (bench/search_profile.py --scale
10): a facet box lists up to 30 months and 50 persons, a chart up to 31 bars, and every
``{{ }}`` of a loop step goes through the template engine's lookup, localisation and escape.
Here each value is escaped once by ``_html`` (what format_html and the templates' autoescape
do: a value with ``__html__`` is already markup, anything else goes through html.escape); numbers print as str() does, as they did with localisation off.

    {% load archive_fragments %}
    {% for facet in facets %}{% facet_box facet %}{% endfor %}
    {% if chart %}{% bar_chart chart "hits-chart" %}{% endif %}
    {% hit_list result.hits highlight_suffix %}

The hit list was the page's biggest template after them (2.6 ms of 21.6 at 10×: twenty hits
of a dozen lookups each).

A facet is search_links.facet_sections' dict, a chart an archive.charts.Chart.
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _escaped(value):
    return value.__html__() if hasattr(value, "__html__") else escape(str(value))


def _html(pattern, *values):
    """format_html without its lazy-string wrappers, which were most of these fragments'
    time (about 1 µs a value; a page has about 700): the same escaping, the same result."""
    return SafeString(pattern.format(*map(_escaped, values)))


def _facet_items(items):
    pattern = (
        '<li><a href="{}"><span class="facet__label">{}</span> '
        '<span class="count" aria-label="{}篇">{}</span></a></li>'
    )
    return SafeString(
        "".join(
            _html(pattern, item["url"], item["label"], item["count"], item["count"])
            for item in items
        )
    )


@register.simple_tag
def facet_box(facet):
    """One facet's box: its first values, the rest folded under 其余 N 项; each value a link
    that narrows the search."""
    more = ""
    if facet["more"]:
        more = _html(
            '<details class="facet__more"><summary>其余 {} 项</summary>'
            '<ul class="facet__list">{}</ul></details>',
            len(facet["more"]),
            _facet_items(facet["more"]),
        )
    return _html(
        '<section class="facet" aria-labelledby="facet-{}">'
        '<h2 id="facet-{}" class="facet__title">{}</h2>'
        '<ul class="facet__list">{}</ul>{}</section>',
        facet["name"],
        facet["name"],
        facet["title"],
        _facet_items(facet["shown"]),
        more,
    )


def _bar(bar, chart):
    """One bar: the whole slot is the link's target (a thin bar is hard to tap); its count
    above it and its label under the axis when the chart shows them."""
    parts = [
        _html("<title>{}</title>", bar.title),
        _html(
            '<rect class="chart__target" x="{}%" y="0" width="{}%" height="{}"></rect>',
            bar.slot_x,
            bar.slot_width,
            chart.height,
        ),
    ]
    if bar.height:
        parts.append(
            _html(
                '<rect class="chart__bar" x="{}%" y="{}" width="{}%" height="{}"></rect>',
                bar.x,
                bar.y,
                bar.width,
                bar.height,
            )
        )
    if bar.show_count:
        parts.append(
            _html(
                '<text class="chart__count" x="{}%" y="{}" text-anchor="middle">{}</text>',
                bar.centre,
                bar.y - 4,
                bar.count,
            )
        )
    if bar.show_label:
        parts.append(
            _html(
                '<text class="chart__label" x="{}%" y="{}" text-anchor="middle">{}</text>',
                bar.centre,
                chart.label_y,
                bar.label,
            )
        )
    inner = mark_safe("".join(parts))  # every part is _html's
    if bar.url:
        return _html(
            '<a class="chart__link" href="{}" aria-label="{}，只看这一段">{}</a>',
            bar.url,
            bar.title,
            inner,
        )
    return _html('<g class="chart__empty">{}</g>', inner)


@register.simple_tag
def bar_chart(chart, chart_id):
    """An archive.charts.Chart as a figure with an inline SVG; each bar with hits a link.
    Horizontal positions are percentages, so the chart fills its column at any width."""
    bars = mark_safe("".join(_bar(bar, chart) for bar in chart.bars))  # _html's
    return _html(
        '<figure class="chart">'
        '<figcaption id="{}-caption" class="chart__caption">{}'
        '<span class="muted">（点一根柱只看那一段）</span></figcaption>'
        '<svg class="chart__svg" width="{}" height="{}" role="group" '
        'aria-labelledby="{}-caption" focusable="false">'
        '<line class="chart__axis" x1="0" x2="100%" y1="{}" y2="{}"></line>{}</svg></figure>',
        chart_id,
        chart.caption,
        chart.width,
        chart.height,
        chart_id,
        chart.baseline,
        chart.baseline,
        bars,
    )


def _hit(hit, suffix):
    """One search hit: kicker, headline (the lead sentence when untitled), subtitle, where it
    was printed, and its snippet. The snippet is make_snippet's HTML: every character of the
    stored text escaped, only its <mark> tags are markup."""
    kicker = _html('<p class="kicker">{}</p>', hit.kicker) if hit.kicker else ""
    subtitle = _html('<p class="subtitle">{}</p>', hit.subtitle) if hit.subtitle else ""
    kind = ""
    if hit.kind != "article":
        kind = _html(' · <span class="hit__kind">{}</span>', hit.kind_label)
    return _html(
        '<li class="hit"><article>{}'
        '<h3 class="hit__title{}"><a href="{}{}">{}</a></h3>{}'
        '<p class="meta">{} · <time datetime="{}">{}</time> · 第{}版{}</p>'
        '<p class="snippet">{}</p></article></li>',
        kicker,
        "" if hit.title else " hit__title--lead",
        hit.url,
        suffix,
        hit.display_title,
        subtitle,
        hit.paper_name,
        hit.date,
        hit.date,
        hit.page,
        kind,
        mark_safe(hit.snippet),
    )


@register.simple_tag
def hit_list(hits, suffix):
    """The page's hits, each as _hit writes it; ``suffix`` (?hl=…) goes on every link so the
    article page marks what was searched."""
    return mark_safe("".join(_hit(hit, suffix) for hit in hits))  # _html's
