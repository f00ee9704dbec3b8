"""Reviewers: the moderation queue, possible duplicates, and decisions that publish records."""
