"""The apps are layered and no import goes round in a circle.

From the bottom, each layer may import only the layers below it:

    sightline    the package root: its version and `plugins.py`, which finds what each app
                 contributes (child actions, chronology entries, timescale rules, visibility,
                 navigation) and the shapes they contribute
    reference    code lists and the data files they come from
    people       the child, adults, teams, workers, allocations: models, identifiers, validation
    access       who may see and do what: scope, policy, the audit trail
    timescales   the working-day calendar and the engine that makes due dates
    web          layout, GOV.UK components, shared templates and form pieces
    domain apps  frontdoor, early_help, assessments, cin, protection, care, leaving_care, lado,
                 family (the child's details and network), casenotes (case recording)
    gatherers    child_record (the child's record, chronology, search, My work), workforce,
                 administration (the audit trail)
    performance  indicators and dashboards
    returns      CIN census, SSDA903, Annex A
    synth        the synthetic county
    cli          the command line

The engine (everything below the domain apps) imports no domain app: a domain app plugs its
rules, entries and actions in through `sightline.plugins`, found when Django starts. Domain apps
may read one another only along the child's journey (protection reads cin's referral), never
both ways. Nothing, at app or module level, imports itself round a cycle.

An import inside a function counts: a lazy import is still a dependency, and the cycles it
hides are the ones that break a refactor. Imports under `if TYPE_CHECKING:` do not count; they
never run. Migrations and tests are left out: tests may import whatever they check.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]  # src/sightline
SOURCE = PACKAGE.parent

LAYERS: list[tuple[str, set[str]]] = [
    ("package root", {"sightline"}),
    ("reference", {"reference"}),
    ("people", {"people"}),
    ("access", {"access"}),
    ("timescales", {"timescales"}),
    ("web", {"web"}),
    (
        "domain apps",
        {
            "frontdoor",
            "early_help",
            "assessments",
            "cin",
            "protection",
            "care",
            "leaving_care",
            "lado",
            "family",
            "casenotes",
        },
    ),
    ("gatherers", {"child_record", "workforce", "administration"}),
    ("performance", {"performance"}),
    ("returns", {"returns"}),
    ("synth", {"synth"}),
    ("cli", {"cli"}),
]
ENGINE = {app for _, apps in LAYERS[:6] for app in apps}
DOMAIN = LAYERS[6][1]
LAYER_OF = {app: n for n, (_, apps) in enumerate(LAYERS) for app in apps}
# Modules at the top of the package that belong to the command line.
CLI_MODULES = {"cli", "__main__"}
# Test support (factories, sample files) is test code: it may build records of every app.
NOT_SHIPPED = {"testing"}


def app_of(module: str) -> str:
    """`sightline.people.models` -> `people`; the package's own `__init__` and `plugins`
    -> `sightline`; `cli` and `__main__` -> `cli`."""
    parts = module.split(".")
    if len(parts) == 1:
        return "sightline"
    if parts[1] in CLI_MODULES:
        return "cli"
    if len(parts) == 2 and parts[1] == "plugins":
        return "sightline"
    return parts[1]


def is_checked(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return not (
        "migrations" in parts
        or "tests" in parts
        or parts[0] in NOT_SHIPPED
        or path.name.startswith("test_")
        or path.name == "conftest.py"
    )


def module_name(path: Path, source: Path) -> str:
    parts = list(path.relative_to(source).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(n) for n in ast.walk(node))
    return skipped


def imports(path: Path, module: str, known: set[str]) -> dict[str, int]:
    """{module imported: line} for every import of a known module anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    skipped = _type_checking_nodes(tree)
    found: dict[str, int] = {}

    def resolve(name: str) -> str | None:
        while name and name not in known:
            name = name.rpartition(".")[0]
        return name or None

    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                base_name = ".".join(base + ([node.module] if node.module else []))
            else:
                base_name = node.module or ""
            # `from pkg import sub` imports the submodule where there is one, else pkg.
            names = [
                f"{base_name}.{a.name}" for a in node.names if f"{base_name}.{a.name}" in known
            ]
            if len(names) < len(node.names):
                names.append(base_name)
        else:
            continue
        for name in names:
            target = resolve(name) if name.split(".")[0] == "sightline" else None
            if target and target != module:
                found.setdefault(target, node.lineno)
    return found


def import_graph(source: Path = SOURCE) -> tuple[dict[str, dict[str, int]], dict[str, Path]]:
    package = source / "sightline"
    paths = {
        module_name(p, source): p for p in sorted(package.rglob("*.py")) if is_checked(p, package)
    }
    known = set(paths)
    return {m: imports(p, m, known) for m, p in paths.items()}, paths


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of nodes that import one another round a circle (strongly connected
    components of more than one node), as one shortest circle through the group: break that
    circle and run again to see the next."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graphs here are a few hundred nodes
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_shortest_circle(graph, group) for group in groups]


