"""Example answers shown in the OpenAPI document and on the API page, drawn from the seed
records. A test validates each one against the schema it illustrates, so they cannot drift."""

from __future__ import annotations

from typing import Any

SOURCE = {
    "url": "https://beavercountyblue.org/2009/09/page/6/", "archived_url": None, "document": None,
    "title": None, "publisher": None, "is_primary": False, "published_on": None,
}

BODY_DISTRICT = {"code": None, "congress": 119, "candidates": ["OR-1", "OR-3", "OR-5", "OR-6"],
                 "basis": "city"}

BODY = {
    "id": 12, "slug": "afge-local-2157", "name": "AFGE Local 2157", "level": "local",
    "affiliation": "AFGE", "designation": "Local 2157",
    "parent": "american-federation-of-government-employees", "olms_file_number": None,
    "city": "Portland", "state": "OR", "latitude": 45.5235, "longitude": -122.6762,
    "geocode_precision": "city", "members": None, "website": None, "public_contact": None,
    "organization_type": "union", "endorsing": True, "adoption_evidence": "report",
    "checked": True, "last_checked_on": None, "standing": "tier_1",
    "tier": 1, "tier_name": "Internal", "retreat": False, "dormant": True,
    "active_without_resolution": False, "first_resolution_on": "2009-08-27",
    "first_resolution_precision": "day",
    "last_activity_on": "2009-08-27", "last_activity_precision": "day", "evidence_level": "sourced",
    "published_at": "2026-11-20T09:30:00+00:00", "district": BODY_DISTRICT,
}

RESOLUTION = {
    "id": 31, "body": "afge-local-2157", "bill": "HR 676", "bill_as_reported": "HR 676",
    "stance": "support", "adopted_on": "2009-08-27", "date_precision": "day",
    "date_kind": "reported", "adoption_evidence": "report",
    "title": "Resolution in support of HR 676", "summary": None,
    "commitments": ["forward_to_officials"], "evidence_level": "sourced", "credited_to": None,
    "published_at": "2026-11-20T09:30:00+00:00", "sources": [SOURCE],
}

ACTION = {
    "id": 8, "body": "afge-local-2157", "kind": "forwarded_to_officials", "scope": "federal_bill",
    "occurred_on": "2009-08-27", "date_precision": "day",
    "description": "Submitted the HR 676 resolution adopted as Resolution 4003 at the 38th AFGE "
                   "national convention",
    "participants": None, "amount_usd": None, "bill": "HR 676", "evidence_level": "sourced",
    "credited_to": None, "published_at": "2026-11-20T09:30:00+00:00", "sources": [SOURCE],
}

BILL = {
    "id": 2, "code": "HR 1384", "slug": "hr-1384", "congress": 116, "jurisdiction": "US", "chamber": "house",
    "title": "Medicare for All Act of 2019",
    "sponsor": "Rep. Pramila Jayapal (D-WA), with Rep. Debbie Dingell (D-MI)",
    "introduced_on": "2019-02-27", "family": "us-house-medicare-for-all", "predecessor": "HR 676",
    "source_url": "https://progressives.house.gov/", "endorsing_bodies": 14, "opposing_bodies": 0,
}

BODY_DETAIL = {
    **BODY, "tier_reason": "Tier 1 — Internal: forwarded to officials on 27 August 2009",
    "resolutions": [RESOLUTION], "actions": [ACTION],
    "sources": [{**SOURCE, "url": "https://beavercountyblue.org/2009/09/page/6/"}],
    "checks": [],
}

GAP_FIGURES = {
    "endorsing": 40, "checked": 28, "unchecked": 12, "paper_only": 10, "mobilized": 6,
    "members_known": 9, "members": 182000, "members_mobilized": 51000, "gap": 0.85,
    "gap_among_checked": 0.7857142857142857, "paper_only_share": 0.25, "mobilized_share": 0.15,
    "members_gap": 0.7197802197802198,
}

GAP = {
    "group_by": "state",
    "overall": GAP_FIGURES,
    "groups": [{"key": "OR", **GAP_FIGURES}],
}


def page(item: dict[str, Any]) -> dict[str, Any]:
    return {"items": [item], "total": 1, "page": 1, "per_page": 50, "pages": 1}

