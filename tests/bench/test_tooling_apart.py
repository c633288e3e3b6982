"""The bench's layout programs and model fitting stay out of what the site runs."""

import ast
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parents[2] / "archive"


def _imports(path):
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def test_no_module_of_the_site_imports_the_bench():
    found = [
        f"{path.relative_to(ARCHIVE.parent)}: {name}"
        for path in ARCHIVE.rglob("*.py")
        for name in _imports(path)
        if name.split(".")[0] == "bench"
    ]
    assert found == []
