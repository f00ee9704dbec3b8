"""Apply endorsement claims through the record services: match each body (OLMS file number, else
the same normalised name in the same state, else the same slug), then its resolution and action,
and attach the claim's source. Importing the same claims twice changes nothing.

Bodies already on record keep their values: a claim fills what is empty, and a value that differs
from the record is reported as kept, never silently overwritten."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.database import db
from registry.districts.placement import assign_districts
from registry.followthrough.status import refresh_statuses
from registry.geo import place_for_body
from registry.imports.common import ImportProblems, ImportReport
from registry.imports.endorsements import Claim
from registry.models import Action, Bill, Body, Check, Resolution
from registry.records import services
from registry.records.services import Provenance, SourceRef

Progress = Callable[[int], None]
ADOPTION_ORDER = ("roster", "report", "record")
GENERAL = "Medicare for All (no bill named)"


def name_key(name: str) -> str:
    """A body's name for matching: accents, case, punctuation and "&"/"and" do not matter."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text.replace("&", " and "))
    return re.sub(r"^the ", "", " ".join(text.split()))


def bill_key(text: str) -> str:
    """'H.R. 676', 'hr676' and 'HR 676' name the same bill."""
    compact = re.sub(r"[\s.]+", "", text).upper()
    match = re.fullmatch(r"([A-Z]+)(\d+)", compact)
    return f"{match.group(1)} {match.group(2)}" if match else text.strip().upper()


class BodyIndex:
    """The registry's bodies by file number, by name in a state and by slug; grows as claims add."""

    def __init__(self) -> None:
        self.by_olms: dict[int, int] = {}
        self.by_name: dict[tuple[str, str | None], int] = {}
        self.by_slug: dict[str, int] = {}
        rows = db.session.execute(select(Body.id, Body.slug, Body.name, Body.state,
                                         Body.olms_file_number))
        for body_id, slug, name, state, olms in rows:
            self.add(body_id, slug, name, state, olms)

    def add(self, body_id: int, slug: str, name: str, state: str | None, olms: int | None) -> None:
        if olms is not None:
            self.by_olms.setdefault(olms, body_id)
        self.by_name.setdefault((name_key(name), state), body_id)
        self.by_slug[slug] = body_id

    def match(self, values: dict[str, Any]) -> int | None:
        if values.get("olms_file_number") is not None and values["olms_file_number"] in self.by_olms:
            return self.by_olms[values["olms_file_number"]]
        found = self.by_name.get((name_key(values["name"]), values.get("state")))
        if found is not None:
            return found
        slug = values.get("slug") or services.slugify(values["name"])
        return self.by_slug.get(slug)


