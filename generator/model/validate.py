"""Validate stage: loaded YAML to a :class:`Brief`, or every error with its position.

Three layers, each reporting all its errors at once:

1. the schema (pydantic), with messages rewritten for editors;
2. references between entries (unique ids, sides, participants, sources);
3. citations against the archive (each quote must occur in its source).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from slugify import slugify

from generator.model import brief as model
from generator.model.archive import Archive, normalize_quote
from generator.model.brevity import brevity_warnings, check_brevity
from generator.model.brief import Brief
from generator.model.drafts import draft_markers
from generator.model.errors import BriefError, BriefErrors, shown
from generator.model.load import Document, Path_, load_file, strings, where
from generator.model.migrate import format_error
from generator.model.source_names import mentioned_ids
from generator.model.support import check_support
from generator.system.content_cache import ContentCache, code_version, digest
from generator.system.workers import ordered_map


@dataclass(frozen=True)
class CheckedBrief:
    """A brief that passed every check, with the file it came from."""

    brief: Brief
    file: str
    archive: Archive
    drafts: tuple[BriefError, ...] = ()
    """Placeholders still in the brief (see :mod:`generator.model.drafts`): a brief with any is a draft."""
    warnings: tuple[BriefError, ...] = ()
    """What a reviewer should look at but need not fix (see :mod:`generator.model.brevity`)."""
    digest: str = ""
    """The digest of what the brief is made from (its file's name and bytes, its source files' bytes), which
    later stages file their own reusable work under; empty when nobody asked (see :func:`check_files`)."""


def validate_schema(document: Document) -> Brief:
    """Only the model's own rules (no references, no archive): enough to read a brief's entries.

    A brief in an older format is refused with one error that says to migrate it, instead of an
    error for every key the format renamed.
    """
    outdated = format_error(document)
    if outdated is not None:
        raise BriefErrors([outdated])
    try:
        return Brief.model_validate(document.data)
    except ValidationError as exc:
        raise BriefErrors([_schema_error(document, error) for error in exc.errors()]) from None


def validate_document(document: Document, archive: Archive) -> Brief:
    """Validate one loaded document completely; raise :class:`BriefErrors` listing every problem."""
    outdated = format_error(document)
    if outdated is not None:
        raise BriefErrors([outdated])
    try:
        brief = validate_schema(document)
    except BriefErrors as exc:
        # References and quotes are checked even so: all errors of a file are reported at once,
        # and fixing the schema should not reveal a second round of errors.
        raise BriefErrors(
            exc.errors + list(check_references(document)) + list(check_raw_quotes(document, archive))
        ) from None
    errors = [
        *check_references(document),
        *check_citations(brief, document, archive),
        *check_brevity(brief, document),
        *check_classification(brief, document),
    ]
    if not errors:  # the support rules read references and quotes, so they run on a brief whose references hold
        errors = list(check_support(brief, document))
    if errors:
        raise BriefErrors(errors)
    return brief


@dataclass(frozen=True)
class _FileChecked:
    """What checking one file found: its brief (or its errors), its placeholders, and where its id is."""

    brief: Brief | None
    errors: tuple[BriefError, ...]
    drafts: tuple[BriefError, ...] = ()
    warnings: tuple[BriefError, ...] = ()
    at_id: BriefError | None = None
    """An error positioned at the brief's ``id``, for the checks across files to fill in."""


def _archive_of(path: Path, archives: dict[Path, Archive]) -> Archive:
    """The archive a brief file's quotes are looked up in: ``sources/`` beside it, one per folder."""
    return archives.setdefault(path.parent, Archive(path.parent / "sources"))


def _check_file(path: Path, name: str, archives: dict[Path, Archive]) -> _FileChecked:
    try:
        document = load_file(path, name)
        brief = validate_document(document, _archive_of(path, archives))
    except BriefErrors as exc:
        return _FileChecked(None, tuple(exc.errors))
    return _FileChecked(
        brief,
        (),
        tuple(draft_markers(document)),
        tuple(brevity_warnings(brief, document)),
        document.error(("id",), "", ""),
    )


