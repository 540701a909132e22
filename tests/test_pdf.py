"""The PDF of a brief, read back with pypdf: content, contents page, footnotes, fonts,
reproducibility and the render cache. The Paris brief's PDF comes from the real
site build (``paris_site``); smaller documents exercise single behaviours."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import MINIMAL, REPO, BuiltSite, make_project
from pypdf import PdfReader

from generator.cli import main
from generator.model.brief import all_citations
from generator.model.errors import BuildFailed
from generator.pages.wording import when_text
from generator.pipeline import assemble, build_site, check
from generator.publish import pdf, print_html
from generator.system.content_cache import ContentCache

PX_PER_MM = 96 / 25.4
PAGE_HEIGHT = 297 * PX_PER_MM
TOP_MARGIN, BOTTOM_MARGIN = 20 * PX_PER_MM, 22 * PX_PER_MM  # as in generator/publish/templates/brief.css


def squash(text: str) -> str:
    return " ".join(text.split())


def compact(text: str) -> str:
    """Text without any whitespace: extraction puts a space where a line broke after a hyphen."""
    return re.sub(r"\s+", "", text)


@dataclass
class Chunk:
    text: str
    size: float
    font: str
    y: float
    drawn: bool = False
    """Text of an inline drawing (SVG): placed by the drawing's own transform, so ``y`` is not on the page."""


@dataclass
class PdfPage:
    number: int
    chunks: list[Chunk] = field(default_factory=list)

    def _join(self, keep) -> str:  # type: ignore[no-untyped-def]
        return squash(" ".join(c.text for c in self.chunks if keep(c)))

    @property
    def header(self) -> str:
        return self._join(lambda c: not c.drawn and c.y < TOP_MARGIN)

    @property
    def footer(self) -> str:
        return self._join(lambda c: not c.drawn and c.y > PAGE_HEIGHT - BOTTOM_MARGIN)

    @property
    def body(self) -> str:
        return self._join(lambda c: c.drawn or TOP_MARGIN <= c.y <= PAGE_HEIGHT - BOTTOM_MARGIN)

    @property
    def flow(self) -> str:
        """The body without footnotes and calls, so that text running on over a page break joins up."""
        notes = max((c.size for c in self.chunks if re.fullmatch(r"\d+\. ?", c.text) and "Bold" in c.font), default=9.4)
        return self._join(lambda c: not c.drawn and TOP_MARGIN <= c.y <= PAGE_HEIGHT - BOTTOM_MARGIN and c.size > notes)

    def heading(self, text: str) -> bool:
        """Whether the page shows ``text`` as a heading: bold sans, larger than the body text.

        A long heading wraps: its lines are consecutive chunks of the same size, and a line that breaks
        after a hyphen ("high-" / "ranking") joins its next line without a space.
        """
        body = max((c.size for c in self.chunks if "Serif" in c.font), default=12.0)
        styled = [
            c
            if not c.drawn
            and "Sans-Bold" in c.font
            and c.size > body
            and TOP_MARGIN <= c.y <= PAGE_HEIGHT - BOTTOM_MARGIN
            else None
            for c in self.chunks
        ]
        for start, first in enumerate(styled):
            lines: list[str] = []
            for chunk in styled[start:]:
                if chunk is None or first is None or chunk.size != first.size:
                    break
                lines.append(chunk.text)
                if re.sub(r"- (?=\w)", "-", squash(" ".join(lines))) == re.sub(r"- (?=\w)", "-", text):
                    return True
        return False

    def markers(self) -> list[int]:
        """Footnote numbers printed in the footnote area ("12. ")."""
        return [
            int(c.text.strip()[:-1])
            for c in self.chunks
            if not c.drawn and "Bold" in c.font and re.fullmatch(r"\d+\. ?", c.text)
        ]

    def calls(self) -> list[int]:
        """Footnote call numbers in the text: bold digits smaller than the markers ("9,10")."""
        sizes = [c.size for c in self.chunks if "Bold" in c.font and re.fullmatch(r"\d+\. ?", c.text)]
        limit = min(sizes) if sizes else min((c.size for c in self.chunks), default=0) + 0.01
        found: list[int] = []
        for c in self.chunks:
            if not c.drawn and "Bold" in c.font and c.size < limit and re.fullmatch(r",?\d+(,\d+)*,?", c.text.strip()):
                found.extend(int(n) for n in c.text.strip().strip(",").split(","))
        return found


