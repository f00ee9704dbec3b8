"""Follow a body: the request form, the confirmation link and the unsubscribe link."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext, lazy_gettext
from flask_wtf import FlaskForm
from wtforms import StringField

from registry.bodies import services as bodies
from registry.extensions import csrf
from registry.main.errors import PRIVATE
from registry.submissions.budget import translated_wait, translated_words
from registry.watches import limits, services

bp = Blueprint("watches", __name__)


class WatchForm(FlaskForm):
    email = StringField(lazy_gettext("Your email address"))


class ButtonForm(FlaskForm):
    """Only the CSRF token: a button that confirms."""


@bp.after_request
def private(response):
    response.headers["Cache-Control"] = PRIVATE
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def _body_or_404(slug: str):
    profile = bodies.get_profile(slug)
    if profile is None:
        abort(404, description=gettext("No union body has that address."))
    return profile.body


@bp.route("/bodies/<slug>/watch", methods=["GET", "POST"])
def watch(slug: str):
    body = _body_or_404(slug)
    form = WatchForm()
    if request.method == "GET" or not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        if request.method == "POST":
            form.email.errors = [*form.email.errors, gettext("The form had expired: please send it again.")]
        return render_template("watches/watch.html", body=body, form=form), status
    try:
        email = services.normalised_email(form.email.data)
    except services.WatchError as error:
        form.email.errors = [str(error)]
        return render_template("watches/watch.html", body=body, form=form), 400
    over = limits.spend(email)
    if over is not None:
        form.email.errors = [gettext("Email address: too many requests to follow bodies for now "
                                     "(%(limit)s). Please try again %(wait)s.",
                                     limit=translated_words(over.rule),
                                     wait=translated_wait(over.retry_after))]
        return (render_template("watches/watch.html", body=body, form=form), 429,
                {"Retry-After": str(over.retry_after)})
    services.request_watch(body, email)
    return render_template("watches/requested.html", body=body)


@bp.route("/watch/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    watch = services.watch_for_confirmation(token)
    if watch is None:
        return render_template("watches/done.html", heading=gettext("This link does not work"),
                               message=gettext("It was used already, or it was changed on the way. If "
                                               "you asked to follow a body, ask again from its page.")), 404
    form = ButtonForm()
    if request.method == "POST" and form.validate_on_submit():
        body = watch.body
        services.confirm(watch)
        return render_template("watches/done.html", heading=gettext("You follow %(name)s", name=body.name),
                               message=gettext("Every six months while nobody has recorded what it did "
                                               "after its resolution, you get one short email asking "
                                               "whether it acted. Every email has a link to stop them."),
                               body=body)
    return render_template("watches/confirm.html", watch=watch, form=form)


@bp.route("/watch/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: a mail client posts "List-Unsubscribe=One-Click" with no form of ours
def unsubscribe(token: str):
    watch = services.watch_from_unsubscribe_token(token)
    if watch is None:
        return render_template("watches/done.html", heading=gettext("This link does not work"),
                               message=gettext("It was changed on the way. The link in any email from "
                                               "us stops them in one step.")), 404
    if request.method == "POST":
        services.unsubscribe(watch)
        return render_template("watches/done.html", heading=gettext("No more email"),
                               message=gettext("This address will not get any more email from the "
                                               "Resolution Registry."))
    return render_template("watches/unsubscribe.html", watch=watch)
