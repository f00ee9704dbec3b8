"""Queries behind the body pages: filtered listing and the fully loaded profile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import (
    Integer,
    Select,
    String,
    column,
    false,
    func,
    inspect,
    literal_column,
    or_,
    select,
    table,
)
from sqlalchemy.orm import joinedload, selectinload

from registry import languages
from registry.bodies.schemas import GENERAL_FAMILY
from registry.cache import versioned
from registry.database import SEARCH_TABLE as SEARCH_TABLE_NAME
from registry.database import STORED_SEARCH_TEXT, db
from registry.districts.services import bodies_in_districts_where_cosponsor, links_loader
from registry.followthrough.ladder import dormancy_cutoff
from registry.followthrough.status import ADOPTION_ORDER, today
from registry.models import Action, Bill, Body, Resolution, Revision
from registry.paging import paginate_keys_first
from registry.text import N_
from registry.vocab import ORGANIZATION_TYPES


def filtered_bodies(filters: dict[str, Any], *, paged: bool = False) -> Select:
    """Bodies matching the shared filters (see BodyFilterSchema), as a query to refine.
    `paged`: the query will be read one ordered page at a time (see text_matches)."""
    query = select(Body)
    for name in ("state", "level", "affiliation"):
        if filters.get(name):
            query = query.where(getattr(Body, name) == filters[name])
    if filters.get("q"):
        query = query.where(text_matches(filters["q"], paged=paged))
    if filters.get("tier") is not None:
        # A tier belongs to bodies whose follow-through someone has looked at: tier 0 is "paper
        # only", never an endorsing body nobody has checked yet.
        query = query.where(Body.tier == filters["tier"], Body.checked.is_(True),
                            or_(Body.endorsing.is_(True), Body.active_without_resolution.is_(True)))
    if filters.get("evidence"):
        query = query.where(Body.evidence_level == filters["evidence"])
    if filters.get("organization_type") in ORGANIZATION_TYPES:
        query = query.where(Body.organization_type == filters["organization_type"])
    if filters.get("checked") is not None:
        query = query.where(Body.checked.is_(filters["checked"]))
    if filters.get("adoption"):
        stronger = ADOPTION_ORDER[ADOPTION_ORDER.index(filters["adoption"]):]
        query = query.where(Body.adoption_evidence.in_(stronger))
    if filters.get("endorsing") is not None:
        query = query.where(Body.endorsing.is_(filters["endorsing"]))
    if filters.get("retreat") is not None:
        query = query.where(Body.retreat.is_(filters["retreat"]))
    if filters.get("year_from"):
        query = query.where(Body.first_resolution_on >= date(filters["year_from"], 1, 1))
    if filters.get("year_to"):
        query = query.where(Body.first_resolution_on <= date(filters["year_to"], 12, 31))
    if filters.get("dormant") is not None:
        cutoff = dormancy_cutoff(today())
        dormant = Body.last_activity_on < cutoff
        query = query.where(dormant if filters["dormant"] else or_(
            Body.last_activity_on.is_(None), Body.last_activity_on >= cutoff))
    if filters.get("bill_family"):
        query = query.where(_supporting(bodies_supporting_family(filters["bill_family"]), paged))
    if filters.get("bill"):
        query = query.where(_supporting(bodies_supporting_bill(filters["bill"]), paged))
    if filters.get("cosponsor") is not None:
        query = query.where(Body.id.in_(bodies_in_districts_where_cosponsor(filters["cosponsor"])))
    return query


def _supporting(resolutions: Select, paged: bool):
    """Bodies among those of `resolutions` (a query of their body ids). Read a page at a time,
    each body walked in the order shown is looked up in the resolutions' index and the walk
    stops once the page is full (on SQLite the first page of general supporters gone dormant
    31 to 0.2 ms); counted, the list of ids is built once, cheaper than a lookup per body."""
    if paged:
        return resolutions.where(Resolution.body_id == Body.id).exists()
    return Body.id.in_(resolutions)


def search_text():
    """The text a search matches: name, affiliation, designation and city, lower-cased. On
    PostgreSQL it is stored in a generated column (bodies.search_text, see migrations), which a
    trigram index serves for `LIKE '%…%'` and a scan reads rather than build it for each body."""
    if db.engine.dialect.name == "postgresql":
        return literal_column(f"bodies.{STORED_SEARCH_TEXT}", String)
    empty, space = literal_column("''"), literal_column("' '")
    parts = [func.coalesce(column, empty) for column in
             (Body.name, Body.affiliation, Body.designation, Body.city)]
    return func.lower(parts[0].concat(space).concat(parts[1]).concat(space).concat(parts[2])
                      .concat(space).concat(parts[3]))


def text_matches(text: str, *, paged: bool = False):
    """Bodies whose search text holds `text` (any case).

    On SQLite with FTS5 a search of three characters or more is answered from the trigram
    index, except for one page of a common search ("local": more than FEW_MATCHES, counted once
    per data version from the index), which is better served by walking the bodies in the order
    shown and stopping once the page is filled, so it keeps the LIKE. Counts over every match
    (facets, figures, exports) always use the index, and over a common search scan the bodies
    (or an index of theirs) keeping the matches. Searches shorter than three characters,
    which no trigram index serves, scan once per data version: when they match few bodies,
    those bodies' ids answer every later query; otherwise they keep the LIKE (an SQLite without
    FTS5 scans every search). On PostgreSQL the trigram index serves the LIKE."""
    phrase = search_phrase(text)
    few_indexed = phrase is not None and indexed_matches(phrase) <= FEW_MATCHES
    if phrase and (not paged or few_indexed):
        indexed = select(SEARCH_TABLE.c.rowid).where(SEARCH_TABLE.c.text.op("MATCH")(phrase))
        if few_indexed:
            return Body.id.in_(indexed)
        # Counting over a broad search, SQLite reads an index holding the columns counted and
        # keeps the matches, rather than seek each match's row ("id + 0" is no key to seek by):
        # the grouped facet pass of a search matching 88,000 bodies 230 to 90 ms of SQL.
        return (Body.id + literal_column("0")).in_(indexed)
    if len(text) < TRIGRAM:
        few = scanned_matches(text.lower())
        if few is not None:
            return Body.id.in_(few)
    return _like(text)


def _like(text: str):
    needle = text.lower()
    pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return search_text().like(pattern, escape="\\")


@versioned
def scanned_matches(text: str) -> tuple[int, ...] | None:
    """The ids of the bodies whose search text holds `text`, found by one scan, or None when
    more than FEW_MATCHES do."""
    ids = db.session.scalars(select(Body.id).where(_like(text)).limit(FEW_MATCHES + 1)).all()
    return tuple(ids) if len(ids) <= FEW_MATCHES else None


def search_phrase(text: str) -> str | None:
    """The full-text query for `text` (one phrase: the characters as typed), or None when the
    index cannot answer it (under three characters, or no full-text index)."""
    if len(text) < TRIGRAM or not has_search_table():
        return None
    return '"' + text.lower().replace('"', '""') + '"'


# A search matching at most this many bodies is answered from the full-text index.
FEW_MATCHES = 2000


@versioned
def indexed_matches(phrase: str) -> int:
    """How many bodies the full-text index finds for `phrase`, counted up to FEW_MATCHES + 1."""
    indexed = select(SEARCH_TABLE.c.rowid).where(SEARCH_TABLE.c.text.op("MATCH")(phrase))
    return db.session.scalar(select(func.count()).select_from(
        indexed.limit(FEW_MATCHES + 1).subquery())) or 0


TRIGRAM = 3
SEARCH_TABLE = table(SEARCH_TABLE_NAME, column("rowid", Integer), column("text", String))
_search_tables: dict[str, bool] = {}


def has_search_table() -> bool:
    """Whether this database has the FTS5 search table (SQLite with FTS5, migrated), looked up
    once per database."""
    url = str(db.engine.url)
    if url not in _search_tables:
        _search_tables[url] = (db.engine.dialect.name == "sqlite"
                               and inspect(db.engine).has_table(SEARCH_TABLE_NAME))
    return _search_tables[url]


def bodies_supporting_family(family: str) -> Select:
    """Ids of bodies with a supporting resolution on a bill of this family (or naming no bill)."""
    query = select(Resolution.body_id).where(Resolution.stance == "support")
    if family == GENERAL_FAMILY:
        return query.where(Resolution.bill_id.is_(None))
    return query.join(Bill, Resolution.bill_id == Bill.id).where(Bill.family == family)


def bill_key(text: str) -> str:
    """A bill code or slug reduced to letters and digits: "HR 676", "hr676", "hr-676" agree."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def bills_matching(text: str) -> Select:
    """Ids of the bills whose code or slug is `text`, in any case or spacing."""
    key = bill_key(text)
    squeezed = func.lower(func.replace(func.replace(func.replace(Bill.code, " ", ""), ".", ""), "-", ""))
    return select(Bill.id).where(squeezed == key)


