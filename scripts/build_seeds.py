#!/usr/bin/env python3
"""Build the registry seed files from the harvested facts and the hand curation.

Usage:
    python scripts/build_seeds.py [--data DIR] [--out DIR] [--curation DIR] [--harvest DIR] [--report]

Inputs
    DATA/endorsements.csv, DATA/actions.csv       harvested facts (read only)
    CURATION/bodies.csv       canonical catalogue of union bodies
    CURATION/aliases.csv      raw (org_name, state) -> body slug
    CURATION/bill_map.csv     raw bill text -> bill code(s) (or none)
    CURATION/reported_actions.csv  coding of endorsements.csv action_reported texts
    CURATION/exclusions.csv   raw rows deliberately not seeded, with a reason
    CURATION/adoption_evidence.csv  source pages that are rosters (or records) rather than reports
    CURATION/action_scopes.csv      actions whose scope is not what their bill text says
    CURATION/places.csv             a body's city/state stated on a source page but in no raw row
    CURATION/action_fixes.csv       per-action corrections: new kind, bill or date, or drop
    CURATION/extra_resolutions.csv  resolutions a body's source reports that no raw row records
    HARVEST/<key>.csv, <key>-checks.csv  researchers' harvest (default: harvest/ beside CURATION)
    CURATION/harvest_dates.csv       harvest dates the page does not show, corrected
    CURATION/harvest_bills.csv       harvest bill codes the page does not give for one bill, corrected
    CURATION/harvest_duplicates.csv  harvest actions repeating an event already on record
    DATA/summary-figures.csv, CURATION/coverage.csv, CURATION/lists.csv  coverage data

Outputs (only written when every check passes; deterministic order)
    OUT/endorsements.csv      the registry's endorsement CSV: one row per body, resolution, action,
                              membership or website claim, and check
    OUT/coverage.csv          the campaigns' own published counts
    OUT/lists.csv             each list or series the seeds come from, how much of it, how completely read

Standard library only (Python 3.11).  Exit status 1 on any validation error,
each reported as "file:line: problem".
"""
from __future__ import annotations

import argparse
import collections
import csv
import os
import re
import sys
import tempfile
import unicodedata

BILL_CODES = ("HR 676", "HR 1384", "HR 1976", "HR 3421", "HR 3069",
              "S 1804", "S 1129", "S 4204", "S 1655", "S 1506")
LEVELS = ("local", "district_council", "central_labor_council", "area_labor_federation",
          "state_federation", "national_union", "federation", "other")
ACTION_KINDS = ("check_in", "forwarded_to_officials", "member_education", "committee_formed",
                "newsletter_or_statement", "testimony", "lobby_visit", "town_hall",
                "petition_drive", "press_event", "coalition_joined", "rally_or_march",
                "canvass_or_phonebank", "funding", "member_turnout", "job_action_or_strike",
                "sustained_campaign", "opposed_bill", "rescinded_resolution", "endorsed_opponent")
COMMITMENTS = ("educate_members", "forward_to_officials", "join_coalition",
               "mobilize_members", "fund_campaign", "other")
CODINGS = ("action", "commitment", "not_action", "duplicate")
DATE_KINDS = ("adopted", "reported")
USPS = {
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
    "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT",
    "VT", "VA", "WA", "WV", "WI", "WY", "PR", "GU", "VI", "AS", "MP",
}
PRECISION_BY_LEN = {10: "day", 7: "month", 4: "year"}
DATE_RE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
INT_RE = re.compile(r"^\d+$")
URL_RE = re.compile(r"^https?://\S+$")
# Field limits of the registry's seed loader (registry/vocab.py LENGTHS).
MAX_LEN = {"slug": 120, "name": 200, "affiliation": 60, "designation": 80, "city": 100,
           "description": 4000, "bill_as_reported": 200, "name_in_source": 200, "source_url": 2000}
# Raw texts that are promises or plans, never done actions.
PROMISE_RE = re.compile(r"\b(pledged|planned)\b", re.I)

RAW_ENDORSEMENT_COLS = ["org_name", "level", "affiliation", "city", "state", "bill", "date",
                        "date_kind", "action_reported", "source_url"]
RAW_ACTION_COLS = ["org_name", "level", "affiliation", "city", "state", "action_kind",
                   "action_date", "date_precision", "participants", "amount_usd",
                   "description", "bill", "source_url"]
CUR_COLS = {
    "bodies.csv": ["slug", "name", "level", "organization_type", "affiliation", "designation",
                   "parent", "city", "state", "note"],
    "aliases.csv": ["org_name", "state", "slug"],
    "bill_map.csv": ["bill_as_reported", "codes", "scope", "note"],
    "adoption_evidence.csv": ["source_url", "body", "evidence", "note"],
    "action_scopes.csv": ["body", "kind", "date", "source_url", "scope", "note"],
    "reported_actions.csv": ["org_name", "state", "date", "source_url", "action_reported",
                             "coding", "kind", "action_date", "commitments", "description", "note"],
    "exclusions.csv": ["file", "org_name", "state", "bill", "date", "source_url", "reason"],
    # Audit corrections (each row names what it changes and why).
    "places.csv": ["slug", "city", "state", "source_url", "note"],
    "action_fixes.csv": ["body", "kind", "date", "source_url", "description", "new_kind",
                         "new_bill", "new_date", "drop", "note"],
    "extra_resolutions.csv": ["body", "bill", "date", "date_kind", "source_url", "note"],
}
# The registry's endorsement CSV (registry/imports/endorsements.py COLUMNS; a test keeps them equal).
OUT_COLUMNS = ["body_name", "level", "affiliation", "designation", "city", "state", "zip",
               "olms_file_number", "bill", "stance", "adopted_on", "date_kind", "date_precision",
               "action_kind", "action_date", "action_description", "source_url", "slug", "parent",
               "organization_type", "members", "members_year", "website", "public_contact",
               "adoption_evidence", "commitments", "action_scope", "action_participants",
               "action_amount_usd", "action_bill", "checked_on", "checked_by", "searched",
               "check_result", "check_summary"]
ORGANIZATION_TYPES = ("union", "allied")
EVIDENCE = ("roster", "report", "record")
SCOPES = ("federal_bill", "state_bill", "single_payer", "health_reform")


class Errors:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, path: str, line: int | str, msg: str) -> None:
        self.items.append(f"{path}:{line}: {msg}")

    def __bool__(self) -> bool:
        return bool(self.items)


def read_csv(path: str, columns: list[str], errors: Errors) -> list[tuple[int, dict]]:
    """Read a CSV; return [(line_number, row)].  Line numbers are physical start lines."""
    rows: list[tuple[int, dict]] = []
    if not os.path.isfile(path):
        errors.add(path, 0, "file not found")
        return rows
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in columns if c not in header]
        if missing:
            errors.add(path, 1, f"missing columns: {', '.join(missing)}")
            return rows
        line = reader.line_num
        for row in reader:
            start = line + 1
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                errors.add(path, start, "wrong number of fields")
                continue
            rows.append((start, {k: row[k] for k in header}))
    return rows


def check_date(path: str, line: int, value: str, errors: Errors, what: str = "date") -> None:
    if value and not DATE_RE.match(value):
        errors.add(path, line, f"{what} {value!r} is not ISO YYYY, YYYY-MM or YYYY-MM-DD")


def precision(value: str) -> str:
    return PRECISION_BY_LEN.get(len(value), "") if value else ""


def split_codes(value: str) -> list[str]:
    return [c.strip() for c in value.split(";") if c.strip()]


