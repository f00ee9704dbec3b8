"""`flask bench-data`: synthetic scale data, in its own database, never mixed with real data."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from registry.database import db
from registry.followthrough.status import refresh_statuses
from registry.geo import zip_place
from registry.models import Action, Bill, Body, Resolution, Source
from registry.synthetic.places import Placer
from registry.synthetic.populations import STATE_POPULATIONS_2020, US_RESIDENT_POPULATION_2020
from registry.synthetic.target import target_app

SIZE = 300


@pytest.fixture(scope="module")
def synthetic_url(app, tmp_path_factory):
    """A database of its own for synthetic data, on the same engine as the suite."""
    main = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    if main.get_backend_name() == "sqlite":
        yield "sqlite:///" + str(tmp_path_factory.mktemp("synthetic") / "bench.sqlite3")
        return
    name = f"{main.database}_synthetic"
    admin = create_engine(main.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield main.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="module")
def loaded(app, synthetic_url):
    """The command's output after filling the synthetic database once with 300 bodies."""
    with app.app_context():
        result = app.test_cli_runner().invoke(
            args=["bench-data", "--bodies", str(SIZE), "--seed", "7", "--database-url", synthetic_url])
    assert result.exit_code == 0, result.output
    return result.output


def read(url, statement):
    with target_app(url):
        return db.session.execute(statement).all()


def test_loads_the_requested_counts_in_plausible_proportions(loaded, synthetic_url):
    """N bodies, about 1.5 resolutions and 3 actions per body, mostly locals, every level present."""
    assert f"Wrote {SIZE} synthetic bodies" in loaded
    levels = Counter(dict(read(synthetic_url, select(Body.level, func.count()).group_by(Body.level))))
    assert sum(levels.values()) == SIZE
    assert set(levels) == {"local", "district_council", "central_labor_council", "area_labor_federation",
                           "state_federation", "national_union", "federation", "other"}
    assert levels["federation"] == 1
    assert 0.8 < levels["local"] / SIZE < 0.92
    [(resolutions,)] = read(synthetic_url, select(func.count()).select_from(Resolution))
    [(actions,)] = read(synthetic_url, select(func.count()).select_from(Action))
    assert 1.2 < resolutions / SIZE < 1.9
    assert 2.2 < actions / SIZE < 4.0


def test_everything_is_marked_synthetic(loaded, synthetic_url):
    """Slugs start synthetic-, names end (synthetic), every URL is on the reserved .invalid domain."""
    bodies = read(synthetic_url, select(Body.slug, Body.name, Body.website, Body.public_contact))
    assert all(slug.startswith("synthetic-") for slug, *_ in bodies)
    assert all(name.endswith(" (synthetic)") for _, name, *_ in bodies)
    assert all(site.startswith("https://synthetic.invalid/") for *_, site, _ in bodies if site)
    contacts = [contact for *_, contact in bodies if contact]
    assert contacts and all("synthetic.invalid" in c or "555-01" in c for c in contacts)
    urls = [url for (url,) in read(synthetic_url, select(Source.url))]
    assert urls and all(url.startswith("https://synthetic.invalid/") for url in urls)
    bills = read(synthetic_url, select(Bill.slug, Bill.title))
    assert bills and all(s.startswith("synthetic-") and t.endswith("(synthetic)") for s, t in bills)


def test_stored_statuses_agree_with_the_ladder(loaded, synthetic_url):
    """Recomputing every body's status with the registry's own rules changes nothing."""
    with target_app(synthetic_url):
        ids = list(db.session.scalars(select(Body.id)))
        assert refresh_statuses(ids) == 0
        tiers = Counter(db.session.scalars(select(Body.tier).where(Body.endorsing.is_(True))))
        db.session.rollback()
    assert len(tiers) == 5 and tiers[0] > tiers[4]


def test_hierarchy_links_locals_and_councils_to_their_parents(loaded, synthetic_url):
    """Locals hang under their national union or a district council of the same union;
    councils and federations under the AFL-CIO."""
    with target_app(synthetic_url):
        bodies = {b.id: b for b in db.session.scalars(select(Body))}
        afl_cio = next(b for b in bodies.values() if b.level == "federation")
        for body in bodies.values():
            parent = bodies.get(body.parent_id)
            if body.level == "local":
                assert parent.level in ("national_union", "district_council")
                assert parent.affiliation == body.affiliation
            elif body.level in ("central_labor_council", "state_federation", "area_labor_federation"):
                assert parent is afl_cio
        db.session.rollback()


