"""One engine, chosen once from settings; one field list and one searchable text for all."""

import dataclasses

import pytest

from archive import search
from archive.loading import sync_index
from archive.search.base import SearchBackend
from archive.search.document import BYLINE_FIELDS, MIRRORED_FIELDS, searchable_text
from archive.search.results import Hit, SearchResult, hit_from
from archive.search.whoosh_backend import WhooshBackend
from archive.search.whoosh_writing import open_index
from archive.search_indexes import ArticleIndex
from tests.factories import make_article


class NotebookBackend(SearchBackend):
    """An engine of a test's own: what a third engine needs, and nothing more to register."""

    def find(self, result, parsed, *, filters, sort, facets, use_words):
        result.total = 1
        result.hits = [hit_from({"django_id": 5, "title": parsed.clauses[0].alternatives[0]}, 1)]

    def matching_ids(self, parsed):
        return {5}


@pytest.mark.engines("whoosh")  # reads Whoosh's own files
def test_the_backend_setting_picks_the_engine_once(settings):
    first = search.backend()
    assert type(first) is WhooshBackend and search.backend() is first
    settings.HAYSTACK_CONNECTIONS = {
        "default": {"BACKEND": f"{__name__}.NotebookBackend", "ENGINE": "unused"}
    }
    assert type(search.backend()) is NotebookBackend
    result = search.search("鄭州", text_loader=lambda ids: {5: "郑州市"})
    assert result.total == 1 and result.hits[0].title == "郑州"
    assert result.hits[0].snippet == "<mark>郑州</mark>市"
    assert search.doc_ids("郑州") == {5}


def test_nothing_to_search_never_reaches_the_engine(settings):
    settings.HAYSTACK_CONNECTIONS = {"default": {"BACKEND": f"{__name__}.NotebookBackend"}}
    result = search.search("\x00\u200b\x01")  # control and format characters only
    assert result == SearchResult(notes=result.notes) and result.notes
    assert search.doc_ids("") == set()


def test_hits_carry_the_mirrored_fields_in_their_order():
    names = [f.name for f in dataclasses.fields(Hit)]
    assert tuple(names[1 : 1 + len(MIRRORED_FIELDS)]) == MIRRORED_FIELDS


def test_haystack_index_declares_the_text_and_the_mirrored_fields():
    declared = {
        name for name, f in ArticleIndex.fields.items() if not getattr(f, "facet_for", None)
    }
    assert declared == {"text", *MIRRORED_FIELDS, *BYLINE_FIELDS}


@pytest.mark.django_db
def test_the_indexed_text_is_the_one_searchable_text():
    article = make_article(
        kicker="",
        title="全民动员",
        subtitle="",
        paragraphs=["副市长王付举一同检查。"],
        persons=[("王付举", ["副市长"])],
        reporters=["杨丽娜"],
    )
    prepared = ArticleIndex().full_prepare(article)
    assert prepared["text"] == searchable_text(
        title="全民动员",
        paragraphs=["副市长王付举一同检查。"],
        reporters=["杨丽娜"],
        persons=["王付举"],
    )
    assert prepared["text"] == "全民动员\n副市长王付举一同检查。\n杨丽娜\n王付举"


@pytest.mark.engines("whoosh")  # reads Whoosh's own files
@pytest.mark.django_db
def test_sync_index_replaces_rows_in_one_commit(search_index):
    old = make_article(paragraphs=["群防群控"])
    search.index_articles([old.pk])
    new = make_article(paragraphs=["联防联控"])
    before = open_index(search_index).latest_generation()
    sync_index([new.pk], [old.pk])
    assert open_index(search_index).latest_generation() == before + 1
    assert search.doc_ids("群防群控") == set()
    assert search.doc_ids("联防联控") == {new.pk}
