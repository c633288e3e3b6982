"""Whoosh's W3 codec, compressing only the posting blocks that zlib can shrink.

Whoosh 2.7.4 meant to skip zlib for blocks under 20 bytes, but a later line overwrites that
choice, so every block is compressed. A bigram index is mostly rare terms: ~250 k of its
~380 k terms occur in one or a few articles, and zlib makes such a 30-byte block *longer*
while costing ~40 % of the commit time. This writer compresses a block only when it is at
least ``MIN_COMPRESS`` bytes and the result is smaller.

The on-disk format is unchanged: each block records its own compression level, and the
stock W3 reader honours it, so segments written by this codec and by Whoosh's default
codec can live side by side in one index (segments pickle their codec; this class must keep
its import path).
"""

from whoosh.codec.base import OutOfOrderError
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    WHOOSH3_HEADER_MAGIC,
    W3Codec,
    W3FieldWriter,
    W3PerDocReader,
    W3PostingsWriter,
    W3TermInfo,
    _lenfield,
    zlib,
)
from whoosh.compat import dumps
from whoosh.matching import ListMatcher
from whoosh.util.numeric import byte_to_length, length_to_byte

MIN_COMPRESS = 96
# Terms in fewer documents than this keep their postings inside the term dictionary entry.
INLINE_LIMIT = 3
# Pickle protocol for block data and inlined postings. Whoosh writes protocol 2, which spells
# every bytes value as a call to codecs.encode (~40 bytes each); protocol 3 has a bytes
# opcode. Whoosh reads either (pickle.loads detects the protocol).
DATA_PROTOCOL = 3


class ArchivePostingsWriter(W3PostingsWriter):
    def add_posting(self, id_, weight, vbytes, length=None):
        # W3PostingsWriter.add_posting without its per-posting isinstance asserts.
        if len(self._ids) >= self._blocklimit:
            self._write_block()
        self._ids.append(id_)
        self._weights.append(weight)
        if weight > self._maxweight:
            self._maxweight = weight
        if vbytes:
            self._values.append(vbytes)
        if length:
            if self._minlength is None or length < self._minlength:
                self._minlength = length
            if length > self._maxlength:
                self._maxlength = length

    def finish_postings(self):
        # W3PostingsWriter.finish_postings calls a method that does not exist
        # (set_inline), which is why Whoosh ships with inlining switched off.
        terminfo = self._terminfo
        if not self.written() and len(self) < self._inlinelimit:
            terminfo.add_block(self)
            terminfo.set_inlined(self._ids, self._weights, self._values)
        else:
            if self._ids:
                self._write_block(last=True)
            terminfo.set_extent(self._startoffset, self._postfile.tell() - self._startoffset)
        self._terminfo = None
        return terminfo

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        data = (self._mini_ids(), self._mini_weights(), self._mini_values())
        databytes = dumps(data, DATA_PROTOCOL)
        comp = 0
        if self._compression and zlib is not None and len(databytes) >= MIN_COMPRESS:
            packed = zlib.compress(databytes, self._compression)
            if len(packed) < len(databytes):
                databytes, comp = packed, self._compression
        ids = self._ids
        infobytes = dumps(
            (
                len(ids),
                ids[-1],
                self._maxweight,
                comp,
                length_to_byte(self._minlength),
                length_to_byte(self._maxlength),
            ),
            2,
        )
        blocklength = len(infobytes) + len(databytes)
        if last:
            blocklength *= -1
        self._postfile.write_int(blocklength)
        self._postfile.write(infobytes)
        self._postfile.write(databytes)
        self._blockcount += 1
        self._new_block()


class ArchiveTermInfo(W3TermInfo):
    def to_bytes(self):
        if not self.is_inlined():
            return super().to_bytes()
        minlength = 0 if self._minlength is None else length_to_byte(self._minlength)
        head = self._struct.pack(
            True,
            self._weight,
            self._df,
            minlength,
            length_to_byte(self._maxlength),
            self._maxweight,
            0xFFFFFFFF if self._minid is None else self._minid,
            0xFFFFFFFF if self._maxid is None else self._maxid,
        )
        return head + dumps(self._inlined, DATA_PROTOCOL)


