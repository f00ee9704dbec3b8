"""Synthetic resolutions, actions and sources for one body, and the body's stored status
computed from them with the ladder rules (the same function the registry uses)."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from registry.followthrough.ladder import ACTION_KINDS, ActionFact, ResolutionFact, body_status
from registry.followthrough.status import ADOPTION_ORDER, EVIDENCE_ORDER
from registry.vocab import COMMITMENTS

SITE = "https://synthetic.invalid"
SUMMARY = "Synthetic record made for benchmarks and tests; it describes no real vote."
ENDORSING_SHARE = {"local": 0.72, "district_council": 0.75, "central_labor_council": 0.8,
                   "area_labor_federation": 0.75, "state_federation": 0.85,
                   "national_union": 0.6, "federation": 1.0, "other": 0.65}
RESOLUTION_COUNTS = ([1, 2, 3, 4, 5], [40, 30, 18, 8, 4])
TIER_TARGETS = ([0, 1, 2, 3, 4], [38, 22, 18, 13, 9])
RUNG_KINDS = {rung: [code for code, kind in ACTION_KINDS.items() if kind.rung == rung]
              for rung in range(1, 5)}
COUNTER_KINDS = [code for code, kind in ACTION_KINDS.items() if kind.is_counter]
EVIDENCE = (["reported", "sourced", "primary"], [30, 55, 15])
ADOPTION, ADOPTION_WEIGHTS = ("roster", "report", "record"), (35, 55, 10)
PRECISIONS = (["day", "month", "year"], [75, 17, 8])


@dataclass(frozen=True)
class SyntheticBill:
    code: str
    family: str
    jurisdiction: str
    chamber: str
    congress: int | None
    introduced_on: date


def synthetic_bills() -> list[SyntheticBill]:
    """Invented bill lineages shaped like the real ones (one House bill per Congress, etc.)."""
    bills = [SyntheticBill(f"SYN H-{c}", "synthetic-house", "US", "house", c,
                           date(2003 + 2 * (c - 108), 3, 1)) for c in range(108, 120)]
    bills += [SyntheticBill(f"SYN S-{c}", "synthetic-senate", "US", "senate", c,
                            date(2003 + 2 * (c - 108), 5, 1)) for c in range(115, 120)]
    bills += [SyntheticBill(f"SYN CA-{n}", "synthetic-state-ca", "CA", "state", None, date(year, 2, 1))
              for n, year in enumerate((2017, 2021, 2025), 1)]
    return bills


def bill_rows(bills: list[SyntheticBill], now: datetime) -> list[dict]:
    rows, previous = [], {}
    for bill_id, bill in enumerate(bills, 1):
        rows.append({
            "id": bill_id, "code": bill.code, "slug": "synthetic-" + bill.code.lower().replace(" ", "-"),
            "congress": bill.congress, "jurisdiction": bill.jurisdiction, "chamber": bill.chamber,
            "title": f"Synthetic single-payer bill {bill.code} (synthetic)", "sponsor": None,
            "introduced_on": bill.introduced_on, "family": bill.family,
            "predecessor_id": previous.get(bill.family), "source_url": f"{SITE}/bills/{bill_id}",
            "created_at": now,
        })
        previous[bill.family] = bill_id
    return rows


@dataclass
class Records:
    resolutions: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)


class RecordMaker:
    """Makes each body's record and writes its status columns into the body row."""

    def __init__(self, rng: random.Random, today: date, now: datetime):
        self.rng, self.today, self.now = rng, today, now
        self.bills = synthetic_bills()
        self.next_ids = {"resolutions": 1, "actions": 1, "sources": 1, "checks": 1}

    def _id(self, table: str) -> int:
        value = self.next_ids[table]
        self.next_ids[table] = value + 1
        return value

    def era_date(self) -> date:
        """Endorsements cluster in the HR 676 years and the Medicare for All years."""
        draw = self.rng.random()
        if draw < 0.35:
            start, end = date(2005, 1, 1), date(2010, 12, 31)
        elif draw < 0.8:
            start, end = date(2016, 1, 1), date(2021, 12, 31)
        else:
            start, end = date(2011, 1, 1), self.today
        end = min(end, self.today)
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    def dated(self, day: date) -> tuple[date, str]:
        precision = self.rng.choices(*PRECISIONS)[0]
        if precision == "month":
            return day.replace(day=1), precision
        if precision == "year":
            return day.replace(month=1, day=1), precision
        return day, precision

    def bill_for(self, on: date, state: str | None) -> int | None:
        draw = self.rng.random()
        family = ("synthetic-state-ca" if state == "CA" and draw < 0.3 else
                  None if draw < 0.15 else "synthetic-senate" if draw < 0.3 else "synthetic-house")
        candidates = [i for i, b in enumerate(self.bills, 1) if b.family == family and b.introduced_on <= on]
        return candidates[-1] if candidates else None

    def _sources(self, records: Records, evidence: str, owner: str, owner_id: int) -> None:
        if evidence == "reported":
            return
        source_id = self._id("sources")
        records.sources.append({
            "id": source_id, "body_id": None, "resolution_id": None, "action_id": None,
            owner: owner_id, "url": f"{SITE}/{owner.split('_')[0]}s/{owner_id}",
            "archived_url": None, "document_sha256": None, "document_name": None,
            "title": "Synthetic source (synthetic)", "publisher": "Synthetic data",
            "is_primary": evidence == "primary", "published_on": None, "accessed_on": None,
            "created_at": self.now,
        })

    def make(self, body: dict, records: Records) -> None:
        resolutions = self._resolutions(body, records)
        supporting = [r for r in resolutions if r["stance"] == "support"]
        first = min((r["adopted_on"] for r in supporting), default=None)
        actions = self._actions(body, records, first, supporting)
        checks = self._checks(body, records, first, actions)
        status = body_status(
            [ResolutionFact(r["stance"], r["adopted_on"], r["date_precision"], r["date_kind"])
             for r in resolutions],
            [ActionFact(a["kind"], a["occurred_on"], a["date_precision"], a["participants"],
                        float(a["amount_usd"]) if a["amount_usd"] is not None else None, a["id"],
                        a["scope"]) for a in actions],
            [c["checked_on"] for c in checks])
        levels = [r["evidence_level"] for r in resolutions] + [a["evidence_level"] for a in actions]
        adoption = [r["adoption_evidence"] for r in supporting]
        body.update({
            "endorsing": status.endorsing, "tier": status.tier, "retreat": status.retreat,
            "active_without_resolution": status.active_without_resolution,
            "first_resolution_on": status.first_resolution_on,
            "last_activity_on": status.last_activity_on,
            "first_resolution_precision": status.first_resolution_precision,
            "last_activity_precision": status.last_activity_precision,
            "evidence_level": max(levels, key=EVIDENCE_ORDER.index) if levels else None,
            "adoption_evidence": max(adoption, key=ADOPTION_ORDER.index) if adoption else None,
            "checked": status.checked, "last_checked_on": status.last_checked_on,
        })

    def _checks(self, body: dict, records: Records, first: date | None,
                actions: list[dict]) -> list[dict]:
        """A dated look at some endorsers' follow-through, most often where nothing was found."""
        if first is None or self.rng.random() >= (0.5 if not actions else 0.1):
            return []
        day = min(self.today, first + timedelta(days=self.rng.randint(200, 4000)))
        check = {
            "id": self._id("checks"), "body_id": body["id"], "checked_on": day,
            "checked_by": self.rng.choice(("researcher", "reviewer", "member")),
            "searched": f"{SITE}/minutes/{body['id']}\nSynthetic newsletter archive (synthetic)",
            "result": "actions_found" if actions else "nothing_found",
            "summary": "Synthetic check (synthetic)", "credited_to": None,
            "published_at": self.now, "created_at": self.now, "updated_at": self.now,
        }
        records.checks.append(check)
        return [check]

    def _resolutions(self, body: dict, records: Records) -> list[dict]:
        made = []
        stances = []
        if self.rng.random() < ENDORSING_SHARE[body["level"]]:
            stances = ["support"] * self.rng.choices(*RESOLUTION_COUNTS)[0]
        if self.rng.random() < 0.02:
            stances.append("oppose")
        day = self.era_date()
        for stance in stances:
            on, precision = self.dated(day)
            resolution_id = self._id("resolutions")
            evidence = self.rng.choices(*EVIDENCE)[0]
            bill_id = self.bill_for(on, body["state"])
            made.append({
                "id": resolution_id, "body_id": body["id"], "bill_id": bill_id,
                "bill_as_reported": None, "stance": stance, "adopted_on": on,
                "date_precision": precision,
                "date_kind": "adopted" if self.rng.random() < 0.8 else "reported",
                "title": f"Resolution {'supporting' if stance == 'support' else 'opposing'} "
                         f"single payer (synthetic)",
                "summary": SUMMARY, "text": None,
                "commitments": self.rng.sample(list(COMMITMENTS), self.rng.randint(0, 3)),
                "evidence_level": evidence, "credited_to": None,
                "adoption_evidence": self.rng.choices(ADOPTION, ADOPTION_WEIGHTS)[0],
                "published_at": self.now, "created_at": self.now, "updated_at": self.now,
            })
            self._sources(records, evidence, "resolution_id", resolution_id)
            day = min(self.today, day + timedelta(days=self.rng.randint(60, 1500)))
        records.resolutions.extend(made)
        return made

    def _action_plan(self, first: date | None) -> list[str]:
        if first is None:  # no supporting resolution: a few bodies act anyway
            if self.rng.random() >= 0.15:
                return []
            return [self.rng.choice(RUNG_KINDS[self.rng.randint(1, 3)])
                    for _ in range(self.rng.randint(1, 4))]
        target = self.rng.choices(*TIER_TARGETS)[0]
        if target == 0:
            return ["check_in"] if self.rng.random() < 0.25 else []
        # Below tier 4, lower rungs only (mobilizing actions in three months would make it 4).
        top = target if target in (1, 2, 4) else 2
        kinds = [self.rng.choice(RUNG_KINDS[target])]
        kinds += [self.rng.choice(RUNG_KINDS[self.rng.randint(1, top)])
                  for _ in range(self.rng.randint(2, 3 * target + 3))]
        return kinds

    def _actions(self, body: dict, records: Records, first: date | None,
                 supporting: list[dict]) -> list[dict]:
        kinds = self._action_plan(first)
        if self.rng.random() < 0.02:
            kinds.append(self.rng.choice(COUNTER_KINDS))
        made = []
        base = first or self.era_date()
        for kind in kinds:
            draw = self.rng.random()
            occurred = None
            if draw >= 0.01:
                offset = -self.rng.randint(30, 700) if draw < 0.08 else self.rng.randint(0, 1100)
                occurred = min(self.today, base + timedelta(days=offset))
            on, precision = self.dated(occurred) if occurred else (None, None)
            action_id = self._id("actions")
            rung = ACTION_KINDS[kind].rung or 0
            evidence = self.rng.choices(*EVIDENCE)[0]
            participants = amount = None
            if kind == "funding":
                amount = Decimal(self.rng.choice((500, 1000, 2500, 10000)))
            if rung >= 2 and self.rng.random() < 0.6:
                participants = max(2, round((40 if rung == 2 else 200) * math.exp(self.rng.gauss(0, 1))))
            made.append({
                "id": action_id, "body_id": body["id"],
                "resolution_id": supporting[0]["id"] if supporting and self.rng.random() < 0.6 else None,
                "bill_id": None, "kind": kind, "occurred_on": on, "date_precision": precision,
                "scope": "health_reform" if self.rng.random() < 0.03 else "single_payer",
                "description": f"{ACTION_KINDS[kind].label} (synthetic record)",
                "participants": participants,
                "amount_usd": amount,
                "evidence_level": evidence, "credited_to": None,
                "published_at": self.now, "created_at": self.now, "updated_at": self.now,
            })
            self._sources(records, evidence, "action_id", action_id)
        records.actions.extend(made)
        return made
