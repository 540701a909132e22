"""The generator's layers: each imports only the layers below it, MkDocs is imported only by the site
layer, no module hides an import inside a function, and no imports go round in a cycle.

The command line imports each command's module only when it runs (:data:`generator.cli.COMMANDS`); those
modules count as its imports here, so they obey the same rules."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import REPO

from generator.cli import COMMANDS

LAYERS = {
    "generator.system": 0,  # the machine: git, worker processes, the progress line, environment variables
    "generator.model": 1,  # the brief: its types, loading, checking, the project's files
    "generator.pages": 2,  # briefs to Markdown pages, pure
    "generator.publish": 3,  # PDF, print HTML, feed, search index
    "generator.review": 3,  # diff, revisions, the support corpus
    "generator.authoring": 3,  # new briefs, adding sources, the entry form's edits
    "generator.site": 4,  # MkDocs: running it, its events, the preview server, the offline copy
    "generator.pipeline": 5,  # the order of the stages
    "generator.commands": 6,  # one module per command: where errors become text and exit codes
    "generator.cli": 7,  # the arguments, and which command module runs
    "generator.mkdocs_hook": 6,
}
"""Rank of each layer: a module may import its own layer and layers of a lower rank, nothing else
(layers of one rank are independent of each other)."""


@dataclass
class Module:
    name: str
    top: set[str] = field(default_factory=set)
    """Generator modules imported at the top of the file (and, for the command line, its commands)."""
    hidden: list[str] = field(default_factory=list)
    """Generator modules imported inside a function: none may be."""
    mkdocs: list[int] = field(default_factory=list)
    """Lines that import MkDocs."""


def read_modules(root: Path = REPO / "generator", commands: tuple[str, ...] = COMMANDS) -> dict[str, Module]:
    """Every module under ``root`` (a ``generator`` folder) with what it imports."""

    def is_module(name: str) -> bool:
        return root.parent.joinpath(*name.split(".")).with_suffix(".py").is_file()

    modules: dict[str, Module] = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root.parent).with_suffix("").parts
        module = Module(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module.split(".")[0] == "generator":
                    # "from generator.site import parallel_pages" imports the module generator.site.parallel_pages
                    names = [
                        f"{node.module}.{a.name}" if is_module(f"{node.module}.{a.name}") else node.module
                        for a in node.names
                    ]
                elif node.module.split(".")[0] == "mkdocs":
                    module.mkdocs.append(node.lineno)
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.split(".")[0] == "generator"]
                if any(a.name.split(".")[0] == "mkdocs" for a in node.names):
                    module.mkdocs.append(node.lineno)
            for name in names:
                (module.top.add(name) if node in tree.body else module.hidden.append(f"{name} (line {node.lineno})"))
        modules[module.name] = module
    if "generator.cli" in modules:
        modules["generator.cli"].top |= {f"generator.commands.{name}" for name in commands}
    return modules


def layer_of(module: str) -> str:
    """The layer a module belongs to: the longest entry of LAYERS it is, or is inside."""
    found = [layer for layer in LAYERS if module == layer or module.startswith(layer + ".")]
    if not found:
        raise KeyError(f"{module} is in no layer: put it in one of {sorted(LAYERS)} (or add its layer to LAYERS)")
    return max(found, key=len)


def upward_imports(modules: dict[str, Module]) -> list[str]:
    """Each import of a layer that is not below the importer's layer (nor the importer's own)."""
    found = []
    for module in modules.values():
        if module.name == "generator":
            continue
        mine = layer_of(module.name)
        for imported in sorted(module.top):
            theirs = layer_of(imported)
            if theirs != mine and LAYERS[theirs] >= LAYERS[mine]:
                found.append(f"{module.name} ({mine}) imports {imported} ({theirs})")
    return found


def mkdocs_outside_site(modules: dict[str, Module]) -> list[str]:
    return [
        f"{m.name} imports mkdocs (line {', '.join(map(str, m.mkdocs))})"
        for m in modules.values()
        if m.mkdocs and layer_of(m.name) != "generator.site"
    ]


def cycles(modules: dict[str, Module]) -> list[str]:
    found: list[str] = []
    visiting: list[str] = []
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in visiting:
            found.append(" -> ".join([*visiting[visiting.index(name) :], name]))
            return
        if name in done or name not in modules:
            return
        visiting.append(name)
        for imported in sorted(modules[name].top):
            visit(imported)
        visiting.pop()
        done.add(name)

    for name in sorted(modules):
        visit(name)
    return found


MODULES = read_modules()


def test_every_module_is_in_a_layer() -> None:
    for name in MODULES:
        if name != "generator":
            layer_of(name)


def test_each_layer_imports_only_the_layers_below_it() -> None:
    assert upward_imports(MODULES) == []


def test_only_the_site_layer_imports_mkdocs() -> None:
    assert mkdocs_outside_site(MODULES) == []
    assert any(m.mkdocs for m in MODULES.values()), "the site layer does import MkDocs: the test reads imports"


def test_no_generator_module_hides_an_import_of_another() -> None:
    assert {m.name: m.hidden for m in MODULES.values() if m.hidden} == {}


def test_imports_run_one_way_without_cycles() -> None:
    assert cycles(MODULES) == []


def test_every_command_has_its_module() -> None:
    for name in COMMANDS:
        assert (REPO / "generator" / "commands" / f"{name}.py").is_file(), name


# The checks themselves, on small made-up trees: each finds what it is for.


def _tree(tmp_path: Path, files: dict[str, str]) -> dict[str, Module]:
    root = tmp_path / "generator"
    for name, text in {**files, "__init__.py": ""}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return read_modules(root, ())


def test_the_checks_find_an_upward_import_mkdocs_outside_the_site_and_a_cycle(tmp_path: Path) -> None:
    modules = _tree(
        tmp_path,
        {
            "model/brief.py": "from generator.pages.page import Page\n",
            "pages/page.py": "from generator.model.brief import Brief\nfrom mkdocs.config import load_config\n",
            "site/hooks.py": "from mkdocs.plugins import BasePlugin\n",
        },
    )
    assert upward_imports(modules) == [
        "generator.model.brief (generator.model) imports generator.pages.page (generator.pages)"
    ]
    assert mkdocs_outside_site(modules) == ["generator.pages.page imports mkdocs (line 2)"]
    assert cycles(modules) == ["generator.model.brief -> generator.pages.page -> generator.model.brief"]


def test_layers_of_one_rank_may_not_import_each_other(tmp_path: Path) -> None:
    modules = _tree(tmp_path, {"review/diff.py": "from generator.publish.pdf import select\n", "publish/pdf.py": ""})
    assert upward_imports(modules) == [
        "generator.review.diff (generator.review) imports generator.publish.pdf (generator.publish)"
    ]


def test_a_module_outside_every_layer_is_named(tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="generator.helpers.misc is in no layer"):
        layer_of("generator.helpers.misc")
