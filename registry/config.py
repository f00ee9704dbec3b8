"""Settings: defaults here, then the environment, then a test's overrides.

Every setting is documented in the README. Defaults hold no secrets.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

DEV_SECRET_KEY = "dev-only-not-secret"  # noqa: S105 - refused outside debug and testing
# Counters in each process's memory: right for one process; see per_worker_rate_limit_warning.
DEFAULT_RATELIMIT_STORAGE = "memory://"

# Settings read from plain environment variables of the same name.
ENV_SETTINGS = (
    "SECRET_KEY",
    "RATELIMIT_STORAGE_URI",
    "UPLOAD_FOLDER",
    "GEOCODER",
    "NOMINATIM_USER_AGENT",
    "MAP_TILE_URL",
    "MAP_TILE_ATTRIBUTION",
    "SITE_URL",
    "PROXY_COUNT",
    "CACHE_REDIS_URL",
    "MAIL_SERVER",
    "MAIL_USERNAME",
    "MAIL_PASSWORD",
    "MAIL_FROM",
    "MAIL_OUTBOX",
)
MAIL_FLAGS = ("MAIL_USE_TLS", "MAIL_USE_SSL")
MAIL_NUMBERS = ("MAIL_PORT", "MAIL_TIMEOUT")


def defaults(app: Flask) -> dict[str, Any]:
    return {
        "SECRET_KEY": DEV_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": "sqlite:///" + os.path.join(app.instance_path, "registry.sqlite3"),
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        "RATELIMIT_STORAGE_URI": DEFAULT_RATELIMIT_STORAGE,
        "RATELIMIT_HEADERS_ENABLED": True,
        "UPLOAD_FOLDER": os.path.join(app.instance_path, "uploads"),
        "MAX_CONTENT_LENGTH": 12 * 1024 * 1024,  # uploads are capped at 10 MB by the form
        "GEOCODER": "offline",
        "NOMINATIM_USER_AGENT": None,
        "MAP_TILE_URL": None,
        "MAP_TILE_ATTRIBUTION": None,
        "SITE_URL": "http://127.0.0.1:5000",
        "PER_PAGE": 50,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # None: Secure outside debug mode and tests (see secure_cookies). Plain-HTTP testing of a
        # production-mode server sets SESSION_COOKIE_SECURE=false explicitly.
        "SESSION_COOKIE_SECURE": None,
        # Strict-Transport-Security on HTTPS answers outside debug mode; 0 sends none.
        "HSTS_MAX_AGE": 365 * 24 * 3600,
        "WTF_CSRF_TIME_LIMIT": None,
        # Fixed "today" for the follow-through rules (dormancy); None means the real date.
        "REGISTRY_TODAY": None,
        # Reverse proxies in front of the app (load balancer, nginx): their X-Forwarded-* headers
        # are trusted, so rate limits count real client addresses. 0 trusts none.
        "PROXY_COUNT": 0,
        # Rendered public pages, kept per data version: None means on, except under TESTING.
        "PAGE_CACHE": None,
        # Where they are kept: Redis shared by every worker (redis://…), or None for each
        # process's memory.
        "CACHE_REDIS_URL": None,
        "CACHE_DEFAULT_TIMEOUT": 3600,
        "CACHE_THRESHOLD": 500,  # pages kept in each process's memory (without Redis)
        "PAGE_CACHE_MAX_BYTES": 2_000_000,  # larger answers (whole-registry downloads) are not kept
        # Email (registry.mail). Without MAIL_SERVER, messages are written to MAIL_OUTBOX.
        "MAIL_SERVER": None,
        "MAIL_PORT": None,  # 465 with MAIL_USE_SSL, 587 with MAIL_USE_TLS, else 25
        "MAIL_USERNAME": None,
        "MAIL_PASSWORD": None,
        "MAIL_USE_TLS": False,  # STARTTLS on a plain connection
        "MAIL_USE_SSL": False,  # TLS from the first byte (SMTPS)
        "MAIL_FROM": None,  # "Resolution Registry <no-reply@SITE_URL's host>" when unset
        "MAIL_OUTBOX": os.path.join(app.instance_path, "outbox"),
        "MAIL_TIMEOUT": 10,
    }


def parse_flag(name: str, text: str) -> bool:
    """An on/off setting from the environment: 1/true/yes/on or 0/false/no/off."""
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {text!r}.")


def parse_number(name: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {text!r}.") from None


def secure_cookies(app: Flask) -> None:
    """Session (and remember-me) cookies travel over HTTPS only, unless debugging or testing, or
    turned off explicitly (SESSION_COOKIE_SECURE=false) to try a production set-up over HTTP."""
    if app.config.get("SESSION_COOKIE_SECURE") is None:
        app.config["SESSION_COOKIE_SECURE"] = not (app.debug or app.testing)
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config["SESSION_COOKIE_SECURE"])
    app.config.setdefault("REMEMBER_COOKIE_SECURE", app.config["SESSION_COOKIE_SECURE"])


def normalise_database_url(url: str) -> str:
    """Accept the common spellings of a PostgreSQL URL and pick the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def load(app: Flask, test_config: dict[str, Any] | None) -> None:
    app.config.from_mapping(defaults(app))
    for name in ENV_SETTINGS:
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    if os.environ.get("SESSION_COOKIE_SECURE"):
        app.config["SESSION_COOKIE_SECURE"] = parse_flag("SESSION_COOKIE_SECURE",
                                                         os.environ["SESSION_COOKIE_SECURE"])
    if os.environ.get("PAGE_CACHE"):
        app.config["PAGE_CACHE"] = parse_flag("PAGE_CACHE", os.environ["PAGE_CACHE"])
    for name in MAIL_FLAGS:
        if os.environ.get(name):
            app.config[name] = parse_flag(name, os.environ[name])
    for name in MAIL_NUMBERS:
        if os.environ.get(name):
            app.config[name] = parse_number(name, os.environ[name])
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    app.config.from_prefixed_env()
    if test_config:
        app.config.from_mapping(test_config)
    secure_cookies(app)
    uri = normalise_database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    app.config["SQLALCHEMY_DATABASE_URI"] = uri
    if uri.startswith("postgresql"):
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
            "pool_pre_ping": True, **app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        }


