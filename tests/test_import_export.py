"""Bulk data in and out: the endorsement CSV, the registry's own export files (a lossless round
trip), real-layout OLMS files, dry runs, and bad input that is named line by line and loses nothing."""

from __future__ import annotations

import csv
import json
import os
from datetime import date

import pytest
from sqlalchemy import func, select

from registry import PROJECT_ROOT
from registry.database import db
from registry.followthrough.status import refresh_statuses
from registry.imports.endorsements import COLUMNS
from registry.models import Action, Body, Check, Resolution, Revision, Source

HEADER = ",".join(COLUMNS[:17])


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def totals() -> tuple[int, ...]:
    return tuple(count(m) for m in (Body, Resolution, Action, Check, Source, Revision))


def read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write(tmp_path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def row(**values) -> str:
    """One endorsement-CSV row in the header's column order."""
    return ",".join(_cell(values.get(name, "")) for name in COLUMNS[:17])


def _cell(value) -> str:
    text = str(value)
    return f'"{text}"' if any(c in text for c in ',"\n') else text


ENDORSEMENTS = "\n".join([
    HEADER,
    row(body_name="Steel Local 155", level="local", affiliation="USW", designation="Local 155",
        city="Pittsburgh", state="PA", zip="15222", bill="HR 676", adopted_on="2009-08-27",
        date_kind="adopted", source_url="https://example.org/usw155"),
    row(body_name="Steel Local 155", level="local", state="PA", action_kind="rally_or_march",
        action_date="2019-05", action_description="Marched for HR 1384",
        source_url="https://example.org/rally"),
    row(body_name="Allegheny Labor Council", level="central_labor_council", city="Pittsburgh",
        state="PA", bill="Medicare for All (no bill number given)", adopted_on="2019",
        date_kind="reported", source_url="https://example.org/roster"),
]) + "\n"


@pytest.fixture
def bills(runner):
    result = runner.invoke(args=["import", "csv", os.path.join(PROJECT_ROOT, "seeds", "bills.csv")])
    assert result.exit_code == 0, result.output


def test_endorsement_rows_become_bodies_resolutions_actions_and_sources(runner, tmp_path, bills):
    result = runner.invoke(args=["import", "csv", write(tmp_path, "claims.csv", ENDORSEMENTS)])
    assert result.exit_code == 0, result.output
    assert "2 bodies created" in result.output and "2 resolutions created" in result.output
    steel = db.session.scalar(select(Body).where(Body.name == "Steel Local 155"))
    assert (steel.level, steel.zip, steel.geocode_precision, steel.endorsing) == ("local", "15222",
                                                                                 "zip", True)
    [resolution] = steel.resolutions
    assert resolution.bill.code == "HR 676" and resolution.adopted_on == date(2009, 8, 27)
    assert resolution.adoption_evidence == "report" and resolution.evidence_level == "sourced"
    [action] = steel.actions
    assert (action.occurred_on, action.date_precision, action.scope) == (date(2019, 5, 1), "month",
                                                                        "single_payer")
    council = db.session.scalar(select(Body).where(Body.level == "central_labor_council"))
    assert council.resolutions[0].bill is None
    assert council.resolutions[0].bill_as_reported == "Medicare for All (no bill number given)"
    reasons = set(db.session.scalars(select(Revision.reason).where(Revision.body_id.is_not(None))))
    assert all(r.startswith(f"Import of claims.csv on {date.today().isoformat()} line ") for r in reasons)


def test_header_is_case_insensitive_in_any_order_and_unknown_columns_are_named(runner, tmp_path):
    shuffled = "SOURCE_URL,Level,Body_Name\nhttps://example.org/x,local,Shuffled Local\n"
    assert runner.invoke(args=["import", "csv", write(tmp_path, "a.csv", shuffled)]).exit_code == 0
    assert db.session.scalar(select(Body.name)) == "Shuffled Local"
    unknown = "body_name,level,source_url,colour\nA,local,https://example.org/a,red\n"
    result = runner.invoke(args=["import", "csv", write(tmp_path, "b.csv", unknown)])
    assert result.exit_code == 1 and "line 1: header: unknown column(s) 'colour'" in result.output
    missing = "body_name,state\nA,OH\n"
    result = runner.invoke(args=["import", "csv", write(tmp_path, "c.csv", missing)])
    assert "line 1: header: missing column(s) level, source_url" in result.output
    odd = "name,colour\nA,red\n"
    result = runner.invoke(args=["import", "csv", write(tmp_path, "d.csv", odd)])
    assert "line 1: header: not a layout the registry knows" in result.output


def test_importing_the_same_file_twice_changes_nothing(runner, tmp_path, bills):
    path = write(tmp_path, "claims.csv", ENDORSEMENTS)
    assert runner.invoke(args=["import", "csv", path]).exit_code == 0
    before = totals()
    again = runner.invoke(args=["import", "csv", path])
    assert again.exit_code == 0 and "3 rows unchanged" in again.output
    assert totals() == before


def test_rows_are_matched_by_file_number_then_name_and_state_then_slug(runner, tmp_path, make_body):
    numbered = make_body(name="Machinists Lodge 1", slug="iam-1", state="WA", olms_file_number=4242)
    named = make_body(name="The Nurses’ Council & Friends", slug="nurses", state="OR")
    slugged = make_body(name="Renamed Local", slug="old-name", state="CA")
    text = "\n".join([
        "body_name,level,state,olms_file_number,slug,members,source_url",
        "IAM Lodge One,local,WA,4242,,1200,https://example.org/a",
        "nurses council and friends,local,OR,,,,https://example.org/b",
        "Old Name,local,NV,,,,https://example.org/c",
    ]) + "\n"
    result = runner.invoke(args=["import", "csv", write(tmp_path, "m.csv", text)])
    assert result.exit_code == 0, result.output
    assert count(Body) == 3
    db.session.expire_all()
    assert db.session.get(Body, numbered.id).members == 1200
    assert {s.url for s in db.session.get(Body, named.id).sources} == {"https://example.org/b"}
    assert {s.url for s in db.session.get(Body, slugged.id).sources} == {"https://example.org/c"}


def test_values_on_record_are_kept_and_reported(runner, tmp_path, make_body):
    make_body(name="Akron Council", level="central_labor_council", state="OH", city="Akron")
    text = "body_name,level,state,city,source_url\nAkron Council,central_labor_council,OH,Canton,https://example.org/x\n"
    result = runner.invoke(args=["import", "csv", write(tmp_path, "k.csv", text)])
    assert result.exit_code == 0
    assert "kept: line 2: Akron Council: city 'Akron' kept (the file says 'Canton')" in result.output
    assert db.session.scalar(select(Body.city)) == "Akron"


def test_a_record_of_adoption_is_primary_evidence(runner, tmp_path):
    text = ("body_name,level,bill,adoption_evidence,source_url\n"
            "Minutes Local,local,single payer,record,https://example.org/minutes.pdf\n")
    assert runner.invoke(args=["import", "csv", write(tmp_path, "r.csv", text)]).exit_code == 0
    resolution = db.session.scalar(select(Resolution))
    assert resolution.adoption_evidence == "record" and resolution.evidence_level == "primary"
    assert db.session.scalar(select(Body.adoption_evidence)) == "record"


def test_check_columns_record_a_dated_check(runner, tmp_path):
    text = ("body_name,level,state,bill,source_url,checked_on,checked_by,searched,check_result,"
            "check_summary\n"
            'Quiet Local,local,OH,HR 676,https://example.org/list,2026-11-12,researcher,'
            '"https://example.org/minutes\nNews archives, 2009-2026",nothing_found,Nothing found\n')
    result = runner.invoke(args=["import", "csv", write(tmp_path, "c.csv", text)])
    assert result.exit_code == 0, result.output
    body = db.session.scalar(select(Body))
    assert body.checked and body.last_checked_on == date(2026, 11, 12) and body.tier == 0
    assert body.checks[0].searched_items == ["https://example.org/list", "https://example.org/minutes",
                                             "News archives, 2009-2026"]


def test_dry_run_shows_what_would_change_and_writes_nothing(runner, tmp_path, bills):
    before = totals()
    result = runner.invoke(args=["import", "csv", "--dry-run", write(tmp_path, "d.csv", ENDORSEMENTS)])
    assert result.exit_code == 0, result.output
    assert "Dry run of d.csv (3 rows), nothing written. Would have:" in result.output
    assert "2 bodies created" in result.output and "1 actions created" in result.output
    assert totals() == before
    olms = runner.invoke(args=["import", "olms", "--dry-run", write(tmp_path, "lm.txt", OLMS)])
    assert olms.exit_code == 0 and "3 bodies created" in olms.output and count(Body) == 0


# The lossless round trip -----------------------------------------------------------------------

def _wipe() -> None:
    for model in (Source, Check, Action, Resolution, Revision):
        db.session.execute(model.__table__.delete())
    db.session.execute(Body.__table__.update().values(parent_id=None))
    db.session.execute(Body.__table__.delete())
    db.session.commit()


def test_export_import_export_gives_identical_files(runner, tmp_path, make_body, make_bill,
                                                    make_resolution, make_action, make_check):
    """Everything public goes out and comes back: ids, publication times, parents, allied
    organizations, scopes, evidence of adoption, checks, documents, and cells a spreadsheet would
    read as a formula (written with a leading apostrophe and read back without it)."""
    bill = make_bill(code="HR 676", slug="hr-676")
    national = make_body(name="United Example Workers", slug="uew", level="national_union",
                         state=None, city=None, members=90000, members_year=2024,
                         members_source_url="https://example.org/members")
    local = make_body(name="=UEW Local 5", slug="uew-local-5", parent_id=national.id, designation="Local 5",
                      latitude=39.96, longitude=-83.0, geocode_precision="city", affiliation="@UEW",
                      website="https://uew5.example.org", olms_file_number=54321, zip="43215",
                      public_contact="+1 555 0100")
    coalition = make_body(name="Single Payer Coalition", slug="coalition", level="other",
                          organization_type="allied")
    resolution = make_resolution(local, bill_id=bill.id, adoption_evidence="record", summary="-a\nb",
                                 commitments=["educate_members", "forward_to_officials"])
    resolution.sources.append(Source(document_sha256="ab" * 32, document_name="minutes.pdf",
                                     is_primary=True, published_on=date(2019, 5, 2)))
    resolution.evidence_level = "primary"  # as attaching it through the services would make it
    db.session.flush()
    refresh_statuses([local.id])
    db.session.commit()
    make_action(local, "rally_or_march", participants=400, scope="state_bill",
                resolution_id=resolution.id, amount_usd=None)
    make_action(local, "funding", amount_usd=2500, occurred_on=None, date_precision=None)
    make_resolution(coalition, adopted_on=date(2019, 1, 1), date_precision="year",
                    date_kind="reported", adoption_evidence="roster")
    make_check(national, checked_on=date(2026, 11, 12), summary="'=looked")
    one, two = tmp_path / "one", tmp_path / "two"
    assert runner.invoke(args=["export", "--format", "csv", str(one)]).exit_code == 0
    assert "'=UEW Local 5" in (one / "bodies.csv").read_text()  # never a live formula
    _wipe()
    result = runner.invoke(args=["import", "csv", str(one)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(args=["export", "--format", "csv", str(two)]).exit_code == 0
    names = sorted(os.listdir(one))
    assert names == ["actions.csv", "bills.csv", "bodies.csv", "checks.csv", "resolutions.csv",
                     "sources.csv"]
    for name in names:
        assert (two / name).read_bytes() == (one / name).read_bytes(), name
    assert db.session.scalar(select(Body.name).where(Body.slug == "uew-local-5")) == "=UEW Local 5"
    again = runner.invoke(args=["import", "csv", str(one)])  # onto itself: nothing to change
    assert again.exit_code == 0 and "unchanged" in again.output and "created" not in again.output


def test_data_downloads_are_the_export_files(client, runner, tmp_path, make_body, make_resolution):
    make_resolution(make_body(name="Download Local"))
    assert runner.invoke(args=["export", "--format", "csv", str(tmp_path)]).exit_code == 0
    for table in ("bodies", "resolutions", "actions", "checks", "sources", "bills"):
        download = client.get(f"/data/{table}.csv").get_data()
        assert download == (tmp_path / f"{table}.csv").read_bytes(), table


def test_seed_facts_through_the_endorsement_csv_give_the_seeded_registry(runner, tmp_path, app):
    """`flask seed` and `flask import csv` of the same two files build the same registry."""
    seeds = os.path.join(PROJECT_ROOT, "seeds")
    app.config["REGISTRY_TODAY"] = date(2026, 12, 31)  # the seeds hold checks made in December
    try:
        assert runner.invoke(args=["seed"]).exit_code == 0
        runner.invoke(args=["export", "--format", "csv", str(tmp_path / "seeded")])
        _wipe()
        from registry.models import Bill

        db.session.execute(Bill.__table__.delete())
        db.session.commit()
        result = runner.invoke(args=["import", "csv", os.path.join(seeds, "bills.csv"),
                                     os.path.join(seeds, "endorsements.csv")])
        assert result.exit_code == 0, result.output
        runner.invoke(args=["export", "--format", "csv", str(tmp_path / "imported")])
    finally:
        app.config["REGISTRY_TODAY"] = date(2026, 11, 28)
    for name in ("bodies.csv", "resolutions.csv", "actions.csv", "checks.csv", "sources.csv",
                 "bills.csv"):
        seeded, imported = read_csv(tmp_path / "seeded" / name), read_csv(tmp_path / "imported" / name)
        assert len(seeded) == len(imported) > 0, name
        drop = {"id", "record_id", "resolution", "published_at"}
        assert [{k: v for k, v in r.items() if k not in drop} for r in imported] == \
            [{k: v for k, v in r.items() if k not in drop} for r in seeded], name


# OLMS union data files ---------------------------------------------------------------------------

OLMS = """RPT_ID|F_NUM|UNION_NAME|AFF_ABBR|DESIG_NAME|DESIG_NUM|UNIT_NAME|CITY|STATE|ZIP|MEMBERS|YR_COVERED
1|500001|STEELWORKERS AFL-CIO|USW|LU|155||PITTSBURGH|PA|15222|410|2022
2|500001|STEELWORKERS AFL-CIO|USW|LU|155||PITTSBURGH|PA|15222|455|2023
3|500002|TEACHERS AFL-CIO|AFT|LU|2121|CITY COLLEGE FACULTY|SAN FRANCISCO|CA|94112|1100|2023
4|500003|MACHINISTS AFL-CIO|IAM|DLG|19||||||2023
"""


def test_olms_file_creates_one_body_per_file_number(runner, tmp_path):
    result = runner.invoke(args=["import", "olms", write(tmp_path, "lm_data.txt", OLMS)])
    assert result.exit_code == 0, result.output
    bodies = {b.olms_file_number: b for b in db.session.scalars(select(Body))}
    assert set(bodies) == {500001, 500002, 500003}
    local = bodies[500001]
    assert local.name == "Steelworkers Afl-Cio Local 155" and local.designation == "Local 155"
    assert local.members == 455 and local.level == "local" and local.geocode_precision == "zip"
    assert bodies[500003].level == "district_council" and bodies[500003].latitude is None
    assert "City College Faculty" in bodies[500002].name
    assert not local.endorsing and local.sources[0].url.startswith("https://olmsapps.dol.gov")
    again = runner.invoke(args=["import", "olms", write(tmp_path, "lm_data.txt", OLMS)])
    assert "nothing changed" in again.output or "unchanged" in again.output
    assert count(Body) == 3


def test_olms_records_spanning_lines_with_bom_and_crlf(runner, tmp_path):
    """A value holding a line break continues on the next physical line: joined into one record."""
    text = ("\ufeffRPT_ID|F_NUM|UNION_NAME|AFF_ABBR|DESIG_NAME|DESIG_NUM|UNIT_NAME|CITY|STATE|ZIP|"
            "MEMBERS|YR_COVERED\r\n"
            "1|600001|NURSES ASSOCIATION|NNU|LU|1|EAST BAY\r\nHOSPITALS|OAK\r\nLAND|CA|94612|300|2024\r\n"
            "2|600002|TRANSIT WORKERS|ATU|LU|265||SAN JOSE|CA|95112|900|2024\r\n")
    result = runner.invoke(args=["import", "olms", write(tmp_path, "multi.txt", text)])
    assert result.exit_code == 0, result.output
    body = db.session.scalar(select(Body).where(Body.olms_file_number == 600001))
    assert body.city == "OAK LAND" and "(East Bay Hospitals)" in body.name
    assert count(Body) == 2


def test_olms_latin1_is_refused_unless_the_encoding_is_given(runner, tmp_path):
    text = OLMS.replace("PITTSBURGH|PA|15222|455", "SAN JOSÉ|CA|95112|455")
    path = write(tmp_path, "latin1.txt", text, encoding="latin-1")
    refused = runner.invoke(args=["import", "olms", path])
    assert refused.exit_code == 1 and "line 3: file: byte 0xc9 is not UTF-8 text" in refused.output
    assert "--encoding latin-1" in refused.output and count(Body) == 0
    accepted = runner.invoke(args=["import", "olms", "--encoding", "latin-1", path])
    assert accepted.exit_code == 0, accepted.output
    assert db.session.scalar(select(Body.city).where(Body.olms_file_number == 500001)) == "SAN JOSÉ"


def test_olms_bad_lines_are_named(runner, tmp_path):
    bad = OLMS + "5|abc|X|Y|LU|1||A|ZZ|1|many|2023\n6|99999999999|X|Y|LU|1||A|OH|4321|1|2023\n"
    result = runner.invoke(args=["import", "olms", write(tmp_path, "bad.txt", bad)])
    assert result.exit_code == 1
    for text in ("line 6: F_NUM:", "line 6: STATE:", "line 6: MEMBERS:", "line 7: F_NUM: must be at most",
                 "line 7: ZIP: '4321' is not a 5-digit ZIP or ZIP+4"):
        assert text in result.output
    too_many = OLMS + "7|500009|X|Y|LU|1||A|OH|43215|1|2023|extra\n"
    result = runner.invoke(args=["import", "olms", write(tmp_path, "wide.txt", too_many)])
    assert "line 6: record: has 13 fields; the header has 12" in result.output
    assert count(Body) == 0


# Bad input loses nothing -----------------------------------------------------------------------

def long_text(n: int) -> str:
    return "x" * n


BAD_ENDORSEMENTS = [
    ("body_name,level,source_url\nGood,local,https://example.org/a\nBad,galaxy,https://example.org/b\n",
     "line 3: level:"),
    (f"body_name,level,source_url\n{long_text(201)},local,https://example.org/a\n",
     "line 2: body_name: Longer than maximum length 200."),
    ("body_name,level,city,source_url\nA,local," + long_text(101) + ",https://example.org/a\n",
     "line 2: city: Longer than maximum length 100."),
    ("body_name,level,zip,source_url\nA,local,4321,https://example.org/a\n", "line 2: zip: Use 5 digits"),
    ("body_name,level,zip,source_url\nA,local,12345-67,https://example.org/a\n", "line 2: zip:"),
    ("body_name,level,members,source_url\nA,local,99999999999,https://example.org/a\n", "line 2: members:"),
    ("body_name,level,olms_file_number,source_url\nA,local,3000000000,https://example.org/a\n",
     "line 2: olms_file_number:"),
    ("body_name,level,source_url\nA\x00B,local,https://example.org/a\n",
     "line 1: file: this is a binary file"),
    ("body_name,level,source_url\nA\x1bB,local,https://example.org/a\n",
     "line 2: body_name: Must not contain control characters (found U+001B)."),
    ("body_name,level,source_url\nA\x0bB,local,https://example.org/a\nC,local,https://example.org/c\n",
     "line 2: body_name: Must not contain control characters (found U+000B)."),
    ("body_name,level,source_url\nA\x85B,local,https://example.org/a\n",
     "line 2: body_name: Must not contain control characters (found U+0085)."),
    ("body_name,level,source_url\nA\u2028B,local,https://example.org/a\n",
     "line 2: body_name: Must not contain line or paragraph separators (found U+2028)."),
    ("body_name,level,source_url\nA\x1cB,local,https://example.org/a\n", "found U+001C"),
    ("body_name,level,source_url\n\u200b,local,https://example.org/a\n",
     "line 2: body_name: Must contain visible text."),
    ("body_name,level,source_url\nA,local,javascript:alert(1)\n", "line 2: source_url:"),
    ("body_name;level;source_url\nA;local;https://example.org/a\n",
     "the columns seem to be separated by semicolons; use commas"),
    ("", "line 1: file: the file is empty"),
    ("\n\n", "line 1: file: the file is empty"),
    ("body_name,level,source_url\nA,local\n", "line 2: row: has 2 fields; the header has 3"),
    ("body_name,level,source_url,action_date\nA,local,https://example.org/a,2019-05\n",
     "line 2: action_kind: Required when any action column is filled."),
    ("body_name,level,source_url,action_date\nA,local,https://example.org/a,2019-13\n",
     "line 2: action_date: Not a real date: month must be in 1..12."),
    ("body_name,level,source_url,action_kind,action_description,action_date\n"
     "A,local,https://example.org/a,rally_or_march,A rally,0001-01-01\n",
     "line 2: action_date: Give a year from 1900 to 2100."),
    ("body_name,level,source_url,adopted_on\nA,local,https://example.org/a,2019-05\n",
     "line 2: date_kind: Required with adopted_on"),
    ("body_name,level,source_url,parent\nA,local,https://example.org/a,no-such-parent\n",
     "line 2: parent: no single body has the slug or name 'no-such-parent'"),
    ('body_name,level,source_url\n"A,local,https://example.org/a\n',
     "line 2: file: not readable as CSV (unexpected end of data)"),
]


@pytest.mark.parametrize("content,expected", BAD_ENDORSEMENTS)
def test_bad_rows_are_named_and_nothing_is_imported(runner, tmp_path, content, expected):
    path = write(tmp_path, "bad.csv", content)
    result = runner.invoke(args=["import", "csv", path])
    assert result.exit_code == 1, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    assert totals() == (0, 0, 0, 0, 0, 0)


def test_a_latin1_endorsement_file_is_named_or_read_with_its_encoding(runner, tmp_path):
    path = write(tmp_path, "latin.csv", "body_name,level,source_url\nTrabajadores Unidos Señal,local,"
                 "https://example.org/a\n", encoding="latin-1")
    refused = runner.invoke(args=["import", "csv", path])
    assert refused.exit_code == 1 and "line 2: file: byte 0xf1 is not UTF-8 text" in refused.output
    assert count(Body) == 0
    accepted = runner.invoke(args=["import", "csv", "--encoding", "latin-1", path])
    assert accepted.exit_code == 0 and db.session.scalar(select(Body.name)) == "Trabajadores Unidos Señal"


def test_bom_and_crlf_are_read(runner, tmp_path):
    text = "\ufeffbody_name,level,source_url\r\nCRLF Local,local,https://example.org/a\r\n"
    assert runner.invoke(args=["import", "csv", write(tmp_path, "w.csv", text)]).exit_code == 0
    assert db.session.scalar(select(Body.name)) == "CRLF Local"


def test_twenty_megabytes_of_garbage_is_refused_quickly_and_cleanly(runner, tmp_path):
    path = tmp_path / "garbage.csv"
    line = "body_name,level,source_url\n" + "zzz,qqq,not-a-url\n" * (20 * 1024 * 1024 // 18)
    path.write_text(line)
    result = runner.invoke(args=["import", "csv", str(path)])
    assert result.exit_code == 1 and "line 2: level:" in result.output
    assert "reading stopped at line 102 after 200 problems" in result.output
    assert "Traceback" not in result.output
    assert count(Body) == 0


def test_a_failure_in_a_later_file_leaves_the_registry_as_it_was(runner, tmp_path, make_body):
    make_body(name="Existing Local")
    before = totals()
    good = write(tmp_path, "good.csv", ENDORSEMENTS.replace("HR 676", "single payer"))
    bad = write(tmp_path, "bad.csv", "body_name,level,source_url\nX,galaxy,https://example.org/x\n")
    result = runner.invoke(args=["import", "csv", good, bad])
    assert result.exit_code == 1 and "bad.csv has problems; nothing was imported" in result.output
    assert totals() == before


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


def test_every_endorsement_column_is_documented_on_the_data_page(client):
    from registry.imports.endorsements import COLUMN_DOCS

    assert tuple(COLUMN_DOCS) == COLUMNS
    page = client.get("/data").get_data(as_text=True)
    for name in COLUMNS:
        assert f"<code>{name}</code>" in page, name
