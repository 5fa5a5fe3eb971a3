"""Indicator computations."""
