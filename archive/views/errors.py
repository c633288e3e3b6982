"""The server error page: a storage fault (read-only or full data folder) is a 503 that says
so, in Chinese or as JSON under /api/; anything else is the plain 500 page."""

import sys

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views import defaults

from archive import faults


def server_error(request):
    """handler500: Django calls it while handling the exception, so sys.exception() is it."""
    problem = faults.problem_of(sys.exception())
    if problem is None:
        return defaults.server_error(request)
    message = faults.MESSAGES[problem]
    if request.path_info.startswith("/api/"):
        return JsonResponse(
            {"error": message, "storage": problem},
            status=503,
            json_dumps_params={"ensure_ascii": False},
        )
    # Standalone like 500.html: no database, no request context, no static manifest.
    html = loader.get_template("503.html").render({"message": message})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "600"
    return response
