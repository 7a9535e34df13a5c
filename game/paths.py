"""Where the shipped scenarios are: beside the package in a checkout, inside it once installed."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
DEFAULT_SCENARIO = "safe-city"
FALLBACK_SCENARIO = "tutorial"


def data_dir() -> Path:
    """Where the game keeps saves, class files and browser seats: $SAFECITY_HOME if set, else the
    user's data folder as the system has it (~/.local/share/safecity on Linux, ~/Library/Application
    Support/safecity on macOS, %LOCALAPPDATA%\\safecity on Windows)."""
    home = os.environ.get("SAFECITY_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_data_dir("safecity", appauthor=False))


def config_dir() -> Path:
    """Where the settings live: $SAFECITY_HOME if set, else the user's configuration folder
    (~/.config/safecity on Linux, %LOCALAPPDATA%\\safecity on Windows)."""
    home = os.environ.get("SAFECITY_HOME")
    if home:
        return Path(home)
    import platformdirs

    return Path(platformdirs.user_config_dir("safecity", appauthor=False))


def cache_dir() -> Path:
    """Where the game keeps what it can rebuild (loaded scenarios): $SAFECITY_HOME/cache if set, else
    the user's cache folder (~/.cache/safecity on Linux). Deleting it loses nothing."""
    home = os.environ.get("SAFECITY_HOME")
    if home:
        return Path(home) / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir("safecity", appauthor=False))


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


def is_shipped(path: Path) -> bool:
    """True for a scenario that ships with the game (players play it; writers do not edit it here)."""
    try:
        resolved = Path(path).resolve()
    except OSError:
        return False
    folder = resolved if resolved.is_dir() else resolved.parent
    return any(folder == shipped.resolve() for shipped in shipped_scenarios().values())


def default_scenario() -> Path | None:
    shipped = shipped_scenarios()
    return shipped.get(DEFAULT_SCENARIO) or shipped.get(FALLBACK_SCENARIO) or next(iter(shipped.values()), None)


def resolve_scenario(name_or_path: str | None) -> Path | None:
    """A path as given, or the name of a shipped scenario, or the default one."""
    if not name_or_path:
        return default_scenario()
    path = Path(name_or_path)
    try:
        exists = path.exists()
    except (OSError, ValueError):   # a name longer than the system allows, a NUL byte...
        exists = False
    if exists:
        return path
    return shipped_scenarios().get(name_or_path, path)


def scenario_path_problem(path) -> str | None:
    """Why `path` cannot be a scenario, in words for the command line; None if it may be one
    (a folder, or a file named scenario.yaml). Never raises, never opens the path: a FIFO or
    a device given by mistake is refused instead of read."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder"
    except NotADirectoryError:
        return "no such file or folder (a part of the path is a file)"
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return "this path is longer than the system allows"
        return f"cannot be read ({error.strerror or error})"
    except ValueError:
        return "this is not a valid path"
    if stat.S_ISDIR(mode):
        return None
    if stat.S_ISREG(mode):
        if Path(path).name == "scenario.yaml":
            return None
        return "is a file, not a scenario folder (give the folder that holds scenario.yaml)"
    return "is not a folder (a scenario is a folder that holds scenario.yaml)"
