"""The figures and methods pages (/gap, /about/methodology, /about/coverage, /data) read in
Spanish, with numbers, shares and dates in the Spanish style, while the English pages, the CSV
files and the data package read as before."""

from __future__ import annotations

import re

import pytest

from tests.gap_registry import build_gap_registry
from tests.i18n.untranslated import visible_texts

SPANISH = {"Accept-Language": "es-MX,es;q=0.9"}
ENGLISH = {"Accept-Language": "en-US,en;q=0.9"}


@pytest.fixture
def registry(make_body, make_bill, make_resolution, make_action, make_check):
    return build_gap_registry(make_body, make_bill, make_resolution, make_action, make_check)


def page_text(client, path: str, headers: dict) -> str:
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return " ".join(" ".join(visible_texts(response.get_data(as_text=True))).split())


def html(client, path: str, headers: dict) -> str:
    return client.get(path, headers=headers).get_data(as_text=True)


def test_the_gap_with_a_filter_reads_in_spanish(client, registry):
    text = page_text(client, "/gap?level=local", SPANISH)
    # Local unions: 5 endorsing, 4 checked, 2 mobilized (tests/gap_registry.py).
    assert ("A 4 de los 5 organismos sindicales a favor de Medicare para Todos se les ha "
            "revisado el seguimiento, y el 50 % de ellos nunca movilizó miembros ni dinero.") in text
    assert "1 aún no se han revisado: se cuentan como desconocidos, no como solo en papel." in text
    for phrase in ("La brecha entre el apoyo en papel y la movilización", "Brecha por tipo de organismo",
                   "Brecha por afiliación", "Brecha por estado",
                   "Resoluciones aprobadas y acciones realizadas, por año",
                   "Tabla: las cifras de “Brecha por estado”", "Descargar “Brecha por estado” en CSV",
                   "Movilizados (nivel 3 o superior)", "Brecha ponderada por miembros"):
        assert phrase in text, phrase
    page = html(client, "/gap?level=local", SPANISH)
    # The filter keeps its choice, named in Spanish; the chart's axis and bars speak Spanish too.
    assert '<option value="local" selected>Sindicato local</option>' in page
    # Spanish writes a no-break space before the percent sign.
    assert 'text-anchor="middle" class="tick">25\u00a0%</text>' in page
    assert re.search(r'class="value">brecha \d+\u00a0% de \d+ revisados</text>', page)
    assert "Gap by" not in page and "Endorsing bodies" not in page


def test_the_gap_in_english_is_unchanged(client, registry):
    text = page_text(client, "/gap?level=local", ENGLISH)
    assert ("4 of the 5 endorsing union bodies have had their follow-through checked, and 50% of "
            "those never mobilized members or money. 1 have not been checked yet: they are counted "
            "as unknown, not as paper only.") in text
    page = html(client, "/gap?level=local", ENGLISH)
    assert '<option value="local" selected>Local union</option>' in page
    assert 'text-anchor="middle" class="tick">25%</text>' in page
    assert "Sindicato" not in page and "brecha" not in page


def test_the_filter_choices_are_kept_apart_per_language(client, registry):
    """The filter form's options are cached per data version: one copy per language."""
    assert "<option value=\"\">Todos los tipos</option>" in html(client, "/gap", SPANISH)
    english = html(client, "/gap", ENGLISH)
    assert "<option value=\"\">All levels</option>" in english
    assert ">Sindicato local<" not in english and ">Local union<" in english
    assert ">Sindicato local<" in html(client, "/gap", SPANISH)


def test_the_gap_csv_stays_in_english(client, registry):
    spanish = client.get("/gap/affiliation.csv", headers=SPANISH).get_data(as_text=True)
    assert spanish == client.get("/gap/affiliation.csv", headers=ENGLISH).get_data(as_text=True)
    assert spanish.startswith("group,label,endorsing,")


def test_the_methodology_reads_in_spanish(client, registry):
    text = page_text(client, "/about/methodology", SPANISH)
    for phrase in (
        "Metodología: la escalera de seguimiento y la brecha",
        "Nivel 0 · Solo en papel",
        # Reasons worked out by the rules, said in Spanish with Spanish dates.
        "Nivel 3 — Movilización: manifestación o marcha el 1 de mayo de 2019, 400 miembros",
        "Nivel 0 — Solo en papel: revisado el 12 de noviembre de 2026, no se encontró seguimiento",
        "Activo sin resolución · Nivel 2 — Público: visita a legisladores el 3 de marzo de 2020",
        "un organismo cuya última actividad fue el 1 de mayo de 2019 pasa a estar inactivo el "
        "2 de mayo de 2020",
        "“2019”, “mayo de 2019”, “1 de mayo de 2019”",
        "Una acción cuenta cuando fue por un proyecto de ley federal de pagador único",
        "1 − movilizados ÷ revisados",
    ):
        assert phrase in text, phrase
    assert "Tier " not in text and "Mobilizing" not in text


