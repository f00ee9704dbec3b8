"""/bills and /bills/<code>."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import gettext

from registry.bills import services

bp = Blueprint("bills", __name__, url_prefix="/bills")


@bp.get("")
def index():
    return render_template("bills/index.html", families=services.families(),
                           unnumbered=services.unnumbered_endorsers())


@bp.get("/<code>")
def detail(code: str):
    page = services.bill_page(code)
    if page is None:
        slug = services.slug_for_code(code)
        if slug is None:
            abort(404, description=gettext("No bill has that code."))
        return redirect(url_for("bills.detail", code=slug), 301)
    return render_template("bills/detail.html", page=page)
