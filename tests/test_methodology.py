"""/about/methodology is rendered from the rule module: change a rule and the page changes."""

from __future__ import annotations

import html

import pytest

from registry import cache
from registry.followthrough import ladder
from registry.followthrough.ladder import ACTION_KINDS, TIER_MEANINGS, TIERS, ActionKind
from registry.vocab import EVIDENCE_LEVELS


def page(client) -> str:
    response = client.get("/about/methodology")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def tier_row(text: str, tier: int) -> str:
    return text.split(f'<tr id="tier-{tier}">')[1].split("</tr>")[0]


def test_every_kind_appears_on_its_rung(client):
    text = page(client)
    for tier, name in TIERS.items():
        row = tier_row(text, tier)
        assert f"Tier {tier} · {name}" in row and TIER_MEANINGS[tier] in row
        for kind in ACTION_KINDS.values():
            assert (f"<code>{kind.code}</code>" in row) is (kind.rung == tier), (tier, kind.code)
    counters = text.split("<h3>Counter-actions</h3>")[1].split("</section>")[0]
    for kind in ACTION_KINDS.values():
        if kind.is_counter:
            assert f"<code>{kind.code}</code> — {kind.label}" in counters
            assert kind.meaning in counters


def test_rules_flags_formulas_dates_and_evidence_are_explained(client):
    flat = " ".join(page(client).split())
    assert "tier-3 actions in 3 or more distinct months" in flat
    assert "more than 12 months old" in flat
    assert "a body last active on 1 May 2019 becomes dormant on 2 May 2020" in flat
    assert "1 − mobilized ÷ endorsing" in flat and "tier 3 or higher" in flat
    assert "1 − mobilized ÷ checked" in flat and "the figure the site leads with" in flat
    assert "actions ending before the earliest one appear on the body's page" in flat
    assert "adopted <em>on or before</em> that date" in flat
    assert "Undated actions count</strong>" in flat
    assert "the date it was first reported" in flat
    assert "it is shown as “not yet checked” everywhere a tier would show, and never as paper only" in flat
    assert "A check older than 24 months goes back into the reviewers' research queue" in flat
    assert ("An action counts when it was for a federal single-payer bill, a state single-payer "
            "bill or ballot measure, or single payer / medicare for all in general") in flat
    assert "Work for general health reform that is not single payer is shown" in flat
    assert "Allied organizations" in flat
    assert "no endorsing bodies" in flat
    for meaning in EVIDENCE_LEVELS.values():
        assert meaning in flat
    assert "<code>check_in</code>" in flat and "does <strong>not</strong> prove" in flat
    assert "Active without a resolution" in flat and "Retreat" in flat


def test_examples_are_computed_by_the_rules(client):
    flat = " ".join(page(client).split())
    assert "Tier 3 — Mobilizing: rally or march on 1 May 2019, 400 members" in flat
    assert "Tier 4 — Escalating: sustained campaign" in flat
    assert "Not yet checked: nobody has recorded a look" in flat
    assert "Tier 0 — Paper only: checked 12 November 2026, no follow-through found" in flat
    assert "No supporting resolution on record; retreat: opposed a bill on 1 May 2017" in flat
    assert "Active without a resolution · Tier 2 — Public: lobby visit on 3 March 2020" in flat
    # A roster date never puts the earlier rally before the resolution; health reform never counts.
    assert "Tier 3 — Mobilizing: rally or march in November 2018" in flat
    assert "(1 for health reform other than single payer, not counted)" in flat


def test_changing_the_sustained_and_dormancy_rules_changes_the_page(client, monkeypatch):
    monkeypatch.setattr(ladder, "SUSTAINED_MONTHS", 5)
    monkeypatch.setattr(ladder, "DORMANT_AFTER_MONTHS", 24)
    flat = " ".join(page(client).split())
    assert "tier-3 actions in 5 or more distinct months" in flat
    assert "more than 24 months old" in flat
    assert "becomes dormant on 2 May 2021" in flat
    # The example campaign grows to five months and the rules still call it sustained.
    assert "canvassing in March 2019, May 2019, July 2019, September 2019, November 2019" in flat
    assert "mobilizing actions in 5 distinct months" in flat


def test_moving_a_kind_to_another_rung_moves_it_on_the_page(client, monkeypatch):
    lobby = ACTION_KINDS["lobby_visit"]
    monkeypatch.setitem(ACTION_KINDS, "lobby_visit",
                        ActionKind(lobby.code, lobby.label, 3, lobby.meaning))
    text = page(client)
    assert "<code>lobby_visit</code>" in tier_row(text, 3)
    assert "<code>lobby_visit</code>" not in tier_row(text, 2)
    assert "Tier 3 — Mobilizing: lobby visit on 3 March 2020" in " ".join(text.split())


def test_mobilizing_threshold_changes_the_page_and_the_figures(client, monkeypatch, make_body,
                                                               make_resolution, make_action):
    body = make_body()
    make_resolution(body)
    make_action(body, "testimony")
    assert "0 <span" in client.get("/").get_data(as_text=True).split("Mobilized")[1][:200]
    monkeypatch.setattr(ladder, "MOBILIZED_TIER", 2)
    cache.clear()  # rules change with a deploy, which starts with an empty cache
    flat = " ".join(page(client).split())
    assert "endorsing bodies at tier 2 or higher" in flat
    assert "1 <span" in client.get("/").get_data(as_text=True).split("Mobilized")[1][:200]


@pytest.mark.parametrize("path", ["/about", "/gap"])
def test_methodology_is_linked(client, path):
    assert 'href="/about/methodology"' in client.get(path).get_data(as_text=True)
