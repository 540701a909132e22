"""`brief diff`: real edits to the Paris brief across two commits, summarised for a reviewer."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, MINIMAL, git, make_project, run_brief

from generator.model.brief import Brief
from generator.model.load import load_bytes
from generator.model.project import Project
from generator.model.validate import validate_schema
from generator.review.diff import Change, FileReport, diff_briefs, render_file, render_markdown

PARIS = "briefs/paris-talks-2025.yaml"
NEW_SOURCE = "A wire report. Officials said the talks in Paris ran late into the evening.\n"


def brief_diff(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_brief(root, "diff", *args)


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"expected exactly one {old!r}"
    return text.replace(old, new)


def edit_paris(text: str) -> str:
    """The edits a curator might make in one pull request, each of a kind a reviewer must see."""
    text = replace_once(
        text,
        'title: "Paris talks on the war in Ukraine, April 2025"',
        'title: "Paris talks on ending the war in Ukraine, April 2025"',
    )
    text = replace_once(
        text,
        "participants:\n  - id: marco-rubio\n",
        (
            "participants:\n"
            "  - id: alex-example\n"
            '    name: "Alex Example"\n'
            "    role:\n"
            '      - says: "A British official named in the reports."\n'
            "        cite:\n"
            "          - source: src-001-news-report\n"
            '            quote: "British Foreign Secretary David Lammy"\n'
            "    side: united-kingdom\n"
            "    presence: unknown\n"
            "  - id: marco-rubio\n"
        ),
    )
    text = replace_once(
        text,
        (
            "      date: 2025-04-16\n      end: 2025-04-18\n      basis: inferred\n      approximate: true\n"
            '      note: "Neither {src-000-forum-post} nor {src-002-blog-post}'
        ),
        (
            "      date: 2025-04-17\n      end: 2025-04-18\n      basis: inferred\n      approximate: true\n"
            '      note: "Neither {src-000-forum-post} nor {src-002-blog-post}'
        ),
    )
    text = replace_once(
        text,
        'killed: {value: 35, qualifier: at-least, as_stated: "at least 35 civilians dead"}',
        'killed: {value: 30, qualifier: about, as_stated: "about 30 civilians dead"}',
    )
    text = replace_once(
        text, "  - id: territorial-concessions\n", "  - id: territorial-concessions\n    status: resolved\n"
    )
    lammy_003 = (
        'by {src-000-forum-post} and {src-003-preview}."\n'
        "        cite:\n"
        '          - source: src-001-news-report\n            quote: "British Foreign Secretary David Lammy"\n'
        '          - source: src-000-forum-post\n            quote: "UK Foreign Secretary David Lammy"\n'
        '          - source: src-003-preview\n            quote: "UK Foreign Secretary David Lammy"\n'
    )
    text = replace_once(
        text,
        lammy_003,
        (
            'by {src-000-forum-post}."\n'
            "        cite:\n"
            '          - source: src-001-news-report\n            quote: "British Foreign Secretary David Lammy"\n'
            '          - source: src-000-forum-post\n            quote: "UK Foreign Secretary David Lammy"\n'
            "          - source: src-002-blog-post\n"
            '            quote: "Secretary of State Marco Rubio and special envoy Steve Witkoff arrived in Paris"\n'
        ),
    )
    text = replace_once(
        text,
        "  - id: src-004-time-news\n",
        (
            "  - id: src-005-wire\n"
            "    file: 005_wire.txt\n"
            '    label: "Wire report on the evening session"\n'
            '    outlet: "Example Wire"\n'
            "    kind: wire-report\n"
            "  - id: src-004-time-news\n"
        ),
    )
    return text + (
        "  - id: evening-session-length\n"
        "    kind: error\n"
        '    title: "How long the evening session lasted"\n'
        "    explanation:\n"
        '      - says: "The wire report alone says the talks ran late."\n'
        "        cite:\n"
        "          - source: src-005-wire\n"
        '            quote: "the talks in Paris ran late into the evening"\n'
        "    entries: [elysee-talks]\n"
    )


@pytest.fixture(scope="module")
def paris_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch git repository: the real Paris brief committed, then edited and committed again."""
    project = make_project(tmp_path_factory.mktemp("diff") / "repo")
    root = project.root
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the Paris brief as it is")
    brief = root / PARIS
    brief.write_text(edit_paris(brief.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "briefs" / "sources" / "005_wire.txt").write_text(NEW_SOURCE, encoding="utf-8")
    _, errors = Project(root).check()
    assert not errors, "\n".join(map(str, errors))
    git(root, "commit", "-q", "-am", "edit the brief")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "archive the wire report")
    return root


