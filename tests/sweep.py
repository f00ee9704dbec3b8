"""The list of every page of the site, reached with the `sweep_registry` fixture's small registry
(tests/conftest.py): shared by the sweeps that walk them all (accessibility in Chromium, the
Spanish interface)."""

from __future__ import annotations

PUBLIC_PAGES = [
    "/", "/bodies", "/bodies?state=OH&tier=3", "/bodies/sweep-local", "/bills", "/bills/hr-676",
    "/gap", "/about", "/about/methodology", "/about/coverage", "/submit/action?report=check",
    "/map", "/organize", "/organize?near=43215&radius_mi=50",
    "/data", "/submit", "/submit/resolution", "/submit/action", "/submit/correction/sweep-local",
    "/login", "/bodies/no-such-body", "/districts", "/districts?state=OH&cosponsor=false",
    "/districts/OH-3", "/districts/OR-3", "/districts/VT-AL", "/help/check?near=43215",
    "/bodies/sweep-local/watch",
]
REVIEWER_PAGES = ["/review", "/review/{submission}", "/review/research", "/account"]
