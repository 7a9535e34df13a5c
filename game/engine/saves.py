"""Saves: one file per game, versioned JSON, written atomically, never lost.

- Every game has its own save (`<scenario>-<date>-<time>-<tag>.json` in the saves
  folder): a new game never writes over another one, and finished games stay
  there for the debrief until the player deletes them.
- A save names its scenario and a fingerprint of the scenario's files. A game
  saved against another version of the story continues when its ids still fit
  (`fit_changed_story` says what changed), and is refused with the reason otherwise.
- Writing replaces the file in one rename and keeps the previous version as
  `.bak` (see safe_files). Reading checks the file (regular, not huge), the JSON,
  the envelope and every field of the state (state_check); when the save is missing
  or damaged, the newest readable backup or completed temporary file is offered.
- A file that cannot be used is never overwritten, moved or deleted without the
  player asking: it is left where it is, and the message says why.
"""

from __future__ import annotations

import json
import math
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine import safe_files
from game.engine.save_lock import in_use, lock_path
from game.engine.state import GameState
from game.engine.state_check import StateProblem, checked_state

if TYPE_CHECKING:  # the title screen reads save headers before any scenario is loaded
    from game.model.scenario import Scenario

FORMAT = "safecity-save"
VERSION = 1
SUFFIX = ".json"
MAX_SAVE_BYTES = 16 * 1024 * 1024   # a whole game is a few kilobytes
MAX_SAVES_LISTED = 2_000


class SaveError(Exception):
    """A save that cannot be used; the message says why, for the player."""


class SaveInUse(SaveError):
    """The game is open in another window."""


@dataclass(frozen=True)
class SaveInfo:
    """What the list of saved games shows; `problem` is set when the save cannot be played as it is."""

    path: Path
    scenario_id: str = ""
    scenario_title: str = ""
    turn: int = 0
    saved_at: float = 0.0
    fingerprint: str = ""
    language: str = ""
    variant: str = ""
    ended: bool = False
    started_at: float = 0.0
    seed: int = 0
    problem: str = ""
    recoverable: bool = False       # damaged or missing, but a backup can take its place
    in_use: bool = False

    @property
    def id(self) -> str:
        return self.path.stem


@dataclass
class Loaded:
    """A save read for play: its state, and what the player should be told about it."""

    state: GameState
    path: Path
    notes: list[str] = field(default_factory=list)


# -- where saves live ------------------------------------------------------------------


def saves_dir() -> Path:
    """Where saves live: $SAFECITY_HOME/saves, else the user's data folder (game/paths.py)."""
    from game.paths import data_dir

    return data_dir() / "saves"


def _safe_name(scenario_id: str) -> str:
    return "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in scenario_id)[:60] or "scenario"


def autosave_path(scenario_id: str) -> Path:
    """The single save of earlier versions; still found, listed and continued."""
    return saves_dir() / f"{_safe_name(scenario_id)}{SUFFIX}"


def new_save_path(scenario_id: str) -> Path:
    """A save file of its own for a new game: no other game's file is ever reused."""
    folder = saves_dir()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    while True:
        path = folder / f"{_safe_name(scenario_id)}-{stamp}-{secrets.token_hex(2)}{SUFFIX}"
        if not os.path.lexists(path):
            return path


def backup_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).name + ".bak")


def find_save(name: str) -> Path:
    """A save given on the command line: a path, or the id `safecity saves` shows.

    A name with a folder or an extension (`notes.txt`, `class/ana.json`) is a path; a bare
    name is the id of a game in the saves folder.
    """
    path = Path(name).expanduser()
    if os.sep in name or (os.altsep and os.altsep in name) or path.suffix:
        return path
    return saves_dir() / f"{name}{SUFFIX}"


# -- writing -----------------------------------------------------------------------------


def write_save(path: Path, scenario: Scenario, state: GameState, language: str = "",
               started_at: float | None = None) -> None:
    path = Path(path)
    now = time.time()
    document = {
        "format": FORMAT,
        "version": VERSION,
        "scenario": {"id": scenario.id, "title": scenario.title, "fingerprint": scenario.fingerprint},
        "language": language or scenario.language,
        "started_at": started_at if started_at is not None else now,
        "saved_at": now,
        "state": state.to_json(),
    }
    data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
    safe_files.write_atomically(path, data, backup=backup_path(path))
    safe_files.remove_stale_temps(path)