def bodies_supporting_bill(text: str) -> Select:
    """Ids of bodies with a supporting resolution naming this bill (one bill, not its family)."""
    return select(Resolution.body_id).where(Resolution.stance == "support",
                                            Resolution.bill_id.in_(bills_matching(text)))


def bill_codes() -> dict[str, str]:
    """Each bill's code, labelled with its Congress or year: {"HR 676": "HR 676 (108th Congress)"}."""
    labels = {}
    for bill in bill_rows():
        if bill.congress:
            labels[bill.code] = gettext("%(code)s (%(ordinal)s Congress)", code=bill.code,
                                        ordinal=ordinal_for_reader(bill.congress))
        elif bill.introduced_on:
            labels[bill.code] = f"{bill.code} ({bill.introduced_on.year})"
        else:
            labels[bill.code] = bill.code
    return labels


def bill_label(text: str | None) -> str | None:
    """The label of the bill a `bill` filter names, or the text as given when no bill has it."""
    if not text:
        return None
    return next((label for code, label in bill_codes().items() if bill_key(code) == bill_key(text)), text)


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def ordinal_for_reader(n: int) -> str:
    """An ordinal number in the reader's language: 108th, 108.º."""
    return ordinal(n) if languages.current() == languages.DEFAULT else f"{n}.º"


