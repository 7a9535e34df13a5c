"""The loader's front door: a path in, a Scenario and its diagnostics out."""

from __future__ import annotations

import gc

from dataclasses import dataclass, field, replace
from pathlib import Path

from game.loader.build import Builder
from game.loader.files import read_folder
from game.loader.i18n import apply_translation, available_languages
from game.model.diagnostics import Diagnostic, sort_key
from game.model.scenario import Scenario


@dataclass
class LoadResult:
    scenario: Scenario | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def ok(self) -> bool:
        return self.scenario is not None and not self.errors


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
        if folder.files:
            scenario = Builder(folder, out).build()
    finally:
        if gc_was_enabled:
            gc.enable()
    if scenario is not None and folder.root is not None:
        languages = available_languages(folder.root)
        scenario = replace(scenario, languages=tuple(lang for lang in languages if lang != scenario.language))
        wanted = list(languages) if all_languages else ([language] if language and language != scenario.language else [])
        for lang in wanted:
            translated, problems = apply_translation(scenario, folder.root, folder.shown_root, lang)
            out.extend(problems)
            if lang == language:
                scenario = translated
    out.sort(key=sort_key)
    return LoadResult(scenario, out)
