"""The follow-through ladder: action kinds, their rungs, and the rules that turn a body's
published record into a tier, flags and a plain-language reason.

Pure functions over plain values: no database, no request. The methodology page renders
its tables from the constants below, so changing a rule here changes the page.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from registry.text import N_

TIERS: dict[int, str] = {
    0: N_("Paper only"),
    1: N_("Internal"),
    2: N_("Public"),
    3: N_("Mobilizing"),
    4: N_("Escalating"),
}

TIER_MEANINGS: dict[int, str] = {
    0: N_("On record, with no follow-through action found (or a dated check that found none)."),
    1: N_("Acted inside the labor movement: forwarded the resolution, educated members, "
     "formed a committee, published a statement."),
    2: N_("Acted in public: testimony, lobby visits, town halls, petitions, press events, "
     "joining a coalition."),
    3: N_("Put members or money in motion: rallies and marches, canvassing and phone banks, "
     "funding or paid staff, turning members out."),
    4: N_("Escalated: a job action or strike, or a sustained campaign of mobilizing actions "
     "in three or more distinct months."),
}


@dataclass(frozen=True)
class ActionKind:
    code: str
    label: str
    rung: int | None  # None for counter-actions, which never move the tier
    meaning: str

    @property
    def is_counter(self) -> bool:
        return self.rung is None


ACTION_KINDS: dict[str, ActionKind] = {
    kind.code: kind
    for kind in (
        ActionKind("check_in", N_("Check-in"), 0,
                   N_("A dated record that someone looked and found no action.")),
        ActionKind("forwarded_to_officials", N_("Forwarded to officials"), 1,
                   N_("Sent the resolution to elected officials, a convention or a labor council.")),
        ActionKind("member_education", N_("Member education"), 1,
                   N_("Speakers, forums, films or trainings for members.")),
        ActionKind("committee_formed", N_("Committee formed"), 1,
                   N_("Set up a committee or named officers to carry the work.")),
        ActionKind("newsletter_or_statement", N_("Newsletter or statement"), 1,
                   N_("Published the position to members or on its own channels.")),
        ActionKind("testimony", N_("Testimony"), 2, N_("Testified before a legislature or hearing.")),
        ActionKind("lobby_visit", N_("Lobby visit"), 2, N_("Met legislators or their staff.")),
        ActionKind("town_hall", N_("Town hall"), 2, N_("Held or co-hosted a public hearing or forum.")),
        ActionKind("petition_drive", N_("Petition drive"), 2, N_("Collected and delivered signatures.")),
        ActionKind("press_event", N_("Press event"), 2,
                   N_("Spoke at a press conference or bill introduction, or ran ads.")),
        ActionKind("coalition_joined", N_("Coalition joined"), 2,
                   N_("Joined a single-payer coalition as an organizational member.")),
        ActionKind("rally_or_march", N_("Rally or march"), 3, N_("Organized or joined a rally or march.")),
        ActionKind("canvass_or_phonebank", N_("Canvass or phone bank"), 3,
                   N_("Knocked doors or called voters or members.")),
        ActionKind("funding", N_("Funding"), 3,
                   N_("Gave money or paid staff time to the campaign.")),
        ActionKind("member_turnout", N_("Member turnout"), 3,
                   N_("Turned members out to an event as a contingent.")),
        ActionKind("job_action_or_strike", N_("Job action or strike"), 4,
                   N_("A strike or job action with single payer among its demands.")),
        ActionKind("sustained_campaign", N_("Sustained campaign"), 4,
                   N_("A campaign running over many months; also reached automatically by "
                   "mobilizing actions in three or more distinct months.")),
        ActionKind("opposed_bill", N_("Opposed a bill"), None,
                   N_("Opposed a single-payer bill or ballot measure.")),
        ActionKind("rescinded_resolution", N_("Rescinded resolution"), None,
                   N_("Withdrew an earlier resolution of support.")),
        ActionKind("endorsed_opponent", N_("Endorsed an opponent"), None,
                   N_("Endorsed a candidate campaigning against single payer.")),
    )
}

COUNTER_KINDS = tuple(code for code, kind in ACTION_KINDS.items() if kind.is_counter)
SUSTAINED_MONTHS = 3  # distinct months of tier-3 actions that make a sustained campaign
DORMANT_AFTER_MONTHS = 12
MOBILIZED_TIER = 3  # an endorsing body at this tier or above counts as mobilized in the gap
# What an action must be for to move the ladder (or to set the retreat flag): single payer.
# Actions for general health reform are shown but never counted.
LADDER_SCOPES = ("federal_bill", "state_bill", "single_payer")

# What a body's record says, in one word, wherever a tier would show. A body with no resolution
# and no counted action has none of the tiers; an endorsing body nobody has looked at since is
# "not yet checked", never "paper only" (which means a dated check found nothing).
STANDINGS: dict[str, str] = {
    "no_resolution": N_("No resolution on record"),
    "not_checked": N_("Not yet checked"),
    **{f"tier_{tier}": name for tier, name in TIERS.items()},
}


def standing(endorsing: bool, active_without_resolution: bool, checked: bool, tier: int) -> str:
    """The key of STANDINGS that describes a body's stored status."""
    if not endorsing and not active_without_resolution:
        return "no_resolution"
    if endorsing and not checked:
        return "not_checked"
    return f"tier_{tier}"


