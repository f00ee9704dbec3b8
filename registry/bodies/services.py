"""Queries behind the body pages: filtered listing and the fully loaded profile."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from registry.database import db
from registry.models import Action, Body, Resolution, Revision


def filtered_bodies(filters: dict[str, Any]) -> Select:
    query = select(Body)
    if filters.get("state"):
        query = query.where(Body.state == filters["state"])
    if filters.get("level"):
        query = query.where(Body.level == filters["level"])
    return query


def list_bodies(filters: dict[str, Any]) -> Pagination:
    query = filtered_bodies(filters).order_by(Body.name, Body.id)
    return db.paginate(query, page=filters["page"], per_page=filters["per_page"], max_per_page=200)


def state_choices() -> list[str]:
    """States that have at least one body, for the filter."""
    return list(db.session.scalars(
        select(Body.state).where(Body.state.is_not(None)).group_by(Body.state).order_by(Body.state)
    ))


@dataclass
class Profile:
    body: Body
    revisions: list[Revision]


def get_profile(slug: str) -> Profile | None:
    """The body with everything its page shows, in a fixed number of queries."""
    body = db.session.scalar(
        select(Body).where(Body.slug == slug).options(
            selectinload(Body.resolutions).selectinload(Resolution.sources),
            selectinload(Body.resolutions).selectinload(Resolution.bill),
            selectinload(Body.actions).selectinload(Action.sources),
            selectinload(Body.actions).selectinload(Action.bill),
            selectinload(Body.sources),
            selectinload(Body.parent),
            selectinload(Body.children),
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
