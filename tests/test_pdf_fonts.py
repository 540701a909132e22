"""A PDF is made with the pinned fonts only, so its bytes do not depend on the machine: fonts installed
beside them change nothing, not even for a letter the pinned fonts lack; and the in-process render
(`brief build` with one changed brief) and a worker's render (`brief pdf`, many) give the same bytes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import run_python
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

from generator.publish import pdf

KHMER_KA = "\u1780"
"""A letter DejaVu does not have: without the pinned fonts alone, a machine's other fonts would draw it."""

PAGE = f"<html lang='en'><head><title>t</title></head><body><h1>Fonts</h1><p>Kâ <code>x</code> {KHMER_KA}</p></body></html>"


def extra_font(folder: Path) -> Path:
    """A real TrueType font (family 'Extra Test') that draws U+1780, as a font a machine may have installed."""
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "ka"])
    builder.setupCharacterMap({ord(KHMER_KA): "ka"})
    glyphs = {}
    for name in (".notdef", "ka"):
        pen = TTGlyphPen(None)
        pen.moveTo((100, 0))
        pen.lineTo((100, 700))
        pen.lineTo((500, 700))
        pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({".notdef": (600, 0), "ka": (600, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Extra Test", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ExtraTest.ttf"
    builder.save(str(path))
    return path


RENDER = """
import hashlib, sys
from pathlib import Path
from generator.publish import pdf
page, site = sys.argv[1], Path(sys.argv[2])
data = pdf.render_pdf(pdf.PrintJob("fonts", page, pdf.stylesheet(), site))
print(hashlib.sha256(data).hexdigest())
"""


def render_in_fresh_process(site: Path, env: dict[str, str]) -> str:
    """The digest of the PDF a fresh interpreter renders (Fontconfig reads the machine's fonts afresh)."""
    return run_python(RENDER, PAGE, str(site), env=env).stdout.strip()


def test_fonts_installed_on_the_machine_change_no_byte_of_a_pdf(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    extra = extra_font(tmp_path / "extra-fonts")
    machine = tmp_path / "machine-fonts.conf"  # the system's fonts, and one more folder of them
    machine.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig>\n'
        f"  <include ignore_missing='yes'>/etc/fonts/fonts.conf</include>\n  <dir>{extra.parent}</dir>\n"
        f"  <cachedir>{tmp_path / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    plain = render_in_fresh_process(site, {})
    with_extra_fonts = render_in_fresh_process(site, {"FONTCONFIG_FILE": str(machine)})
    assert with_extra_fonts == plain


def test_the_isolated_configuration_lists_the_pinned_fonts_and_nothing_else() -> None:
    text = pdf.isolated_fonts().read_text(encoding="utf-8")
    assert f"<dir>{pdf.FONT_DIR.as_posix()}</dir>" in text
    assert text.count("<dir>") == 1 and "<include" not in text
    for *_, path in pdf.font_files():
        assert path.parent == pdf.FONT_DIR


def test_a_pdf_rendered_here_and_in_a_worker_has_the_same_bytes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    jobs = [pdf.PrintJob(name, PAGE.replace("Fonts", name), pdf.stylesheet(), site) for name in ("one", "two")]
    here = pdf.build_pdfs(jobs, tmp_path / "here", workers=1)
    workers = pdf.build_pdfs(jobs, tmp_path / "workers", workers=2)
    assert all(r.rendered for r in here + workers)
    digest = {r.brief_id: hashlib.sha256(r.path.read_bytes()).hexdigest() for r in here}
    assert {r.brief_id: hashlib.sha256(r.path.read_bytes()).hexdigest() for r in workers} == digest
