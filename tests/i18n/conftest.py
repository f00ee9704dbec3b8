"""Reviewer fixtures for the checks that reviewer pages stay in English."""

from tests.moderation.conftest import make_reviewer, reviewer_client

__all__ = ["make_reviewer", "reviewer_client"]
