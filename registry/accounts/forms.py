"""The reviewer login form."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField
from wtforms.validators import InputRequired, Length

from registry.vocab import LENGTHS


class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired("Give your email."),
                                            Length(max=LENGTHS["email"])])
    password = PasswordField("Password", validators=[InputRequired("Give your password."),
                                                     Length(max=200)])
    next = HiddenField(validators=[Length(max=LENGTHS["url"])])


class LogoutForm(FlaskForm):
    """Logging out is a POST with a CSRF token, so no other site can log a reviewer out."""


class AccountForm(FlaskForm):
    """A reviewer's own settings."""

    mail_digest = BooleanField("Email me a daily digest of the review queue")
