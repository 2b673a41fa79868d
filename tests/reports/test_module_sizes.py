"""The report code stays in small pieces: no module over 400 lines, no function over 60, unless
a comment at the function's top says why it must be one piece ("# One piece: …")."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.PACKAGE_DIR)
MODULES = sorted(
    path
    for path in [*(ROOT / "reports").rglob("*.py"), ROOT / "forwarding" / "statistics.py"]
    if "migrations" not in path.parts
)
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _long_functions(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    long = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        top = lines[node.body[0].lineno - 2 : node.body[0].lineno + 1]
        if length > MAX_FUNCTION_LINES and not any("# One piece:" in line for line in top):
            long.append(f"{node.name} ({length} lines)")
    return long


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_modules_and_functions_are_small(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES
    assert _long_functions(path) == []
