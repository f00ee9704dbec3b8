"""A small registry whose gap figures were worked out by hand (see the EXPECTED tables).

Twelve bodies in six states, three levels, six affiliations (and one with none), three bill
families plus resolutions naming no bill, resolutions from 2008 to 2023 plus one undated,
memberships known and unknown; among them a retreat-only body, dormant bodies, an active body
without a resolution, a check-in, a dated check, a body nobody has checked, actions before the
resolution, an undated action, an action for general health reform, and an allied organization
(left out of the gap by default). "Today" is 2026-11-28 (the suite's REGISTRY_TODAY).

| body | state | level | affiliation | members | supporting resolutions | counted actions → tier |
|---|---|---|---|---|---|---|
| A oakland-nurses | CA | local | NNU | 1,000 | HR 676, 2017-03-10 | rally, canvass, funding in 3 months → 4 |
| B sacramento-clc | CA | central_labor_council | AFL-CIO | 20,000 | CalCare, 2021-04 | testimony → 2 |
| C la-teachers | CA | local | AFT | — | no bill, 2019 (reported) | none; checked 2025-06-01 → 0 |
| D ohio-steel | OH | local | USW | 500 | HR 676, 2008-03-01 | education (2007 rally not counted) → 1 |
| E ohio-federation | OH | state_federation | AFL-CIO | 300,000 | HR 676 2009, S 1129 2019 | turnout → 3 |
| F ny-retreat | NY | local | SEIU | 700 | none (rescinded) | — not endorsing, retreat |
| G ny-active | NY | local | CWA | 2,000 | none | rally → active without resolution |
| H ny-checkin-clc | NY | central_labor_council | AFL-CIO | — | no bill, 2020-02-01 | check-in → 0 |
| I vt-oppose | VT | local | — | 50 | none (opposes) | — not endorsing |
| J boston-nurses | MA | local | NNU | 800 | S 1129, 2023-06-01 | canvass 2026-02 (lobby undated) → 3 |
| K texas-undated | TX | local | NNU | — | HR 676, undated | none, never checked → not yet checked |
| L ca-coalition (allied) | CA | other | — | — | HR 676, 2018 | none → left out of the gap |

E also opposed a bill in 2022 (retreat flag, tier unchanged); H also has an undated press event
for general health reform (shown, never counted). Checked: every endorsing body but K.
"""

from __future__ import annotations

from datetime import date

HOUSE, SENATE, CALCARE, GENERAL = ("us-house-medicare-for-all", "us-senate-medicare-for-all",
                                   "calcare", "general")

# (endorsing, checked, paper_only, mobilized, members_known, members, members_mobilized)
EXPECTED_OVERALL = (8, 7, 2, 3, 5, 322_300, 301_800)
EXPECTED = {
    "level": {
        "local": (5, 4, 1, 2, 3, 2_300, 1_800),
        "central_labor_council": (2, 2, 1, 0, 1, 20_000, 0),
        "state_federation": (1, 1, 0, 1, 1, 300_000, 300_000),
    },
    "state": {
        "CA": (3, 3, 1, 1, 2, 21_000, 1_000),
        "OH": (2, 2, 0, 1, 2, 300_500, 300_000),
        "NY": (1, 1, 1, 0, 0, 0, 0),
        "MA": (1, 1, 0, 1, 1, 800, 800),
        "TX": (1, 0, 0, 0, 0, 0, 0),
    },
    "affiliation": {
        "NNU": (3, 2, 0, 2, 2, 1_800, 1_800),
        "AFL-CIO": (3, 3, 1, 1, 2, 320_000, 300_000),
        "AFT": (1, 1, 1, 0, 0, 0, 0),
        "USW": (1, 1, 0, 0, 1, 500, 0),
    },
    "bill_family": {
        HOUSE: (4, 3, 0, 2, 3, 301_500, 301_000),
        SENATE: (2, 2, 0, 2, 2, 300_800, 300_800),
        CALCARE: (1, 1, 0, 0, 1, 20_000, 0),
        GENERAL: (2, 2, 2, 0, 0, 0, 0),
    },
    "year": {
        2008: (1, 1, 0, 0, 1, 500, 0),
        2009: (1, 1, 0, 1, 1, 300_000, 300_000),
        2017: (1, 1, 0, 1, 1, 1_000, 1_000),
        2019: (1, 1, 1, 0, 0, 0, 0),
        2020: (1, 1, 1, 0, 0, 0, 0),
        2021: (1, 1, 0, 0, 1, 20_000, 0),
        2023: (1, 1, 0, 1, 1, 800, 800),
        None: (1, 0, 0, 0, 0, 0, 0),
    },
}

