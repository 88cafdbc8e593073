"""No import cycles inside a service package or the kit: a cycle means two modules know each other
and neither can be read, tested or moved alone. Imports inside functions count too (hiding an
import in a function is how a cycle survives at run time).
What needs two domains goes in a module above both (groups_service/flows.py); what every handler
needs goes below them (tg_bot_service/context.py)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGES = sorted(
    [path for path in REPO.glob("*-service/*_service") if (path / "__init__.py").exists()]
    + [REPO / "studio-kit" / "studio_kit"]
)


def module_name(package: Path, path: Path) -> str:
    parts = [package.name, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(package: Path, path: Path, modules: set[str]) -> set[str]:
    """Every module of the same package that the file imports, at any depth of the file."""
    here = module_name(package, path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names = [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            # `from . import service` names a module; `from .models import Lesson` names a symbol.
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != here and not here.startswith(f"{name}."):
                found.add(name)
    return found


def import_graph(package: Path) -> dict[str, set[str]]:
    files = {module_name(package, path): path for path in package.rglob("*.py")}
    modules = set(files)
    return {name: imported_modules(package, path, modules) for name, path in files.items()}


def strongly_connected(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Tarjan's algorithm: the components with more than one module are the cycles."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[frozenset[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(frozenset(component))

    for node in graph:
        if node not in index:
            visit(node)
    return components


@pytest.mark.parametrize("package", PACKAGES, ids=lambda path: path.name)
def test_no_import_cycles(package: Path) -> None:
    graph = import_graph(package)
    cycles = [sorted(cycle) for cycle in strongly_connected(graph)]
    assert not cycles, f"import cycles in {package.name}: {cycles}"


def test_the_detector_finds_a_cycle() -> None:
    """The detector itself: a two-module cycle and a self-contained chain."""
    assert strongly_connected({"a": {"b"}, "b": {"a"}, "c": {"a"}}) == [frozenset({"a", "b"})]
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": set()}) == []
