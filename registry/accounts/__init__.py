"""Reviewer and administrator accounts."""
