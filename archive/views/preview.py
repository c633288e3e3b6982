"""Staff preview of the reader pages: ?preview=1 shows drafts as readers will see them.

Only for logged-in staff; anyone else gets the public page, where a draft is a 404. A
preview is never cached nor indexed, and says on the page that it is one.
"""

from django.utils.cache import add_never_cache_headers


def previewing(request):
    """True for ?preview=1 from an active staff member."""
    user = request.user
    return request.GET.get("preview") == "1" and user.is_active and user.is_staff


def as_preview(response):
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response
