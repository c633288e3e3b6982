"""A loopback HTTP server that answers like Elasticsearch from hand-written recordings.

Each file in tests/data/elasticsearch/ is one exchange: the request's method and path, and
the response (status, headers, JSON body) in the shape Elasticsearch 7.17 returns. A test
chooses which recording answers which (method, path); the server keeps every request it got
(method, path, query, headers, body) so the test can assert what the backend sent.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

RECORDINGS = Path(__file__).resolve().parent.parent / "data" / "elasticsearch"


def load(name):
    return json.loads((RECORDINGS / f"{name}.json").read_text(encoding="utf-8"))


class Request:
    def __init__(self, method, target, headers, body):
        parts = urlsplit(target)
        self.method = method
        self.path = parts.path
        self.query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        self.headers = {k.lower(): v for k, v in headers.items()}
        self.raw = body

    def json(self):
        return json.loads(self.raw.decode("utf-8"))

    def ndjson(self):
        return [json.loads(line) for line in self.raw.decode("utf-8").splitlines() if line]

    def __repr__(self):
        return f"<{self.method} {self.path}>"


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        request = Request(self.command, self.path, dict(self.headers), body)
        server = self.server
        with server.lock:
            server.requests.append(request)
            name = server.routes.get((request.method, request.path))
        if name is None:
            server.unmatched.append(request)
            status, headers = 599, {"content-type": "application/json"}
            payload = {"error": f"no recording for {request.method} {request.path}"}
        else:
            response = load(name)["response"]
            status, headers, payload = response["status"], response["headers"], response["body"]
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _answer

    def log_message(self, format, *args):  # keep test output quiet
        pass


class ReplayServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.routes = {}
        self.requests = []
        self.unmatched = []

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def answer(self, *names):
        """Route each recording's (method, path) to it; later names replace earlier ones."""
        for name in names:
            request = load(name)["request"]
            self.routes[(request["method"], request["path"])] = name

    def sent(self, method, path):
        """The requests received for (method, path), in order."""
        return [r for r in self.requests if r.method == method and r.path == path]