def test_places_use_the_gazetteer_at_honest_precisions(loaded, synthetic_url):
    """Mostly city or ZIP precision with real coordinates, some state-only, a few unplaced."""
    rows = read(synthetic_url, select(Body.geocode_precision, Body.zip, Body.latitude, Body.longitude))
    precisions = Counter(p for p, *_ in rows)
    assert (precisions["city"] + precisions["zip"]) / SIZE > 0.7
    assert precisions["state"] > 0 and precisions[None] > 0
    for precision, zip_code, lat, lon in rows:
        assert (lat is None) == (precision is None)
        if precision == "zip":
            place = zip_place(zip_code)
            assert (place.latitude, place.longitude) == (lat, lon)


def test_states_are_drawn_in_proportion_to_population():
    """The population table sums to the census total; draws follow its shares."""
    assert sum(STATE_POPULATIONS_2020.values()) == US_RESIDENT_POPULATION_2020
    placer = Placer(random.Random(3))
    draws = Counter(placer.state() for _ in range(40_000))
    for state in ("CA", "TX", "OH", "WY"):
        share = STATE_POPULATIONS_2020[state] / US_RESIDENT_POPULATION_2020
        assert abs(draws[state] / 40_000 - share) < 0.01 + share * 0.1


def test_refuses_the_registrys_own_database(app, runner, make_body):
    """Pointing the command at the app's database exits 1 and writes nothing."""
    make_body()
    result = runner.invoke(args=["bench-data", "--bodies", "60", "--database-url",
                                 app.config["SQLALCHEMY_DATABASE_URI"]])
    assert result.exit_code == 1
    assert "registry's own database" in result.output
    assert db.session.scalar(select(func.count()).select_from(Body)) == 1


def test_refuses_a_database_holding_real_bodies(loaded, app, synthetic_url):
    """A real body in the target blocks the command, even with --replace; nothing changes."""
    with target_app(synthetic_url):
        real = Body(slug="real-local-1", name="Real Local 1", level="local")
        db.session.add(real)
        db.session.commit()
        assert real.id > SIZE  # the id sequence was moved past the bulk-loaded ids
    try:
        result = app.test_cli_runner().invoke(
            args=["bench-data", "--bodies", "60", "--replace", "--database-url", synthetic_url])
        assert result.exit_code == 1
        assert "1 real (non-synthetic)" in result.output
        [(count,)] = read(synthetic_url, select(func.count()).select_from(Body))
        assert count == SIZE + 1
    finally:
        with target_app(synthetic_url):
            db.session.execute(Body.__table__.delete().where(Body.slug == "real-local-1"))
            db.session.commit()


def test_existing_synthetic_data_needs_replace(loaded, app, synthetic_url):
    """Without --replace the command will not overwrite an earlier synthetic load."""
    result = app.test_cli_runner().invoke(
        args=["bench-data", "--bodies", "60", "--database-url", synthetic_url])
    assert result.exit_code == 1
    assert f"already holds {SIZE} synthetic bodies" in result.output


def test_same_seed_same_data_and_ids_keep_counting(app, tmp_path):
    """A seed reproduces the data exactly; new records get fresh ids after the bulk load.

    (The generator does not depend on the engine, so a SQLite file is enough here.)"""
    url = "sqlite:///" + str(tmp_path / "seeded.sqlite3")
    snapshots = []
    for _ in range(2):
        result = app.test_cli_runner().invoke(
            args=["bench-data", "--bodies", "80", "--seed", "11", "--replace", "--database-url", url])
        assert result.exit_code == 0, result.output
        snapshots.append(read(url, select(Body.slug, Body.latitude, Body.tier).order_by(Body.id)))
    assert snapshots[0] == snapshots[1]
    with target_app(url):
        body = Body(slug="synthetic-extra", name="Extra (synthetic)", level="local")
        db.session.add(body)
        db.session.commit()
        assert body.id == 81
