"""The durable queue of index operations an engine could not take when they were asked for.

When the Whoosh write lock does not come in time, or a cluster does not answer, the
operations are appended to a file beside the index (one JSON line each, fsynced) and the next
writer applies them first, before its own, in the same commit: a delete or unpublish is never
lost. The file is locked (flock) for each read and append, so writers in several processes
can share it.

    >>> import tempfile
    >>> queue = PendingOperations(tempfile.mkdtemp() + "/index")
    >>> queue.add([{"op": "remove", "ids": [4]}])
    >>> queue.read()
    ([{'op': 'remove', 'ids': [4]}], 29)
    >>> merged([{"op": "sync", "ids": [9, 17]}, {"op": "remove", "ids": [17]}])
    ([9], {17})
"""

import fcntl
import json
import os
from contextlib import contextmanager
from pathlib import Path


def operations(syncs=(), removes=()):
    """The operations for these ids: "sync" brings an article's entry up to date (kept if
    published, else removed), "remove" drops it."""
    ops = [{"op": "sync", "ids": [int(pk) for pk in syncs]}]
    ops.append({"op": "remove", "ids": [int(pk) for pk in removes]})
    return [op for op in ops if op["ids"]]


def merged(ops):
    """(ids to sync, sorted; ids to remove) of a list of operations: a remove wins."""
    syncs = sorted({pk for op in ops if op["op"] == "sync" for pk in op["ids"]})
    removes = {pk for op in ops if op["op"] == "remove" for pk in op["ids"]}
    return [pk for pk in syncs if pk not in removes], removes


class PendingOperations:
    """The queue file ``<base>.pending.jsonl`` (``base``: the index path, or a name in DATA_DIR)."""

    def __init__(self, base):
        self.path = Path(str(base).rstrip("/") + ".pending.jsonl")

    @contextmanager
    def _locked(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+", encoding="utf-8") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield handle
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def add(self, ops):
        """Append operations for the next writer."""
        with self._locked() as handle:
            for op in ops:
                handle.write(json.dumps({"op": op["op"], "ids": list(op["ids"])}) + "\n")
            handle.flush()
            os.fsync(handle.fileno())

    def read(self):
        """The queued operations, and how many bytes of the file they came from."""
        if not self.path.exists():
            return [], 0
        with self._locked() as handle:
            handle.seek(0)
            data = handle.read()
        ops = [json.loads(line) for line in data.splitlines() if line.strip()]
        return ops, len(data.encode("utf-8"))

    def drop(self, nbytes):
        """After a commit: drop the operations applied, keep any queued meanwhile."""
        if not nbytes:
            return
        with self._locked() as handle:
            handle.seek(0)
            rest = handle.read().encode("utf-8")[nbytes:]
            handle.seek(0)
            handle.truncate()
            handle.write(rest.decode("utf-8"))
