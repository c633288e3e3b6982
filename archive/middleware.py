"""What every request passes through that Django does not do by itself: security headers
on every response, JSON errors from every /api/ URL, refusal of characters no URL of the
site can hold, and per-client rate limits."""

import functools
import json
import math
import re
import time

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse

from archive import throttle

API_PREFIX = "/api/"
# What a program is told when Django, not the API view, answered (an unknown URL, a wrong
# method, a failed view). The API's own 400s already carry their message as JSON.
API_ERRORS = {
    400: "请求有误。",
    403: "不允许访问。",
    404: "没有这个地址或这条记录。",
    405: "不支持这种请求方法，请用 GET。",
    500: "服务器出错了，请稍后再试。",
}

# No inline script anywhere: every script is a file under static/js.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class ApiErrorsAsJsonMiddleware:
    """An error from an /api/ URL in a body other than JSON becomes ``{"error": "…"}`` with the
    same status and headers (Allow on a 405), so a program never has to read an HTML page.

    It sits outside every other middleware, so it also sees the 404 of an unknown URL, the
    403 of the CSRF check and the 500 page Django renders after logging the exception.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            self._as_json(response)
        return response

    @staticmethod
    def _as_json(response):
        if getattr(response, "streaming", False):
            return
        status = response.status_code
        message = API_ERRORS.get(status) or f"请求没有完成（HTTP {status}）。"
        response.content = json.dumps({"error": message}, ensure_ascii=False).encode()
        response["Content-Type"] = "application/json"
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))


# -- characters no page can be named with -------------------------------------------------

# NUL cannot be stored in PostgreSQL text, and a lone surrogate cannot be encoded at all:
# either one reaching a query is a 500. No permalink or parameter of the site holds them.
INVALID_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


def has_invalid_characters(request):
    """Whether the path or any query parameter (name or value) holds NUL or a lone surrogate."""
    if INVALID_CHARACTERS.search(request.path_info):
        return "path"
    for key, values in request.GET.lists():
        if INVALID_CHARACTERS.search(key) or any(INVALID_CHARACTERS.search(v) for v in values):
            return "query"
    return None


class InvalidCharactersMiddleware:
    """A path holding NUL is a 404 (no such page can exist), a query parameter a 400: both
    answered here, before any view can pass the text to the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        where = has_invalid_characters(request)
        if where is None:
            return self.get_response(request)
        status = 404 if where == "path" else 400
        message = (
            "网址中含有无效字符（如 NUL），没有这样的页面。"
            if where == "path"
            else "查询参数中含有无效字符（如 NUL），请检查网址。"
        )
        return refusal(request, status, message)


# -- rate limits --------------------------------------------------------------------------


class RateLimitMiddleware:
    """Per-client limits on search, the API and the feed (archive/throttle.py), a 429 when a
    client is over; a failed login counts against its address (login spraying), an error
    answer against its client (scanning)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path_info == reverse("admin:login"):
            wait = throttle.login_wait(request)
            if wait:
                return too_many(request, wait, "登录失败次数过多")
            return self.get_response(request)
        verdict = throttle.check(request)
        if verdict.wait:
            return too_many(request, verdict.wait, verdict.reason)
        if verdict.group != "search":
            response = self.get_response(request)
        else:
            started = time.monotonic()
            try:
                response = self.get_response(request)
            finally:
                throttle.finish_search(request, time.monotonic() - started)
        throttle.count_error(request, response.status_code)
        return response


def wants_json(request):
    return request.path_info.startswith("/api/") or request.path_info == "/healthz"


def refusal(request, status, message, **extra):
    """An error answer in the site's style: a Chinese page, or JSON under /api/."""
    if wants_json(request):
        return JsonResponse(
            {"error": message, **extra}, status=status, json_dumps_params={"ensure_ascii": False}
        )
    template = "429.html" if status == 429 else "400.html"
    context = {"status": status, "message": message, **extra}
    response = render(request, template, context, status=status)
    # Answered before the middleware that sets these on every other page.
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response


def too_many(request, wait, what="请求过于频繁"):
    """The 429, at the least cost: most of what an attacker receives (issue 18's bench: 4,533
    of 5,943 answers). Its page depends on the message alone, so each one is rendered once per
    process (1.2 ms a render); and it is not logged one line each (gunicorn's access log
    has them), so a flood cannot fill the error log."""
    seconds = max(1, math.ceil(wait))
    message = f"{what}，请在 {seconds} 秒后再试。"
    if wants_json(request):
        response = refusal(request, 429, message, retry_after=seconds)
    else:
        # Refused for scanning, the client is refused everywhere: no links to other pages.
        response = HttpResponse(_too_many_page(message, what == throttle.SCANNING), status=429)
        response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        response.headers["X-Frame-Options"] = "DENY"
    response["Retry-After"] = str(seconds)
    response._has_been_logged = True  # django.utils.log.log_response skips it
    return response


@functools.lru_cache(maxsize=512)
def _too_many_page(message, scanning=False):
    return render_to_string("429.html", {"status": 429, "message": message, "scanning": scanning})
