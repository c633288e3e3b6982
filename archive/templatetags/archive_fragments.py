"""``{% facet_box facet %}`` and ``{% bar_chart chart "hits-chart" %}``: the search page's two
repeated fragments, written out in Python.

They were templates (one loop step per facet value and per bar), and at 10× the corpus the
two took a fifth of a search page's time — 9.7 ms of 44.7 (bench/search_profile.py --scale
10): a facet box lists up to 30 months and 50 persons, a chart up to 31 bars, and every
``{{ }}`` of a loop step goes through the template engine's lookup, localisation and escape.
Here each value is escaped once by format_html (the same conditional_escape the templates
used); numbers print as str() does, as they did with localisation off.

    {% load archive_fragments %}
    {% for facet in facets %}{% facet_box facet %}{% endfor %}
    {% if chart %}{% bar_chart chart "hits-chart" %}{% endif %}

A facet is search_links.facet_sections' dict, a chart an archive.charts.Chart.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


def _facet_items(items):
    return format_html_join(
        "",
        '<li><a href="{}"><span class="facet__label">{}</span> '
        '<span class="count" aria-label="{}篇">{}</span></a></li>',
        ((item["url"], item["label"], item["count"], item["count"]) for item in items),
    )


@register.simple_tag
def facet_box(facet):
    """One facet's box: its first values, the rest folded under 其余 N 项; each value a link
    that narrows the search."""
    more = ""
    if facet["more"]:
        more = format_html(
            '<details class="facet__more"><summary>其余 {} 项</summary>'
            '<ul class="facet__list">{}</ul></details>',
            len(facet["more"]),
            _facet_items(facet["more"]),
        )
    return format_html(
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
        format_html("<title>{}</title>", bar.title),
        format_html(
            '<rect class="chart__target" x="{}%" y="0" width="{}%" height="{}"></rect>',
            bar.slot_x,
            bar.slot_width,
            chart.height,
        ),
    ]
    if bar.height:
        parts.append(
            format_html(
                '<rect class="chart__bar" x="{}%" y="{}" width="{}%" height="{}"></rect>',
                bar.x,
                bar.y,
                bar.width,
                bar.height,
            )
        )
    if bar.show_count:
        parts.append(
            format_html(
                '<text class="chart__count" x="{}%" y="{}" text-anchor="middle">{}</text>',
                bar.centre,
                bar.y - 4,
                bar.count,
            )
        )
    if bar.show_label:
        parts.append(
            format_html(
                '<text class="chart__label" x="{}%" y="{}" text-anchor="middle">{}</text>',
                bar.centre,
                chart.label_y,
                bar.label,
            )
        )
    inner = mark_safe("".join(parts))  # every part is format_html's
    if bar.url:
        return format_html(
            '<a class="chart__link" href="{}" aria-label="{}，只看这一段">{}</a>',
            bar.url,
            bar.title,
            inner,
        )
    return format_html('<g class="chart__empty">{}</g>', inner)


@register.simple_tag
def bar_chart(chart, chart_id):
    """An archive.charts.Chart as a figure with an inline SVG; each bar with hits a link.
    Horizontal positions are percentages, so the chart fills its column at any width."""
    bars = mark_safe("".join(_bar(bar, chart) for bar in chart.bars))  # format_html's
    return format_html(
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