def main(argv: list[str] | None = None) -> int:
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=os.path.join(repo, "..", "shared", "data"),
                    help="directory holding endorsements.csv and actions.csv "
                         "(default: ../shared/data from the repository root)")
    ap.add_argument("--out", default=os.path.join(repo, "seeds"),
                    help="output directory (default: seeds/ in the repository)")
    ap.add_argument("--curation", default=None,
                    help="curation directory (default: OUT/curation)")
    ap.add_argument("--harvest", default=None,
                    help="harvest directory (default: harvest/ beside the curation directory)")
    ap.add_argument("--report", action="store_true",
                    help="also print the merge/rename list and per-reason details")
    args = ap.parse_args(argv)
    cur = args.curation or os.path.join(args.out, "curation")
    errors = Errors()

    # ---------------------------------------------------------------- read
    e_path = os.path.join(args.data, "endorsements.csv")
    a_path = os.path.join(args.data, "actions.csv")
    raw_e = read_csv(e_path, RAW_ENDORSEMENT_COLS, errors)
    raw_a = read_csv(a_path, RAW_ACTION_COLS, errors)
    cpath = {name: os.path.join(cur, name) for name in CUR_COLS}
    c = {name: read_csv(cpath[name], cols, errors) for name, cols in CUR_COLS.items()}
    harvest = Harvest(args.harvest or os.path.join(os.path.dirname(os.path.abspath(cur)), "harvest"),
                      cur, errors)
    if errors:
        return fail(errors)

    # ---------------------------------------------------------------- bodies
    bodies: dict[str, dict] = {}
    body_line: dict[str, int] = {}
    p = cpath["bodies.csv"]
    for line, b in c["bodies.csv"]:
        s = b["slug"]
        if not SLUG_RE.match(s):
            errors.add(p, line, f"slug {s!r} is not lowercase ASCII words joined by '-'")
        if s in bodies:
            errors.add(p, line, f"duplicate slug {s!r} (first on line {body_line[s]})")
            continue
        if not b["name"].strip():
            errors.add(p, line, f"body {s!r} has no name")
        if b["level"] not in LEVELS:
            errors.add(p, line, f"level {b['level']!r} not in {', '.join(LEVELS)}")
        if b["organization_type"] not in ORGANIZATION_TYPES:
            errors.add(p, line, f"organization_type {b['organization_type']!r} not union or allied")
        if b["state"] and b["state"] not in USPS:
            errors.add(p, line, f"state {b['state']!r} is not a USPS code")
        if b["city"] and not b["state"]:
            errors.add(p, line, "city given without state")
        for col in ("slug", "name", "affiliation", "designation", "city"):
            if len(b[col]) > MAX_LEN[col]:
                errors.add(p, line, f"{col} longer than {MAX_LEN[col]} characters")
        bodies[s] = b
        body_line[s] = line
    for s, b in bodies.items():
        par = b["parent"]
        if par and par not in bodies:
            errors.add(p, body_line[s], f"parent {par!r} is not a known slug")
        elif par == s:
            errors.add(p, body_line[s], "body is its own parent")
    for s in bodies:  # cycles
        seen, cur_s = set(), s
        while bodies.get(cur_s, {}).get("parent"):
            if cur_s in seen:
                errors.add(p, body_line[s], "parent chain has a cycle")
                break
            seen.add(cur_s)
            cur_s = bodies[cur_s]["parent"]
    names = collections.Counter((b["name"], b["state"]) for b in bodies.values())
    for s, b in bodies.items():
        if names[(b["name"], b["state"])] > 1:
            errors.add(p, body_line[s],
                       f"name {b['name']!r} ({b['state'] or 'no state'}) used by more than one body")

    # ---------------------------------------------------------------- aliases
    alias: dict[tuple[str, str], str] = {}
    alias_line: dict[tuple[str, str], int] = {}
    p = cpath["aliases.csv"]
    for line, r in c["aliases.csv"]:
        k = (r["org_name"], r["state"])
        if k in alias:
            errors.add(p, line, f"duplicate alias {k} (first on line {alias_line[k]})")
            continue
        if r["slug"] not in bodies:
            errors.add(p, line, f"slug {r['slug']!r} not in bodies.csv")
        alias[k] = r["slug"]
        alias_line[k] = line

    # ---------------------------------------------------------------- bills
    bill_map: dict[str, list[str]] = {}
    bill_scope: dict[str, str] = {}
    p = cpath["bill_map.csv"]
    for line, r in c["bill_map.csv"]:
        if r["bill_as_reported"] in bill_map:
            errors.add(p, line, f"duplicate bill_as_reported {r['bill_as_reported']!r}")
        if r["scope"] not in SCOPES:
            errors.add(p, line, f"scope {r['scope']!r} not in {', '.join(SCOPES)}")
        bill_scope[r["bill_as_reported"]] = r["scope"]
        codes = split_codes(r["codes"])
        for code in codes:
            if code not in BILL_CODES:
                errors.add(p, line, f"bill code {code!r} not in {', '.join(BILL_CODES)}")
        bill_map[r["bill_as_reported"]] = codes

    # ---------------------------------------------------------------- exclusions
    excl: dict[tuple, tuple[int, str]] = {}
    p = cpath["exclusions.csv"]
    for line, r in c["exclusions.csv"]:
        if r["file"] not in ("endorsements.csv", "actions.csv") and not is_harvest_file(r["file"]):
            errors.add(p, line, f"file {r['file']!r} must be endorsements.csv, actions.csv "
                                "or a harvest file")
        if not r["reason"].strip():
            errors.add(p, line, "exclusion without a reason")
        k = (r["file"], r["org_name"], r["state"], r["bill"], r["date"], r["source_url"])
        if k in excl:
            errors.add(p, line, "duplicate exclusion")
        excl[k] = (line, r["reason"])
    excl_used: dict[tuple, int] = collections.Counter()

    # ---------------------------------------------------------------- evidence and scope
    # A row with a body applies to that body's resolutions from the page only (a release that
    # reports one body's vote and repeats the campaign's list of earlier endorsers).
    evidence_by_url: dict[tuple[str, str], tuple[int, str]] = {}
    p = cpath["adoption_evidence.csv"]
    for line, r in c["adoption_evidence.csv"]:
        if r["evidence"] not in EVIDENCE:
            errors.add(p, line, f"evidence {r['evidence']!r} not in {', '.join(EVIDENCE)}")
        if r["body"] and r["body"] not in bodies:
            errors.add(p, line, f"body {r['body']!r} not in bodies.csv")
        k = (r["source_url"], r["body"])
        if k in evidence_by_url:
            errors.add(p, line, "duplicate source_url and body")
        if not r["note"].strip():
            errors.add(p, line, "say what the page is (a roster, a report, the record itself)")
        evidence_by_url[k] = (line, r["evidence"])
    evidence_used: set[tuple[str, str]] = set()

    def evidence_of(url: str, slug: str) -> str:
        for k in ((url, slug), (url, "")):
            if k in evidence_by_url:
                evidence_used.add(k)
                return evidence_by_url[k][1]
        return "report"

    scope_override: dict[tuple, tuple[int, str]] = {}
    p = cpath["action_scopes.csv"]
    for line, r in c["action_scopes.csv"]:
        if r["scope"] not in SCOPES:
            errors.add(p, line, f"scope {r['scope']!r} not in {', '.join(SCOPES)}")
        if not r["note"].strip():
            errors.add(p, line, "a scope override needs a note saying why")
        k = (r["body"], r["kind"], r["date"], r["source_url"])
        if k in scope_override:
            errors.add(p, line, f"duplicate scope override (first on line {scope_override[k][0]})")
        scope_override[k] = (line, r["scope"])
    scopes_used: collections.Counter = collections.Counter()

    # ---------------------------------------------------------------- places
    # A body's city/state stated on a source page but in none of its raw rows.
    place_of: dict[str, tuple[int, str, str, str]] = {}
    places_used: set[str] = set()
    p = cpath["places.csv"]
    for line, r in c["places.csv"]:
        s = r["slug"]
        if s not in bodies:
            errors.add(p, line, f"slug {s!r} not in bodies.csv")
        if s in place_of:
            errors.add(p, line, f"duplicate place for {s!r} (first on line {place_of[s][0]})")
        if r["state"] not in USPS:
            errors.add(p, line, f"state {r['state']!r} is not a USPS code")
        if len(r["city"]) > MAX_LEN["city"]:
            errors.add(p, line, f"city longer than {MAX_LEN['city']} characters")
        if not URL_RE.match(r["source_url"]):
            errors.add(p, line, f"source_url {r['source_url']!r} is not an http(s) URL")
        if not r["note"].strip():
            errors.add(p, line, "say where the page states the place")
        place_of[s] = (line, r["city"], r["state"], r["source_url"])

    # ---------------------------------------------------------------- raw rows
    alias_used: set[tuple[str, str]] = set()
    body_urls: dict[str, set[str]] = collections.defaultdict(set)
    body_places: dict[str, set[tuple[str, str]]] = collections.defaultdict(set)
    body_names: dict[str, set[str]] = collections.defaultdict(set)
    seeded_e: list[tuple[int, dict, str]] = []
    seeded_a: list[tuple[int, dict, str]] = []
    excluded_rows: list[tuple[str, int, dict, str]] = []
    named_only: dict[str, set[str]] = collections.defaultdict(set)

    def map_row(path: str, fname: str, line: int, r: dict, date_col: str) -> str | None:
        k = (fname, r["org_name"], r["state"], r["bill"], r[date_col], r["source_url"])
        if k in excl:
            excl_used[k] += 1
            excluded_rows.append((fname, line, r, excl[k][1]))
            ak = (r["org_name"], r["state"])
            if ak in alias:  # the page still names the body, though its claim is not seeded
                alias_used.add(ak)
                named_only[alias[ak]].add(r["source_url"])
            return None
        if not URL_RE.match(r["source_url"]) or len(r["source_url"]) > MAX_LEN["source_url"]:
            errors.add(path, line, f"source_url {r['source_url']!r} is not an http(s) URL")
        if len(r["bill"]) > MAX_LEN["bill_as_reported"] or len(r["org_name"]) > MAX_LEN["name_in_source"]:
            errors.add(path, line, "bill or org_name too long for the loader")
        if fname == "actions.csv" and len(r["description"]) > MAX_LEN["description"]:
            errors.add(path, line, "description too long for the loader")
        if r["state"] and r["state"] not in USPS:
            errors.add(path, line, f"state {r['state']!r} is not a USPS code")
        if r["bill"] not in bill_map:
            errors.add(path, line, f"bill {r['bill']!r} not mapped in curation/bill_map.csv")
        ak = (r["org_name"], r["state"])
        slug = alias.get(ak)
        if slug is None:
            errors.add(path, line, f"({r['org_name']!r}, {r['state']!r}) not mapped in "
                                   "curation/aliases.csv and not excluded")
            return None
        alias_used.add(ak)
        if slug in bodies:
            body_urls[slug].add(r["source_url"])
            body_places[slug].add((r["city"], r["state"]))
            body_names[slug].add(r["org_name"])
        return slug

    for line, r in raw_e:
        check_date(e_path, line, r["date"], errors)
        if r["date_kind"] not in ("",) + DATE_KINDS:
            errors.add(e_path, line, f"date_kind {r['date_kind']!r} not adopted/reported")
        if bool(r["date"]) != bool(r["date_kind"]):
            errors.add(e_path, line, "date and date_kind must be both given or both empty")
        slug = map_row(e_path, "endorsements.csv", line, r, "date")
        if slug:
            seeded_e.append((line, r, slug))
    for line, r in raw_a:
        check_date(a_path, line, r["action_date"], errors, "action_date")
        if r["action_kind"] not in ACTION_KINDS:
            errors.add(a_path, line, f"action_kind {r['action_kind']!r} not an allowed kind")
        if r["date_precision"] != precision(r["action_date"]):
            errors.add(a_path, line, f"date_precision {r['date_precision']!r} does not match "
                                     f"action_date {r['action_date']!r}")
        for col in ("participants", "amount_usd"):
            if r[col] and not INT_RE.match(r[col]):
                errors.add(a_path, line, f"{col} {r[col]!r} is not a whole number")
        slug = map_row(a_path, "actions.csv", line, r, "action_date")
        if slug:
            seeded_a.append((line, r, slug))

    harvest.map(bodies, alias, bill_map, bill_scope, excl)
    for k, (line, _) in excl.items():
        if excl_used[k] != 1 and not is_harvest_file(k[0]):
            errors.add(cpath["exclusions.csv"], line,
                       f"matches {excl_used[k]} raw rows (must match exactly 1)")
    for k, line in alias_line.items():
        if k not in alias_used and k not in harvest.alias_used:
            errors.add(cpath["aliases.csv"], line, f"alias {k} matches no seeded raw or harvest row")
    seeded_parents = {b["parent"] for s, b in bodies.items() if s in body_urls}
    for s, b in bodies.items():
        # A body whose every claim is excluded stays only as the parent of seeded bodies,
        # sourced by a page that names it.
        if s not in body_urls and not (named_only.get(s) and s in seeded_parents):
            errors.add(cpath["bodies.csv"], body_line[s], f"body {s!r} is named by no seeded raw row")
            continue
        if s in place_of and (b["city"], b["state"]) == place_of[s][1:3]:
            places_used.add(s)
            raw_states = {st for _, st in body_places[s]}
            if (b["city"], b["state"]) in body_places[s] or (not b["city"] and b["state"] in raw_states):
                errors.add(cpath["places.csv"], place_of[s][0],
                           "a raw row of this body already gives this place; drop the row")
            continue
        # city/state provenance: must come from a raw row of this body (or places.csv)
        if b["state"] and b["state"] not in {st for _, st in body_places[s]}:
            errors.add(cpath["bodies.csv"], body_line[s],
                       f"state {b['state']!r} appears in no raw row of this body")
        if b["city"] and (b["city"], b["state"]) not in body_places[s]:
            errors.add(cpath["bodies.csv"], body_line[s],
                       f"city {b['city']!r}, {b['state']} appears in no raw row of this body")
    for s, (line, city, state, _url) in place_of.items():
        if s not in places_used:
            errors.add(cpath["places.csv"], line,
                       f"bodies.csv does not give {s!r} this place ({city or '-'}, {state})")

    # ---------------------------------------------------------------- reported actions
    p = cpath["reported_actions.csv"]
    e_index: dict[tuple, tuple[int, dict, str]] = {}
    for line, r, slug in seeded_e:
        k = (r["org_name"], r["state"], r["date"], r["source_url"], r["action_reported"])
        if r["action_reported"] and k in e_index:
            errors.add(e_path, line, f"action_reported key not unique (also line {e_index[k][0]})")
        e_index[k] = (line, r, slug)
    codings: dict[tuple, list[tuple[int, dict]]] = collections.defaultdict(list)
    for line, r in c["reported_actions.csv"]:
        k = (r["org_name"], r["state"], r["date"], r["source_url"], r["action_reported"])
        if k not in e_index or not r["action_reported"]:
            errors.add(p, line, "matches no seeded endorsements.csv row with this action_reported text")
            continue
        if r["coding"] not in CODINGS:
            errors.add(p, line, f"coding {r['coding']!r} not in {', '.join(CODINGS)}")
            continue
        text = r["action_reported"]
        if r["coding"] == "action":
            if r["kind"] not in ACTION_KINDS:
                errors.add(p, line, f"kind {r['kind']!r} not an allowed action kind")
            if not r["description"].strip():
                errors.add(p, line, "action without a description")
            elif len(r["description"]) > MAX_LEN["description"]:
                errors.add(p, line, "description too long for the loader")
            check_date(p, line, r["action_date"], errors, "action_date")
            if re.match(r"^\s*(pledged|planned)\b", text, re.I):
                errors.add(p, line, "text is a pledge/plan; it cannot be coded as a done action")
        else:
            if r["kind"] or r["action_date"] or r["description"]:
                errors.add(p, line, f"{r['coding']} row must leave kind, action_date and description empty")
        if r["coding"] == "commitment":
            vals = split_codes(r["commitments"])
            if not vals:
                errors.add(p, line, "commitment row without commitments")
            for v in vals:
                if v not in COMMITMENTS:
                    errors.add(p, line, f"commitment {v!r} not in {', '.join(COMMITMENTS)}")
            if not PROMISE_RE.search(text):
                errors.add(p, line, "commitments may only be derived from pledged/planned texts")
        elif r["commitments"]:
            errors.add(p, line, f"{r['coding']} row must leave commitments empty")
        if r["coding"] in ("not_action", "duplicate") and not r["note"].strip():
            errors.add(p, line, f"{r['coding']} row needs a note saying why")
        codings[k].append((line, r))
    for k, (line, r, _slug) in e_index.items():
        if r["action_reported"] and k not in codings:
            errors.add(e_path, line, "action_reported text not coded in curation/reported_actions.csv")

    if errors:
        return fail(errors)

    # ---------------------------------------------------------------- build
    # One endorsement-CSV row per claim: every body first (its catalogue entry and the first page
    # naming it), then each resolution and each action, naming its body by name, state and slug.
    out_bodies = []
    for slug in sorted(bodies):
        b = bodies[slug]
        out_bodies.append({
            "body_name": b["name"], "level": b["level"], "affiliation": b["affiliation"],
            "designation": b["designation"], "city": b["city"], "state": b["state"], "slug": slug,
            "parent": b["parent"], "organization_type": b["organization_type"],
            "source_url": sorted(body_urls.get(slug) or named_only[slug])[0],
        })
        place = place_of.get(slug)
        if place and place[3] != out_bodies[-1]["source_url"]:  # the page stating the place
            out_bodies.append({**out_bodies[-1], "source_url": place[3]})

    def naming(slug: str) -> dict[str, str]:
        b = bodies[slug]
        return {"body_name": b["name"], "level": b["level"], "state": b["state"], "slug": slug}

    resolutions = []
    for _line, r, slug in seeded_e:
        k = (r["org_name"], r["state"], r["date"], r["source_url"], r["action_reported"])
        commits = set()
        for _, cr in codings.get(k, []):
            if cr["coding"] == "commitment":
                commits.update(split_codes(cr["commitments"]))
        commitments = ";".join(v for v in COMMITMENTS if v in commits)
        for code in bill_map[r["bill"]] or [r["bill"]]:
            resolutions.append({
                **naming(slug), "bill": code, "stance": "support",
                "adopted_on": r["date"], "date_kind": r["date_kind"] if r["date"] else "",
                "commitments": commitments,
                "adoption_evidence": evidence_of(r["source_url"], slug),
                "source_url": r["source_url"],
            })

    # ---------------------------------------------------------------- extra resolutions
    # Resolutions that a page already citing the body reports, but that no raw row records.
    p = cpath["extra_resolutions.csv"]
    res_keys = {(r["slug"], r["bill"], r["source_url"]) for r in resolutions}
    for line, r in c["extra_resolutions.csv"]:
        slug = r["body"]
        if slug not in bodies:
            errors.add(p, line, f"body {slug!r} not in bodies.csv")
            continue
        if r["bill"] not in bill_map:
            errors.add(p, line, f"bill {r['bill']!r} not mapped in curation/bill_map.csv")
            continue
        check_date(p, line, r["date"], errors)
        if r["date_kind"] not in ("",) + DATE_KINDS:
            errors.add(p, line, f"date_kind {r['date_kind']!r} not adopted/reported")
        if bool(r["date"]) != bool(r["date_kind"]):
            errors.add(p, line, "date and date_kind must be both given or both empty")
        if r["source_url"] not in body_urls.get(slug, ()):
            errors.add(p, line, "source_url is not a page that a seeded raw row of this body cites")
        if not r["note"].strip():
            errors.add(p, line, "say where the page reports the resolution")
        for code in bill_map[r["bill"]] or [r["bill"]]:
            if (slug, code, r["source_url"]) in res_keys:
                errors.add(p, line, "a raw row already records this resolution from this page")
            res_keys.add((slug, code, r["source_url"]))
            resolutions.append({
                **naming(slug), "bill": code, "stance": "support", "adopted_on": r["date"],
                "date_kind": r["date_kind"], "commitments": "",
                "adoption_evidence": evidence_of(r["source_url"], slug),
                "source_url": r["source_url"],
            })
    for k, (line, _) in evidence_by_url.items():
        if k not in evidence_used:
            errors.add(cpath["adoption_evidence.csv"], line, "matches no seeded resolution")

    def scope_of(slug: str, kind: str, day: str, url: str, bill_text: str) -> str:
        key = (slug, kind, day, url)
        if key in scope_override:
            scopes_used[key] += 1
            return scope_override[key][1]
        return bill_scope[bill_text]

    actions = []
    n_actions_raw = 0
    for _line, r, slug in seeded_a:
        codes = bill_map[r["bill"]]
        actions.append({
            **naming(slug), "action_kind": r["action_kind"], "action_date": r["action_date"],
            "action_participants": r["participants"], "action_amount_usd": r["amount_usd"],
            "action_description": r["description"],
            "action_scope": scope_of(slug, r["action_kind"], r["action_date"], r["source_url"],
                                     r["bill"]),
            "action_bill": codes[0] if len(codes) == 1 else "", "source_url": r["source_url"],
        })
        n_actions_raw += 1
    n_actions_rep = 0
    coding_counts = collections.Counter()
    for k, rows in codings.items():
        line, er, slug = e_index[k]
        codes = bill_map[er["bill"]]
        for _, cr in rows:
            coding_counts[cr["coding"]] += 1
            if cr["coding"] != "action":
                continue
            actions.append({
                **naming(slug), "action_kind": cr["kind"], "action_date": cr["action_date"],
                "action_description": cr["description"],
                "action_scope": scope_of(slug, cr["kind"], cr["action_date"], er["source_url"],
                                         er["bill"]),
                "action_bill": codes[0] if len(codes) == 1 else "", "source_url": er["source_url"],
            })
            n_actions_rep += 1
    # ---------------------------------------------------------------- action fixes
    # Corrections of single actions, matched on the action as harvested: body, kind, date,
    # source and, where those four are shared, the exact description.
    p = cpath["action_fixes.csv"]
    matched: list[tuple[int, int, dict]] = []
    for line, r in c["action_fixes.csv"]:
        hits = [i for i, a in enumerate(actions)
                if (a["slug"], a["action_kind"], a["action_date"], a["source_url"])
                == (r["body"], r["kind"], r["date"], r["source_url"])
                and (not r["description"] or a["action_description"] == r["description"])]
        if len(hits) != 1:
            errors.add(p, line, f"matches {len(hits)} seeded actions (must match exactly 1)")
            continue
        changes = [r[col] for col in ("new_kind", "new_bill", "new_date")]
        if r["drop"] not in ("", "drop"):
            errors.add(p, line, f"drop {r['drop']!r} must be 'drop' or empty")
        elif r["drop"] and any(changes):
            errors.add(p, line, "a dropped action takes no new kind, bill or date")
        elif not r["drop"] and not any(changes):
            errors.add(p, line, "give a new kind, bill or date, or drop")
        if r["new_kind"] and r["new_kind"] not in ACTION_KINDS:
            errors.add(p, line, f"new_kind {r['new_kind']!r} not an allowed action kind")
        if r["new_bill"] and r["new_bill"] != "none" and r["new_bill"] not in BILL_CODES:
            errors.add(p, line, f"new_bill {r['new_bill']!r} not 'none' or in {', '.join(BILL_CODES)}")
        check_date(p, line, r["new_date"], errors, "new_date")
        if not r["note"].strip():
            errors.add(p, line, "a fix needs a note saying why")
        if any(i == hits[0] for _, i, _ in matched):
            errors.add(p, line, "another row already fixes this action")
        matched.append((line, hits[0], r))
    dropped = set()
    for _line, i, r in matched:
        a = actions[i]
        if r["drop"]:
            dropped.add(i)
            continue
        if r["new_kind"]:
            a["action_kind"] = r["new_kind"]
        if r["new_bill"]:
            a["action_bill"] = "" if r["new_bill"] == "none" else r["new_bill"]
        if r["new_date"]:
            a["action_date"] = r["new_date"]
    actions = [a for i, a in enumerate(actions) if i not in dropped]

    for key, (line, _scope) in scope_override.items():
        if scopes_used[key] != 1:
            errors.add(cpath["action_scopes.csv"], line,
                       f"matches {scopes_used[key]} seeded actions (must match exactly 1)")
    if errors:
        return fail(errors)

    h_out = harvest.emit({out_key(row) for row in resolutions + actions})
    resolutions += h_out["resolutions"]
    actions += h_out["actions"]

    def key(cols):
        return lambda row: tuple(row.get(c, "") for c in cols)

    resolutions.sort(key=key(["slug", "bill", "adopted_on", "source_url", "date_kind",
                              "commitments", "adoption_evidence"]))
    actions.sort(key=key(["slug", "action_date", "action_kind", "source_url", "action_description",
                          "action_bill", "action_participants", "action_amount_usd"]))

    os.makedirs(args.out, exist_ok=True)
    coverage = build_coverage(args.data, cur, errors)
    lists = build_lists(cur, errors, seeded_e, seeded_a, harvest)
    if errors:
        return fail(errors)
    claims = sorted(h_out["claims"], key=key(["slug", "source_url"]))
    checks = sorted(h_out["checks"], key=key(["slug", "checked_on", "source_url"]))
    out_bodies = sorted(out_bodies + h_out["bodies"], key=key(["slug"]))
    write_csv(os.path.join(args.out, "endorsements.csv"), OUT_COLUMNS,
              out_bodies + resolutions + actions + claims + checks)
    write_csv(os.path.join(args.out, "coverage.csv"), COVERAGE_COLS, coverage)
    write_csv(os.path.join(args.out, "lists.csv"), LISTS_COLS, lists)

    # ---------------------------------------------------------------- summary
    levels = collections.Counter(b["level"] for b in bodies.values())
    pairs = {(r["slug"], r["bill"]) for r in resolutions}
    by_reason = collections.Counter(reason for _, _, _, reason in excluded_rows)
    print(f"raw rows read: endorsements {len(raw_e)}, actions {len(raw_a)} (total {len(raw_e) + len(raw_a)})")
    print(f"rows seeded: endorsements {len(seeded_e)}, actions {len(seeded_a)}")
    print(f"rows excluded: {len(excluded_rows)}")
    for reason, n in sorted(by_reason.items()):
        print(f"  {n:3d}  {reason}")
    print(f"bodies: {len(bodies)} ("
          + ", ".join(f"{t} {sum(1 for b in bodies.values() if b['organization_type'] == t)}"
                      for t in ORGANIZATION_TYPES) + ")")
    for lvl in LEVELS:
        print(f"  {lvl:24s} {levels.get(lvl, 0)}")
    coded = sum(1 for _, b in pairs if b in BILL_CODES)
    print(f"resolution rows: {len(resolutions)}; distinct (body, bill) pairs: {len(pairs)} "
          f"({coded} with a bill code, {len(pairs) - coded} without)")
    print(f"resolution rows with commitments: {sum(1 for r in resolutions if r['commitments'])}")
    print(f"actions: {len(actions)} = {n_actions_raw} from actions.csv"
          f" + {n_actions_rep} from action_reported - {len(dropped)} dropped"
          f" ({len(matched) - len(dropped)} corrected in curation/action_fixes.csv)")
    print("action_reported codings: " + ", ".join(f"{k} {coding_counts[k]}" for k in CODINGS))
    harvest.summary(args.report)
    if args.report:
        print_report(out_bodies, body_names, excluded_rows)
    return 0


