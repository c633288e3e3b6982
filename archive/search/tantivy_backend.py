"""The embedded native engine: a tantivy index in a folder (``SEARCH_URL=tantivy:///path``).

Tantivy (Rust) answers the same exact queries as the Whoosh index, over the same analysis
(archive.search.tantivy_schema feeds it the archive's own bigrams, characters and words),
in a fraction of the time: phrases, totals and facets are computed natively, never one
document at a time in Python.

    search("王付举").total       # 6 on the seed page (archive.search.search, this engine)

Readers: one Index object per process, its reader reloaded only when ``meta.json`` changed
(a commit here or in another process: one small read per search, no file watcher). Writers: tantivy
allows one IndexWriter per index, held by a lock file; a writer that cannot get it within
SEARCH_WRITER_TIMEOUT seconds raises IndexLocked, and base.SearchBackend.apply queues its
operations for the next writer, as with Whoosh.
"""

import atexit
import errno
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from contextlib import contextmanager

import tantivy
from django.conf import settings
from haystack.backends import BaseEngine, BaseSearchBackend
from haystack.utils import get_identifier

from archive.search.analysis import bulk_words
from archive.search.base import SearchBackend
from archive.search.database import haystack_documents
from archive.search.pending import PendingOperations
from archive.search.results import FACETS, PERSON_FACET_SIZE, facet_pairs, hit_from
from archive.search.tantivy_query import WITHIN, matching_query, ranked_query
from archive.search.tantivy_schema import SCHEMA, TOKENIZER, analyzer, tantivy_document

# A jieba word in more than this share of the articles adds almost nothing to a BM25 score
# (as in whoosh_backend): it is left out of the ranking.
COMMON_WORD_SHARE = 0.05
WRITER_HEAP = 96_000_000
# A batch this big (a page of an issue or more) segments its hanzi with rjieba (analysis.bulk_words):
# the words are the same, 2.5× faster; an edit of a few articles keeps to jieba alone.
BULK_DOCS = 50
# Facet buckets asked for: the date facets list every value; the person facet is the top
# PERSON_FACET_SIZE (ties settled by name here, as Whoosh's are) from the top PERSON_BUCKETS
# of each segment. Turning a bucket's ordinal into its name is what costs (1 ms for 310
# buckets of 的 at 1×), so the person facet asks for few.
ALL_VALUES = 100_000
PERSON_BUCKETS = 60
PERSON_SEGMENT_BUCKETS = 200
FACET_FIELD = {"year": "year", "month": "month", "paper": "paper", "page": "page"}
FACET_FIELD.update(kind="kind", person="persons")


class IndexLocked(RuntimeError):
    """Another writer (an ingest, a rebuild, the other worker) holds the index."""


def facet_aggregations():
    aggs = {}
    for name in FACETS:
        if name == "person":
            terms = {"size": PERSON_BUCKETS, "segment_size": PERSON_SEGMENT_BUCKETS}
        else:
            terms = {"size": ALL_VALUES, "segment_size": ALL_VALUES}
        aggs[name] = {"terms": {"field": FACET_FIELD[name], **terms}}
    return aggs


def facets_from(aggregated):
    """{facet: [(value, count), …]} from tantivy's terms buckets, in the page's order."""
    facets = {}
    for name in FACETS:
        buckets = aggregated.get(name, {}).get("buckets", [])
        counts = {}
        for bucket in buckets:
            key = bucket["key"]
            counts[int(key) if name == "page" else str(key)] = bucket["doc_count"]
        pairs = facet_pairs(name, counts)
        facets[name] = pairs[:PERSON_FACET_SIZE] if name == "person" else pairs
    return facets


def open_index(path):
    """The index in ``path``; on a folder nobody may write, its files through a mirror of
    links, because tantivy takes a lock file even to read (readers keep being served)."""
    try:
        return tantivy.Index(SCHEMA, path=path, reuse=True)
    except ValueError as exc:
        if "ReadOnlyFilesystem" not in str(exc) and "PermissionDenied" not in str(exc):
            raise
    mirror = tempfile.mkdtemp(prefix="archive-tantivy-read-")
    atexit.register(shutil.rmtree, mirror, True)
    for name in os.listdir(path):
        if not name.endswith(".lock"):
            os.symlink(os.path.join(path, name), os.path.join(mirror, name))
    return tantivy.Index(SCHEMA, path=mirror, reuse=True)


