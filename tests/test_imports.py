"""The import graph of the package's own modules has no cycle (issue 12)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("beancount_plugins.clienthealth", "fava_clienthealth")


def _modules() -> dict[str, Path]:
    """Dotted name -> file of every module of the two packages (a package is its __init__)."""
    modules: dict[str, Path] = {}
    for package in PACKAGES:
        folder = ROOT.joinpath(*package.split("."))
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _imported(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package's own modules that `module` imports anywhere: top level, in functions,
    under `if TYPE_CHECKING`. `from package import name` is the submodule `name` if
    there is one, else the package itself; importing a submodule is not counted as
    importing its parent package, which Python runs first whatever imports it.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                name = f"{base}.{alias.name}"
                if name in known:
                    found.add(name)
                elif base in known:
                    found.add(base)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's own modules it imports."""
    known = _modules()
    return {module: _imported(module, path, known) for module, path in known.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as [a, b, ..., a], or None (depth-first search, in name order)."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for target in sorted(graph[node]):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done:
                cycle = visit(target)
                if cycle is not None:
                    return cycle
        path.pop()
        on_path.discard(node)
        done.add(node)
        return None

    for node in sorted(graph):
        if node not in done:
            cycle = visit(node)
            if cycle is not None:
                return cycle
    return None


def test_the_graph_sees_every_module_and_its_imports() -> None:
    graph = import_graph()
    assert "beancount_plugins.clienthealth.engine" in graph
    assert "fava_clienthealth" in graph
    assert (
        "beancount_plugins.clienthealth.settlement"
        in graph["beancount_plugins.clienthealth.engine"]
    )
    # `from fava_clienthealth import svg` is the module svg, not the package.
    assert "fava_clienthealth.svg" in graph["fava_clienthealth.worth_chart"]


def test_the_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_records_import_no_engine_module() -> None:
    graph = import_graph()
    records = "beancount_plugins.clienthealth.records"
    assert records in graph
    # A leaf only: the model, for the error record.
    allowed = {"beancount_plugins.clienthealth.model"}
    assert graph[records] <= allowed, sorted(graph[records] - allowed)


#: The modules that apply money, disputes, reminders and hours, in ledger order.
SETTLING = ("settlement", "money", "disputes", "timekeeping", "receivables", "salestax")
#: What attribution decides once: settlement takes its answers, never asks again.
DECIDING = ("attribution", "naming", "pending")


def _names_from(path: Path, module: str) -> set[str]:
    """The names a file imports `from module import ...`."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == module
        for alias in node.names
    }


def test_settlement_never_calls_back_into_attribution_or_metadata_reading() -> None:
    graph = import_graph()
    package = "beancount_plugins.clienthealth"
    for name in SETTLING:
        module = f"{package}.{name}"
        asked = graph[module] & {f"{package}.{other}" for other in DECIDING}
        assert not asked, f"{name} imports {sorted(asked)}"
        # From the metadata readers it may take message texts, not a reader.
        readers = {
            imported
            for imported in _names_from(_modules()[module], f"{package}.metadata")
            if not imported.endswith("names_no_invoice")
        }
        assert not readers, f"{name} reads metadata with {sorted(readers)}"
        tree = ast.parse(_modules()[module].read_text(encoding="utf-8"))
        metas = [
            n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "meta"
        ]
        assert not metas, f"{name} reads .meta on lines {metas}"