# ==================================================================================== harvest
# Researchers' harvest files (seeds/harvest/<key>.csv, <key>-checks.csv; the brief they followed
# is summarised in curation/README.md).  Each row's body is a catalogue body (by an alias, else by
# the same normalised name in the same state) or a new body built from the row itself.  Rows are
# honoured against exclusions.csv (file = the harvest file's name) and bill_map.csv, and become
# endorsement-CSV rows: bodies, resolutions, actions, membership/website claims and checks.

HARVEST_COLS = ["body_name", "level", "affiliation", "designation", "city", "state", "zip", "bill",
                "adopted_on", "date_kind", "evidence", "organization_type", "action_kind",
                "action_date", "action_scope", "action_description", "members", "members_year",
                "website", "source_url", "quote"]
HARVEST_CHECK_COLS = ["body_name", "level", "state", "checked_on", "searched", "result", "summary"]
HARVEST_DATES_COLS = ["file", "body_name", "state", "bill", "adopted_on", "source_url",
                      "new_adopted_on", "new_date_kind", "reason"]
HARVEST_BILLS_COLS = ["file", "body_name", "state", "bill", "adopted_on", "source_url", "new_bill",
                      "reason"]
HARVEST_DUPLICATES_COLS = ["file", "body_name", "state", "action_kind", "action_date", "source_url",
                           "same_as"]