def read_pdf(path: Path) -> list[PdfPage]:
    pages = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        current = PdfPage(number)

        page_matrix = [0.75, 0.0, 0.0, -0.75, 0.0, float(page.mediabox.height)]  # CSS px from the top, in pt

        def visit(text, cm, tm, font, size, current=current, page_matrix=page_matrix):  # type: ignore[no-untyped-def]
            if text.strip():
                y = tm[5] * 1.0  # WeasyPrint's text matrix works in CSS px from the top of the page
                drawn = any(abs(a - b) > 0.01 for a, b in zip(cm, page_matrix))
                current.chunks.append(
                    Chunk(text, round(size, 2), str(font.get("/BaseFont", "")) if font else "", y, drawn)
                )

        page.extract_text(visitor_text=visit)
        pages.append(current)
    return pages


@pytest.fixture(scope="module")
def paris_pdf(paris_site: BuiltSite) -> Path:
    return paris_site.site / "briefs" / "paris-talks-2025" / "paris-talks-2025.pdf"


@pytest.fixture(scope="module")
def paris_pages(paris_pdf: Path) -> list[PdfPage]:
    return read_pdf(paris_pdf)


def test_pdf_is_published_and_linked_from_every_page_of_the_brief(paris_site: BuiltSite, paris_pdf: Path) -> None:
    assert paris_pdf.read_bytes().startswith(b"%PDF-")
    pages = paris_site.site / "briefs" / "paris-talks-2025"
    for page, href in (
        ("index.html", "paris-talks-2025.pdf"),
        ("people/index.html", "../paris-talks-2025.pdf"),
        ("disagreements/index.html", "../paris-talks-2025.pdf"),
        ("sources/index.html", "../paris-talks-2025.pdf"),
    ):
        html = (pages / page).read_text(encoding="utf-8")
        assert re.search(rf'<a class="pdf-download[^"]*" href="{re.escape(href)}">Download PDF</a>', html), page


def test_cover_names_the_brief_its_dates_place_summary_and_provenance(paris_pages: list[PdfPage], paris_brief) -> None:  # type: ignore[no-untyped-def]
    cover = paris_pages[0].body
    brief = paris_brief.brief
    assert squash(brief.title) in cover
    assert when_text(brief.when) in cover
    assert squash(brief.place) in cover
    # the key points (or the summary's leading sentences), as many as leave the cover one page
    shown = print_html.cover_summary(brief)
    assert shown.startswith((brief.key_points or brief.summary)[0].says) and compact(shown) in compact(cover)
    # the scratch project is not a git checkout: the cover says so rather than inventing a commit
    assert "Content as of an unrecorded date, no commit (not built from a git checkout)" in cover
    assert paris_pages[0].header == "" and paris_pages[0].footer == ""


def test_every_section_participant_and_source_of_the_brief_is_in_the_pdf(
    paris_pages: list[PdfPage], paris_brief
) -> None:  # type: ignore[no-untyped-def]
    text = squash(" ".join(p.flow for p in paris_pages))
    brief = paris_brief.brief
    expected = [
        "Timeline and agenda",
        "Impact",
        "Open questions",
        "Where the sources disagree or err",
        f"People: {brief.title}",
        f"Sources: {brief.title}",
    ]
    expected += [item.title for item in brief.agenda]
    expected += [event.title for event in brief.impact_events]
    expected += [question.question for question in brief.open_questions]
    expected += [item.title for item in brief.discrepancies]
    expected += [claim.says for item in brief.discrepancies for claim in item.explanation]
    expected += [person.name for person in brief.participants]
    expected += [source.label for source in brief.sources]
    expected += [note.says for source in brief.sources for note in source.reliability]
    missing = [squash(e) for e in expected if compact(e) not in compact(text)]
    assert not missing


