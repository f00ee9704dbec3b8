"""Numeric keys in /api/v1/bodies/<id-or-slug> never overflow the database's integer ids."""

import pytest

from registry.records.services import slugify


@pytest.mark.parametrize("key", ["2147483648", "99999999999999999999", "0"])
def test_ids_no_row_can_have_are_404(client, key):
    response = client.get(f"/api/v1/bodies/{key}")
    assert response.status_code == 404 and response.get_json()["code"] == 404


def test_slugs_are_never_all_digits():
    assert slugify("1199") == "body-1199"
    assert slugify("Local 1199") == "local-1199"
