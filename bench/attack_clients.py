"""The clients of bench/attacks.py: readers, attackers, mischief and a password sprayer, each
sending plain HTTP from its own loopback address (127.0.0.x), as distinct people would.

    request(8772, "127.0.0.10", "/jzrb/")   # (200, 0.05, {headers}, "<!DOCTYPE html>…")
"""

import http.client
import re
import threading
import time
import urllib.parse
from collections import Counter

# -- one request from one address ----------------------------------------------------------


def request(port, address, path, method="GET", body=None, headers=None, timeout=60):
    """(status or "no answer: …", seconds, headers dict, body text) of one request."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(address, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        status, answer_headers = response.status, dict(response.getheaders())
    except (OSError, http.client.HTTPException) as exc:
        status, answer_headers, text = f"no answer: {exc.__class__.__name__}", {}, ""
    finally:
        connection.close()
    return status, time.perf_counter() - started, answer_headers, text


class Client(threading.Thread):
    """A closed-loop client: next() gives its next request; answers are kept with their time."""

    def __init__(self, name, address, port, stop):
        super().__init__(daemon=True)
        self.name, self.address, self.port, self.stop = name, address, port, stop
        self.answers = []  # (finished at, status, seconds, path)
        self.cpu = 0.0  # this thread's CPU seconds, once its loop ended (bench/attack_cpu.py)

    def next(self):
        raise NotImplementedError

    def run(self):
        while not self.stop.is_set():
            method, path, body, headers = self.next()
            status, seconds, _, _ = request(self.port, self.address, path, method, body, headers)
            self.answers.append((time.monotonic(), status, seconds, path))
        self.cpu = time.thread_time()


class Reader(Client):
    def __init__(self, name, address, port, stop, pages, words, rng):
        super().__init__(name, address, port, stop)
        self.pages, self.words, self.rng = pages, words, rng
        self.last_search = 0.0

    def next(self):
        if time.monotonic() - self.last_search > 4:
            self.last_search = time.monotonic()
            q = urllib.parse.quote(self.rng.choice(self.words))
            return "GET", f"/search/?q={q}", None, None
        return "GET", self.rng.choice(self.pages), None, None


class Attacker(Client):
    def __init__(self, name, address, port, stop, rng, queries):
        super().__init__(name, address, port, stop)
        self.rng = rng
        # Quoted once: the same requests, without a quote() of 10,000 characters in each.
        self.queries = [urllib.parse.quote(q) for q in queries]

    def next(self):
        q = self.rng.choice(self.queries)
        path = self.rng.choice([f"/search/?q={q}", f"/api/search?q={q}&page_size=100"])
        return "GET", path, None, None


class Mischief(Client):
    """The other attacks, in turn; the admin filter with a staff session."""

    def __init__(self, name, address, port, stop, session, article_ids):
        super().__init__(name, address, port, stop)
        self.turn = 0
        staff = {"Cookie": session}
        self.requests = [
            ("GET", "/people/a%00b/", None, None),
            ("GET", "/search/?q=%00&kind=%00", None, None),
            ("GET", "/api/search?q=%E9%98%B2%00", None, None),
            ("GET", "/admin/archive/article/?kind=%00", None, staff),
            ("GET", "/admin/archive/page/?number=99999999999999999999", None, staff),
            ("GET", "/jzrb/2020-01-27/1180591620717411303424/", None, None),
            ("GET", "/api/articles/1180591620717411303424", None, None),
            ("GET", "/search/?q=%E9%98%B2&page=1180591620717411303424", None, None),
            ("GET", "/api/search?q=x&page_size=-1&date_from=2020-02-30", None, None),
            ("GET", "/people/%ED%A0%80/", None, None),
            ("GET", "/search/?q=%FF%FE", None, None),
            ("GET", "/feeds/issues/", None, None),
            ("GET", "/search/?q=%E9%98%B2", None, {"X-Forwarded-For": "6.6.6.6"}),
        ] + [("GET", f"/api/articles/{pk}", None, None) for pk in article_ids[:5]]

    def next(self):
        self.turn += 1
        return self.requests[self.turn % len(self.requests)]


# -- logging in ------------------------------------------------------------------------------


def login_form(port, address):
    """(cookie header, csrf token) from the login page."""
    status, _, headers, text = request(port, address, "/admin/login/")
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)
    if status != 200 or not cookie or not token:
        return None, None
    return f"csrftoken={cookie.group(1)}", token.group(1)


def log_in(port, address, username, password):
    """(status, session cookie or None) of one login as a browser makes it."""
    cookie, token = login_form(port, address)
    if cookie is None:
        return "no login form", None
    form = {"username": username, "password": password, "csrfmiddlewaretoken": token}
    headers = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    status, _, answer, _ = request(
        port, address, "/admin/login/", "POST", urllib.parse.urlencode(form), headers
    )
    session = re.search(r"sessionid=([^;]+)", answer.get("Set-Cookie", ""))
    return status, (f"sessionid={session.group(1)}" if session else None)


class Sprayer(threading.Thread):
    """Wrong passwords over 40 usernames and the editor's, one address, until told to stop."""

    def __init__(self, address, port, stop):
        super().__init__(daemon=True)
        self.address, self.port, self.stop = address, port, stop
        self.answers = Counter()
        self.cpu = 0.0

    def run(self):
        names = [f"user{n}" for n in range(40)] + ["editor"] * 10
        for name in names:
            if self.stop.is_set():
                break
            status, _ = log_in(self.port, self.address, name, "wrong-password")
            self.answers[status] += 1
        self.cpu = time.thread_time()


def kind_of(address):
    """The bench's addresses: 127.0.0.10+ readers, 100+ attackers, 150 mischief, 200 sprayer."""
    last = int(address.rsplit(".", 1)[-1])
    if last >= 200:
        return "Sprayer"
    if last >= 150:
        return "Mischief"
    if last >= 100:
        return "Attacker"
    return "Reader" if last >= 10 else "setup"


# -- attackers in a process of their own ----------------------------------------------------


class Apart:
    """Clients run in a forked process of their own, as an attacker's machine is not the
    readers': in one process, every client thread shares one interpreter lock, so a client
    spinning through fast 429s takes the readers' turns in the bench itself, not on the server.

    Looks like a thread to bench/attacks.py's phase(): start(), join(), then unpacked() gives
    one object per client with the class name and ``answers`` of the real one.
    """

    def __init__(self, make, stop):
        import multiprocessing

        self.context = multiprocessing.get_context("fork")
        self.make, self.stop = make, stop
        self.parent, self.child = self.context.Pipe(duplex=False)
        self.process = self.context.Process(target=self._run, daemon=True)
        self.results = []

    def _run(self):
        clients = self.make(self.stop)
        for client in clients:
            client.start()
        for client in clients:
            client.join()
        self.child.send([(type(c).__name__, list(c.answers.items()) if isinstance(
            c.answers, Counter) else c.answers, c.cpu) for c in clients])  # fmt: skip

    def start(self):
        self.process.start()

    def join(self, timeout=None):
        if self.parent.poll(timeout):
            self.results = self.parent.recv()
        self.process.join(timeout=5)

    def unpacked(self):
        out = []
        for name, answers, cpu in self.results:
            client = type(name, (), {})()
            client.answers = Counter(dict(answers)) if name == "Sprayer" else answers
            client.cpu = cpu
            out.append(client)
        return out
