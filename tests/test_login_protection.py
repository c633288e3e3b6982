"""Login protection that cannot be turned against staff: a lock holds a (username, client
address) pair, the address is the client's even behind a proxy, spraying is limited per
address, and a refused `next` lands on a page that exists."""

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "right-password-123"


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "e@example.cn", PASSWORD)


def attempt(client, username, password="wrong", **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def test_a_stranger_guessing_cannot_lock_the_editor_out(client, editor):
    for _ in range(6):
        attempt(client, "editor", REMOTE_ADDR="198.51.100.66")
    locked = attempt(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.66")
    assert locked.status_code == 429
    assert "登录已暂停" in locked.content.decode()
    elsewhere = attempt(client, "editor", PASSWORD, REMOTE_ADDR="203.0.113.10")
    assert elsewhere.status_code == 302


def test_behind_a_trusted_proxy_the_lock_holds_the_clients_address(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    for _ in range(6):
        attempt(client, "editor", HTTP_X_FORWARDED_FOR="198.51.100.66", **via_proxy)
    real = attempt(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.10", **via_proxy)
    assert real.status_code == 302


def test_without_the_proxy_setting_a_forwarded_header_cannot_dodge_the_lock(client, editor):
    for n in range(6):
        attempt(client, "editor", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert attempt(client, "editor", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_spraying_many_usernames_from_one_address_is_stopped(client, editor, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = "5/h"
    answers = [
        attempt(client, f"user{n}", REMOTE_ADDR="198.51.100.7").status_code for n in range(7)
    ]
    assert answers[:5] == [200] * 5 and answers[5:] == [429, 429]
    refused = attempt(client, "editor", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429 and "登录失败次数过多" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    # Staff elsewhere are not affected.
    assert attempt(client, "editor", PASSWORD, REMOTE_ADDR="203.0.113.10").status_code == 302


def test_a_refused_next_lands_on_the_admin_not_a_missing_profile_page(client, editor):
    response = client.post(
        f"{LOGIN}?next=https://evil.example/", {"username": "editor", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get(response["Location"]).status_code == 200


def test_logging_out_lands_on_the_home_page(client, editor):
    client.force_login(editor)
    response = client.post("/admin/logout/")
    assert response.status_code in (200, 302)
