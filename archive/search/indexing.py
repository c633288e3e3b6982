"""Keep the Whoosh index in step with the database: one writer per batch, never lose a delete.

``index_articles(ids)`` brings the given articles up to date (published ones added or
replaced, the rest removed); ``remove_articles(ids)`` removes them. Both take the index's
write lock, waiting up to WRITER_TIMEOUT seconds for another writer (an ingest, a rebuild) to
finish. If the lock never comes, the ids go to a queue file beside the index and the next
writer applies them first, so a delete or unpublish is never lost.

The lock is an fcntl lock on a file (Whoosh's FileStorage): the kernel drops it when the
holding process dies, so the lock file a crashed ingest leaves behind blocks nobody.

    >>> index_articles([17, 18])      # after load_issue() stored a page
    >>> remove_articles([17])         # after the article was deleted
"""

import fcntl
import json
import logging
import os
import time
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import writing
from whoosh.compat import queue
from whoosh.index import LockError
from whoosh.multiproc import MpWriter

from archive.search.analysis import bulk_words, jieba_words
from archive.search.backends import cluster, using_elasticsearch
from archive.search.codec import ArchiveCodec
from archive.search.schema import SCHEMA, identifier, whoosh_document

log = logging.getLogger(__name__)
WRITER_TIMEOUT = float(os.environ.get("SEARCH_WRITER_TIMEOUT", "60"))
# Postings are sorted in memory up to this (Whoosh's estimate of the) size, then spilled to
# sorted runs on disk and merged at commit. Whoosh's default, 128, spilled the 1998-01 corpus
# (one batch of 3,148 articles) into three runs; 512 spills nothing (ingest 19.8 s against
# 37.9 s before) but the ingest's peak memory goes from 378 to 747 MB; 256 spills once and
# peaks at 590 MB (27.2 s against 37.4 s in one loaded run). See docs/benchmarks.md.
WRITER_LIMIT_MB = int(os.environ.get("SEARCH_WRITER_LIMITMB", "512"))
# Processes for big batches (Whoosh's MpWriter). 1 by default: on this 2-core machine two
# processes saved ~20 % of the indexing time when the machine was idle, cost more than they
# saved under load, and leave two segments (+23 % index size). See docs/benchmarks.md.
WRITER_PROCS = int(os.environ.get("SEARCH_WRITER_PROCS", "1"))
# A batch at least this big is "bulk": rjieba segments its hanzi, MpWriter may be used.
BULK_DOCS = 200
BATCH_SIZE = 500
QUERY_CHUNK = 100


def index_path():
    from archive.search.engine import default_index_path

    return Path(default_index_path())


def open_index(path=None, create=True):
    """The Whoosh index at ``path`` (default: the configured one), created if missing."""
    path = Path(path or index_path())
    if whoosh_index.exists_in(path):
        return whoosh_index.open_dir(path, schema=SCHEMA)
    if not create:
        raise whoosh_index.EmptyIndexError(f"no search index at {path}")
    path.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(path, SCHEMA)


def ping():
    """Raise if the index cannot be opened and read (for /healthz)."""
    if using_elasticsearch():
        return cluster().ping()
    with open_index().searcher() as searcher:
        searcher.doc_count()


# -- the queue of operations that could not get the lock ---------------------------------


def _queue_path(path):
    return Path(str(path).rstrip("/") + ".pending.jsonl")


