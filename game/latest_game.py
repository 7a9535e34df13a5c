"""Which shipped story `safecity play --continue` opens when no story is named, and which game the
title screen offers to resume when the story it shows has none.

"Your latest unfinished game" means of any story that ships with the game (the tutorial's too),
not only of the default one: the save says its scenario's id, and the id names the story's folder.
A save of a writer's own story cannot say where that story lives (a save names no file to read),
so such a game is continued by naming its folder.
"""

from __future__ import annotations

from pathlib import Path

from game.engine import saves
from game.paths import shipped_scenarios


def shipped_story(scenario_id: str) -> Path | None:
    """The folder of the shipped story whose scenario has this id, or None."""
    stories = shipped_scenarios()
    if scenario_id in stories:
        return stories[scenario_id]
    from game.loader.cache import load_playable   # a folder named otherwise than its id: read the ids

    for folder in stories.values():
        scenario = load_playable(folder).scenario
        if scenario is not None and scenario.id == scenario_id:
            return folder
    return None


def story_to_continue(save: str | None) -> Path | None:
    """The story of the save named by --save, else of the latest unfinished game of a shipped story."""
    if save:
        info = saves.describe(saves.find_save(save))
        return shipped_story(info.scenario_id) if info.scenario_id else None
    for info in saves.list_saves():
        if info.ended or (info.problem and not info.recoverable) or not info.scenario_id:
            continue
        found = shipped_story(info.scenario_id)
        if found is not None:
            return found
    return None


def latest_of_any_story(scenario_id: str) -> tuple[saves.SaveInfo, Path] | None:
    """The latest unfinished game of a shipped story other than `scenario_id`, with that story's folder."""
    for info in saves.list_saves():
        if info.ended or (info.problem and not info.recoverable) or info.scenario_id in ("", scenario_id):
            continue
        found = shipped_story(info.scenario_id)
        if found is not None:
            return info, found
    return None