GEO_STATES = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "id": "OR",
    "properties": {"code": "OR", "name": "Oregon", "endorsing": 12, "checked": 9, "unchecked": 3,
                   "paper_only": 4, "mobilized": 2, "not_mobilized": 10, "gap": 0.8333,
                   "gap_among_checked": 0.7778, "gap_class": 4, "paper_only_share": 0.3333,
                   "mobilized_share": 0.1667, "members_known": 3, "members": 21000, "members_gap": 0.6},
    "geometry": None,
}]}

GEO_BODIES = {"type": "FeatureCollection", "features": [{
    "type": "Feature", "id": 12, "geometry": {"type": "Point", "coordinates": [-122.6762, 45.5235]},
    "properties": {"kind": "body", "slug": "afge-local-2157", "name": "AFGE Local 2157", "level": "local",
                   "affiliation": "AFGE", "tier": 1, "endorsing": True, "active_without_resolution": False,
                   "checked": True,
                   "retreat": False, "dormant": True, "last_activity_on": "2009-08-27", "precision": "city"},
}], "meta": {"total": 1, "zoom": 6, "clustered": False, "cell_degrees": None, "point_limit": 400}}

SUBMISSION = {
    "kind": "resolution",
    "payload": {
        "body_id": 12, "new_body": None, "source_url": "https://example.org/minutes-2019-05",
        "bill_id": None, "stance": "support", "adopted_on": "2019-05-14", "date_precision": "day",
        "title": "Resolution in support of Medicare for All",
        "summary": "Endorses Medicare for All and asks members to call their representatives.",
        "text": None, "commitments": ["educate_members", "forward_to_officials"],
    },
    "submitter": {"name": "Pat Member", "email": "pat@example.org", "role": "member",
                  "credit_public": False},
}

RECEIPT = {
    "kind": "resolution", "status": "pending",
    "tracking_url": "https://registry.example/submissions/Zx3v9Qm2kLr8TbYw1nHc4dPa7uEs6jGf0oIiKqVtXyA",
    "message": "Thank you. A reviewer checks every submission before anything is published. "
               "Keep the tracking address private: it shows the review status.",
}

NEARBY = {
    "place": {"label": "Portland, OR", "latitude": 45.5235, "longitude": -122.6762, "precision": "city",
              "state": "OR"},
    "radius_mi": 30, "total": 1, "truncated": False,
    "items": [{"body": BODY, "distance_mi": 0.0, "reason": "Endorsed in 2009; tier 1, internal; dormant",
               "dormant": True, "ask": {"body": "american-federation-of-government-employees",
                                        "name": "American Federation of Government Employees",
                                        "explanation": "its parent body"}}],
    "state_groups": [],
}

COUNTS = {"total": 0, "endorsing": 0, "checked": 0, "mobilized": 0, "gap": None}

DISTRICT = {
    "code": "OR-3", "state": "OR", "number": 3, "congress": 119,
    "representative": {"name": "Maxine Dexter", "bioguide_id": "D000635", "party": "Democrat",
                       "since": "2025-01-03", "since_exact": True},
    "cosponsorship": [
        {"bill": "HR 3069", "congress": 119, "cosponsored_on": "2025-04-29", "original": True,
         "member": True, "seat": "OR-3"},
        {"bill": "HR 3421", "congress": 118, "cosponsored_on": None, "original": False,
         "member": False, "seat": None},
    ],
    "bodies": COUNTS,
    "bodies_possibly_in": {"total": 7, "endorsing": 7, "checked": 3, "mobilized": 1, "gap": 0.8571},
    "pressure_point": False, "url": "/districts/OR-3",
}

DISTRICT_DETAIL = {**DISTRICT, "seat_history": [
    {"congress": 119, "bill": "HR 3069", "holders": [
        {"name": "Maxine Dexter", "bioguide_id": "D000635", "party": "Democrat", "start": "2025-01-03",
         "end": "2027-01-03", "cosponsored_on": "2025-04-29", "original": True}]},
    {"congress": 118, "bill": "HR 3421", "holders": [
        {"name": "Earl Blumenauer", "bioguide_id": "B000574", "party": "Democrat", "start": "2023-01-03",
         "end": "2025-01-03", "cosponsored_on": "2023-05-17", "original": True}]},
]}
