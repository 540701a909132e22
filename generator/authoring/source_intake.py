"""``brief add-source``: a web page or a PDF becomes an archived source text and a source entry.

An editor used to copy a page's text into a file of the right name and type its outlet, author
and date into the brief by hand. Here the main text of a news page is taken out of its HTML by
trafilatura (the field's standard extractor, which drops menus, adverts and comments) and its
publication date by htmldate; a PDF's text by pypdf. The text is cleaned only as the archive
rules allow (one paragraph per line, no control characters, no trailing spaces: whitespace and
invisible characters, never a word), archived under the one naming rule (``scaffold.archive_text``)
and a source entry is added after the last one in the brief's ``sources:`` list, as text, so the
editor's comments and layout stay. The brief is checked with the real validator before it is
written; nothing is written when that fails.

What the page states is filled in; what it does not is left out, never guessed: the date is
``stated`` when the page's own markup gives it, ``inferred`` (with a note) when htmldate had to
work it out from the text or address, or when it is a PDF file's creation date.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.authoring.brief_text import TextEditRefused, append_item, insert_keys, replace_scalar
from generator.authoring.scaffold import archive_text, create_brief, source_id
from generator.model.archive import Archive
from generator.model.brief import SourceKind
from generator.model.characters import FORBIDDEN_IN_VALUE
from generator.model.errors import BriefError, BriefErrors
from generator.model.load import load_bytes
from generator.model.project import Project
from generator.model.validate import validate_document
from generator.pages.wording import day_text

MAX_DOWNLOAD = 20 * 1024 * 1024
"""A larger answer is no news page; refusing it keeps a wrong address from filling the disk."""
TIMEOUT = 30
_USER_AGENT = "event-briefs add-source (+https://github.com/)"
_SHORT_TEXT = 200
_KIND_NOUNS = {"article": "Article", "document": "Document"}


class IntakeRefused(Exception):
    """The source was not added; the message says why and what to do."""


@dataclass(frozen=True)
class Extracted:
    """What a page or PDF says about itself, and its main text (cleaned for the archive)."""

    text: str
    kind: SourceKind
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    published_stated: bool = False
    published_note: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class AddedSource:
    """What ``brief add-source`` did: the entry's id, the archived file, and what it filled in."""

    id: str
    file: str
    new_file: bool
    entries: tuple[tuple[str, object], ...] = field(default=())


# --- reading -----------------------------------------------------------------------------------