@pytest.fixture(scope="module")
def summary(paris_repo: Path) -> str:
    result = brief_diff(paris_repo, "HEAD~2", "HEAD")
    assert result.returncode == 0, result.stderr
    return result.stdout


def bullet(summary: str, start: str) -> list[str]:
    """The bullet starting with ``start`` and its nested lines."""
    lines = summary.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    block = [lines[index]]
    for line in lines[index + 1 :]:
        if not line.startswith("  "):
            break
        block.append(line)
    return block


def test_summary_names_the_brief_and_counts_the_entries(summary: str) -> None:
    assert "### Paris talks on ending the war in Ukraine, April 2025" in summary
    assert "`briefs/paris-talks-2025.yaml` (modified): 3 added, 3 changed, 1 resolved" in summary
    assert "- title changed: Paris talks on the war in Ukraine, April 2025 → **Paris talks on ending the war" in summary


def test_participant_added(summary: str) -> None:
    assert "- **Added** participant **Alex Example** (`alex-example`)" in summary


def test_agenda_item_date_changed(summary: str) -> None:
    block = bullet(summary, "- **Changed** agenda item **Rubio's talks with French Foreign Minister Barrot**")
    assert block[1:] == [
        (
            "    - date changed: 2025\\-04\\-16 – 2025\\-04\\-18 \\(inferred, approximate\\) → "
            "**2025\\-04\\-17 – 2025\\-04\\-18 \\(inferred, approximate\\)**"
        )
    ]


def test_impact_figure_changed_on_its_source(summary: str) -> None:
    block = bullet(summary, "- **Changed** impact event **Russian missile attack on Sumy** (`sumy-missile-strike`)")
    assert block[1:] == [
        (
            "    - killed according to Forum post by JeremyVickers \\(src\\-000\\-forum\\-post\\) changed: "
            "at least 35 \\(“at least 35 civilians dead”\\) → **about 30 \\(“about 30 civilians dead”\\)**"
        )
    ]


def test_question_resolved(summary: str) -> None:
    block = bullet(summary, "- **Resolved** open question **Will a settlement require Ukraine to give up territory")
    assert block[1:] == [], "resolving is the change; the status line would only repeat it"


def test_citation_added_and_removed_with_their_quotes(summary: str) -> None:
    block = bullet(summary, "- **Changed** participant **David Lammy** (`david-lammy`)")
    assert any(
        line.startswith("    - citation from Blog post")
        and "added: “Secretary of State Marco Rubio and special envoy Steve Witkoff arrived in Paris”" in line
        for line in block
    ), block
    assert any(
        line.startswith("    - citation from Preview") and "removed: “UK Foreign Secretary David Lammy”" in line
        for line in block
    ), block


def test_source_and_discrepancy_added(summary: str) -> None:
    assert "- **Added** source **Wire report on the evening session** (`src-005-wire`)" in summary
    assert "- **Added** discrepancy **How long the evening session lasted** (`evening-session-length`)" in summary
    assert "### Archived sources\n\n- **Added** `briefs/sources/005_wire.txt`" in summary


def test_coverage_of_each_source_before_and_after(summary: str) -> None:
    coverage = summary[summary.index("#### Coverage of the sources") :].split("\n###")[0]
    lines = [line for line in coverage.splitlines() if line.startswith("- ")]
    assert len(lines) == 6, "each source of the brief, the new one too"
    wire = next(line for line in lines if "`src-005-wire`" in line)
    assert (
        wire == "- the wire report in Example Wire (`src-005-wire`): 50 % of 2 sentences used; 1 unused"
    )  # new: no 'was'