HARVEST_FILE_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*\.csv$")
CHECK_RESULTS = ("nothing_found", "actions_found")
COUNTER_ACTIONS = ("opposed_bill", "rescinded_resolution", "endorsed_opponent")
ZIP_RE = re.compile(r"^\d{5}(-\d{4})?$")
FULL_DATE_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
YEAR_RE = re.compile(r"^(1[89]|2[01])\d\d$")


def out_key(row: dict) -> tuple:
    """An output row as written (missing columns are empty)."""
    return tuple(row.get(col, "") for col in OUT_COLUMNS)


def searched_places(text: str) -> list[str]:
    """A check's `searched` cell: ';'-separated queries ('pages: "..."') and addresses; a ';'
    inside a query does not split it."""
    return [p.strip() for p in re.split(r";\s*(?=pages:|https?://)", text) if p.strip()]


def is_harvest_file(name: str) -> bool:
    """Exclusions name a harvest file by its own name (cupdf-676.csv, not the -checks files)."""
    return (bool(HARVEST_FILE_RE.match(name)) and not name.endswith("-checks.csv")
            and name not in ("endorsements.csv", "actions.csv"))


def name_key(name: str) -> str:
    """The registry's matching key (registry/imports/claims.py name_key): accents, case,
    punctuation and '&'/'and' do not matter, nor a leading 'the'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("&", " and "))
    return re.sub(r"^the ", "", " ".join(text.split()))


def slugify(text: str) -> str:
    """As registry/records/services.py slugify."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug.isdigit():
        slug = f"body-{slug}"
    return slug[: MAX_LEN["slug"] - 8] or "body"


