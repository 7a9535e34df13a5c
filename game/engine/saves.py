"""Saves: versioned JSON, written atomically, never lost.

A save names its scenario and a fingerprint of the scenario's files, so a
save made against another version of the story is recognised, not misread.
Writing goes to a temporary file that replaces the save in one rename; the
previous save is kept beside it as a backup. A save that cannot be read is
left where it is.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.state import GameState

if TYPE_CHECKING:  # the title screen reads save headers before any scenario is loaded
    from game.model.scenario import Scenario

FORMAT = "safecity-save"
VERSION = 1


class SaveError(Exception):
    """A save that cannot be used; the message says why, for the player."""


@dataclass(frozen=True)
class SaveInfo:
    path: Path
    scenario_id: str
    scenario_title: str
    turn: int
    saved_at: float
    fingerprint: str
    language: str


def saves_dir() -> Path:
    """Where autosaves live: $SAFECITY_HOME, else the user's data folder."""
    home = os.environ.get("SAFECITY_HOME")
    if home:
        return Path(home) / "saves"
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "safecity" / "saves"


def autosave_path(scenario_id: str) -> Path:
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in scenario_id) or "scenario"
    return saves_dir() / f"{safe}.json"


def write_save(path: Path, scenario: Scenario, state: GameState, language: str = "") -> None:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {"id": scenario.id, "title": scenario.title, "fingerprint": scenario.fingerprint},
        "language": language or scenario.language,
        "saved_at": time.time(),
        "state": state.to_json(),
    }
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    write_atomically(Path(path), data)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            backup = path.with_name(path.name + ".bak")
            try:
                os.replace(path, backup)
            except OSError:
                pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read_save(path: Path) -> dict:
    """Read and check a save file's envelope; raises SaveError with a message for the player."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"there is no save at {path}") from None
    except OSError as err:
        raise SaveError(f"cannot read the save {path}: {err.strerror or err}") from None
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise SaveError(f"the save {path} is damaged (it is not valid JSON); it was left as it is") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SaveError(f"{path} is not a Safe City save; it was left as it is")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise SaveError(f"the save {path} has no version number; it was left as it is")
    if version > VERSION:
        raise SaveError(f"the save {path} was made by a newer Safe City (save version {version}; "
                        f"this one reads up to {VERSION}). Update Safe City to continue it; the file was left as it is")
    scenario = document.get("scenario")
    if not isinstance(scenario, dict) or not isinstance(scenario.get("id"), str):
        raise SaveError(f"the save {path} does not say which scenario it belongs to; it was left as it is")
    return document


def save_info(path: Path) -> SaveInfo:
    document = read_save(path)
    state = document.get("state") or {}
    return SaveInfo(Path(path), document["scenario"]["id"], str(document["scenario"].get("title", "")),
                    int(state.get("turn", 0)) if isinstance(state, dict) else 0,
                    float(document.get("saved_at", 0) or 0), str(document["scenario"].get("fingerprint", "")),
                    str(document.get("language", "")))


def load_save(path: Path, scenario: Scenario, *, allow_changed: bool = False) -> GameState:
    """The state in a save, checked against the scenario it will be played with."""
    document = read_save(path)
    info = document["scenario"]
    if info["id"] != scenario.id:
        raise SaveError(f"the save {path} belongs to the scenario `{info['id']}`, not `{scenario.id}`")
    if info.get("fingerprint") != scenario.fingerprint and not allow_changed:
        raise SaveError(f"the scenario `{scenario.id}` has changed since this game was saved, so the save may no "
                        f"longer fit it. Start a new game, or continue anyway with --force; the save was left as it is")
    try:
        state = GameState.from_json(document.get("state"))
    except (ValueError, TypeError) as err:
        raise SaveError(f"the save {path} is damaged ({err}); it was left as it is") from None
    problems = fit_problems(state, scenario)
    if problems:
        raise SaveError(f"the save {path} does not fit the scenario: {problems[0]}; it was left as it is")
    return state


def fit_problems(state: GameState, scenario: Scenario) -> list[str]:
    """Why a state cannot be played with this scenario, if it cannot."""
    problems = []
    if state.scene not in scenario.scenes:
        problems.append(f"its current scene `{state.scene}` no longer exists")
    for name in ("meters", "flags"):
        declared = getattr(scenario, name)
        values = getattr(state, name)
        missing = [k for k in declared if k not in values]
        if missing:
            problems.append(f"it has no value for `{missing[0]}`")
        for key, value in values.items():
            ok = isinstance(value, bool) if name == "flags" else isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok:
                problems.append(f"`{key}` holds {value!r}")
    for scene in state.resume:
        if scene not in scenario.scenes:
            problems.append(f"it would return to `{scene}`, which no longer exists")
    for entry in state.scheduled:
        if not isinstance(entry, dict) or entry.get("scene") not in scenario.scenes or not isinstance(entry.get("due"), int):
            problems.append("its queue of delayed scenes is damaged")
            break
    return problems


def set_aside(path: Path) -> Path | None:
    """Move an unreadable save out of the way (kept, renamed) before a new game writes there."""
    path = Path(path)
    if not path.exists():
        return None
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.unreadable-{stamp}{path.suffix}")
    os.replace(path, target)
    return target
