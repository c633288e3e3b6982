"""WSGI entry point: `gunicorn archive.wsgi:application`.

Importing this module also warms the search path (``warm_search``): with gunicorn's
``preload_app = True`` that happens once in the master, so every worker is forked with
jieba's dictionary (~1 s, ~85 MB) and the search modules already loaded, shares those pages
with its siblings, and answers its first search without loading anything.
``SEARCH_WARM=0`` turns it off.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")

application = get_wsgi_application()


def warm_search():
    """Load what every search needs, without opening the index.

    The index is not opened here: a searcher's open files would be shared by every forked
    worker. Each worker opens its own on its first search (WhooshBackend.searcher).
    """
    from archive import search
    from archive.search.analysis import load_jieba
    from archive.search.query import parse_query

    load_jieba()
    # Fills the folding table (OpenCC t2s) and the query parser's caches.
    parse_query("预热 鄭州 2020年 -防控 OR 联控")
    # Builds the configured engine, which imports its query translation; it opens nothing.
    search.backend()


if os.environ.get("SEARCH_WARM", "1") != "0":
    warm_search()