def check_files(
    paths: list[Path],
    root: Path | None = None,
    on_checked: Callable[[str], None] | None = None,
    cache: ContentCache | None = None,
) -> tuple[list[CheckedBrief], list[BriefError]]:
    """Load and validate several brief files; ids must also be unique across them.

    Each brief's sources are looked up in the ``sources/`` folder beside it. Files are checked on
    every core (:func:`generator.system.workers.ordered_map`); ``on_checked`` is told each file's name
    as its check ends (for progress). With a ``cache``, a valid brief whose file, sources and checking
    code are unchanged since a build that checked it is not checked again (:class:`CheckCache`).
    """
    archives: dict[Path, Archive] = {}
    checked: list[CheckedBrief] = []
    errors: list[BriefError] = []
    seen: dict[str, str] = {}
    at_id: dict[str, BriefError] = {}
    named = [(path, _display(path, root)) for path in sorted(paths)]
    reuse = CheckCache(cache)
    found = [reuse.get(path, name) for path, name in named]
    missing = [item for item, hit in zip(named, found) if hit is None]
    fresh = iter(ordered_map(lambda item: _check_file(*item, archives), missing))
    for (path, name), hit in zip(named, found):
        result = hit if hit is not None else reuse.put(path, name, next(fresh))
        if on_checked:
            on_checked(name)
        errors.extend(result.errors)
        brief = result.brief
        if brief is None or result.at_id is None:
            continue
        if brief.id in seen:
            errors.append(
                replace(
                    result.at_id,
                    code="duplicate-brief",
                    message=f"brief id '{brief.id}' is already used by {seen[brief.id]}; choose another id",
                )
            )
            continue
        seen[brief.id] = name
        at_id[brief.id] = result.at_id
        digest = reuse.digest_of(path, name)
        checked.append(CheckedBrief(brief, name, _archive_of(path, archives), result.drafts, result.warnings, digest))
    tags = {f"tag-{tag}" for c in checked for tag in c.brief.tags}
    for c in checked:
        if c.brief.id in tags:
            errors.append(
                replace(
                    at_id[c.brief.id],
                    code="anchor-clash",
                    message=f"id: the brief id '{c.brief.id}' is the anchor of the tag "
                    f"'{c.brief.id[4:]}' on the list of briefs; choose another id",
                )
            )
    return checked, errors


class CheckCache:
    """What checking a brief file found, kept under the digest of the checking code, the file's name and
    bytes; reused when every source file the brief cites still has the bytes it had (a brief with errors
    is always checked again: its errors may come from any file)."""

    def __init__(self, cache: ContentCache | None) -> None:
        self.cache = cache
        self._keys: dict[Path, str] = {}
        self._sources: dict[Path, tuple[tuple[str, str], ...]] = {}

    def _key(self, path: Path, name: str) -> str:
        if path not in self._keys:
            try:
                data = path.read_bytes()
            except OSError:
                data = b""  # unreadable: the check itself says so
            self._keys[path] = digest(code_version(), name, data)
        return self._keys[path]

    @staticmethod
    def _source_digests(path: Path, files: Iterable[str]) -> tuple[tuple[str, str], ...]:
        folder = path.parent / "sources"
        found = []
        for file in sorted(set(files)):
            source = folder / file
            try:
                found.append((file, "link" if source.is_symlink() else digest(source.read_bytes())))
            except OSError:
                found.append((file, "absent"))
        return tuple(found)

    def get(self, path: Path, name: str) -> _FileChecked | None:
        if self.cache is None:
            return None
        entry = self.cache.get(self._key(path, name))
        if not isinstance(entry, tuple) or len(entry) != 2:
            return None
        sources, result = entry
        if self._source_digests(path, (file for file, _ in sources)) != sources:
            return None
        self._sources[path] = sources
        return result  # type: ignore[no-any-return]  # pickled by put() below

    def put(self, path: Path, name: str, result: _FileChecked) -> _FileChecked:
        if result.brief is not None:
            sources = self._source_digests(path, (s.file for s in result.brief.sources))
            self._sources[path] = sources
            if self.cache is not None:
                self.cache.put(self._key(path, name), (sources, result))
        return result

    def digest_of(self, path: Path, name: str) -> str:
        """The digest of what a checked brief is made from: its file and its sources' bytes (recorded
        when its check was found or done)."""
        return digest(self._key(path, name), *(f"{file}:{d}" for file, d in self._sources[path]))


