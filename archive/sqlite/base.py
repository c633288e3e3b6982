"""SQLite that keeps serving readers when the data folder is read-only.

The archive's database runs in WAL mode, and SQLite opens a WAL database only where it can
create the -shm file beside it; in a read-only folder (a full disk remounted read-only, a
deploy that mounts the data read-only) every connection fails with "unable to open database
file" and every page becomes a 500. Then the database is opened read-only instead: with
mode=ro when a writer elsewhere left its -wal and -shm files (reads stay consistent with its
commits), else as immutable (nothing can change the file through this folder). Reads work;
writes fail with "attempt to write a readonly database", which the error page explains.
"""

import logging
import os
from pathlib import Path
from urllib.parse import quote

from django.db.backends.sqlite3 import base

log = logging.getLogger(__name__)
_warned = set()


def read_only_uri(path):
    """The URI that opens `path` for reading only.

    >>> read_only_uri("/nowhere/archive.sqlite3")
    'file:/nowhere/archive.sqlite3?immutable=1'
    """
    shared = Path(f"{path}-shm")
    mode = "mode=ro" if shared.exists() and Path(f"{path}-wal").exists() else "immutable=1"
    return f"file:{quote(str(path))}?{mode}"


def folder_is_read_only(path):
    folder = Path(path).parent
    return folder.is_dir() and not os.access(folder, os.W_OK)


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        try:
            return super().get_new_connection(conn_params)
        except base.Database.OperationalError:
            path = conn_params["database"]
            if str(path).startswith("file:") or not folder_is_read_only(path):
                raise
        if path not in _warned:  # SQLite connects once a request: say it once a process
            _warned.add(path)
            log.warning("data folder is read-only: database %s opened for reading only", path)
        return super().get_new_connection({**conn_params, "database": read_only_uri(path)})
