"""Grow the support check's labelled corpus from briefs: their sentences (true) and mutations of them (false).

Usage: .venv/bin/python scripts/support_corpus.py briefs/a.yaml [briefs/b.yaml ...]

For each brief it writes tests/support_corpus/<brief-id>.yaml: the brief's names (sides, people with
the quotes their roles cite, sources with outlet, author and label), every claim that cites quotes,
labelled true (every brief in briefs/ has been read independently against its sources), and for each
claim the mutations a careless or dishonest edit makes, labelled false with the rule that must refuse
them: a figure changed or multiplied by a thousand, a day, month or year changed, a place or another
person's name added, a hedge dropped. The files are frozen copies: the tests never read briefs/.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.model.archive import Archive
from generator.model.brief import Brief, Claim
from generator.model.load import load_file
from generator.model.quantities import MONTHS, Stated, mentions
from generator.model.support import claims
from generator.model.validate import validate_document
from generator.review.support_corpus import Sentence, sentence_entries

OUT = ROOT / "tests" / "support_corpus"
_PLACE = "Lausanne"


def _context(brief: Brief) -> dict[str, object]:
    return {
        "sides": [{"name": s.name, **({"variants": list(s.variants)} if s.variants else {})} for s in brief.sides],
        "participants": [
            {
                "name": p.name,
                **({"variants": list(p.variants)} if p.variants else {}),
                "quotes": [c.quote for c in p.cited()],
            }
            for p in brief.participants
        ],
        "sources": [
            {
                k: v
                for k, v in (
                    ("id", s.id),
                    ("file", s.file),
                    ("label", s.label),
                    ("outlet", s.outlet),
                    ("author", s.author),
                )
                if v
            }
            for s in brief.sources
        ],
    }


def _mutations(brief: Brief, claim: Claim, origin: str) -> list[Sentence]:
    quotes = tuple((c.source, c.quote) for c in claim.cite)
    stated = Stated.of(tuple(q for _, q in quotes) + ((claim.inferred,) if claim.inferred else ()))
    text = claim.says
    out: list[Sentence] = []

    def false(says: str, rule: str, kind: str, what: str) -> None:
        if says != text:
            out.append(Sentence(says, quotes, False, rule, kind, f"{origin} ({what})", claim.inferred))

    numbers = [
        m
        for m in mentions(text)
        if m.kind == "number" and m.value and m.text[:1].isdigit() and not (len(m.text) == 3 and m.text.startswith("0"))
    ]
    if numbers:
        m = numbers[0]
        value = int(m.value or 0) + 1
        if float(value) not in stated.numbers:
            shown = f"{value:,}" if "," in m.text else str(value)
            false(text[: m.start] + shown + text[m.end :], "unsupported-number", "figure", "figure changed")
        if (
            "," not in m.text
            and "." not in m.text
            and (m.value or 0) < 1000
            and (m.value or 0) * 1000 not in stated.numbers
        ):
            false(text[: m.end] + ",000" + text[m.end :], "unsupported-number", "figure", "figure times a thousand")
        hedge = re.search(r"\b(at least|more than|about|nearly|over|up to|some|around|almost)\s+$", text[: m.start])
        if hedge:
            false(text[: hedge.start()] + text[m.start :], "hedge-dropped", "hedge", "hedge dropped")
    days = [m for m in mentions(text) if m.kind == "day"]
    if days:
        m = days[0]
        digits = re.search(r"\d{1,2}(?=(?:st|nd|rd|th)?\b)", m.text)
        day = m.days[0]
        new_day = day.day + 1 if day.day < 28 else day.day - 1
        if digits and (day.month, new_day) not in stated.days:
            changed = m.text[: digits.start()] + str(new_day) + m.text[digits.end() :]
            false(text[: m.start] + changed + text[m.end :], "unsupported-date", "date", "day changed")
    months = [m for m in mentions(text) if m.kind in ("month", "day")]
    for m in months[:1]:
        found = re.search("|".join(n.capitalize() for n in MONTHS), m.text)
        if found:
            month = MONTHS.index(found.group().lower())
            other = MONTHS[(month + 6) % 12].capitalize()
            false(
                text[: m.start + found.start()] + other + text[m.start + found.end() :],
                "unsupported-date",
                "date",
                "month changed",
            )
    years = [m for m in mentions(text) if m.kind == "year"]
    if years:
        m = years[0]
        if int(m.value or 0) + 1 not in stated.years:
            false(
                text[: m.start] + str(int(m.value or 0) + 1) + text[m.end :], "unsupported-date", "date", "year changed"
            )
    if text.endswith(".") and _PLACE.lower() not in text.lower():
        false(text[:-1] + f" in {_PLACE}.", "unsupported-name", "place", "place added")
    named = [p for p in brief.participants if p.name.split()[-1] in text]
    absent = [
        p
        for p in brief.participants
        if p.name.split()[-1] not in text
        and not any(p.name.split()[-1].lower() in q.lower() for _, q in quotes)
        and all(w[:1].isupper() for w in p.name.split())
    ]
    if named and absent:
        old = named[0].name.split()[-1]
        false(text.replace(old, absent[0].name.split()[-1], 1), "unsupported-name", "name", "person swapped")
    return out


def main(paths: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name in paths:
        path = Path(name)
        brief = validate_document(load_file(path), Archive(path.parent / "sources"))
        sentences: list[Sentence] = []
        for at, claim in claims(brief):
            if not claim.cite:
                continue
            origin = f"{brief.id} " + ".".join(str(p) for p in at)
            sentences.append(
                Sentence(
                    claim.says,
                    tuple((c.source, c.quote) for c in claim.cite),
                    True,
                    None,
                    "brief",
                    origin,
                    claim.inferred,
                )
            )
            sentences += _mutations(brief, claim, origin)
        target = OUT / f"{brief.id}.yaml"
        data = {"context": _context(brief), "sentences": sentence_entries(sentences)}
        header = (
            f"# Labelled sentences drawn from briefs/{path.name} by scripts/support_corpus.py: its claims (true) and\n"
            "# mutations of them (false, with the rule that must refuse them). A frozen copy: grow it, do not\n"
            "# regenerate it to make a test pass.\n"
        )
        target.write_text(
            header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8"
        )
        true = sum(1 for s in sentences if s.supported)
        print(f"{target.relative_to(ROOT)}: {true} true, {len(sentences) - true} false")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
