"""Uploaded documents: PDFs checked by content and stored once under their SHA-256."""