class Harvest:
    """The harvest files read, mapped to bodies and checked; `emit` builds their output rows."""

    def __init__(self, directory: str, cur: str, errors: Errors) -> None:
        self.dir = directory
        self.errors = errors
        self.files: dict[str, list[tuple[int, dict]]] = {}
        self.check_files: dict[str, list[tuple[int, dict]]] = {}
        self.dates_path = os.path.join(cur, "harvest_dates.csv")
        self.dates = read_csv(self.dates_path, HARVEST_DATES_COLS, errors)
        self.bills_path = os.path.join(cur, "harvest_bills.csv")
        self.bill_fixes = read_csv(self.bills_path, HARVEST_BILLS_COLS, errors)
        self.dups_path = os.path.join(cur, "harvest_duplicates.csv")
        self.dups = read_csv(self.dups_path, HARVEST_DUPLICATES_COLS, errors)
        if not os.path.isdir(directory):
            errors.add(directory, 0, "harvest directory not found")
            return
        for name in sorted(os.listdir(directory)):
            if not name.endswith(".csv"):
                continue
            path = os.path.join(directory, name)
            if not HARVEST_FILE_RE.match(name):
                errors.add(path, 0, "harvest file names are lowercase words joined by '-'")
            elif name.endswith("-checks.csv"):
                self.check_files[name] = read_csv(path, HARVEST_CHECK_COLS, errors)
            else:
                self.files[name] = read_csv(path, HARVEST_COLS, errors)
        for name in self.check_files:
            if name[: -len("-checks.csv")] + ".csv" not in self.files:
                errors.add(os.path.join(directory, name), 0, "checks file without its harvest file")
        # filled by map()
        self.kept: list[tuple[str, int, dict, str]] = []            # (file, line, row, slug)
        self.excluded: list[tuple[str, int, dict, str]] = []        # (file, line, row, reason)
        self.checks: list[tuple[str, int, dict, str]] = []
        self.new_bodies: dict[str, dict] = {}                       # slug -> body
        self.new_body_rows: dict[str, list[tuple[str, int, dict]]] = collections.defaultdict(list)
        self.alias_used: set[tuple[str, str]] = set()
        self.disagreements: list[str] = []
        self.notes: collections.Counter = collections.Counter()

    # ------------------------------------------------------------------ mapping and checks
    def map(self, bodies: dict[str, dict], alias: dict[tuple[str, str], str],
            bill_map: dict[str, list[str]], bill_scope: dict[str, str],
            excl: dict[tuple, tuple[int, str]]) -> None:
        errors = self.errors
        by_name: dict[tuple[str, str], str] = {}
        by_bare_name: dict[str, list[str]] = collections.defaultdict(list)
        for s, b in bodies.items():
            by_name.setdefault((name_key(b["name"]), b["state"]), s)
            by_bare_name[name_key(b["name"])].append(s)
        self.bill_map, self.bill_scope, self.bodies = bill_map, bill_scope, bodies

        # date fixes: exact rows, each fix used at least once
        fixes: dict[tuple, tuple[int, dict]] = {}
        for line, r in self.dates:
            if not is_harvest_file(r["file"]) or r["file"] not in self.files:
                errors.add(self.dates_path, line, f"file {r['file']!r} is not a harvest file")
            check_date(self.dates_path, line, r["new_adopted_on"], errors, "new_adopted_on")
            if bool(r["new_adopted_on"]) != bool(r["new_date_kind"]) or \
                    r["new_date_kind"] not in ("",) + DATE_KINDS:
                errors.add(self.dates_path, line, "new_adopted_on and new_date_kind (adopted or "
                                                  "reported) go together, or both stay empty")
            if not r["reason"].strip():
                errors.add(self.dates_path, line, "a date fix needs a reason")
            k = (r["file"], r["body_name"], r["state"], r["bill"], r["adopted_on"], r["source_url"])
            if k in fixes:
                errors.add(self.dates_path, line, "duplicate date fix")
            fixes[k] = (line, r)
        fixes_used: collections.Counter = collections.Counter()
        excl_used: collections.Counter = collections.Counter()
        # bill codes the page does not give for one bill alone: the page's words instead
        bill_fixes_used: collections.Counter = collections.Counter()
        bill_fixes: dict[tuple, tuple[int, dict]] = {}
        for line, r in self.bill_fixes:
            if r["file"] not in self.files:
                errors.add(self.bills_path, line, f"file {r['file']!r} is not a harvest file")
            if not r["new_bill"] or r["new_bill"] == r["bill"]:
                errors.add(self.bills_path, line, "new_bill must be given and differ from bill")
            if not r["reason"].strip():
                errors.add(self.bills_path, line, "a bill fix needs a reason")
            k = (r["file"], r["body_name"], r["state"], r["bill"], r["adopted_on"], r["source_url"])
            if k in bill_fixes:
                errors.add(self.bills_path, line, "duplicate bill fix")
            bill_fixes[k] = (line, r)
        # actions that repeat an event already on record: the row's action is not written
        dups: dict[tuple, int] = {}
        for line, r in self.dups:
            k = (r["file"], r["body_name"], r["state"], r["action_kind"], r["action_date"], r["source_url"])
            if r["file"] not in self.files:
                errors.add(self.dups_path, line, f"file {r['file']!r} is not a harvest file")
            if not r["same_as"].strip():
                errors.add(self.dups_path, line, "say which record it repeats (same_as)")
            if k in dups:
                errors.add(self.dups_path, line, "duplicate row")
            dups[k] = line
        dups_used: collections.Counter = collections.Counter()
        self.duplicate_actions: set[tuple[str, int]] = set()

        def body_for(path: str, line: int, name: str, state: str) -> str | None:
            k = (name, state)
            if k in alias:
                self.alias_used.add(k)
                return alias[k]
            slug = by_name.get((name_key(name), state))
            if slug:
                return slug
            # a catalogue body of this name with no state (or a row with none) is ambiguous
            for s in by_bare_name.get(name_key(name), []):
                if not state or not bodies[s]["state"]:
                    errors.add(path, line, f"{name!r} ({state or 'no state'}) has the name of "
                                           f"catalogue body {s!r} ({bodies[s]['state'] or 'no state'}):"
                                           " add an alias in curation/aliases.csv or exclude the row")
                    return None
            return None

        for fname, rows in self.files.items():
            path = os.path.join(self.dir, fname)
            for line, r in rows:
                k = (fname, r["body_name"], r["state"], r["bill"], r["adopted_on"], r["source_url"])
                if k in excl:
                    excl_used[k] += 1
                    self.excluded.append((fname, line, r, excl[k][1]))
                    continue
                if k in bill_fixes:
                    bill_fixes_used[k] += 1
                    r = dict(r, bill=bill_fixes[k][1]["new_bill"])
                    self.notes["bills corrected (curation/harvest_bills.csv)"] += 1
                if k in fixes:
                    fixes_used[k] += 1
                    r = dict(r, adopted_on=fixes[k][1]["new_adopted_on"],
                             date_kind=fixes[k][1]["new_date_kind"])
                    self.notes["dates fixed (curation/harvest_dates.csv)"] += 1
                if not self.check_row(path, line, r):
                    continue
                dk = (fname, r["body_name"], r["state"], r["action_kind"], r["action_date"], r["source_url"])
                if r["action_kind"] and dk in dups:
                    dups_used[dk] += 1
                    self.duplicate_actions.add((fname, line))
                slug = body_for(path, line, r["body_name"], r["state"])
                if slug is None:
                    key = (name_key(r["body_name"]), r["state"])
                    self.new_body_rows[key].append((fname, line, r))
                    slug = key  # resolved to a slug below
                self.kept.append((fname, line, r, slug))
        for k, (line, _reason) in excl.items():
            if is_harvest_file(k[0]) and excl_used[k] == 0:
                errors.add(os.path.join(os.path.dirname(self.dates_path), "exclusions.csv"), line,
                           f"matches no row of harvest file {k[0]}")
        self.excl_used = excl_used
        for k, (line, _r) in fixes.items():
            if fixes_used[k] == 0:
                errors.add(self.dates_path, line, "matches no harvest row")
        for k, (line, _r) in bill_fixes.items():
            if bill_fixes_used[k] == 0:
                errors.add(self.bills_path, line, "matches no harvest row")
        for k, line in dups.items():
            if dups_used[k] != 1:
                errors.add(self.dups_path, line,
                           f"matches {dups_used[k]} kept harvest actions (must match exactly 1)")
        self.make_new_bodies(bodies)
        self.kept = [(f, n, r, s if isinstance(s, str) else self.new_slug[s])
                     for f, n, r, s in self.kept]

        for fname, rows in self.check_files.items():
            path = os.path.join(self.dir, fname)
            seen: dict[str, int] = {}
            for line, r in rows:
                if r["level"] not in LEVELS:
                    errors.add(path, line, f"level {r['level']!r} not in {', '.join(LEVELS)}")
                if not FULL_DATE_RE.match(r["checked_on"]):
                    errors.add(path, line, f"checked_on {r['checked_on']!r} is not YYYY-MM-DD")
                if r["result"] not in CHECK_RESULTS:
                    errors.add(path, line, f"result {r['result']!r} not in {', '.join(CHECK_RESULTS)}")
                if not r["summary"].strip():
                    errors.add(path, line, "check without a summary")
                places = searched_places(r["searched"])
                if not any(URL_RE.match(p) for p in places):
                    errors.add(path, line, "searched names no address (the row's source)")
                for p in places:
                    if not (URL_RE.match(p) or p.startswith("pages:")):
                        errors.add(path, line, f"searched item {p[:60]!r} is neither an address "
                                               "nor a 'pages:' query")
                # A catalogue body, else a body that a harvest file brought in.
                slug = (body_for(path, line, r["body_name"], r["state"])
                        or self.new_slug.get((name_key(r["body_name"]), r["state"])))
                if slug is None:
                    if not any(e.startswith(f"{path}:{line}:") for e in errors.items):
                        errors.add(path, line, f"checked body ({r['body_name']!r}, {r['state']!r})"
                                               " is neither a catalogue body nor a harvested one")
                    continue
                if slug in seen:
                    errors.add(path, line, f"second check of {slug!r} (first on line {seen[slug]})")
                seen[slug] = line
                self.checks.append((fname, line, r, slug))

    def check_row(self, path: str, line: int, r: dict) -> bool:
        errors, n = self.errors, len(self.errors.items)
        if not r["body_name"].strip():
            errors.add(path, line, "no body_name")
        if r["level"] not in LEVELS:
            errors.add(path, line, f"level {r['level']!r} not in {', '.join(LEVELS)}")
        if r["organization_type"] not in ORGANIZATION_TYPES:
            errors.add(path, line, f"organization_type {r['organization_type']!r} not union or allied")
        if r["state"] and r["state"] not in USPS:
            errors.add(path, line, f"state {r['state']!r} is not a USPS code")
        if r["city"] and not r["state"]:
            errors.add(path, line, "city given without state")
        if r["zip"] and not ZIP_RE.match(r["zip"]):
            errors.add(path, line, f"zip {r['zip']!r} is not 5 digits or ZIP+4")
        for col, limit in (("body_name", "name"), ("affiliation", "affiliation"),
                           ("designation", "designation"), ("city", "city"),
                           ("bill", "bill_as_reported"), ("action_description", "description"),
                           ("source_url", "source_url"), ("website", "source_url")):
            if len(r[col]) > MAX_LEN[limit]:
                errors.add(path, line, f"{col} longer than {MAX_LEN[limit]} characters")
        if not URL_RE.match(r["source_url"]):
            errors.add(path, line, f"source_url {r['source_url']!r} is not an http(s) URL")
        if not r["quote"].strip():
            errors.add(path, line, "no quote: an auditor could not find the claim on its page")
        check_date(path, line, r["adopted_on"], errors, "adopted_on")
        if r["date_kind"] not in ("",) + DATE_KINDS:
            errors.add(path, line, f"date_kind {r['date_kind']!r} not adopted/reported")
        if bool(r["adopted_on"]) != bool(r["date_kind"]):
            errors.add(path, line, "adopted_on and date_kind must be both given or both empty")
        if r["evidence"] not in ("",) + EVIDENCE:
            errors.add(path, line, f"evidence {r['evidence']!r} not in {', '.join(EVIDENCE)}")
        if r["bill"] and r["bill"] not in BILL_CODES and r["bill"] not in self.bill_map:
            errors.add(path, line, f"bill {r['bill']!r} not mapped in curation/bill_map.csv")
        if r["adopted_on"] and not r["evidence"]:
            errors.add(path, line, "adopted_on given on a row that claims no resolution (no evidence)")
        if r["evidence"] and not r["bill"] and not r["action_kind"]:
            errors.add(path, line, "evidence of a resolution but no bill text")
        acting = [c for c in ("action_date", "action_scope", "action_description") if r[c]]
        if r["action_kind"]:
            if r["action_kind"] not in ACTION_KINDS:
                errors.add(path, line, f"action_kind {r['action_kind']!r} not an allowed kind")
            check_date(path, line, r["action_date"], errors, "action_date")
            if r["action_scope"] and r["action_scope"] not in SCOPES:
                errors.add(path, line, f"action_scope {r['action_scope']!r} not in {', '.join(SCOPES)}")
            if not r["action_scope"] and not r["bill"]:
                errors.add(path, line, "action without a scope or a bill to take it from")
            if not r["action_description"].strip():
                errors.add(path, line, "action without a description")
        elif acting:
            errors.add(path, line, f"{', '.join(acting)} given without action_kind")
        if r["members"] and not INT_RE.match(r["members"]):
            errors.add(path, line, f"members {r['members']!r} is not a whole number")
        if r["members_year"] and (not YEAR_RE.match(r["members_year"]) or not r["members"]):
            errors.add(path, line, f"members_year {r['members_year']!r} needs members and a year")
        if r["website"] and not URL_RE.match(r["website"]):
            errors.add(path, line, f"website {r['website']!r} is not an http(s) URL")
        if not (r["evidence"] or r["action_kind"] or r["members"] or r["website"]):
            errors.add(path, line, "row claims nothing (no evidence, action, members or website)")
        return len(errors.items) == n

    def make_new_bodies(self, bodies: dict[str, dict]) -> None:
        """One new body per (normalised name, state): attributes from its rows, first given wins;
        rows that disagree on level or organization_type are an error."""
        taken = set(bodies)
        self.new_slug: dict[tuple[str, str], str] = {}
        for key in sorted(self.new_body_rows):
            rows = self.new_body_rows[key]
            first = rows[0][2]
            body = {"name": first["body_name"], "state": first["state"], "parent": ""}
            for col in ("level", "organization_type", "affiliation", "designation", "city"):
                values = [(f, n, r[col]) for f, n, r in rows if r[col]]
                body[col] = values[0][2] if values else ""
                if len({v for _, _, v in values}) > 1:
                    where = ", ".join(f"{f}:{n} {v!r}" for f, n, v in values)
                    if col in ("level", "organization_type"):
                        self.errors.add(os.path.join(self.dir, rows[0][0]), rows[0][1],
                                        f"new body {first['body_name']!r}: rows disagree on {col}: {where}")
                    else:
                        self.disagreements.append(f"{first['body_name']} {col}: {where}")
            cities = {r["city"] for _, _, r in rows if r["state"] == body["state"]}
            if body["city"] not in cities:  # a city only from a row placing the body elsewhere
                body["city"] = ""
            base = slugify(body["name"])
            candidates = [base] + ([f"{base}-{body['state'].lower()}"] if body["state"] else [])
            candidates += [f"{base}-{n}" for n in range(2, 1000)]
            slug = next(c for c in candidates if c not in taken)
            taken.add(slug)
            self.new_slug[key] = slug
            self.new_bodies[slug] = body

    # ------------------------------------------------------------------ output
    def emit(self, seen_out: set[tuple]) -> dict[str, list]:
        """Endorsement-CSV rows: new bodies, resolutions, actions, body claims and checks.
        `seen_out` holds the claims already written (raw rows); exact repeats are not written again."""
        out = {"bodies": [], "resolutions": [], "actions": [], "claims": [], "checks": []}
        self.rows_out: dict[tuple[str, int], int] = collections.Counter()
        self.rows_dup: dict[tuple[str, int], int] = collections.Counter()
        all_bodies = {**self.bodies, **self.new_bodies}

        def name_of(slug: str) -> dict[str, str]:
            b = all_bodies[slug]
            return {"body_name": b["name"], "level": b["level"], "state": b["state"], "slug": slug}

        def put(kind: str, row: dict, fname: str, line: int) -> None:
            key = out_key(row)
            if key in seen_out:
                self.rows_dup[(fname, line)] += 1
                return
            seen_out.add(key)
            out[kind].append(row)
            self.rows_out[(fname, line)] += 1

        urls: dict[str, set[str]] = collections.defaultdict(set)
        members: dict[str, list] = collections.defaultdict(list)
        websites: dict[str, list] = collections.defaultdict(list)
        for order, (fname, line, r, slug) in enumerate(self.kept):
            urls[slug].add(r["source_url"])
            codes = [r["bill"]] if r["bill"] in BILL_CODES else self.bill_map.get(r["bill"], [])
            scope = self.bill_scope.get(r["bill"], "federal_bill" if r["bill"] in BILL_CODES else "")
            if r["evidence"] and r["bill"]:
                if r["action_kind"] in COUNTER_ACTIONS:
                    self.notes["resolution not written: the row reports a counter-action"] += 1
                elif scope == "health_reform":
                    self.notes["resolution not written: the bill is not single payer (health_reform)"] += 1
                else:
                    for code in codes or [r["bill"]]:
                        put("resolutions", {
                            **name_of(slug), "bill": code, "stance": "support",
                            "adopted_on": r["adopted_on"], "date_kind": r["date_kind"],
                            "commitments": "", "adoption_evidence": r["evidence"],
                            "source_url": r["source_url"]},
                            fname, line)
            elif r["evidence"]:
                self.notes["resolution not written: evidence given without a bill (action only)"] += 1
            if r["action_kind"] and (fname, line) in self.duplicate_actions:
                self.rows_dup[(fname, line)] += 1
                self.notes["actions not written: the same event is already on record "
                           "(curation/harvest_duplicates.csv)"] += 1
            elif r["action_kind"]:
                put("actions", {
                    **name_of(slug), "action_kind": r["action_kind"], "action_date": r["action_date"],
                    "action_description": r["action_description"],
                    "action_scope": r["action_scope"] or scope,
                    "action_bill": codes[0] if len(codes) == 1 else "",
                    "source_url": r["source_url"]}, fname, line)
            if r["members"]:
                members[slug].append((int(r["members_year"] or 0), -order, r["members"],
                                      r["members_year"], r["source_url"], fname, line))
            if r["website"]:
                websites[slug].append((order, r["website"], r["source_url"], fname, line))
        self.members_dropped: list[str] = []
        self.websites_dropped: list[str] = []
        for slug in sorted(set(members) | set(websites)):
            claim_m = claim_w = None
            if members[slug]:
                ranked = sorted(members[slug], reverse=True)
                best = ranked[0]
                claim_m = {"members": best[2], "members_year": best[3], "source_url": best[4]}
                for other in ranked[1:]:
                    self.members_dropped.append(
                        f"{slug}: {other[2]} ({other[3] or 'no year'}) {other[5]}:{other[6]} -- "
                        f"kept {best[2]} ({best[3] or 'no year'}) {best[5]}:{best[6]}")
                self.rows_out[(best[5], best[6])] += 1
            if websites[slug]:
                ranked = sorted(websites[slug])
                best = ranked[0]
                claim_w = {"website": best[1], "source_url": best[2]}
                for other in ranked[1:]:
                    if other[1].rstrip("/") != best[1].rstrip("/"):
                        self.websites_dropped.append(f"{slug}: {other[1]} {other[3]}:{other[4]} -- "
                                                     f"kept {best[1]} {best[3]}:{best[4]}")
                self.rows_out[(best[3], best[4])] += 1
            if claim_m and claim_w and claim_m["source_url"] == claim_w["source_url"]:
                out["claims"].append({**name_of(slug), **claim_m, **claim_w})
            else:
                for claim in (claim_m, claim_w):
                    if claim:
                        out["claims"].append({**name_of(slug), **claim})
        for fname, line, r, slug in self.checks:
            places = searched_places(r["searched"])
            out["checks"].append({
                **name_of(slug), "checked_on": r["checked_on"], "checked_by": "researcher",
                "searched": "\n".join(places), "check_result": r["result"],
                "check_summary": r["summary"].strip(),
                "source_url": next(p for p in places if URL_RE.match(p))})
            self.rows_out[(fname, line)] += 1
        for slug in sorted(self.new_bodies):
            b = self.new_bodies[slug]
            out["bodies"].append({
                "body_name": b["name"], "level": b["level"], "affiliation": b["affiliation"],
                "designation": b["designation"], "city": b["city"], "state": b["state"],
                "slug": slug, "parent": "", "organization_type": b["organization_type"],
                "source_url": sorted(urls[slug])[0]})
        return out

    # ------------------------------------------------------------------ summary
    def summary(self, report: bool) -> None:
        print("harvest (seeds/harvest/):")
        excluded = collections.Counter(f for f, _, _, _ in self.excluded)
        for fname, rows in self.files.items():
            lines = [n for n, _ in rows]
            kept = sum(1 for n in lines if self.rows_out.get((fname, n)))
            dup = sum(1 for n in lines if not self.rows_out.get((fname, n)) and self.rows_dup.get((fname, n)))
            other = len(rows) - kept - dup - excluded[fname]
            print(f"  {fname:24s} rows {len(rows):4d}  kept {kept:4d}  already on record {dup:3d}  "
                  f"excluded {excluded[fname]:3d}" + (f"  superseded {other:3d}" if other else ""))
        for fname, rows in self.check_files.items():
            print(f"  {fname:24s} checks {len(rows):3d}")
        by_reason = collections.Counter(reason for _, _, _, reason in self.excluded)
        print(f"  rows excluded: {len(self.excluded)}")
        for reason, n in sorted(by_reason.items()):
            print(f"    {n:3d}  {reason}")
        for note, n in sorted(self.notes.items()):
            print(f"  {note}: {n}")
        levels = collections.Counter(b["level"] for b in self.new_bodies.values())
        types = collections.Counter(b["organization_type"] for b in self.new_bodies.values())
        print(f"  new bodies: {len(self.new_bodies)} ("
              + ", ".join(f"{k} {v}" for k, v in sorted(types.items())) + "; "
              + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())) + ")")
        print(f"  membership figures superseded by a later one: {len(self.members_dropped)}; "
              f"other websites not used: {len(self.websites_dropped)}")
        if not report:
            return
        print("\nHarvest: new bodies")
        for slug, b in sorted(self.new_bodies.items()):
            print(f"  {slug}  ({b['name']}; {b['level']}, {b['organization_type']}, {b['state'] or '-'})")
        print("\nHarvest: attribute disagreements among a new body's rows (first given kept)")
        for item in self.disagreements:
            print(f"  {item}")
        print("\nHarvest: membership figures not used (several for one body: latest year kept)")
        for item in self.members_dropped:
            print(f"  {item}")
        print("\nHarvest: websites not used (first given kept)")
        for item in self.websites_dropped:
            print(f"  {item}")
        print("\nHarvest: excluded rows")
        for fname, line, r, reason in self.excluded:
            print(f"  {fname}:{line}  {r['body_name']} ({r['state']})  -- {reason}")


