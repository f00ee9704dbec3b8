"""Reviewer login and logout."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from registry.accounts.forms import AccountForm, LoginForm, LogoutForm
from registry.accounts.services import authenticate, set_mail_digest
from registry.database import db
from registry.extensions import limiter
from registry.main.links import local_path

bp = Blueprint("auth", __name__)

DEFAULT_LOGIN_RATE_LIMIT = "10 per 15 minutes"
LOGIN_FAILED = "That email and password do not match an active reviewer account."


def login_rate_limit() -> str:
    return current_app.config.get("LOGIN_RATE_LIMIT") or DEFAULT_LOGIN_RATE_LIMIT


def safe_next(target: str | None) -> str:
    return local_path(target) or url_for("review.index")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(login_rate_limit, methods=["POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(form.next.data))
        # One message whichever part was wrong, so the form does not confirm accounts.
        return render_template("auth/login.html", form=form, failed=LOGIN_FAILED)
    status = 422 if form.errors else 200
    return render_template("auth/login.html", form=form, failed=None), status


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            # Ends this session and any other, even one whose cookie was copied.
            current_user.end_sessions()
            db.session.commit()
        logout_user()
        flash("You are logged out.")
        return redirect(url_for("main.index"))
    return render_template("auth/logout.html", form=form, signed_in=current_user.is_authenticated)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """The reviewer's own settings: the daily digest of the queue."""
    user = current_user._get_current_object()
    form = AccountForm(obj=user)
    if form.validate_on_submit():
        set_mail_digest(user, form.mail_digest.data)
        db.session.commit()
        flash("You will get a daily digest of the review queue by email, at " + user.email + "."
              if form.mail_digest.data else "You will get no digest of the review queue.")
        return redirect(url_for("auth.account"))
    return render_template("auth/account.html", form=form, user=user), 422 if form.errors else 200
