"""Member submissions: resolutions, follow-through reports and corrections, private until reviewed."""
