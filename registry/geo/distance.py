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
# The WGS-84 ellipsoid geopy measures on: equatorial radius in miles, first eccentricity squared.
WGS84_A_MI = 6378.137 / 1.609344
WGS84_E2 = (2 - 1 / 298.257223563) / 298.257223563


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
    """Haversine distances from one fixed point, with its trigonometry done once.

    `haversine_to` gives the haversine of the central angle, which orders points as their
    distance does: compare it with `haversine_of(miles)` and spare the square root and arcsine."""

    __slots__ = ("lat", "lon", "cos_lat")

    def __init__(self, latitude: float, longitude: float):
        self.lat, self.lon = math.radians(latitude), math.radians(longitude)
        self.cos_lat = math.cos(self.lat)

    def haversine_to(self, latitude: float, longitude: float) -> float:
        lat = math.radians(latitude)
        return (math.sin((lat - self.lat) / 2) ** 2
                + self.cos_lat * math.cos(lat) * math.sin((math.radians(longitude) - self.lon) / 2) ** 2)

    def miles_to(self, latitude: float, longitude: float) -> float:
        return miles_of_haversine(self.haversine_to(latitude, longitude))


def haversine_of(miles_: float) -> float:
    """The haversine of the central angle spanning `miles_` on the sphere (see SphereFrom)."""
    return math.sin(min(math.pi / 2, miles_ / (2 * EARTH_RADIUS_MI))) ** 2


def miles_of_haversine(h: float) -> float:
    return 2 * EARTH_RADIUS_MI * math.asin(min(1.0, math.sqrt(h)))


def _curvature_radii(latitude: float) -> tuple[float, float]:
    """The ellipsoid's radii of curvature at a latitude, in miles: along the meridian (M) and
    across it (N). M <= N, and both grow from the equator to the poles."""
    w = 1 - WGS84_E2 * math.sin(math.radians(latitude)) ** 2
    return WGS84_A_MI * (1 - WGS84_E2) / w ** 1.5, WGS84_A_MI / math.sqrt(w)


def sphere_bounds(latitude: float, radius_mi: float) -> tuple[float, float]:
    """(low, high): for a point P within `radius_mi` of a point at `latitude`, or whose spherical
    estimate is, low * sphere(P) <= geodesic(P) <= high * sphere(P).

    The ellipsoid's length element is the sphere's scaled by M/R along a meridian and N/R across
    it (R the sphere's radius), so a path's length on one lies within the extreme ratios along it
    of its length on the other. The paths that matter (the geodesic, the great circle) stay within
    the radius's span of latitude, plus the great circle's bulge poleward, bounded generously
    here. Near 40 degrees north the band is about 0.4-0.5 % wide, against 1.5 % for SPHERE_ERROR."""
    span = 2 * radius_mi / MIN_MILES_PER_DEGREE_LAT + 0.5
    nearest = max(0.0, abs(latitude) - span)
    farthest = min(90.0, abs(latitude) + span)
    low = _curvature_radii(nearest)[0] / EARTH_RADIUS_MI
    high = _curvature_radii(farthest)[1] / EARTH_RADIUS_MI
    return low * (1 - 1e-9), high * (1 + 1e-9)  # floating point's share


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
