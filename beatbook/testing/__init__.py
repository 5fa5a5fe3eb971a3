"""Shared test support: factories and the generic test cases every model reuses."""
