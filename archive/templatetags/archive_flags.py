"""``{{ flag|flag_label }}``: a stored review flag as staff read it (see archive.ingest.flags)."""

from django import template

from archive.ingest import flags

register = template.Library()


@register.filter
def flag_label(flag):
    return flags.label(str(flag))
