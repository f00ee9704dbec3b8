"""schemathesis, in-process, against /api/openapi.json: every operation, every default check
(no 5xx, statuses, content types, headers and bodies as documented, schema-valid input accepted,
schema-violating input rejected, 405 with Allow for undeclared methods), on a small registry.
positive_data_acceptance runs as valid_data_accepted: the same check, except that a 422 naming
only a rule no OpenAPI document can state (see schemathesis_hooks.UNSTATABLE) is accepted."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from registry import create_app
from tests.api.schemathesis_hooks import valid_data_accepted

# The document is read once from an app of its own at collection time; the cases then run
# against the test app and its database. (schemathesis' fixture-based loader does not work with
# this pytest version.)
DOCUMENT_APP = create_app({"TESTING": True, "SECRET_KEY": "document-only-app-secret",
                           "SQLALCHEMY_DATABASE_URI": "sqlite://"})
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", DOCUMENT_APP)

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "40"))


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None,
          # The registry is built once per operation and only read by the cases.
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_api_matches_its_document(case, app, districted_registry):
    case.call_and_validate(app=app, excluded_checks=[positive_data_acceptance],
                           additional_checks=[valid_data_accepted])