def write_atomically(path: Path, data: bytes) -> None:
    """Kept for the settings file: see safe_files.write_atomically."""
    safe_files.write_atomically(path, data)


# -- reading ------------------------------------------------------------------------------


def _reject_constant(name: str):
    raise ValueError(f"{name} is not a number a save may hold")


def read_save(path: Path) -> dict:
    """Read and check a save file's envelope; raises SaveError with a message for the player."""
    path = Path(path)
    try:
        raw = safe_files.read_regular_file(path, MAX_SAVE_BYTES)
    except FileNotFoundError:
        raise SaveError(f"there is no save at {path}") from None
    except safe_files.UnsafeFile as err:
        raise SaveError(f"{err}; it cannot be a save, and was left as it is") from None
    except OSError as err:
        raise SaveError(f"cannot read the save {path}: {err.strerror or err}") from None
    try:
        document = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        # ValueError covers bad JSON, NaN/Infinity and numbers of thousands of digits;
        # RecursionError, lists nested thousands deep.
        raise SaveError(f"the save {path} is damaged (it is not readable JSON); it was left as it is") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SaveError(f"{path} is not a Safe City save; it was left as it is")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"the save {path} has no version number; it was left as it is")
    if version > VERSION:
        raise SaveError(f"the save {path} was made by a newer Safe City (save version {version}; "
                        f"this one reads up to {VERSION}). Update Safe City to continue it; the file was left as it is")
    scenario = document.get("scenario")
    if (not isinstance(scenario, dict) or not isinstance(scenario.get("id"), str)
            or not isinstance(scenario.get("title", ""), str) or not isinstance(scenario.get("fingerprint", ""), str)):
        raise SaveError(f"the save {path} does not say which scenario it belongs to; it was left as it is")
    for key in ("saved_at", "started_at"):
        value = document.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not 0 <= value < 1e11:
            raise SaveError(f"the save {path} is damaged (its `{key}` is not a time); it was left as it is")
    if not isinstance(document.get("language", ""), str):
        raise SaveError(f"the save {path} is damaged (its `language` is not text); it was left as it is")
    try:
        document["state"] = checked_state(document.get("state"))
    except StateProblem as err:
        raise SaveError(f"the save {path} is damaged ({err}); it was left as it is") from None
    return document


def _info(path: Path, document: dict, **extra) -> SaveInfo:
    state: GameState = document["state"]
    return SaveInfo(path, document["scenario"]["id"], document["scenario"].get("title", ""), state.turn,
                    float(document.get("saved_at", 0)), document["scenario"].get("fingerprint", ""),
                    document.get("language", ""), state.variant, state.ended,
                    float(document.get("started_at", 0) or document.get("saved_at", 0)), state.seed, **extra)


def save_info(path: Path) -> SaveInfo:
    """The header of a readable save; raises SaveError otherwise."""
    return _info(Path(path), read_save(path))


def _newest_readable(path: Path) -> tuple[Path, dict] | None:
    """The newest readable version among a save, its backup and completed temporary files."""
    found = []
    for candidate in [path, backup_path(path), *safe_files.temp_files(path)]:
        try:
            document = read_save(candidate)
        except SaveError:
            continue
        found.append((document.get("saved_at", 0), candidate != path, candidate, document))
    if not found:
        return None
    # Newest first; at the same time the save itself wins over a copy of it.
    found.sort(key=lambda item: (-item[0], item[1]))
    return found[0][2], found[0][3]


def describe(path: Path) -> SaveInfo:
    """A save as the list shows it: readable, recoverable from a backup, or damaged (with why)."""
    path = Path(path)
    busy = in_use(path)
    try:
        return _info(path, read_save(path), in_use=busy)
    except SaveError as err:
        newest = _newest_readable(path)
        if newest is not None:
            return _info(path, newest[1], problem=str(err), recoverable=True, in_use=busy)
        return SaveInfo(path, problem=str(err), in_use=busy)


