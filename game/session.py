"""A game being played: scenario, state, undo history and autosave, for any front end.

The plain-text player and the Textual UI both drive a Session; neither keeps
game state of its own, and neither evaluates story logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine import saves
from game.engine.runtime import GameError, choose, replay, start
from game.engine.state import GameState
from game.engine.view import View, view
from game.loader import load_scenario
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
    result = load_scenario(path, language)
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
    kept_aside: Path | None = None      # where an unreadable old save was moved, if one was

    @classmethod
    def new(cls, path, *, seed: int | None = None, variant: str | None = None, language: str | None = None,
            save_path: Path | None = None, scenario: Scenario | None = None, at: str | None = None,
            values: dict | None = None) -> "Session":
        scenario = scenario or load_for_play(path, language)
        state = start(scenario, seed, variant, at=at, values=values)
        target = Path(save_path) if save_path else saves.autosave_path(scenario.id)
        session = cls(scenario, state, target, language or scenario.language, str(path))
        session.kept_aside = _keep_unreadable(target)
        session.autosave()
        return session

    @classmethod
    def resume(cls, path, *, language: str | None = None, save_path: Path | None = None, force: bool = False,
               scenario: Scenario | None = None) -> "Session":
        scenario = scenario or load_for_play(path, language)
        if language is None and save_path is None:
            # Continue in the language the game was played in.
            saved = _saved_language(saves.autosave_path(scenario.id))
            if saved and saved != scenario.language:
                scenario, language = load_for_play(path, saved), saved
        target = Path(save_path) if save_path else saves.autosave_path(scenario.id)
        state = saves.load_save(target, scenario, allow_changed=force)
        return cls(scenario, state, target, language or scenario.language, str(path))

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

    def undo(self) -> bool:
        if not self.undo_stack:
            return False
        self.state = self.undo_stack.pop()
        self.autosave()
        return True

    def what_if(self, decision: int) -> None:
        """Go back to just before decision number `decision` (from 0), as a new branch of the same game."""
        entry = self.state.history[decision]
        steps = self.state.path[:entry["step"]]
        self.undo_stack.append(self.state)
        self.state = replay(self.scenario, self.state.seed, steps, self.state.variant or None)
        self.autosave()

    def restart(self, seed: int | None = None) -> None:
        """A new game of the same scenario and variant (another seed unless one is given)."""
        self.undo_stack.append(self.state)
        self.state = start(self.scenario, seed, self.state.variant or None)
        self.autosave()

    def reload(self) -> tuple[bool, str, list[Diagnostic]]:
        """Load the scenario's files again (a writer changed them) and carry the game over.

        Returns (reloaded, message, diagnostics). With errors, or when the current scene is
        gone, the game goes on with the scenario it had, and the message says why.
        """
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
            saves.write_save(self.save_path, self.scenario, self.state, self.language)
            self.save_error = ""
        except OSError as err:
            self.save_error = str(err.strerror or err)


def _keep_unreadable(save_file: Path) -> Path | None:
    """A new game must not overwrite a save that could not be read: move it aside first."""
    if not save_file.exists():
        return None
    try:
        saves.read_save(save_file)
    except saves.SaveError:
        return saves.set_aside(save_file)
    return None


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
    new = state.copy()
    new.meters = {mid: state.meters.get(mid, m.start) for mid, m in scenario.meters.items()}
    new.flags = {fid: state.flags.get(fid, f.start) for fid, f in scenario.flags.items()}
    new.scheduled = [e for e in state.scheduled if e.get("scene") in scenario.scenes]
    new.resume = [s for s in state.resume if s in scenario.scenes]
    new.scenario_id = scenario.id
    return new
