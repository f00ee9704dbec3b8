"""What the suite needs to know about this machine's services and places."""

from __future__ import annotations

import socket

from registry.geo import lookup


def redis_reachable() -> bool:
    """Whether the local Redis answers (tests that need it fail in CI, where it always runs)."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def city_place(text: str) -> dict:
    """Body columns placing a body at the gazetteer's point for 'City, ST'."""
    point = lookup(text).place.point
    city, state = text.split(", ")
    return {"latitude": point[0], "longitude": point[1], "geocode_precision": "city",
            "city": city, "state": state}
