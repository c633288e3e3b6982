"""Security: headers on every response, a strict content security policy, a deployable config."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import User

from tests.conftest import REPO

pytestmark = pytest.mark.django_db

PAGES = ["/", "/search/?q=防控", "/people/", "/admin/login/", "/api/search?q=防控", "/robots.txt"]


@pytest.mark.parametrize("url", PAGES)
def test_every_response_carries_the_security_headers(client, url):
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy


def test_deploy_checks_pass_with_https_and_a_real_secret(tmp_path):
    env = {
        **os.environ,
        "DATA_DIR": str(tmp_path),
        "HTTPS": "1",
        "SECRET_KEY": "k3-" + "Zq8vN2xR7mW4pL9sT6yB1cF5hJ0dG3eK" * 2,
        "ALLOWED_HOSTS": "archive.example.cn",
        "DJANGO_SETTINGS_MODULE": "archive.settings",
    }
    env.pop("DJANGO_DEBUG", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_secret_key_is_not_in_the_repository():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "var/secret_key" not in tracked and not any(p.endswith("secret_key") for p in tracked)
    settings_text = (REPO / "archive" / "settings.py").read_text()
    assert 'SECRET_KEY = "' not in settings_text and "SECRET_KEY = '" not in settings_text


def test_forms_carry_a_csrf_token(client):
    user = User.objects.create_superuser("editor", "e@example.cn", "pw-for-tests-only")
    client.force_login(user)
    page = client.get("/admin/ingest/").content.decode()
    assert "csrfmiddlewaretoken" in page


def test_posting_without_a_csrf_token_is_refused():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    user = User.objects.create_superuser("editor", "e@example.cn", "pw-for-tests-only")
    strict.force_login(user)
    response = strict.post("/admin/ingest/", {"text": "本报讯", "date": "2020-01-27", "page": 1})
    assert response.status_code == 403


def test_repeated_failed_logins_are_locked_out(client):
    User.objects.create_superuser("editor", "e@example.cn", "right-password-123")
    for _ in range(5):
        client.post("/admin/login/", {"username": "editor", "password": "wrong"})
    locked = client.post("/admin/login/", {"username": "editor", "password": "right-password-123"})
    assert locked.status_code == 429
