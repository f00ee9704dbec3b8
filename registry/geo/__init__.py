"""Geography: the offline gazetteer, free-text place lookup, geocoders behind geopy's interface,
and distances."""

from registry.geo.distance import Box, bounding_boxes, miles, sphere_miles
from registry.geo.gazetteer import (
    Place,
    city_place,
    normalise_city,
    place_for_body,
    state_name,
    state_place,
    zip_place,
)
from registry.geo.geocoders import CachedNominatim, GazetteerGeocoder, geocoder_for, place_from
from registry.geo.lookup import Lookup, Suggestion, lookup

__all__ = [
    "Box", "CachedNominatim", "GazetteerGeocoder", "Lookup", "Place", "Suggestion", "bounding_boxes",
    "city_place", "geocoder_for", "lookup", "miles", "normalise_city", "place_for_body", "place_from",
    "sphere_miles", "state_name", "state_place", "zip_place",
]