def list_saves(scenario_id: str | None = None) -> list[SaveInfo]:
    """Every save in the saves folder (of one scenario if given), the most recent first."""
    folder = saves_dir()
    try:
        names = sorted(p for p in folder.iterdir() if p.name.endswith(SUFFIX) and not p.name.startswith("."))
    except OSError:
        return []
    infos = [describe(p) for p in names[:MAX_SAVES_LISTED]]
    if scenario_id is not None:
        infos = [i for i in infos if i.scenario_id == scenario_id or (not i.scenario_id and _named_for(i.path, scenario_id))]
    return sorted(infos, key=lambda i: -i.saved_at)


def _named_for(path: Path, scenario_id: str) -> bool:
    """A damaged save that no longer says its scenario still carries it in its name."""
    name = _safe_name(scenario_id)
    return path.stem == name or path.stem.startswith(name + "-")


def latest_unfinished(scenario_id: str) -> SaveInfo | None:
    """The game of this scenario to continue: the most recently saved one not yet over."""
    for info in list_saves(scenario_id):
        if not info.ended and (not info.problem or info.recoverable):
            return info
    return None


def delete_save(path: Path) -> None:
    """Delete a save with its backup, its lock and any temporary files (the player asked)."""
    path = Path(path)
    if in_use(path):
        raise SaveInUse(f"the game {path.stem} is open in another window; close it first")
    if os.path.isdir(path) and not os.path.islink(path):
        raise SaveError(f"{path} is a folder, not a saved game; it was left as it is")
    for item in [path, backup_path(path), lock_path(path), *safe_files.temp_files(path)]:
        try:
            item.unlink()
        except FileNotFoundError:
            pass


# -- loading for play ---------------------------------------------------------------------


def open_for_play(path: Path, scenario: Scenario, *, force: bool = False) -> Loaded:
    """The state in a save, checked against the scenario it will be played with.

    A damaged or missing save is replaced by its newest readable backup, once that backup has
    passed every check (the damaged file is then kept beside it); a save of an edited story
    continues when its ids still fit. Nothing on disk changes before everything is checked.
    """
    path = Path(path)
    notes: list[str] = []
    damaged: SaveError | None = None
    try:
        document = read_save(path)
        source = path
        newest = _newest_readable(path)
        if newest is not None and newest[0] != path and newest[1].get("saved_at", 0) > document.get("saved_at", 0):
            source, document = newest   # a write that finished but was never renamed into place
    except SaveError as err:
        newest = _newest_readable(path)
        if newest is None:
            raise
        damaged = err
        source, document = newest
        notes.append(f"{err}. The game goes on from its backup, saved at turn {document['state'].turn}")
    shown = path if source == path else source
    state, more = _fit(shown, document, scenario, force)
    notes.extend(more)
    if source != path:
        notes.extend(_put_in_place(path, document, damaged))
    return Loaded(state, path, notes)


def _fit(path: Path, document: dict, scenario: Scenario, force: bool) -> tuple[GameState, list[str]]:
    """The saved state as it will be played with `scenario`, and what the player should be told."""
    notes = []
    info = document["scenario"]
    if info["id"] != scenario.id:
        raise SaveError(f"the save {path} belongs to the scenario `{info['id']}`, not `{scenario.id}`")
    state: GameState = document["state"]
    if state.scenario_id != scenario.id:
        raise SaveError(f"the save {path} is damaged (its state belongs to `{state.scenario_id}`); it was left as it is")
    if info.get("fingerprint") != scenario.fingerprint:
        state, changes = fit_changed_story(state, scenario)
        notes.append("the story was edited since this game was saved; the game goes on"
                     + (": " + "; ".join(changes) if changes else ""))
    problems = fit_problems(state, scenario)
    if problems:
        fixed_state, fixed = conform(state, scenario)
        fixable = not fit_problems(fixed_state, scenario)
        if not (force and fixable):
            hint = " (continue it anyway with --force: values are brought back within range)" if fixable else ""
            raise SaveError(f"the save {path} does not fit the scenario: {problems[0]}{hint}; it was left as it is")
        state = fixed_state
        notes.extend(fixed)
    return state, notes


