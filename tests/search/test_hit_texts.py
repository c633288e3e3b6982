"""The search page's snippet loader: the engine's text, and the headline a reader sees."""

import pytest

from archive.search.database import load_texts
from archive.views.hits import HitTexts
from tests.factories import make_article

pytestmark = [pytest.mark.django_db, pytest.mark.engines("whoosh", "tantivy")]


def test_the_loader_gives_the_text_the_engine_would_cut_snippets_from(seed_articles):
    ids = [a.pk for a in seed_articles]
    assert HitTexts()(ids) == load_texts(ids)


def test_an_untitled_article_is_named_by_its_first_words_in_the_same_query(
    django_assert_num_queries,
):
    titled = make_article(title="敬告读者")
    brief = make_article(
        title="", paragraphs=["本报讯 1月26日，市防控指挥部通报了全市疫情防控工作情况。"]
    )
    texts = HitTexts()
    with django_assert_num_queries(1):
        texts([titled.pk, brief.pk])
    assert texts.titles == {titled.pk: "敬告读者", brief.pk: brief.display_title}
    assert brief.display_title.endswith("……")
