"""The one interface every search engine implements, as Django's cache backends do theirs.

An engine is a subclass of SearchBackend in its own module, named by the ``BACKEND`` key of
``HAYSTACK_CONNECTIONS["default"]`` (settings.py derives it from SEARCH_URL) and built once
by archive.search.backend(). What the site asks of it:

=====================================  ====================================================
``search(query_text, …)``              one page of hits with snippets, the total, facets
``doc_ids(query_text)``                every matching article id, unranked
``apply(syncs, removes)``              one commit: sync these ids, remove those; queued
                                       (False) when the engine cannot take it now
``clear()`` / ``rebuild()``            an empty index / every published article again
``optimize()``                         merge segments; (before, after) — (0, 0) where the
                                       engine merges its own
``ping()``                             raise unless the index answers (/healthz)
``indexed_entries()``                  {id: mirrored fields + fingerprint} for check_index
``doc_count()``                        how many articles the index holds (/healthz)
``version()``                          changes with every commit (answers are cached
                                       under it); None: do not cache
=====================================  ====================================================

The query is parsed once (archive.search.query) and each engine translates the clauses;
results, snippets, the durable queue and the database side are shared modules, so an
engine writes only what is its own: ``find``, ``matching_ids``, ``writing``, ``add``,
``clear``, ``ping``, ``stored_entries`` and where its pending queue lives.
"""

import logging
import time

from django.conf import settings

from archive.search import budget
from archive.search.database import documents_for, load_texts, published_ids
from archive.search.document import mirrored
from archive.search.pending import merged, operations
from archive.search.query import parse_query
from archive.search.results import SearchResult, add_snippets

log = logging.getLogger(__name__)
REBUILD_BATCH = 500


class SearchBackend:
    # Exceptions that mean "the engine cannot take a write now": the operations are queued
    # for the next writer instead of failing (a lock held too long, a cluster down).
    unavailable = ()

    def __init__(self, options):
        self.options = options

    # -- reading ---------------------------------------------------------------------------

    def search(
        self,
        query_text,
        *,
        page=1,
        page_size=20,
        filters=None,
        sort="relevance",
        facets=True,
        text_loader=None,
        use_words=True,
    ):
        """Run the reader's query; return one page of hits with snippets, the total and facets.

        ``text_loader(ids) -> {id: text}`` supplies the text snippets are cut from (default:
        the articles' paragraphs from the database, one query per page of hits).
        ``use_words=False`` leaves out the jieba word clause, which only ranks.
        """
        parsed = parse_query(query_text)
        result = SearchResult(
            notes=list(parsed.notes), page=page, page_size=page_size, highlight=parsed.highlight
        )
        if parsed.empty:
            return result
        deadline = budget.Deadline(self.time_budget())
        with budget.running(deadline):
            try:
                self.find(
                    result, parsed, filters=filters, sort=sort, facets=facets, use_words=use_words
                )
            except budget.OutOfTime:
                pass  # an engine without its own partial answer: what it filled in so far
        if deadline.hit:
            result.complete = False
            result.notes.append(budget.incomplete_note(deadline.seconds))
            log.warning("search stopped at its %s s budget: %r", deadline.seconds, query_text)
        if result.hits:
            add_snippets(result, text_loader or load_texts)
        return result

    def find(self, result, parsed, *, filters, sort, facets, use_words):
        """Fill ``result`` (total, hits of its page, facets) for a ParsedQuery with clauses.

        It runs under the search's time budget: an engine calls ``budget.check()`` where it
        can stop, and either lets OutOfTime end the search with what ``result`` holds, or
        catches it to answer from what it found so far (whoosh_backend's matches of the
        segments read, in date order).
        """
        raise NotImplementedError

    def time_budget(self):
        """Seconds a search may take: SEARCH_TIME_BUDGET, kept under the worker's timeout."""
        return getattr(settings, "SEARCH_TIME_BUDGET", None)

    def version(self):
        """A value that changes whenever the index does (any writer, any process), for caching
        answers; None (the default) when the engine cannot tell, and nothing is cached."""
        return None

    def doc_ids(self, query_text):
        """Every matching article id, unranked: for truth checks and the benchmark."""
        parsed = parse_query(query_text)
        return set() if parsed.empty else self.matching_ids(parsed)

    def matching_ids(self, parsed):
        raise NotImplementedError

    def ping(self):
        """Raise if the index cannot be opened and read (for /healthz)."""
        raise NotImplementedError

    def indexed_entries(self):
        """{article id: the mirrored fields and the fingerprint} of every indexed article."""
        return {
            pk: {**mirrored(stored), "fingerprint": stored.get("fingerprint")}
            for pk, stored in self.stored_entries()
        }

    def stored_entries(self):
        """(article id, stored fields) for every article document in the index."""
        raise NotImplementedError

    def doc_count(self):
        """How many articles the index holds; engines that keep a count override this."""
        return sum(1 for _ in self.stored_entries())

    # -- writing ---------------------------------------------------------------------------

    def pending(self):
        """This index's PendingOperations."""
        raise NotImplementedError

    def writing(self, size):
        """A context manager yielding ``write(docs, remove_ids)`` for one commit of about
        ``size`` documents: committed on leaving the block, cancelled on an exception.
        Raises one of ``unavailable`` when the engine cannot take the write."""
        raise NotImplementedError

    def apply(self, syncs=(), removes=()):
        """Sync ``syncs`` (published ones indexed or replaced, the rest removed) and remove
        ``removes``, in one commit, after any operations queued earlier.

        Returns True when written, False when the engine was unavailable and the operations
        were queued for the next writer.
        """
        ops = operations(syncs, removes)
        queue = self.pending()
        try:
            size = sum(len(op["ids"]) for op in ops if op["op"] == "sync")
            with self.writing(size) as write:
                queued, nbytes = queue.read()
                sync_ids, remove_ids = merged(queued + ops)
                docs, gone = documents_for(sync_ids) if sync_ids else ([], [])
                write(docs, sorted(set(gone) | remove_ids))
        except self.unavailable as exc:
            queue.add(ops)
            log.warning("search index unavailable (%s); queued %s for the next writer", exc, ops)
            return False
        queue.drop(nbytes)
        return True

    def clear(self):
        """Remove every document, leaving an empty index that readers can open."""
        raise NotImplementedError

    def add(self, docs):
        """Add documents to an index known not to hold them (a rebuild's batch)."""
        raise NotImplementedError

    def rebuild(self, *, batch_size=REBUILD_BATCH, stdout=None):
        """Index every published article from scratch, one commit per batch. Returns the count."""
        self.clear()
        ids = published_ids()
        started, done = time.monotonic(), 0
        for i in range(0, len(ids), batch_size):
            docs, _ = documents_for(ids[i : i + batch_size])
            self.add(docs)
            done += len(docs)
            if stdout is not None:
                rate = done / max(time.monotonic() - started, 1e-9)
                stdout.write(f"indexed {done}/{len(ids)} articles ({rate:.0f}/s)\n")
        self.rebuilt()
        return done

    def rebuilt(self):
        """After the last batch of a rebuild (a cluster makes the batches visible)."""

    def optimize(self):
        """Merge the index into one segment: (segments before, after); (0, 0) where the
        engine merges its own segments."""
        return (0, 0)
