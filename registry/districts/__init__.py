"""Congressional districts beside the union bodies: representatives, Medicare for All
cosponsorship by Congress, the bodies in each district and its gap."""
