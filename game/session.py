"""A game being played: scenario, state, undo history and autosave, for any front end.

The plain-text player and the Textual UI both drive a Session; neither keeps
game state of its own, and neither evaluates story logic.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from game.engine import saves
from game.engine.save_lock import SaveLock
from game.engine.runtime import GameError, choose, replay, start
from game.engine.state import GameState
from game.engine.view import View, view
from game.i18n import _f, quoted
from game.loader.cache import load_playable
from game.model.diagnostics import Diagnostic
from game.model.scenario import Scenario

__all__ = ["GameError", "LoadFailed", "Session", "load_for_play"]


class LoadFailed(Exception):
    """The scenario cannot be played: it has errors, or the request does not fit it."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None, usage: bool = False):
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics or []
        self.usage = usage


def load_for_play(path, language: str | None = None) -> Scenario:
    """The scenario to play, or LoadFailed saying why not (from the cache when the story is unchanged)."""
    result = load_playable(path, language)
    scenario = result.scenario
    if language and scenario is not None and language not in (scenario.language, *scenario.languages):
        known = ", ".join((scenario.language, *scenario.languages))
        raise LoadFailed(f"{path} has no translation into `{language}` (it can be played in: {known})", usage=True)
    if not result.ok:
        raise LoadFailed(f"{path} has {len(result.errors)} error(s); fix them first (safecity check {path})",
                         result.errors)
    return scenario


@dataclass
class Session:
    scenario: Scenario
    state: GameState
    save_path: Path
    language: str = ""
    path: str = ""                      # the scenario folder, to reload it or name it
    undo_stack: list[GameState] = field(default_factory=list)
    save_error: str = ""                # the last autosave failure, to show the player
    notes: list[str] = field(default_factory=list)   # what the player should know about the save
    started_at: float = field(default_factory=time.time)
    lock: SaveLock | None = None
    # Told of each move as (what, session): "choice", "undo", "ending". A class session records
    # them; a listener that fails must never stop the game, so its errors are swallowed here.
    listeners: list = field(default_factory=list)

    @classmethod
    def new(cls, path, *, seed: int | None = None, variant: str | None = None, language: str | None = None,
            save_path: Path | None = None, scenario: Scenario | None = None, at: str | None = None,
            values: dict | None = None, replace: bool = False) -> "Session":
        """A new game with a save of its own (or `save_path`, which must not hold another game
        unless `replace` says the player agreed)."""
        scenario = scenario or load_for_play(path, language)
        state = start(scenario, seed, variant, at=at, values=values)
        if save_path:
            target = saves.find_save(str(save_path))
            _check_free(target, replace)
        else:
            target = saves.new_save_path(scenario.id)
        session = cls(scenario, state, target, language or scenario.language, str(path))
        session.take_lock()
        session.autosave()
        return session

    @classmethod
    def resume(cls, path, *, language: str | None = None, save_path: Path | None = None, force: bool = False,
               scenario: Scenario | None = None) -> "Session":
        """Continue a saved game: `save_path` (a path or a save's id), else the latest unfinished one."""
        scenario = scenario or load_for_play(path, language)
        if save_path:
            target = saves.find_save(str(save_path))
        else:
            latest = saves.latest_unfinished(scenario.id)
            if latest is None:
                raise saves.SaveError(_f("there is no game of {title} in progress to continue "
                                         "(`safecity saves` lists every saved game, finished ones too)",
                                         title=quoted(scenario.title)))
            target = latest.path
        if not _any_version(target):
            raise saves.SaveError(_f("there is no save at {path}", path=target))
        if language is None:
            # Continue in the language the game was played in, if the story has it: a save names a
            # language, never a file to read.
            saved = _saved_language(target)
            if saved and saved != scenario.language and saved in scenario.languages:
                scenario, language = load_for_play(path, saved), saved
        lock = _acquire(target, create_folder=False)
        try:
            loaded = saves.open_for_play(target, scenario, force=force)
        except BaseException:
            if lock is not None:
                lock.discard()    # a save that was not opened keeps no lock file beside it
            raise
        session = cls(scenario, loaded.state, target, language or scenario.language, str(path),
                      notes=loaded.notes, started_at=_started_at(target), lock=lock)
        if loaded.notes:
            session.autosave()   # the game as it now goes on, so the next start needs no repair
        return session

    def tell(self, what: str) -> None:
        for listener in list(self.listeners):
            try:
                listener(what, self)
            except Exception:  # noqa: BLE001 - recording a class must never break the game
                pass

    def take_lock(self) -> None:
        """Hold this game's save while it is open: a second window is told, not allowed to overwrite it."""
        lock = _acquire(self.save_path)
        self.release_lock()
        self.lock = lock

    def release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def close(self) -> None:
        """The game is left (quit, another game): let other windows open its save."""
        self.release_lock()

    def view(self) -> View:
        return view(self.scenario, self.state)

    @property
    def ended(self) -> bool:
        return self.state.ended

    @property
    def can_undo(self) -> bool:
        return bool(self.undo_stack)

    def choose(self, choice_id: str) -> None:
        """Take a choice and save; on a story fault (GameError) nothing changes."""
        new_state = choose(self.scenario, self.state, choice_id)
        self.undo_stack.append(self.state)
        self.state = new_state
        self.autosave()
        self.tell("choice")
        if self.state.ended:
            self.tell("ending")

    def undo(self) -> bool:
        if not self.undo_stack:
            return False
        self.state = self.undo_stack.pop()
        self.autosave()
        self.tell("undo")
        return True

    def what_if(self, decision: int) -> None:
        """Go back to just before decision number `decision` (from 0), as a new branch of the same game.

        A finished game stays as it ended, for the debrief: the branch gets a save of its own.
        """
        entry = self.state.history[decision]
        steps = self.state.path[:entry["step"]]
        branch = replay(self.scenario, self.state.seed, steps, self.state.variant or None)
        if self.state.ended:
            self.fork()
        self.undo_stack.append(self.state)
        self.state = branch
        self.autosave()

    def restart(self, seed: int | None = None) -> None:
        """A new game of the same scenario and variant (another seed unless one is given), in a new save."""
        state = start(self.scenario, seed, self.state.variant or None)
        self.fork()
        self.undo_stack = []
        self.state = state
        self.autosave()

    def fork(self) -> None:
        """Go on in a save of its own, leaving the current one as it is."""
        self.release_lock()
        self.save_path = saves.new_save_path(self.scenario.id)
        self.started_at = time.time()
        self.take_lock()

    def reload(self) -> tuple[bool, str, list[Diagnostic]]:
        """Load the scenario's files again (a writer changed them) and carry the game over.

        Returns (reloaded, message, diagnostics). With errors, or when the current scene is
        gone, the game goes on with the scenario it had, and the message says why.
        """
        from game.loader import load_scenario   # a writer's edit: every diagnostic, never the cache

        result = load_scenario(self.path, self.language)
        if not result.ok or result.scenario is None:
            return False, "the scenario has errors; the game goes on with the last version that loaded", result.errors
        scenario = result.scenario
        state = rebase(self.state, scenario)
        if state is None:
            return False, f"the scene `{self.state.scene}` no longer exists; the game goes on unchanged", []
        self.scenario = scenario
        self.state = state
        self.undo_stack = [s for s in (rebase(old, scenario) for old in self.undo_stack) if s is not None]
        self.autosave()
        return True, "the scenario was reloaded", []

    def autosave(self) -> None:
        try:
            saves.write_save(self.save_path, self.scenario, self.state, self.language, self.started_at)
            self.save_error = ""
        except OSError as err:
            self.save_error = str(err.strerror or err)