class ArchiveFieldWriter(W3FieldWriter):
    def start_term(self, btext):
        if self._postwriter is None:
            raise Exception("Called start_term before start_field")
        self._btext = btext
        self._postwriter.start_postings(self._fieldobj.format, ArchiveTermInfo())

    def add_postings(self, schema, lengths, items):
        """FieldWriter.add_postings, with each field's document lengths read once.

        The stock loop asks the lengths column for every posting (~2 M lookups through
        struct reads for the 1998-01 corpus, a fifth of the commit).
        """
        lastfn = lasttext = fieldobj = None
        postwriter = None
        field_lengths = {}
        for fieldname, btext, docnum, weight, value in items:
            if fieldname != lastfn:
                if lastfn is not None and fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                if lasttext is not None:
                    self.finish_term()
                if lastfn is not None:
                    self.finish_field()
                fieldobj = schema[fieldname]
                self.start_field(fieldname, fieldobj)
                postwriter = self._postwriter
                field_lengths = {}
                lastfn, lasttext = fieldname, None
            if docnum == -1:
                continue  # a spelling word (Whoosh's hack); we keep no spelling graph
            if btext != lasttext:
                if lasttext is not None:
                    if btext < lasttext:
                        raise OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {btext!r}")
                    self.finish_term()
                self.start_term(btext)
                lasttext = btext
            length = field_lengths.get(docnum)
            if length is None:
                length = lengths.doc_field_length(docnum, fieldname) if lengths else 0
                length = field_lengths[docnum] = length or 0
            postwriter.add_posting(docnum, weight, value if value is not None else b"", length)
        if lasttext is not None:
            self.finish_term()
        if lastfn is not None:
            self.finish_field()


class InlineMatcher(ListMatcher):
    """Whoosh's ListMatcher for inlined postings, with a copy() that keeps term and terminfo
    (the stock one drops them, and BM25's block quality then fails on the copy)."""

    def value(self):
        # Value-less formats (Frequency) read back an inlined posting's value as "";
        # merging segments feeds values to a pool that accepts only bytes.
        value = super().value()
        return value.encode("latin-1") if isinstance(value, str) else value

    def copy(self):
        return self.__class__(
            self._ids,
            self._weights,
            self._values,
            self._format,
            self._scorer,
            self._i,
            self._all_weights,
            self._term,
            self._terminfo,
        )


# byte_to_length for every length byte; 0 reads back as None, as in W3PerDocReader.
_LENGTHS = [None] + [byte_to_length(b) for b in range(1, 256)]


class ArchivePerDocReader(W3PerDocReader):
    """W3PerDocReader with each field's document lengths read into memory once (one byte a
    document: ~92 KB a field at 94k articles). BM25 asks for the length of every document it
    scores; the stock reader answers each time with a seek and a read of the column file."""

    def doc_field_length(self, docnum, fieldname, default=0):
        cache = self.__dict__.setdefault("_archive_lengths", {})
        lengths = cache.get(fieldname)
        if lengths is None:
            reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            lengths = cache[fieldname] = b"" if reader is None else bytes(reader.load())
        if not lengths:
            return default
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        return _LENGTHS[lengths[docnum]] if docnum < len(lengths) else None


class ArchiveCodec(W3Codec):
    """W3Codec with a faster posting writer that compresses only blocks that gain from it
    and keeps the postings of rare terms in the term dictionary."""

    def __init__(self, blocklimit=128, compression=3, inlinelimit=INLINE_LIMIT):
        super().__init__(blocklimit, compression, inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            ids, weights, values = terminfo.inlined_postings()
            return InlineMatcher(
                ids, weights, values, format_, scorer=scorer, term=term, terminfo=terminfo
            )
        return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)

    def per_document_reader(self, storage, segment):
        return ArchivePerDocReader(storage, segment)

    def field_writer(self, storage, segment):
        return ArchiveFieldWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return ArchivePostingsWriter(
            dbfile,
            blocklimit=self._blocklimit,
            byteids=byteids,
            compression=self._compression,
            inlinelimit=self._inlinelimit,
        )
