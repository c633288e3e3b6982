"""haystack's Whoosh engine with the Chinese schema and batched, lock-patient writes.

Only what haystack's management commands need is overridden:

* ``build_schema`` returns archive.search.schema.SCHEMA (bigrams, headline, jieba words).
* ``update`` prepares a whole batch and writes it with one writer, deleting the batch's
  ids in one query; haystack's own update() calls update_document per object, which opens a
  reader each time (~100 ms a document at 20k documents).
* ``remove`` and ``clear`` go through the same writer path, so they wait for the lock
  instead of failing, and a removal that cannot get it is queued, not lost.

The site's searches do not come through here: see archive.search.engine.
"""

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend
from haystack.utils import get_identifier

from archive.search import indexing
from archive.search.schema import SCHEMA


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def build_schema(self, fields):
        return "text", SCHEMA

    def update(self, index, iterable, commit=True):
        if not self.setup_complete:
            self.setup()
        docs = indexing.haystack_documents(index, iterable, self.log)
        if not docs:
            return
        ix = indexing.open_index(self.path)
        writer = indexing.new_writer(ix, docs=len(docs))
        try:
            indexing.write_batch(writer, docs)
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        self.index = ix

    def remove(self, obj_or_string, commit=True):
        if not self.setup_complete:
            self.setup()
        pk = get_identifier(obj_or_string).rsplit(".", 1)[-1]
        indexing.remove_articles([int(pk)], path=self.path)

    def clear(self, models=None, commit=True):
        if not self.setup_complete:
            self.setup()
        # Only articles live in this index, so clearing some models means clearing all.
        indexing.clear(path=self.path)


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
