"""Fuzzing: generated valid briefs are accepted and render; mutated ones are refused in
the documented ``FILE:LINE:COLUMN: message [code]`` format, never with a traceback."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import hostile_brief
import pytest
import yaml
from conftest import FIXTURES, make_project, run_brief
from html_hazards import scan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.model.archive import Archive
from generator.model.brief import RESERVED_IDS, SLUG_PATTERN
from generator.model.errors import BriefErrors, BuildFailed
from generator.model.load import load_bytes
from generator.model.source_names import MENTION
from generator.model.validate import validate_document
from generator.pages.page import BriefInput
from generator.pages.site_pages import render_site
from generator.pages.template_env import environment
from generator.pipeline import build_site

ARCHIVE = Archive(FIXTURES / "sources")
ENV = environment()  # compiled once: templates are the same for every example
FORMAT = re.compile(
    r"(?P<file>[^\n]+):(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*): (?P<message>.+) \[(?P<code>[a-z0-9-]+)\]"
)
NAME = "fuzz.yaml"
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- valid briefs ----------------------------------------------------------------------------

_HIDDEN = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029\x85\ufffe\uffff"
_PUNCTUATION = "<>&\"'`*_[](){}#!|\\-+.:;=/%~^$@ \n{%}{{}}abc"
"""Markdown, HTML, YAML and Jinja punctuation: the characters that would turn text into markup."""
text = (
    st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=_HIDDEN), min_size=1, max_size=16)
    | st.text(st.sampled_from(_PUNCTUATION), min_size=1, max_size=24).filter(str.strip)
    | st.sampled_from(hostile_brief.PAYLOADS[:-1])
).filter(lambda t: not MENTION.search(t))
"""Text of every kind, except a source's id in braces, which names a source (tested in test_source_names)."""
ids = st.from_regex(SLUG_PATTERN, fullmatch=True).filter(
    lambda s: len(s) <= 40 and s not in RESERVED_IDS and not re.fullmatch(r"q-[0-9a-f]{10}|.+-(text|p[0-9]+)", s)
)
days = st.dates().map(lambda d: d.isoformat()).filter(lambda s: len(s) == 10)


def _quotes(file: str) -> st.SearchStrategy[str]:
    words = ARCHIVE.get(file).text.split()  # type: ignore[union-attr]
    return (
        st.tuples(st.integers(0, len(words) - 2), st.integers(1, 6))
        .map(lambda t: " ".join(words[t[0] : t[0] + t[1]]))
        .filter(lambda q: len(q) >= 3)
    )


def _citation(source: str, file: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"source": st.just(source), "quote": _quotes(file)}, optional={"note": text})


citations = st.lists(_citation("report", "report.txt") | _citation("blog", "blog.txt"), min_size=1, max_size=2)
when = st.fixed_dictionaries(
    {"date": days, "basis": st.just("stated")}, optional={"approximate": st.booleans(), "note": text}
)
LATEST = "9999-12-31"
"""Both sources are dated after every drawn day, so their words can report anything as done."""


@st.composite
def _cited_claim(draw: st.DrawFn) -> dict[str, Any]:
    """A sentence that repeats its first quote, so every name, number and date in it is supported."""
    cite = draw(citations)
    return {"says": cite[0]["quote"], "cite": cite, **({"inferred": draw(text)} if draw(st.booleans()) else {})}


absence_claim = text.map(lambda t: {"says": f"The sources do not say: {t}", "absence": True})
"""A sentence about what the sources lack: it cites nothing, so any text may follow its negation."""
claim = _cited_claim() | absence_claim
prose = st.lists(claim, min_size=1, max_size=3)


