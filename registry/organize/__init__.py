"""The organizer finder: union bodies near a ZIP or city, who to approach, a call list."""