def test_coverage_changes_name_the_sentences_an_edit_stopped_and_started_using() -> None:
    from brief_variants import BASE, FILE, variant

    from generator.model.archive import Archive
    from generator.model.load import load_bytes
    from generator.model.validate import validate_document
    from generator.review.diff import coverage_changes

    archive = Archive(FIXTURES / "sources")
    texts = {"report": archive.get("report.txt"), "blog": archive.get("blog.txt")}
    old = validate_document(load_bytes(BASE.encode(), FILE), archive)
    edited = variant(
        '      - says: The other says five.\n        cite: [{source: blog, quote: "killed five people"}]\n',
        "      - says: The other says five, and that Jane Doe led the delegation.\n"
        '        cite: [{source: blog, quote: "Jane Doe led the delegation to Geneva"}, '
        '{source: blog, quote: "killed five people"}]\n',
    )
    new = validate_document(load_bytes(edited.encode(), FILE), archive)
    blog = next(c for c in coverage_changes(old, new, texts, texts) if c.source == "blog")  # type: ignore[arg-type]
    assert (blog.before, blog.after, blog.unused) == (0.5, 1.0, 0)
    assert blog.now_used == ("Jane Doe led the delegation to Geneva.",) and blog.now_unused == ()
    back = next(c for c in coverage_changes(new, old, texts, texts) if c.source == "blog")  # type: ignore[arg-type]
    assert back.now_unused == ("Jane Doe led the delegation to Geneva.",)
    lines = render_file(FileReport("briefs/a.yaml", "modified", "A", coverage=(back,)))
    assert "- the blog post (`blog`): 50 % of 2 sentences used (was 100 %); 1 unused" in lines
    assert "  - no longer used: Jane Doe led the delegation to Geneva\\." in lines


def test_sections_come_in_reading_order(summary: str) -> None:
    headings = [line for line in summary.splitlines() if line.startswith("#### ")]
    assert headings == [
        "#### The brief as a whole",
        "#### Sources",
        "#### Participants",
        "#### Agenda and timeline",
        "#### Impact",
        "#### Open questions",
        "#### Discrepancies",
        "#### Coverage of the sources",
    ]


def test_unchanged_revisions_say_so(paris_repo: Path) -> None:
    result = brief_diff(paris_repo, "HEAD", "HEAD")
    assert result.returncode == 0
    assert "No brief and no archived source changed." in result.stdout


def test_new_brief_lists_its_entries(paris_repo: Path) -> None:
    empty_tree = git(paris_repo, "hash-object", "-w", "-t", "tree", os.devnull).strip()
    nothing = git(paris_repo, "commit-tree", empty_tree, "-m", "a commit without any files").strip()
    first = git(paris_repo, "rev-list", "--max-parents=0", "main").strip()

    result = brief_diff(paris_repo, nothing, first)

    assert result.returncode == 0, result.stderr
    assert "`briefs/paris-talks-2025.yaml` (added):" in result.stdout
    assert "- **Added** participant **Marco Rubio** (`marco-rubio`)" in result.stdout
    assert "- **Added** source **Forum post by JeremyVickers** (`src-000-forum-post`)" in result.stdout
    assert "#### The brief as a whole" not in result.stdout


def test_a_brief_that_does_not_load_is_reported_not_fatal(paris_repo: Path, tmp_path: Path) -> None:
    work = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(paris_repo), str(work))
    brief = work / PARIS
    brief.write_text(brief.read_text(encoding="utf-8").replace("\n    role:", "\n    rol:", 1), encoding="utf-8")
    git(work, "commit", "-q", "-am", "typo")

    result = brief_diff(work, "HEAD~1", "HEAD")

    assert result.returncode == 0, result.stderr
    assert "> **Could not compare this file:** at head it does not pass the checks: line" in result.stdout
    assert (
        "is missing the required key 'role' \\(Sentences, each with its own citations\\.\\) \\(and 1 more\\)"
        in result.stdout
    )


