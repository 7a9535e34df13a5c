"""Turns a scenario folder into a validated, immutable Scenario, or diagnostics.

This package is the only code that imports yaml.
"""

from game.loader.load import LoadResult, load_scenario

__all__ = ["LoadResult", "load_scenario"]
