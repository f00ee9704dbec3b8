"""The one schemathesis check this project adds, also loadable by the CLI
(`SCHEMATHESIS_HOOKS=tests.api.schemathesis_hooks st run … --exclude-checks positive_data_acceptance`)."""

from __future__ import annotations

import schemathesis
from schemathesis.specs.openapi.checks import positive_data_acceptance

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
    # A JSON number's decimals (binary floating point) cannot be bounded by multipleOf reliably.
    ("json", "payload.amount_usd"): {"Give the amount in dollars and cents (at most two decimals)."},
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
