"""The shape of the code: modules meet at public names only, and the package has no import cycle.

Both checks read the source (the AST), so they see imports inside functions too and need no
import of a page or the bench.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "lises_reflect"
# Project code that ships or runs against the package (tests may reach into privates).
CHECKED = [ROOT / PACKAGE, ROOT / "pages", ROOT / "bench", ROOT / "scripts", ROOT / "app.py"]
PROJECT_ROOTS = {PACKAGE, "pages", "bench", "tests", "app"}


def _sources() -> Iterator[Path]:
    for place in CHECKED:
        if place.is_file():
            yield place
        else:
            yield from sorted(p for p in place.rglob("*.py") if "node_modules" not in p.parts)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _is_module(name: str) -> bool:
    """Whether `name` is a project module or package (a file or folder under ROOT)."""
    base = ROOT.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or base.is_dir()


def _absolute(node: ast.ImportFrom, path: Path) -> str:
    """The module an ImportFrom names, relative imports resolved."""
    if not node.level:
        return node.module or ""
    here = _module_name(path).split(".")
    if not _is_package(path):
        here.pop()
    if node.level > 1:
        here = here[: len(here) - (node.level - 1)]
    return ".".join(here + ([node.module] if node.module else []))


def _is_project(name: str) -> bool:
    return name.split(".")[0] in PROJECT_ROOTS


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _type_checking_only(tree: ast.AST) -> set[ast.AST]:
    """Imports under `if TYPE_CHECKING:`, which never run."""
    skipped: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.id if isinstance(test, ast.Name) else getattr(test, "attr", None)
            if name == "TYPE_CHECKING":
                for inner in node.body:
                    skipped.update(ast.walk(inner))
    return skipped


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def private_uses(path: Path, source: str | None = None) -> list[str]:
    """Every use in `path` of another project module's private name, as "file:line: text"."""
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    own = _module_name(path)
    where = path.relative_to(ROOT)
    found: list[str] = []
    # Local names bound to project modules, by any import anywhere in the file.
    modules: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not _is_project(alias.name):
                    continue
                if alias.asname:
                    modules[alias.asname] = alias.name
                else:
                    top = alias.name.split(".")[0]
                    modules[top] = top
                for part in alias.name.split("."):
                    if _private(part):
                        found.append(f"{where}:{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(node, path)
            if not _is_project(source) or source == own:
                continue
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{where}:{node.lineno}: from {source} import {alias.name}")
                elif _is_module(f"{source}.{alias.name}"):
                    modules[alias.asname or alias.name] = f"{source}.{alias.name}"
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not _private(node.attr):
            continue
        base = _dotted(node.value)
        if base is None:
            continue
        head, _, rest = base.partition(".")
        if head not in modules:
            continue
        target = modules[head] + (f".{rest}" if rest else "")
        if _is_module(target) and target != own:
            found.append(f"{where}:{node.lineno}: {base}.{node.attr}")
    return found


def test_no_module_uses_another_modules_private_names() -> None:
    found = [use for path in _sources() for use in private_uses(path)]
    assert not found, "private names used across modules:\n" + "\n".join(found)


def test_private_uses_are_found() -> None:
    source = """
import lises_reflect.charts
from lises_reflect import audit, insights as i
from lises_reflect.sessions import _as_bringer, catalogue
from .db import _engines
from lises_reflect.catalogue import __all__
from lises_reflect.catalogue import catalogue as c

def run(p):
    i._facts(1)
    lises_reflect.charts._browser_json.cache_clear()
    audit.MATERIAL_ACTIONS, audit.__name__, c._private, p._p, _own()
    from lises_reflect import flip
    return flip._in_scope
"""
    found = private_uses(ROOT / PACKAGE / "demo.py", source)
    assert sorted(use.split(": ", 1)[1] for use in found) == [
        "flip._in_scope",
        "from lises_reflect.db import _engines",
        "from lises_reflect.sessions import _as_bringer",
        "i._facts",
        "lises_reflect.charts._browser_json",
    ]


def imported_modules(path: Path, source: str | None = None) -> set[str]:
    """The package modules `path` imports at run time (at module level or in a function; not
    under `if TYPE_CHECKING:`). `from package import name` counts as an import of the submodule
    when `name` is one, else of the package itself."""
    own = _module_name(path)
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    skipped = _type_checking_only(tree)
    found: set[str] = set()
    for node in ast.walk(tree):
        if node in skipped:
            continue
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            source_module = _absolute(node, path)
            for alias in node.names:
                sub = f"{source_module}.{alias.name}"
                targets.append(sub if _is_module(sub) else source_module)
        found.update(t for t in targets if t.split(".")[0] == PACKAGE and t != own)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the package modules it imports at run time."""
    return {
        _module_name(path): imported_modules(path)
        for path in sorted((ROOT / PACKAGE).rglob("*.py"))
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _a_cycle(graph: dict[str, set[str]], component: list[str]) -> list[str]:
    """One closed path through `component`, for the failure message."""
    members = set(component)
    start = component[0]
    path, seen = [start], {start}
    while True:
        nxt = sorted(w for w in graph[path[-1]] if w in members)
        back = [w for w in nxt if w in seen]
        if back:
            return [*path[path.index(back[0]) :], back[0]]
        path.append(nxt[0])
        seen.add(nxt[0])


def test_the_import_graph_reads_every_run_time_import() -> None:
    source = """
from typing import TYPE_CHECKING
from lises_reflect import audit, errors as e
from lises_reflect.catalogue import Catalogue
from .db import session_scope
import lises_reflect.periods
if TYPE_CHECKING:
    from lises_reflect import export

def later():
    from lises_reflect.tagging import turns_of
"""
    found = imported_modules(ROOT / PACKAGE / "sessions.py", source)
    assert found == {
        "lises_reflect.audit",
        "lises_reflect.errors",
        "lises_reflect.catalogue",
        "lises_reflect.db",
        "lises_reflect.periods",
        "lises_reflect.tagging",
    }


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph()
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(
        " -> ".join(_a_cycle(graph, component)) for component in found
    )


def test_cycles_are_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert _a_cycle(graph, ["a", "b", "c"]) == ["a", "b", "c", "a"]
    assert cycles({"a": {"b"}, "b": set()}) == []