def test_sections_come_in_the_order_of_the_web_pages(paris_pages: list[PdfPage], paris_brief) -> None:  # type: ignore[no-untyped-def]
    text = squash(" ".join(p.body for p in paris_pages[2:]))
    brief = paris_brief.brief
    order = [
        "Timeline and agenda",
        "Impact",
        "Open questions",
        "Where the sources disagree or err",
        f"People: {brief.title}",
        f"Sources: {brief.title}",
    ]
    positions = [text.index(squash(heading)) for heading in order]
    assert positions == sorted(positions)


def test_every_citation_is_a_footnote_with_its_source_and_quoted_words(paris_pages: list[PdfPage], paris_brief) -> None:  # type: ignore[no-untyped-def]
    text = compact(" ".join(p.body for p in paris_pages))
    brief = paris_brief.brief
    texts = {s.id: paris_brief.archive.get(s.file) for s in brief.sources}
    for citation in all_citations(brief):
        source = texts[citation.source]
        paragraph = source.paragraph_at(source.find(citation.quote)[0].start).number
        label = brief.source(citation.source).label
        note = f"{label}, paragraph {paragraph}: \u201c{squash(citation.quote)}\u201d"
        assert compact(note) in text, note


def test_each_footnote_is_printed_on_the_page_of_its_call(paris_pages: list[PdfPage]) -> None:
    every_call: list[int] = []
    for page in paris_pages:
        calls, markers = page.calls(), page.markers()
        assert sorted(calls) == sorted(markers), f"page {page.number}: calls {calls}, footnotes {markers}"
        every_call.extend(calls)
    assert every_call == list(range(1, len(every_call) + 1))
    assert len(every_call) > 150  # the Paris brief cites its sources 160-odd times


def test_contents_page_numbers_point_at_their_headings(paris_pages: list[PdfPage]) -> None:
    contents = paris_pages[1]
    assert contents.body.startswith("Contents")
    # In the tagged PDF each leader dot is a text run of its own: ". . . ." reads as one leader.
    body = re.sub(r"(?: ?\.){4,}", " ....", contents.body.removeprefix("Contents"))
    entries = re.findall(r"(\S(?:[^.]|\.(?!\.))*?) ?\.{4,} ?(\d+)", body)
    assert len(entries) >= 15
    chapters = ("Overview", "People", "Disagreements and errors", "Appendix: Sources")
    assert [title for title, _ in entries if title in chapters] == list(chapters)
    chapter_start = 3
    for title, number in entries:
        page = paris_pages[int(number) - 1]
        if title in chapters:
            # a chapter: its page is the first whose running head names it
            assert page.header.endswith(title) or f"\u00b7 {title}" in page.header, (title, page.header)
            assert f"\u00b7 {title}" not in paris_pages[int(number) - 2].header, title
            chapter_start = int(number)
        else:
            assert page.heading(title), (title, number)
            # the first page of its chapter to show it (another chapter may use the same words: a source's name)
            earlier = [p.number for p in paris_pages[chapter_start - 1 : int(number) - 1] if p.heading(title)]
            assert not earlier, (title, earlier)


def test_pages_have_running_heads_and_page_n_of_m(paris_pages: list[PdfPage], paris_brief) -> None:  # type: ignore[no-untyped-def]
    total = len(paris_pages)
    for page in paris_pages[1:]:
        assert page.footer == f"page {page.number} of {total}"
        assert page.header.startswith(paris_brief.brief.title)
    sections = {p.header.rsplit(" ", 2)[-1] for p in paris_pages[2:]}
    assert len(sections) > 3  # the right-hand head follows the section


