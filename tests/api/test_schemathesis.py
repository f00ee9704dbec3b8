"""schemathesis, in-process, against /api/openapi.json: every operation, every default check
(no 5xx, statuses, content types, headers and bodies as documented, schema-valid input accepted,
schema-violating input rejected, 405 with Allow for undeclared methods), on a small registry."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from registry import create_app

# The document is read once from an app of its own at collection time; the cases then run
# against the test app and its database. (schemathesis' fixture-based loader does not work with
# this pytest version.)
DOCUMENT_APP = create_app({"TESTING": True, "SECRET_KEY": "document-only-app-secret",
                           "SQLALCHEMY_DATABASE_URI": "sqlite://"})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", DOCUMENT_APP)

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "40"))

# Rules an OpenAPI document cannot state (an order between two numbers of one argument, a
# record that must exist, a date not in the future). A schema-valid request may be refused
# with 422 for these, and only these; each is named in the parameter's description.
UNSTATABLE = {
    ("query", "year_from"): {"Must not be after year_to."},
    ("query", "adopted_from"): {"Must not be after adopted_to."},
    ("query", "occurred_from"): {"Must not be after occurred_to."},
    ("json", "payload.body_id"): {"No union body in the registry has that id.",
                                  "Choose a body from the registry or describe a new one (not both)."},
    ("json", "payload.bill_id"): {"No bill in the registry has that id."},
    ("json", "payload.adopted_on"): {"That date is in the future: report only what has happened."},
    ("json", "payload.occurred_on"): {"That date is in the future: report only what has happened."},
    ("json", "payload.source_url"): {"Not a valid URL."},
    ("json", "submitter.name"): {"Give your name to be credited, or untick the credit box."},
    ("query", "bbox"): {"Longitudes must run west < east, within -180 to 180.",
                        "Latitudes must run south < north, within -90 to 90."},
}


def refusals(errors: dict, where: str = "", path: str = "") -> set[tuple[str, str, str]]:
    """(where, dotted field, message) for every message of a 422 answer."""
    found = set()
    for name, value in errors.items():
        if not where:
            found |= refusals(value, name)
        elif isinstance(value, dict):
            found |= refusals(value, where, f"{path}{name}.")
        else:
            found |= {(where, f"{path}{name}", message) for message in value}
    return found


@schemathesis.check
def valid_data_accepted(ctx, response, case):
    """positive_data_acceptance, except for refusals naming only the rules in UNSTATABLE."""
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive and response.status_code == 422:
        unexplained = {(where, name, message) for where, name, message
                       in refusals(response.json().get("errors", {}))
                       if message not in UNSTATABLE.get((where, name), ())}
        assert not unexplained, f"Schema-valid request refused: {sorted(unexplained)}"
        return None
    return positive_data_acceptance(ctx, response, case)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          # The registry is built once per operation and only read by the cases.
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_api_matches_its_document(case, app, small_registry):
    case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance],
                           additional_checks=[valid_data_accepted])