def tier_shown(endorsing: bool, active_without_resolution: bool, checked: bool, tier: int) -> int | None:
    """The tier as public output gives it: none for a body with no resolution and no counted
    action (its stored 0 would read as "paper only", which needs a resolution to be on paper)."""
    return None if standing(endorsing, active_without_resolution, checked, tier) == "no_resolution" else tier



def period_end(day: date, precision: str | None) -> date:
    """The last day a date of this precision may stand for (2019 → 2019-12-31)."""
    if precision == "year":
        return date(day.year, 12, 31)
    if precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def months_before(today: date, months: int) -> date:
    """The same day `months` calendar months earlier, clamped to the month's end."""
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def dormancy_cutoff(today: date) -> date:
    """Activity before this day is older than the dormancy window."""
    return months_before(today, DORMANT_AFTER_MONTHS)


def is_dormant(last_activity_on: date | None, today: date) -> bool:
    """No counted action or resolution in the last 12 months (unknown, so False, when undated)."""
    return last_activity_on is not None and last_activity_on < dormancy_cutoff(today)


@dataclass(frozen=True)
class ResolutionFact:
    stance: str
    on: date | None  # adopted date, or the reported date when the vote date is unknown
    precision: str | None = "day"
    kind: str | None = "adopted"  # "reported": adopted on or before `on`, exactly when unknown


@dataclass(frozen=True)
class ActionFact:
    kind: str
    on: date | None
    precision: str | None = "day"
    participants: int | None = None
    amount_usd: float | None = None
    ident: int | None = None
    scope: str = "single_payer"

    @property
    def in_scope(self) -> bool:
        return self.scope in LADDER_SCOPES


@dataclass
class BodyStatus:
    tier: int
    endorsing: bool
    retreat: bool
    first_resolution_on: date | None
    last_activity_on: date | None
    deciding: ActionFact | None = None
    sustained_months: list[str] = field(default_factory=list)
    counted: list[ActionFact] = field(default_factory=list)
    before_resolution: list[ActionFact] = field(default_factory=list)
    undated: list[ActionFact] = field(default_factory=list)  # counted, but with no date
    counter: list[ActionFact] = field(default_factory=list)  # counter-actions, dated or not
    out_of_scope: list[ActionFact] = field(default_factory=list)  # not about single payer
    active_without_resolution: bool = False
    counts_from: date | None = None  # the first vote date, when every resolution has one
    checked: bool = False
    last_checked_on: date | None = None
    first_resolution_precision: str | None = None
    last_activity_precision: str | None = None

    @property
    def standing(self) -> str:
        return standing(self.endorsing, self.active_without_resolution, self.checked, self.tier)

    @property
    def tier_name(self) -> str:
        return TIERS[self.tier]

    def is_dormant(self, today: date) -> bool:
        return is_dormant(self.last_activity_on, today)

    def reason(self) -> str:
        """The reason in English, as the API and the exports give it."""
        from registry.followthrough.reasons import describe  # reasons build on this module

        return describe(self)

    def reason_shown(self) -> str:
        """The reason in the language of the page it is shown on."""
        from registry.followthrough.reasons import in_reader_language

        return in_reader_language(self)


