"""Moving through lists on the reader pages: numbered pages of results, previous and next."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(queryset, number, per_page=20):
    """One page of results; a page number that is not a number or out of range is a 404."""
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(number or 1)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("没有这一页") from exc


def neighbours(items, current):
    """The items before and after `current` in a list, or None at either end."""
    index = items.index(current)
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following