def _display(path: Path, root: Path | None) -> str:
    try:
        # resolve the folder, not the file: a symlinked brief is named as itself, not as its target
        return str((path.parent.resolve() / path.name).relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


# --- schema errors -----------------------------------------------------------------

_KIND_NAMES = {
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "a mapping",
    type(None): "empty",
}


def _kind(value: Any) -> str:
    return _KIND_NAMES.get(type(value), type(value).__name__)


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class whose field the location names (for listing valid keys)."""
    current: Any = Brief
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) and issubclass(current, BaseModel) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    metadata = getattr(annotation, "__origin__", None)
    return _inner_model(metadata) if metadata is not None and metadata is not annotation else None


def _schema_error(document: Document, error: Any) -> BriefError:
    loc: Path_ = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    at = where(loc) or "the brief"
    if kind == "extra_forbidden":
        key = str(loc[-1])
        owner = _model_at(loc)
        valid = sorted(owner.model_fields) if owner else []
        close = difflib.get_close_matches(key, valid, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        message = (
            f"unknown key {shown(key)} in {where(loc[:-1]) or 'the brief'}; {hint}valid keys are: {', '.join(valid)}"
        )
        return document.error(loc, "unknown-key", message, key=True)
    if kind == "missing":
        owner = _model_at(loc)
        field = owner.model_fields.get(str(loc[-1])) if owner else None
        described = f" ({field.description})" if field is not None and field.description else ""
        return document.error(
            loc[:-1],
            "missing-key",
            f"{where(loc[:-1]) or 'the brief'} is missing the required key '{loc[-1]}'{described}",
        )
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        if pattern == model.SLUG_PATTERN:
            message = (
                f"{at}: {shown(value)} is not a valid id; use lower-case letters, digits and single hyphens, "
                f"e.g. '{_suggest_slug(value)}'"
            )
        elif pattern.startswith("^https?"):
            message = f"{at}: {shown(value)} is not an http(s) address; only links starting with https:// or http:// are allowed"
        else:
            message = (
                f"{at}: {shown(value)} is not a valid file name; use a name like '001_source.txt' in briefs/sources/"
            )
        return document.error(loc, "bad-value", message)
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return document.error(loc, "bad-value", f"{at}: {shown(value)} is not allowed; use one of {expected}")
    if kind in (
        "string_type",
        "int_type",
        "bool_type",
        "list_type",
        "model_type",
        "dict_type",
        "date_type",
        "model_attributes_type",
    ):
        wanted = {
            "string_type": "text",
            "int_type": "a whole number",
            "bool_type": "true or false",
            "list_type": "a list (lines starting with '- ')",
            "model_type": "a mapping of keys",
            "dict_type": "a mapping of keys",
            "model_attributes_type": "a mapping of keys",
            "date_type": "a date as YYYY-MM-DD",
        }[kind]
        fix = "; put the value in quotes to make it text" if kind == "string_type" and value is not None else ""
        if kind == "string_type" and value is None:
            fix = "; write a value or remove the key"
        if kind == "bool_type":
            found = shown(value) if isinstance(value, str) else _kind(value)
            if isinstance(value, str) and value.lower() in ("yes", "no", "on", "off", "y", "n"):
                fix = "; write true or false (yes/no/on/off are read as text, not as true/false)"
            else:
                fix = "; write true or false, without quotes"
            return document.error(loc, "wrong-type", f"{at}: expected true or false, found {found}{fix}")
        if kind == "list_type" and isinstance(value, str) and loc and loc[-1] in model.PROSE_FIELDS:
            return document.error(
                loc,
                "wrong-type",
                f"{at}: expected a list of sentences, found text; write each "
                "sentence as '- says: ...' with its own 'cite' list of the source "
                "words it rests on (see docs/editing.md)",
            )
        return document.error(loc, "wrong-type", f"{at}: expected {wanted}, found {_kind(value)}{fix}")
    if kind in ("too_short", "string_too_short"):
        return document.error(loc, "too-short", f"{at}: must not be empty; {error['msg'].lower()}")
    if kind in ("too_long", "string_too_long"):
        return document.error(loc, "too-long", f"{at}: {error['msg'].lower()}")
    if kind in ("greater_than_equal", "int_from_float", "int_parsing"):
        return document.error(loc, "bad-value", f"{at}: {error['msg'].lower()}")
    if "-" in kind:  # a rule of our own (PydanticCustomError), whose type is its error code
        return document.error(loc, kind, f"{at}: {error['msg']}")
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return document.error(loc, "bad-value", f"{at}: {message}")
    return document.error(loc, kind.replace("_", "-"), f"{at}: {error['msg']}")


def _suggest_slug(value: Any) -> str:
    return slugify(str(value)) or "my-id"


# --- references ------------------------------------------------------------------


def _raw_entries(data: dict[str, Any], list_name: str) -> tuple[list[tuple[int, dict[str, Any]]], bool]:
    """The mappings of one entry list, and whether every entry has a text id (so a lookup can be trusted)."""
    value = data.get(list_name)
    items = value if isinstance(value, list) else []
    entries = [(i, e) for i, e in enumerate(items) if isinstance(e, dict)]
    complete = (
        isinstance(value, list | None)
        and len(entries) == len(items)
        and all(isinstance(e.get("id"), str) for _, e in entries)
    )
    return entries, complete


def _text(value: Any) -> str | None:
    """A reference as written, if it is one at all (the schema reports values of the wrong kind)."""
    return value if isinstance(value, str) and re.fullmatch(model.SLUG_PATTERN, value) else None


_NOT_RUNNING_TEXT = frozenset({"quote", "id", "file", "url"})
"""Values that are a source's words or names, not our running text: braces there name no source."""


def check_references(document: Document) -> Iterator[BriefError]:
    """Ids are unique across the brief, and every reference names an existing entry.

    Read from the loaded data, not the model, so these errors come with the schema's: all
    errors of a file at once. A list that has an entry without an id is not used for lookups,
    so a schema mistake never also shows as a dangling reference.
    """
    data = document.data if isinstance(document.data, dict) else {}
    brief_id = data.get("id")
    lists = {name: _raw_entries(data, name) for name in model.ENTRY_LISTS}
    first: dict[str, Path_] = {}
    for list_name in model.ENTRY_LISTS:
        for index, entry in lists[list_name][0]:
            entry_id = entry.get("id")
            if not isinstance(entry_id, str):
                continue
            path: Path_ = (list_name, index, "id")
            if entry_id == brief_id:
                yield document.error(
                    path, "duplicate-id", f"{where(path)}: '{entry_id}' is the brief's own id; choose another"
                )
            elif entry_id in first:
                line, column = document.position(first[entry_id])
                yield document.error(
                    path,
                    "duplicate-id",
                    f"{where(path)}: the id '{entry_id}' is already used at line {line}, column {column} "
                    f"({where(first[entry_id])}); ids must be unique in a brief",
                )
            else:
                first[entry_id] = path
            clash = _anchor_clash(entry_id, {e["id"] for _, e in lists["sources"][0] if isinstance(e.get("id"), str)})
            if clash:
                yield document.error(
                    path, "anchor-clash", f"{where(path)}: the id '{entry_id}' {clash}; choose another id"
                )

    def ids(list_name: str) -> set[str] | None:
        entries, complete = lists[list_name]
        return {e["id"] for _, e in entries} if complete else None

    def lookup(kind: str, known: set[str] | None, path: Path_, value: Any) -> Iterator[BriefError]:
        value = _text(value)
        if known is None or value is None or value in known:
            return
        close = difflib.get_close_matches(value, sorted(known), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        yield document.error(
            path,
            "dangling-reference",
            f"{where(path)}: no {kind} has the id '{value}'; {hint}"
            f"known {kind} ids: {', '.join(sorted(known)) or 'none'}",
        )

    def each(value: Any) -> list[tuple[int, Any]]:
        return list(enumerate(value)) if isinstance(value, list) else []

    sources, sides, people = ids("sources"), ids("sides"), ids("participants")
    everything = set(first) if all(lists[name][1] for name in model.ENTRY_LISTS) else None
    for path, citation in _raw_citations(data, ()):
        yield from lookup("source", sources, (*path, "source"), citation.get("source"))
    for i, person in lists["participants"][0]:
        yield from lookup("side", sides, ("participants", i, "side"), person.get("side"))
    for i, item in lists["agenda"][0]:
        for j, pid in each(item.get("participants")):
            yield from lookup("participant", people, ("agenda", i, "participants", j), pid)
    for i, event in lists["impact_events"][0]:
        for j, report in each(event.get("reports")):
            if isinstance(report, dict):
                yield from lookup("source", sources, ("impact_events", i, "reports", j, "source"), report.get("source"))
    for i, question in lists["open_questions"][0]:
        for j, position in each(question.get("positions")):
            if isinstance(position, dict):
                yield from lookup("side", sides, ("open_questions", i, "positions", j, "side"), position.get("side"))
                for k, pid in each(position.get("participants")):
                    yield from lookup(
                        "participant", people, ("open_questions", i, "positions", j, "participants", k), pid
                    )
    for i, discrepancy in lists["discrepancies"][0]:
        for j, entry_id in each(discrepancy.get("entries")):
            yield from lookup("entry", everything, ("discrepancies", i, "entries", j), entry_id)
    for i, correction in each(data.get("corrections")):
        if isinstance(correction, dict) and correction.get("entry") is not None:
            yield from lookup("entry", everything, ("corrections", i, "entry"), correction.get("entry"))
    if sources is not None:
        for path, text in strings(data, skip=_NOT_RUNNING_TEXT):
            for _, named in mentioned_ids(text):
                if named not in sources:
                    close = difflib.get_close_matches(named, sorted(sources), n=1)
                    hint = f"did you mean {{{close[0]}}}? " if close else ""
                    yield document.error(
                        path,
                        "unknown-source-named",
                        f"{where(path)}: {{{named}}} names no source; {hint}a source is named in "
                        f"running text by its id in braces; source ids: {', '.join(sorted(sources))}",
                    )


_QUOTE_ANCHOR = re.compile(r"q-[0-9a-f]{10}")
_SOURCE_ANCHOR = re.compile(r"(.+)-(text|p[0-9]+)")


def _anchor_clash(entry_id: str, source_ids: set[str]) -> str | None:
    """Why an id would collide with an anchor the generator makes itself, if it would."""
    if _QUOTE_ANCHOR.fullmatch(entry_id):
        return "looks like a quote anchor (q- and ten hex digits)"
    match = _SOURCE_ANCHOR.fullmatch(entry_id)
    if match and match.group(1) in source_ids:
        what = "the text" if match.group(2) == "text" else f"paragraph {match.group(2)[1:]}"
        return f"is the anchor of {what} of source '{match.group(1)}' on the sources page"
    return None


def check_classification(brief: Brief, document: Document) -> Iterator[BriefError]:
    """What a discrepancy is, and whether someone was absent, follow from the citations, one rule for everyone.

    Rules of the check rather than of the model, so that older revisions of a brief still read
    (for `brief diff` and the update log) after a rule is added.
    """
    for i, entry in enumerate(brief.discrepancies):
        sources = {c.source for c in entry.cited()}
        if entry.kind == "inconsistency" and len(sources) > 1:
            at: Path_ = ("discrepancies", i, "kind")
            yield document.error(
                at,
                "inconsistency-across-sources",
                f"{where(at)}: an 'inconsistency' is a source against itself, but this one cites "
                f"{len(sources)} sources; write kind: disagreement (or kind: error where one "
                "source plainly errs)",
            )
    for i, person in enumerate(brief.participants):
        if person.presence == "absent" and not any(
            claim.inferred or (claim.cite and not claim.absence) for claim in person.presence_note or ()
        ):
            at = ("participants", i, "presence")
            yield document.error(
                at,
                "absent-unsupported",
                f"{where(at)}: 'absent' needs a 'presence_note' sentence that cites the words "
                "saying they were not there, or says how that was worked out with 'inferred' "
                "(as an inferred date does); otherwise write 'presence: unknown'",
            )


# --- citations against the archive ---------------------------------------------------


def check_citations(brief: Brief, document: Document, archive: Archive) -> Iterator[BriefError]:
    """Each source file exists and each quote occurs in the source it names."""
    missing: set[str] = set()
    for i, source in enumerate(brief.sources):
        if archive.get(source.file) is None:
            missing.add(source.id)
            available = ", ".join(archive.available()) or "none"
            yield document.error(
                ("sources", i, "file"),
                "missing-source-file",
                f"sources[{i}].file: '{source.file}' is not in {archive.folder.name}/ "
                f"(or is a symbolic link, or is not UTF-8 text); add the verbatim copy there as a plain file. Available: {available}",
            )
    files = {s.id: s.file for s in brief.sources}
    for path, citation in model.citation_paths(brief):
        if citation.source not in files or citation.source in missing:
            continue
        yield from _misquote(document, path, citation.source, citation.quote, files[citation.source], archive)
    for i, source in enumerate(brief.sources):
        if source.id not in missing:
            for j, left in enumerate(source.left_out):
                yield from _misquote(
                    document, ("sources", i, "left_out", j), source.id, left.quote, source.file, archive
                )


def check_raw_quotes(document: Document, archive: Archive) -> Iterator[BriefError]:
    """The quote check on data that failed the schema: every well-formed citation whose source resolves."""
    data = document.data if isinstance(document.data, dict) else {}
    sources = data["sources"] if isinstance(data.get("sources"), list) else []
    files = {
        s["id"]: s["file"]
        for s in sources
        if isinstance(s, dict)
        and isinstance(s.get("id"), str)
        and isinstance(s.get("file"), str)
        and archive.get(s["file"])
    }
    for path, citation in _raw_citations(data, ()):
        source, quote = citation.get("source"), citation.get("quote")
        if isinstance(source, str) and isinstance(quote, str) and source in files and len(quote.strip()) >= 3:
            yield from _misquote(document, path, source, quote, files[source], archive)


def _raw_citations(node: Any, path: Path_) -> Iterator[tuple[Path_, dict[str, Any]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("citations", "cite") and isinstance(value, list):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        yield (*path, key, index), item
            else:
                yield from _raw_citations(value, (*path, key))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _raw_citations(item, (*path, index))


def _misquote(
    document: Document, path: Path_, source: str, quote: str, file: str, archive: Archive
) -> Iterator[BriefError]:
    text = archive.get(file)
    assert text is not None
    if not text.find(quote):
        yield document.error(
            (*path, "quote"),
            "misquote",
            f"{where((*path, 'quote'))}: this quote does not occur in source '{source}' "
            f"({file}); copy the words exactly as the source has them"
            f"{_closest_hint(text.text, quote)}",
        )


def _closest_hint(text: str, quote: str) -> str:
    """Point at the first word where the quote parts from the closest passage."""
    words = normalize_quote(quote).split(" ")
    haystack = normalize_quote(text)
    matched = 0
    for count in range(1, len(words) + 1):
        if " ".join(words[:count]) in haystack:
            matched = count
        else:
            break
    if matched == 0:
        return ""
    if matched < len(words):
        return f" (the source matches up to '{' '.join(words[:matched])}' but not '{words[matched]}')"
    return ""
