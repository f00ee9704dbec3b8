"""Settings: production refuses the development secret; database URLs are normalised."""

from __future__ import annotations

import pytest

from registry import create_app
from registry.config import DEV_SECRET_KEY, SettingsError, normalise_database_url


@pytest.mark.parametrize("secret", [None, "", DEV_SECRET_KEY, "short"])
def test_production_refuses_missing_or_development_secret(secret, tmp_path, monkeypatch):
    """Outside debug and testing, the app will not start without a real SECRET_KEY."""
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite3"}
    if secret is not None:
        settings["SECRET_KEY"] = secret
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        create_app(settings)


def test_production_starts_with_a_real_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app({"SECRET_KEY": "x" * 40,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert not app.debug and not app.testing


def test_debug_mode_may_use_the_development_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.sqlite3"})
    assert app.debug and app.config["SECRET_KEY"] == DEV_SECRET_KEY


def test_environment_settings_are_read(tmp_path, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s" * 40)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite3")
    monkeypatch.setenv("RATELIMIT_STORAGE_URI", "memory://")
    app = create_app()
    assert app.config["SECRET_KEY"] == "s" * 40
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("env.sqlite3")


@pytest.mark.parametrize("given,expected", [
    ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
    ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ("sqlite:///x.db", "sqlite:///x.db"),
])
def test_database_urls_use_psycopg3(given, expected):
    assert normalise_database_url(given) == expected


def test_client_address_comes_from_trusted_proxies_only(make_app):
    """Behind a load balancer, rate limits must see the member's address, not the balancer's."""
    from flask import request

    for count, expected in ((0, "10.0.0.1"), (1, "203.0.113.7")):
        app = make_app(PROXY_COUNT=count)

        @app.get("/whoami")
        def whoami():
            return request.remote_addr or ""

        response = app.test_client().get("/whoami", headers={"X-Forwarded-For": "203.0.113.7"},
                                         environ_base={"REMOTE_ADDR": "10.0.0.1"})
        assert response.get_data(as_text=True) == expected
