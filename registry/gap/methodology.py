"""The methodology page's content, read from the rule module at request time, so that changing
a rule (a kind's rung, the dormancy period, the mobilizing tier…) changes the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from registry.followthrough import aggregates, ladder
from registry.followthrough.ladder import ActionFact, ActionKind, ResolutionFact
from registry.review.research import RECHECK_AFTER_MONTHS
from registry.vocab import (
    ACTION_SCOPES,
    ADOPTION_EVIDENCE,
    CHECK_RESULTS,
    CHECKERS,
    DATE_KINDS,
    DATE_PRECISIONS,
    EVIDENCE_LEVELS,
)


@dataclass(frozen=True)
class Rung:
    tier: int
    name: str
    meaning: str
    kinds: list[ActionKind]


@dataclass(frozen=True)
class Example:
    """A made-up record and the reason the real rules give for it."""

    record: str
    reason: str
    flags: list[str]


@dataclass(frozen=True)
class Methodology:
    rungs: list[Rung]
    counter_kinds: list[ActionKind]
    check_in: ActionKind | None
    sustained_months: int
    dormant_after_months: int
    dormant_example: tuple[date, date]  # last counted activity → first dormant day
    mobilized_tier: int
    top_tier: int
    groupings: dict[str, str]
    evidence_levels: dict[str, str]
    date_precisions: dict[str, str]
    date_kinds: dict[str, str]
    examples: list[Example]
    scopes: dict[str, str]
    counted_scopes: tuple[str, ...]
    other_scopes: tuple[str, ...]
    adoption_evidence: dict[str, str]
    checkers: dict[str, str]
    check_results: dict[str, str]
    recheck_after_months: int


def methodology() -> Methodology:
    kinds = ladder.ACTION_KINDS
    rungs = [Rung(tier, name, ladder.TIER_MEANINGS.get(tier, ""),
                  [kind for kind in kinds.values() if kind.rung == tier])
             for tier, name in sorted(ladder.TIERS.items())]
    return Methodology(
        rungs=rungs,
        counter_kinds=[kind for kind in kinds.values() if kind.is_counter],
        check_in=kinds.get("check_in"),
        sustained_months=ladder.SUSTAINED_MONTHS,
        dormant_after_months=ladder.DORMANT_AFTER_MONTHS,
        dormant_example=dormancy_example(date(2019, 5, 1)),
        mobilized_tier=ladder.MOBILIZED_TIER,
        top_tier=max(ladder.TIERS),
        groupings=dict(aggregates.GROUPINGS),
        evidence_levels=dict(EVIDENCE_LEVELS),
        date_precisions=dict(DATE_PRECISIONS),
        date_kinds=dict(DATE_KINDS),
        examples=examples(),
        scopes=dict(ACTION_SCOPES),
        counted_scopes=ladder.LADDER_SCOPES,
        other_scopes=tuple(s for s in ACTION_SCOPES if s not in ladder.LADDER_SCOPES),
        adoption_evidence=dict(ADOPTION_EVIDENCE),
        checkers=dict(CHECKERS),
        check_results=dict(CHECK_RESULTS),
        recheck_after_months=RECHECK_AFTER_MONTHS,
    )


def dormancy_example(last_activity: date) -> tuple[date, date]:
    """The first day on which a body last active on `last_activity` counts as dormant."""
    status = ladder.body_status([ResolutionFact("support", last_activity)], [])
    day = last_activity
    while not status.is_dormant(day):
        day += timedelta(days=1)
    return last_activity, day


RESOLVED = ResolutionFact("support", date(2019, 1, 15), "day")


def _flags(status: ladder.BodyStatus) -> list[str]:
    flags = []
    if status.retreat:
        flags.append("retreat")
    if status.active_without_resolution:
        flags.append("active without a resolution")
    return flags


def _example(record: str, resolutions: list[ResolutionFact],
             actions: list[ActionFact], checks: tuple[date, ...] = ()) -> Example:
    status = ladder.body_status(resolutions, actions, checks)
    return Example(record, status.reason(), _flags(status))


def examples() -> list[Example]:
    # Every other month from March 2019, as many months as a sustained campaign needs.
    months = [date(2019 + (2 + 2 * n) // 12, (2 + 2 * n) % 12 + 1, 10)
              for n in range(ladder.SUSTAINED_MONTHS)]
    campaign = ", ".join(f"{day:%B %Y}" for day in months)
    reported = [ResolutionFact("support", date(2019, 1, 15), "day", "reported")]
    return [
        _example("Resolution adopted 15 January 2019; nobody has looked at its follow-through.",
                 [RESOLVED], []),
        _example("Resolution adopted 15 January 2019; a researcher checked on 12 November 2026 and "
                 "found nothing.", [RESOLVED], [], (date(2026, 11, 12),)),
        _example("Resolution adopted 15 January 2019; a rally on 1 May 2019 with 400 members.",
                 [RESOLVED], [ActionFact("rally_or_march", date(2019, 5, 1), participants=400)]),
        _example("Resolution adopted 15 January 2019; a rally in November 2018.",
                 [RESOLVED], [ActionFact("rally_or_march", date(2018, 11, 1), "month")]),
        _example("Named on a roster reported 15 January 2019 (vote date unknown); a rally in "
                 "November 2018.", reported,
                 [ActionFact("rally_or_march", date(2018, 11, 1), "month")]),
        _example("Resolution adopted 15 January 2019; a rally for a public option (health reform "
                 "that is not single payer) on 1 May 2019.", [RESOLVED],
                 [ActionFact("rally_or_march", date(2019, 5, 1), scope="health_reform")]),
        _example(f"Resolution adopted 15 January 2019; canvassing in {campaign}.", [RESOLVED],
                 [ActionFact("canvass_or_phonebank", day) for day in months]),
        _example("Resolution adopted 15 January 2019; a reviewer's check-in on 1 April 2022 "
                 "found nothing.", [RESOLVED], [ActionFact("check_in", date(2022, 4, 1))]),
        _example("No resolution; opposed a single-payer bill on 1 May 2017.", [],
                 [ActionFact("opposed_bill", date(2017, 5, 1))]),
        _example("No resolution; a lobby visit on 3 March 2020.", [],
                 [ActionFact("lobby_visit", date(2020, 3, 3))]),
    ]
