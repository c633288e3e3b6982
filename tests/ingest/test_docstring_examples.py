"""The worked examples in the parser's docstrings are true."""

import doctest
import importlib

import pytest

MODULES = [
    "archive.ingest",
    "archive.ingest.model",
    "archive.ingest.decode",
    "archive.ingest.normalize",
    "archive.ingest.markers",
    "archive.ingest.segment",
    "archive.ingest.headline",
    "archive.ingest.reflow",
    "archive.ingest.render",
    "archive.ingest.interchange",
    "archive.ingest.name_tagger",
]


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_of_each_parser_module_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
