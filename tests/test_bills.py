"""Bills by family, with lineage and endorsers."""

from __future__ import annotations


def test_bills_by_family_with_endorser_counts(client, make_bill, make_body, make_resolution):
    first = make_bill(code="HR 676", slug="hr-676", congress=108)
    second = make_bill(code="HR 1384", slug="hr-1384", congress=116, predecessor_id=first.id)
    for n in range(3):
        make_resolution(make_body(name=f"Endorser {n}"), bill_id=first.id)
    make_resolution(make_body(name="Later"), bill_id=second.id)
    make_resolution(make_body(name="General"), bill_id=None, bill_as_reported="single payer")
    page = client.get("/bills").get_data(as_text=True)
    assert "HR 676 → HR 1384" in page and "(follows HR 676)" in page
    assert ">3</a>" in page and ">1</a>" in page
    assert "1 bodies endorsed Medicare for All without naming a bill number" in page


def test_bill_page_lists_endorsers_and_lineage(client, make_bill, make_body, make_resolution):
    first = make_bill(code="HR 676", slug="hr-676", congress=108)
    make_bill(code="HR 1384", slug="hr-1384", congress=116, predecessor_id=first.id)
    make_resolution(make_body(name="Sioux Falls Trades and Labor Assembly"), bill_id=first.id)
    page = client.get("/bills/hr-676").get_data(as_text=True)
    assert "Sioux Falls Trades and Labor Assembly" in page
    assert "followed by" in page and "/bills/hr-1384" in page


def test_bill_codes_in_any_spelling_redirect_and_unknown_is_404(client, make_bill):
    make_bill(code="HR 676", slug="hr-676")
    response = client.get("/bills/HR%20676")
    assert response.status_code == 301 and response.headers["Location"].endswith("/bills/hr-676")
    assert client.get("/bills/hr-9999999").status_code == 404
