"""The one way the generator asks git: history, provenance, revisions and the build date.

git runs with a fixed environment (C locale, no pager, no optional locks, paths
unquoted, signatures not shown), so its output reads the same on every machine.
``None`` means git did not answer (not installed, or timed out); a result with a
non-zero return code means it answered no.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

_ENVIRONMENT = {"LC_ALL": "C", "GIT_PAGER": "cat", "GIT_OPTIONAL_LOCKS": "0"}
_OPTIONS = ("-c", "core.quotepath=off", "-c", "log.showSignature=false")


@dataclass(frozen=True)
class GitResult:
    """What git printed, and whether it succeeded."""

    returncode: int
    stdout: bytes
    stderr: bytes

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def text(self) -> str:
        return self.stdout.decode("utf-8", "replace").strip()

    @property
    def error(self) -> str:
        lines = self.stderr.decode("utf-8", "replace").strip().splitlines()
        return lines[-1] if lines else "git failed"


def run_git(root: Path, *args: str, data: bytes | None = None, timeout: float = 300) -> GitResult | None:
    """Run ``git -C root ARGS``; None when git cannot be run at all."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *_OPTIONS, *args],
            input=data,
            capture_output=True,
            env={**os.environ, **_ENVIRONMENT},
            check=False,
            timeout=timeout,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return GitResult(done.returncode, done.stdout, done.stderr)


def git_output(root: Path, *args: str, data: bytes | None = None, timeout: float = 300) -> bytes | None:
    """git's output when it succeeded, else None."""
    result = run_git(root, *args, data=data, timeout=timeout)
    return result.stdout if result is not None and result.ok else None


def git_text(root: Path, *args: str, timeout: float = 30) -> str | None:
    """git's output as stripped text when it succeeded, else None."""
    result = run_git(root, *args, timeout=timeout)
    return result.text if result is not None and result.ok else None
