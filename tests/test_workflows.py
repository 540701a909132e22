"""The GitHub workflows and pre-commit hooks: audited by zizmor, schema-checked, pinned, least privilege.

The workflows cannot run here, so they are checked the way GitHub would read
them: zizmor (offline) for dangerous triggers, template injection, unpinned
actions and excess permissions; the workflow JSON Schema bundled with
check-jsonschema; and assertions on the parsed YAML for what this project
promises (read-only pull requests, Pages rights only where they deploy).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, BuiltSite, make_project

from generator.model.load import load_file
from generator.model.project import Project
from generator.publish import pdf

WORKFLOWS = REPO / ".github" / "workflows"
BIN = Path(sys.executable).parent
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")

HOSTILE_WORKFLOW = """\
name: hostile
on: pull_request_target
permissions: write-all
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: echo "${{ github.event.pull_request.title }}"
"""


def workflow(name: str) -> dict[str, Any]:
    """A workflow as GitHub reads it (YAML 1.2: `on` stays a key, not `true`)."""
    data = load_file(WORKFLOWS / name).data
    assert isinstance(data, dict)
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


def zizmor(*paths: Path, persona: str = "auditor") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--color", "never", "--persona", persona, *map(str, paths)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_there_are_the_two_workflows() -> None:
    assert [p.name for p in WORKFLOW_FILES] == ["pr.yml", "publish.yml"]


@pytest.mark.parametrize("persona", ["regular", "pedantic", "auditor"])
def test_zizmor_finds_nothing(persona: str) -> None:
    result = zizmor(WORKFLOWS, persona=persona)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout
    for path in WORKFLOW_FILES:  # zizmor skips a file it cannot parse, with a warning, and still finds nothing
        assert f"completed {path}" in result.stderr, result.stderr


def test_zizmor_would_catch_a_dangerous_workflow(tmp_path: Path) -> None:
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "hostile.yml").write_text(HOSTILE_WORKFLOW, encoding="utf-8")

    result = zizmor(folder)

    assert result.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "excessive-permissions"):
        assert audit in result.stdout, audit


def test_workflows_match_githubs_schema(tmp_path: Path) -> None:
    """One run over every workflow plus a broken one, which must be the only failure."""
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    stepz: []\n", encoding="utf-8")
    result = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "-o",
            "json",
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOW_FILES),
            str(broken),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    assert not report["parse_errors"]
    assert {error["filename"] for error in report["errors"]} == {str(broken)}, report["errors"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_commits_with_the_version_noted(path: Path) -> None:
    uses_lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert uses_lines
    for line in uses_lines:
        match = re.fullmatch(r"(?:- )?uses: (\S+) # (v\d+(?:\.\d+)*)", line)
        assert match, f"not pinned with a version comment: {line}"
        assert PINNED.match(match.group(1)), line
    data = workflow(path.name)
    assert all(PINNED.match(step["uses"]) for step in steps(data) if "uses" in step)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_expression_expands_inside_a_run_script(path: Path) -> None:
    for step in steps(workflow(path.name)):
        assert "${{" not in step.get("run", ""), step


def test_pull_requests_run_read_only_without_secrets() -> None:
    data = workflow("pr.yml")
    assert data["on"] == {"pull_request": None}
    assert data["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in data["jobs"].values())
    for path in WORKFLOW_FILES:
        text = json.dumps(workflow(path.name))  # what GitHub reads, without the comments
        assert "pull_request_target" not in text and "allow-unsafe-pr-checkout" not in text
    assert "secrets." not in json.dumps(data)


def test_pull_request_job_checks_tests_builds_and_previews() -> None:
    data = workflow("pr.yml")
    by_uses = {step["uses"].split("@")[0]: step for step in steps(data) if "uses" in step}
    runs = [step["run"] for step in steps(data) if "run" in step]

    checkout = by_uses["actions/checkout"]["with"]
    assert checkout == {"fetch-depth": 0, "persist-credentials": False}
    python = by_uses["actions/setup-python"]["with"]
    assert python["cache"] == "pip"
    cached = python["cache-dependency-path"].split()
    assert {"requirements.lock", "requirements-test.lock"} <= set(cached)
    assert all((REPO / name).is_file() for name in cached)

    assert ".venv/bin/brief check --format github" in runs
    assert "make test" in runs and "make site DRAFTS=1" in runs, "the preview shows drafts under their banner"
    diff = next(step for step in steps(data) if "brief diff" in step.get("run", ""))
    assert diff["run"] == '.venv/bin/brief diff "$BASE_SHA" HEAD >> "$GITHUB_STEP_SUMMARY"'
    assert diff["env"] == {"BASE_SHA": "${{ github.event.pull_request.base.sha }}"}

    upload = by_uses["actions/upload-artifact"]["with"]
    assert upload["path"] == "site/"
    assert runs.index("make site DRAFTS=1") < list(steps(data)).index(by_uses["actions/upload-artifact"])


def test_make_targets_used_by_the_workflows_exist() -> None:
    targets = {
        word
        for name in ("pr.yml", "publish.yml")
        for step in steps(workflow(name))
        for word in re.findall(r"^make (\S+)", step.get("run", ""))
    }
    assert targets == {".venv/.test-installed", ".venv/.site-installed", "test", "site"}
    result = subprocess.run(
        ["make", "-n", "-C", str(REPO), *sorted(targets)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_publishing_has_only_the_pages_rights_and_one_deploy_at_a_time() -> None:
    data = workflow("publish.yml")
    assert data["on"] == {"push": {"branches": ["main"]}}
    assert data["permissions"] == {}
    assert data["concurrency"]["group"] == "pages"
    shards, build, deploy = data["jobs"]["pdf"], data["jobs"]["build"], data["jobs"]["deploy"]
    assert set(data["jobs"]) == {"pdf", "build", "deploy"}
    assert shards["permissions"] == build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    granted = {name: right for job in data["jobs"].values() for name, right in job["permissions"].items()}
    assert granted == {"contents": "read", "pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"

    build_steps = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    assert build_steps["actions/checkout"]["with"] == {"fetch-depth": 0, "persist-credentials": False}
    assert build_steps["actions/upload-pages-artifact"]["with"] == {"path": "site/"}
    assert any(step.get("run") == "make site" for step in build["steps"])
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


# --- the PDF cache and the shards ---------------------------------------------------------------
#
# A PDF's inputs are covered by its cache entry's *name*, not by the actions/cache key: the
# generator looks a PDF up as <cache>/<brief-id>/<digest>.pdf, the digest hashing everything the
# PDF is made from (the last test here checks that). So what the workflows must get right is that
# they keep that very folder, restore it before anything renders, hand every shard's PDFs to the
# build, and let only runs on main write it.

PDF_CACHE = pdf.cache_dir(Project(REPO)).relative_to(REPO).as_posix()  # where the generator looks PDFs up
CACHE_ACTIONS = {"actions/cache", "actions/cache/restore", "actions/cache/save"}
SHARD_COMMAND = re.compile(r'\.venv/bin/brief pdf --shard "\$SHARD/(\d+)"')


def action(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def position(job: dict[str, Any], wanted: str) -> int:
    """Where in a job the first step that uses the action ``wanted``, or runs a command starting so, is."""
    for index, step in enumerate(job["steps"]):
        if action(step) == wanted or str(step.get("run", "")).startswith(wanted):
            return index
    raise AssertionError(f"no step {wanted!r} in {[step.get('name') for step in job['steps']]}")


def the_step(job: dict[str, Any], wanted: str) -> dict[str, Any]:
    step: dict[str, Any] = job["steps"][position(job, wanted)]
    return step


def cache_steps(prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    """The steps of every workflow that restore or save a cache (whose key starts with ``prefix``)."""
    return [
        (path.name, step)
        for path in WORKFLOW_FILES
        for step in steps(workflow(path.name))
        if action(step) in CACHE_ACTIONS and str(step.get("with", {}).get("key", "")).startswith(prefix)
    ]


def test_the_cached_folder_is_the_generators_pdf_cache_under_one_key() -> None:
    found = cache_steps("pdf-cache-")
    assert {(name, action(step)) for name, step in found} == {
        ("publish.yml", "actions/cache/restore"),
        ("publish.yml", "actions/cache/save"),
        ("pr.yml", "actions/cache/restore"),
    }
    keys = set()
    for name, step in found:
        given = step["with"]
        assert given["path"] == PDF_CACHE, (name, given)  # the cache's version hashes the path: one spelling
        keys.add(given["key"])
        if action(step) == "actions/cache/restore":  # the newest entry saved under the prefix, when no exact hit
            assert given["restore-keys"] == "pdf-cache-", (name, given)
        else:
            assert "restore-keys" not in given
    # One key, new on every run: a key that repeated would be restored as an exact hit and never
    # saved again (a saved entry is never overwritten), freezing the cache at its first contents.
    assert keys == {"pdf-cache-${{ github.run_id }}-${{ github.run_attempt }}"}


def test_only_runs_on_main_can_write_the_pdf_cache() -> None:
    """GitHub scopes caches by branch; main reads only what runs on main saved (see publish.yml)."""
    savers = [(name, action(step)) for name, step in cache_steps() if action(step) != "actions/cache/restore"]
    assert set(savers) == {("publish.yml", "actions/cache/save")}  # never actions/cache, which saves when its job ends
    assert workflow("publish.yml")["on"] == {"push": {"branches": ["main"]}}


def test_the_build_job_keeps_the_build_cache_and_the_pages_it_vouches_for() -> None:
    """Each push to main builds incrementally: the build job restores what the last one kept (the generator's
    and MkDocs' kept work, and the generated pages it vouches for) before it builds, and saves it after."""
    project = Project(REPO)
    wanted = {p.relative_to(REPO).as_posix() for p in (project.cache_dir, project.generated_dir)}
    found = cache_steps("build-cache-")
    assert {(name, action(step)) for name, step in found} == {
        ("publish.yml", "actions/cache/restore"),
        ("publish.yml", "actions/cache/save"),
    }
    for _, step in found:
        assert set(step["with"]["path"].split()) == wanted
        assert step["with"]["key"] == "build-cache-${{ github.run_id }}-${{ github.run_attempt }}"
    build = workflow("publish.yml")["jobs"]["build"]
    order = [position(build, name) for name in ("actions/cache/restore", "make site", "actions/cache/save")]
    assert order == sorted(order)


def test_pdfs_render_in_shards_that_cover_every_brief_once() -> None:
    job = workflow("publish.yml")["jobs"]["pdf"]
    render = next(step for step in job["steps"] if "brief pdf" in step.get("run", ""))
    match = SHARD_COMMAND.fullmatch(render["run"])
    assert match, render["run"]
    assert render["env"] == {"SHARD": "${{ matrix.shard }}"}
    count = int(match.group(1))
    assert count >= 2 and job["strategy"]["matrix"] == {"shard": list(range(1, count + 1))}
    assert job["name"] == f"Render PDFs (shard ${{{{ matrix.shard }}}} of {count})"

    order = [
        position(job, name)
        for name in (
            "actions/checkout",
            "actions/cache/restore",
            "make .venv/.site-installed",
            ".venv/bin/brief pdf",
            "actions/upload-artifact",
        )
    ]
    assert order == sorted(order), "restore the cache, install, render, then hand the cache on"
    assert "node_modules/.installed" in the_step(job, "make .venv/.site-installed")["run"], "the pinned fonts"
    upload = the_step(job, "actions/upload-artifact")["with"]
    assert upload["path"].rstrip("/") == PDF_CACHE
    names = {upload["name"].replace("${{ matrix.shard }}", str(shard)) for shard in range(1, count + 1)}
    assert len(names) == count, "each shard needs its own artifact"

    build = workflow("publish.yml")["jobs"]["build"]
    gather = the_step(build, "actions/download-artifact")["with"]
    assert all(fnmatchcase(name, gather["pattern"]) for name in names), (names, gather)
    assert not fnmatchcase("github-pages", gather["pattern"])


def test_the_site_is_built_from_every_shards_pdfs_and_the_cache_saved_after() -> None:
    jobs = workflow("publish.yml")["jobs"]
    build = jobs["build"]
    assert build["needs"] == "pdf", "the build waits for every shard of the matrix"
    gather = the_step(build, "actions/download-artifact")["with"]
    assert gather["path"] == PDF_CACHE and gather["merge-multiple"] is True  # one cache, not a folder per shard
    order = [
        position(build, name)
        for name in (
            "actions/checkout",
            "actions/download-artifact",
            "make site",
            "actions/cache/save",
            "actions/upload-pages-artifact",
        )
    ]
    assert order == sorted(order), "gather the PDFs, build, save the cache, then upload the site"
    assert jobs["deploy"]["needs"] == "build"


def test_the_pull_request_restores_the_pdf_cache_before_it_builds() -> None:
    (job,) = workflow("pr.yml")["jobs"].values()
    restores = [index for index, step in enumerate(job["steps"]) if action(step) == "actions/cache/restore"]
    assert restores == [restores[0]] and restores[0] < position(job, "make site DRAFTS=1")


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_jobs_that_make_pdfs_check_out_the_whole_history(path: Path) -> None:
    """A PDF is stamped with the last commit that changed its brief (generator/publish/provenance.py). In a
    shallow clone that commit is always HEAD, so every push would change, and render, every PDF."""
    makers = [
        job
        for job in workflow(path.name)["jobs"].values()
        if any(re.match(r"make site|\.venv/bin/brief pdf", step.get("run", "")) for step in job["steps"])
    ]
    assert makers
    for job in makers:
        assert the_step(job, "actions/checkout")["with"]["fetch-depth"] == 0, job["name"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_job_is_time_limited_and_keeps_no_credentials(path: Path) -> None:
    for job in workflow(path.name)["jobs"].values():
        assert 0 < job["timeout-minutes"] <= 60, job["name"]
        for step in job["steps"]:
            if action(step) == "actions/checkout":
                assert step["with"]["persist-credentials"] is False, job["name"]


def test_a_pdfs_cache_name_changes_with_each_of_its_inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every input of a PDF is in its digest, so no actions/cache key can make a stale PDF be served.

    (tests/test_pdf.py, test_only_changed_briefs_are_rendered_again, shows it end to end for a
    changed brief; this names each input.) Module-level text constants of generator/publish/pdf.py, such as
    FORMAT, are rendering settings and must all be in the digest.
    """
    import weasyprint

    monkeypatch.setattr(pdf, "font_fingerprints", lambda: ("DejaVuSans.ttf:aaaa",))
    (tmp_path / "site" / "img").mkdir(parents=True)
    (tmp_path / "site" / "img" / "map.svg").write_bytes(b"<svg>one</svg>")
    job = pdf.PrintJob("b", "<p>html</p>", "p { color: black }", tmp_path / "site", ("img/map.svg",))
    baseline = job.digest()

    # Not an input: the folder the site was built in (brief pdf and brief build use different scratch folders).
    (tmp_path / "elsewhere" / "img").mkdir(parents=True)
    (tmp_path / "elsewhere" / "img" / "map.svg").write_bytes(b"<svg>one</svg>")
    assert pdf.PrintJob("b", job.html, job.css, tmp_path / "elsewhere", job.assets).digest() == baseline

    changed: dict[str, str] = {
        "html": pdf.PrintJob("b", "<p>html!</p>", job.css, job.base, job.assets).digest(),
        "css": pdf.PrintJob("b", job.html, "p { color: red }", job.base, job.assets).digest(),
        "asset list": pdf.PrintJob("b", job.html, job.css, job.base, ()).digest(),
    }
    (tmp_path / "site" / "img" / "map.svg").write_bytes(b"<svg>two</svg>")
    changed["asset bytes"] = job.digest()
    (tmp_path / "site" / "img" / "map.svg").write_bytes(b"<svg>one</svg>")
    assert job.digest() == baseline
    with monkeypatch.context() as patch:
        patch.setattr(pdf, "font_fingerprints", lambda: ("DejaVuSans.ttf:bbbb",))
        changed["fonts"] = job.digest()
    with monkeypatch.context() as patch:
        patch.setattr(weasyprint, "__version__", weasyprint.__version__ + ".post1")
        changed["WeasyPrint version"] = job.digest()
    settings = [name for name, value in vars(pdf).items() if name.isupper() and isinstance(value, str)]
    assert "FORMAT" in settings
    for name in settings:
        with monkeypatch.context() as patch:
            patch.setattr(pdf, name, getattr(pdf, name) + "+changed")
            changed[name] = job.digest()

    assert job.digest() == baseline
    assert baseline not in changed.values(), [what for what, digest in changed.items() if digest == baseline]
    assert len(set(changed.values())) == len(changed)


@pytest.mark.site
def test_site_has_no_dot_files_that_pages_would_drop(paris_site: BuiltSite) -> None:
    """upload-pages-artifact leaves out dot-files; the site must not need any."""
    hidden = [p for p in paris_site.site.rglob(".*")]
    assert hidden == []


# --- pre-commit ------------------------------------------------------------------------


def hooks() -> dict[str, dict[str, Any]]:
    config = load_file(REPO / ".pre-commit-config.yaml").data
    return {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}


def run_hook(hook: dict[str, Any], files: list[str], root: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run a hook the way pre-commit does: its entry in the project root, plus the matching files.

    Entries name what `make test` installs in .venv/bin; here they run from this interpreter's venv.
    """
    program, *arguments = hook["entry"].split()
    assert program.startswith(".venv/bin/"), program
    command = [str(BIN / program.removeprefix(".venv/bin/")), *arguments]
    if hook.get("pass_filenames", True):
        command += [f for f in files if re.search(hook["files"], f)]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=False)


def test_pre_commit_hooks_cover_the_briefs() -> None:
    found = hooks()
    assert set(found) == {"brief-check", "brief-jsonschema", "brief-schema-fresh"}
    for hook_id in ("brief-check", "brief-jsonschema"):
        pattern = re.compile(found[hook_id]["files"])
        assert pattern.search("briefs/paris-talks-2025.yaml") and pattern.search("briefs/new.yml")
        assert not pattern.search("briefs/sources/000_6e6fb24db606a0cb.txt")
        assert not pattern.search("docs/index.md")
    assert re.search(found["brief-schema-fresh"]["files"], "generator/model/brief.py")


def test_pre_commit_hooks_pass_on_the_repository() -> None:
    for hook in hooks().values():
        result = run_hook(hook, ["briefs/paris-talks-2025.yaml", "generator/model/brief.py"])
        assert result.returncode == 0, hook["id"] + result.stdout + result.stderr


def test_pre_commit_hooks_stop_a_typo(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project.root / "schema").symlink_to(REPO / "schema")
    brief = project.briefs_dir / "paris-talks-2025.yaml"
    brief.write_text(brief.read_text(encoding="utf-8").replace("\n    role:", "\n    rol:", 1), encoding="utf-8")
    for hook_id in ("brief-check", "brief-jsonschema"):
        result = run_hook(hooks()[hook_id], ["briefs/paris-talks-2025.yaml"], project.root)
        assert result.returncode == 1, hook_id
        assert "'rol'" in result.stdout + result.stderr, hook_id
