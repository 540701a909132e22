"""The reader's pages, data files and head metadata in the real MkDocs build of the Paris brief."""

from __future__ import annotations

import json
import re

import icalendar
import jsonschema
from conftest import MINIMAL, BuiltSite

from generator.model.brief import Brief


def _page(site: BuiltSite, path: str) -> str:
    return (site.site / path).read_text(encoding="utf-8")


def test_reader_pages_exist(paris_site: BuiltSite) -> None:
    for path in (
        "briefs/paris-talks-2025/disagreements/index.html",
        "briefs/people/index.html",
        "briefs/people/volodymyr-zelensky/index.html",
        "briefs/people/andriy-yermak/index.html",
        "briefs/tags/index.html",
    ):
        assert (paris_site.site / path).is_file(), path


def test_overview_has_timeline_chart_and_links_to_the_rest(paris_site: BuiltSite) -> None:
    html = _page(paris_site, "briefs/paris-talks-2025/index.html")
    assert '<div class="timeline" data-search-exclude><svg' in html
    assert '<div class="impact-chart" data-search-exclude><svg' in html
    assert 'href="#elysee-talks"' in html and 'id="elysee-talks"' in html
    for target in ('href="disagreements/"', 'href="brief.json"', 'href="agenda.ics"', 'href="../tags/diplomacy/"'):
        assert target in html, target
    assert "single weak source" in html
    # Not a git checkout: the update log says so instead of inventing dates.
    assert "Not tracked" in html and "Updated:</strong> not tracked" in html


def test_json_ld_in_the_head_is_an_event(paris_site: BuiltSite) -> None:
    html = _page(paris_site, "briefs/paris-talks-2025/index.html")
    head = html.split("</head>")[0]
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.DOTALL)
    assert len(scripts) == 1
    data = json.loads(scripts[0])
    assert data["@type"] == "Event" and data["name"] == "Paris talks on the war in Ukraine, April 2025"
    other = _page(paris_site, "briefs/paris-talks-2025/people/index.html")
    assert "application/ld+json" not in other


def test_published_json_and_calendar(paris_site: BuiltSite) -> None:
    folder = paris_site.site / "briefs" / "paris-talks-2025"
    data = json.loads((folder / "brief.json").read_text(encoding="utf-8"))
    assert '"says": "According to {src-' in json.dumps(data), "a source named in a sentence stays its id in braces"
    jsonschema.validate(data, Brief.model_json_schema())
    assert Brief.model_validate(data).id == "paris-talks-2025"
    calendar = icalendar.Calendar.from_ical((folder / "agenda.ics").read_bytes())
    assert len(calendar.walk("VEVENT")) == 9


def test_disagreements_page_sets_citations_side_by_side(paris_site: BuiltSite) -> None:
    html = _page(paris_site, "briefs/paris-talks-2025/disagreements/index.html")
    discrepancies = Brief.model_validate_json(_page(paris_site, "briefs/paris-talks-2025/brief.json")).discrepancies
    assert len(discrepancies) >= 5
    assert html.count('class="side-by-side"') == len(discrepancies)
    assert 'id="source-src-000-forum-post"' in html and "Resting on this source alone" in html
    assert '<div class="side-card">' in html and "markdown=" not in html


def test_person_page_lists_variants_and_links_back(paris_site: BuiltSite) -> None:
    html = _page(paris_site, "briefs/people/volodymyr-zelensky/index.html")
    assert "Zelenskyy" in html and "Volodymyr Zelenskyy" in html
    assert (
        'href="../../paris-talks-2025/index.html#zelensky-kyiv-remarks"' in html
        or 'href="../../paris-talks-2025/#zelensky-kyiv-remarks"' in html
    )
    assert "../../paris-talks-2025/sources/#q-" in html


def test_hostile_text_stays_text_on_every_reader_page(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    import yaml
    from conftest import FIXTURES, make_project

    from generator.pipeline import build_site

    data = yaml.safe_load(MINIMAL)
    attack = "</script><script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))"
    data["title"] = attack
    data["participants"][0]["name"] = attack
    data["participants"][0]["variants"] = [attack, "Jane Doe"]  # her position cites words naming "Jane Doe"
    data["agenda"][0]["title"] = attack
    data["impact_events"][0]["title"] = attack
    data["discrepancies"][0]["title"] = attack
    # An entry's title says nothing its citations do not: a source holding the attack backs the two titles.
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "sources", sources)
    (sources / "attack.txt").write_text(f"The post reads: {attack}\n", encoding="utf-8")
    data["sources"].append({"id": "attack", "file": "attack.txt", "label": "Attack", "kind": "forum-post"})
    for entry in (data["agenda"][0], data["impact_events"][0]):
        entry["citations"] = [{"source": "attack", "quote": attack}]
    project = make_project(tmp_path / "project", {"minimal.yaml": yaml.safe_dump(data, allow_unicode=True)}, sources)
    build_site(project, pdf=False, offline=False)  # HTML pages only; hostile_site in test_hostile_inject builds all
    pages = list((project.site_dir / "briefs").rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<img src=x" not in html, page
        assert 'href="javascript:' not in html, page
    head = (project.site_dir / "briefs" / "geneva-talks" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    script = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.DOTALL)
    assert json.loads(script[0])["name"] == attack


class _RunningText(__import__("html.parser").parser.HTMLParser):
    """The visible running text of a page: no code, no scripts, no archived source text, no citation marks."""

    SKIPPED = frozenset({"code", "script", "style", "svg", "sup"})

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.skipping or tag in self.SKIPPED or "source-text" in classes:
            self.skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and self.skipping[-1] == tag:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.text.append(data)


def test_no_running_text_calls_a_source_by_a_bare_number(paris_site: BuiltSite) -> None:
    brief = Brief.model_validate(json.loads(_page(paris_site, "briefs/paris-talks-2025/brief.json")))
    numbers = {re.match(r"\d+", s.file).group() for s in brief.sources if re.match(r"\d+", s.file)}  # type: ignore[union-attr]
    assert numbers, "the Paris sources are filed under numbers"
    bare = re.compile(r"(?<![\w.,/#-])(" + "|".join(sorted(numbers)) + r")(?![\w]|[.,]\d)")
    pages = sorted((paris_site.site / "briefs" / "paris-talks-2025").rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        parser = _RunningText()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(" ".join(parser.text).split())
        found = [text[max(0, m.start() - 40) : m.end() + 20] for m in bare.finditer(text)]
        assert not found, f"{page.relative_to(paris_site.site)}: {found[:3]}"
    overview = _page(paris_site, "briefs/paris-talks-2025/index.html")
    assert 'class="source-name"' in overview and 'href="sources/#src-002-blog-post"' in overview
