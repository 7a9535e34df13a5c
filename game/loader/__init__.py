"""Turns a scenario folder into a validated, immutable Scenario, or diagnostics.

This package is the only code that imports yaml. Its names are imported when first used, so that
`game.loader.cache` (a game started from a cached scenario) loads neither YAML nor the checks.
"""

__all__ = ["LoadResult", "load_scenario", "load_playable"]


def __getattr__(name: str):
    if name == "load_scenario":
        from game.loader.load import load_scenario

        return load_scenario
    if name == "LoadResult":
        from game.loader.result import LoadResult

        return LoadResult
    if name == "load_playable":
        from game.loader.cache import load_playable

        return load_playable
    raise AttributeError(f"module 'game.loader' has no attribute {name!r}")
