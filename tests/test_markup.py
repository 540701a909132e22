"""Untrusted text becomes inert Markdown; links accept only safe targets."""

from __future__ import annotations

import html
import re

import markdown
import pytest
import yaml
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.pages.markup import external_link, inert, inert_html, link_title, md_link


def _extensions() -> list[object]:
    """The Markdown extensions mkdocs.yml configures, so the test renders as the site does."""
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    names = []
    for entry in config["markdown_extensions"]:
        names.append(next(iter(entry)) if isinstance(entry, dict) else entry)
    return names


EXTENSIONS = _extensions()


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


def shown(text: str) -> str:
    """What a reader sees of a Markdown snippet: the rendered paragraph's text, entities decoded."""
    rendered = to_html(text)
    match = re.fullmatch(r"<p>(.*)</p>", rendered, re.DOTALL)
    assert match, f"not a single plain paragraph: {rendered!r}"
    inner = match.group(1)
    assert "<" not in inner, f"markup leaked into the page: {rendered!r}"
    return html.unescape(inner)


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "![img](http://example.com/x.png)",
    "<http://example.com>",
    "**bold** and _em_ and *em*",
    "`code` and ``more``",
    "# Heading",
    "1. numbered",
    "- bullet",
    "+ plus",
    "> quoted",
    "{: .evil onclick=alert(1) }",
    "Title { #other-id }",
    "| a | b |",
    '!!! note "Admonition"',
    "&amp; &lt; &#x41; &copy;",
    "a\\*b\\",
    "[^1] footnote [x]: http://example.com",
    "***",
    "line one\n\n# two\n    indented",
    "---",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_inert_text_renders_exactly_as_written(text: str) -> None:
    assert shown(inert(text)) == " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.#*_-+!<>&;[](){}|`\\:='\"~^%$@/\n\t")), max_size=40))
def test_inert_text_renders_exactly_as_written_for_any_text(text: str) -> None:
    if not text.strip():
        return
    assert shown(inert(text)) == " ".join(text.split())


def test_inert_keeps_trusted_markup_and_folds_lines() -> None:
    from markupsafe import Markup

    trusted = Markup("<sup>1</sup>")
    assert inert(trusted) is trusted
    assert "\n" not in inert("one\ntwo\r\nthree")


def test_inert_html_escapes_attributes() -> None:
    assert inert_html('x" onmouseover="alert(1)') == "x&quot; onmouseover=&quot;alert(1)"
    assert inert_html("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "javascript",
        "JavaScript:alert(1)",
        "data:text/html,<script>",
        "http://example.com/",
        "//example.com/x",
        "/etc/passwd",
        "people.md#x onclick=alert(1)",
        'people.md"',
        "people.md)",
        "people.md#<x>",
    ],
)
def test_md_link_refuses_unsafe_targets(target: str) -> None:
    with pytest.raises(ValueError, match="unsafe"):
        md_link("label", target)


@pytest.mark.parametrize("target", ["people.md#jane-doe", "sources.md#q-0123456789", "../index.md#tag-x", "#agenda"])
def test_md_link_accepts_in_site_targets(target: str) -> None:
    rendered = to_html(md_link("Jane <b>Doe</b>", target))
    assert f'href="{target}"' in rendered
    assert "Jane &lt;b&gt;Doe&lt;/b&gt;" in rendered


def test_md_link_title_cannot_break_out() -> None:
    title = 'He said "go" \\ <script>alert(1)</script>'
    rendered = to_html(md_link("[1]", "sources.md#q-1", title))
    [attribute] = re.findall(r'title="([^"]*)"', rendered)
    assert "<script" not in rendered
    assert html.unescape(attribute) == "He said \u201dgo\u201d / <script>alert(1)</script>"


def test_link_title_is_shortened() -> None:
    title = link_title("word " * 100, limit=50)
    assert len(title) == 50 and title.endswith("\u2026")


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.com/a?b=c#d", True),
        ("http://example.com", True),
        ("javascript:alert(1)", False),
        ("ftp://example.com", False),
        ("https://exa mple.com", False),
        ('https://example.com/"onmouseover', False),
    ],
)
def test_external_link_only_http(url: str, linked: bool) -> None:
    rendered = to_html(external_link("Site", url))
    assert ("<a " in rendered) is linked
    if linked:
        assert 'href="http' in rendered
