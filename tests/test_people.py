"""People across briefs: one page per person, merged by id or slugified name."""

from __future__ import annotations

from reader_data import brief_data

from generator.model.brief import Brief
from generator.pages.people import people_across, person_slugs


def _second_brief(**person: object) -> Brief:
    data = brief_data()
    data["id"] = "london-talks-2025"
    data["when"] = {"date": "2025-04-23", "basis": "stated"}
    zelensky = next(p for p in data["participants"] if p["id"] == "volodymyr-zelensky")
    zelensky.update(person)
    return Brief.model_validate(data)


def test_the_same_id_in_two_briefs_is_one_person_with_both_appearances() -> None:
    first = Brief.model_validate(brief_data())
    second = _second_brief(variants=["Zelenskiy"])
    people = {p.slug: p for p in people_across([second, first])}
    zelensky = people["volodymyr-zelensky"]
    assert [a.brief.id for a in zelensky.appearances] == ["london-talks-2025", "paris-talks-2025"]  # newest first
    assert set(zelensky.variants) == {"Zelenskyy", "Volodymyr Zelenskyy", "Zelenskiy"}
    assert len(people) == len(first.participants)


def test_a_different_id_with_the_same_name_still_merges() -> None:
    first = Brief.model_validate(brief_data())
    data = brief_data()
    data["id"] = "other"
    data["when"] = {"date": "2025-05-01", "basis": "stated"}
    for entry in data["agenda"] + [p for q in data["open_questions"] for p in q["positions"]]:
        entry["participants"] = [
            "zelensky" if pid == "volodymyr-zelensky" else pid for pid in entry.get("participants", [])
        ]
    next(p for p in data["participants"] if p["id"] == "volodymyr-zelensky")["id"] = "zelensky"
    second = Brief.model_validate(data)
    people = people_across([first, second])
    slugs = person_slugs(people)
    assert slugs[("other", "zelensky")] == slugs[("paris-talks-2025", "volodymyr-zelensky")] == "volodymyr-zelensky"


def test_what_involves_a_person_is_collected() -> None:
    paris = Brief.model_validate(brief_data())
    rubio = next(p for p in people_across([paris]) if p.slug == "marco-rubio")
    appearance = rubio.appearances[0]
    assert {a.id for a in appearance.agenda} == {a.id for a in paris.agenda if "marco-rubio" in a.participants}
    assert [q.id for q, _ in appearance.positions] == [
        q.id for q in paris.open_questions for p in q.positions if "marco-rubio" in p.participants
    ]
    assert appearance.side_name == "United States"
