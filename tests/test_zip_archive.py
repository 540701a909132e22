"""The offline zip's writer: a zip every reader opens, the same bytes whether entries were kept or deflated
anew, and after one change only that file deflated again."""

from __future__ import annotations

import datetime as dt
import subprocess
import zipfile
from pathlib import Path

import pytest

from generator.publish import zip_archive
from generator.publish.zip_archive import AHEAD, KEEP_FROM, write_zip
from generator.system.content_cache import ContentCache

MOMENT = dt.datetime(2025, 4, 17, 12, 30, 44, tzinfo=dt.UTC)


def site(folder: Path) -> Path:
    """A small site: pages big enough to be kept, a small one, a PDF stored as it is, a name beyond ASCII."""
    (folder / "briefs" / "paris").mkdir(parents=True)
    for number in range(3):
        text = "".join(f"<p>Paragraph {i} of page {number}.</p>\n" for i in range(KEEP_FROM // 20))
        (folder / "briefs" / f"page-{number}.html").write_text(text, encoding="utf-8")
    (folder / "index.html").write_text("<h1>Briefs</h1>", encoding="utf-8")
    (folder / "briefs" / "paris" / "paris.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    (folder / "briefs" / "paris" / "Kyïv.html").write_text("<p>Kyïv</p>", encoding="utf-8")
    return folder


def contents(archive_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(archive_path) as archive:
        assert archive.testzip() is None
        return {info.filename: archive.read(info) for info in archive.infolist()}


def assert_unzip_tests(path: Path) -> None:
    """Info-ZIP's unzip, the reader most people have, checks every entry."""
    tested = subprocess.run(["unzip", "-tq", str(path)], capture_output=True, text=True, check=False)
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_every_file_comes_back_with_its_name_time_and_permissions(tmp_path: Path) -> None:
    folder = site(tmp_path / "site")
    assert write_zip(folder, tmp_path / "a.zip", "top", moment=MOMENT, skip=frozenset({"index.html"})) == 5
    files = {f"top/{p.relative_to(folder).as_posix()}": p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    del files["top/index.html"]
    assert contents(tmp_path / "a.zip") == files
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(files)
    assert {i.date_time for i in infos} == {(2025, 4, 17, 12, 30, 44)}
    assert {i.external_attr >> 16 for i in infos} == {0o644}
    methods = {i.filename.rsplit(".", 1)[1]: i.compress_type for i in infos}
    assert methods == {"html": zipfile.ZIP_DEFLATED, "pdf": zipfile.ZIP_STORED}
    assert_unzip_tests(tmp_path / "a.zip")


def test_kept_entries_give_the_same_bytes_and_only_a_changed_file_is_deflated_again(tmp_path: Path) -> None:
    folder = site(tmp_path / "site")
    kept = ContentCache(tmp_path / "cache", "zip")
    write_zip(folder, tmp_path / "first.zip", "top", MOMENT, kept=kept)
    first = set(kept.used)
    assert len(first) == 3, "the three pages of 16 kB or more are kept, the small page and the PDF are not"
    page = folder / "briefs" / "page-1.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Paragraph 7 ", "Paragraph seven "), encoding="utf-8")
    kept = ContentCache(tmp_path / "cache", "zip")
    deflated: list[int] = []
    original = kept.put
    kept.put = lambda key, value: (deflated.append(len(value)), original(key, value))[1]  # type: ignore[method-assign]
    write_zip(folder, tmp_path / "warm.zip", "top", MOMENT, kept=kept)
    assert len(deflated) == 1 and len(kept.used - first) == 1
    write_zip(folder, tmp_path / "cold.zip", "top", MOMENT)
    assert (tmp_path / "warm.zip").read_bytes() == (tmp_path / "cold.zip").read_bytes()
    assert contents(tmp_path / "warm.zip")["top/briefs/page-1.html"] == page.read_bytes()


def test_entries_made_on_threads_give_the_bytes_of_one_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Threads make the entries, many at once, while one writes them in order: more files than are made
    ahead, alike and different, kept and not, stored and deflated, give the same zip as one thread."""
    folder = tmp_path / "site"
    for number in range(AHEAD * 3):
        page = folder / f"{number % 7}" / f"page-{number:03}.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        size = KEEP_FROM * 2 if number % 2 else 100 + number
        page.write_text((f"<p>page {number % 5}</p>" * size)[:size], encoding="utf-8")
        if number % 9 == 0:
            page.with_suffix(".pdf").write_bytes(bytes(range(256)) * (number + 1))
    threaded = ContentCache(tmp_path / "threaded", "zip")
    write_zip(folder, tmp_path / "threaded.zip", "top", MOMENT, kept=threaded)
    monkeypatch.setattr(zip_archive, "THREADS", 1)
    monkeypatch.setattr(zip_archive, "AHEAD", 1)
    write_zip(folder, tmp_path / "one.zip", "top", MOMENT, kept=ContentCache(tmp_path / "one", "zip"))
    assert (tmp_path / "threaded.zip").read_bytes() == (tmp_path / "one.zip").read_bytes()
    assert len(contents(tmp_path / "threaded.zip")) == AHEAD * 3 + len(range(0, AHEAD * 3, 9))
    assert sorted(p.name for p in (tmp_path / "threaded").rglob("*.pickle")) == sorted(
        p.name for p in (tmp_path / "one").rglob("*.pickle")
    ), "the same entries kept, none lost to two threads filing the same one"
    assert not list((tmp_path / "threaded").rglob("*.tmp"))


def test_a_large_file_deflated_in_pieces_on_threads_is_one_entry_every_reader_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PIECE bytes a file is deflated in pieces joined into one stream; made smaller here so that a
    small file has several pieces (and one piece of a single byte)."""
    monkeypatch.setattr(zip_archive, "PIECE", 4096)
    folder = tmp_path / "site"
    (folder / "search").mkdir(parents=True)
    index = "".join(f'{{"location": "page-{n}.html", "text": "Paragraph {n * 7919 % 1000}."}},' for n in range(3000))
    (folder / "search" / "index.js").write_text(index[: 4096 * 9 + 1], encoding="utf-8")
    kept = ContentCache(tmp_path / "cache", "zip")
    write_zip(folder, tmp_path / "pieces.zip", "top", MOMENT, kept=kept)
    assert contents(tmp_path / "pieces.zip") == {"top/search/index.js": (folder / "search" / "index.js").read_bytes()}
    assert_unzip_tests(tmp_path / "pieces.zip")
    write_zip(folder, tmp_path / "again.zip", "top", MOMENT, kept=ContentCache(tmp_path / "cache", "zip"))
    write_zip(folder, tmp_path / "anew.zip", "top", MOMENT)
    assert (
        (tmp_path / "again.zip").read_bytes()
        == (tmp_path / "anew.zip").read_bytes()
        == (tmp_path / "pieces.zip").read_bytes()
    )


def test_a_kept_entry_that_cannot_be_read_is_deflated_again(tmp_path: Path) -> None:
    folder = site(tmp_path / "site")
    kept = ContentCache(tmp_path / "cache", "zip")
    write_zip(folder, tmp_path / "first.zip", "top", MOMENT, kept=kept)
    for entry in (tmp_path / "cache" / "zip").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    write_zip(folder, tmp_path / "again.zip", "top", MOMENT, kept=ContentCache(tmp_path / "cache", "zip"))
    assert (tmp_path / "again.zip").read_bytes() == (tmp_path / "first.zip").read_bytes()


def test_more_entries_than_the_classic_end_record_counts(tmp_path: Path) -> None:
    """65,534 entries fit the classic end record; from 65,535 on (its "see Zip64" mark), Zip64 records say it."""
    folder = tmp_path / "many"
    for number in range(65534):
        if number % 1000 == 0:
            (folder / f"{number // 1000:03}").mkdir(parents=True)
        (folder / f"{number // 1000:03}" / f"{number:05}.html").write_bytes(b"")
    for count in (65534, 65535):
        if count == 65535:
            (folder / "065" / "65534.html").write_bytes(b"<p>one more</p>")
        write_zip(folder, tmp_path / "many.zip", "top")
        tail = (tmp_path / "many.zip").read_bytes()[-120:]
        assert (b"PK\x06\x06" in tail) == (count == 65535)
        with zipfile.ZipFile(tmp_path / "many.zip") as archive:
            names = archive.namelist()
            assert archive.read(names[-1]) == (b"<p>one more</p>" if count == 65535 else b"")
        assert len(names) == count
        assert_unzip_tests(tmp_path / "many.zip")
