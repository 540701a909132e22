"""A folder written as a zip, each entry's deflated bytes kept for the next zip under the digest of its
content: after one edit, the next offline copy deflates only the files that changed.

Python's ``zipfile`` can only deflate what it is given, so the entries are written here, by the zip
format's own rules (APPNOTE 6.3: local headers, a central directory, Zip64 end records when a zip holds
65,535 entries or more or passes 4 GiB), with one fixed time and permission, names in sorted order and
UTF-8. The same files always make the same bytes, whether their entries were kept or deflated anew.
"""

from __future__ import annotations

import collections
import datetime as dt
import os
import struct
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.system.content_cache import ContentCache, digest

LEVEL = 6
"""Deflate level: on a 100-brief site, level 6 made 22.4 MB of 80.6 MB in 1.0 s, level 9 22.3 MB in 1.66 s."""

STORED = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".gz", ".zip", ".woff", ".woff2"})
"""Files stored as they are: deflating them again costs time and saves next to nothing."""

KEEP_FROM = 16 * 1024
"""Smaller entries are deflated again each time: reading a kept one back costs about as much."""

THREADS = min(4, os.cpu_count() or 1)
"""Threads reading, checksumming and deflating entries while this one writes them in order: zlib,
hashlib and file reads let go of the interpreter while they work, so the entries are made on every core.
At 1,000 briefs the zip was 8 s on one core while the other had nothing left to do."""

PIECE = 4 * 1024 * 1024
"""A file larger than this is deflated in pieces of this size, on threads: the offline copy's search index
(142 MB at 1,000 briefs, changed by every edit) took 5 s on one core, alone at the end of the zip."""

AHEAD = 64
"""Entries made ahead of the one being written, at most: enough to keep the threads busy, few enough
that a site's PDFs are never all in memory at once."""

EARLIEST = dt.datetime(1980, 1, 1)
"""The earliest time a zip entry can carry."""

_LIMIT = 0xFFFFFFFF
_MANY = 0xFFFF
_PERMISSIONS = 0o644 << 16
_UTF8_NAME = 0x800


@dataclass(frozen=True)
class _Written:
    name: bytes
    flags: int
    method: int
    crc: int
    compressed: int
    size: int
    offset: int


def write_zip(
    folder: Path,
    target: Path,
    top: str,
    moment: dt.datetime | None = None,
    skip: frozenset[str] = frozenset(),
    kept: ContentCache | None = None,
) -> int:
    """Zip ``folder`` under ``top/`` (leaving out the relative paths in ``skip``), entries sorted, all with
    one time (``moment``, else 1980); return how many files. With ``kept``, deflated entries are reused from
    and kept for other zips."""
    stamp = max(moment.replace(tzinfo=None), EARLIEST) if moment else EARLIEST
    dos_time = stamp.hour << 11 | stamp.minute << 5 | stamp.second // 2
    dos_date = (stamp.year - 1980) << 9 | stamp.month << 5 | stamp.day
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.relative_to(folder).as_posix() not in skip)
    temporary = target.with_name(f".{target.name}.tmp")
    written = []
    with open(temporary, "wb") as out, ThreadPoolExecutor(max_workers=THREADS) as pool:
        for path, made in _made_in_order(pool, files, kept):
            name = f"{top}/{path.relative_to(folder).as_posix()}".encode()
            method, payload, crc, size = made.result()
            if size >= _LIMIT or len(payload) >= _LIMIT:
                raise ValueError(f"{path}: a file of 4 GiB or more cannot go into the offline zip")
            entry = _Written(name, 0 if name.isascii() else _UTF8_NAME, method, crc, len(payload), size, out.tell())
            out.write(
                struct.pack(
                    "<4s2B4HL2L2H",
                    b"PK\x03\x04",
                    20,
                    0,
                    entry.flags,
                    method,
                    dos_time,
                    dos_date,
                    entry.crc,
                    entry.compressed,
                    entry.size,
                    len(name),
                    0,
                )
            )
            out.write(name)
            out.write(payload)
            written.append(entry)
        start = out.tell()
        for entry in written:
            out.write(_central_entry(entry, dos_time, dos_date))
        out.write(_end_records(len(written), out.tell() - start, start))
    os.replace(temporary, target)
    return len(files)


