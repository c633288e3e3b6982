"""The site's search: every caller goes through these functions, whichever engine is in use.

The engine is chosen once, from settings: ``HAYSTACK_CONNECTIONS["default"]["BACKEND"]``
names a subclass of archive.search.base.SearchBackend (settings.py derives it from
SEARCH_URL: archive.search.tantivy_backend.TantivyBackend for a new archive,
archive.search.whoosh_backend.WhooshBackend for ``whoosh:`` or an old Whoosh data folder,
archive.search.elasticsearch_backend.ElasticsearchBackend for a cluster). It is built on
first use with that connection's options and kept, as django.core.cache keeps its caches;
a changed setting (a test) builds it again. Callers never ask which one it is:

    from archive import search
    search.search("王付举", page=1).total     # 6 on the seed page
    search.apply(syncs=[17, 18], removes=[4])  # one commit: after load_issue stored a page
    search.ping()                              # /healthz
"""

import threading

from django.conf import settings
from django.core.signals import setting_changed
from django.utils.module_loading import import_string

_lock = threading.Lock()
_backend = None


def backend():
    """The configured engine (a SearchBackend), built once per process."""
    global _backend
    if _backend is not None:
        return _backend
    with _lock:
        if _backend is None:
            options = settings.HAYSTACK_CONNECTIONS["default"]
            _backend = import_string(options["BACKEND"])(options)
        return _backend


def reset():
    """Forget the engine and its warm searchers (tests give each test its own index)."""
    global _backend
    with _lock:
        _backend = None


def _settings_changed(setting, **kwargs):
    if setting == "HAYSTACK_CONNECTIONS":
        reset()


setting_changed.connect(_settings_changed)


def search(query_text, **options):
    """One page of hits with snippets, the total, facets and notes (base.SearchBackend.search:
    page, page_size, filters, sort, facets, text_loader, use_words)."""
    return backend().search(query_text, **options)


def version():
    """Changes whenever the index does; None when the engine cannot tell (no caching)."""
    return backend().version()


def doc_ids(query_text):
    """Every matching article id, unranked."""
    return backend().doc_ids(query_text)


def apply(syncs=(), removes=()):
    """Sync ``syncs`` (published ones kept, the rest dropped) and remove ``removes`` in one
    commit, after any queued operations. False when the engine was busy or down and the
    operations were queued for the next writer."""
    return backend().apply(syncs, removes)


def index_articles(ids):
    """Bring these articles' index entries up to date (only published articles are kept)."""
    ids = list(ids)
    if ids:
        apply(syncs=ids)


def remove_articles(ids):
    """Remove these articles from the index (deleted or replaced rows)."""
    ids = list(ids)
    if ids:
        apply(removes=ids)


def apply_pending():
    """Apply queued operations now (a writer with nothing else to do)."""
    return apply()


def clear():
    """Remove every document, leaving an empty index."""
    backend().clear()


def rebuild(**options):
    """Index every published article from scratch (batch_size, stdout). Returns the count."""
    return backend().rebuild(**options)


def optimize():
    """Merge the index into one segment: (segments before, after); (0, 0) on a cluster."""
    return backend().optimize()


def ping():
    """Raise if the index cannot be opened and read (for /healthz)."""
    backend().ping()


def doc_count():
    """How many articles the index holds (/healthz compares it with the database)."""
    return backend().doc_count()


def indexed_entries():
    """{article id: mirrored fields and fingerprint} of every indexed article (check_index)."""
    return backend().indexed_entries()
