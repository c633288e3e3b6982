"""What a search hit shows beyond the index's stored fields: the headline a reader sees, and
its kind in Chinese.

An article printed without a headline is shown everywhere by its first words
(models.display_title); the index stores only the empty title. The snippet loader reads each
hit's paragraphs anyway, so it reads the title with them and names every hit in the same
query.
"""

from archive import search
from archive.models import Article, display_title
from archive.search_cache import answer_key, cached_search

KIND_LABELS = dict(Article.Kind.choices)


class HitTexts:
    """A ``text_loader`` for archive.search.search that keeps each hit's display title.

    The text is what archive.search.database.load_texts gives (the paragraphs, one a line);
    tests/search/test_hit_texts.py holds the two to the same text.
    """

    def __init__(self):
        self.titles = {}

    def __call__(self, ids):
        texts = {}
        for pk, (title, paragraphs) in Article.objects.texts_of(ids).items():
            texts[pk] = "\n".join(paragraphs)
            self.titles[pk] = display_title(title, paragraphs)
        return texts

    def complete(self, hits):
        """Give each hit its ``display_title`` (the stored title when the row is gone) and
        ``kind_label``."""
        for hit in hits:
            hit.display_title = self.titles.get(hit.id) or display_title(hit.title, [])
            hit.kind_label = KIND_LABELS.get(hit.kind, hit.kind)
        return hits


def search_hits(form, *, page_size, **options):
    """The search a valid SearchForm asks for (``options`` override its page or sort, or
    leave out facets), every hit with its display title and kind label; a recent answer to
    the same search comes from archive.search_cache."""
    data, filters = form.cleaned_data, form.filters()
    asked = {"page": data["page"], "sort": data["sort"], **options}

    def run():
        texts = HitTexts()
        result = search.search(
            data["q"], page_size=page_size, filters=filters, text_loader=texts, **asked
        )
        texts.complete(result.hits)
        return result

    extra = tuple(sorted((k, v) for k, v in options.items() if k not in ("page", "sort")))
    key = answer_key(data["q"], filters, asked["page"], asked["sort"], page_size, extra)
    return cached_search(key, run)
