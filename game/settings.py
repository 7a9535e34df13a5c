"""The player's settings, kept between games in the configuration folder (`safecity paths` shows it;
$SAFECITY_HOME/settings.json when SAFECITY_HOME is set)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from game.engine.safe_files import read_regular_file
from game.engine.saves import saves_dir, write_atomically
from game.paths import config_dir

MAX_SETTINGS_BYTES = 64 * 1024

THEMES = ("dark", "light", "high-contrast")


@dataclass
class Settings:
    theme: str = "dark"
    reduced_motion: bool = False
    show_effects: bool = False     # show a choice's sure effects before choosing: off, so a choice is weighed, not summed
    undo: bool = True
    language: str = ""             # "" = the scenario's own language

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def earlier_path(cls) -> Path:
        """Where earlier versions kept the settings (beside the saves): still read until saved anew."""
        return saves_dir().parent / "settings.json"

    @classmethod
    def load(cls) -> "Settings":
        """The saved settings; defaults for anything missing or unreadable."""
        path = cls.path()
        if not path.exists() and cls.earlier_path().exists():
            path = cls.earlier_path()
        try:
            # A regular file of a sensible size only: a FIFO or a device here must not freeze the game.
            data = json.loads(read_regular_file(path, MAX_SETTINGS_BYTES).decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return cls()
        settings = cls()
        if isinstance(data, dict):
            for f in fields(cls):
                value = data.get(f.name)
                if isinstance(value, type(getattr(settings, f.name))):
                    setattr(settings, f.name, value)
        if settings.theme not in THEMES:
            settings.theme = "dark"
        return settings

    def save(self) -> None:
        try:
            write_atomically(self.path(), json.dumps(asdict(self), indent=1).encode("utf-8"))
        except OSError:
            pass  # settings are a comfort; never stop a game for them
