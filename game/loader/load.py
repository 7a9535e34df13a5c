"""The loader's front door: a path in, a Scenario and its diagnostics out."""

from __future__ import annotations

import gc

from dataclasses import replace
from pathlib import Path

from game.loader.build import Builder
from game.loader.files import read_folder
from game.loader.i18n import apply_translation, available_languages
from game.loader.result import LoadResult
from game.model.diagnostics import Diagnostic, sort_key


def load_scenario(path: str | Path, language: str | None = None, *, all_languages: bool = False) -> LoadResult:
    """Load a scenario folder (or its scenario.yaml).

    With `language`, texts come from i18n/<language>.yaml where it translates
    them. With `all_languages`, every translation file is checked and its
    diagnostics are added, as `safecity check` does.
    """
    # The loaded data is acyclic trees freed as a whole; letting the cycle
    # collector rescan it after every few thousand objects made loading quadratic.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        folder = read_folder(Path(path))
        out = list(folder.diagnostics)
        scenario = None
        unbuilt: frozenset = frozenset()
        if folder.files:
            builder = Builder(folder, out)
            scenario = builder.build()
            unbuilt = frozenset(getattr(builder, "facts_without_source", ()))
    finally:
        if gc_was_enabled:
            gc.enable()
    if scenario is not None and folder.root is not None:
        languages = available_languages(folder.root)
        scenario = replace(scenario, languages=tuple(lang for lang in languages if lang != scenario.language))
        wanted = list(languages) if all_languages else ([language] if language and language != scenario.language else [])
        for lang in wanted:
            translated, problems = apply_translation(scenario, folder.root, folder.shown_root, lang, unbuilt)
            out.extend(problems)
            if lang == language:
                scenario = translated
    return LoadResult(scenario, causes_first(out))


# A file whose content is lost: everything defined in it goes missing, and references to it fail.
LOST_FILE = {"SC100", "SC101", "SC103", "SC104", "SC105", "SC106", "SC107", "SC108"}
# What a lost file makes fail elsewhere: references to scenes, facts, characters, meters, terms,
# the start scene, translations of what it defined, the endings it held.
CONSEQUENCES = {"SC301", "SC302", "SC303", "SC304", "SC305", "SC307", "SC311", "SC601"}


def causes_first(out: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics in file order, except that when a file could not be read, the errors that may
    only follow from it come after everything else and say so: the writer fixes the cause, not its
    echoes."""
    out = sorted(out, key=sort_key)
    lost = [d for d in out if d.code in LOST_FILE]
    if not lost:
        return out
    files = ", ".join(dict.fromkeys(d.span.file for d in lost))
    echoes = [replace(d, message=f"{d.message} (perhaps only because {files} could not be read: fix that first)")
              for d in out if d.code in CONSEQUENCES]
    return [d for d in out if d.code not in CONSEQUENCES] + echoes