# Flask-Limiter storages whose counters live in one process only.
PER_PROCESS_STORAGES = ("memory://",)


def per_worker_rate_limit_warning(workers: int) -> str | None:
    """What to say when `workers` processes would each keep their own rate-limit counters; None
    when the counters are shared (Redis) or there is one worker. Reads the setting from the
    environment as load() does (FLASK_RATELIMIT_STORAGE_URI over RATELIMIT_STORAGE_URI)."""
    if workers <= 1:
        return None
    storage = (os.environ.get("FLASK_RATELIMIT_STORAGE_URI") or os.environ.get("RATELIMIT_STORAGE_URI")
               or DEFAULT_RATELIMIT_STORAGE)
    if not storage.startswith(PER_PROCESS_STORAGES):
        return None
    rule = "!" * 100
    return (f"{rule}\n!!! Rate limits are counted per worker: RATELIMIT_STORAGE_URI is {storage} and "
            f"gunicorn runs {workers} workers,\n!!! so every address gets each limit (submissions, "
            f"logins) {workers} times over. Set RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379/0\n"
            f"!!! (README, Production) to share the counters, or run one worker.\n{rule}")


def serves_requests() -> bool:
    """False while a `flask` command other than `run` loads the app (users create, seed, import,
    export, …): those never sign a session or a form, so they need no production secret. Anything
    else (gunicorn, `flask run`, app.run) serves requests and must have one."""
    if os.environ.get("FLASK_RUN_FROM_CLI") != "true":
        return True
    import click

    context = click.get_current_context(silent=True)
    return context is None or context.command.name == "run"


class SettingsError(RuntimeError):
    """The app refuses to start with settings that would be unsafe."""


def check(app: Flask) -> None:
    """Refuse to serve real users with the development secret, or an unusable geocoder."""
    if app.config.get("GEOCODER") not in ("offline", "nominatim"):
        raise SettingsError("GEOCODER must be 'offline' (the default) or 'nominatim'.")
    if app.config.get("GEOCODER") == "nominatim" and not app.config.get("NOMINATIM_USER_AGENT"):
        raise SettingsError("GEOCODER=nominatim needs NOMINATIM_USER_AGENT (Nominatim's usage policy "
                            "asks every deployment to identify itself).")
    if app.config.get("MAIL_USE_TLS") and app.config.get("MAIL_USE_SSL"):
        raise SettingsError("Set MAIL_USE_TLS (STARTTLS, usually port 587) or MAIL_USE_SSL (SMTPS, "
                            "usually port 465), not both.")
    if app.debug or app.testing or not serves_requests():
        return
    secret = app.config.get("SECRET_KEY")
    if not secret or secret == DEV_SECRET_KEY or len(str(secret)) < 16:
        raise SettingsError(
            "SECRET_KEY is missing or is the development key. Set SECRET_KEY in the environment "
            "to a long random value (python -c 'import secrets; print(secrets.token_hex(32))'), "
            "or run with --debug for local development."
        )