def test_files_argument_limits_the_summary(paris_repo: Path) -> None:
    result = brief_diff(paris_repo, "HEAD~2", "HEAD", "briefs/other.yaml")
    assert result.returncode == 0
    assert "Paris talks" not in result.stdout
    named = brief_diff(paris_repo, "HEAD~2", "HEAD", str(paris_repo / PARIS))
    assert "Paris talks" in named.stdout
    outside = brief_diff(paris_repo, "HEAD~2", "HEAD", "/etc/passwd")
    assert outside.returncode == 2 and "is not inside the project" in outside.stderr


def test_unknown_revision_is_a_clear_error(paris_repo: Path) -> None:
    result = brief_diff(paris_repo, "no-such-branch", "HEAD")
    assert result.returncode == 2
    assert "'no-such-branch' is not a commit in this repository" in result.stderr
    assert "Traceback" not in result.stderr
    option = brief_diff(paris_repo, "--output=/tmp/x", "HEAD")
    assert option.returncode != 0 and "Traceback" not in option.stderr


# --- the pure stage ----------------------------------------------------------------------


def minimal(text: str | None = None) -> Brief:
    raw = text if text is not None else MINIMAL
    return validate_schema(load_bytes(raw.encode("utf-8"), "minimal.yaml"))


def test_identical_briefs_have_no_changes() -> None:
    assert diff_briefs(minimal(), minimal()) == []


def test_removed_entries_and_report_figures() -> None:
    text = MINIMAL
    smaller = text.replace(text[text.index("discrepancies:") :], "discrepancies: []\n")
    smaller = smaller.replace(
        "      - source: blog\n        killed: {value: 5, qualifier: exact, as_stated: five}\n"
        '        citations: [{source: blog, quote: "killed five people"}]\n',
        "",
    )
    changes = diff_briefs(minimal(), minimal(smaller))
    assert Change("discrepancies", "removed", "toll", "The toll in Exampleville") in changes
    shelling = next(c for c in changes if c.entry_id == "exampleville-shelling")
    assert [(d.what, d.old, d.new) for d in shelling.details] == [
        ("figures according to Blog post (blog)", "killed 5 (“five”)", None)
    ]


def test_markdown_cannot_smuggle_links_images_or_html() -> None:
    text = MINIMAL
    hostile = text.replace(
        "name: Jane Doe",
        'name: "Jane ![x](https://evil.example/p.png) <img src=x onerror=alert(1)> '
        '[click](javascript:alert(1)) ~~gone~~ `code`"',
    )
    report = FileReport(
        "briefs/x](evil).yaml", "modified", "T <script>", tuple(diff_briefs(minimal(), minimal(hostile)))
    )
    markdown = render_markdown([report], base="main<b>", head="HEAD")
    assert "<img" not in markdown and "<script" not in markdown and "<b>" not in markdown
    assert "](" not in markdown.replace("\\](", "")
    assert "~~gone" not in markdown and "`code`" not in markdown
    assert "Jane \\!\\[x\\]\\(https://evil\\.example/p\\.png\\)" in markdown


def test_long_text_shows_only_the_words_that_changed() -> None:
    text = MINIMAL
    longer = (
        "Two delegations met in Geneva for a full day of talks on the ceasefire, the exchange of prisoners and "
        "the return of displaced families; a town was shelled the same week."
    )
    old = text.replace("  - says: Two delegations held talks in Geneva on 3 March 2025.", f"  - says: {longer}")
    assert old != text
    new = old.replace("exchange of prisoners", "release of prisoners")
    [change] = diff_briefs(minimal(old), minimal(new))
    [detail] = change.details
    assert detail.what == "summary" and detail.prose
    lines = render_markdown([FileReport("briefs/x.yaml", "modified", "T", (change,))]).splitlines()
    assert (
        "- summary changed: … of talks on the ceasefire, the ~~exchange~~ **release** of prisoners and the return of …"
        in lines
    )