def _any_version(save_file: Path) -> bool:
    """The save, its backup or a finished temporary file is there (something to continue)."""
    return any(os.path.lexists(p) for p in (save_file, saves.backup_path(save_file))) or bool(
        saves.safe_files.temp_files(save_file))


def _acquire(save_file: Path, create_folder: bool = True) -> SaveLock | None:
    lock = SaveLock(save_file)
    try:
        acquired = lock.acquire(create_folder=create_folder)
    except OSError:
        return None   # a folder that cannot hold a lock file (read-only): play on; saving will say so
    if not acquired:
        raise saves.SaveInUse(f"this game ({save_file.stem}) is open in another window. Close that window "
                              f"to continue it here, or start a new game: it gets a save of its own")
    return lock


def _check_free(target: Path, replace: bool) -> None:
    """A new game may write at `target` only if nothing is there, or the player agreed to replace a save."""
    if not os.path.lexists(target):
        return
    try:
        info = saves.save_info(target)
    except saves.SaveError:
        raise saves.SaveError(_f("{path} already exists and is not a Safe City save: choose another file name "
                                 "(the file was left as it is)", path=target)) from None
    if not replace:
        raise saves.SaveError(_f("{path} already holds a saved game (turn {turn}). Continue it with "
                                 "--continue --save {path}, choose another file, or add --replace to start "
                                 "over in it", path=target, turn=info.turn)) from None


def _started_at(save_file: Path) -> float:
    try:
        return saves.save_info(save_file).started_at or time.time()
    except saves.SaveError:
        return time.time()


def _saved_language(save_file: Path) -> str | None:
    try:
        return saves.save_info(save_file).language or None
    except saves.SaveError:
        return None


def rebase(state: GameState, scenario: Scenario) -> GameState | None:
    """The same game in a changed scenario, where the ids still exist; None if its scene is gone.

    New meters and flags start at their start values; vanished ones, and queued or
    interrupted scenes that no longer exist, are dropped.
    """
    if state.scene not in scenario.scenes:
        return None
    new, _changes = saves.fit_changed_story(state, scenario)
    new.scenario_id = scenario.id
    return new
