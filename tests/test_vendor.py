"""Leaflet and its cluster plugin are served by the app, never from a CDN."""

import pytest


@pytest.mark.parametrize("path,type_", [
    ("/vendor/leaflet/leaflet.js", "javascript"),
    ("/vendor/leaflet/leaflet.css", "text/css"),
    ("/vendor/leaflet/images/marker-icon.png", "image/png"),
    ("/vendor/leaflet.markercluster/leaflet.markercluster.js", "javascript"),
    ("/vendor/leaflet.markercluster/MarkerCluster.Default.css", "text/css"),
])
def test_vendored_files_are_served(client, path, type_):
    with client.get(path) as response:
        assert response.status_code == 200 and type_ in response.content_type


@pytest.mark.parametrize("path", ["/vendor/jquery/jquery.js", "/vendor/leaflet/../../setup.py",
                                  "/vendor/leaflet/nope.js"])
def test_unknown_files_are_404(client, path):
    with client.get(path) as response:
        assert response.status_code == 404
