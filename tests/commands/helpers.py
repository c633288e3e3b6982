"""Running management commands the way a person does, and snapshotting the archive."""

import json
from io import StringIO

from django.core.management import call_command

from archive.models import Article, Issue, Mention, Page, Person


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def archive_snapshot():
    """Everything stored, as plain data, to prove a failed command changed nothing."""
    return {
        "issues": list(Issue.objects.values_list("newspaper__slug", "date", "number")),
        "pages": list(Page.objects.values_list("issue__date", "number", "name")),
        "articles": list(Article.objects.values_list("pk", "title", "paragraphs", "published")),
        "persons": list(Person.objects.values_list("name", flat=True)),
        "mentions": list(Mention.objects.values_list("article_id", "person__name", "roles")),
    }


def export_json(*args):
    return json.loads(run("export", *args))


def without_ids(docs):
    """Export output with database ids and urls removed, for comparing two archives."""
    for doc in docs:
        for page in doc["pages"]:
            for article in page["articles"]:
                article.pop("id", None)
                article.pop("url", None)
    return docs
