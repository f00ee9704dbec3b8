"""The API's words for people follow Accept-Language: an error's message and the messages per
field are in Spanish under `es`, while the status name, the locations, the field names and the
data stay English; error answers say they vary by Accept-Language."""

from __future__ import annotations

import pytest

SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}


def test_a_validation_error_reads_in_spanish_with_the_same_fields(client):
    english = client.get("/api/v1/bodies?tier=9&page=x", headers=ENGLISH)
    spanish = client.get("/api/v1/bodies?tier=9&page=x", headers=SPANISH)
    assert english.status_code == spanish.status_code == 422
    en, es = english.get_json(), spanish.get_json()
    assert en["message"] == ("The request was well-formed but was unable to be followed due to "
                             "semantic errors.")
    assert es["message"] == ("La solicitud está bien formada, pero no se pudo atender por errores "
                             "en su contenido.")
    assert es["status"] == en["status"] == "Unprocessable Entity"
    assert es["code"] == 422
    # The same places and field names, the messages translated (values kept).
    assert set(es["errors"]) == set(en["errors"]) == {"query"}
    assert set(es["errors"]["query"]) == set(en["errors"]["query"]) == {"tier", "page"}
    assert en["errors"]["query"]["page"] == ["Not a valid integer."]
    assert es["errors"]["query"]["page"] == ["No es un número entero válido."]
    assert en["errors"]["query"]["tier"] == [
        "Must be greater than or equal to 0 and less than or equal to 4."]
    assert es["errors"]["query"]["tier"] == ["Debe ser mayor o igual que 0 y menor o igual que 4."]
    for response in (english, spanish):
        assert "Accept-Language" in response.headers.get("Vary", "")


def test_a_choice_error_keeps_its_choices_as_data(client):
    spanish = client.get("/api/v1/bodies?state=ZZ", headers=SPANISH).get_json()
    [message] = spanish["errors"]["query"]["state"]
    assert message.startswith("Debe ser uno de: AL, AK, ")


@pytest.mark.parametrize("path,english,spanish", [
    ("/api/v1/bodies/no-such-body", "No union body has that id or slug.",
     "Ningún organismo sindical tiene ese id o slug."),
    ("/api/v1/nearby?near=99999", "No ZIP code 99999 in the gazetteer.",
     "El código postal 99999 no está en el nomenclátor."),
])
def test_not_found_messages_follow_the_language(client, path, english, spanish):
    assert client.get(path, headers=ENGLISH).get_json()["message"] == english
    answer = client.get(path, headers=SPANISH)
    assert answer.status_code == 404 and answer.get_json()["message"] == spanish
    assert "Accept-Language" in answer.headers["Vary"]


def test_data_in_a_successful_answer_stays_english(client, make_body):
    """Reasons and ask-up rules are data of the API: English whatever the reader's language."""
    council = make_body(name="Columbus Labor Council", level="central_labor_council",
                        latitude=39.97, longitude=-83.01, geocode_precision="city")
    make_body(name="Columbus Nurses Local 1", latitude=39.96, longitude=-83.0,
              geocode_precision="city", parent_id=council.id)
    path = "/api/v1/nearby?near=43215&radius_mi=10"
    english = client.get(path, headers=ENGLISH).get_json()
    spanish = client.get(path, headers=SPANISH).get_json()
    assert spanish == english
    nurses = next(i for i in spanish["items"] if i["body"]["name"] == "Columbus Nurses Local 1")
    assert nurses["reason"] == "No resolution of support on record: ask them to pass one"
    assert nurses["ask"]["explanation"] == "its parent body on record"
