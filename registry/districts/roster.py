"""Who held each House seat, and who cosponsored each Congress's Medicare for All bill.

Read once per data version (about 3,000 small rows) and answered from memory. A member who left
early keeps the term's scheduled end in the records, so on any day a seat's holder is the member
whose covering term started last; vacancies are not recorded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from registry.cache import district_versioned
from registry.database import db
from registry.districts.congress import (
    CONGRESS_BILLS,
    RECORDS_BEGIN,
    congress_end,
    congress_start,
    district_code,
)
from registry.models import Bill, Cosponsorship, HouseTerm

# Consecutive terms in a seat meet on the day one ends and the next begins (or a few days apart).
CONTIGUOUS = timedelta(days=7)
PARTY_INITIALS = {"Democrat": "D", "Republican": "R", "Independent": "I", "Libertarian": "L"}


@dataclass(frozen=True)
class Term:
    bioguide_id: str
    name: str
    party: str | None
    state: str
    number: int
    start: date
    end: date
    # Taken from a cosponsor record: they held the seat on that day, the term records end earlier.
    inferred: bool = False

    @property
    def seat(self) -> tuple[str, int]:
        return self.state, self.number


@dataclass(frozen=True)
class Cosponsor:
    congress: int
    bill: str
    bill_slug: str
    on: date
    original: bool


def party_initial(party: str | None) -> str:
    return PARTY_INITIALS.get(party or "", (party or "?")[:1])


@dataclass(frozen=True)
class Representative:
    bioguide_id: str
    name: str
    party: str | None
    since: date  # start of their unbroken hold of the seat, as far as the records go
    since_exact: bool  # False: the records begin during their hold, which may be older

    @property
    def party_initial(self) -> str:
        return party_initial(self.party)


@dataclass(frozen=True)
class CongressLine:
    """A representative's part in one Congress's bill."""

    congress: int
    bill: str
    bill_slug: str
    seat: str | None  # the seat they held then; None: not a member of the House then
    held_this_seat: bool
    cosponsored_on: date | None
    original: bool

    @property
    def cosponsored(self) -> bool:
        return self.cosponsored_on is not None


@dataclass(frozen=True)
class Holder:
    """Someone who held the seat during a Congress, with their cosponsorship of its bill."""

    bioguide_id: str
    name: str
    party: str | None
    start: date
    end: date  # the successor's first day, or the end of the term
    cosponsored_on: date | None
    original: bool

    @property
    def party_initial(self) -> str:
        return party_initial(self.party)


@dataclass(frozen=True)
class SeatCongress:
    congress: int
    bill: str
    bill_slug: str
    holders: tuple[Holder, ...]


class Roster:
    """House terms and cosponsorships, indexed by seat, member and Congress."""

    def __init__(self, terms: list[Term], cosponsors: dict[tuple[str, int], Cosponsor],
                 bills: dict[int, tuple[str, str]]):
        self.by_seat: dict[tuple[str, int], list[Term]] = defaultdict(list)
        self.by_member: dict[str, list[Term]] = defaultdict(list)
        for term in sorted(terms, key=lambda t: (t.start, t.bioguide_id)):
            self.by_seat[term.seat].append(term)
            self.by_member[term.bioguide_id].append(term)
        self.cosponsors = cosponsors
        self.bills = bills  # congress → (code, slug)

    def holder_on(self, seat: tuple[str, int], day: date) -> Term | None:
        covering = [t for t in self.by_seat.get(seat, ()) if t.start <= day < t.end]
        return covering[-1] if covering else None

    def representative(self, seat: tuple[str, int], day: date) -> Representative | None:
        term = self.holder_on(seat, day)
        if term is None:
            return None
        own = [t for t in self.by_seat[seat] if t.bioguide_id == term.bioguide_id and t.start <= term.start]
        since = term.start
        for earlier in reversed(own[:-1]):
            if earlier.end + CONTIGUOUS < since:
                break
            since = earlier.start
        exact = since >= RECORDS_BEGIN and not term.inferred
        return Representative(term.bioguide_id, term.name, term.party, since, exact)

    def cosponsorship(self, bioguide_id: str, congress: int) -> Cosponsor | None:
        return self.cosponsors.get((bioguide_id, congress))

    def lines(self, bioguide_id: str, seat: tuple[str, int]) -> list[CongressLine]:
        """The member's part in each Congress's bill, newest Congress first."""
        lines = []
        for congress, (bill, slug) in sorted(self.bills.items(), reverse=True):
            start, end = congress_start(congress), congress_end(congress)
            served = [t for t in self.by_member.get(bioguide_id, ()) if t.start < end and t.end > start]
            here = any(t.seat == seat for t in served)
            held = seat if here else (served[-1].seat if served else None)
            cosponsor = self.cosponsorship(bioguide_id, congress)
            lines.append(CongressLine(congress, bill, slug, district_code(*held) if held else None, here,
                                      cosponsor.on if cosponsor else None,
                                      bool(cosponsor and cosponsor.original)))
        return lines

    def history(self, seat: tuple[str, int]) -> list[SeatCongress]:
        """Who held the seat in each Congress, newest first, with their cosponsorship."""
        terms = self.by_seat.get(seat, [])
        history = []
        for congress, (bill, slug) in sorted(self.bills.items(), reverse=True):
            start, end = congress_start(congress), congress_end(congress)
            spans: dict[str, list[date]] = {}
            for index, term in enumerate(terms):
                successor = next((t.start for t in terms[index + 1:] if t.bioguide_id != term.bioguide_id
                                  and t.start > term.start), None)
                until = min(term.end, successor) if successor else term.end
                if term.start < end and until > start:
                    span = spans.setdefault(term.bioguide_id, [max(term.start, start), min(until, end)])
                    span[0], span[1] = min(span[0], max(term.start, start)), max(span[1], min(until, end))
            holders = []
            for bioguide_id, (first, last) in sorted(spans.items(), key=lambda item: item[1][0]):
                term = next(t for t in terms if t.bioguide_id == bioguide_id)
                cosponsor = self.cosponsorship(bioguide_id, congress)
                holders.append(Holder(bioguide_id, term.name, term.party, first, last,
                                      cosponsor.on if cosponsor else None,
                                      bool(cosponsor and cosponsor.original)))
            history.append(SeatCongress(congress, bill, slug, tuple(holders)))
        return history


@district_versioned
def roster() -> Roster:
    """The roster of the loaded congress data (three queries, cached per data version)."""
    terms = [Term(*row) for row in db.session.execute(select(
        HouseTerm.bioguide_id, HouseTerm.name, HouseTerm.party, HouseTerm.state, HouseTerm.number,
        HouseTerm.start_on, HouseTerm.end_on))]
    cosponsors = {}
    bills: dict[int, tuple[str, str]] = {}
    served: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        served[term.bioguide_id].append(term)
    for row in db.session.execute(
            select(Cosponsorship.bioguide_id, Cosponsorship.congress, Cosponsorship.cosponsored_on,
                   Cosponsorship.original, Bill.code, Bill.slug, Cosponsorship.name,
                   Cosponsorship.state, Cosponsorship.number)
            .join(Bill, Cosponsorship.bill_id == Bill.id)):
        who, congress, on = row.bioguide_id, row.congress, row.cosponsored_on
        cosponsors[(who, congress)] = Cosponsor(congress, row.code, row.slug, on, row.original)
        bills[congress] = (row.code, row.slug)
        if not any(t.start <= on < t.end for t in served[who]):
            # The cosponsor record shows them in the seat on that day; the term records end before.
            last, _, first = row.name.partition(", ")
            terms.append(Term(who, f"{first} {last}".strip(), None, row.state, row.number, on,
                              congress_end(congress), inferred=True))
    # Congresses nobody cosponsored in still have a bill: name it from the known lineage.
    for congress, code in CONGRESS_BILLS.items():
        bills.setdefault(congress, (code, code.lower().replace(" ", "-")))
    return Roster(terms, cosponsors, bills)