# ==================================================================================== coverage
# seeds/coverage.csv: the campaigns' own published counts (DATA/summary-figures.csv), chosen and
# labelled in curation/coverage.csv.  seeds/lists.csv: every list or series the seeds come from,
# with the rows and distinct bodies seeded from it (computed here) and how completely it was read
# (curation/lists.csv, from the researchers' notes).

COVERAGE_CUR_COLS = ["campaign", "bill", "label", "levels", "summary_figure", "source_url", "note"]
COVERAGE_COLS = ["campaign", "bill", "figure", "levels", "value", "as_of", "source_url", "note"]
LISTS_CUR_COLS = ["list", "url", "campaign", "source", "completeness", "note"]
LISTS_COLS = ["list", "url", "campaign", "rows", "bodies", "completeness", "note"]
SUMMARY_COLS = ["figure", "value", "as_of", "source_url"]


def build_coverage(data: str, cur: str, errors: Errors) -> list[dict]:
    s_path = os.path.join(data, "summary-figures.csv")
    figures = {(r["figure"], r["source_url"]): (line, r)
               for line, r in read_csv(s_path, SUMMARY_COLS, errors)}
    path = os.path.join(cur, "coverage.csv")
    out = []
    for line, r in read_csv(path, COVERAGE_CUR_COLS, errors):
        found = figures.get((r["summary_figure"], r["source_url"]))
        if found is None:
            errors.add(path, line, f"no figure {r['summary_figure']!r} from {r['source_url']} "
                                   f"in {s_path}")
            continue
        fig = found[1]
        if not INT_RE.match(fig["value"]):
            errors.add(path, line, f"{s_path}:{found[0]}: value {fig['value']!r} is not a whole number")
        check_date(s_path, found[0], fig["as_of"], errors, "as_of")
        if r["bill"] not in BILL_CODES:
            errors.add(path, line, f"bill {r['bill']!r} not in {', '.join(BILL_CODES)}")
        for level in split_codes(r["levels"]):
            if level not in LEVELS:
                errors.add(path, line, f"level {level!r} not in {', '.join(LEVELS)}")
        if not (r["campaign"].strip() and r["label"].strip()):
            errors.add(path, line, "campaign and label are required")
        out.append({"campaign": r["campaign"], "bill": r["bill"], "figure": r["label"],
                    "levels": ";".join(split_codes(r["levels"])), "value": fig["value"],
                    "as_of": fig["as_of"], "source_url": fig["source_url"], "note": r["note"]})
    return out


