"""A project's scratch copy carries everything a site build needs, and no briefs."""

from pathlib import Path

from conftest import REPO

from generator.project import Project


def test_scratch_copy_has_the_site_setup_but_no_briefs(tmp_path: Path) -> None:
    (REPO / "docs" / "briefs").mkdir(exist_ok=True)  # generated pages must not be copied along
    copy = Project(REPO).scratch_copy(tmp_path / "copy")
    for name in ("mkdocs.yml", "mkdocs.offline.yml", "docs/index.md", "overrides/main.html"):
        assert (copy.root / name).is_file(), name
    assert not (copy.root / "docs" / "briefs").exists()
    assert (copy.root / "generator").resolve() == REPO / "generator"
    assert copy.brief_files() == []
