"""What Django does not do by itself: security headers on every response, and JSON errors
from every /api/ URL."""

import json

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
