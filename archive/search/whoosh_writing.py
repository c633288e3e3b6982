"""Opening and writing the Whoosh index: the archive's codec, lock-patient, one writer a batch.

A writer takes the index's write lock, waiting up to SEARCH_WRITER_TIMEOUT seconds for
another writer (an ingest, a rebuild) to finish. The lock is an fcntl lock on a file
(Whoosh's FileStorage): the kernel drops it when the holding process dies, so the lock file a
crashed ingest leaves behind blocks nobody.

    ix = open_index(path)
    writer = new_writer(ix, docs=len(docs))
    write_batch(writer, [whoosh_document(d) for d in docs], remove_ids=[4])
    writer.commit()
"""

from pathlib import Path

from django.conf import settings
from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.compat import queue
from whoosh.filedb.filestore import FileStorage
from whoosh.multiproc import MpWriter

from archive.search.analysis import bulk_words, jieba_words
from archive.search.codec import ArchiveCodec
from archive.search.document import identifier
from archive.search.schema import SCHEMA
from archive.search.whoosh_storage import MappedFileStorage

# A batch at least this big is "bulk": rjieba segments its hanzi, MpWriter may be used.
BULK_DOCS = 200


def open_index(path, create=True):
    """The Whoosh index at ``path``, created if missing."""
    path = Path(path)
    if whoosh_index.exists_in(path):
        return whoosh_index.open_dir(path, schema=SCHEMA)
    if not create:
        raise whoosh_index.EmptyIndexError(f"no search index at {path}")
    path.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(path, SCHEMA)


def open_for_reading(path):
    """The index at ``path`` for searching: its files memory-mapped and read without copies
    (archive.search.whoosh_storage), or with plain file reads when settings.WHOOSH_MMAP is
    off — Whoosh's own mmap mode would copy each segment into every searcher."""
    if getattr(settings, "WHOOSH_MMAP", True):
        return MappedFileStorage(path, readonly=True).open_index(schema=SCHEMA)
    return FileStorage(path, supports_mmap=False, readonly=True).open_index(schema=SCHEMA)


class SubWriterError(RuntimeError):
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
            raise SubWriterError(
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

    Waits up to ``timeout`` (default SEARCH_WRITER_TIMEOUT) seconds for the write lock. A
    batch of BULK_DOCS or more with ``procs`` (default SEARCH_WRITER_PROCS) > 1 gets a
    CheckedMpWriter: each process writes its own segment and nothing is merged now
    (MERGE_SMALL merges later). Postings are sorted in memory up to SEARCH_WRITER_LIMITMB.
    """
    timeout = settings.SEARCH_WRITER_TIMEOUT if timeout is None else timeout
    procs = settings.SEARCH_WRITER_PROCS if procs is None else procs
    options = {
        "timeout": timeout,
        "delay": 0.1,
        "codec": ArchiveCodec(),
        "limitmb": settings.SEARCH_WRITER_LIMITMB,
    }
    if docs >= BULK_DOCS and procs > 1:
        with bulk_words():
            jieba_words("预热")  # load both dictionaries before the sub-processes fork
        return CheckedMpWriter(ix, procs=procs, **options)
    return ix.writer(**options)


def add_documents(writer, docs):
    """``writer.add_document`` for each Whoosh document; rjieba for the words of a bulk batch."""
    if len(docs) >= BULK_DOCS:
        with bulk_words():
            for doc in docs:
                writer.add_document(**doc)
    else:
        for doc in docs:
            writer.add_document(**doc)


def write_batch(writer, docs, remove_ids=()):
    """Replace ``docs`` (delete by id, then add) and remove ``remove_ids``, in one writer.

    One delete_by_query for all ids: delete_by_term per id opens a searcher each time.
    """
    ids = [int(d["django_id"]) for d in docs] + list(remove_ids)
    if ids:
        writer.delete_by_query(wq.Or([wq.Term("id", identifier(pk)) for pk in ids]))
    add_documents(writer, docs)
