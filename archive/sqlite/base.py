"""SQLite that keeps serving readers when the data folder is read-only.

The archive's database runs in WAL mode, and SQLite opens a WAL database only where it can
create and grow the -shm file beside it. In a read-only folder (a disk remounted read-only
after errors, a deploy that mounts the data read-only) every connection fails with "unable
to open database file", on a full disk with "disk I/O error", and every page was a 500. Then
the database is opened read-only instead: with mode=ro when a writer left its -wal and -shm
files (reads see its commits), else as immutable, reading the database file alone (commits
still in a -wal the folder cannot take are not seen until space returns). Reads work;
writes fail with "attempt to write a readonly database", which the error page explains.
"""

import logging
import os
import shutil
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db.backends.sqlite3 import base

log = logging.getLogger(__name__)
_warned = set()


def read_only_uris(path):
    """The URIs that open `path` for reading only, the better first.

    >>> read_only_uris("/nowhere/archive.sqlite3")
    ['file:/nowhere/archive.sqlite3?immutable=1']
    """
    uri = f"file:{quote(str(path))}"
    wal_files = Path(f"{path}-shm").exists() and Path(f"{path}-wal").exists()
    return ([f"{uri}?mode=ro"] if wal_files else []) + [f"{uri}?immutable=1"]


# SQLite needs room for its 32 KB -shm file to open a WAL database at all.
MIN_FREE_BYTES = 1024 * 1024


def folder_cannot_write(path):
    """Whether the database's folder is read-only or full: the faults opening it read-only
    gets around."""
    folder = Path(path).parent
    if not folder.is_dir():
        return False
    return not os.access(folder, os.W_OK) or shutil.disk_usage(folder).free < MIN_FREE_BYTES


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError:
            path = conn_params["database"]
            if str(path).startswith("file:") or not folder_cannot_write(path):
                raise
            error = sys.exception()
        for uri in read_only_uris(path):
            try:
                connection = super().get_new_connection({**conn_params, "database": uri})
            except base.Database.OperationalError:
                continue
            # Closed after this request, not kept for CONN_MAX_AGE: the next request tries
            # the writable database again, so writes come back as soon as the folder does.
            self.close_at = time.monotonic()
            if path not in _warned:  # SQLite connects once a request: say it once a process
                _warned.add(path)
                log.warning("data folder read-only or full: database %s opened read-only", path)
            return connection
        raise error
