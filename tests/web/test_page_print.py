"""The printed page on the reader's pages: the picture with every article's region as a
link, ?hl= marks, the article's clip, the files served with a year-long cache."""

import io
import re

import pytest
from django.core.management import call_command

from archive.models import Article
from tests import pdfs

pytestmark = pytest.mark.django_db

PAGE = "/jzrb/2020-02-03/1/"


@pytest.fixture
def printed(settings, tmp_path):
    return pdfs.ingest_demo(settings, tmp_path)


def test_the_page_view_shows_the_picture_and_links_every_article_from_its_region(client, printed):
    html = client.get(PAGE).content.decode()
    assert f'src="{printed.image.url}"' in html
    links = re.findall(r'<a href="([^"]+)" id="region-(\d+)" class="print__region"', html)
    articles = Article.objects.filter(page=printed)
    assert sorted(int(pk) for _, pk in links) == sorted(articles.values_list("pk", flat=True))
    for url, pk in links:
        assert url == Article.objects.get(pk=pk).get_absolute_url()
    assert "<title>河畔新区完成首批老旧小区改造</title>" in html
    assert printed.pdf.url in html and "下载本版 PDF" in html
    assert 'class="page-articles"' in html  # the reading order beside it


def test_the_picture_is_served_as_an_image_with_a_year_long_cache(client, printed):
    response = client.get(printed.image.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"".join(response.streaming_content)[8:12] == b"WEBP"
    pdf = client.get(printed.pdf.url)
    assert pdf["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "name", ["/media/pages/../secret_key", "/media/secret_key", "/media/pages/nope.webp"]
)
def test_nothing_but_stored_page_files_is_served(client, printed, name):
    assert client.get(name).status_code == 404


def test_hl_marks_the_searched_characters_on_the_page(client, printed):
    html = client.get(PAGE, {"hl": "老旧小区"}).content.decode()
    marks = re.findall(r'<rect class="print__mark"', html)
    assert len(marks) >= 2 and "已标出“老旧小区”" in html
    assert 'class="print__mark"' not in client.get(PAGE).content.decode()


def test_the_article_page_shows_its_clip_and_links_back_to_its_place(client, printed):
    article = Article.objects.get(page=printed, order=1)
    html = client.get(article.get_absolute_url(), {"hl": "管网"}).content.decode()
    assert f'<image href="{printed.image.url}"' in html
    assert f"{PAGE}?hl=%E7%AE%A1%E7%BD%91#region-{article.pk}" in html
    assert 'class="print__mark"' in html


def test_the_issue_shows_each_pages_thumbnail(client, printed):
    html = client.get("/jzrb/2020-02-03/").content.decode()
    assert f'src="{printed.thumbnail.url}"' in html


def test_a_text_page_shows_no_picture(client, seed_text, tmp_path):
    path = tmp_path / "jzrb-2020-01-27-p1.txt"
    path.write_text(seed_text, encoding="utf-8")
    call_command("ingest", str(path), stdout=io.StringIO())
    html = client.get("/jzrb/2020-01-27/1/").content.decode()
    assert 'class="print"' not in html and "page-view.js" not in html
    article = Article.objects.first()
    assert 'class="clip"' not in client.get(article.get_absolute_url()).content.decode()


def test_a_search_hit_leads_to_its_article_with_the_words_to_mark(client, printed):
    from archive.loading import sync_index

    sync_index(list(Article.objects.values_list("pk", flat=True)))
    html = client.get("/search/", {"q": "老旧小区"}).content.decode()
    article = Article.objects.get(page=printed, order=1)
    assert f'href="{article.get_absolute_url()}?hl=' in html
