"""The organizer finder, /help/check and the district pages read in Spanish: counts and distances
in Spanish with correct plurals ("1 milla", "50 millas") and Spanish decimals ("0,5"), the place
lookup's messages in Spanish, and the English pages as before."""

from __future__ import annotations

import re

import pytest

SPANISH = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}


def text_of(html: str) -> str:
    """The page's words with tags removed and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def page(client, path: str, headers: dict) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def test_organize_with_a_zip_and_a_radius(client, sweep_registry):
    spanish = page(client, "/organize?near=43215&radius_mi=50", SPANISH)
    words = text_of(spanish)
    assert "1 organismo sindical a menos de 50 millas de 43215 (Columbus, OH)" in words
    assert "Descargar esta lista de llamadas (CSV)" in words
    assert "Cómo leer esta lista" in words
    # The reason for the call and whom to ask, in Spanish.
    assert "La respaldó en " in words and "su organismo superior registrado" in words.lower()
    # Distances with a decimal comma, the map's unit from the page.
    [distance] = re.findall(r'<td class="distance">([^<]*)</td>', spanish)
    assert re.fullmatch(r"\d+,\d", distance)
    assert 'data-miles-unit="mi"' in spanish

    english = text_of(page(client, "/organize?near=43215&radius_mi=50", ENGLISH))
    assert "1 union body within 50 miles of 43215 (Columbus, OH)" in english
    assert "Download this call list (CSV)" in english
    [english_distance] = re.findall(r'<td class="distance">([^<]*)</td>',
                                    page(client, "/organize?near=43215&radius_mi=50", ENGLISH))
    assert english_distance == distance.replace(",", ".")


@pytest.mark.parametrize("radius,spanish,english", [
    ("1", "a menos de 1 milla de 43215", "within 1 mile of 43215"),
    ("2.5", "a menos de 2,5 millas de 43215", "within 2.5 miles of 43215"),
    ("50", "a menos de 50 millas de 43215", "within 50 miles of 43215"),
])
def test_a_radius_has_its_plural_and_decimals(client, sweep_registry, radius, spanish, english):
    path = f"/organize?near=43215&radius_mi={radius}"
    assert spanish in text_of(page(client, path, SPANISH))
    assert english in text_of(page(client, path, ENGLISH))


def test_an_unknown_zip_is_explained_in_spanish(client, sweep_registry):
    response = client.get("/organize?near=99999&radius_mi=30", headers=SPANISH)
    words = text_of(response.get_data(as_text=True))
    assert "No pudimos ubicar «99999»" in words
    assert "El código postal 99999 no está en el nomenclátor." in words
    english = text_of(client.get("/organize?near=99999&radius_mi=30", headers=ENGLISH)
                      .get_data(as_text=True))
    assert "No ZIP code 99999 in the gazetteer." in english


def test_a_bad_radius_is_explained_in_spanish(client, sweep_registry):
    response = client.get("/organize?near=43215&radius_mi=900", headers=SPANISH)
    assert response.status_code == 400
    assert "Escriba el radio como un número de millas de 1 a 500." in response.get_data(as_text=True)


def test_help_check_in_spanish(client, sweep_registry):
    words = text_of(page(client, "/help/check?near=43215", SPANISH))
    assert "Ayude a revisar: ¿qué hicieron los organismos cerca de usted?" in words
    assert "1 organismo por revisar a menos de 50 millas de 43215 (Columbus, OH)" in words
    assert "Sé lo que pasó" in words and "Busqué: nada" in words
    assert re.search(r"· \d+,\d mi", words)
    unknown = client.get("/help/check?near=99999", headers=SPANISH)
    assert unknown.status_code == 400
    assert "Cerca de: El código postal 99999 no está en el nomenclátor." in text_of(
        unknown.get_data(as_text=True))


def test_districts_in_spanish(client, sweep_registry):
    words = text_of(page(client, "/districts", SPANISH))
    assert "Distritos del Congreso" in words
    assert "Cada distrito del mapa del 119.º Congreso" in words
    assert "Primero los puntos de presión" in words
    assert re.search(r"\d+ distritos", words)

    ohio = text_of(page(client, "/districts/OH-3", SPANISH))
    assert "Ohio, distrito 3" in ohio and "Representante actual" in ohio
    assert "no ha copatrocinado HR 3069" in ohio or "copatrocinó HR 3069" in ohio
    assert "Quién ocupó este escaño" in ohio and "118.º" in ohio

    vermont = text_of(page(client, "/districts/VT-AL", SPANISH))
    assert "Vermont, distrito único" in vermont
    assert "Vermont at-large seat" in text_of(page(client, "/districts/VT-AL", ENGLISH))

    missing = client.get("/districts/ZZ-99", headers=SPANISH)
    assert missing.status_code == 404


def test_a_bad_district_filter_is_explained_in_spanish(client, sweep_registry):
    response = client.get("/districts?sort=sideways", headers=SPANISH)
    assert response.status_code == 400
    words = text_of(response.get_data(as_text=True))
    assert "Debe ser uno de: pressure, district, endorsing, gap." in words
    english = client.get("/districts?sort=sideways", headers=ENGLISH).get_data(as_text=True)
    assert "Must be one of: pressure, district, endorsing, gap." in text_of(english)
