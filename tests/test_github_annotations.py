"""`brief check --format github`: annotations on the right line, and no way for a brief to inject commands."""

from __future__ import annotations

import subprocess
from pathlib import Path

from conftest import REPO, make_project, run_brief
from hypothesis import given
from hypothesis import strategies as st

from generator.commands.github_annotations import escape_data, escape_property, github_annotation
from generator.model.errors import BriefError

BRIEF = REPO / "briefs" / "paris-talks-2025.yaml"


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """Parse one workflow command the way the Actions runner does (ActionCommand.TryParseV2)."""
    assert line.startswith("::"), line
    end = line.index("::", 2)
    head, data = line[2:end], line[end + 2 :]
    command, _, props = head.partition(" ")
    properties: dict[str, str] = {}
    for pair in filter(None, props.split(",")):
        name, _, value = pair.partition("=")
        properties[name] = unescape(value, prop=True)
    return command, properties, unescape(data, prop=False)


def unescape(text: str, *, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else []) + [("%25", "%")]
    for escaped, plain in pairs:
        text = text.replace(escaped, plain)
    return text


def run_check(root: Path, *files: str) -> subprocess.CompletedProcess[str]:
    return run_brief(root, "check", "--format", "github", *files)


def test_annotation_has_file_line_column_and_code_as_title() -> None:
    error = BriefError("briefs/x.yaml", 14, 5, "unknown-key", "unknown key 'rol'; did you mean 'role'?")
    assert github_annotation(error) == (
        "::error file=briefs/x.yaml,line=14,col=5,title=unknown-key::unknown key 'rol'; did you mean 'role'?"
    )


def test_escaping_follows_the_runner() -> None:
    assert escape_data("50% done\r\n::error::x") == "50%25 done%0D%0A::error::x"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


@given(file=st.text(min_size=1), code=st.text(min_size=1), message=st.text())
def test_any_text_stays_one_command_and_round_trips(file: str, code: str, message: str) -> None:
    line = github_annotation(BriefError(file, 3, 7, code, message))
    assert "\n" not in line and "\r" not in line
    command, properties, data = parse_command(line)
    assert command == "error"
    assert properties == {"file": file, "line": "3", "col": "7", "title": code}
    assert data == message


def test_broken_brief_annotates_the_changed_line(tmp_path: Path) -> None:
    text = BRIEF.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    role_line = next(i for i, line in enumerate(lines) if line.startswith("    role:"))
    lines[role_line] = lines[role_line].replace("role:", "rol:", 1)
    project = make_project(tmp_path / "p")
    (project.briefs_dir / "paris-talks-2025.yaml").write_text("".join(lines), encoding="utf-8")

    result = run_check(project.root)

    assert result.returncode == 1
    commands = [parse_command(line) for line in result.stdout.splitlines()]
    by_title = {properties["title"]: (properties, data) for _, properties, data in commands}
    properties, message = by_title["unknown-key"]
    assert properties["file"] == "briefs/paris-talks-2025.yaml"
    assert properties["line"] == str(role_line + 1)
    assert properties["col"] == "5"
    assert "did you mean 'role'" in message
    entry_line = max(i for i in range(role_line) if lines[i].startswith("  - id:"))
    missing, message = by_title["missing-key"]
    assert "'role'" in message and missing["line"] == str(entry_line + 1)


def test_a_brief_cannot_inject_workflow_commands(tmp_path: Path) -> None:
    hostile = (
        '"x\\n::set-output name=pwned::1\\r\\n::add-mask::secret": 1\n'
        'id: "Bad%0A::error file=evil.yaml::fake"\n'
        "title: ok\n"
        '"%0A::warning::smuggled,:%": 2\n'
        "format: 2\n"
    )
    project = make_project(tmp_path / "p", {"evil.yaml": hostile})

    result = run_check(project.root)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines, result.stderr
    for line in lines:
        assert line.startswith("::error file=briefs/evil.yaml,line="), line
        command, properties, _ = parse_command(line)
        assert command == "error" and properties["file"] == "briefs/evil.yaml"
    unknown = [parse_command(line)[2] for line in lines if "title=unknown-key" in line]
    assert any("x\n::set-output name=pwned::1\r\n::add-mask::secret" in message for message in unknown)
    assert any("%0A::warning::smuggled,:%" in message for message in unknown)
    bad_id = [parse_command(line)[2] for line in lines if "line=2," in line]
    assert any("Bad%0A::error file=evil.yaml::fake" in message for message in bad_id)


def test_file_names_with_commas_and_colons_stay_one_property(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", {"a,b:c.yaml": "id: x\n"})

    result = run_check(project.root, "briefs/a,b:c.yaml")

    files = {parse_command(line)[1]["file"] for line in result.stdout.splitlines()}
    assert files == {"briefs/a,b:c.yaml"}
    assert "file=briefs/a%2Cb%3Ac.yaml," in result.stdout
