"""The architecture as code: the apps' layers are drawn from the imports and kept current."""

import importlib.util
from pathlib import Path

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
