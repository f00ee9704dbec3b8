"""Synthetic scale data for benchmarks: realistic-looking but invented bodies, resolutions and
actions, written to their own database and marked synthetic everywhere (slugs `synthetic-…`,
names "… (synthetic)", sources on the reserved `.invalid` domain)."""

from registry.synthetic.generate import SyntheticReport, generate
from registry.synthetic.target import SyntheticTargetError, default_database_url

__all__ = ["SyntheticReport", "SyntheticTargetError", "default_database_url", "generate"]