# year: (supporting resolutions adopted, single-payer follow-through actions taken); None = undated.
# The allied organization's 2018 resolution is left out, as it is from the gap.
EXPECTED_YEARS = {
    2007: (0, 1), 2008: (1, 1), 2009: (1, 0), 2017: (1, 3), 2019: (2, 0), 2020: (1, 1),
    2021: (1, 1), 2022: (0, 1), 2023: (1, 0), 2026: (0, 1), None: (1, 1),
}


def build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check) -> dict:
    hr676 = make_bill(code="HR 676", slug="hr-676", family=HOUSE)
    s1129 = make_bill(code="S 1129", slug="s-1129", chamber="senate", family=SENATE)
    calcare = make_bill(code="AB 1400", slug="ab-1400", jurisdiction="CA", chamber="state",
                        family=CALCARE, title="Guaranteed Health Care for All (CalCare)")

    def body(key, slug, state, level, affiliation, members):
        return key, make_body(slug=slug, name=slug.replace("-", " ").title(), state=state,
                              level=level, affiliation=affiliation, members=members)

    bodies = dict((
        body("A", "oakland-nurses", "CA", "local", "NNU", 1000),
        body("B", "sacramento-clc", "CA", "central_labor_council", "AFL-CIO", 20000),
        body("C", "la-teachers", "CA", "local", "AFT", None),
        body("D", "ohio-steel", "OH", "local", "USW", 500),
        body("E", "ohio-federation", "OH", "state_federation", "AFL-CIO", 300000),
        body("F", "ny-retreat", "NY", "local", "SEIU", 700),
        body("G", "ny-active", "NY", "local", "CWA", 2000),
        body("H", "ny-checkin-clc", "NY", "central_labor_council", "AFL-CIO", None),
        body("I", "vt-oppose", "VT", "local", None, 50),
        body("J", "boston-nurses", "MA", "local", "NNU", 800),
        body("K", "texas-undated", "TX", "local", "NNU", None),
        body("L", "ca-coalition", "CA", "other", None, None),
    ))
    a, b, c, d, e, f, g, h, i, j, k, l_ = (bodies[key] for key in "ABCDEFGHIJKL")

    make_resolution(a, bill_id=hr676.id, adopted_on=date(2017, 3, 10))
    make_action(a, "rally_or_march", occurred_on=date(2017, 5, 1), participants=400)
    make_action(a, "canvass_or_phonebank", occurred_on=date(2017, 6, 10))
    make_action(a, "funding", occurred_on=date(2017, 9, 1), date_precision="month")

    make_resolution(b, bill_id=calcare.id, adopted_on=date(2021, 4, 1), date_precision="month")
    make_action(b, "testimony", occurred_on=date(2021, 5, 2))

    make_resolution(c, bill_id=None, adopted_on=date(2019, 1, 1), date_precision="year",
                    date_kind="reported")
    make_check(c, checked_on=date(2025, 6, 1))

    make_resolution(d, bill_id=hr676.id, adopted_on=date(2008, 3, 1))
    make_action(d, "rally_or_march", occurred_on=date(2007, 11, 1))
    make_action(d, "member_education", occurred_on=date(2008, 6, 1))

    make_resolution(e, bill_id=hr676.id, adopted_on=date(2009, 9, 15))
    make_resolution(e, bill_id=s1129.id, adopted_on=date(2019, 5, 1))
    make_action(e, "member_turnout", occurred_on=date(2020, 1, 20))
    make_action(e, "opposed_bill", occurred_on=date(2022, 3, 1))

    make_action(f, "rescinded_resolution", occurred_on=date(2018, 1, 1))

    make_action(g, "rally_or_march", occurred_on=date(2022, 2, 2))

    make_resolution(h, bill_id=None, adopted_on=date(2020, 2, 1))
    make_action(h, "check_in", occurred_on=date(2023, 3, 1))
    make_action(h, "press_event", occurred_on=None, date_precision=None, scope="health_reform")

    make_resolution(i, stance="oppose", adopted_on=date(2018, 1, 1))

    make_resolution(j, bill_id=s1129.id, adopted_on=date(2023, 6, 1))
    make_action(j, "lobby_visit", occurred_on=None, date_precision=None)
    make_action(j, "canvass_or_phonebank", occurred_on=date(2026, 2, 1), date_precision="month")

    make_resolution(k, bill_id=hr676.id, adopted_on=None, date_precision=None, date_kind=None)

    l_.organization_type = "allied"
    make_resolution(l_, bill_id=hr676.id, adopted_on=date(2018, 4, 1))
    return bodies


def figures_tuple(figures) -> tuple:
    return (figures.endorsing, figures.checked, figures.paper_only, figures.mobilized,
            figures.members_known, figures.members, figures.members_mobilized)
