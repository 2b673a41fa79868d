"""The architecture as code: the apps' layers are drawn from the imports and kept current, and
the code stays in small pieces."""

import ast
import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location("import_graph", ROOT / "scripts/import_graph.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_app_imports_one_above_it():
    graph = _script()
    assert graph.upward_edges(graph.app_edges(), graph.layers()) == []


def test_the_import_graph_in_the_docs_is_drawn_from_the_code():
    graph = _script()
    text = graph.DOC.read_text(encoding="utf-8")
    drawn = text[text.index(graph.BEGIN) + len(graph.BEGIN) : text.index(graph.END)]
    assert drawn.strip() == graph.mermaid(graph.app_edges(), graph.layers()).strip(), (
        "docs/architecture.md's import graph is out of date: run scripts/import_graph.py"
    )


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
PACKAGE = ROOT / "borgerraadgiver"
MODULES = sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


def _one_piece(lines: list[str], first: int) -> bool:
    """A '# One piece: why' comment in the three lines from `first` (0-based) lets a module or
    function pass the limit: the reason is written where the reader meets it."""
    return any("# One piece:" in line for line in lines[max(first, 0) : first + 3])


def _too_long(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    if len(lines) > MAX_MODULE_LINES and not _one_piece(lines, 0):
        found.append(f"the module ({len(lines)} lines)")
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length > MAX_FUNCTION_LINES and not _one_piece(lines, node.body[0].lineno - 2):
            found.append(f"{node.name} ({length} lines)")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_modules_and_functions_are_small(path):
    """No module over 400 lines and no function over 60 in borgerraadgiver/ (issue 17)."""
    assert _too_long(path) == []