def test_the_methodology_in_english_is_unchanged(client, registry):
    text = page_text(client, "/about/methodology", ENGLISH)
    for phrase in (
        "Methodology: the follow-through ladder and the gap",
        "Tier 3 — Mobilizing: rally or march on 1 May 2019, 400 members",
        "a body last active on 1 May 2019 becomes dormant on 2 May 2020",
        "“2019”, “May 2019”, “1 May 2019”",
        "An action counts when it was for a federal single-payer bill, a state single-payer bill "
        "or ballot measure, or single payer / medicare for all in general.",
    ):
        assert phrase in text, phrase
    assert "Nivel" not in text


def test_coverage_reads_in_spanish_and_keeps_the_seed_data_marked_english(client, registry):
    text = page_text(client, "/about/coverage", SPANISH)
    # 8 endorsing union bodies, 7 checked (tests/gap_registry.py): 88 %.
    assert ("El registro tiene 8 organismos sindicales a favor; 7 (88 %) se han revisado "
            "y 1 todavía no.") in text
    for phrase in ("Cobertura: qué parte del historial tiene el registro",
                   "Junto a las cifras de las propias campañas", "Miembros e investigación, mes a mes",
                   "Por tipo de organismo", "Sindicato local"):
        assert phrase in text, phrase
    page = html(client, "/about/coverage", SPANISH)
    # The campaigns' own words, read from seeds/coverage.csv and seeds/lists.csv, are marked English.
    assert '<th scope="row" lang="en">union organizations<br>' in page
    assert '<td lang="en"><a href="https://healthoverprofit.org/organizing-with-labor/"' in page


def test_coverage_in_english_is_unchanged(client, registry):
    text = page_text(client, "/about/coverage", ENGLISH)
    assert "The registry holds 8 endorsing union bodies; 7 (88%) have been checked, 1 not yet." in text
    assert "Members and research, month by month" in text


def test_data_reads_in_spanish_with_english_file_names_citation_and_licence(client, registry):
    text = page_text(client, "/data", SPANISH)
    for phrase in ("Datos", "Diccionario de datos", "Identificador del organismo en el registro.",
                   "número entero", "Cómo citar", "Columnas del CSV de respaldos",
                   "Nombre del organismo sindical (obligatorio).", "Registros publicados por mes"):
        assert phrase in text, phrase
    page = html(client, "/data", SPANISH)
    assert '<blockquote class="citation" lang="en"><p>Resolution Registry (snapshot of' in page
    assert 'rel="license" lang="en">Open Data Commons Attribution License v1.0</a>' in page
    assert '<h3 id="fields-bodies" lang="en">bodies</h3>' in page
    # Field names stay as the CSV headers are written.
    assert "<code>first_resolution_on</code>" in page
    assert "Registry identifier of the body." not in page


def test_data_in_english_and_the_data_package_are_unchanged(client, registry):
    text = page_text(client, "/data", ENGLISH)
    assert "Registry identifier of the body." in text and "Data dictionary" in text
    package = client.get("/data/datapackage.json", headers=SPANISH).get_json()
    bodies = next(r for r in package["resources"] if r["name"] == "bodies")
    assert bodies["description"] == "Union bodies with their follow-through status."
    assert bodies["schema"]["fields"][0]["description"] == "Registry identifier of the body."


def test_spanish_counts_are_grouped_the_spanish_way(client, registry):
    """Members across the registry: 322,300 in English, 322.300 in Spanish."""
    assert "322.300" in page_text(client, "/gap", SPANISH)
    assert "322,300" in page_text(client, "/gap", ENGLISH)


def test_text_marked_english_is_not_counted_as_interface():
    texts = visible_texts('<html lang="en"><p>Shown <span lang="en">a <b>quoted</b> title<br>'
                          '</span> here</p><blockquote lang="en"><p>Cite me</p></blockquote>'
                          '<p title="A label">End</p></html>')
    assert texts == ["Shown", "here", "A label", "End"]


def test_a_bad_gap_filter_is_explained_in_the_readers_language(client):
    spanish = client.get("/gap?tier=9", headers={"Accept-Language": "es"})
    english = client.get("/gap?tier=9", headers={"Accept-Language": "en"})
    assert spanish.status_code == english.status_code == 400
    assert "Debe ser mayor o igual que 0 y menor o igual que 4." in spanish.get_data(as_text=True)
    assert "Must be greater than or equal to 0 and less than or equal to 4." in english.get_data(as_text=True)
