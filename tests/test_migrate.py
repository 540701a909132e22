"""Format versions: an old brief is told to migrate, and `brief migrate` upgrades it keeping all else."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from brief_variants import BASE, errors_of, variant
from conftest import REPO, run_brief

from generator.model.archive import Archive
from generator.model.load import load_bytes
from generator.model.migrate import migrate_text
from generator.model.validate import check_citations, check_references, validate_schema

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PARIS_V1 = FIXTURES / "paris-format-1.yaml"
"""The Paris brief as it stood before formats were numbered (format 1), frozen."""
FILE = "briefs/paris-talks-2025.yaml"


@pytest.fixture(scope="module")
def paris_archive() -> Archive:
    return Archive(REPO / "briefs" / "sources")


def test_an_old_brief_is_refused_with_one_message_saying_to_migrate(paris_archive: Archive) -> None:
    errors = errors_of(PARIS_V1.read_text(encoding="utf-8"), paris_archive, FILE)
    assert [(e.line, e.column, e.code) for e in errors] == [(2, 1, "format-outdated")]
    assert f"run 'brief migrate {FILE}'" in errors[0].message


def test_migrate_upgrades_the_paris_brief_and_changes_nothing_else(paris_archive: Archive) -> None:
    old = PARIS_V1.read_text(encoding="utf-8")
    new, changes = migrate_text(old, load_bytes(old.encode("utf-8"), FILE))
    document = load_bytes(new.encode("utf-8"), FILE)
    brief = validate_schema(document)  # the model reads it; its references and quotes all hold
    assert list(check_references(document)) == [] and list(check_citations(brief, document, paris_archive)) == []
    assert changes[0] == "line 2: added 'format: 2' (the file had no format, so it was format 1)"
    assert "line 1608: 'casualty_events' is now 'impact_events'" in changes
    assert sum("'weapon' is now 'cause'" in c for c in changes) == 3
    assert sum("'victims' is now 'who'" in c for c in changes) == 3
    diff = [
        line
        for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert len([d for d in diff if d.startswith("-")]) == 7  # the seven renamed keys, each on its own line
    assert len([d for d in diff if d.startswith("+")]) == 8  # the same lines renamed, and 'format: 2'
    assert new.count("\n#") == old.count("\n#")  # every comment kept
    again, more = migrate_text(new, load_bytes(new.encode("utf-8"), FILE))
    assert (again, more) == (new, [])


def test_brief_migrate_rewrites_the_file_and_says_what_changed(tmp_path: Path) -> None:
    briefs = tmp_path / "briefs"
    shutil.copytree(REPO / "briefs" / "sources", briefs / "sources")
    target = briefs / "paris-talks-2025.yaml"
    shutil.copy2(PARIS_V1, target)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    refused = run_brief(tmp_path, "check", "briefs/paris-talks-2025.yaml")
    assert refused.returncode == 1 and "[format-outdated]" in refused.stderr
    done = run_brief(tmp_path, "migrate", "briefs/paris-talks-2025.yaml")
    assert done.returncode == 0, done.stderr
    assert "upgraded to format 2" in done.stdout and "'casualty_events' is now 'impact_events'" in done.stdout
    assert target.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/brief.schema.json\nformat: 2\nid: paris-talks-2025\n"
    )
    checked = run_brief(tmp_path, "check", "briefs/paris-talks-2025.yaml")
    assert "[format-outdated]" not in checked.stderr and "unknown-key" not in checked.stderr
    # What is left is content the stricter checks now ask of the brief itself (an 'inferred' note that names
    # each count it covers, sources named rather than numbered, a summary under its limit, disagreements
    # classed by machine), not anything the format change left behind.
    assert {line.rsplit("[", 1)[-1] for line in checked.stderr.splitlines() if line.endswith("]")} <= {
        "unsupported-number]",
        "summary-too-long]",
        "inconsistency-across-sources]",
        "source-by-number]",
    }
    again = run_brief(tmp_path, "migrate", "briefs/paris-talks-2025.yaml")
    assert "already in format 2; nothing to change" in again.stdout


@pytest.mark.parametrize(("value", "code"), [("3", "format-too-new"), ('"2"', "bad-value"), ("true", "bad-value")])
def test_a_format_this_tool_cannot_read_is_named(value: str, code: str) -> None:
    text = variant("format: 2\n", f"format: {value}\n", BASE)
    errors = errors_of(text, Archive(FIXTURES / "sources"))
    assert [(e.line, e.code) for e in errors] == [(2, code)]