def _made_in_order(
    pool: ThreadPoolExecutor, files: list[Path], kept: ContentCache | None
) -> Iterator[tuple[Path, Future[tuple[int, bytes, int, int]]]]:
    """Each file with its entry being made in ``pool``, in the files' order, at most :data:`AHEAD` ahead."""
    waiting: collections.deque[tuple[Path, Future[tuple[int, bytes, int, int]]]] = collections.deque()
    for path in files:
        waiting.append((path, pool.submit(_entry, path, kept)))
        if len(waiting) > AHEAD:
            yield waiting.popleft()
    yield from waiting


def _entry(path: Path, kept: ContentCache | None) -> tuple[int, bytes, int, int]:
    """A file's method, payload, CRC-32 and size as its zip entry holds them."""
    data = path.read_bytes()
    if path.suffix.lower() in STORED:
        return 0, data, zlib.crc32(data), len(data)
    return 8, _deflated(data, kept), zlib.crc32(data), len(data)


def _deflated(data: bytes, kept: ContentCache | None) -> bytes:
    """Raw deflate of ``data`` at :data:`LEVEL`, from ``kept`` when it holds it."""
    if kept is None or len(data) < KEEP_FROM:
        return _deflate(data)
    key = digest("deflate", str(LEVEL), str(PIECE), zlib.ZLIB_RUNTIME_VERSION, data)
    found = kept.get(key)
    if isinstance(found, bytes):
        return found
    payload = _deflate(data)
    kept.put(key, payload)
    return payload


def _deflate(data: bytes) -> bytes:
    """One raw deflate stream of ``data``; past :data:`PIECE` bytes, made of pieces deflated on threads."""
    if len(data) <= PIECE:
        return _deflate_piece(data, 0, len(data))
    starts = range(0, len(data), PIECE)
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        return b"".join(pool.map(lambda start: _deflate_piece(data, start, start + PIECE), starts))


def _deflate_piece(data: bytes, start: int, end: int) -> bytes:
    """``data[start:end]`` deflated as a piece of one stream, as pigz does: primed with the 32 kB before
    it (deflate's window), and ended on a byte boundary with a non-final block (a sync flush) unless it
    is the last, so the pieces joined are one valid stream."""
    window = data[max(0, start - 32768) : start]
    compressor = (
        zlib.compressobj(LEVEL, zlib.DEFLATED, -15, zdict=window)
        if window
        else zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    )
    last = end >= len(data)
    return compressor.compress(data[start:end]) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


def _central_entry(entry: _Written, dos_time: int, dos_date: int) -> bytes:
    """An entry of the central directory; an offset past 4 GiB goes into a Zip64 extra field."""
    far = entry.offset >= _LIMIT
    extra = struct.pack("<2HQ", 1, 8, entry.offset) if far else b""
    version = 45 if far else 20
    return (
        struct.pack(
            "<4s4B4HL2L5H2L",
            b"PK\x01\x02",
            version,
            3,  # made on Unix: the permissions below apply
            version,
            0,
            entry.flags,
            entry.method,
            dos_time,
            dos_date,
            entry.crc,
            entry.compressed,
            entry.size,
            len(entry.name),
            len(extra),
            0,
            0,
            0,
            _PERMISSIONS,
            _LIMIT if far else entry.offset,
        )
        + entry.name
        + extra
    )


def _end_records(count: int, size: int, start: int) -> bytes:
    """The end of the central directory, preceded by the Zip64 record and locator when the count, the
    directory's size or its place does not fit the classic fields."""
    zip64 = b""
    if count >= _MANY or size >= _LIMIT or start >= _LIMIT:
        where = start + size
        zip64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count, size, start)
        zip64 += struct.pack("<4sLQL", b"PK\x06\x07", 0, where, 1)
    return zip64 + struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, min(count, _MANY), min(count, _MANY), min(size, _LIMIT), min(start, _LIMIT), 0
    )


__all__ = ["KEEP_FROM", "LEVEL", "STORED", "write_zip"]
