"""`flask import csv|olms` and `flask export`: all-or-nothing imports, bad lines named."""

from __future__ import annotations

import csv
import json

import pytest
from sqlalchemy import func, select

from registry.database import db
from registry.models import Body, Revision, Source

IDENTITY = ("slug", "name", "level", "affiliation", "designation", "parent", "olms_file_number",
            "city", "state", "latitude", "longitude", "geocode_precision", "members", "website")


def body_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Body))


def read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_bodies_export_imports_back_to_the_same_bodies(runner, tmp_path, make_body):
    """export → wipe → import gives the same bodies, hierarchy and places."""
    parent = make_body(name="United Example Workers", slug="uew", level="national_union",
                       state=None, city=None)
    make_body(name="UEW Local 5", slug="uew-local-5", parent_id=parent.id, designation="Local 5",
              latitude=39.96, longitude=-83.0, geocode_precision="city", members=1200,
              website="https://uew5.example.org", olms_file_number=54321)
    make_body(name="Akron Council", slug="akron-council", level="central_labor_council",
              city="Akron", state="OH")
    result = runner.invoke(args=["export", "--format", "csv", str(tmp_path / "one")])
    assert result.exit_code == 0, result.output
    before = read_csv(tmp_path / "one" / "bodies.csv")
    db.session.execute(Source.__table__.delete())
    db.session.execute(Revision.__table__.delete())
    db.session.execute(Body.__table__.delete())
    db.session.commit()
    result = runner.invoke(args=["import", "csv", str(tmp_path / "one" / "bodies.csv")])
    assert result.exit_code == 0, result.output
    assert "3 bodies created" in result.output
    runner.invoke(args=["export", "--format", "csv", str(tmp_path / "two")])
    after = read_csv(tmp_path / "two" / "bodies.csv")
    assert [{k: r[k] for k in IDENTITY} for r in after] == [{k: r[k] for k in IDENTITY} for r in before]


def test_importing_the_same_file_twice_changes_nothing(runner, tmp_path):
    path = tmp_path / "bodies.csv"
    path.write_text("name,level,city,state\nCanton Labor Council,central_labor_council,Canton,OH\n")
    assert runner.invoke(args=["import", "csv", str(path)]).exit_code == 0
    body = db.session.scalar(select(Body))
    assert body.slug == "canton-labor-council" and body.geocode_precision == "city"
    path.write_text(f"slug,name,level,city,state\n{body.slug},Canton Labor Council,"
                    "central_labor_council,Canton,OH\n")
    again = runner.invoke(args=["import", "csv", str(path)])
    assert again.exit_code == 0 and "nothing changed" in again.output
    assert body_count() == 1


@pytest.mark.parametrize("content,expected", [
    ("name,level\nGood Local,local\nBad Local,galaxy\n", "line 3: level:"),
    ("name,level,state\nA,local,OH\nB,local,Ohio\n", "line 3: state:"),
    ("name,level,website\nA,local,javascript:alert(1)\n", "line 2: website:"),
    ("name,level,slug\nA,local,a\nB,local,a\n", "line 3: slug: repeats line 2"),
    ("name,level,parent\nA,local,no-such-parent\n", "line 2: parent:"),
    ("title,kind\nA,local\n", "line 1: header: missing column(s) name, level"),
])
def test_bad_rows_are_named_and_nothing_is_imported(runner, tmp_path, content, expected):
    path = tmp_path / "bodies.csv"
    path.write_text(content)
    result = runner.invoke(args=["import", "csv", str(path)])
    assert result.exit_code == 1
    assert expected in result.output
    assert body_count() == 0


OLMS = """RPT_ID|F_NUM|UNION_NAME|AFF_ABBR|DESIG_NAME|DESIG_NUM|UNIT_NAME|CITY|STATE|ZIP|MEMBERS|YR_COVERED
1|500001|STEELWORKERS AFL-CIO|USW|LU|155||PITTSBURGH|PA|15222|410|2022
2|500001|STEELWORKERS AFL-CIO|USW|LU|155||PITTSBURGH|PA|15222|455|2023
3|500002|TEACHERS AFL-CIO|AFT|LU|2121|CITY COLLEGE FACULTY|SAN FRANCISCO|CA|94112|1100|2023
4|500003|MACHINISTS AFL-CIO|IAM|DLG|19||||||2023
"""


def test_olms_file_creates_one_body_per_file_number(runner, tmp_path):
    path = tmp_path / "lm_data.txt"
    path.write_text(OLMS)
    result = runner.invoke(args=["import", "olms", str(path)])
    assert result.exit_code == 0, result.output
    bodies = {b.olms_file_number: b for b in db.session.scalars(select(Body))}
    assert set(bodies) == {500001, 500002, 500003}
    local = bodies[500001]
    assert local.name == "Steelworkers Afl-Cio Local 155" and local.designation == "Local 155"
    assert local.members == 455 and local.level == "local" and local.geocode_precision == "zip"
    assert bodies[500003].level == "district_council" and bodies[500003].latitude is None
    assert "City College Faculty" in bodies[500002].name
    assert not local.endorsing and local.sources[0].url.startswith("https://olmsapps.dol.gov")
    again = runner.invoke(args=["import", "olms", str(path)])
    assert "nothing changed" in again.output and body_count() == 3


def test_olms_bad_lines_are_named(runner, tmp_path):
    path = tmp_path / "lm_data.txt"
    path.write_text(OLMS + "5|abc|X|Y|LU|1||A|ZZ|1|many|2023\n")
    result = runner.invoke(args=["import", "olms", str(path)])
    assert result.exit_code == 1
    for text in ("line 6: F_NUM:", "line 6: STATE:", "line 6: MEMBERS:"):
        assert text in result.output
    assert body_count() == 0


def test_export_datapackage_writes_every_table_and_descriptor(runner, tmp_path, make_body,
                                                              make_resolution, make_action):
    body = make_body()
    make_resolution(body)
    make_action(body)
    result = runner.invoke(args=["export", "--format", "datapackage", str(tmp_path)])
    assert result.exit_code == 0, result.output
    package = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in package["resources"]:
        header = (tmp_path / resource["path"]).read_text().splitlines()[0].split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]
    assert len(read_csv(tmp_path / "actions.csv")) == 1
    assert len(read_csv(tmp_path / "sources.csv")) == 2
