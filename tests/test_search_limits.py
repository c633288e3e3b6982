"""What the search boxes let a reader send always reaches the app: the longest form a browser
can submit fits gunicorn's request-line limit, and the app (not gunicorn) cuts the query."""

import runpy
from pathlib import Path
from urllib.parse import urlencode

import pytest
from gunicorn.config import Config

from archive.forms import QUERY_BOX_CHARS, SearchForm
from archive.models import Article
from archive.search.query import MAX_QUERY_CHARS

ROOT = Path(__file__).resolve().parents[1]


def limit_request_line():
    """gunicorn's limit as gunicorn.conf.py leaves it (its default unless the file sets it)."""
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    return settings.get("limit_request_line", Config().limit_request_line)


def longest_submission():
    """Every field of the search form at its longest, in the costliest characters: a BMP
    hanzi is 9 bytes percent-encoded, the most any UTF-16 unit (what maxlength counts) costs."""
    form = SearchForm()
    widest = max((value for value, _ in Article.Kind.choices), key=len)
    return {
        "q": "王" * QUERY_BOX_CHARS,
        "field": "byline",
        "paper": "j" * form.fields["paper"].max_length,
        "date": "2020-01-27",
        "date_from": "2020-01-01",
        "date_to": "2020-01-31",
        "page_number": "999",
        "person": "王" * form.fields["person"].max_length,
        "kind": widest,
        "sort": "relevance",
        "page": "500",
    }


def test_the_longest_form_a_browser_sends_fits_the_request_line():
    line = f"GET /search/?{urlencode(longest_submission())} HTTP/1.1"
    assert len(line.encode("ascii")) < limit_request_line()


def test_the_box_allows_more_than_the_engine_reads_so_the_note_can_show():
    assert QUERY_BOX_CHARS > MAX_QUERY_CHARS


@pytest.mark.parametrize("template", ["base.html", "archive/home.html"])
def test_every_search_box_has_the_same_maxlength(template):
    text = (ROOT / "templates" / template).read_text(encoding="utf-8")
    assert f'name="q" maxlength="{QUERY_BOX_CHARS}"' in text


def test_the_search_page_box_has_it_too():
    assert f'maxlength="{QUERY_BOX_CHARS}"' in str(SearchForm()["q"])
