"""Atom feed of newly published records."""
