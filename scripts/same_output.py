"""Whether the work tree builds the same site as an earlier revision, byte for byte: pages, PDFs, offline zip.

    scripts/same_output.py BASE [--project DIR]

Each side is built with its own generator code: BASE from a clone checked out at that revision, the
work tree from a clone at HEAD with the work tree's files laid over it (so both have the same git
history, which the update logs and PDF dates are read from). Both use the same build date
(BASE's commit time) and an empty PDF cache, so every PDF is rendered anew. Prints each file that
differs and exits 1 if any does; prints "identical" and exits 0 otherwise. A refactoring that moves
code (such as putting the generator in layers) must leave the output identical.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, check=True).stdout


def clone(project: Path, target: Path, revision: str) -> None:
    subprocess.run(["git", "clone", "--quiet", "--no-checkout", str(project), str(target)], check=True)
    git(target, "checkout", "--quiet", "--detach", git(project, "rev-parse", revision).strip())


def lay_work_tree_over(project: Path, target: Path) -> None:
    """Make ``target``'s files those of ``project``'s work tree (tracked and untracked, not ignored)."""
    listed = git(project, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    wanted = {name for name in listed if name and (project / name).is_file()}
    for name in git(target, "ls-files", "-z").split("\0"):
        if name and name not in wanted:
            (target / name).unlink(missing_ok=True)
    for name in wanted:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(project / name, target / name)


def build(root: Path, epoch: str, node_modules: Path) -> Path:
    """Build the site at ``root`` with ``root``'s own generator; return its site folder."""
    if node_modules.is_dir() and not (root / "node_modules").exists():
        (root / "node_modules").symlink_to(node_modules)
    env = {
        **os.environ,
        "BRIEF_ROOT": str(root),
        "SOURCE_DATE_EPOCH": epoch,
        "PYTHONPATH": str(root),
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "build"], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"the build at {root} failed:\n{result.stderr[-3000:]}")
    return root / "site"


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def differences(base: dict[str, str], work: dict[str, str]) -> list[str]:
    found = [f"only in the base: {name}" for name in sorted(base.keys() - work.keys())]
    found += [f"only in the work tree: {name}" for name in sorted(work.keys() - base.keys())]
    found += [f"differs: {name}" for name in sorted(base.keys() & work.keys()) if base[name] != work[name]]
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="the revision to compare with, e.g. main or a commit")
    parser.add_argument("--project", type=Path, default=REPO, help="the project's git checkout (default: this one)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    epoch = git(project, "log", "-1", "--format=%ct", args.base).strip()
    with tempfile.TemporaryDirectory(prefix="same-output.") as scratch:
        base_root, work_root = Path(scratch) / "base", Path(scratch) / "work"
        clone(project, base_root, args.base)
        clone(project, work_root, "HEAD")
        lay_work_tree_over(project, work_root)
        base = digests(build(base_root, epoch, project / "node_modules"))
        work = digests(build(work_root, epoch, project / "node_modules"))
    found = differences(base, work)
    print("\n".join(found) if found else f"identical: {len(work)} files (pages, PDFs, offline zip)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
