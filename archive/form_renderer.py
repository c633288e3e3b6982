"""Django's form renderer, with the plain widgets written out in Python instead of templates.

The search form is drawn on every search page: nine widgets, and through Django's widget
templates (input.html including attrs.html, select.html including an option template per
choice) they took about a quarter of the page's time (bench/search_profile.py: 6.4 ms of
25 ms). ``FastRenderer`` builds exactly the markup those templates give — the same escaping
and localisation, byte for byte (tests/test_form_renderer.py holds every widget the site
uses to Django's own output) — and hands every other template to Django.

settings.FORM_RENDERER names it; a widget template overridden by a project template would
be missed, so the site keeps none (django/forms/ under templates/ is checked by the test).
"""

from django.forms.renderers import DjangoTemplates
from django.template.base import render_value_in_context
from django.template.context import Context
from django.utils.html import conditional_escape
from django.utils.safestring import SafeData, mark_safe

# The widget templates that are only django/forms/widgets/input.html.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "input",
        "text",
        "search",
        "number",
        "email",
        "url",
        "password",
        "hidden",
        "date",
        "datetime",
        "time",
        "color",
        "tel",
    )
}
SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


def _as_string(value):
    """``{{ value|stringformat:'s' }}``: str() of the value, escaped unless marked safe."""
    return value if isinstance(value, SafeData) else conditional_escape(f"{value}")


def attrs_html(attrs):
    """django/forms/widgets/attrs.html: `` name="value"`` for each attribute, a bare name
    for True, nothing for False.

    >>> attrs_html({"id": "id_q", "required": True, "disabled": False, "title": "<王>"})
    ' id="id_q" required title="&lt;王&gt;"'
    """
    out = []
    for name, value in attrs.items():
        if value is False:
            continue
        name = render_value_in_context(name, _CONTEXT)
        out.append(f" {name}" if value is True else f' {name}="{_as_string(value)}"')
    return "".join(out)


def input_html(widget):
    """django/forms/widgets/input.html."""
    value = widget["value"]
    value = "" if value is None else f' value="{_as_string(value)}"'
    kind = render_value_in_context(widget["type"], _CONTEXT)
    name = render_value_in_context(widget["name"], _CONTEXT)
    return f'<input type="{kind}" name="{name}"{value}{attrs_html(widget["attrs"])}>'


def option_html(option):
    """django/forms/widgets/select_option.html, with its file's closing line break."""
    label = render_value_in_context(option["label"], _CONTEXT)
    value = _as_string(option["value"])
    return f'<option value="{value}"{attrs_html(option["attrs"])}>{label}</option>\n'


def select_html(widget):
    """django/forms/widgets/select.html, or None when an option has a template of its own."""
    name = render_value_in_context(widget["name"], _CONTEXT)
    out = [f'<select name="{name}"{attrs_html(widget["attrs"])}>']
    for group_name, group_choices, _ in widget["optgroups"]:
        if group_name:
            out.append(f'\n  <optgroup label="{render_value_in_context(group_name, _CONTEXT)}">')
        for option in group_choices:
            if option.get("template_name") != OPTION_TEMPLATE:
                return None
            out.append("\n  " + option_html(option))
        if group_name:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


# What {{ }} renders a value with: Django's localisation and autoescaping, as in a template.
_CONTEXT = Context(autoescape=True)


class FastRenderer(DjangoTemplates):
    """DjangoTemplates, but inputs and selects without templates (see the module docstring)."""

    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        html = None
        if widget is not None:
            if template_name in INPUT_TEMPLATES:
                html = input_html(widget)
            elif template_name == SELECT_TEMPLATE:
                html = select_html(widget)
        if html is None:
            return super().render(template_name, context, request=request)
        return mark_safe(html.strip())  # noqa: S308 — every value above is escaped
