"""The links and files every page carries, kept once per process, give what Django's tags give."""

from django.template import Context, Template
from django.test import override_settings


def rendered(source):
    return Template(source).render(Context())


def test_the_kept_links_are_what_url_and_static_give():
    ours = rendered(
        "{% load site_links %}{% site_url 'archive:home' %} {% site_url 'archive:search' %} "
        "{% site_url 'archive:feed-issues' %} {% asset 'css/site.css' %}"
    )
    django = rendered(
        "{% load static %}{% url 'archive:home' %} {% url 'archive:search' %} "
        "{% url 'archive:feed-issues' %} {% static 'css/site.css' %}"
    )
    assert ours == django
    assert "/search/" in ours and "css/site.css" in ours


def test_a_changed_setting_is_never_answered_from_before():
    source = "{% load site_links %}{% asset 'css/site.css' %}"
    before = rendered(source)
    with override_settings(STATIC_URL="/elsewhere/"):
        assert rendered(source).startswith("/elsewhere/")
    assert rendered(source) == before


def test_the_page_header_links_home_people_search_and_the_feed(client, db):
    html = client.get("/people/").content.decode()
    for href in ('href="/"', 'href="/people/"', 'action="/search/"', 'href="/feeds/issues/"'):
        assert href in html
