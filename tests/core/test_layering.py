"""The core never imports Qt or the ui package: checked statically and at run time."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import annotator

FORBIDDEN = ("PySide6", "shiboken6", "ui")
CORE = Path(annotator.__file__).parent


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif _is_dynamic_import(node):
            roots.add(node.args[0].value.split(".")[0])
    return roots


def _is_dynamic_import(node: ast.AST) -> bool:
    """``import_module("PySide6")`` / ``__import__("ui")`` with a literal name."""
    return (
        isinstance(node, ast.Call)
        and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("import_module", "__import__")
        and bool(node.args)
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def test_no_core_module_imports_qt_or_ui():
    offenders = {
        str(path.relative_to(CORE.parent)): sorted(imported_roots(path) & set(FORBIDDEN))
        for path in CORE.rglob("*.py")
        if imported_roots(path) & set(FORBIDDEN)
    }
    assert offenders == {}


def test_the_checker_catches_a_violation(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("def f():\n    from PySide6.QtCore import QObject\n    import ui.app\n", encoding="utf-8")
    assert imported_roots(bad) == {"PySide6", "ui"}


def test_importing_every_core_module_loads_no_qt():
    names = [m.name for m in pkgutil.walk_packages(annotator.__path__, "annotator.")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