@st.composite
def valid_briefs(draw: st.DrawFn) -> dict[str, Any]:
    """A brief that conforms to the model, quoting the fixture sources."""
    unique = draw(
        st.lists(ids, min_size=6, max_size=6, unique=True).filter(lambda xs: not {"report", "blog"} & set(xs))
    )
    brief_id, side, person, item, question, extra = unique
    # An agenda item's title and place may say nothing its citations do not: they repeat quotes it cites.
    title, place = draw(_citation("report", "report.txt")), draw(_citation("blog", "blog.txt"))
    return {
        "format": 2,
        "id": brief_id,
        "title": draw(text),
        "summary": draw(prose),
        "place": draw(text),
        "when": {
            **draw(when),
            "basis": "inferred",
            "note": "Dated for this test.",
        },  # a brief's stated date needs a quote
        "tags": draw(st.lists(ids, max_size=2, unique=True)),
        **({"citations": draw(citations)} if draw(st.booleans()) else {}),
        "sources": [
            {
                "id": "report",
                "file": "report.txt",
                "label": draw(text),
                "kind": "news-report",
                "published": {"date": LATEST, "basis": "stated"},
                "reliability": draw(st.lists(claim, max_size=2)),
            },
            {
                "id": "blog",
                "file": "blog.txt",
                "label": draw(text),
                "kind": "blog-post",
                "published": {"date": LATEST, "basis": "stated"},
                **({"url": "https://example.org/" + extra} if draw(st.booleans()) else {}),
            },
        ],
        # The position below cites words naming its side: "Jane Doe" is one of the side's names.
        "sides": [{"id": side, "name": draw(text), "variants": [*draw(st.lists(text, max_size=1)), "Jane Doe"]}],
        "participants": [
            {
                "id": person,
                "name": draw(text),
                "variants": draw(st.lists(text, max_size=2)),
                "role": draw(prose),
                "side": side,
                "presence": draw(st.sampled_from(["present", "absent", "unknown"])),
                "citations": draw(citations),
                # 'absent' rests on an inference, as the check requires; any presence may have a note.
                "presence_note": [
                    {"says": "The sources do not place them there.", "absence": True, "inferred": draw(text)}
                ],
            }
        ],
        "agenda": [
            {
                "id": item,
                "title": title["quote"],
                "when": draw(when),
                "kind": "talks",
                "status": "held",
                "place": place["quote"],
                "summary": draw(prose),
                "participants": [person],
                "citations": [title, place, *draw(citations)],
            }
        ],
        "open_questions": [
            {
                "id": question,
                "question": draw(text),
                "why_it_matters": draw(prose),
                "positions": [
                    {
                        "side": side,
                        "position": draw(prose),
                        "citations": [{"source": "report", "quote": "Jane Doe"}, *draw(citations)],
                    }
                ],
                **({"citations": draw(citations)} if draw(st.booleans()) else {}),
            }
        ],
    }


class _Dumper(yaml.SafeDumper):
    """Quotes every string the brief loader would read as a number.

    PyYAML follows YAML 1.1, where ``08`` is text and is written unquoted; the
    loader reads it as YAML 1.2 does, as the number 8.
    """


_Dumper.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))


def _dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False).encode("utf-8")


def _check(raw: bytes) -> tuple[Any, list[str]]:
    """Run the check stage; return the brief (or None) and the errors as printed."""
    try:
        brief = validate_document(load_bytes(raw, NAME), ARCHIVE)
    except BriefErrors as exc:
        return None, [str(e) for e in exc.errors]
    return brief, []


def _assert_documented(errors: list[str], raw: bytes) -> None:
    assert errors
    lines = raw.count(b"\n") + 2
    for error in errors:
        match = FORMAT.fullmatch(error)
        assert match, error
        assert match["file"] == NAME and int(match["line"]) <= lines, error


@FAST
@given(valid_briefs())
def test_valid_briefs_are_accepted_and_render(data: dict[str, Any]) -> None:
    brief, errors = _check(_dump(data))
    assert errors == []
    pages = render_site(
        [BriefInput(brief, {"report": ARCHIVE.get("report.txt"), "blog": ARCHIVE.get("blog.txt")})], ENV
    )
    assert {p.path for p in pages} >= {f"{brief.id}/index.md", f"{brief.id}/people.md", f"{brief.id}/sources.md"}


# --- mutated briefs --------------------------------------------------------------------------

