"""``brief new``: a commented brief that passes ``brief check`` from the first minute.

A brief is only valid when it cites an archived source, word for word, so a new
brief starts from the source texts the editor already has: each ``--source``
file is archived verbatim in briefs/sources/ (unless it is there already) and
the scaffold quotes the opening words of the first one. Everything the editor
must still write is marked "TO DO". The text is checked with the real
validator before it is written, and an existing brief is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2
from slugify import slugify

from generator.authoring.brief_text import Verbatim, yaml_scalar
from generator.model.archive import Archive, SourceText
from generator.model.brief import FORMAT, RESERVED_IDS
from generator.model.errors import BriefErrors
from generator.model.load import load_bytes
from generator.model.project import Project
from generator.model.schema import SCHEMA_COMMENT
from generator.model.validate import validate_document

TEMPLATES = Path(__file__).parent / "templates"

_ARCHIVED_NAME = re.compile(r"^(\d{3})_[0-9a-f]{16}\.txt$")
_QUOTE_WORDS = 20


class ScaffoldRefused(Exception):
    """The brief was not created; the message says why and what to do."""


@dataclass(frozen=True)
class ScaffoldSource:
    """A source as the scaffold lists it."""

    id: str
    file: str
    label: str


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        finalize=yaml_scalar,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def brief_id(title: str) -> str:
    """The id (and file name) for a title: its slug, kept short and clear of reserved names."""
    slug = slugify(title, max_length=60, word_boundary=True, save_order=True)
    if not slug:
        raise ScaffoldRefused(f"cannot make an id from the title {title!r}; use a title with letters or digits")
    return f"{slug}-brief" if slug in RESERVED_IDS else slug


def opening_quote(text: SourceText) -> str:
    """The first words of a source's first real paragraph: a quote that certainly occurs in it."""
    paragraphs = [text.text[p.start : p.end].strip() for p in text.paragraphs]
    candidates = [p for p in paragraphs if len(p.split()) >= 5] or [p for p in paragraphs if len(p) >= 3]
    if not candidates:
        raise ScaffoldRefused("the source has no text to quote; is it the right file?")
    words = candidates[0].split()
    sentence = " ".join(words[:_QUOTE_WORDS])
    end = re.search(r"[.!?](?=\s|$)", sentence)
    return sentence[: end.end()] if end and len(sentence[: end.end()]) >= 3 else sentence


def scaffold_text(
    title: str, sources: Sequence[ScaffoldSource], quote: str, day: dt.date | None, place: str | None
) -> str:
    """The YAML of a new brief (pure: the caller checks and writes it)."""
    if day is None:
        basis, note = "inferred", "TO DO: the date is a placeholder (the day the brief was made); correct it."
        day = dt.date.today()
    else:  # a date is 'stated' only once a quote states it: until then it is the editor's, and a draft
        basis, note = "inferred", "TO DO: cite the source words that give this date, then make the basis 'stated'."
    return (
        _environment()
        .get_template("new-brief.yaml.j2")
        .render(
            schema_comment=Verbatim(SCHEMA_COMMENT),
            format=Verbatim(str(FORMAT)),
            id=brief_id(title),
            title=title,
            place=place or "TO DO: where it happened",
            date=day.isoformat(),
            basis=basis,
            note=note,
            sources=sources,
            first_source=sources[0].id,
            first_file=Verbatim(sources[0].file),
            first_quote=quote,
        )
    )


def archive_source(archive_dir: Path, file: Path) -> str:
    """Put a source text into the archive unchanged (if it is not there yet); return its file name."""
    if not file.is_file():
        raise ScaffoldRefused(f"{file}: no such file; give the path of the source's text file")
    if file.resolve().parent == archive_dir.resolve():
        return file.name
    return archive_text(archive_dir, file.read_bytes(), str(file))


def archive_text(archive_dir: Path, data: bytes, shown_as: str = "the text") -> str:
    """Archive ``data`` under the one naming rule (the next three-digit number, ``_``, the first 16 hex
    digits of its SHA-256, ``.txt``) unless the archive holds it already; return the file name."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScaffoldRefused(f"{shown_as}: not UTF-8 text; save the source as plain UTF-8 text (.txt) first") from None
    archive_dir.mkdir(parents=True, exist_ok=True)
    numbers = [-1]
    for existing in sorted(archive_dir.glob("*.txt")):
        if existing.read_bytes() == data:
            return existing.name
        match = _ARCHIVED_NAME.match(existing.name)
        if match:
            numbers.append(int(match.group(1)))
    name = f"{max(numbers) + 1:03d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
    temporary = archive_dir / f".{name}.tmp"
    temporary.write_bytes(data)
    os.replace(temporary, archive_dir / name)
    return name


def source_id(file: str, taken: set[str]) -> str:
    """A new source's id: ``src-`` and its archive number, kept clear of the ids ``taken`` (updated)."""
    match = _ARCHIVED_NAME.match(file)
    base = f"src-{match.group(1)}" if match else (slugify(Path(file).stem, max_length=40) or "source")
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def create_brief(
    project: Project, title: str, source_files: Sequence[Path], day: dt.date | None = None, place: str | None = None
) -> Path:
    """Write briefs/<id>.yaml for a new brief, archiving its sources; refuse to overwrite anything."""
    if not source_files:
        raise ScaffoldRefused(
            "a brief must cite at least one archived source; give the source's text file with "
            "--source FILE (it is copied unchanged into briefs/sources/)"
        )
    target = project.briefs_dir / f"{brief_id(title)}.yaml"
    for existing in (target, target.with_suffix(".yml")):
        if existing.exists():
            raise ScaffoldRefused(
                f"{existing.relative_to(project.root)} already exists; edit it, or choose another title"
            )
    archive_dir = project.briefs_dir / "sources"
    before = set(archive_dir.glob("*.txt"))
    try:
        return _write_brief(
            project, target, title, [archive_source(archive_dir, Path(f)) for f in source_files], day, place
        )
    except ScaffoldRefused:
        for added in set(archive_dir.glob("*.txt")) - before:  # leave the archive as we found it
            added.unlink()
        raise


def _write_brief(
    project: Project, target: Path, title: str, names: list[str], day: dt.date | None, place: str | None
) -> Path:
    archive_dir = project.briefs_dir / "sources"
    names = list(dict.fromkeys(names))
    taken: set[str] = {brief_id(title)}
    sources = [ScaffoldSource(source_id(name, taken), name, f"TO DO: a short name for {name}") for name in names]
    archive = Archive(archive_dir)
    first = archive.get(names[0])
    if first is None:
        raise ScaffoldRefused(f"briefs/sources/{names[0]} is not UTF-8 text; save the source as plain UTF-8 text")
    text = scaffold_text(title, sources, opening_quote(first), day, place)
    relative = str(target.relative_to(project.root))
    try:
        validate_document(load_bytes(text.encode("utf-8"), relative), archive)
    except BriefErrors as exc:
        raise ScaffoldRefused("the new brief would not pass the checks:\n" + "\n".join(map(str, exc.errors))) from None
    with target.open("x", encoding="utf-8") as out:
        out.write(text)
    return target