def read_origin(origin: str, timeout: float = TIMEOUT) -> tuple[bytes, str | None]:
    """The bytes of a web address or a saved file, and the address (for a URL)."""
    if re.match(r"^https?://", origin, re.IGNORECASE):
        request = urllib.request.Request(origin, headers={"User-Agent": _USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                data = response.read(MAX_DOWNLOAD + 1)
                final = response.geturl()
        except urllib.error.HTTPError as exc:
            raise IntakeRefused(
                f"{origin}: the server answered {exc.code} {exc.reason}; check the address, or save "
                "the page in your browser and give the saved file instead"
            ) from None
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise IntakeRefused(
                f"{origin}: could not fetch it ({reason}); check the address and your connection, "
                "or save the page in your browser and give the saved file instead"
            ) from None
        if len(data) > MAX_DOWNLOAD:
            raise IntakeRefused(f"{origin}: more than {MAX_DOWNLOAD // 2**20} MB; that is no article or report")
        return data, final
    path = Path(origin).expanduser()
    if not path.is_file():
        raise IntakeRefused(
            f"{origin}: no such file or web address; give an http(s) address, a saved .html page or a .pdf"
        )
    return path.read_bytes(), None


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


# --- cleaning ----------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """The archive's form of a text: one paragraph per line, no blank lines, no spaces at line ends,
    no control or direction characters (a line or paragraph separator ends a line). Words untouched."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = FORBIDDEN_IN_VALUE.sub("", text.replace("\t", " "))
    lines = (re.sub(r"[ \u00a0]+$", "", line).lstrip() for line in text.split("\n"))
    return "".join(f"{line}\n" for line in lines if line.strip())


def _pdf_paragraphs(text: str) -> str:
    """pypdf's lines joined into paragraphs: a blank line ends a paragraph. Only whitespace changes,
    which quotes ignore (a quote may run across the join)."""
    paragraphs, current = [], []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n".join(paragraphs)


def _short(value: object) -> str | None:
    text = re.sub(r"\s+", " ", str(value or "")).strip()
    text = FORBIDDEN_IN_VALUE.sub("", text)
    if not text:
        return None
    return text if len(text) <= _SHORT_TEXT else text[: _SHORT_TEXT - 1].rstrip() + "\u2026"


def page_title(title: str | None, outlet: str | None, host: str | None) -> str | None:
    """The headline without the site's name and date that pages append ("… | DW | 19.01.2020")."""
    if not title:
        return None
    names = {n.lower() for n in (outlet, host) if n}
    names |= {n.split(".")[0] for n in list(names) if "." in n}
    parts = re.split(r"(\s+[|\u2013\u2014-]\s+)", title)  # headline, separator, segment, separator, ...
    while len(parts) > 1:
        last = parts[-1].strip().lower()
        if any(last == n or last in n or n in last for n in names) or re.fullmatch(r"[\d./ -]+", last):
            del parts[-2:]
        else:
            break
    return "".join(parts).strip() or title


# --- extracting --------------------------------------------------------------------------------


def extract_html(html: bytes | str, url: str | None = None) -> Extracted:
    """The main text and the metadata of a web page (trafilatura; htmldate for the date)."""
    import trafilatura
    from htmldate import find_date

    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True
    )
    meta: dict[str, Any] = {} if document is None else (document if isinstance(document, dict) else document.as_dict())
    if not (meta.get("text") or "").strip():
        raise IntakeRefused(
            "found no article text in the page; if the page needs a login or JavaScript, save it "
            "from your browser (File > Save page as) and give the saved file"
        )
    text = clean_text(str(meta["text"]))
    page_url = url or meta.get("url")
    host = urlsplit(page_url).hostname if page_url else meta.get("hostname")
    if host and host.startswith("www."):
        host = host[4:]
    outlet = _short(meta.get("sitename"))
    published, stated, note = None, False, None
    markup_date = find_date(html, url=url, extensive_search=False, original_date=True)
    if markup_date:
        published, stated = dt.date.fromisoformat(markup_date), True
    else:
        guessed = find_date(html, url=url, extensive_search=True, original_date=True)
        if guessed:
            published = dt.date.fromisoformat(guessed)
            note = "htmldate worked this date out from the page's text or address; the page's markup gives none"
    author = _short(meta.get("author"))
    if author and outlet and author.lower() == outlet.lower():
        author = None  # the outlet named as its own author
    return Extracted(
        text=text,
        kind="article",
        title=_short(page_title(meta.get("title"), outlet, host)),
        outlet=outlet,
        author=author,
        published=published,
        published_stated=stated,
        published_note=note,
        url=page_url,
    )


def extract_pdf(data: bytes, url: str | None = None) -> Extracted:
    """The text of a PDF (pypdf), its title and author from its metadata, and its creation date
    (a date the file gives, not necessarily the publication's: an ``inferred`` date with a note)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise IntakeRefused(f"cannot read the PDF ({exc}); is it a complete, unencrypted PDF?") from None
    text = clean_text("\n\n".join(_pdf_paragraphs(page) for page in pages))
    if not text.strip():
        raise IntakeRefused(
            "the PDF has no text layer (a scan?); run OCR on it first, or archive a text copy with `brief new --source`"
        )
    title = _short(metadata.title) if metadata else None
    if title and re.fullmatch(r"[\w.-]+\.(?:exe|docx?|pdf|indd|qxd|tmp)", title, re.IGNORECASE):
        title = None  # the file name of the program or file it was made from, not a title
    author = _short(metadata.author) if metadata else None
    created = metadata.creation_date if metadata else None
    published, note = None, None
    if isinstance(created, dt.datetime):
        published = created.date()
        note = "the PDF file's creation date, from its metadata; the text may give another publication date"
    return Extracted(
        text=text, kind="document", title=title, author=author, published=published, published_note=note, url=url
    )


def extract(data: bytes, url: str | None = None) -> Extracted:
    """A PDF or a web page, whichever the bytes are."""
    return extract_pdf(data, url) if is_pdf(data) else extract_html(data, url)


# --- the entry ---------------------------------------------------------------------------------


def source_entry(
    extracted: Extracted, entry_id: str, file: str, kind: str, label: str | None, retrieved: dt.date | None
) -> list[tuple[str, object]]:
    """The source entry's keys and values, in the order the docs show them; none invented."""
    if label is None:
        noun = {"document": "Document"}.get(kind, kind.replace("-", " ").capitalize())
        by = extracted.outlet or extracted.author or (urlsplit(extracted.url).hostname if extracted.url else None)
        label = f"{noun} from {by}" if by else (extracted.title or noun)
        if extracted.published:
            label += f", {day_text(extracted.published)}"
    entries: list[tuple[str, object]] = [
        ("id", entry_id),
        ("file", file),
        ("label", _short(label) or label),
        ("kind", kind),
    ]
    for key in ("title", "outlet", "author"):
        value = getattr(extracted, key)
        if value:
            entries.append((key, value))
    if extracted.url:
        entries.append(("url", extracted.url))
    if extracted.published:
        published: list[tuple[str, object]] = [
            ("date", extracted.published.isoformat()),
            ("basis", "stated" if extracted.published_stated else "inferred"),
        ]
        if not extracted.published_stated:
            published.append(("note", extracted.published_note or "worked out from the file"))
        entries.append(("published", published))
    if retrieved:
        entries.append(("retrieved", retrieved.isoformat()))
    return entries


def _error_keys(errors: Sequence[BriefError]) -> set[tuple[str, str]]:
    return {(e.code, e.message) for e in errors}


def _errors_of(text: str, name: str, archive: Archive) -> list[BriefError]:
    try:
        validate_document(load_bytes(text.encode("utf-8"), name), archive)
    except BriefErrors as exc:
        return exc.errors
    return []


def add_source(
    project: Project,
    brief_file: Path,
    origin: str,
    *,
    kind: str | None = None,
    label: str | None = None,
    today: dt.date | None = None,
    timeout: float = TIMEOUT,
) -> AddedSource:
    """Archive the text of ``origin`` (URL, saved page or PDF) and add its entry to ``brief_file``."""
    if not brief_file.is_file():
        raise IntakeRefused(
            f"{brief_file}: no such brief; give the brief's file, e.g. briefs/my-brief.yaml (`brief new` makes one)"
        )
    data, url = read_origin(origin, timeout)
    extracted = extract(data, url)
    archive_dir = project.briefs_dir / "sources"
    before = set(archive_dir.glob("*.txt")) if archive_dir.is_dir() else set()
    name = archive_text(archive_dir, extracted.text.encode("utf-8"))
    new_file = (archive_dir / name) not in before
    try:
        retrieved = (today or dt.date.today()) if url else None  # a saved file: the day it was saved is unknown
        return _add_entry(project, brief_file, extracted, name, new_file, kind, label, retrieved)
    except BaseException:
        if new_file:
            (archive_dir / name).unlink(missing_ok=True)  # leave the archive as we found it
        raise


def _add_entry(
    project: Project,
    brief_file: Path,
    extracted: Extracted,
    name: str,
    new_file: bool,
    kind: str | None,
    label: str | None,
    retrieved: dt.date | None,
) -> AddedSource:
    text = brief_file.read_bytes().decode("utf-8")
    document = load_bytes(text.encode("utf-8"), brief_file.name)
    sources = document.data.get("sources") if isinstance(document.data, dict) else None
    if not isinstance(sources, list):
        raise IntakeRefused(f"{brief_file}: the brief has no 'sources:' list to add to")
    taken = {str(s.get("id")) for s in sources if isinstance(s, dict)}
    for entry in sources:
        if isinstance(entry, dict) and entry.get("file") == name:
            raise IntakeRefused(f"the brief already lists this text as '{entry.get('id')}' ({name})")
    entry_id = source_id(name, taken | {str(document.data.get("id"))})
    entries = source_entry(extracted, entry_id, name, kind or extracted.kind, label, retrieved)
    try:
        new_text = append_item(text, ["sources"], entries)
    except TextEditRefused as exc:
        raise IntakeRefused(f"{brief_file}: {exc}") from None
    archive = Archive(project.briefs_dir / "sources")
    relative = os.path.relpath(brief_file, project.root)
    added = _error_keys(_errors_of(new_text, relative, archive)) - _error_keys(_errors_of(text, relative, archive))
    if added:
        lines = "\n".join(f"  {code}: {message}" for code, message in sorted(added))
        raise IntakeRefused(f"the new entry would not pass the checks:\n{lines}")
    temporary = brief_file.with_name(f".{brief_file.name}.add-source")
    temporary.write_bytes(new_text.encode("utf-8"))
    os.replace(temporary, brief_file)
    return AddedSource(entry_id, name, new_file, tuple(entries))


def is_page(origin: str) -> bool:
    """Whether ``origin`` is a web page or PDF to extract (an address, .html, .htm or .pdf), not a text file."""
    if re.match(r"^https?://", origin, re.IGNORECASE):
        return True
    path = Path(origin).expanduser()
    if path.suffix.lower() in (".html", ".htm", ".xhtml", ".pdf"):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(512).lstrip().lower()
    except OSError:
        return False
    return head.startswith((b"%pdf-", b"<!doctype html", b"<html"))


def new_brief(
    project: Project,
    title: str,
    origins: Sequence[str],
    day: dt.date | None = None,
    place: str | None = None,
    today: dt.date | None = None,
    timeout: float = TIMEOUT,
) -> Path:
    """``brief new``: the scaffold, with its sources taken from text files, saved pages, PDFs or addresses;
    a page's source entry is filled from the page as ``brief add-source`` fills it."""
    archive_dir = project.briefs_dir / "sources"
    before = set(archive_dir.glob("*.txt")) if archive_dir.is_dir() else set()
    files: list[Path] = []
    pages: dict[str, tuple[Extracted, dt.date | None]] = {}
    try:
        for origin in origins:
            if not is_page(origin):
                files.append(Path(origin))
                continue
            data, url = read_origin(origin, timeout)
            extracted = extract(data, url)
            name = archive_text(archive_dir, extracted.text.encode("utf-8"))
            files.append(archive_dir / name)
            pages[name] = (extracted, (today or dt.date.today()) if url else None)
        path = create_brief(project, title, files, day, place)
    except BaseException:
        for added in (set(archive_dir.glob("*.txt")) if archive_dir.is_dir() else set()) - before:
            added.unlink()
        raise
    text = path.read_bytes().decode("utf-8")
    sources = load_bytes(text.encode("utf-8"), path.name).data["sources"]
    for index, entry in enumerate(sources):
        if entry["file"] not in pages:
            continue
        extracted, retrieved = pages[entry["file"]]
        filled = dict(source_entry(extracted, entry["id"], entry["file"], extracted.kind, None, retrieved))
        text = replace_scalar(text, ["sources", index, "label"], str(filled.pop("label")))
        text = replace_scalar(text, ["sources", index, "kind"], str(filled.pop("kind")))
        extra = [(k, v) for k, v in filled.items() if k not in ("id", "file")]
        if extra:
            text = insert_keys(text, ["sources", index], extra)
    validate_document(load_bytes(text.encode("utf-8"), str(path.relative_to(project.root))), Archive(archive_dir))
    path.write_bytes(text.encode("utf-8"))
    return path


__all__ = [
    "AddedSource",
    "Extracted",
    "IntakeRefused",
    "add_source",
    "clean_text",
    "extract",
    "extract_html",
    "extract_pdf",
    "is_page",
    "new_brief",
    "page_title",
    "read_origin",
    "source_entry",
]
