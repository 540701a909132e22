"""Where a project's parts live on disk: briefs, the source archive, generated docs, site."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.model.errors import BriefError
from generator.model.validate import CheckedBrief, check_files
from generator.system.content_cache import ContentCache


@dataclass(frozen=True)
class Project:
    """A checkout: ``mkdocs.yml`` beside ``briefs/`` and ``docs/``."""

    root: Path

    @classmethod
    def current(cls) -> Project:
        """The project in ``$BRIEF_ROOT``, else the nearest folder upwards holding mkdocs.yml."""
        if os.environ.get("BRIEF_ROOT"):
            return cls(Path(os.environ["BRIEF_ROOT"]).resolve())
        here = Path.cwd().resolve()
        for folder in (here, *here.parents):
            if (folder / "mkdocs.yml").is_file() and (folder / "briefs").is_dir():
                return cls(folder)
        return cls(Path(__file__).resolve().parents[2])

    @property
    def briefs_dir(self) -> Path:
        return self.root / "briefs"

    @property
    def generated_dir(self) -> Path:
        """Where the generated Markdown goes: git-ignored, inside docs/."""
        return self.root / "docs" / "briefs"

    @property
    def cache_dir(self) -> Path:
        """Where builds keep work for the next build (checked briefs, rendered pages, converted HTML), by the
        digest of what it was made from: git-ignored, and safe to delete at any time."""
        return self.root / "build" / "cache"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    def scratch_copy(self, root: Path) -> Project:
        """A new project at ``root`` with this one's site setup and generator but no briefs.

        Tests and the benchmark build real sites there; keeping the list of what a
        site needs in one place means a new part of the setup reaches both.
        """
        root.mkdir(parents=True, exist_ok=True)
        for name in ("mkdocs.yml", "mkdocs.offline.yml"):
            shutil.copy(self.root / name, root / name)
        shutil.copytree(self.root / "docs", root / "docs", ignore=shutil.ignore_patterns("briefs"))
        shutil.copytree(self.root / "overrides", root / "overrides")
        (root / "generator").symlink_to(self.root / "generator")
        if (self.root / "node_modules").is_dir():
            (root / "node_modules").symlink_to(self.root / "node_modules")
        return Project(root)

    def brief_files(self) -> list[Path]:
        """Every brief file: ``*.yaml`` and ``*.yml`` directly in briefs/."""
        return sorted([*self.briefs_dir.glob("*.yaml"), *self.briefs_dir.glob("*.yml")])

    def check(
        self,
        paths: list[Path] | None = None,
        on_checked: Callable[[str], None] | None = None,
        cache: ContentCache | None = None,
    ) -> tuple[list[CheckedBrief], list[BriefError]]:
        """Validate brief files (default: all of them), naming files relative to the root; with a ``cache``,
        briefs unchanged since the last build that checked them are not checked again."""
        return check_files(self.brief_files() if paths is None else paths, self.root, on_checked, cache)
