"""The layers of ``cms/`` (docs/architecture.md), checked the way ``make lint`` checks them.

Each test copies the source tree, breaks one rule in the copy, and runs import-linter on it:
the contracts in ``pyproject.toml`` must catch every kind of break, not just pass on a clean tree.
"""

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("cms", "tests", "examples")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def tree(tmp_path):
    """A copy of the Python packages and the contracts."""
    for package in PACKAGES:
        shutil.copytree(
            ROOT / package,
            tmp_path / package,
            ignore=shutil.ignore_patterns("__pycache__", "node_modules", "*.json", "*.html"),
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def add_import(tree: Path, module: str, statement: str) -> None:
    path = tree / (module.replace(".", "/") + ".py")
    if not path.exists():
        path = tree / module.replace(".", "/") / "__init__.py"
    path.write_text(path.read_text() + f"\n{statement}  # noqa\n")


def test_the_tree_keeps_its_contracts(tree):
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "statement", "names"),
    [
        ("cms.blocks.fields", "import cms.pages.models", ["cms.blocks", "cms.pages"]),
        ("cms.pages.jsonld", "from cms.api import cache", ["cms.pages", "cms.api"]),
        ("cms.intake.forms", "import cms.cloning.placeholders", ["cms.intake", "cms.cloning"]),
        ("cms.webhooks.models", "import cms.api.cache", ["cms.webhooks", "cms.api"]),
        ("cms.api.views", "import cms.demo.loader", ["cms.api", "cms.demo"]),
        ("tests.pages.test_models", "import cms.demo.loader", ["tests.pages", "cms.demo"]),
        ("examples.testimonials.blocks", "import cms.demo.fbss", ["examples", "cms.demo"]),
    ],
)
def test_an_import_against_the_layers_fails(tree, module, statement, names):
    add_import(tree, module, statement)
    result = lint_imports(tree)
    assert result.returncode != 0, result.stdout
    assert "BROKEN" in result.stdout
    for name in names:
        assert name in result.stdout


def test_a_type_checking_import_is_allowed(tree):
    add_import(
        tree,
        "cms.blocks.fields",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import cms.pages.models",
    )
    assert lint_imports(tree).returncode == 0


def test_a_new_app_must_be_placed_in_the_layers(tree):
    app = tree / "cms" / "newsletter"
    app.mkdir()
    (app / "__init__.py").write_text("")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "cms.newsletter" in result.stdout


def imports_of(package: Path) -> set[str]:
    """Top-level ``cms.<app>`` packages imported by the modules of ``package``, type-checking
    imports aside."""
    found = set()
    for path in package.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text())
        skipped = {
            id(child)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for child in ast.walk(node)
        }
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found.update(".".join(n.split(".")[:2]) for n in names if n.startswith("cms."))
    return found - {f"cms.{package.name}"}


def test_no_cycle_between_the_apps():
    apps = [p for p in (ROOT / "cms").iterdir() if (p / "__init__.py").exists()]
    graph = {f"cms.{app.name}": imports_of(app) for app in apps if app.name != "settings"}
    visiting, done = [], set()

    def visit(node):
        if node in visiting:
            pytest.fail("import cycle: " + " -> ".join([*visiting[visiting.index(node) :], node]))
        if node in done:
            return
        visiting.append(node)
        for target in sorted(graph.get(node, ())):
            visit(target)
        visiting.pop()
        done.add(node)

    for node in graph:
        visit(node)


def test_no_product_module_passes_400_lines():
    modules = [
        path
        for package in ("cms", "examples")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    ]
    long = {
        str(p.relative_to(ROOT)): n for p in modules if (n := len(p.read_text().splitlines())) > 400
    }
    assert not long
