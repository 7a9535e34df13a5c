"""Every text of every shipped story, in every language it has, drawn by the game's own widgets.

French terms such as [[analyse d'impact]] once broke the scene (their apostrophe went into a
markup action) and a `[Note=...]` in a variant's description broke the variant dialog: every
scene (all its text blocks, lines, choices and results, whatever their conditions), fact
card, glossary entry, ending, variant and the title are drawn here, line by line.
"""

from __future__ import annotations

import pytest
from textual.geometry import Region
from textual.visual import Visual, visualize

from game.engine.view import ChoiceView, LineView, View
from game.loader import load_scenario
from game.paths import shipped_scenarios
from game.settings import Settings
from game.ui.app import SafeCityApp
from game.ui.screens.ending import EndingScreen
from game.ui.screens.facts import FactCardScreen
from game.ui.screens.glossary import GlossaryScreen
from game.ui.screens.title import VariantScreen
from game.ui.widgets.links import Links
from game.ui.widgets.scene_text import scene_content
from game.ui.widgets.story_view import StoryView
from tests.ui.test_play_screen import TUTORIAL, run
from tests.ui.test_title_screen import story_read


def stories() -> list[tuple[str, str]]:
    found = []
    for name, path in shipped_scenarios().items():
        scenario = load_scenario(path).scenario
        found += [(name, language) for language in (scenario.language, *scenario.languages)]
    return found


def draw(screen, width: int = 76) -> str:
    """Every line every widget of `screen` draws, as text (this is where a bad text would fail).

    A screen not laid out yet (pushed, not waited for: much faster) is drawn `width` wide.
    """
    out = []
    for widget in screen.query("*"):
        if widget.size.area:
            strips = widget.render_lines(Region(0, 0, *widget.size))
        else:
            strips = Visual.to_strips(widget, visualize(widget, widget.render()), width, None, widget.visual_style)
        out += ["".join(s.text for s in strip) for strip in strips]
    return "\n".join(out)


def every_text(scenario, scene) -> View:
    """The scene with all its texts at once, whatever their conditions, and each choice also locked."""
    lines = []
    for line in scene.say:
        who = scenario.characters[line.character]
        lines.append(LineView(who.id, who.name, who.role, who.colour, line.text))
    choices = []
    for choice in scene.choices:
        choices.append(ChoiceView(choice.id, choice.text, True, "", False, (), bool(choice.outcomes)))
        choices.append(ChoiceView(choice.id, choice.text, False, choice.locked or "locked", False, (), False))
    results = [c.result for c in scene.choices] + [o.result for c in scene.choices for o in c.outcomes]
    return View(scene=scene.id, turn=1, date=None, headline=scene.headline,
                text="\n\n".join(block.text for block in scene.text), lines=tuple(lines), facts=(), later=frozenset(), terms=(),
                choices=tuple(choices), meters=(), result="\n".join(r for r in results if r), ending=scene.ending)


@pytest.mark.parametrize(("name", "language"), stories())
def test_every_text_of_a_shipped_story_is_drawn(name, language):
    path = shipped_scenarios()[name]
    app = SafeCityApp(path, seed=1, language=language, skip_title=True, settings=Settings())

    async def script(pilot):
        session = app.session
        scenario, start = session.scenario, session.state
        play = app.screen
        story = play.query_one(StoryView)
        endings = []
        for scene in scenario.scenes.values():
            state = start.copy()
            state.scene = scene.id
            if scene.ending is not None:
                state.ended = True
                endings.append(state)
            else:
                session.state = state
                play.refresh_view()                       # the scene as the engine shows it
                draw(play)
            view = every_text(scenario, scene)
            story.show_scene(scene_content(view, [], Links()), view.choices, show_effects=True)
            draw(play)
        # One screen of each kind, composed again for each ending and card: much faster than a push each.
        ending = EndingScreen(session)
        for state in endings:
            session.state = state
            if ending.is_attached:
                await ending.recompose()
            else:
                await app.push_screen(ending)
            draw(ending)
        await app.pop_screen()
        session.state = start
        card = FactCardScreen(next(iter(scenario.facts.values())))
        await app.push_screen(card)
        for fact in scenario.facts.values():
            card.fact = fact
            await card.recompose()
            draw(card)
        await app.pop_screen()
        glossary = GlossaryScreen(session)
        await app.push_screen(glossary)
        await pilot.pause()
        for index in range(len(glossary.entries)):
            glossary.show_entry(index)
            draw(glossary)
        await app.pop_screen()
        if scenario.variants:
            await app.push_screen(VariantScreen(scenario))
            await pilot.pause()
            draw(app.screen)
            await app.pop_screen()
        app.show_title()
        await story_read(pilot)
        return draw(app.screen)

    assert run(app, script, size=(100, 40))


def test_the_french_tutorial_shows_a_term_with_an_apostrophe():
    app = SafeCityApp(TUTORIAL, seed=1, language="fr", skip_title=True, settings=Settings())

    async def script(pilot):
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        return type(app.screen).__name__, app.screen.query_one(StoryView).content.plain, app.screen.links.terms

    screen, text, terms = run(app, script)
    assert screen == "PlayScreen" and "analyse d'impact" in text and "analyse d'impact" in terms
