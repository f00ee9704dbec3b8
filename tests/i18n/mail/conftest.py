"""The moderation fixtures (submissions, reviewers) for the tests of members' emails."""

from tests.moderation.conftest import make_reviewer, make_submission, reviewer_client

__all__ = ["make_reviewer", "make_submission", "reviewer_client"]
