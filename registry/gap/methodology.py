"""The methodology page's content, read from the rule module at request time, so that changing
a rule (a kind's rung, the dormancy period, the mobilizing tier…) changes the page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext

from registry.followthrough import aggregates, ladder
from registry.followthrough.ladder import ActionFact, ActionKind, ResolutionFact
from registry.followthrough.reasons import in_reader_language
from registry.gap.services import EVIDENCE_NAMES
from registry.languages import Labels, current, partial_date, translate
from registry.review.research import RECHECK_AFTER_MONTHS
from registry.text import N_
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
    evidence_levels: dict[str, tuple[str, str]]  # level → (name, what it means)
    date_precisions: dict[str, str]
    date_kinds: dict[str, str]
    examples: list[Example]
    scopes: dict[str, str]
    counted_scopes: tuple[str, ...]
    other_scopes: tuple[str, ...]
    counted_scope_list: str  # "a, b, or c"
    other_scope_list: str
    adoption_evidence: dict[str, tuple[str, str]]  # code → (name in a sentence, what it means)
    checkers: dict[str, str]
    check_results: dict[str, str]
    recheck_after_months: int
    date_example: date = date(2019, 5, 1)


def in_sentence(label: str) -> str:
    """A vocabulary word in the reader's language, as it reads inside a sentence."""
    text = translate(label)
    # English lowercases the whole label, as the page always has; other languages only its
    # first letter, so names inside it keep their capitals.
    return text.lower() if current() == "en" else text[:1].lower() + text[1:]


def _in_sentence(vocabulary: dict[str, str]) -> dict[str, str]:
    return {key: in_sentence(label) for key, label in vocabulary.items()}


def _named(label: str) -> tuple[str, str]:
    """'Roster — named on a list' → ('roster', 'named on a list'), in the reader's language."""
    text = translate(label)
    for separator in (" — ", ": "):
        if separator in text:
            name, meaning = text.split(separator, 1)
            return name.lower(), meaning
    return text, ""


def _one_of(items: list[str]) -> str:
    """'a, b, or c' in the reader's language."""
    if len(items) < 2:
        return "".join(items)
    return gettext("%(items)s, or %(last)s", items=", ".join(items[:-1]), last=items[-1])


def methodology() -> Methodology:
    """The page's content in the reader's language (called at request time)."""
    kinds = Labels(ladder.ACTION_KINDS)
    scopes = _in_sentence(ACTION_SCOPES)
    other_scopes = tuple(s for s in ACTION_SCOPES if s not in ladder.LADDER_SCOPES)
    rungs = [Rung(tier, translate(name), translate(ladder.TIER_MEANINGS.get(tier, "")),
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
        groupings=_in_sentence(aggregates.GROUPINGS),
        evidence_levels={level: (translate(EVIDENCE_NAMES[level]), translate(meaning))
                         for level, meaning in EVIDENCE_LEVELS.items()},
        date_precisions=Labels(DATE_PRECISIONS).translated(),
        date_kinds=Labels(DATE_KINDS).translated(),
        examples=examples(),
        scopes=scopes,
        counted_scopes=ladder.LADDER_SCOPES,
        other_scopes=other_scopes,
        counted_scope_list=_one_of([scopes[s] for s in ladder.LADDER_SCOPES]),
        other_scope_list=", ".join(scopes[s] for s in other_scopes),
        adoption_evidence={key: _named(label) for key, label in ADOPTION_EVIDENCE.items()},
        checkers=_in_sentence(CHECKERS),
        check_results=_in_sentence(CHECK_RESULTS),
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
        flags.append(gettext("retreat"))
    if status.active_without_resolution:
        flags.append(gettext("active without a resolution"))
    return flags


def _example(record: str, resolutions: list[ResolutionFact],
             actions: list[ActionFact], checks: tuple[date, ...] = (), **values: str) -> Example:
    """`record` is marked with N_ and may name `values`; both it and the reason read in the
    reader's language."""
    status = ladder.body_status(resolutions, actions, checks)
    return Example(gettext(record, **values), in_reader_language(status), _flags(status))


def examples() -> list[Example]:
    # Every other month from March 2019, as many months as a sustained campaign needs.
    months = [date(2019 + (2 + 2 * n) // 12, (2 + 2 * n) % 12 + 1, 10)
              for n in range(ladder.SUSTAINED_MONTHS)]
    campaign = ", ".join(partial_date(day, "month") for day in months)
    reported = [ResolutionFact("support", date(2019, 1, 15), "day", "reported")]
    return [
        _example(N_("Resolution adopted 15 January 2019; nobody has looked at its follow-through."),
                 [RESOLVED], []),
        _example(N_("Resolution adopted 15 January 2019; a researcher checked on 12 November 2026 "
                    "and found nothing."), [RESOLVED], [], (date(2026, 11, 12),)),
        _example(N_("Resolution adopted 15 January 2019; a rally on 1 May 2019 with 400 members."),
                 [RESOLVED], [ActionFact("rally_or_march", date(2019, 5, 1), participants=400)]),
        _example(N_("Resolution adopted 15 January 2019; a rally in November 2018."),
                 [RESOLVED], [ActionFact("rally_or_march", date(2018, 11, 1), "month")]),
        _example(N_("Named on a roster reported 15 January 2019 (vote date unknown); a rally in "
                    "November 2018."), reported,
                 [ActionFact("rally_or_march", date(2018, 11, 1), "month")]),
        _example(N_("Resolution adopted 15 January 2019; a rally for a public option (health "
                    "reform that is not single payer) on 1 May 2019."), [RESOLVED],
                 [ActionFact("rally_or_march", date(2019, 5, 1), scope="health_reform")]),
        _example(N_("Resolution adopted 15 January 2019; canvassing in %(months)s."), [RESOLVED],
                 [ActionFact("canvass_or_phonebank", day) for day in months], months=campaign),
        _example(N_("Resolution adopted 15 January 2019; a reviewer's check-in on 1 April 2022 "
                    "found nothing."), [RESOLVED], [ActionFact("check_in", date(2022, 4, 1))]),
        _example(N_("No resolution; opposed a single-payer bill on 1 May 2017."), [],
                 [ActionFact("opposed_bill", date(2017, 5, 1))]),
        _example(N_("No resolution; a lobby visit on 3 March 2020."), [],
                 [ActionFact("lobby_visit", date(2020, 3, 3))]),
    ]