def build_lists(cur: str, errors: Errors, seeded_e: list, seeded_a: list,
                harvest: Harvest) -> list[dict]:
    path = os.path.join(cur, "lists.csv")
    rows = read_csv(path, LISTS_CUR_COLS, errors)
    raw_lists: list[tuple[int, list[str]]] = []
    counts: dict[int, tuple[int, set[str]]] = {}
    harvest_keys: dict[str, int] = {}
    catch_all = actions_list = None
    for line, r in rows:
        src = r["source"]
        if not (r["list"].strip() and r["completeness"].strip()):
            errors.add(path, line, "list and completeness are required")
        if r["url"] and not URL_RE.match(r["url"]):
            errors.add(path, line, f"url {r['url']!r} is not an http(s) URL")
        if src.startswith("harvest:"):
            key = src[len("harvest:"):]
            if key + ".csv" not in harvest.files:
                errors.add(path, line, f"no harvest file {key}.csv")
            harvest_keys[key + ".csv"] = line
        elif src == "raw:*":
            catch_all = line
        elif src == "raw-actions":
            actions_list = line
        elif src.startswith("raw:"):
            raw_lists.append((line, split_codes(src[len("raw:"):])))
        else:
            errors.add(path, line, f"source {src!r}: use harvest:<key>, raw:<url prefixes>, "
                                   "raw:* or raw-actions")
    for name in harvest.files:
        if name not in harvest_keys:
            errors.add(path, 0, f"harvest file {name} has no list row")
    if catch_all is None or actions_list is None:
        errors.add(path, 0, "needs a raw:* row (the other pages) and a raw-actions row")
        return []
    for line, _ in rows:
        counts[line] = (0, set())

    def add(line: int, slug: str) -> None:
        n, slugs = counts[line]
        slugs.add(slug)
        counts[line] = (n + 1, slugs)

    for _line, r, slug in seeded_e:
        hits = [ln for ln, prefixes in raw_lists if any(r["source_url"].startswith(p) for p in prefixes)]
        if len(hits) > 1:
            errors.add(path, hits[1], f"{r['source_url']} matches lists on lines {hits}")
        add(hits[0] if hits else catch_all, slug)
    for _line, _r, slug in seeded_a:
        add(actions_list, slug)
    for fname, line, _r, slug in harvest.kept:
        in_a_list = fname in harvest_keys  # a file without its list row is an error above
        if in_a_list and (harvest.rows_out.get((fname, line)) or harvest.rows_dup.get((fname, line))):
            add(harvest_keys[fname], slug)
    return [{"list": r["list"], "url": r["url"], "campaign": r["campaign"],
             "rows": str(counts[line][0]), "bodies": str(len(counts[line][1])),
             "completeness": r["completeness"], "note": r["note"]} for line, r in rows]


