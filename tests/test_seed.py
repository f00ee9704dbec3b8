"""`flask seed`: real sourced records, merged per body, idempotent, all-or-nothing.

The seeds are `seeds/bills.csv` and `seeds/endorsements.csv` (the registry's endorsement CSV, built
by scripts/build_seeds.py from ../shared/data, the researchers' harvest and the hand curation);
`seeds/coverage.csv` and `seeds/lists.csv` are the coverage data the site reads beside them."""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
from collections import Counter
from datetime import date

import pytest
from sqlalchemy import func, select

from registry import PROJECT_ROOT
from registry.database import db
from registry.geo import city_place, state_place
from registry.imports.endorsements import ACTION_COLUMNS, CHECK_COLUMNS, COLUMNS, RESOLUTION_COLUMNS
from registry.models import Action, Bill, Body, Check, Resolution, Revision, Source
from registry.vocab import LEVELS

SEEDS = os.path.join(PROJECT_ROOT, "seeds")
# The harvest's checks are dated 2026-12-03; the suite's fixed "today" (2026-11-28) is earlier.
SEED_TODAY = date(2026, 12, 31)
CLAIM_COLUMNS = ("members", "members_year", "website")


def read(name: str) -> list[dict[str, str]]:
    with open(os.path.join(SEEDS, name), newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def rows_with(columns) -> list[dict[str, str]]:
    return [row for row in read("endorsements.csv") if any(row[c] for c in columns)]


def body_rows() -> list[dict[str, str]]:
    """The first row of each body: its catalogue entry (no resolution, action, claim or check)."""
    busy = RESOLUTION_COLUMNS + ACTION_COLUMNS + CHECK_COLUMNS + CLAIM_COLUMNS
    first: dict[str, dict[str, str]] = {}
    for row in read("endorsements.csv"):
        if not any(row.get(c) for c in busy):
            first.setdefault(row["slug"], row)
    return list(first.values())


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def table_counts() -> dict[str, int]:
    return {m.__name__: count(m) for m in (Bill, Body, Resolution, Action, Check, Source, Revision)}


@pytest.fixture
def runner(app, monkeypatch):
    monkeypatch.setitem(app.config, "REGISTRY_TODAY", SEED_TODAY)
    return app.test_cli_runner()


@pytest.fixture
def seeded(runner):
    result = runner.invoke(args=["seed"])
    assert result.exit_code == 0, result.output
    return result


def test_the_build_script_writes_the_import_columns():
    spec = importlib.util.spec_from_file_location(
        "build_seeds", os.path.join(PROJECT_ROOT, "scripts", "build_seeds.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert tuple(module.OUT_COLUMNS) == tuple(COLUMNS)
    with open(os.path.join(SEEDS, "endorsements.csv"), newline="", encoding="utf-8") as handle:
        assert tuple(next(csv.reader(handle))) == tuple(COLUMNS)


def test_every_seed_row_has_a_source():
    for name in ("bills.csv", "endorsements.csv", "coverage.csv"):
        rows = read(name)
        assert rows, name
        assert all(row["source_url"].startswith(("http://", "https://")) for row in rows), name


def test_coverage_figures_are_data_with_their_sources():
    figures = read("coverage.csv")
    assert {(r["figure"], r["value"]) for r in figures} >= {
        ("union organizations", "632"), ("central labor councils and area labor federations", "153"),
        ("state AFL-CIOs", "44"), ("national unions", "22")}
    for row in figures:
        assert row["value"].isdigit() and row["campaign"] and row["bill"]
        assert all(level in LEVELS for level in filter(None, row["levels"].split(";")))
    lists = read("lists.csv")
    assert {"rows", "bodies", "completeness"} <= set(lists[0])
    assert all(r["rows"].isdigit() and r["bodies"].isdigit() and r["completeness"] for r in lists)
    harvest = {name[: -len(".csv")] for name in os.listdir(os.path.join(SEEDS, "harvest"))
               if name.endswith(".csv") and not name.endswith("-checks.csv")}
    assert harvest <= {r["list"].split(":")[0].removeprefix("Harvest ") for r in lists}


def test_seed_counts_equal_the_distinct_records_in_the_files(seeded):
    """One body per slug, one resolution per body and bill, one action per event, one check per
    body and day."""
    bodies = {row["slug"] for row in read("endorsements.csv")}
    resolutions = {(row["slug"], row["bill"].lower(), row["stance"] or "support")
                   for row in rows_with(RESOLUTION_COLUMNS)}
    actions = {(row["slug"], row["action_kind"],
                row["action_date"] or row["action_description"].strip().lower())
               for row in rows_with(ACTION_COLUMNS)}
    checks = {(row["slug"], row["checked_on"], row["checked_by"]) for row in rows_with(CHECK_COLUMNS)}
    assert count(Body) == len(bodies)
    assert count(Resolution) == len(resolutions)
    assert count(Action) == len(actions)
    assert count(Check) == len(checks)
    assert count(Bill) == len(read("bills.csv"))
    levels = Counter(row["level"] for row in body_rows())
    in_db = dict(db.session.execute(select(Body.level, func.count()).group_by(Body.level)).all())
    assert in_db == dict(levels)
    with_members = {row["slug"] for row in rows_with(("members",))}
    assert db.session.scalar(select(func.count()).select_from(Body)
                             .where(Body.members.is_not(None))) == len(with_members)


def test_bodies_named_in_several_sources_are_one_body_with_several_sources(seeded):
    rows = rows_with(RESOLUTION_COLUMNS)
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
        assert set(db.session.scalars(select(model.evidence_level).distinct())) <= {"sourced", "primary"}
    assert db.session.scalar(select(func.count()).select_from(Body).where(~Body.sources.any())) == 0
    assert db.session.scalar(select(func.count()).select_from(Body).where(
        Body.members.is_not(None), Body.members_source_url.is_(None))) == 0


def test_dates_keep_their_precision_and_kind(seeded):
    precision = {4: "year", 7: "month", 10: "day"}
    rows = [r for r in rows_with(RESOLUTION_COLUMNS) if r["adopted_on"]]
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
    for row in body_rows():
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
    assert db.session.scalar(select(func.count()).select_from(Body).where(Body.checked.is_(True))) > 0


def first_line(columns) -> int:
    """The file line of the first row with one of these columns filled (rows before the
    multi-line check rows are one line each)."""
    for index, row in enumerate(read("endorsements.csv")):
        if any(row[c] for c in columns):
            return index + 2
    raise AssertionError(columns)


def corrupt_copy(tmp_path, name: str, line: int, field: str, value: str) -> str:
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    path = target / name
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
        fields = list(rows[0].keys())
    rows[line - 2][field] = value
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return str(target)


@pytest.mark.parametrize("columns,field,value", [
    (("slug",), "level", "galaxy"),
    (("adopted_on",), "adopted_on", "2019-13-45"),
    (("action_kind",), "action_kind", "bake_sale"),
    (("action_kind",), "source_url", "javascript:alert(1)"),
    (("members",), "members", "many"),
])
def test_malformed_seed_file_names_the_line_and_field_and_loads_nothing(runner, tmp_path, columns,
                                                                       field, value):
    line = first_line(columns)
    directory = corrupt_copy(tmp_path, "endorsements.csv", line, field, value)
    result = runner.invoke(args=["seed", "--directory", directory])
    assert result.exit_code == 1
    assert "endorsements.csv" in result.output and f"line {line}: {field}:" in result.output
    assert all(n == 0 for n in table_counts().values())


def test_malformed_file_leaves_a_seeded_registry_as_it_was(seeded, runner, tmp_path):
    before = table_counts()
    line = first_line(("slug",))
    directory = corrupt_copy(tmp_path, "endorsements.csv", line, "state", "ZZ")
    result = runner.invoke(args=["seed", "--directory", directory])
    assert result.exit_code == 1 and f"line {line}: state:" in result.output
    assert table_counts() == before


def test_every_state_federation_and_national_union_has_a_dated_check(seeded):
    """The harvest's one target that the stored pages allowed in full: each state federation,
    national union and the AFL-CIO was researched one by one, with what was searched."""
    top = select(Body).where(Body.level.in_(("state_federation", "national_union", "federation")),
                             Body.organization_type == "union")
    bodies = db.session.scalars(top).all()
    assert len(bodies) >= 44 + 22 + 1
    unchecked = [b.slug for b in bodies if not b.checks]
    assert unchecked == []
    for body in bodies:
        assert all(check.checked_on and check.searched.strip() for check in body.checks), body.slug


def test_memberships_are_known_for_at_least_fifty_union_bodies(seeded):
    known = select(func.count()).select_from(Body).where(Body.members.is_not(None),
                                                         Body.organization_type == "union")
    assert db.session.scalar(known) >= 50
