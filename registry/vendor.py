"""Front-end libraries served by the app itself from their XStatic packages (no CDN)."""

from __future__ import annotations

from flask import Blueprint, abort, send_from_directory
from xstatic.pkg import leaflet, leaflet_markercluster

bp = Blueprint("vendor", __name__, url_prefix="/vendor")

LIBRARIES = {
    "leaflet": leaflet.BASE_DIR,
    "leaflet.markercluster": leaflet_markercluster.BASE_DIR,
}


@bp.get("/<library>/<path:filename>")
def asset(library: str, filename: str):
    """A file of a vendored library, cached for a day (versions change only with the package)."""
    directory = LIBRARIES.get(library)
    if directory is None:
        abort(404)
    return send_from_directory(directory, filename, max_age=86400)
