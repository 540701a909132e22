"""`brief add-source`: a real news page (served over HTTP, saved to disk) or a PDF becomes an archived
text and a filled-in source entry, and the brief still passes `brief check` (generator/authoring/source_intake.py).

The pages are real-world pages committed as fixtures (tests/fixtures/pages/ORIGIN.md says where from).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, make_project, run_brief, serve

from generator.authoring.source_intake import clean_text, page_title
from generator.model.archive import SourceText
from generator.model.project import Project

PAGES = FIXTURES / "pages"
BRIEF = "briefs/wikipedia-in-turkey.yaml"


@pytest.fixture(scope="module")
def pages_url() -> Iterator[str]:
    yield from serve(PAGES)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """A project holding one brief made by `brief new`, as an editor starts."""
    project = make_project(tmp_path / "p", {})
    start = tmp_path / "notes.txt"
    start.write_text(
        "Access to Wikipedia was restored in Turkey on 15 January 2020, the foundation said.\n", encoding="utf-8"
    )
    made = run_brief(project.root, "new", "Wikipedia in Turkey", "--source", str(start), "--date", "2020-01-15")
    assert made.returncode == 0, made.stderr
    return project


def entry(project: Project, source_id: str) -> dict[str, object]:
    data = yaml.safe_load((project.root / BRIEF).read_text(encoding="utf-8"))
    return next(s for s in data["sources"] if s["id"] == source_id)


def archived(project: Project, name: object) -> str:
    return (project.briefs_dir / "sources" / str(name)).read_text(encoding="utf-8")


def cite(project: Project, source_id: str, quote: str) -> None:
    """Cite ``quote`` of the new source in the brief's first summary sentence, as an editor then does."""
    path = project.root / BRIEF
    text = path.read_text(encoding="utf-8")
    at = text.index("    cite:\n", text.index("\nsummary:\n")) + len("    cite:\n")
    path.write_text(
        text[:at] + f'      - source: {source_id}\n        quote: "{quote}"\n' + text[at:], encoding="utf-8"
    )


def test_a_news_page_from_its_address_fills_the_entry_and_passes_the_check(project: Project, pages_url: str) -> None:
    before = (project.root / BRIEF).read_text(encoding="utf-8")
    url = f"{pages_url}wikimediafoundation.org.turkey.html"
    result = run_brief(project.root, "add-source", "wikipedia-in-turkey", url)
    assert result.returncode == 0, result.stderr
    source = entry(project, "src-001")
    assert source["outlet"] == "Wikimedia Foundation"
    assert source["title"] == "Access to Wikipedia restored in Turkey after more than two and a half years"
    assert source["url"] == url
    assert source["published"] == {"date": __import__("datetime").date(2020, 1, 15), "basis": "stated"}
    assert source["kind"] == "article" and "retrieved" in source
    text = archived(project, source["file"])
    assert str(source["file"]) == f"001_{hashlib.sha256(text.encode()).hexdigest()[:16]}.txt"  # the one naming rule
    assert text.startswith("Today, on Wikipedia\u2019s 19th birthday, the Wikimedia Foundation has received reports")
    assert "Donate" not in text and "\n\n" not in text and text.endswith("\n")  # main text, one paragraph a line
    after = (project.root / BRIEF).read_text(encoding="utf-8")
    start = after.index("  - id: src-001\n")
    end = after.index("\n", after.index("    retrieved: ", start)) + 1
    assert after[:start] + after[end:] == before  # only the entry's lines were added: comments and layout stay
    cite(project, "src-001", "access was restored to Wikipedia")
    checked = run_brief(project.root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_saved_page_gives_outlet_author_title_and_date_from_the_page(project: Project) -> None:
    result = run_brief(project.root, "add-source", BRIEF, str(PAGES / "dw.com.colonial.html"), "--kind", "news-report")
    assert result.returncode == 0, result.stderr
    source = entry(project, "src-001")
    assert source["title"] == "Berlin confronts Germany's colonial past with new initiative"  # no "| DW | date"
    assert source["author"] == "Deutsche Welle" and source["outlet"] == "DW.COM"
    assert source["kind"] == "news-report"
    assert source["published"]["basis"] == "stated" and str(source["published"]["date"]) == "2020-01-19"
    assert (
        source["url"] == "https://www.dw.com/en/berlin-confronts-germanys-colonial-past-with-new-initiative/a-52060881"
    )
    assert "retrieved" not in source  # saved by the editor: the day it was retrieved is not known
    assert "Berlin's relationship with its colonial history is being reconsidered" in archived(project, source["file"])
    checked = run_brief(project.root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_pdf_gives_its_title_and_an_inferred_date(project: Project) -> None:
    result = run_brief(project.root, "add-source", BRIEF, str(PAGES / "2023-06-20-PV.pdf"))
    assert result.returncode == 0, result.stderr
    source = entry(project, "src-001")
    assert source["kind"] == "document"
    assert source["title"] == "Comité de démolition - Procès-verbal de la séance publique du 20 juin 2023"
    assert source["published"]["basis"] == "inferred" and "creation date" in source["published"]["note"]
    text = SourceText(archived(project, source["file"]))
    assert text.find("La séance est ouverte à 16h00.")  # found in the archive as the check finds quotes
    cite(project, "src-001", "La séance est ouverte à 16h00.")
    checked = run_brief(project.root, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_page_already_in_the_brief_or_not_found_changes_nothing(project: Project, pages_url: str) -> None:
    page = str(PAGES / "wikimediafoundation.org.turkey.html")
    assert run_brief(project.root, "add-source", BRIEF, page).returncode == 0
    brief_before = (project.root / BRIEF).read_bytes()
    archive_before = sorted(p.name for p in (project.briefs_dir / "sources").iterdir())
    again = run_brief(project.root, "add-source", BRIEF, page)
    assert again.returncode == 1 and "already lists this text as 'src-001'" in again.stderr
    missing = run_brief(project.root, "add-source", BRIEF, f"{pages_url}no-such-page.html")
    assert missing.returncode == 1 and "answered 404" in missing.stderr and "Traceback" not in missing.stderr
    no_brief = run_brief(project.root, "add-source", "no-such-brief", page)
    assert no_brief.returncode == 1 and "no brief 'no-such-brief'" in no_brief.stderr
    assert (project.root / BRIEF).read_bytes() == brief_before
    assert sorted(p.name for p in (project.briefs_dir / "sources").iterdir()) == archive_before


def test_the_archive_form_changes_only_whitespace_and_invisible_characters() -> None:
    raw = "  First paragraph,\u00a0 \r\n\r\n\tsecond\u202e one\u2028third\x07 line  \n\n"
    assert clean_text(raw) == "First paragraph,\nsecond one\nthird line\n"


@pytest.mark.parametrize(
    ("title", "outlet", "host", "expected"),
    [
        ("Berlin confronts the past | DW | 19.01.2020", "DW.COM", "dw.com", "Berlin confronts the past"),
        ("Meta outage hits Facebook | Kulu Media", "Kulu Media", "kulu-media.com", "Meta outage hits Facebook"),
        ("Talks end - with hope", None, None, "Talks end - with hope"),
    ],
)
def test_a_title_loses_the_site_name_and_date_only(
    title: str, outlet: str | None, host: str | None, expected: str
) -> None:
    assert page_title(title, outlet, host) == expected
