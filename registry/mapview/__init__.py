"""The follow-through map: a state choropleth of the gap and union bodies as markers, with the
GeoJSON queries behind /api/v1/geo."""
