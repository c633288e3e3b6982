"""Import jieba quietly, for the tagger here and the search analyser alike.

jieba 0.42.1 imports pkg_resources if it can: slow, and it warns on new setuptools.
Without it, jieba reads its dictionary from its own folder, which is all it needs.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from types import ModuleType


def import_jieba(*submodules: str) -> ModuleType:
    """``jieba`` (and ``jieba.<name>`` for each of ``submodules``), pkg_resources hidden."""
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            jieba = importlib.import_module("jieba")
            for name in submodules:
                importlib.import_module(f"jieba.{name}")
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    return jieba
