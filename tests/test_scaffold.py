"""`brief new`: a commented brief that passes every check as created, and never overwrites anything."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, make_project, run_brief
from positions import located

from generator.authoring.scaffold import ScaffoldRefused, archive_source, brief_id, create_brief, opening_quote
from generator.model.archive import SourceText
from generator.model.load import load_file
from generator.model.project import Project
from generator.model.schema import SCHEMA_COMMENT, SCHEMA_PATH
from generator.pipeline import build_site

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
SOURCE_TEXT = (
    "Talks were held in Geneva on Monday, March 3, 2025. The foreign minister said the\n"
    "progress was \u201creal but slow\u201d.\n\nA second paragraph.\n"
)


brief = run_brief


@pytest.fixture
def empty_project(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "p", {})
    for archived in (project.briefs_dir / "sources").iterdir():
        archived.unlink()
    return project


@pytest.fixture
def source_file(tmp_path: Path) -> Path:
    path = tmp_path / "downloads" / "geneva report.txt"
    path.parent.mkdir()
    path.write_text(SOURCE_TEXT, encoding="utf-8")
    return path


def test_new_brief_passes_brief_check_and_the_json_schema(empty_project: Project, source_file: Path) -> None:
    root = empty_project.root
    title = 'Geneva talks: "round one", March 2025 # not a comment'

    created = brief(root, "new", title, "--source", str(source_file), "--date", "2025-03-03", "--place", "Geneva")

    assert created.returncode == 0, created.stderr
    path = root / "briefs" / "geneva-talks-round-one-march-2025-not-a-comment.yaml"
    assert f"created {path.relative_to(root)}" in created.stdout
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_COMMENT
    assert "TO DO" in text and text.count("\n#") > 10, "the scaffold explains itself in comments"
    data = load_file(path).data
    assert data["title"] == title and data["place"] == "Geneva"
    # The editor's date is 'inferred' until a quote states it (then it is 'stated'): a placeholder note keeps
    # the brief a draft until then, so a date no source gives is never published as stated.
    assert data["when"] == {
        "date": "2025-03-03",
        "basis": "inferred",
        "note": "TO DO: cite the source words that give this date, then make the basis 'stated'.",
    }
    archived = root / "briefs" / "sources" / data["sources"][0]["file"]
    assert archived.read_bytes() == source_file.read_bytes(), "the source is archived verbatim"
    assert data["summary"][0]["cite"] == [
        {"source": "src-000", "quote": "Talks were held in Geneva on Monday, March 3, 2025."}
    ]

    checked = brief(root, "check")
    assert checked.returncode == 0 and "ok: 1 brief(s)" in checked.stdout, checked.stderr
    (root / "schema").mkdir()
    (root / SCHEMA_PATH).write_bytes((REPO / SCHEMA_PATH).read_bytes())
    schema = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(root / SCHEMA_PATH), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert schema.returncode == 0, schema.stdout


def test_a_new_brief_is_a_draft_and_check_names_its_placeholders(empty_project: Project, source_file: Path) -> None:
    path = create_brief(empty_project, "Geneva talks", [source_file], place="Geneva")
    text = path.read_text(encoding="utf-8")
    checked = brief(empty_project.root, "check")
    assert checked.returncode == 0, "a draft is valid: the check passes"
    assert checked.stdout == "ok: 1 brief(s) checked; 1 of them still a draft (left out of the published site)\n"
    notices = checked.stderr.splitlines()
    first = located("briefs/geneva-talks.yaml", text, '"To do: write the first sentence')
    assert (
        f"warning: {first} summary[0].says: placeholder text 'To do: write the first sentence in your own words.': the brief "
        "is a draft until every placeholder is replaced; drafts are left out of the published site [draft]" in notices
    )
    assert len(notices) >= 4, "the summary, the place, the date note, the source label and the side name"
    assert all(line.startswith("warning: briefs/geneva-talks.yaml:") and line.endswith("[draft]") for line in notices)


def test_a_draft_is_left_out_of_the_published_site_and_shown_in_previews(
    empty_project: Project, source_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    create_brief(empty_project, "Geneva talks", [source_file])
    build_site(empty_project, pdf=False, offline=False)
    assert not (empty_project.site_dir / "briefs" / "geneva-talks").exists(), "the published site leaves drafts out"
    assert (
        "briefs/geneva-talks.yaml: left out of the site: a draft (placeholder text at line" in capsys.readouterr().err
    )
    build_site(empty_project, pdf=False, offline=False, drafts=True)
    html = (empty_project.site_dir / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8")
    assert "Geneva talks" in html and "Talks were held in Geneva" in html
    assert 'class="admonition warning"' in html and "This brief is not finished" in html


def test_new_brief_never_overwrites(empty_project: Project, source_file: Path) -> None:
    root = empty_project.root
    assert brief(root, "new", "Geneva talks", "--source", str(source_file)).returncode == 0
    target = root / "briefs" / "geneva-talks.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = target.read_bytes()

    again = brief(root, "new", "Geneva Talks!", "--source", str(source_file))

    assert again.returncode == 1
    assert "briefs/geneva-talks.yaml already exists; edit it, or choose another title" in again.stderr
    assert target.read_bytes() == before
    assert len(list((root / "briefs" / "sources").iterdir())) == 1


def test_new_brief_without_a_source_explains_what_to_do(empty_project: Project) -> None:
    result = brief(empty_project.root, "new", "Geneva talks")
    assert result.returncode == 1
    assert "give the source's text file with --source FILE" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(empty_project.briefs_dir.glob("*.yaml"))


def test_bad_inputs_get_clear_messages(empty_project: Project, source_file: Path, tmp_path: Path) -> None:
    root = empty_project.root
    missing = brief(root, "new", "Geneva talks", "--source", str(tmp_path / "nope.txt"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\xff\xfe\x00binary")
    not_text = brief(root, "new", "Geneva talks", "--source", str(binary))
    assert not_text.returncode == 1 and "not UTF-8 text" in not_text.stderr
    bad_date = brief(root, "new", "Geneva talks", "--source", str(source_file), "--date", "2025-02-30")
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    no_slug = brief(root, "new", "!!!", "--source", str(source_file))
    assert no_slug.returncode == 1 and "cannot make an id" in no_slug.stderr
    too_long = brief(root, "new", "Talks " * 80, "--source", str(source_file))
    assert too_long.returncode == 1 and "title" in too_long.stderr
    for result in (missing, not_text, bad_date, no_slug, too_long):
        assert "Traceback" not in result.stderr
    assert not list(empty_project.briefs_dir.glob("*.yaml"))
    assert not list((root / "briefs" / "sources").iterdir()), "a refused brief leaves the archive as it was"


def test_sources_already_archived_are_reused(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    archive = project.briefs_dir / "sources"
    before = sorted(p.name for p in archive.iterdir())

    path = create_brief(
        project,
        "Paris follow-up",
        [archive / "003_8b3bd250b33ab321.txt", REPO / "briefs" / "sources" / "001_ad49cf9f9a04ba86.txt"],
    )

    assert sorted(p.name for p in archive.iterdir()) == before
    data = load_file(path).data
    assert [s["file"] for s in data["sources"]] == ["003_8b3bd250b33ab321.txt", "001_ad49cf9f9a04ba86.txt"]
    assert [s["id"] for s in data["sources"]] == ["src-003", "src-001"]
    _, errors = project.check()
    assert not errors, errors


def test_new_sources_continue_the_archive_numbering(tmp_path: Path, source_file: Path) -> None:
    archive = tmp_path / "sources"
    archive.mkdir()
    (archive / "004_9865a00d243bec0d.txt").write_text("other", encoding="utf-8")
    name = archive_source(archive, source_file)
    assert name.startswith("005_") and len(name) == len("005_0123456789abcdef.txt")


def test_brief_ids_and_opening_quotes() -> None:
    assert brief_id("Paris talks, April 2025") == "paris-talks-april-2025"
    assert brief_id("Sources") == "sources-brief"
    with pytest.raises(ScaffoldRefused):
        brief_id("???")
    paris = SourceText((REPO / "briefs" / "sources" / "000_6e6fb24db606a0cb.txt").read_text(encoding="utf-8"))
    quote = opening_quote(paris)
    assert quote.startswith("President Donald Trump sent") and paris.find(quote)