def supporting_family_pairs():
    """Distinct (body_id, family) pairs of supporting resolutions; `general` when no bill is named."""
    return (
        select(Resolution.body_id, func.coalesce(Bill.family, GENERAL_FAMILY).label("family"))
        .outerjoin(Bill, Resolution.bill_id == Bill.id)
        .where(Resolution.stance == "support").distinct().subquery()
    )


ORDERINGS = {
    "name": (Body.name, Body.id),
    "state": (Body.state.is_(None), Body.state, Body.name, Body.id),
    "tier": (Body.tier.desc(), Body.name, Body.id),
    "latest": (Body.last_activity_on.is_(None), Body.last_activity_on.desc(), Body.name, Body.id),
    "members": (Body.members.is_(None), Body.members.desc(), Body.name, Body.id),
}


def ordered(query: Select, sort: str) -> Select:
    return query.order_by(*ORDERINGS.get(sort, ORDERINGS["name"]))


def list_bodies(filters: dict[str, Any], *, with_districts: bool = False,
                bounded: bool = False) -> Pagination:
    """One page of bodies. `bounded`: a text search counts its matches only up to COUNT_LIMIT
    past the page (see bounded_count), never every match. Counts are kept per data version for
    every page and order of the same filters; a search known to match nothing reads no rows."""
    # Parents joined: the API shows each body's parent, which must not cost a query per parent;
    # so are the district links when the caller shows them (one more query). A deep page reads
    # its ids first (registry.paging).
    query = ordered(filtered_bodies(filters, paged=True), filters.get("sort", "name"))
    options = (joinedload(Body.parent), links_loader()) if with_districts else (joinedload(Body.parent),)
    counted = {name: value for name, value in filters.items() if name not in PAGING}
    reach = None
    if bounded and filters.get("q"):
        reach = max(COUNT_LIMIT, filters["page"] * filters["per_page"])
        total = bounded_count(counted, reach)
    else:
        total = matching_total(counted)
    if not total:
        query = query.where(false())
    page = paginate_keys_first(query, page=filters["page"], per_page=filters["per_page"], max_per_page=200,
                               options=options)
    page.total = total
    page.total_exceeds = reach if reach is not None and total > reach else None
    return page


