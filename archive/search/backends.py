"""Which engine serves the site: the embedded Whoosh index, or a search cluster.

``SEARCH_URL`` (see archive.settings) decides; this module only reads the result, so the
public functions of archive.search.engine and archive.search.indexing keep their signatures
and their callers (views, the loader, management commands) never know the difference:

    >>> using_elasticsearch()      # SEARCH_URL unset → Whoosh
    False
"""

ELASTICSEARCH_ENGINE = "archive.search.elasticsearch_backend.ChineseElasticsearchEngine"


def using_elasticsearch():
    """True when the default haystack connection is our Elasticsearch/OpenSearch engine."""
    from django.conf import settings

    return settings.HAYSTACK_CONNECTIONS["default"].get("ENGINE") == ELASTICSEARCH_ENGINE


def cluster():
    """The cluster implementation module (imported only when a cluster is configured)."""
    from archive.search import elasticsearch_backend

    return elasticsearch_backend
