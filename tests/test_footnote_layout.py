"""Every footnote on the page of its call: where the layout cannot keep one there, the notes go inline."""

from __future__ import annotations

import shutil
from pathlib import Path

from brief_variants import BASE, FIXTURES, variant
from conftest import make_project, run_brief
from pypdf import PdfReader
from weasyprint import HTML

from generator.publish.footnote_layout import MisplacedFootnote, misplaced_footnotes

STYLE = "<style>@page { size: A6; margin: 10mm } .fn { float: footnote; footnote-policy: line } p { margin: 0 }</style>"


def _paragraphs(count: int) -> str:
    return "".join(f"<p>Paragraph {i}<span class='fn'>Note {i}.</span></p>" for i in range(count))


def test_footnotes_that_fit_are_on_the_page_of_their_call() -> None:
    assert misplaced_footnotes(HTML(string=STYLE + _paragraphs(40)).render()) == []


def test_a_footnote_too_tall_for_its_page_is_found_with_its_number_and_pages() -> None:
    tall = "<p>Big<span class='fn'>A long note. " + "long " * 400 + "</span> after.</p>"
    document = HTML(string=STYLE + _paragraphs(3) + tall + _paragraphs(3)).render()
    first = misplaced_footnotes(document)[0]
    assert first.number == 4 and first.note_page == first.call_page + 1  # the line moved, its note could not follow
    assert isinstance(first, MisplacedFootnote)


def test_a_brief_whose_footnotes_cannot_fit_gets_inline_notes_and_the_build_names_brief_and_footnote(
    tmp_path: Path,
) -> None:
    """An editor's ordinary edit: one sentence citing a dozen long passages, whose notes fill more than a page."""
    sources = tmp_path / "sources"
    shutil.copytree(FIXTURES / "sources", sources)
    passages = [
        f"Jane Doe said in part {n} that " + " ".join(["the talks went on and on"] * 60) + "." for n in range(12)
    ]
    (sources / "long.txt").write_text("\n".join(passages) + "\n", encoding="utf-8")
    cites = "".join(f'          - {{source: long, quote: "{p[:-1]}"}}\n' for p in passages)
    text = variant(
        "    kind: blog-post\n",
        "    kind: blog-post\n  - id: long\n    file: long.txt\n"
        "    label: Long statement\n    kind: official-statement\n",
        BASE,
    )
    text = variant(
        "      - says: The two delegations held talks.\n",
        "      - says: Jane Doe spoke at length.\n"
        f"        cite:\n{cites}      - says: The two delegations held talks.\n",
        text,
    )
    project = make_project(tmp_path / "project", {"geneva.yaml": text}, sources=sources)
    assert run_brief(project.root, "check").returncode == 0
    result = run_brief(project.root, "pdf", "--out", str(tmp_path / "pdfs"))
    assert result.returncode == 0, result.stderr  # what the check accepts builds
    notice = next(line for line in result.stderr.splitlines() if line.startswith("notice: geneva-talks: footnote "))
    assert " of the PDF is printed on page " in notice and "with its call" in notice and "printed inline" in notice
    pdf = tmp_path / "pdfs" / "geneva-talks.pdf"
    pages = [squash(page.extract_text()) for page in PdfReader(pdf).pages]
    # every note now stands in brackets after its sentence, on its page
    assert any("Jane Doe spoke at length. [Long statement, paragraph 1:" in page for page in pages), pages[:3]


def squash(text: str) -> str:
    return " ".join(text.split())
