"""The public JSON API under /api/v1, documented at /api/openapi.json (flask-smorest)."""

from __future__ import annotations

from flask import Flask

from registry.api.spec import ConditionalRequestsPlugin, RegistryApi, add_error_examples

api = RegistryApi()

API_SETTINGS = {
    "API_TITLE": "Resolution Registry API",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.1.0",
    "OPENAPI_URL_PREFIX": "/api",
    "OPENAPI_JSON_PATH": "openapi.json",
    "API_SPEC_OPTIONS": {
        "info": {
            "description": "Which union bodies went on record for Medicare for All, and what they did "
                           "next. Read-only listings share the filters of the HTML pages; only "
                           "reviewed, published records appear. Every read answers with an ETag "
                           "and Last-Modified (send If-None-Match or If-Modified-Since for a 304), "
                           "may be read from any origin (CORS), and every error has one JSON shape.",
            "license": {"name": "ODC-By-1.0", "url": "https://opendatacommons.org/licenses/by/1-0/"},
        },
    },
}


def register(app: Flask) -> None:
    from registry.api import (
        bodies,
        caching,
        cors,
        districts,
        docs,
        geo,
        messages,
        nearby,
        records,
        stats,
        submissions,
    )
    from registry.extensions import csrf

    for key, value in API_SETTINGS.items():
        app.config.setdefault(key, value)
    api.init_app(app, spec_kwargs={"extra_plugins": [ConditionalRequestsPlugin()]})
    add_error_examples(api)
    for blueprint in (bodies.blp, records.resolutions, records.actions, records.bills, stats.blp,
                      geo.blp, nearby.blp, districts.blp, submissions.blp):
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint, url_prefix=f"/api/v1{blueprint.url_prefix or ''}")
    caching.register(app)
    cors.register(app)
    messages.register(app)
    app.register_blueprint(docs.bp)
