"""A project's scratch copy carries everything a site build needs, and no briefs."""

from pathlib import Path

from conftest import REPO

from generator.model.project import Project


def test_scratch_copy_has_the_site_setup_but_no_briefs(tmp_path: Path) -> None:
    original = Project(REPO).scratch_copy(tmp_path / "original")  # a project with generated pages, outside the checkout
    (original.generated_dir).mkdir()
    (original.generated_dir / "index.md").write_text("generated", encoding="utf-8")
    copy = original.scratch_copy(tmp_path / "copy")  # generated pages must not be copied along
    for name in ("mkdocs.yml", "mkdocs.offline.yml", "docs/index.md", "overrides/main.html"):
        assert (copy.root / name).is_file(), name
    assert not (copy.root / "docs" / "briefs").exists()
    assert (copy.root / "generator").resolve() == REPO / "generator"
    assert copy.brief_files() == []