def _shortest_circle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    best: list[str] = []
    for start in sorted(group):
        paths = {start: [start]}
        queue = [start]
        while queue:
            node = queue.pop(0)
            for nxt in sorted(graph.get(node, ())):
                if nxt == start and (not best or len(paths[node]) < len(best)):
                    best = paths[node]
                elif nxt in group and nxt not in paths:
                    paths[nxt] = paths[node] + [nxt]
                    queue.append(nxt)
    return best


def describe(circle: list[str], edges: dict[str, dict[str, int]] | None = None) -> str:
    steps = []
    for a, b in zip(circle, circle[1:] + circle[:1], strict=True):
        line = f" (line {edges[a][b]})" if edges and b in edges.get(a, {}) else ""
        steps.append(f"{a}{line} -> {b}")
    return "; ".join(steps)


def app_graph(edges: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    """{app: {app it imports: the first module import that makes it so}}."""
    apps: dict[str, dict[str, str]] = defaultdict(dict)
    for module, targets in sorted(edges.items()):
        for target, line in sorted(targets.items()):
            a, b = app_of(module), app_of(target)
            if a != b:
                apps[a].setdefault(b, f"{module} line {line} imports {target}")
    return apps


# Imports that go up the layers without closing a circle, each kept for now with its reason.
KNOWN_UPWARD = {
    # TODO(bench): the benchmark times the returns' exports as well as the indicators, so it
    # belongs beside the `sightline bench` command in the cli layer, not in performance.
    ("sightline.performance.bench", "returns"),
}


@pytest.fixture(scope="module")
def graph():
    return import_graph()


def test_the_checker_sees_imports_inside_functions_and_skips_type_checking(tmp_path):
    package = tmp_path / "sightline"
    for app in ("engine", "domain"):
        (package / app).mkdir(parents=True)
        (package / app / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "engine" / "a.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from sightline.domain import c\n"
        "def f():\n    from sightline.domain.b import thing\n"
    )
    (package / "domain" / "b.py").write_text("from ..engine import a\n")
    (package / "domain" / "c.py").write_text("")
    edges, _ = import_graph(tmp_path)
    assert edges["sightline.engine.a"] == {"sightline.domain.b": 5}
    assert edges["sightline.domain.b"] == {"sightline.engine.a": 1}
    found = cycles({m: set(t) for m, t in edges.items()})
    assert found == [["sightline.domain.b", "sightline.engine.a"]]


def test_every_app_has_a_layer(graph):
    edges, _ = graph
    unplaced = {app_of(m) for m in edges} - set(LAYER_OF)
    assert not unplaced, f"Place these apps in a layer in LAYERS: {sorted(unplaced)}"


def test_no_module_imports_itself_round_a_cycle(graph):
    edges, _ = graph
    found = cycles({m: set(t) for m, t in edges.items()})
    assert not found, "Import cycles between modules:\n" + "\n".join(
        describe(c, edges) for c in found
    )


def test_no_app_imports_itself_round_a_cycle(graph):
    edges, _ = graph
    apps = app_graph(edges)
    found = cycles({a: set(t) for a, t in apps.items()})
    assert not found, "Import cycles between apps:\n" + "\n".join(
        describe(c)
        + "\n  "
        + "\n  ".join(apps[a][b] for a, b in zip(c, c[1:] + c[:1], strict=True))
        for c in found
    )


def test_the_engine_imports_no_domain_app_or_anything_above_it(graph):
    edges, _ = graph
    wrong = [
        how
        for app, targets in app_graph(edges).items()
        if app in ENGINE
        for target, how in targets.items()
        if LAYER_OF.get(target, len(LAYERS)) >= LAYER_OF["frontdoor"]
    ]
    assert not wrong, "The engine imports a domain app or a layer above:\n" + "\n".join(wrong)


def test_each_layer_imports_only_the_layers_below_it(graph):
    edges, _ = graph
    wrong = [
        f"{module} line {line} imports {target}"
        for module, targets in sorted(edges.items())
        for target, line in sorted(targets.items())
        if app_of(module) in LAYER_OF
        and LAYER_OF.get(app_of(target), len(LAYERS)) > LAYER_OF[app_of(module)]
        and (module, app_of(target)) not in KNOWN_UPWARD
    ]
    assert not wrong, "An import goes up the layers:\n" + "\n".join(wrong)
