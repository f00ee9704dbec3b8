"""Downloads: the rows of a filter, or whole tables, streamed as CSV, JSON or GeoJSON."""
