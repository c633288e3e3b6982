"""Storage faults: a read-only or full data folder, named so a person knows what to do.

Readers keep being served from what can still be read (archive/sqlite/base.py, settings.py);
what needs to write fails, and the error page, the ingest command and /healthz say why
rather than answering a bare 500 or a traceback.
"""

import errno
import os
import shutil

from django.conf import settings

READ_ONLY = "read-only"
FULL = "full"

MESSAGES = {
    READ_ONLY: "数据目录只读，暂时无法保存修改（阅读不受影响）。请管理员检查数据目录的挂载和权限。",
    FULL: "磁盘已满，暂时无法保存修改（阅读不受影响）。请管理员清理数据目录所在的磁盘。",
}

_ERRNOS = {errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY, errno.ENOSPC: FULL}
_ERRNOS[errno.EDQUOT] = FULL
# What SQLite says (its message is all the error carries) and PostgreSQL's SQLSTATE codes.
_SQLITE = {
    "attempt to write a readonly database": READ_ONLY,
    "database or disk is full": FULL,
}
_SQLSTATES = {"25006": READ_ONLY, "53100": FULL}


def _causes(exc):
    seen = []
    while exc is not None and exc not in seen and len(seen) < 8:
        seen.append(exc)
        exc = exc.__cause__ or exc.__context__
    return seen


def storage_problem(exc):
    """READ_ONLY, FULL or None: whether `exc` (or what caused it) is the storage refusing.

    >>> storage_problem(OSError(errno.ENOSPC, "No space left on device"))
    'full'
    >>> storage_problem(ValueError("a bug")) is None
    True
    """
    for cause in _causes(exc):
        if isinstance(cause, OSError) and cause.errno in _ERRNOS:
            return _ERRNOS[cause.errno]
        problem = _SQLSTATES.get(getattr(cause, "sqlstate", None) or "")
        if problem is None and type(cause).__module__.startswith(("sqlite3", "django.db")):
            problem = _SQLITE.get(str(cause).strip().lower())
        if problem is None and "no space left on device" in str(cause).lower():
            problem = FULL  # PostgreSQL's "could not extend file …" carries only the text
        if problem:
            return problem
    return None


def problem_of(exc):
    """storage_problem, told apart: SQLite says "readonly" for a database opened read-only
    because the disk is full (archive/sqlite/base.py)."""
    problem = storage_problem(exc)
    if problem == READ_ONLY and os.access(settings.DATA_DIR, os.W_OK):
        if shutil.disk_usage(settings.DATA_DIR).free < 1024 * 1024:
            return FULL
    return problem


def describe(problem, exc):
    """One line for a person at a terminal: what failed, and what to do."""
    what = "read-only" if problem == READ_ONLY else "full"
    return f"the data folder is {what} ({exc}); nothing was stored. " + (
        "Make DATA_DIR writable, then run the command again."
        if problem == READ_ONLY
        else "Free some disk space, then run the command again."
    )


def data_folder_state():
    """ "ok", or what is wrong with DATA_DIR: read-only, or less free space than
    DATA_DIR_MIN_FREE_MB (for /healthz)."""
    folder = settings.DATA_DIR
    if not os.access(folder, os.W_OK):
        return f"error: {READ_ONLY} ({folder})"
    free = shutil.disk_usage(folder).free
    if free < settings.DATA_DIR_MIN_FREE_MB * 1024 * 1024:
        return f"error: {FULL} ({free // (1024 * 1024)} MB free in {folder})"
    return "ok"
