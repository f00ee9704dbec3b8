"""`flask seed`: real sourced records, merged per body, idempotent, all-or-nothing."""

from __future__ import annotations

import csv
import os
import shutil
from collections import Counter

import pytest
from sqlalchemy import func, select

from registry import PROJECT_ROOT
from registry.database import db
from registry.geo import city_place, state_place
from registry.models import Action, Bill, Body, Resolution, Revision, Source

SEEDS = os.path.join(PROJECT_ROOT, "seeds")


def read(name: str) -> list[dict[str, str]]:
    with open(os.path.join(SEEDS, name), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def claims(kind: str) -> list[dict[str, str]]:
    """The endorsement CSV's rows of one kind: body-only, resolution or action claims."""
    rows = read("endorsements.csv")
    if kind == "resolution":
        return [row for row in rows if row["stance"]]
    if kind == "action":
        return [row for row in rows if row["action_kind"]]
    return [row for row in rows if not row["stance"] and not row["action_kind"]]


def first_line(kind: str) -> int:
    """The file line of the first claim of a kind (the header is line 1)."""
    for line, row in enumerate(read("endorsements.csv"), start=2):
        if row in claims(kind):
            return line
    raise AssertionError(kind)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def table_counts() -> dict[str, int]:
    return {m.__name__: count(m) for m in (Bill, Body, Resolution, Action, Source, Revision)}


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return result


def test_every_seed_row_has_a_source():
    for name in ("bills.csv", "endorsements.csv"):
        rows = read(name)
        assert rows, name
        assert all(row["source_url"].startswith(("http://", "https://")) for row in rows), name
    assert claims("body") and claims("resolution") and claims("action")


def test_seed_counts_equal_the_distinct_records_in_the_files(seeded):
    """One body per slug, one resolution per body and bill, one action per event."""
    bodies = {row["slug"] for row in claims("body")}
    resolutions = {(row["slug"], row["bill"].lower(), row["stance"]) for row in claims("resolution")}
    actions = {(row["slug"], row["action_kind"],
                row["action_date"] or row["action_description"].strip().lower())
               for row in claims("action")}
    assert count(Body) == len(bodies)
    assert count(Resolution) == len(resolutions)
    assert count(Action) == len(actions)
    assert count(Bill) == len(read("bills.csv"))
    levels = Counter(row["level"] for row in {r["slug"]: r for r in claims("body")}.values())
    in_db = dict(db.session.execute(select(Body.level, func.count()).group_by(Body.level)).all())
    assert in_db == dict(levels)


def test_bodies_named_in_several_sources_are_one_body_with_several_sources(seeded):
    rows = claims("resolution")
    by_body = Counter(row["slug"] for row in rows)
    slug, n = by_body.most_common(1)[0]
    assert n > 1
    body = db.session.scalar(select(Body).where(Body.slug == slug))
    urls = {s.url for r in body.resolutions for s in r.sources}
    assert urls == {row["source_url"] for row in rows if row["slug"] == slug}


def test_every_published_record_keeps_a_source(seeded):
    for model in (Resolution, Action):
        unsourced = db.session.scalar(
            select(func.count()).select_from(model).where(~model.sources.any())
        )
        assert unsourced == 0, model
    # A source page that is the resolution itself (adoption evidence "record") makes it primary.
    assert set(db.session.scalars(select(Action.evidence_level).distinct())) == {"sourced"}
    primary = set(db.session.scalars(
        select(Body.slug).join(Body.resolutions).where(Resolution.evidence_level == "primary")))
    assert primary == {row["slug"] for row in claims("resolution")
                       if row["adoption_evidence"] == "record"}
    assert db.session.scalar(select(func.count()).select_from(Body).where(~Body.sources.any())) == 0


def test_dates_keep_their_precision_and_kind(seeded):
    rows = [r for r in claims("resolution") if r["adopted_on"]]
    precision = {10: "day", 7: "month", 4: "year"}
    kinds = {(r["date_kind"], precision[len(r["adopted_on"])]) for r in rows}
    stored = set(db.session.execute(
        select(Resolution.date_kind, Resolution.date_precision).where(Resolution.adopted_on.is_not(None))
        .distinct()).all())
    assert stored <= kinds
    assert ("adopted", "day") in stored and ("reported", "day") in stored


def test_bill_lineage_is_seeded(seeded):
    hr3069 = db.session.scalar(select(Bill).where(Bill.code == "HR 3069"))
    chain = []
    bill = hr3069
    while bill is not None:
        chain.append(bill.code)
        bill = bill.predecessor
    assert chain == ["HR 3069", "HR 3421", "HR 1976", "HR 1384", "HR 676"]


def test_bodies_are_placed_offline_with_their_precision(seeded):
    for row in claims("body"):
        body = db.session.scalar(select(Body).where(Body.slug == row["slug"]))
        if row["city"] and row["state"] and city_place(row["city"], row["state"]):
            assert body.geocode_precision == "city", row["slug"]
        elif row["state"]:
            assert body.geocode_precision == "state", row["slug"]
            place = state_place(row["state"])
            assert (body.latitude, body.longitude) == (place.latitude, place.longitude)
        else:
            assert body.latitude is None and body.geocode_precision is None


def test_second_run_changes_nothing_and_says_so(seeded, runner):
    before = table_counts()
    again = runner.invoke(args=["seed"])
    assert again.exit_code == 0
    assert "nothing changed" in again.output
    assert table_counts() == before


def test_if_empty_skips_a_populated_registry(seeded, runner):
    result = runner.invoke(args=["seed", "--if-empty"])
    assert "skipped" in result.output


def test_status_is_computed_from_the_seeded_actions(seeded):
    """Tiers come from the ladder rules, never from a column of the seed files."""
    endorsing = count(Body) - db.session.scalar(
        select(func.count()).select_from(Body).where(Body.endorsing.is_(False)))
    assert endorsing > 200
    assert db.session.scalar(select(func.count()).select_from(Body).where(Body.tier >= 3)) > 0


def corrupt_copy(tmp_path, name: str, line: int, field: str, value: str) -> str:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    path = target / name
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    rows[line - 2][field] = value
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return str(target)


@pytest.mark.parametrize("kind,offset,field,value", [
    ("body", 3, "level", "galaxy"),
    ("resolution", 38, "adopted_on", "2019-13-45"),
    ("action", 10, "action_kind", "bake_sale"),
    ("action", 5, "source_url", "javascript:alert(1)"),
    ("resolution", 1, "slug", "Not A Slug"),
])
def test_malformed_seed_file_names_the_line_and_field_and_loads_nothing(runner, tmp_path, kind,
                                                                       offset, field, value):
    name, line = "endorsements.csv", first_line(kind) + offset
    directory = corrupt_copy(tmp_path, name, line, field, value)
    result = runner.invoke(args=["seed", "--directory", directory])
    assert result.exit_code == 1
    assert f"Seed file {name} has errors" in result.output
    assert f"line {line}: {field}:" in result.output
    assert all(n == 0 for n in table_counts().values())


def test_malformed_file_leaves_a_seeded_registry_as_it_was(seeded, runner, tmp_path):
    before = table_counts()
    directory = corrupt_copy(tmp_path, "endorsements.csv", 3, "state", "ZZ")
    result = runner.invoke(args=["seed", "--directory", directory])
    assert result.exit_code == 1 and "line 3: state:" in result.output
    assert table_counts() == before
