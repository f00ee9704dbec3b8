"""Bulk imports of union bodies: the registry's own bodies CSV and the OLMS union data file.

Every import validates the whole file first and names each bad line and field; only a clean file
is applied, in one transaction, through the same record services as every other change."""
