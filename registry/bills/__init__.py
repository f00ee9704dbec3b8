"""Bills by family, with their lineage and endorsers."""