def print_report(out_bodies, body_names, excluded_rows) -> None:
    # Output rows repeat a body once per source page; report each body once.
    names = {b["slug"]: b["body_name"] for b in out_bodies}
    print("\nMerges (several raw names -> one body):")
    for slug, name in names.items():
        raw = sorted(body_names.get(slug, ()))
        if len(raw) > 1:
            print(f"  {slug}  ({name})")
            for n in raw:
                print(f"      {n}")
    print("\nRenames (one raw name, canonical name differs):")
    for slug, name in names.items():
        raw = sorted(body_names.get(slug, ()))
        if len(raw) == 1 and raw[0] != name:
            print(f"  {raw[0]}  ->  {slug}  ({name})")
    print("\nExcluded rows:")
    for fname, line, r, reason in sorted(excluded_rows, key=lambda x: (x[0], x[1])):
        print(f"  {fname}:{line}  {r.get('org_name') or r.get('body_name')} ({r['state']})  -- {reason}")


def write_csv(path: str, columns: list[str], rows: list[dict]) -> None:
    """Write atomically with csv-module quoting and '\\n' line endings."""
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".csv", dir=directory)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            for row in rows:
                w.writerow({col: row.get(col, "") for col in columns})
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def fail(errors: Errors) -> int:
    for item in errors.items:
        print(item, file=sys.stderr)
    print(f"{len(errors.items)} problem(s); no seed files written", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