def counts_from(supporting: list[ResolutionFact]) -> date | None:
    """The day from which actions count: the first vote date, but only when every supporting
    resolution has a vote date. A reported date says only that it was adopted by then (perhaps
    long before), and an undated resolution says nothing, so neither can put an action before it."""
    if not supporting or any(r.on is None or r.kind != "adopted" for r in supporting):
        return None
    return min(r.on for r in supporting if r.on is not None)


def body_status(resolutions: Iterable[ResolutionFact], actions: Iterable[ActionFact],
                checks: Iterable[date] = ()) -> BodyStatus:
    """Apply the ladder to one body's published resolutions, actions and check dates."""
    supporting = [r for r in resolutions if r.stance == "support"]
    dated = [r.on for r in supporting if r.on is not None]
    first_on = min(dated) if dated else None
    threshold = counts_from(supporting)
    actions, checks = list(actions), list(checks)
    check_dates = [day for day in checks if day is not None] + [
        a.on for a in actions if a.kind == "check_in" and a.on is not None]
    status = BodyStatus(tier=0, endorsing=bool(supporting), retreat=False,
                        first_resolution_on=first_on, last_activity_on=None,
                        counts_from=threshold, checked=bool(actions or checks),
                        last_checked_on=max(check_dates) if check_dates else None)
    for action in actions:
        kind = ACTION_KINDS[action.kind]
        if not action.in_scope:
            status.out_of_scope.append(action)
        elif kind.is_counter:
            status.retreat = True
            status.counter.append(action)
        elif action.on is None:
            status.undated.append(action)
            status.counted.append(action)
        elif threshold is not None and period_end(action.on, action.precision) < threshold:
            status.before_resolution.append(action)
        else:
            status.counted.append(action)
    status.active_without_resolution = not supporting and any(
        ACTION_KINDS[a.kind].rung for a in status.counted + status.before_resolution
    )
    _apply_rungs(status)
    activity = [(period_end(a.on, a.precision), a.precision) for a in status.counted
                if ACTION_KINDS[a.kind].rung and a.on is not None] + [
        (period_end(r.on, r.precision), r.precision) for r in supporting if r.on is not None
    ]
    if activity:
        status.last_activity_on = max(day for day, _ in activity)
        status.last_activity_precision = finest(p for day, p in activity if day == status.last_activity_on)
    if first_on is not None:
        status.first_resolution_precision = finest(r.precision for r in supporting if r.on == first_on)
    return status


def finest(precisions: Iterable[str | None]) -> str:
    """The most precise of several precisions of the same date (day before month before year)."""
    given = {p or "day" for p in precisions}
    return next((p for p in ("day", "month", "year") if p in given), "day")


def _apply_rungs(status: BodyStatus) -> None:
    best: ActionFact | None = None
    for action in status.counted:
        rung = ACTION_KINDS[action.kind].rung or 0
        # The highest rung decides; among equals, the latest dated action (undated last).
        if best is None or (rung, action.on or date.min) > \
                (ACTION_KINDS[best.kind].rung or 0, best.on or date.min):
            best = action
    status.tier = (ACTION_KINDS[best.kind].rung or 0) if best else 0
    status.deciding = best
    months = sorted({
        f"{a.on:%Y-%m}" for a in status.counted
        if ACTION_KINDS[a.kind].rung == 3 and a.on is not None and a.precision in ("day", "month")
    })
    if status.tier < 4 and len(months) >= SUSTAINED_MONTHS:
        status.tier = 4
        status.sustained_months = months