class ClaimApplier:
    def __init__(self, reason: str, report: ImportReport) -> None:
        self.reason = reason
        self.report = report
        self.index = BodyIndex()
        self.bodies: dict[int, Body] = {}
        self.bills = {bill_key(bill.code): bill for bill in db.session.scalars(select(Bill))}
        self.taken = set(self.index.by_slug)  # slugs in use, so a new body's is found in memory
        self.touched: set[int] = set()
        self.problems = ImportProblems()
        self.created: set[tuple[str, int]] = set()  # records this import made: later rows merge in

    def count_update(self, kind: str, record: Any) -> None:
        new = (kind, record.id) in self.created
        self.report.counts[f"rows merged into new {kind}" if new else f"{kind} updated"] += 1

    def provenance(self, line: int) -> Provenance:
        return Provenance(reason=f"{self.reason} line {line}")

    def load(self, claims: list[Claim]) -> None:
        """Load, with their records, the bodies the claims name (a few queries per 500)."""
        ids = sorted({i for i in (self.index.match(c.body) for c in claims) if i is not None})
        for start in range(0, len(ids), 500):
            for body in db.session.scalars(select(Body).where(Body.id.in_(ids[start:start + 500]))
                                           .options(selectinload(Body.resolutions)
                                                    .selectinload(Resolution.sources),
                                                    selectinload(Body.actions).selectinload(Action.sources),
                                                    selectinload(Body.sources),
                                                    selectinload(Body.checks))):
                self.bodies[body.id] = body

    def apply(self, claim: Claim) -> None:
        provenance = self.provenance(claim.line)
        body, created = self._body(claim, provenance)
        self.touched.add(body.id)
        changed = created
        if claim.resolution:
            changed |= self._resolution(body, claim, provenance)
        if claim.action:
            changed |= self._action(body, claim, provenance)
        if claim.check:
            changed |= self._check(body, claim, provenance)
        if created or not (claim.resolution or claim.action or claim.check):
            changed |= self._source(body, SourceRef(url=claim.source_url), provenance)
        if not changed:
            self.report.counts["rows unchanged"] += 1

    def _body(self, claim: Claim, provenance: Provenance) -> tuple[Body, bool]:
        values = {k: v for k, v in claim.body.items() if v is not None}
        body_id = self.index.match(claim.body)
        if body_id is None:
            values["slug"] = values.get("slug") or services.unique_slug(
                values["name"], values.get("state"), self.taken)
            place = place_for_body(values.get("city"), values.get("state"), values.get("zip"))
            if place:
                values.update(latitude=place.latitude, longitude=place.longitude,
                              geocode_precision=place.precision)
            if values.get("members") is not None:
                values["members_source_url"] = claim.source_url
            # New records start with empty collections, so reading them costs no query.
            body = services.create(Body(**values, resolutions=[], actions=[], sources=[], checks=[]),
                                   provenance)
            self.index.add(body.id, body.slug, body.name, body.state, body.olms_file_number)
            self.bodies[body.id] = body
            self.created.add(("bodies", body.id))
            self.report.counts["bodies created"] += 1
            return body, True
        body = self.bodies[body_id]
        fill, kept = {}, []
        for key, value in values.items():
            current = getattr(body, key)
            if current in (None, ""):
                fill[key] = value
            elif current != value and key not in ("name", "slug", "organization_type"):
                kept.append(f"{key} {current!r} kept (the file says {value!r})")
        if "members" in fill:
            fill["members_source_url"] = claim.source_url
        if kept:
            self.report.notes.append(f"line {claim.line}: {body.name}: " + "; ".join(kept))
        if services.revise(body, fill, provenance):
            self.count_update("bodies", body)
        return body, False

    def _bill(self, code: str | None, line: int, column: str) -> Bill | None:
        if not code:
            return None
        bill = self.bills.get(bill_key(code))
        if bill is None and column == "action_bill":
            self.problems.add(line, column, f"no bill {code!r} in the registry")
        return bill

    def _resolution(self, body: Body, claim: Claim, provenance: Provenance) -> bool:
        data = claim.resolution or {}
        bill = self._bill(data["bill"], claim.line, "bill")
        as_reported = None if bill else (data["bill"] or GENERAL)
        dating = {"adopted_on": data["adopted_on"], "date_precision": data["date_precision"],
                  "date_kind": data["date_kind"]}
        evidence = data["adoption_evidence"] or "report"
        resolution = services.find_resolution(body, bill, as_reported, data["stance"])
        changed = False
        if resolution is None:
            verb = "Endorsement of" if data["stance"] == "support" else "Opposition to"
            resolution = services.create(Resolution(
                body=body, bill=bill, bill_as_reported=as_reported, stance=data["stance"],
                title=f"{verb} {bill.code if bill else as_reported}", commitments=data["commitments"],
                adoption_evidence=evidence, sources=[], **dating), provenance)
            self.created.add(("resolutions", resolution.id))
            self.report.counts["resolutions created"] += 1
            changed = True
        else:
            changes: dict[str, Any] = {}
            current = (resolution.adopted_on, resolution.date_precision, resolution.date_kind)
            if services.better_date(current, (data["adopted_on"], data["date_precision"],
                                              data["date_kind"])):
                changes.update(dating)
            merged = sorted(set(resolution.commitments or []) | set(data["commitments"]))
            if merged != sorted(resolution.commitments or []):
                changes["commitments"] = merged
            if ADOPTION_ORDER.index(evidence) > ADOPTION_ORDER.index(resolution.adoption_evidence):
                changes["adoption_evidence"] = evidence
            if services.revise(resolution, changes, provenance):
                self.count_update("resolutions", resolution)
                changed = True
        day_reported = data["date_kind"] == "reported" and data["date_precision"] == "day"
        ref = SourceRef(url=claim.source_url, published_on=data["adopted_on"] if day_reported else None,
                        is_primary=evidence == "record")
        return self._source(resolution, ref, provenance) or changed

    def _action(self, body: Body, claim: Claim, provenance: Provenance) -> bool:
        data = claim.action or {}
        bill = self._bill(data["bill"], claim.line, "action_bill")
        action = services.find_action(body, data["kind"], data["occurred_on"], data["date_precision"],
                                      data["description"])
        changed = False
        if action is None:
            action = services.create(Action(
                body=body, bill=bill, kind=data["kind"], occurred_on=data["occurred_on"],
                date_precision=data["date_precision"], description=data["description"],
                participants=data["participants"], amount_usd=data["amount_usd"],
                scope=data["scope"], sources=[]), provenance)
            self.created.add(("actions", action.id))
            self.report.counts["actions created"] += 1
            changed = True
        else:
            empty = {k: v for k, v in (("participants", data["participants"]),
                                       ("amount_usd", data["amount_usd"]),
                                       ("bill_id", bill.id if bill else None))
                     if v is not None and getattr(action, k) is None}
            if services.revise(action, empty, provenance):
                self.count_update("actions", action)
                changed = True
        return self._source(action, SourceRef(url=claim.source_url), provenance) or changed

    def _check(self, body: Body, claim: Claim, provenance: Provenance) -> bool:
        data = claim.check or {}
        for check in body.checks:
            if (check.checked_on, check.checked_by) == (data["checked_on"], data["checked_by"]):
                return False  # the same check, already on record
        services.create(Check(body=body, **data), provenance)
        self.report.counts["checks created"] += 1
        return True

    def _source(self, record: Any, ref: SourceRef, provenance: Provenance) -> bool:
        attached = services.attach_source(record, ref, provenance)
        self.report.counts["sources attached"] += attached
        return attached

    def resolve_parents(self, claims: list[Claim]) -> None:
        by_name: dict[str, list[int]] = {}
        for (key, _state), body_id in self.index.by_name.items():
            by_name.setdefault(key, []).append(body_id)
        for claim in claims:
            if not claim.parent:
                continue
            body = self.bodies[self.index.match(claim.body)]
            parent_id = self.index.by_slug.get(claim.parent)
            if parent_id is None:
                candidates = by_name.get(name_key(claim.parent), [])
                parent_id = candidates[0] if len(candidates) == 1 else None
            if parent_id is None:
                self.problems.add(claim.line, "parent",
                                  f"no single body has the slug or name {claim.parent!r}")
            elif parent_id == body.id:
                self.problems.add(claim.line, "parent", "a body cannot be its own parent")
            elif body.parent_id is None:
                services.revise(body, {"parent_id": parent_id}, self.provenance(claim.line))
            elif body.parent_id != parent_id:
                self.report.notes.append(f"line {claim.line}: {body.name}: parent kept")


def apply_claims(claims: list[Claim], reason: str, progress: Progress | None = None,
                 report: ImportReport | None = None) -> ImportReport:
    """Apply validated claims in the caller's transaction (no commit); refresh touched statuses."""
    report = report or ImportReport()
    applier = ClaimApplier(reason, report)
    applier.load(claims)
    for claim in claims:
        applier.apply(claim)
        if progress:
            progress(1)
    applier.resolve_parents(claims)
    applier.problems.raise_if_any()
    db.session.flush()
    refresh_statuses(applier.touched)
    assign_districts(applier.touched)  # a new body, or a place filled in, has its district(s)
    return report
