"""`safecity paths`: where the game keeps things on this computer, and `safecity completion`."""

from __future__ import annotations

import json
import os

from game.model.safe_text import printable_line


def where() -> list[tuple[str, str, str]]:
    """(key, what, path) of everything the game reads or writes here."""
    from game.classroom.store import default_url
    from game.engine.saves import saves_dir
    from game.paths import cache_dir, config_dir, data_dir, story_dirs
    from game.settings import Settings

    url = default_url()
    return [
        ("data", "data folder (saves, class files, browser seats)", str(data_dir())),
        ("saves", "saved games", str(saves_dir())),
        ("settings", "settings", str(Settings.path())),
        ("config", "configuration folder", str(config_dir())),
        ("cache", "cache (loaded stories: safe to delete)", str(cache_dir())),
        ("classes", "class database" + (" ($SAFECITY_DB)" if os.environ.get("SAFECITY_DB") else ""),
         url if "://" not in url or url.startswith("sqlite") else url.split("@")[-1]),
        ("stories", "shipped scenarios", ", ".join(str(folder) for folder in story_dirs())),
    ]


def run_paths(as_json: bool) -> int:
    found = where()
    if as_json:
        print(json.dumps({key: path for key, _what, path in found}, indent=1))
        return 0
    home = os.environ.get("SAFECITY_HOME")
    if home:
        print(printable_line(f"SAFECITY_HOME is set: everything goes in {home}"))
    width = max(len(what) for _key, what, _path in found)
    for _key, what, path in found:
        print(printable_line(f"{what:<{width}}  {path}"))
    print("Delete the data folder to remove every save and class file kept on this computer.")
    return 0


def run_completion(parser, shell: str) -> int:
    import shtab

    print(shtab.complete(parser, shell=shell))
    return 0
