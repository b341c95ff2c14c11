"""The code's layers run one way (README, "Architecture"), checked from the source itself.

- An app imports only the apps below it in `LAYERS`.
- No circle of imports between the project's modules.
- No project import hidden inside a function (the way circles used to be dodged); only
  `AppConfig.ready()` may import, which is where Django wires signal handlers.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# From the ground up; the same order as INSTALLED_APPS in cms/settings/base.py.
LAYERS = [
    "operations",
    "core",
    "videos",
    "home",
    "exhibits",
    "moderation",
    "discovery",
    "nominations",
    "rosters",
    "demo",
    "cms",
]


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_files():
    for app in LAYERS:
        yield from sorted((ROOT / app).rglob("*.py"))


MODULES = {module_name(path): path for path in project_files()}


def resolve(module, node):
    """The project modules one import statement of `module` names (absolute dotted names)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".")
            # A package's own __init__ counts as the package; a module's level 1 is its package.
            is_package = MODULES.get(module, Path()).name == "__init__.py"
            package = package if is_package else package[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        names = [
            f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base for alias in node.names
        ]
    return [name for name in names if name.split(".")[0] in LAYERS]


def imports():
    """(module, imported module, line, inside a function?, inside AppConfig.ready?) for every import."""
    found = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(node, in_function=False, in_ready=False, module=module, path=path):
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.Import | ast.ImportFrom):
                    for target in resolve(module, child):
                        found.append((module, target, child.lineno, in_function, in_ready))
                is_function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
                visit(
                    child,
                    in_function or is_function,
                    in_ready or (is_function and child.name == "ready" and path.name == "apps.py"),
                )

        visit(tree)
    return found


IMPORTS = imports()


def test_the_layer_list_covers_every_app():
    apps = {path.parent.name for path in ROOT.glob("*/apps.py")} | {"cms"}
    assert apps == set(LAYERS)


def test_apps_import_only_the_layers_below_them():
    upward = [
        f"{module}:{line} imports {target}"
        for module, target, line, *_ in IMPORTS
        if LAYERS.index(target.split(".")[0]) > LAYERS.index(module.split(".")[0])
    ]
    assert not upward, "\n".join(upward)


def test_no_project_import_inside_a_function():
    hidden = [
        f"{module}:{line} imports {target} inside a function"
        for module, target, line, in_function, in_ready in IMPORTS
        if in_function and not in_ready
    ]
    assert not hidden, "\n".join(hidden)


def test_no_import_circles_between_modules():
    graph = {}
    for module, target, _line, in_function, _ in IMPORTS:
        if not in_function and target != module:
            graph.setdefault(module, set()).add(target)
    cycles = strongly_connected(graph)
    assert not cycles, "\n".join(" -> ".join(sorted(cycle)) for cycle in cycles)


def strongly_connected(graph):
    """Groups of modules that import each other, directly or round a circle (Tarjan)."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
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

    for node in list(graph):
        if node not in index:
            visit(node)
    return groups


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from exhibits.models import ProfilePage", ["exhibits.models"]),
        ("from ..models import listings", ["exhibits.models.listings"]),
        ("from .. import seo", ["discovery.seo"]),
        ("import django.db", []),
    ],
)
def test_imports_are_resolved_to_project_modules(source, expected):
    module = {
        "from ..models import listings": "exhibits.models.people",
        "from .. import seo": "discovery.templatetags.discovery_tags",
    }
    node = ast.parse(source).body[0]
    assert resolve(module.get(source, "discovery.stats"), node) == expected
