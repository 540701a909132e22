"""One orchestrator: every command runs the same stages, so `brief pdf` and `brief build` make the same
PDF from the same commit, a code-only commit renders nothing again, and imports run one way."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import FIXTURES, REPO, git, make_project

from generator.pipeline import build_pdfs, build_site

MINIMAL = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
PDF = Path("briefs/geneva-talks/geneva-talks.pdf")


def committed_project(root: Path):  # type: ignore[no-untyped-def]
    project = make_project(root, {"minimal.yaml": MINIMAL})
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the brief", date="2025-04-18T09:00:00+00:00")
    return project


def test_brief_pdf_and_brief_build_make_the_same_pdf_with_the_history(tmp_path: Path) -> None:
    project = committed_project(tmp_path / "project")
    build_site(project, offline=False)
    built = (project.site_dir / PDF).read_bytes()
    results = build_pdfs(project, out_dir=tmp_path / "out")
    assert not results[0].rendered, "the same print HTML: the cached PDF of `brief build` is reused"
    assert (tmp_path / "out" / "geneva-talks.pdf").read_bytes() == built
    overview = (project.site_dir / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8")
    assert "not in a git checkout" not in overview and "18 Apr 2025" in overview


def test_a_commit_that_changes_no_brief_renders_no_pdf_again(tmp_path: Path) -> None:
    project = committed_project(tmp_path / "project")
    build_pdfs(project)
    (project.root / "NOTES.md").write_text("A note about the code.\n", encoding="utf-8")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "code only", date="2025-05-01T09:00:00+00:00")
    assert [r.rendered for r in build_pdfs(project)] == [False]
    (project.briefs_dir / "minimal.yaml").write_text(
        MINIMAL.replace("title: Talks in Geneva", "title: Negotiations in Geneva")
    )
    git(project.root, "commit", "-q", "-am", "the brief changed", date="2025-05-02T09:00:00+00:00")
    assert [r.rendered for r in build_pdfs(project)] == [True]


def _generator_imports() -> dict[str, tuple[set[str], list[str]]]:
    """Per generator module: the generator modules it imports at the top, and any it imports inside a function."""
    graph: dict[str, tuple[set[str], list[str]]] = {}
    for path in sorted((REPO / "generator").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        top: set[str] = set()
        hidden: list[str] = []
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
                names = [node.module] if node.module != "generator" else [f"generator.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.startswith("generator.")]
            for name in names:
                (top.add(name) if node in tree.body else hidden.append(f"{name} (line {node.lineno})"))
        graph[f"generator.{path.stem}"] = (top, hidden)
    return graph


def test_no_generator_module_hides_an_import_of_another() -> None:
    hidden = {module: found for module, (_, found) in _generator_imports().items() if found}
    assert hidden == {}


def test_imports_run_one_way_without_cycles() -> None:
    graph = {module: top for module, (top, _) in _generator_imports().items()}
    visiting: list[str] = []
    done: set[str] = set()

    def visit(module: str) -> None:
        assert module not in visiting, "import cycle: " + " -> ".join([*visiting[visiting.index(module) :], module])
        if module in done or module not in graph:
            return
        visiting.append(module)
        for imported in sorted(graph[module]):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
