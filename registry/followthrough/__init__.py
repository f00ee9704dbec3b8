"""The follow-through ladder and the gap: one home for the rules that pages and API read."""
