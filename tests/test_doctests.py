"""The worked examples in the docstrings hold: every Django-free module under archive/
(the pipeline, the search package's pure parts, …) and the bench's tooling packages.

Django-free means the module imports no Django, directly or through what it imports
(imports inside functions count, as for import cycles): its examples run without a
configured project, so nothing but the example itself can make them fail.
"""

import ast
import doctest
import importlib
import re
from functools import cache
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TREES = [ROOT / "archive", ROOT / "bench" / "layout", ROOT / "bench" / "training"]
FIRST_PARTY = ("archive", "bench")


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = {_name(path): path for tree in TREES for path in tree.rglob("*.py")}


def _imported(module: str) -> set[str]:
    """Every module name ``module`` imports, anywhere in its code."""
    names = set()
    package = module if SOURCES[module].name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(SOURCES[module].read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            names |= {base} | {f"{base}.{alias.name}" for alias in node.names}
    return names


@cache
def _needs_django(top: str) -> bool:
    """A third-party package that is Django or is built on it (haystack, …)."""
    if top == "django":
        return True
    for distribution in packages_distributions().get(top, ()):
        for requirement in requires(distribution) or ():
            if "extra ==" not in requirement and re.match(r"django(?![\w.-])", requirement, re.I):
                return True
    return False


@cache
def _django_free(module: str, seen: frozenset = frozenset()) -> bool:
    for name in _imported(module):
        top = name.partition(".")[0]
        if top not in FIRST_PARTY:
            if _needs_django(top):
                return False
            continue
        # Importing a.b.c runs a, a.b and a.b.c: each must be free too.
        parts = name.split(".")
        for k in range(1, len(parts) + 1):
            prefix = ".".join(parts[:k])
            if prefix in SOURCES and prefix != module and prefix not in seen:
                if not _django_free(prefix, seen | {module}):
                    return False
    return True


DJANGO_FREE = sorted(name for name in SOURCES if _django_free(name))


def test_the_pipeline_and_the_search_analysis_are_among_the_modules_checked():
    ingest = [name for name in SOURCES if name.startswith("archive.ingest")]
    assert set(ingest) <= set(DJANGO_FREE)
    assert any(name.startswith("archive.search.") for name in DJANGO_FREE)


@pytest.mark.parametrize("name", DJANGO_FREE)
def test_the_docstring_examples_of_each_django_free_module_hold(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
