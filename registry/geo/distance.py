"""Distances in miles: geopy's geodesic for the answer, a spherical estimate and bounding boxes
to find the few candidates worth measuring exactly."""

from __future__ import annotations

import math
from dataclasses import dataclass

from geopy import units
from geopy.distance import geodesic

# Mean Earth radius in miles, for the spherical estimate only.
EARTH_RADIUS_MI = 3958.7613
# The spherical estimate differs from the WGS-84 geodesic by at most about 0.56 % (north-south
# near the equator, where the meridian curves least); 0.75 % is a safe band (a test checks it).
SPHERE_ERROR = 0.0075
# Shortest length of one degree of latitude on the WGS-84 ellipsoid (at the equator), in miles.
MIN_MILES_PER_DEGREE_LAT = 68.70
# Smallest radius of curvature of the ellipsoid (at the equator, along the meridian), in miles.
MIN_CURVATURE_RADIUS_MI = 3936.0


# One geodesic measurer, reused: building geopy's ellipsoid model costs more than a measurement.
_GEODESIC = geodesic()


def miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """The geodesic (WGS-84) distance between two (latitude, longitude) points, in miles:
    exactly `geopy.distance.geodesic(a, b).miles`."""
    return units.miles(kilometers=_GEODESIC.measure(a, b))


def sphere_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance on a sphere: within SPHERE_ERROR of the geodesic, and fast."""
    return SphereFrom(lat1, lon1).miles_to(lat2, lon2)


class SphereFrom:
    """Haversine distances from one fixed point, with its trigonometry done once."""

    __slots__ = ("lat", "lon", "cos_lat")

    def __init__(self, latitude: float, longitude: float):
        self.lat, self.lon = math.radians(latitude), math.radians(longitude)
        self.cos_lat = math.cos(self.lat)

    def miles_to(self, latitude: float, longitude: float) -> float:
        lat = math.radians(latitude)
        h = (math.sin((lat - self.lat) / 2) ** 2
             + self.cos_lat * math.cos(lat) * math.sin((math.radians(longitude) - self.lon) / 2) ** 2)
        return 2 * EARTH_RADIUS_MI * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class Box:
    south: float
    north: float
    west: float
    east: float


def bounding_boxes(latitude: float, longitude: float, radius_mi: float) -> list[Box]:
    """Latitude/longitude boxes that together contain every point within `radius_mi` (geodesic).

    Deliberately a little generous; two boxes when the circle crosses the 180th meridian."""
    dlat = radius_mi / MIN_MILES_PER_DEGREE_LAT * 1.001
    south, north = max(-90.0, latitude - dlat), min(90.0, latitude + dlat)
    angle = radius_mi / MIN_CURVATURE_RADIUS_MI
    cos_lat = math.cos(math.radians(latitude))
    if north >= 90.0 or south <= -90.0 or math.sin(angle) >= cos_lat:
        return [Box(south, north, -180.0, 180.0)]
    dlon = math.degrees(math.asin(math.sin(angle) / cos_lat)) * 1.01
    west, east = longitude - dlon, longitude + dlon
    if west < -180.0:
        return [Box(south, north, -180.0, east), Box(south, north, west + 360.0, 180.0)]
    if east > 180.0:
        return [Box(south, north, west, 180.0), Box(south, north, -180.0, east - 360.0)]
    return [Box(south, north, west, east)]
