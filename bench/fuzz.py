"""Fuzz every URL and query parameter of a running archive; count the answers, 5xx must be 0.

    .venv/bin/python bench/fuzz.py [--examples 400] [--api-examples 200] [--port 8771]

Builds a throwaway archive (the demo page and a staff account), serves it with gunicorn
(2 workers, rate limits off: this run is about what each answer is, bench/attacks.py about
load), then:
  1. schemathesis runs docs/openapi.yaml against it (examples, coverage and fuzzing phases;
     server errors, status codes, content types and response schemas checked);
  2. a hypothesis-driven client (bench/fuzzing.py) sends EXAMPLES requests over every route
     of the site, path parameters and query parameters drawn from strategies built from the
     URL configuration, and as many over the admin's change lists and change pages as staff.
Loopback only; every loop is bounded by its example count.
"""

import argparse
import datetime
import http.cookiejar
import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from common import (  # noqa: E402
    PYTHON,
    REPO,
    machine,
    manage,
    start_gunicorn,
    stop_gunicorn,
    wait_for,
)

SEED = REPO / "fixtures" / "jzrb-2020-01-27-p1.txt"
PASSWORD = "fuzz-only-Zq8vN2xR7m"
NO_LIMITS = {
    "RATE_LIMIT_SEARCH": "0",
    "RATE_LIMIT_SEARCH_TIME": "0",
    "RATE_LIMIT_API": "0",
    "RATE_LIMIT_FEEDS": "0",
    "RATE_LIMIT_ERRORS": "0",
}


def build(data_dir):
    manage(data_dir, "migrate", "--noinput")
    manage(data_dir, "ingest", str(SEED))
    manage(
        data_dir,
        "createsuperuser",
        "--noinput",
        "--username",
        "editor",
        "--email",
        "editor@example.cn",
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )


def opener_for(base, staff):
    """A urllib opener that keeps cookies and does not raise on 4xx/5xx; logged in if staff."""
    jar = http.cookiejar.CookieJar()

    class Keep(urllib.request.HTTPErrorProcessor):
        def http_response(self, request, response):
            return response

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), Keep(), NoRedirect()
    )
    if staff:
        page = opener.open(f"{base}/admin/login/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": token}
        answer = opener.open(f"{base}/admin/login/", urllib.parse.urlencode(form).encode())
        assert answer.status == 302, f"staff login failed: {answer.status}"
    return opener


def status_of(opener, url):
    try:
        with opener.open(url, timeout=60) as response:
            response.read()
            return response.status
    except (urllib.error.URLError, OSError) as exc:
        return f"connection: {exc.__class__.__name__}"


def fuzz_routes(base, routes, examples, staff):
    """Send `examples` drawn requests; returns (Counter of (route, status), 5xx urls)."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from bench.fuzzing import draw_request

    opener = opener_for(base, staff)
    counts, failures = Counter(), []

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=st.data())
    def one(data):
        route, url = draw_request(data, routes)
        status = status_of(opener, base + url)
        counts[(route, status)] += 1
        if not isinstance(status, int) or status >= 500:
            failures.append((status, url))

    one()
    return counts, failures


def run_schemathesis(base, examples, report):
    command = [
        str(Path(PYTHON).parent / "schemathesis"),
        "run",
        str(REPO / "docs" / "openapi.yaml"),
        "--url",
        base,
        "--checks",
        "not_a_server_error,status_code_conformance,content_type_conformance,"
        "response_schema_conformance",
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(examples),
        "--workers",
        "2",
        "--seed",
        "1998",
        "--no-color",
        "--report",
        "junit",
        "--report-dir",
        str(report),
    ]
    # Run from the report's folder: schemathesis keeps a cache where it runs.
    report.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(command, cwd=report, capture_output=True, text=True, timeout=1800)
    return result.returncode, result.stdout + result.stderr


def summarise(counts):
    by_route = {}
    for (route, status), n in counts.items():
        by_route.setdefault(route, Counter())[status] += n
    for route in sorted(by_route):
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(by_route[route].items(), key=str))
        print(f"  {route:<58} {sum(by_route[route].values()):5}  ({statuses})")
    classes = Counter()
    for (_, status), n in counts.items():
        classes[f"{status // 100}xx" if isinstance(status, int) else str(status)] += n
    return classes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=400, help="requests per route group")
    parser.add_argument("--api-examples", type=int, default=200, help="schemathesis, per call")
    parser.add_argument("--port", type=int, default=8771)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"date: {datetime.datetime.now().isoformat(timespec='seconds')}")
    print("load average at start: {:.2f} {:.2f} {:.2f} (a shared machine)".format(*os.getloadavg()))
    data_dir = Path(tempfile.mkdtemp(prefix="archive-fuzz-"))
    build(data_dir)
    os.environ.update(DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="archive.settings")
    import django

    django.setup()
    from bench.fuzzing import admin_routes, site_routes

    base = f"http://127.0.0.1:{args.port}"
    server, log = start_gunicorn(data_dir, args.port, data_dir / "server.log", **NO_LIMITS)
    try:
        wait_for(f"{base}/healthz")
        code, output = run_schemathesis(base, args.api_examples, data_dir / "report")
        site, site_failures = fuzz_routes(base, site_routes(), args.examples, staff=False)
        admin, admin_failures = fuzz_routes(base, admin_routes(), args.examples, staff=True)
    finally:
        stop_gunicorn(server, log)
    print("load average at end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"\nschemathesis on docs/openapi.yaml (exit code {code}):")
    summary = output[output.rfind("=" * 20, 0, output.rfind("SUMMARY")) :]
    print(summary.strip()[-3000:] or output[-3000:])
    print(f"\nsite routes as a reader ({args.examples} requests):")
    site_classes = summarise(site)
    print(f"  by class: {dict(site_classes)}")
    print(f"\nadmin routes as staff ({args.examples} requests):")
    admin_classes = summarise(admin)
    print(f"  by class: {dict(admin_classes)}")
    failures = site_failures + admin_failures
    print(f"\n5xx or no answer: {len(failures)}")
    for status, url in failures[:20]:
        print(f"  {status}  {url[:200]}")
    if failures or code != 0:
        text = (data_dir / "server.log").read_text(encoding="utf-8", errors="replace")
        for chunk in text.split("Traceback")[1:3]:
            print("server traceback:" + chunk[-1500:])
        sys.exit(1)


if __name__ == "__main__":
    main()
