"""The exploring pages (home, about, the body list and profile, bills, the map, error pages) read
in Spanish under Accept-Language: es, and as before in English; the map's script gets its words
from the page in the reader's language; `lang` on a shared link is never taken for a filter."""

from __future__ import annotations

import json
import re

import pytest

SPANISH = {"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}

# Per page: phrases a Spanish reader sees, and what the English page says in their place.
PAGES = {
    "/": (["Los organismos sindicales se pronunciaron a favor de Medicare para Todos. ¿Qué hicieron después?",
           "Organismos sindicales con respaldo registrado", "Dónde el apoyo se quedó en el papel",
           "Ohio: 0 de 1 organismo que dio su respaldo no tiene movilización registrada",
           "menos de 50 %", "Participe"],
          ["Union bodies went on record for Medicare for All. What did they do next?",
           "Endorsing union bodies on record", "Where support stopped at paper",
           "Ohio: 0 of 1 endorsing bodies have no recorded mobilization", "under 50%", "Take part"]),
    "/about": (["Acerca del registro", "De dónde vienen los registros", "Niveles de evidencia",
                "<dt>Primaria</dt>", "“Aún sin revisar” y “solo en papel”"],
               ["About the registry", "Where the records come from", "Evidence levels",
                "<dt>Primary</dt>", "“Not yet checked” and “paper only”"]),
    "/bodies": (["Todos los organismos sindicales del registro", "Todos los estados", "Todos los tipos",
                 "Cualquier nivel", "Ordenar por", "Nombre (A–Z)", "Aplicar", "Borrar todo",
                 "Medicare para Todos en general (sin nombrar un proyecto de ley)",
                 "2 organismos sindicales", "Descargar estas 2 filas (todas las páginas):",
                 "Nivel 3 · Movilización", "Con fuente", "HR 676 → HR 3069 (Cámara de Representantes)"],
                ["Every union body on record", "All states", "All levels", "Any tier", "Sort by",
                 "Name (A–Z)", "Apply", "Clear all", "Medicare for All in general (no bill named)",
                 "2 union bodies", "Download these 2 rows (all pages):", "Tier 3 · Mobilizing", "Sourced",
                 "HR 676 → HR 3069 (house)"]),
    "/bodies?state=OH&tier=3": (["1 organismo sindical", "(seleccionado; quitar este filtro)",
                                 "Nivel de seguimiento"],
                                ["1 union body", "(selected; remove this filter)", "Follow-through tier"]),
    "/bodies/sweep-local": (["Informar de una acción", "Disputar el nivel", "Lo que consta",
                             "1 resolución, 1 acción de seguimiento y 0 revisiones, de lo más reciente a lo "
                             "más antiguo.", "(escalón 3)", "200 participantes", "Historial de este registro",
                             "Forma parte de"],
                            ["Report an action", "Dispute the tier", "Record",
                             "1 resolution, 1 follow-through action and 0 checks, newest first.", "(rung 3)",
                             "200 participants", "History of this record", "Part of"]),
    "/bills": (["Proyectos de ley de Medicare para Todos",
                "Cámara de Representantes: familia HR 676 → HR 3069", "Organismos a favor",
                "Patrocinador"],
               ["Medicare for All bills", "House family: HR 676 → HR 3069", "Endorsing bodies", "Sponsor"]),
    "/bills/hr-676": (["Linaje", "el primero de su familia", "Organismos sindicales en el registro (1)",
                       "Resoluciones que nombran HR 676", "Posición"],
                      ["Lineage", "first of its family", "Union bodies on record (1)",
                       "Resolutions naming HR 676", "Stance"]),
    "/map": (["Mapa del seguimiento", "Leyenda", "Estados: la brecha", "Aplicar filtros",
              "Tabla con los mismos resultados", "Aún sin revisar: dio su respaldo",
              "Un grupo de organismos: selecciónelo para acercar el mapa", "En total,",
              "Brecha por estado (1 con organismos que dieron su respaldo)", "Con señal de retroceso"],
             ["Follow-through map", "Legend", "States: the gap", "Apply filters", "Table of the same results",
              "Not yet checked: endorsed", "A group of bodies: select it to zoom in", "Overall,",
              "Gap by state (1 with endorsing bodies)", "Retreat flag on record"]),
    "/bodies/no-such-body": (["No encontrado", "Ningún organismo sindical tiene esa dirección.",
                              "Ir a la página de inicio", "explore los organismos sindicales"],
                             ["Not Found", "No union body has that address.", "Go to the home page",
                              "browse union bodies"]),
}


def text_of(response) -> str:
    return " ".join(response.get_data(as_text=True).split())


@pytest.mark.parametrize("path", list(PAGES))
def test_the_explore_pages_read_in_spanish_and_in_english(client, sweep_registry, path):
    spanish_phrases, english_phrases = PAGES[path]
    spanish = text_of(client.get(path, headers=SPANISH))
    english = text_of(client.get(path, headers=ENGLISH))
    for phrase in spanish_phrases:
        assert phrase in spanish, phrase
    for phrase in english_phrases:
        assert phrase in english, phrase
        if phrase not in spanish_phrases:  # words the same in both ("Name (A–Z)") may stay
            assert phrase not in spanish, phrase


def test_an_unknown_address_reads_in_spanish_with_werkzeugs_own_description(client):
    page = text_of(client.get("/no-such-page", headers=SPANISH))
    assert "No se encontró la dirección solicitada en el servidor." in page
    assert "The requested URL was not found" not in page


@pytest.mark.parametrize("path", ["/bodies?lang=es&state=OH", "/map?lang=es&state=OH",
                                  "/map/results?lang=es&state=OH", "/api/v1/bodies?lang=es&state=OH",
                                  "/bodies.csv?lang=es&state=OH"])
def test_lang_on_a_link_is_not_a_filter(client, sweep_registry, path):
    """A shared link may ask for a language: the filters read past it, never 'Unknown field'."""
    response = client.get(path, headers=ENGLISH)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    if not path.startswith(("/api/", "/bodies.csv")):
        page = text_of(response)
        assert "Unknown field" not in page and "Campo desconocido" not in page
        assert "1 organismo sindical" in page


def map_words(client, headers) -> dict:
    html = client.get("/map", headers=headers).get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="map-words">(.*?)</script>', html, re.S)
    assert block, "the map page hands its script no words"
    return json.loads(block.group(1))


def test_the_maps_words_follow_the_reader(client, sweep_registry):
    spanish = map_words(client, SPANISH)
    english = map_words(client, ENGLISH)
    assert spanish["language"] == "es" and english["language"] == "en"
    assert spanish.keys() == english.keys()
    # Every word the script shows differs between the two languages.
    same = [key for key in english if key != "language" and spanish[key] == english[key]]
    assert same == []
    assert english["notYetChecked"] == "Not yet checked" and spanish["notYetChecked"] == "Aún sin revisar"
    assert english["showOnly"] == "Show only {name}" and spanish["showOnly"] == "Mostrar solo {name}"
    assert english["months"][4] == "May" and spanish["months"][4] == "mayo"
    assert spanish["date"] == "{day} de {month} de {year}" and english["date"] == "{day} {month} {year}"
    assert spanish["stateGap"]["one"].startswith("{name}: {part} de {num} organismo que dio su respaldo")
    assert spanish["stateGap"]["other"].startswith("{name}: {part} de {num} organismos que dieron")
    assert english["stateGap"]["one"] == ("{name}: {part} of {num} endorsing body has no recorded "
                                          "mobilization (gap {gap}).")
    assert spanish["tier"] == "Nivel {tier} · {name}"


# Strings in the scripts that nobody reads: a directive, and an error caught before it is shown.
NOT_SHOWN = {"use strict", "unexpected response"}


def css_classes(text: str) -> bool:
    """'badge flag flag-retreat', '.leaflet-overlay-pane svg': class names or a selector."""
    tokens = text.split()
    return (all(re.fullmatch(r"[a-z0-9.#-]+", token) for token in tokens)
            and any("-" in token or "." in token for token in tokens))


def test_the_map_scripts_carry_no_words_of_their_own():
    """Every word the map shows comes from the page: the scripts hold no English sentence."""
    from pathlib import Path

    root = Path(__file__).parent.parent.parent / "static" / "js"
    for name in ("map.js", "map-layers.js"):
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", (root / name).read_text(encoding="utf-8"), flags=re.S)
        strings = [text for line in code.splitlines() for text in re.findall(r"'([^'\n]*)'", line)]
        sentences = [text for text in strings if re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", text)
                     and text not in NOT_SHOWN and not css_classes(text)]
        assert sentences == [], f"{name}: {sentences}"


@pytest.mark.parametrize("path", ["/bodies?tier=9&checked=maybe", "/map?tier=9&checked=maybe"])
def test_filter_errors_read_in_spanish(client, sweep_registry, path):
    """A filter that does not parse is explained in the reader's language (and as before in English)."""
    spanish = client.get(path, headers=SPANISH)
    english = client.get(path, headers=ENGLISH)
    assert spanish.status_code == english.status_code == 400
    assert "Debe ser mayor o igual que 0 y menor o igual que 4." in text_of(spanish)
    assert "No es un valor de sí o no válido." in text_of(spanish)
    assert "Must be greater than or equal to 0 and less than or equal to 4." in text_of(english)
    assert "Not a valid boolean." in text_of(english)
    assert "Not a valid boolean." not in text_of(spanish)


def test_a_bodys_history_reads_in_spanish(client, make_body, make_bill):
    """Labels, vocabularies, dates, numbers and origins of the history follow the reader."""
    from registry.database import db
    from registry.records.services import Provenance, record_revision

    body = make_body(name="Portland Nurses", slug="portland-nurses")
    bill = make_bill(code="HR 676", slug="hr-676")
    record_revision("resolution", 5, body.id, {
        "body_id": (None, body.id), "bill_id": (None, bill.id), "stance": (None, "support"),
        "adopted_on": (None, "2019-05-01"), "date_precision": (None, "month"),
        "commitments": (None, ["educate_members"])},
        Provenance(reason="Seed data: seeds/endorsements.csv line 589"))
    record_revision("body", body.id, body.id, {"members": (12000, 12500), "geocode_precision": (None, "zip")},
                    Provenance(reason="Import of akron.csv on 2026-11-30 line 3"))
    db.session.commit()
    spanish = text_of(client.get("/bodies/portland-nurses", headers=SPANISH))
    for phrase in ("Resolución agregada", "Datos del organismo modificados",
                   "cargado de la lista inicial de respaldos publicados del registro (fila 589)",
                   "Proyecto de ley: HR 676", "Aprobada: mayo de 2019", "Posición: A favor",
                   "Compromisos: Educar a los miembros", "Miembros: 12.000 → 12.500",
                   "Ubicado en el mapa por: Código postal",
                   "importado del archivo akron.csv el 30 de noviembre de 2026 (fila 3)", "2 cambios"):
        assert phrase in spanish, phrase
    english = text_of(client.get("/bodies/portland-nurses", headers=ENGLISH))
    assert "Members: 12,000 → 12,500" in english and "Adopted: May 2019" in english


def test_the_map_popups_reason_reads_in_the_pages_language(client, sweep_registry):
    """The marker's popup asks for the reason in the page's language (the API keeps English)."""
    spanish = client.get("/map/reason/sweep-local?lang=es").get_json()
    english = client.get("/map/reason/sweep-local?lang=en").get_json()
    api = client.get("/api/v1/bodies/sweep-local", headers=SPANISH).get_json()
    assert english["reason"] == api["tier_reason"]
    assert english["reason"].startswith("Tier 3 — ")
    assert spanish["reason"].startswith("Nivel 3 — ") and "marzo de 2020" in spanish["reason"]
    assert client.get("/map/reason/no-such-body?lang=es").status_code == 404
