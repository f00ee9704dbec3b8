"""The member forms say what fits each form, choose nothing for the member, tell bills of the
same name apart, offer a new body when a search finds none, and promise about sources only what
the rule is (a submission without a link or a document is accepted, and published as reported)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.moderation.helpers import PDF, action_fields, form_tokens, post_form, resolution_fields


def label_of(page: str, field: str) -> str:
    match = re.search(rf'<label for="{field}">([^<]*)</label>', page)
    assert match, f"no label for {field}"
    return match.group(1)


@pytest.fixture
def correction_path(make_body) -> str:
    return f"/submit/correction/{make_body().slug}"


def test_each_form_asks_for_the_document_that_fits_it(client, correction_path):
    resolution = label_of(client.get("/submit/resolution").get_data(as_text=True), "document")
    action = label_of(client.get("/submit/action").get_data(as_text=True), "document")
    correction = label_of(client.get(correction_path).get_data(as_text=True), "document")
    assert "signed resolution" in resolution
    assert "what happened" in action and "resolution" not in action
    assert "what the record should say" in correction and "resolution" not in correction
    assert all("10 MB" in label for label in (resolution, action, correction))


def test_the_action_kind_has_no_default(client, make_body):
    page = client.get("/submit/action").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="kind".*?</select>', page, re.S).group(0)
    assert re.search(r'<select[^>]*><option value="">Choose what the body did</option>', select)
    assert "selected" not in select
    body = make_body()
    response = post_form(client, "/submit/action", action_fields(body.id, kind=""))
    assert response.status_code == 422
    error = response.get_data(as_text=True).split('id="kind-error"', 1)[1].split("</p>", 1)[0]
    assert "Choose what the body did." in error


def test_a_check_still_needs_no_kind(client, make_body):
    body = make_body()
    fields = action_fields(body.id, report="check", kind="", searched="The minutes",
                           **{"occurred-month": "3", "occurred-day": "2"})
    assert post_form(client, "/submit/action", fields).status_code == 200


def test_bills_of_the_same_name_are_told_apart_by_congress_and_year(client, make_bill):
    make_bill(code="HR 3069", congress=119, introduced_on=date(2025, 4, 29))
    make_bill(code="HR 3421", congress=118, introduced_on=date(2023, 5, 17))
    make_bill(code="HR 676", congress=108, introduced_on=date(2003, 2, 11),
              title="United States National Health Insurance Act (or the Expanded and Improved "
                    "Medicare for All Act); reintroduced in each Congress through the 115th")
    make_bill(code="AB 1400", congress=None, jurisdiction="CA", chamber="state", family="calcare",
              title="CalCare", introduced_on=date(2021, 2, 19))
    page = client.get("/submit/resolution").get_data(as_text=True)
    select = re.search(r'<select[^>]*id="bill".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="\d+">([^<]*)</option>', select)
    assert "HR 3069 — Medicare for All Act (119th Congress, 2025)" in options
    assert "HR 3421 — Medicare for All Act (118th Congress, 2023)" in options
    assert "HR 676 — United States National Health Insurance Act (108th Congress, 2003)" in options
    assert "AB 1400 — CalCare (CA, 2021)" in options
    assert all(len(option) <= 90 for option in options)


def test_a_search_that_finds_nothing_offers_a_new_body_with_the_typed_name(client, make_body):
    make_body(name="Listed Local 1")
    response = post_form(client, "/submit/resolution",
                         {"body_query": "Painters District Council 36", "find": "1"},
                         tokens=form_tokens(client, "/submit/resolution"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(r'id="body-new" value="new" checked', page)
    assert re.search(r'<input id="new_name"[^>]*value="Painters District Council 36"', page)
    assert "chosen, with the name you typed" in page


def test_a_search_that_finds_a_body_chooses_nothing(client, make_body):
    make_body(name="Listed Local 1")
    page = post_form(client, "/submit/resolution", {"body_query": "Listed", "find": "1"},
                     tokens=form_tokens(client, "/submit/resolution")).get_data(as_text=True)
    assert "Listed Local 1" in page and " checked" not in page.split('id="body-new"', 1)[1][:40]


def test_the_typed_name_never_overwrites_a_name_already_given(client):
    page = post_form(client, "/submit/resolution",
                     {"body_query": "Painters DC 36", "find": "1",
                      "new_name": "Painters District Council 36"},
                     tokens=form_tokens(client, "/submit/resolution")).get_data(as_text=True)
    assert re.search(r'<input id="new_name"[^>]*value="Painters District Council 36"', page)


def test_the_words_about_sources_match_the_rule(client, make_body):
    """No source is required: the form says so, and the thank-you page promises a source check
    only when a source was given."""
    body = make_body()
    form = client.get("/submit/resolution").get_data(as_text=True)
    assert "Without either, a reviewer may still" in form
    assert "no public source attached yet" in client.get("/submit").get_data(as_text=True)

    unsourced = post_form(client, "/submit/resolution",
                          resolution_fields(body.id, title="No source", source_url=""))
    text = " ".join(unsourced.get_data(as_text=True).split())
    assert unsourced.status_code == 200
    assert "and its source" not in text and "You gave no link or document" in text

    linked = post_form(client, "/submit/resolution", resolution_fields(body.id, title="Linked"))
    assert "and its source before anything is published" in linked.get_data(as_text=True)

    document = post_form(client, "/submit/resolution",
                         resolution_fields(body.id, title="Scanned", source_url=""), document=PDF)
    assert "and its source before anything is published" in document.get_data(as_text=True)