def test_fonts_are_embedded_dejavu(paris_pdf: Path) -> None:
    fonts = {}
    for page in PdfReader(paris_pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (
                font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
                if "/DescendantFonts" in font
                else font["/FontDescriptor"]
            )
            fonts[str(font["/BaseFont"])] = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts and all(fonts.values()), fonts
    assert all("DejaVu" in name for name in fonts), fonts


def test_same_inputs_give_the_same_pdf_bytes(
    paris_site: BuiltSite, paris_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = check(paris_site.project)
    jobs, _ = pdf.print_jobs(paris_site.project, checked, assemble(paris_site.project, checked), paris_site.site)
    assert pdf.render_pdf(jobs[0]) == paris_pdf.read_bytes()


def test_source_date_epoch_fixes_the_generated_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1744977600")  # 18 April 2025 12:00 UTC
    text = MINIMAL
    project = make_project(tmp_path / "p", {"minimal.yaml": text})
    out = tmp_path / "out"
    assert main_in(project.root, ["pdf", "--out", str(out)]) == 0
    reader = PdfReader(out / "geneva-talks.pdf")
    assert "Content as of 18 April 2025, 12:00 UTC" in squash(reader.pages[0].extract_text())
    assert reader.metadata["/CreationDate"].startswith("D:20250418120000")
    again = tmp_path / "again"
    shutil.rmtree(project.root / "build")  # no cache: render again from scratch
    assert main_in(project.root, ["pdf", "--out", str(again)]) == 0
    assert (again / "geneva-talks.pdf").read_bytes() == (out / "geneva-talks.pdf").read_bytes()


def main_in(root: Path, argv: list[str]) -> int:
    import os

    saved = os.environ.get("BRIEF_ROOT")
    os.environ["BRIEF_ROOT"] = str(root)
    try:
        return main(argv)
    finally:
        if saved is None:
            os.environ.pop("BRIEF_ROOT", None)
        else:
            os.environ["BRIEF_ROOT"] = saved


def test_only_changed_briefs_are_rendered_again(tmp_path: Path) -> None:
    minimal = MINIMAL
    other = minimal.replace("id: geneva-talks", "id: geneva-talks-copy")
    assert other != minimal
    project = make_project(tmp_path / "p", {"a.yaml": minimal, "b.yaml": other})

    def rebuild() -> dict[str, bool]:
        build_site(project, pdf=False, offline=False)
        checked = check(project)
        results = pdf.build_brief_pdfs(project, checked, assemble(project, checked), project.site_dir)
        return {r.brief_id: r.rendered for r in results}

    assert rebuild() == {"geneva-talks": True, "geneva-talks-copy": True}
    assert rebuild() == {"geneva-talks": False, "geneva-talks-copy": False}
    brief_b = project.briefs_dir / "b.yaml"
    brief_b.write_text(
        other.replace("Shelling of Exampleville", "Shelling of Exampleville (revised)"), encoding="utf-8"
    )
    assert rebuild() == {"geneva-talks": False, "geneva-talks-copy": True}
    assert len(list((pdf.cache_dir(project) / "geneva-talks-copy").glob("*.pdf"))) == 1  # old one dropped


def test_a_brief_whose_pdf_inputs_did_not_change_gets_no_print_html(tmp_path: Path) -> None:
    """Making print HTML parses every web page of a brief; a brief whose inputs are those of its cached
    PDF skips it (a KeptJob), and one whose inputs changed, or whose PDF left the cache, does not."""
    other = MINIMAL.replace("id: geneva-talks", "id: geneva-talks-copy")
    project = make_project(tmp_path / "p", {"a.yaml": MINIMAL, "b.yaml": other})
    kept = ContentCache(project.cache_dir, "print-jobs")

    def jobs() -> dict[str, pdf.PrintJob | pdf.KeptJob]:
        build_site(project, pdf=False, offline=False)
        checked = check(project)
        made, _ = pdf.print_jobs(project, checked, assemble(project, checked), project.site_dir, kept=kept)
        return {job.brief_id: job for job in made}

    def kinds(made: dict[str, pdf.PrintJob | pdf.KeptJob]) -> dict[str, str]:
        return {brief_id: type(job).__name__ for brief_id, job in made.items()}

    first = jobs()
    assert kinds(first) == {"geneva-talks": "PrintJob", "geneva-talks-copy": "PrintJob"}
    assert kinds(jobs()) == kinds(first), "no PDF is cached yet"
    pdf.build_pdfs(list(first.values()), pdf.cache_dir(project))
    again = jobs()
    assert kinds(again) == {"geneva-talks": "KeptJob", "geneva-talks-copy": "KeptJob"}
    assert {i: j.digest() for i, j in again.items()} == {i: j.digest() for i, j in first.items()}
    (project.briefs_dir / "b.yaml").write_text(
        other.replace("Shelling of Exampleville", "Shelling of Exampleville (revised)"), encoding="utf-8"
    )
    assert kinds(jobs()) == {"geneva-talks": "KeptJob", "geneva-talks-copy": "PrintJob"}
    for cached in pdf.cache_dir(project).glob("geneva-talks/*.pdf"):
        cached.unlink()
    assert kinds(jobs())["geneva-talks"] == "PrintJob"


def test_briefs_render_in_parallel_processes(tmp_path: Path) -> None:
    minimal = MINIMAL
    project = make_project(
        tmp_path / "p", {"a.yaml": minimal, "b.yaml": minimal.replace("id: geneva-talks", "id: geneva-two")}
    )
    build_site(project, pdf=False, offline=False)
    checked = check(project)
    jobs, _ = pdf.print_jobs(project, checked, assemble(project, checked), project.site_dir)
    results = pdf.build_pdfs(jobs, tmp_path / "cache", workers=2)
    assert [r.rendered for r in results] == [True, True]
    for job, result in zip(jobs, results):
        assert result.path.read_bytes() == pdf.render_pdf(job)  # a worker's PDF equals an in-process one


def test_tables_split_across_pages_with_their_header_repeated(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>row {i}</td><td>{'words ' * 12}</td></tr>" for i in range(120))
    html = (
        "<html><body><section class='chapter'><h1 data-short='T'>T</h1><table><thead><tr><th>Name</th>"
        f"<th>Description</th></tr></thead><tbody>{rows}</tbody></table></section></body></html>"
    )
    out = tmp_path / "t.pdf"
    out.write_bytes(pdf.render_pdf(pdf.PrintJob("t", html, pdf.stylesheet(), tmp_path)))
    pages = read_pdf(out)
    assert len(pages) >= 3
    for page in pages:
        assert page.body.startswith("T Name Description") or page.body.startswith("Name Description"), page.body[:60]
    rows_seen = re.findall(r"row (\d+)", " ".join(p.body for p in pages))
    assert rows_seen == [str(i) for i in range(120)]  # no row lost or cut at a page end


def test_footnotes_stay_on_their_page_under_pressure(tmp_path: Path) -> None:
    """Many long footnotes near page ends (the case WeasyPrint issue 2502 broke with border-top)."""
    paragraphs = "".join(
        f"<p>Paragraph {i} {'text ' * (20 + i % 30)}<span class='footnote'>Source {i}, paragraph {i}: "
        f"<q>{'quoted words ' * (3 + i % 9)}</q></span></p>"
        for i in range(80)
    )
    html = f"<html><body><section class='chapter'><h1 data-short='F'>F</h1>{paragraphs}</section></body></html>"
    out = tmp_path / "f.pdf"
    out.write_bytes(pdf.render_pdf(pdf.PrintJob("f", html, pdf.stylesheet(), tmp_path)))
    pages = read_pdf(out)
    assert len(pages) > 3
    numbers: list[int] = []
    for page in pages:
        assert sorted(page.calls()) == sorted(page.markers()), page.number
        numbers.extend(page.calls())
    assert numbers == list(range(1, 81))


def test_nothing_is_fetched_from_the_network(tmp_path: Path) -> None:
    html = "<html><body><p>x <img src='https://example.invalid/x.png'></p></body></html>"
    with pytest.raises(pdf.PdfFailed, match="refusing to fetch https://example.invalid/x.png"):
        pdf.render_pdf(pdf.PrintJob("n", html, pdf.stylesheet(), tmp_path))
    outside = tmp_path.parent / "outside.png"
    html = f"<html><body><p>x <img src='{outside.as_uri()}'></p></body></html>"
    with pytest.raises(pdf.PdfFailed, match="outside the site"):
        pdf.render_pdf(pdf.PrintJob("n", html, pdf.stylesheet(), tmp_path / "site"))


def test_a_failed_pdf_leaves_the_previous_site_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = MINIMAL
    project = make_project(tmp_path / "p", {"minimal.yaml": text})
    build_site(project, pdf=False, offline=False)
    before = (project.site_dir / "index.html").read_bytes()
    monkeypatch.setattr(pdf, "FONT_DIR", tmp_path / "no-fonts")
    with pytest.raises(BuildFailed, match="font DejaVuSerif.ttf is missing"):
        build_site(project, offline=False)
    assert (project.site_dir / "index.html").read_bytes() == before
    assert not list(tmp_path.joinpath("p").glob("site.*"))


def test_pdf_command_names_an_unknown_brief(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = MINIMAL
    project = make_project(tmp_path / "p", {"minimal.yaml": text})
    assert main_in(project.root, ["pdf", "nope"]) == 1
    assert "no brief 'nope'; the briefs are: geneva-talks" in capsys.readouterr().err


def test_pdf_command_writes_into_the_site_by_default(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = MINIMAL
    project = make_project(tmp_path / "p", {"minimal.yaml": text})
    assert main_in(project.root, ["pdf", "geneva-talks"]) == 0
    assert (project.site_dir / "briefs" / "geneva-talks" / "geneva-talks.pdf").is_file()
    assert main_in(project.root, ["pdf"]) == 0
    assert "geneva-talks: unchanged (from the cache)" in capsys.readouterr().out


def test_the_timeline_is_drawn_with_its_marks_named_in_the_print_font(paris_pages: list[PdfPage], paris_brief) -> None:  # type: ignore[no-untyped-def]
    drawn = [c for p in paris_pages for c in p.chunks if c.drawn]
    words = squash(" ".join(c.text for c in drawn))
    assert "agenda item" in words and "impact event" in words  # the legend
    dated = [a.title for a in paris_brief.brief.agenda if a.when and len(a.title) < 50]
    assert dated and all(squash(title) in words for title in dated)
    assert all(c.font.split("+")[-1].startswith("DejaVu-Sans") for c in drawn), {c.font for c in drawn}


def test_pdf_is_tagged_for_screen_readers_with_language_and_title(paris_pdf: Path, paris_brief) -> None:  # type: ignore[no-untyped-def]
    """PDF/UA-1: a structure tree (headings, lists, tables, links), marked content, the language and the
    title shown in place of the file name, so a screen reader can follow the brief."""
    info = subprocess.run(["pdfinfo", str(paris_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), info
    assert re.search(rf"^Title:\s+{re.escape(paris_brief.brief.title)}$", info, re.MULTILINE), info
    catalog = PdfReader(paris_pdf).trailer["/Root"]
    assert catalog["/Lang"] == "en"
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    roles = _structure_roles(catalog["/StructTreeRoot"])
    for role in ("/H1", "/H2", "/P", "/L", "/LI", "/Table", "/TH", "/TD", "/Link"):
        assert role in roles, f"no {role} in the PDF's structure tree: {sorted(roles)}"


def _structure_roles(node: object, seen: set[str] | None = None, depth: int = 0) -> set[str]:
    """Every structure type (/S) under a PDF structure element."""
    seen = set() if seen is None else seen
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        if "/S" in node:
            seen.add(str(node["/S"]))
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            if depth < 60:
                _structure_roles(kid, seen, depth + 1)
    return seen


def test_the_pdf_benchmark_runs_to_its_figures(tmp_path: Path) -> None:
    """scripts/bench_pdf.py is no test, but it must run: once, on the fixture brief."""
    project = make_project(tmp_path / "project", {"minimal.yaml": MINIMAL})
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench_pdf.py"), "--workers", "1"],
        cwd=project.root,
        env={**os.environ, "BRIEF_ROOT": str(project.root)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"^geneva-talks +\d+ ", result.stdout, re.MULTILINE), result.stdout
    assert "all 1 brief(s) cold, in parallel:" in result.stdout
