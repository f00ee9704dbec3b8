"""The public pages and member forms read in Spanish under Accept-Language: es, and in English
otherwise: every page of the sweep is rendered in both and no interface words are left in
English."""

from __future__ import annotations

import pytest

from tests.i18n.untranslated import data_strings, left_in_english
from tests.sweep import PUBLIC_PAGES

SPANISH = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}
# Pages for reviewers only; they may stay in English.
REVIEWER_ONLY = {"/login"}


@pytest.mark.parametrize("path", [p for p in PUBLIC_PAGES if p not in REVIEWER_ONLY])
def test_every_public_page_reads_in_spanish(client, sweep_registry, path):
    english = client.get(path, headers=ENGLISH)
    spanish = client.get(path, headers=SPANISH)
    assert spanish.status_code == english.status_code
    assert '<html lang="es">' in spanish.get_data(as_text=True)
    left = left_in_english(english.get_data(as_text=True), spanish.get_data(as_text=True),
                           data_strings())
    assert left == [], f"{path} still shows English: {left}"
