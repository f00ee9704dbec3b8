"""Site-wide pages: home, about, health check; error pages and template helpers."""