class TantivyBackend(SearchBackend):
    unavailable = (IndexLocked,)

    def __init__(self, options):
        super().__init__(options)
        self.path = str(options["PATH"])
        self._lock = threading.Lock()
        self._index = None
        self._seen = None

    # -- the index -------------------------------------------------------------------------

    def _meta_state(self):
        """The committed state: meta.json's bytes (a few KB; tantivy replaces the file at
        each commit). Its mtime alone could miss two commits within the clock's tick."""
        try:
            with open(os.path.join(self.path, "meta.json"), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            return None

    def index(self, create=True):
        """This process's Index, its reader reloaded if a commit happened; None when there is
        no index and ``create`` is False."""
        state = self._meta_state()
        with self._lock:
            if state is None and self._index is not None:
                self._index = None  # removed under us (a test, a manual wipe)
            if self._index is None:
                if state is None and not create:
                    return None
                os.makedirs(self.path, exist_ok=True)
                index = open_index(self.path)
                index.register_tokenizer(TOKENIZER, analyzer())
                index.config_reader(reload_policy="manual")
                self._index, self._seen = index, self._meta_state()
            elif state != self._seen:
                self._index.reload()
                self._seen = state
            return self._index

    def version(self):
        # meta.json is rewritten at every commit, by any process (its opstamp grows): its
        # digest changes with the index; the path tells indexes apart (each test has its own).
        state = self._meta_state()
        return (
            None
            if state is None
            else f"{self.path}:{hashlib.blake2b(state, digest_size=12).hexdigest()}"
        )

    def searcher(self):
        index = self.index(create=False)
        return None if index is None else index.searcher()

    # -- reading ---------------------------------------------------------------------------

    def find(self, result, parsed, *, filters, sort, facets, use_words):
        searcher = self.searcher()
        if searcher is None or not searcher.num_docs:
            return
        within = WITHIN.get((filters or {}).get("field"), "text")
        page, size = result.page, result.page_size
        keep_word = _rare_enough(searcher) if use_words else False
        options = {"limit": size, "offset": (page - 1) * size, "count": True}
        if sort in ("newest", "oldest"):
            query = matching_query(parsed, filters, within)
            order = tantivy.Order.Desc if sort == "newest" else tantivy.Order.Asc
            options.update(order_by_field="date", order=order)
        else:
            query = ranked_query(parsed, filters, within, use_words, keep_word)
        found = searcher.search(query, **options)
        result.total = found.count
        if facets and result.total:
            aggregated = searcher.aggregate(
                matching_query(parsed, filters, within), facet_aggregations()
            )
            result.facets = facets_from(aggregated)
        elif facets:
            result.facets = {name: [] for name in FACETS}
        for score, address in found.hits:
            stored = json.loads(searcher.doc(address)["stored"][0])
            result.hits.append(hit_from(stored, 0.0 if sort in ("newest", "oldest") else score))

    def matching_ids(self, parsed):
        searcher = self.searcher()
        if searcher is None or not searcher.num_docs:
            return set()
        found = searcher.search(matching_query(parsed), limit=searcher.num_docs, count=False)
        addresses = [address for _, address in found.hits]
        return {int(pk) for pk in searcher.fast_field_values("django_id", addresses)}

    def ping(self):
        self.index().searcher().num_docs  # noqa: B018 — reading it is the check

    def doc_count(self):
        searcher = self.searcher()
        return 0 if searcher is None else searcher.num_docs

    def stored_entries(self):
        searcher = self.searcher()
        if searcher is None or not searcher.num_docs:
            return
        found = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs, count=False)
        for _, address in found.hits:
            stored = json.loads(searcher.doc(address)["stored"][0])
            yield int(stored["django_id"]), stored

    # -- writing ---------------------------------------------------------------------------

    def pending(self):
        return PendingOperations(self.path)

    @contextmanager
    def _writer(self, timeout=None):
        """The index's one writer, waited for up to ``timeout`` seconds; committed on leaving
        the block (then its merges are waited for, so the next writer finds them done),
        rolled back on an exception."""
        index = self.index()
        timeout = settings.SEARCH_WRITER_TIMEOUT if timeout is None else timeout
        deadline = time.monotonic() + timeout
        threads = max(1, min(settings.SEARCH_WRITER_PROCS, 4))
        while True:
            try:
                writer = index.writer(WRITER_HEAP * threads, threads)
                break
            except ValueError as exc:
                if "LockBusy" not in str(exc):
                    raise
                if time.monotonic() >= deadline:
                    raise IndexLocked(f"the search index {self.path} is being written") from exc
                time.sleep(0.1)
        try:
            yield writer
            writer.commit()
        except ValueError as exc:
            _give_up(writer)
            # tantivy reports a failed write (a full disk: "an index writer was killed") as a
            # ValueError; the loader and the commands expect the OSError a file write gives.
            raise storage_error(exc, self.path) from exc
        except BaseException:
            _give_up(writer)
            raise
        writer.wait_merging_threads()

    def _write(self, writer, docs, remove_ids=()):
        ids = [int(d["django_id"]) for d in docs] + [int(pk) for pk in remove_ids]
        if ids:
            # by_term on an unsigned field deletes nothing in tantivy-py 0.27 (it makes an
            # i64 term): a query does, and one term set for the whole batch.
            writer.delete_documents_by_query(tantivy.Query.term_set_query(SCHEMA, "django_id", ids))
        if len(docs) >= BULK_DOCS:
            with bulk_words():
                for doc in docs:
                    writer.add_document(tantivy_document(doc))
        else:
            for doc in docs:
                writer.add_document(tantivy_document(doc))

    @contextmanager
    def writing(self, size):
        with self._writer() as writer:
            yield lambda docs, remove_ids: self._write(writer, docs, remove_ids)

    def add(self, docs):
        with self._writer() as writer:
            self._write(writer, docs)

    def clear(self):
        """Remove every document, keeping an index that readers can open."""
        if self._meta_state() is not None and not tantivy.Index.is_compatible(self.path):
            shutil.rmtree(self.path)  # an index of another schema version: start again
        with self._writer() as writer:
            writer.delete_all_documents()


