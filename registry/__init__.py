"""The Resolution Registry: which union bodies went on record for Medicare for All, and what
they did next."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from registry import config

PROJECT_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=os.path.join(PROJECT_ROOT, "templates"),
        static_folder=os.path.join(PROJECT_ROOT, "static"),
    )
    config.load(app, test_config)
    config.check(app)
    os.makedirs(app.instance_path, exist_ok=True)
    trust_proxies(app)
    register_extensions(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_template_helpers(app)
    register_commands(app)
    return app


def trust_proxies(app: Flask) -> None:
    """Behind PROXY_COUNT reverse proxies, take the client address and scheme from their headers."""
    count = int(app.config.get("PROXY_COUNT") or 0)
    if count > 0:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)


def register_extensions(app: Flask) -> None:
    from registry import models  # noqa: F401 - models must be known to the metadata
    from registry.accounts.services import load_user
    from registry.extensions import csrf, db, limiter, login_manager, migrate
    from registry.pagecache import configure as configure_page_cache

    db.init_app(app)
    migrate.init_app(app, db, directory=os.path.join(PROJECT_ROOT, "migrations"),
                     render_as_batch=True, compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    configure_page_cache(app)


def register_blueprints(app: Flask) -> None:
    from registry import api
    from registry.accounts.views import bp as auth_bp
    from registry.bills.views import bp as bills_bp
    from registry.bodies.views import bp as bodies_bp
    from registry.coverage.views import bp as coverage_bp
    from registry.datasets.views import bp as data_bp
    from registry.districts.views import bp as districts_bp
    from registry.documents.views import bp as documents_bp
    from registry.exports.views import bp as exports_bp
    from registry.feeds.views import bp as feeds_bp
    from registry.gap.views import bp as gap_bp
    from registry.helpcheck.views import bp as helpcheck_bp
    from registry.main.views import bp as main_bp
    from registry.mapview.views import bp as mapview_bp
    from registry.organize.views import bp as organize_bp
    from registry.review.views import bp as review_bp
    from registry.submissions.views import bp as submissions_bp
    from registry.vendor import bp as vendor_bp
    from registry.watches.views import bp as watches_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(bodies_bp)
    app.register_blueprint(vendor_bp)
    app.register_blueprint(exports_bp)
    app.register_blueprint(data_bp)
    app.register_blueprint(feeds_bp)
    app.register_blueprint(bills_bp)
    app.register_blueprint(gap_bp)
    app.register_blueprint(coverage_bp)
    app.register_blueprint(mapview_bp)
    app.register_blueprint(organize_bp)
    app.register_blueprint(districts_bp)
    app.register_blueprint(submissions_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(documents_bp)
    app.register_blueprint(watches_bp)
    app.register_blueprint(helpcheck_bp)
    api.register(app)


def register_error_handlers(app: Flask) -> None:
    from registry.main import errors, guards

    errors.register(app)
    guards.register(app)


def register_template_helpers(app: Flask) -> None:
    from registry import languages
    from registry.main import links, templating

    templating.register(app)
    links.register(app)
    languages.register(app)


def register_commands(app: Flask) -> None:
    from registry.commands import register

    register(app)
