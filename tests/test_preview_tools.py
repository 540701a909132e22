"""The preview's tools for editors, driven in Chromium as an editor uses them (generator/site/preview_app.py):
the quote picker (select words in an archived source, press C, paste the line into a claim) and the
entry form (edit a claim's sentence and quote in a form; the YAML changes only there)."""

from __future__ import annotations

import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, REPO, free_port, make_project, run_brief

from generator.model.project import Project

sys.path.insert(0, str(REPO / "scripts"))

from preview_latency import PreviewServer

FIRST_CITE = '      - {source: report, quote: "Talks were held in Geneva on Monday, March 3, 2025, between the two delegations"}\n'


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """`brief serve` on the fixture brief, with the address of its overview's site."""
    root = tmp_path_factory.mktemp("tools")
    project = make_project(root / "project", {"minimal.yaml": MINIMAL})
    port = free_port()
    server = PreviewServer(project.root, "minimal.yaml", port)
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_for(f"{base}/briefs/geneva-talks/sources/")
        yield project, base
    finally:
        server.stop()


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    """A page of the shared Chromium that may read and write the clipboard."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},  # type: ignore[attr-defined]
        permissions=["clipboard-read", "clipboard-write"],
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def passes_once_pasted(project: Project, line: str) -> None:
    """Paste a copied citation line under the first claim's first citation, as an editor does, and `brief check`
    passes. The pasted brief is checked in a copy of the project: a save in the served one would make the
    preview rebuild and reload the open pages while the next test is selecting words in them."""
    text = (project.briefs_dir / "minimal.yaml").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(prefix="pasted.") as scratch:
        pasted = make_project(
            Path(scratch) / "project",
            {"minimal.yaml": text.replace(FIRST_CITE, FIRST_CITE + "      " + line + "\n", 1)},
        )
        result = run_brief(pasted.root, "check")
    assert result.returncode == 0, result.stdout + result.stderr


def copied(tab: object) -> str:
    """Press C as the editor does, and what the clipboard then holds."""
    button = tab.locator(".brief-quote-picker")  # type: ignore[attr-defined]
    button.wait_for(state="visible")
    tab.keyboard.press("c")  # type: ignore[attr-defined]
    tab.wait_for_function("document.querySelector('.brief-quote-picker').dataset.copied !== undefined")  # type: ignore[attr-defined]
    return str(tab.evaluate("navigator.clipboard.readText()"))  # type: ignore[attr-defined]


def word_box(tab: object, paragraph: int, word: str) -> dict[str, float]:
    """Where a word of a source paragraph is on the screen, to put the mouse on it."""
    return tab.evaluate(
        """([paragraph, word]) => {
        const p = document.querySelectorAll("#report-text p")[paragraph];
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(word);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const box = range.getBoundingClientRect();
            return {left: box.left, right: box.right, top: box.top, height: box.height};
        }
        throw new Error("no " + word);
    }""",
        [paragraph, word],
    )  # type: ignore[attr-defined, no-any-return]


@pytest.mark.browser
def test_a_paragraph_picked_is_copied_without_its_number_and_passes_the_check(
    served: tuple[Project, str], tab: object
) -> None:
    project, base = served
    tab.goto(f"{base}/briefs/geneva-talks/sources/")  # type: ignore[attr-defined]
    paragraph = tab.locator("#report-text p").nth(1)  # type: ignore[attr-defined]
    paragraph.click(click_count=3)  # a triple click selects the paragraph, its number too
    line = copied(tab)
    assert (
        line
        == '- {source: report, quote: "The foreign minister, Jane Doe, said \u201cprogress was real but slow\u201d after the meeting."}'
    )
    passes_once_pasted(project, line)


@pytest.mark.browser
def test_words_dragged_across_two_paragraphs_make_one_quote_that_passes_the_check(
    served: tuple[Project, str], tab: object
) -> None:
    project, base = served
    tab.goto(f"{base}/briefs/geneva-talks/sources/")  # type: ignore[attr-defined]
    tab.locator("#report-text").scroll_into_view_if_needed()  # type: ignore[attr-defined]
    start = word_box(tab, 0, "between")
    end = word_box(tab, 1, "minister")
    tab.mouse.move(start["left"] + 1, start["top"] + start["height"] / 2)  # type: ignore[attr-defined]
    tab.mouse.down()  # type: ignore[attr-defined]
    tab.mouse.move(end["right"] - 1, end["top"] + end["height"] / 2, steps=8)  # type: ignore[attr-defined]
    tab.mouse.up()  # type: ignore[attr-defined]
    line = copied(tab)
    quote = yaml.safe_load(line)[0]["quote"]
    assert "\n" not in quote and "  " not in quote and not quote[0].isdigit()
    assert quote == "between the two delegations. The foreign minister"  # one space where the paragraphs meet
    passes_once_pasted(project, line)


@pytest.mark.browser
def test_the_entry_form_changes_only_the_edited_values_and_refuses_a_wrong_quote(
    served: tuple[Project, str], tab: object
) -> None:
    project, base = served
    path = project.briefs_dir / "minimal.yaml"
    before = path.read_text(encoding="utf-8")
    tab.goto(f"{base}/briefs/geneva-talks/")  # type: ignore[attr-defined]
    tab.get_by_role("link", name="edit an entry").click()  # type: ignore[attr-defined]
    tab.get_by_role("link", name="geneva-talks", exact=True).click()  # type: ignore[attr-defined]
    tab.get_by_role("link", name="summary[1]", exact=True).click()  # type: ignore[attr-defined]
    says = tab.locator("#says")  # type: ignore[attr-defined]
    says.fill("")
    says.press_sequentially("A shelling attack hit Exampleville, the wire report said.")
    quote = tab.locator("#quote-0")  # type: ignore[attr-defined]
    quote.fill("")
    quote.press_sequentially("A shelling attack on the town of Exampleville killed")
    tab.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    tab.get_by_role("status").wait_for()  # type: ignore[attr-defined]
    after = path.read_text(encoding="utf-8")
    assert after == before.replace(
        "  - says: A shelling attack hit the town of Exampleville.\n",
        '  - says: "A shelling attack hit Exampleville, the wire report said."\n',
        1,
    ).replace(
        'quote: "A shelling attack on the town of Exampleville"}',
        'quote: "A shelling attack on the town of Exampleville killed"}',
        1,
    )  # the claim's; not its twin below
    assert run_brief(project.root, "check").returncode == 0

    quote = tab.locator("#quote-0")  # type: ignore[attr-defined]
    quote.fill("")
    quote.press_sequentially("A shelling attack on the city of Exampleville")
    tab.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    tab.get_by_role("alert").wait_for()  # type: ignore[attr-defined]
    assert "does not occur in source" in tab.get_by_role("alert").inner_text()  # type: ignore[attr-defined]
    assert path.read_text(encoding="utf-8") == after  # refused: the file is untouched
    path.write_text(before, encoding="utf-8")


def test_a_save_that_did_not_come_from_the_form_is_refused(served: tuple[Project, str]) -> None:
    project, base = served
    before = (project.briefs_dir / "minimal.yaml").read_bytes()
    request = urllib.request.Request(
        f"{base}/_brief/edit", method="POST", data=b"brief=geneva-talks&entry=summary/0&says=Hijacked.&quote=x"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 403
    assert (project.briefs_dir / "minimal.yaml").read_bytes() == before