def _give_up(writer):
    """Roll back what this writer added; a writer tantivy already killed cannot, and is dropped."""
    try:
        writer.rollback()
        writer.wait_merging_threads()
    except ValueError:
        pass


# Below this much free space a killed writer is taken for a full disk (tantivy's message
# names no cause when a worker thread died of one).
FULL_DISK_BYTES = 64 * 1024 * 1024


def storage_error(exc, path):
    """The OSError behind one of tantivy's write failures, with its errno where it is known."""
    message = str(exc)
    if "ReadOnlyFilesystem" in message:
        code = errno.EROFS
    elif "StorageFull" in message or "No space left" in message:
        code = errno.ENOSPC
    elif "killed" in message and _free_bytes(path) < FULL_DISK_BYTES:
        code = errno.ENOSPC
    else:
        code = errno.EIO
    return OSError(code, os.strerror(code) if code != errno.EIO else message, path)


def _free_bytes(path):
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def _rare_enough(searcher):
    """keep_word for tantivy_query: words in at most COMMON_WORD_SHARE of the documents."""
    limit = COMMON_WORD_SHARE * searcher.num_docs
    return lambda word: searcher.doc_freq("words", word) <= limit


class TantivySearchBackend(BaseSearchBackend):
    """haystack's side (manage.py rebuild_index, update_index, clear_index) over the site's
    TantivyBackend: one commit per batch; removals through the durable queue."""

    def __init__(self, connection_alias, **options):
        super().__init__(connection_alias, **options)
        self.path = options["PATH"]
        self.log = logging.getLogger("haystack")

    def site_backend(self):
        return TantivyBackend({"PATH": self.path})

    def update(self, index, iterable, commit=True):
        docs = haystack_documents(index, iterable, self.log)
        if docs:
            with self.site_backend().writing(len(docs)) as write:
                write(docs, ())

    def remove(self, obj_or_string, commit=True):
        pk = get_identifier(obj_or_string).rsplit(".", 1)[-1]
        self.site_backend().apply(removes=[int(pk)])

    def clear(self, models=None, commit=True):
        # Only articles live in this index, so clearing some models means clearing all.
        self.site_backend().clear()

    def search(self, query_string, **kwargs):
        raise NotImplementedError("the site searches through archive.search, not haystack")


class TantivyEngine(BaseEngine):
    backend = TantivySearchBackend
