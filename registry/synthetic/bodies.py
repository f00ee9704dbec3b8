"""Synthetic union bodies: levels and affiliations in plausible proportions, a real-looking
hierarchy (locals → district councils or national unions, councils and federations →
AFL-CIO), some memberships known. Every name ends " (synthetic)"."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime

from registry.geo import state_name
from registry.records.services import slugify
from registry.synthetic.places import Address, Placer

MARK = " (synthetic)"
SITE = "https://synthetic.invalid"


@dataclass(frozen=True)
class NationalUnion:
    abbreviation: str
    name: str
    weight: float  # rough share of locals: a plausible shape, not a measurement
    in_afl_cio: bool
    unit: str = "Local"


NATIONAL_UNIONS = (
    NationalUnion("AFSCME", "American Federation of State, County and Municipal Employees", 12, True),
    NationalUnion("NEA", "National Education Association", 10, False),
    NationalUnion("AFT", "American Federation of Teachers", 9, True),
    NationalUnion("SEIU", "Service Employees International Union", 8, False),
    NationalUnion("IBT", "International Brotherhood of Teamsters", 7, False),
    NationalUnion("IBEW", "International Brotherhood of Electrical Workers", 7, True),
    NationalUnion("USW", "United Steelworkers", 6, True),
    NationalUnion("UFCW", "United Food and Commercial Workers", 5, True),
    NationalUnion("CWA", "Communications Workers of America", 5, True),
    NationalUnion("UAW", "United Auto Workers", 5, True),
    NationalUnion("AFGE", "American Federation of Government Employees", 5, True),
    NationalUnion("IAM", "International Association of Machinists and Aerospace Workers", 5, True),
    NationalUnion("APWU", "American Postal Workers Union", 4, True),
    NationalUnion("NALC", "National Association of Letter Carriers", 4, True, "Branch"),
    NationalUnion("LIUNA", "Laborers' International Union of North America", 3, True),
    NationalUnion("UA", "United Association of Plumbers and Pipefitters", 3, True),
    NationalUnion("ATU", "Amalgamated Transit Union", 2, True),
    NationalUnion("UNITE HERE", "UNITE HERE", 2, True),
    NationalUnion("IUOE", "International Union of Operating Engineers", 2, True),
    NationalUnion("IATSE", "International Alliance of Theatrical Stage Employees", 2, True),
    NationalUnion("SMART", "Sheet Metal, Air, Rail and Transportation Workers", 2, True),
    NationalUnion("AFM", "American Federation of Musicians", 1.5, True),
    NationalUnion("NNU", "National Nurses United", 1, True),
    NationalUnion("OPEIU", "Office and Professional Employees International Union", 1, True),
    NationalUnion("TWU", "Transport Workers Union of America", 1, True),
    NationalUnion("BCTGM", "Bakery, Confectionery, Tobacco Workers and Grain Millers", 1, True),
    NationalUnion("IFPTE", "International Federation of Professional and Technical Engineers",
                  0.5, True),
    NationalUnion("ILWU", "International Longshore and Warehouse Union", 0.5, False),
    NationalUnion("UE", "United Electrical, Radio and Machine Workers", 0.5, False),
    NationalUnion("NUHW", "National Union of Healthcare Workers", 0.2, False),
)

# Shares of the bodies left after the AFL-CIO, the national unions and the state federations.
LEVEL_SHARES = {"district_council": 0.03, "central_labor_council": 0.025,
                "area_labor_federation": 0.003, "other": 0.03}
# Typical membership by level (the median of a log-normal draw) and how often it is known.
MEMBERS_MEDIAN = {"local": 350, "district_council": 12_000, "central_labor_council": 40_000,
                  "area_labor_federation": 90_000, "state_federation": 250_000,
                  "national_union": 600_000, "federation": 12_500_000, "other": 800}
MEMBERS_KNOWN = {"local": 0.35, "federation": 1.0, "national_union": 0.9}
MINIMUM_BODIES = 50


def level_counts(total: int) -> dict[str, int]:
    """How many bodies of each level a run of `total` bodies makes."""
    counts = {"federation": 1,
              "national_union": min(len(NATIONAL_UNIONS), max(3, total // 2000)),
              "state_federation": min(51, max(1, total // 60))}
    rest = total - sum(counts.values())
    for level, share in LEVEL_SHARES.items():
        counts[level] = max(1, round(rest * share))
    counts["local"] = total - sum(counts.values())
    return counts


class BodyMaker:
    """Builds body rows (plain dicts of `bodies` columns) with ids assigned in insert order."""

    def __init__(self, rng: random.Random, placer: Placer, now: datetime):
        self.rng, self.placer, self.now = rng, placer, now
        self.next_id = 1
        self.unit_numbers: dict[str, int] = {}
        self.nationals: dict[str, int] = {}
        self.district_councils: dict[tuple[str, str], list[int]] = {}
        self.afl_cio_id: int | None = None
        self.unions: tuple[NationalUnion, ...] = ()

    # One row ---------------------------------------------------------------------------------
    def row(self, name: str, level: str, address: Address, affiliation: str | None,
            parent_id: int | None, designation: str | None = None) -> dict:
        body_id = self.next_id
        self.next_id += 1
        slug = f"synthetic-{slugify(name)[:90]}-{body_id}"
        known = self.rng.random() < MEMBERS_KNOWN.get(level, 0.6)
        members = round(MEMBERS_MEDIAN[level] * math.exp(self.rng.gauss(0, 0.8))) if known else None
        return {
            "id": body_id, "slug": slug, "name": name + MARK, "level": level,
            "affiliation": affiliation, "parent_id": parent_id, "olms_file_number": None,
            "designation": designation, **address.columns(),
            "members": members, "members_year": 2024 if members else None,
            "members_source_url": f"{SITE}/members/{body_id}" if members else None,
            # A few allied organizations among the "other" bodies, as in real rosters.
            "organization_type": "allied" if level == "other" and self.rng.random() < 0.1 else "union",
            "website": f"{SITE}/bodies/{body_id}" if self.rng.random() < 0.5 else None,
            "public_contact": self._contact(body_id),
            "published_at": self.now, "created_at": self.now, "updated_at": self.now,
        }

    def _contact(self, body_id: int) -> str | None:
        draw = self.rng.random()
        if draw < 0.3:
            return f"info@body-{body_id}.synthetic.invalid"
        if draw < 0.45:  # 555-01xx numbers are reserved for fiction
            return f"Recording secretary, (555) 555-01{self.rng.randint(0, 99):02d}"
        return None

    def _unit(self, union: NationalUnion) -> str:
        number = self.unit_numbers.get(union.abbreviation, 0) + self.rng.randint(1, 6)
        self.unit_numbers[union.abbreviation] = number
        return f"{union.unit} {number}"

    # The hubs: federation, national unions, federations and councils ----------------------------
    def hubs(self, counts: dict[str, int]) -> list[dict]:
        dc_address = self.placer.city_address("Washington", "DC")
        afl_cio = self.row("AFL-CIO", "federation", dc_address, "AFL-CIO", None)
        self.afl_cio_id = afl_cio["id"]
        rows = [afl_cio]
        self.unions = tuple(sorted(NATIONAL_UNIONS, key=lambda u: -u.weight)[:counts["national_union"]])
        for union in self.unions:
            parent = self.afl_cio_id if union.in_afl_cio else None
            row = self.row(union.name, "national_union", dc_address, union.abbreviation, parent)
            self.nationals[union.abbreviation] = row["id"]
            rows.append(row)
        for state in self.placer.states_by_population(counts["state_federation"]):
            address = self.placer.address(state, self.rng.choice(("city", "city", "zip")))
            rows.append(self.row(f"{state_name(state)} AFL-CIO", "state_federation", address,
                                 "AFL-CIO", self.afl_cio_id))
        for _ in range(counts["area_labor_federation"]):
            address = self.placer.address(precision=self.rng.choice(("city", "zip")))
            rows.append(self.row(f"{address.city} Area Labor Federation", "area_labor_federation",
                                 address, "AFL-CIO", self.afl_cio_id))
        for _ in range(counts["central_labor_council"]):
            address = self.placer.address()
            place = address.city or state_name(address.state)
            rows.append(self.row(f"{place} Central Labor Council", "central_labor_council",
                                 address, "AFL-CIO", self.afl_cio_id))
        for _ in range(counts["district_council"]):
            union = self.union()
            address = self.placer.address()
            number = self.rng.randint(1, 99)
            row = self.row(f"{union.abbreviation} District Council {number}", "district_council",
                           address, union.abbreviation, self.nationals[union.abbreviation],
                           f"District Council {number}")
            self.district_councils.setdefault((union.abbreviation, address.state), []).append(row["id"])
            rows.append(row)
        return rows

    def union(self) -> NationalUnion:
        return self.rng.choices(self.unions, [u.weight for u in self.unions])[0]

    # The many: locals and other bodies ------------------------------------------------------
    def local(self) -> dict:
        union = self.union()
        address = self.placer.address()
        councils = self.district_councils.get((union.abbreviation, address.state))
        parent = self.nationals[union.abbreviation]
        if councils and self.rng.random() < 0.3:
            parent = self.rng.choice(councils)
        unit = self._unit(union)
        return self.row(f"{union.abbreviation} {unit}", "local", address, union.abbreviation,
                        parent, unit)

    def other(self) -> dict:
        address = self.placer.address()
        if self.rng.random() < 0.6:
            union = self.union()
            return self.row(f"{union.abbreviation} Retirees Chapter {self.rng.randint(1, 400)}",
                            "other", address, union.abbreviation, self.nationals[union.abbreviation])
        place = address.city or state_name(address.state)
        return self.row(f"{place} Labor Committee for Single Payer", "other", address, None, None)
