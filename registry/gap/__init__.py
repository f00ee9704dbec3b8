"""The gap between paper support and mobilization: charts, tables, CSV and the methodology."""
