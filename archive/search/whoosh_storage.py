"""Whoosh's index files read through memory maps, without copying them.

Whoosh offers two ways to read a segment. With mmap, its CompoundStorage wraps each part of
the segment in a BytesIO — a private copy of the whole term dictionary and posting file in
every searcher (+120 MB per gunicorn worker for the 1998-01 corpus). Without, each read is
a seek and a read on a buffered file, two system calls: at 10× the corpus a search page made
about 2,700 of them, 12 ms of its time (bench/search_profile.py --cprofile). Here a file is
mapped once and every read is a slice of the map: no system call, and the pages stay in the
kernel's page cache, shared by all workers (counted in a worker's RSS as shared, not private).

    storage = MappedFileStorage("/data/index", readonly=True)
    storage.open_index(schema=SCHEMA)   # what archive.search.whoosh_writing.open_for_reading does

Reading only: writers keep Whoosh's own FileStorage.
"""

import mmap
import os
from array import array
from sys import byteorder

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

_LITTLE = byteorder == "little"
PEEK = 512


class _View:
    """A read-only file over a memoryview: read, seek, tell and readline, as slices."""

    __slots__ = ("_view", "_pos")

    def __init__(self, view):
        self._view = view
        self._pos = 0

    def read(self, size=-1):
        start, length = self._pos, len(self._view)
        end = length if size is None or size < 0 else min(start + size, length)
        self._pos = max(end, start)
        return self._view[start:end].tobytes()

    def peek(self, size=0):
        # pickle.load (Whoosh's block headers) reads ahead through peek and then takes what
        # it used: two calls a header instead of one read per opcode. A header is a few
        # dozen bytes, so a short look ahead is enough (peek may return less than asked).
        return self._view[self._pos : self._pos + min(max(size, 1), PEEK)].tobytes()

    def readline(self, size=-1):
        limit = len(self._view) if size is None or size < 0 else self._pos + size
        limit = min(limit, len(self._view))
        chunks, position = [], self._pos
        while position < limit:
            chunk = self._view[position : min(position + 256, limit)].tobytes()
            end = chunk.find(b"\n")
            if end >= 0:
                chunk = chunk[: end + 1]
            chunks.append(chunk)
            position += len(chunk)
            if end >= 0:
                break
        self._pos = max(position, self._pos)
        return b"".join(chunks)

    def __iter__(self):
        while line := self.readline():
            yield line

    def seek(self, position, whence=os.SEEK_SET):
        if whence == os.SEEK_CUR:
            position += self._pos
        elif whence == os.SEEK_END:
            position += len(self._view)
        self._pos = position
        return position

    def tell(self):
        return self._pos

    def close(self):
        # The map is shared by every part opened from it; it is unmapped when the last
        # view of it is dropped.
        pass


class MappedFile(StructFile):
    """Whoosh's StructFile over (a slice of) a memory map: ``get`` and ``subset`` are slices."""

    def __init__(self, view, name=None):
        super().__init__(_View(view), name=name)
        self._buf = view

    def subset(self, offset, length, name=None):
        return MappedFile(self._buf[offset : offset + length], name=name or self._name)

    def get(self, position, length):
        return self._buf[position : position + length].tobytes()

    def get_array(self, position, typecode, length):
        values = array(typecode)
        values.frombytes(self.get(position, length * values.itemsize))
        if _LITTLE:
            values.byteswap()  # Whoosh stores arrays big-endian
        return values


class MappedFileStorage(FileStorage):
    """A FileStorage whose files open as MappedFiles. ``supports_mmap`` stays False so that
    CompoundStorage cuts a segment's parts with ``subset`` instead of copying them."""

    def __init__(self, path, **kwargs):
        super().__init__(path, supports_mmap=False, **kwargs)

    def open_file(self, name, **kwargs):
        with open(self._fpath(name), "rb") as file:
            if os.fstat(file.fileno()).st_size == 0:
                return super().open_file(name, **kwargs)  # an empty file cannot be mapped
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        return MappedFile(memoryview(mapped), name=name)