@contextmanager
def _queue_locked(path):
    queue = _queue_path(path)
    queue.parent.mkdir(parents=True, exist_ok=True)
    with open(queue, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield handle
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def queue_operation(path, op, ids):
    """Append ("sync" | "remove", ids) to the durable queue beside the index."""
    with _queue_locked(path) as handle:
        handle.write(json.dumps({"op": op, "ids": list(ids)}) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _read_queue(path):
    """Queued operations, and how many bytes of the file they came from."""
    if not _queue_path(path).exists():
        return [], 0
    with _queue_locked(path) as handle:
        handle.seek(0)
        data = handle.read()
    ops = [json.loads(line) for line in data.splitlines() if line.strip()]
    return ops, len(data.encode("utf-8"))


def _drop_queue_head(path, nbytes):
    """After a commit: drop the operations applied, keep any queued meanwhile."""
    if not nbytes:
        return
    with _queue_locked(path) as handle:
        handle.seek(0)
        rest = handle.read().encode("utf-8")[nbytes:]
        handle.seek(0)
        handle.truncate()
        handle.write(rest.decode("utf-8"))


# -- writing ------------------------------------------------------------------------------


def documents_for(ids):
    """(whoosh documents of the published ones among ``ids``, the ids to drop from the index)."""
    from archive.search_indexes import ArticleIndex

    search_index = ArticleIndex()
    ids = list(ids)
    docs = []
    # Chunks: SQLite refuses a query with thousands of ids in one IN (expression depth).
    for i in range(0, len(ids), QUERY_CHUNK):
        articles = search_index.index_queryset().filter(pk__in=ids[i : i + QUERY_CHUNK])
        docs.extend(whoosh_document(search_index.full_prepare(a)) for a in articles)
    found = {int(d["django_id"]) for d in docs}
    return docs, [pk for pk in ids if pk not in found]


class IndexWriteError(RuntimeError):
    """A sub-process of a multi-process writer failed; nothing was committed."""


class CheckedMpWriter(MpWriter):
    """Whoosh's MpWriter (multisegment), but a failed sub-process fails the commit.

    The stock commit waits one second for each sub-writer's result and silently commits
    without the documents of any that died (an exception in analysis, the OOM killer).
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, multisegment=True, **kwargs)

    def _commit(self, mergetype, optimize, merge):
        if self.docbuffer:
            self._enqueue()
        for _ in self.tasks:
            self.jobqueue.put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = []
        # Read results before joining: a child blocks on exit until its queue is drained.
        while len(results) < len(self.tasks):
            try:
                results.append(self.resultqueue.get(timeout=1))
            except queue.Empty:
                if not any(task.is_alive() for task in self.tasks):
                    break
        for task in self.tasks:
            task.join()
        failed = [task.exitcode for task in self.tasks if task.exitcode]
        if failed or len(results) != len(self.tasks):
            self.cancel()
            raise IndexWriteError(
                f"{len(self.tasks) - len(results)} of {len(self.tasks)} index sub-writers "
                f"failed (exit codes {failed}); nothing was committed"
            )
        finalsegments += [segment for _, _, segment in results]
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()


def new_writer(ix, *, docs=0, timeout=None, procs=None):
    """A writer for ``ix`` with the archive's codec, for a batch of about ``docs`` documents.

    Waits up to ``timeout`` (default WRITER_TIMEOUT) seconds for the write lock. A batch of
    BULK_DOCS or more with ``procs`` (default WRITER_PROCS) > 1 gets a CheckedMpWriter: each
    process writes its own segment and nothing is merged now (MERGE_SMALL merges later).
    """
    timeout = WRITER_TIMEOUT if timeout is None else timeout
    procs = WRITER_PROCS if procs is None else procs
    options = {
        "timeout": timeout,
        "delay": 0.1,
        "codec": ArchiveCodec(),
        "limitmb": WRITER_LIMIT_MB,
    }
    if docs >= BULK_DOCS and procs > 1:
        with bulk_words():
            jieba_words("预热")  # load both dictionaries before the sub-processes fork
        return CheckedMpWriter(ix, procs=procs, **options)
    return ix.writer(**options)


def add_documents(writer, docs):
    """``writer.add_document`` for each doc; rjieba for the words of a bulk batch."""
    if len(docs) >= BULK_DOCS:
        with bulk_words():
            for doc in docs:
                writer.add_document(**doc)
    else:
        for doc in docs:
            writer.add_document(**doc)


def _delete_ids(writer, ids):
    """One delete_by_query for all ids: delete_by_term per id opens a searcher each time."""
    if ids:
        writer.delete_by_query(wq.Or([wq.Term("id", identifier(pk)) for pk in ids]))


def write_batch(writer, docs, remove_ids=()):
    """Replace ``docs`` (delete by id, then add) and remove ``remove_ids``, in one writer."""
    _delete_ids(writer, [int(d["django_id"]) for d in docs] + list(remove_ids))
    add_documents(writer, docs)


def _apply(writer, ops):
    syncs = sorted({pk for op in ops if op["op"] == "sync" for pk in op["ids"]})
    removes = {pk for op in ops if op["op"] == "remove" for pk in op["ids"]}
    docs, gone = documents_for(syncs) if syncs else ([], [])
    docs = [d for d in docs if int(d["django_id"]) not in removes]
    write_batch(writer, docs, sorted(set(gone) | removes))


def run(ops, *, path=None, timeout=None):
    """Apply ``[{"op": "sync"|"remove", "ids": [...]}, ...]`` with one writer.

    Queued operations from earlier lock timeouts are applied first. Returns True when
    written, False when queued for the next writer.
    """
    path = Path(path or index_path())
    timeout = WRITER_TIMEOUT if timeout is None else timeout
    ix = open_index(path)
    size = sum(len(op["ids"]) for op in ops if op["op"] == "sync")
    try:
        writer = new_writer(ix, docs=size, timeout=timeout)
    except LockError:
        for op in ops:
            queue_operation(path, op["op"], op["ids"])
        log.warning("search index busy for %.0f s; queued %s for the next writer", timeout, ops)
        return False
    try:
        queued, nbytes = _read_queue(path)
        _apply(writer, queued + list(ops))
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    _drop_queue_head(path, nbytes)
    return True


def index_articles(ids, *, path=None):
    """Bring these articles' index entries up to date (only published articles are kept)."""
    if using_elasticsearch():
        return cluster().index_articles(ids)
    ids = [int(pk) for pk in ids]
    if ids:
        run([{"op": "sync", "ids": ids}], path=path)


def remove_articles(ids, *, path=None):
    """Remove these articles from the index (deleted or replaced rows)."""
    if using_elasticsearch():
        return cluster().remove_articles(ids)
    ids = [int(pk) for pk in ids]
    if ids:
        run([{"op": "remove", "ids": ids}], path=path)


def apply_pending(*, path=None):
    """Apply queued operations now (a writer with nothing else to do)."""
    if using_elasticsearch():
        return cluster().apply_pending()
    return run([], path=path)


def clear(*, path=None):
    """Remove every document, keeping the index directory open for readers."""
    if using_elasticsearch():
        return cluster().clear()
    ix = open_index(path)
    writer = new_writer(ix)
    writer.commit(mergetype=writing.CLEAR)


def haystack_documents(index, objects, log):
    """Index documents for the objects haystack hands a backend's update(), skips logged."""
    from haystack.exceptions import SkipDocument

    docs = []
    for obj in objects:
        try:
            docs.append(whoosh_document(index.full_prepare(obj)))
        except SkipDocument:
            log.debug("Indexing for object `%s` skipped", obj)
    return docs


def optimize(*, path=None):
    """Merge the index into one segment; returns (segments before, after).

    Each ingest adds a segment and Whoosh merges only the small ones, so after a large bulk
    load searches walk many segments: one merge makes them several times faster. A cluster
    merges its own segments, so there this does nothing.
    """
    if using_elasticsearch():
        return (0, 0)
    ix = open_index(path)
    before = len(ix._segments())
    new_writer(ix).commit(optimize=True)
    return before, len(open_index(path)._segments())


def rebuild(*, path=None, batch_size=BATCH_SIZE, stdout=None):
    """Index every published article from scratch, one writer per batch. Returns the count."""
    if using_elasticsearch():
        return cluster().rebuild(batch_size=batch_size, stdout=stdout)
    from archive.models import Article

    clear(path=path)
    ids = list(Article.objects.published().order_by("pk").values_list("pk", flat=True))
    started, done = time.monotonic(), 0
    for i in range(0, len(ids), batch_size):
        batch = ids[i : i + batch_size]
        docs, _ = documents_for(batch)
        ix = open_index(path)
        writer = new_writer(ix, docs=len(docs))
        try:
            add_documents(writer, docs)  # a cleared index holds none of them
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        done += len(docs)
        if stdout is not None:
            rate = done / max(time.monotonic() - started, 1e-9)
            stdout.write(f"indexed {done}/{len(ids)} articles ({rate:.0f}/s)\n")
    return done
