"""Where the shipped scenarios are: beside the package in a checkout, inside it once installed."""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DEFAULT_SCENARIO = "safe-city"
FALLBACK_SCENARIO = "tutorial"


def story_dirs() -> list[Path]:
    candidates = [PACKAGE / "story", PACKAGE.parent / "story"]
    return [c for c in candidates if c.is_dir()]


def shipped_scenarios() -> dict[str, Path]:
    """Scenario name -> folder, for every shipped scenario."""
    found: dict[str, Path] = {}
    for folder in story_dirs():
        for child in sorted(folder.iterdir()):
            if (child / "scenario.yaml").is_file() and child.name not in found:
                found[child.name] = child
    return found


def default_scenario() -> Path | None:
    shipped = shipped_scenarios()
    return shipped.get(DEFAULT_SCENARIO) or shipped.get(FALLBACK_SCENARIO) or next(iter(shipped.values()), None)


def resolve_scenario(name_or_path: str | None) -> Path | None:
    """A path as given, or the name of a shipped scenario, or the default one."""
    if not name_or_path:
        return default_scenario()
    path = Path(name_or_path)
    try:
        if path.exists():
            return path
    except (OSError, ValueError):  # a name too long, a link loop: the loader says so
        return path
    return shipped_scenarios().get(name_or_path, path)