HAZARDS = [
    *hostile_brief.PAYLOADS,
    "\x1b[31m",
    "a\u202eb",
    "\x00",
    "yes",
    "no",
    "1:30",
    "2025-13-45",
    "../../etc/passwd",
    "javascript:alert(1)",
    "",
    " ",
    "9" * 30,
]
ODD_VALUES = st.sampled_from([None, True, 0, -1, 10**20, 1.5, [], {}, ["x"], {"k": "v"}, "", *HAZARDS])


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


def _mutate(data: dict[str, Any], draw: st.DrawFn) -> Any:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        target = draw(st.sampled_from(paths))
        parent = data
        for part in target[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["drop", "unknown", "replace", "hazard"]))
        if action == "drop":
            del parent[target[-1]]
        elif action == "unknown" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["summry", "x", "ID", "<script>", "on"]))] = draw(ODD_VALUES)
        elif action == "hazard":
            parent[target[-1]] = draw(st.sampled_from(HAZARDS))
        else:
            parent[target[-1]] = draw(ODD_VALUES)
    return data


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    """A valid brief, changed structurally and then, sometimes, byte by byte."""
    raw = _dump(_mutate(draw(valid_briefs()), draw)) if draw(st.booleans()) else _dump(draw(valid_briefs()))
    for _ in range(draw(st.integers(0, 3))):
        position = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "truncate", "replace"]))
        chunk = draw(
            st.binary(min_size=1, max_size=4)
            | st.sampled_from(
                [
                    b"\t",
                    b": ",
                    b"- ",
                    b"&a ",
                    b"*a",
                    b"!!python/object ",
                    b"\n---\n",
                    b"'",
                    b'"',
                    b"{",
                    b"[",
                    b"\xef\xbb\xbf",
                    b"\xff",
                    b"\n  ",
                    "\u202e".encode(),
                ]
            )
        )
        if action == "insert":
            raw = raw[:position] + chunk + raw[position:]
        elif action == "delete":
            raw = raw[:position] + raw[position + len(chunk) :]
        elif action == "truncate":
            raw = raw[:position]
        else:
            raw = raw[:position] + chunk + raw[position + len(chunk) :]
    return raw


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_bytes())
def test_mutated_briefs_are_accepted_or_refused_in_the_documented_format(raw: bytes) -> None:
    brief, errors = _check(raw)
    if brief is None:
        _assert_documented(errors, raw)
    else:
        render_site([BriefInput(brief, {"report": ARCHIVE.get("report.txt"), "blog": ARCHIVE.get("blog.txt")})], ENV)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(raw: bytes) -> None:
    brief, errors = _check(raw)
    assert brief is None
    _assert_documented(errors, raw)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(raw=mutated_bytes())
def test_cli_reports_mutated_briefs_in_the_documented_format(raw: bytes, tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(raw)
    (tmp_path / "sources").mkdir(exist_ok=True)
    for source in ("report.txt", "blog.txt"):
        (tmp_path / "sources" / source).write_bytes((FIXTURES / "sources" / source).read_bytes())
    result = run_brief(tmp_path, "check", NAME, timeout=120)
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        assert result.stdout.startswith("ok: 1 brief(s) checked")
        return
    assert result.returncode == 1
    *lines, summary = result.stderr.splitlines()
    assert re.fullmatch(r"[0-9]+ error\(s\) in 1 file\(s\)", summary)
    _assert_documented(lines, raw)


@settings(
    max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(data=valid_briefs())
def test_generated_briefs_build_with_mkdocs_into_inert_pages(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = make_project(tmp_path_factory.mktemp("fuzz") / "project", {NAME: _dump(data).decode("utf-8")})
    try:
        build_site(project, pdf=False, offline=False)  # the HTML is what must be inert
    except BuildFailed as exc:  # pragma: no cover - reported with its errors
        pytest.fail(f"{exc}: {[str(e) for e in exc.errors]}")
    for page in (project.site_dir / "briefs" / data["id"]).rglob("*.html"):
        hazards = scan(page.read_text(encoding="utf-8")).hazards
        assert not [
            h for h in hazards if h[0] in ("event-handler", "url", "iframe", "object", "embed", "style-attribute")
        ], hazards
        assert not [h for h in hazards if h[0] == "script" and "alert" in h[-1]], hazards