# What changes one page of a list (of bodies, resolutions or actions) but not what it holds.
PAGING = ("page", "per_page", "sort")
# A text search counts this many matches (beyond the page shown) and then says "more than".
COUNT_LIMIT = 1000


@versioned
def matching_total(filters: dict[str, Any]) -> int:
    """Every body matching the filters, counted from the full-text index where there is one
    (not by walking)."""
    return db.session.scalar(select(func.count()).select_from(
        filtered_bodies(filters).with_only_columns(Body.id).subquery())) or 0


@versioned
def bounded_count(filters: dict[str, Any], reach: int) -> int:
    """The matches of a text search counted up to `reach` + 1: exact up to `reach`; above it,
    only known to exceed it (the list says "more than" and offers the next page). A text
    search alone that the full-text index already counted past that needs no query."""
    searched = search_phrase(filters["q"])
    alone = not any(value not in (None, "", []) for name, value in filters.items() if name != "q")
    if alone and searched and indexed_matches(searched) > max(reach, FEW_MATCHES):
        return reach + 1
    matching = filtered_bodies(filters, paged=True).with_only_columns(Body.id)
    return db.session.scalar(select(func.count()).select_from(
        matching.limit(reach + 1).subquery())) or 0


@versioned
def bill_rows() -> tuple[Any, ...]:
    """Every bill's code, family, chamber, Congress and introduction, in lineage order (one query)."""
    return tuple(db.session.execute(
        select(Bill.family, Bill.code, Bill.chamber, Bill.congress, Bill.introduced_on)
        .order_by(Bill.family, Bill.congress, Bill.id)))


CHAMBERS = {"house": N_("house"), "senate": N_("senate")}


def bill_families(*, translated: bool = False) -> dict[str, str]:
    """Bill families labelled by their bills ("HR 676 → HR 3069 (house)"), plus `general`;
    `translated`: in the reader's language (only at request time, never in a cached result)."""
    codes: dict[str, list[str]] = {}
    chambers: dict[str, str] = {}
    for bill in bill_rows():
        codes.setdefault(bill.family, []).append(bill.code)
        chamber = bill.chamber or ""
        chambers[bill.family] = languages.translate(CHAMBERS.get(chamber, chamber)) if translated else chamber
    families = {family: f"{items[0]} → {items[-1]}" + (f" ({chambers[family]})" if chambers[family] else "")
                if len(items) > 1 else items[0] for family, items in codes.items()}
    # Translated where shown (the `tr` filter) when asked untranslated: cached for every language.
    general = N_("Medicare for All in general (no bill named)")
    families[GENERAL_FAMILY] = languages.translate(general) if translated else general
    return families


@dataclass
class Profile:
    body: Body
    revisions: list[Revision]


def get_profile(slug: str) -> Profile | None:
    """The body with everything its page shows, in a fixed number of queries."""
    return _profile(Body.slug == slug)


def get_profile_by_id(body_id: int) -> Profile | None:
    return _profile(Body.id == body_id)


def _profile(condition) -> Profile | None:
    body = db.session.scalar(
        select(Body).where(condition).options(
            selectinload(Body.resolutions).selectinload(Resolution.sources),
            selectinload(Body.resolutions).selectinload(Resolution.bill),
            selectinload(Body.actions).selectinload(Action.sources),
            selectinload(Body.actions).selectinload(Action.bill),
            selectinload(Body.sources),
            selectinload(Body.parent),
            selectinload(Body.children),
            selectinload(Body.checks),
            links_loader(),
        )
    )
    if body is None:
        return None
    revisions = list(db.session.scalars(
        select(Revision).where(Revision.body_id == body.id)
        .options(selectinload(Revision.user), selectinload(Revision.submission))
        .order_by(Revision.created_at.desc(), Revision.id.desc()).limit(200)
    ))
    return Profile(body, revisions)


def count_bodies() -> int:
    return db.session.scalar(select(func.count()).select_from(Body)) or 0
