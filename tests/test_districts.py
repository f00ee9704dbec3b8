"""Districts as data: the congress files load (validated, re-runnable), each seat has its
representative and their cosponsorship by Congress, and bodies get their district(s)."""

from __future__ import annotations

import os
import shutil
from datetime import date

import pytest
from sqlalchemy import func, select

from registry.database import db
from registry.districts import services
from registry.districts.loader import DistrictDataError, load_districts
from registry.districts.placement import assign_districts
from registry.models import Body, BodyDistrict, Cosponsorship, District, HouseTerm, ZipDistrict


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_or_3_is_maxine_dexter_and_was_earl_blumenauer(districts):
    """OR-3: Dexter cosponsored HR 3069 on its first day; Blumenauer held the seat before her and
    cosponsored HR 676, 1384, 1976 and 3421."""
    seat = services.find_seat("OR-3")
    assert seat.representative.name == "Maxine Dexter"
    assert seat.representative.party == "Democrat"
    assert seat.representative.since == date(2025, 1, 3) and seat.representative.since_exact
    assert seat.cosponsor is True and seat.cosponsored_on == date(2025, 4, 29) and seat.original

    page = services.district_page(seat)
    lines = {line.congress: line for line in page.lines}
    assert lines[119].bill == "HR 3069" and lines[119].cosponsored_on == date(2025, 4, 29)
    assert lines[119].original and lines[119].held_this_seat
    assert all(lines[c].seat is None and not lines[c].cosponsored for c in (115, 116, 117, 118)), \
        "Dexter was not a member of the House before 2025"

    history = {entry.congress: entry for entry in page.history}
    for congress, bill in ((115, "HR 676"), (116, "HR 1384"), (117, "HR 1976"), (118, "HR 3421")):
        (holder,) = history[congress].holders
        assert history[congress].bill == bill
        assert holder.name == "Earl Blumenauer" and holder.cosponsored_on is not None, congress
    assert [h.name for h in history[119].holders] == ["Maxine Dexter"]


def test_oh_3_joyce_beatty_has_not_cosponsored_hr_3069(districts):
    seat = services.find_seat("OH-3")
    assert seat.representative.name == "Joyce Beatty"
    assert seat.cosponsor is False and seat.cosponsored_on is None
    # Her hold of the seat began before the records do (2015 is their earliest term).
    assert seat.representative.since == date(2015, 1, 6) and not seat.representative.since_exact
    lines = {line.congress: line for line in services.district_page(seat).lines}
    assert lines[115].cosponsored and lines[116].cosponsored
    assert not any(lines[c].cosponsored for c in (117, 118, 119))
    assert all(lines[c].held_this_seat for c in lines)


def test_at_large_seat_and_codes(districts):
    seat = services.find_seat("vt-al")
    assert seat.code == "VT-AL" and seat.number == 0
    assert seat.representative.name == "Becca Balint" and seat.cosponsor is True
    assert services.canonical_code("or-03") == "OR-3"
    assert services.find_seat("OR-99") is None and services.find_seat("nonsense") is None


def test_a_cosponsor_missing_from_the_term_records_holds_the_seat_from_that_day(districts):
    """Everton Blair cosponsored HR 3069 as GA-13 on 2026-09-14; the term records end before
    his term began, so he is GA-13's representative from that day, his start not exact."""
    assert any("B001328" in note for note in districts.notes)
    seat = services.find_seat("GA-13")
    assert seat.representative.name == "Everton Blair"
    assert seat.representative.since == date(2026, 9, 14) and not seat.representative.since_exact
    assert seat.cosponsor is True


def test_a_zip_split_between_districts_gives_both(districts, make_body):
    body = make_body(state="OR", city="Portland", zip="97232", latitude=45.5287, longitude=-122.6363,
                     geocode_precision="zip")
    assert assign_districts([body.id]) == 1
    db.session.commit()
    found = services.districts_of([body.id])[body.id]
    assert found.codes == ["OR-1", "OR-3"] and not found.certain and found.basis == "zip"
    assert found.label == "OR-1 or OR-3"


def test_an_exact_position_narrows_a_split_zip(districts, make_body):
    """At the centre of 97212 (wholly in OR-3), a body with ZIP 97232 is in OR-3."""
    body = make_body(state="OR", city="Portland", zip="97232", latitude=45.5441, longitude=-122.6423,
                     geocode_precision="exact")
    assign_districts([body.id])
    found = services.districts_of([body.id])[body.id]
    assert found.codes == ["OR-3"] and found.certain and found.basis == "coordinates"


def test_a_zip_in_one_district_is_certain(districts, make_body):
    body = make_body(state="OH", city="Columbus", zip="43201", latitude=39.99, longitude=-83.0,
                     geocode_precision="zip")
    assign_districts([body.id])
    found = services.districts_of([body.id])[body.id]
    assert found.codes == ["OH-3"] and found.certain and found.cosponsor is False