def _put_in_place(path: Path, document: dict, damaged: SaveError | None) -> list[str]:
    """Make the backup that passed every check the save again, keeping a damaged file aside."""
    notes = []
    try:
        if damaged is not None and os.path.lexists(path):
            kept = path.with_name(f"{path.stem}.damaged-{time.strftime('%Y%m%d-%H%M%S')}{path.suffix}")
            os.replace(path, kept)
            notes.append(f"the damaged file was kept as {kept.name}")
        data = json.dumps(_document_json(document), ensure_ascii=False, indent=1).encode("utf-8")
        safe_files.write_atomically(path, data, backup=None if damaged is not None else backup_path(path))
    except OSError as err:   # a read-only folder: play on from the backup; saving will say it cannot
        notes.append(f"the backup could not be put in place ({err.strerror or err})")
    return notes


def _document_json(document: dict) -> dict:
    return {**document, "state": document["state"].to_json()}


def load_save(path: Path, scenario: Scenario, *, allow_changed: bool = False) -> GameState:
    """The state of a save, for tools and tests: see open_for_play."""
    return open_for_play(path, scenario, force=allow_changed).state


def fit_changed_story(state: GameState, scenario: Scenario) -> tuple[GameState, list[str]]:
    """The same game in an edited story, where its ids still exist, and what had to change."""
    changes = []
    new = state.copy()
    added = [mid for mid in scenario.meters if mid not in state.meters]
    added += [fid for fid in scenario.flags if fid not in state.flags]
    gone = [k for k in state.meters if k not in scenario.meters] + [k for k in state.flags if k not in scenario.flags]
    if added:
        changes.append("new " + ", ".join(f"`{k}`" for k in added) + " start at their first value")
    if gone:
        changes.append(", ".join(f"`{k}`" for k in gone) + " no longer exist")
    new.meters = {mid: state.meters.get(mid, m.start) for mid, m in scenario.meters.items()}
    new.flags = {fid: state.flags.get(fid, f.start) for fid, f in scenario.flags.items()}
    clamped = []
    for mid, meter in scenario.meters.items():
        value = new.meters[mid]
        if not meter.min <= value <= meter.max:
            new.meters[mid] = min(max(value, meter.min), meter.max)
            clamped.append(f"`{mid}`")
    if clamped:
        changes.append(", ".join(clamped) + " brought within their new range")
    scheduled = tuple(e for e in state.scheduled if e["scene"] in scenario.scenes)
    resume = tuple(s for s in state.resume if s in scenario.scenes)
    if len(scheduled) != len(state.scheduled) or len(resume) != len(state.resume):
        changes.append("scenes that no longer exist were dropped from what comes next")
    new.scheduled, new.resume = scheduled, resume
    if state.variant and state.variant not in scenario.variants:
        changes.append(f"the variant `{state.variant}` no longer exists")
        new.variant = ""
    return new, changes


def conform(state: GameState, scenario: Scenario) -> tuple[GameState, list[str]]:
    """With --force: values out of their range clamped, unknown names dropped (the scene must exist)."""
    new, changes = fit_changed_story(state, scenario)
    return new, ([f"forced: {c}" for c in changes] if changes else [])


def fit_problems(state: GameState, scenario: Scenario) -> list[str]:
    """Why a state cannot be played with this scenario, if it cannot."""
    problems = []
    if state.scene not in scenario.scenes:
        problems.append(f"its current scene `{state.scene}` no longer exists")
    for mid, meter in scenario.meters.items():
        if mid not in state.meters:
            problems.append(f"it has no value for `{mid}`")
        elif not meter.min <= state.meters[mid] <= meter.max:
            problems.append(f"`{mid}` holds {state.meters[mid]}, outside its range {meter.min} to {meter.max}")
    for fid in scenario.flags:
        if fid not in state.flags:
            problems.append(f"it has no value for `{fid}`")
    for name in [*state.meters, *state.flags]:
        if name not in scenario.meters and name not in scenario.flags:
            problems.append(f"`{name}` is not a meter or flag of this scenario")
    if state.variant and state.variant not in scenario.variants:
        problems.append(f"its variant `{state.variant}` does not exist")
    for scene in state.resume:
        if scene not in scenario.scenes:
            problems.append(f"it would return to `{scene}`, which no longer exists")
    for entry in state.scheduled:
        if entry["scene"] not in scenario.scenes:
            problems.append(f"a delayed scene `{entry['scene']}` no longer exists")
    if state.ended and (state.scene not in scenario.scenes or scenario.scenes[state.scene].ending is None):
        problems.append("it says the game is over, but its scene is not an ending")
    return problems
