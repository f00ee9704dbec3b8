"""Union bodies: the list and the profile pages."""