def test_city_precision_takes_the_city_zip_areas(districts, make_body):
    body = make_body(state="VT", city="Burlington", zip=None, latitude=44.48, longitude=-73.21,
                     geocode_precision="city")
    assign_districts([body.id])
    found = services.districts_of([body.id])[body.id]
    assert found.codes == ["VT-AL"] and found.basis == "city"


def test_a_state_precision_body_gets_no_district(districts, make_body):
    body = make_body(state="OR", city=None, latitude=44.0, longitude=-120.5, geocode_precision="state")
    unplaced = make_body(state="OR", city="Portland", latitude=None, longitude=None, geocode_precision=None)
    assign_districts([body.id, unplaced.id])
    assert services.districts_of([body.id, unplaced.id]) == {}


def test_loading_links_every_body_and_a_second_load_changes_nothing(app, house_bills, congress_directory,
                                                                    make_body):
    body = make_body(state="OR", city="Portland", zip="97211", latitude=45.5653, longitude=-122.6448,
                     geocode_precision="zip")
    report = load_districts(congress_directory)
    db.session.commit()
    assert report.changed and report.bodies_changed == 1
    assert count(District) > 0 and count(ZipDistrict) > 0 and count(HouseTerm) > 0
    assert count(Cosponsorship) > 0
    link = db.session.scalar(select(BodyDistrict).where(BodyDistrict.body_id == body.id))
    assert link.certain and link.district.code == "OR-3"
    again = load_districts(congress_directory)
    assert not again.changed and again.summary() == "nothing changed"


def test_a_bad_row_loads_nothing_and_names_file_line_and_field(app, house_bills, congress_directory,
                                                              tmp_path):
    directory = tmp_path / "congress"
    shutil.copytree(congress_directory, directory)
    path = directory / "house_terms.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",OR,", ",ZZ,", 1) if ",OR," in lines[2] else "X" + lines[2]
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(DistrictDataError) as error:
        load_districts(str(directory))
    assert error.value.problems[0].startswith("house_terms.csv:3: ")
    db.session.rollback()
    assert count(District) == 0 and count(HouseTerm) == 0


def test_a_missing_file_is_named(app, house_bills, congress_directory, tmp_path):
    directory = tmp_path / "congress"
    shutil.copytree(congress_directory, directory)
    os.remove(directory / "cosponsors-hr3069-119.csv")
    with pytest.raises(DistrictDataError) as error:
        load_districts(str(directory))
    assert error.value.problems == [f"cosponsors-hr3069-119.csv: file not found in {directory}"]


def test_districts_need_the_bills(app, congress_directory):
    with pytest.raises(DistrictDataError) as error:
        load_districts(congress_directory)
    assert "run `flask seed`" in error.value.problems[0]


def test_districts_load_command(runner, house_bills, congress_directory):
    first = runner.invoke(args=["districts", "load", "--directory", congress_directory])
    assert first.exit_code == 0, first.output
    assert "Districts loaded:" in first.output
    again = runner.invoke(args=["districts", "load", "--directory", congress_directory])
    assert again.exit_code == 0 and "nothing changed" in again.output


def test_figures_count_certain_bodies_apart_from_possible_ones(districts, make_body, make_resolution,
                                                               make_action):
    """A body certainly in OH-3 counts there; one whose ZIP spans OR-1 and OR-3 counts as
    'may be in' both; checked = has an action on record."""
    certain = make_body(state="OH", city="Columbus", zip="43201", latitude=39.99, longitude=-83.0,
                        geocode_precision="zip")
    make_resolution(certain)
    make_action(certain, "rally_or_march", occurred_on=date(2020, 1, 1))
    paper = make_body(state="OH", city="Columbus", zip="43201", latitude=39.99, longitude=-83.0,
                      geocode_precision="zip")
    make_resolution(paper)
    split = make_body(state="OR", city="Portland", zip="97232", latitude=45.5287, longitude=-122.6363,
                      geocode_precision="zip")
    make_resolution(split)
    assign_districts([certain.id, paper.id, split.id])
    db.session.commit()
    by_code = {s.seat.code: s for s in services.summaries()}
    oh3 = by_code["OH-3"]
    assert (oh3.here.total, oh3.here.endorsing, oh3.here.checked, oh3.here.mobilized) == (2, 2, 1, 1)
    assert oh3.here.gap == 0.5 and oh3.here.gap_among_checked == 0.0 and oh3.pressure_point
    assert by_code["OR-3"].here.total == 0 and by_code["OR-3"].maybe.endorsing == 1
    assert by_code["OR-1"].maybe.endorsing == 1
    assert [s.seat.code for s in services.pressure_points()] == ["OH-3"]
    listed = services.list_districts({"cosponsor": False, "state": "OH"})
    assert listed[0].seat.code == "OH-3" and all(s.seat.cosponsor is False for s in listed)


def test_body_records_in_bodies_deleted_lose_their_links(districts, make_body):
    body = make_body(state="OH", city="Columbus", zip="43201", latitude=39.99, longitude=-83.0,
                     geocode_precision="zip")
    assign_districts([body.id])
    db.session.commit()
    db.session.delete(db.session.get(Body, body.id))
    db.session.commit()
    assert count(BodyDistrict) == 0
