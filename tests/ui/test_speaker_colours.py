"""Speakers' names read well in every theme: a writer's colour (the tutorial's police chief is pure
`blue`, its reporter `white`) is made lighter or darker for the theme's background, to at least WCAG's
4.5:1, and follows a change of theme at once. The name itself says who speaks, never the colour alone."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.color import Color

from game.i18n import set_language
from game.settings import THEMES, Settings
from game.ui.app import SafeCityApp
from game.ui.widgets.scene_text import contrast, readable
from game.ui.widgets.story_view import StoryView
from tests.ui.test_play_screen import TUTORIAL, run

SPEAKERS = ("Karim Benali", "Élise Moreau")   # blue and yellow in the story's own words


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def speaker_colours(story: StoryView) -> dict[str, Color]:
    """Each speaker's name as the scene shows it, with the colour it is drawn in."""
    content = story.content
    found = {}
    for span in content.spans:
        text = content.plain[span.start:span.end]
        foreground = getattr(span.style, "foreground", None)
        if text in SPEAKERS and foreground is not None:
            found[text] = foreground
    return found


def test_every_speaker_reads_well_in_every_theme(language):
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, language=language, settings=Settings(theme="dark"))

    async def script(pilot):
        seen = {}
        for theme in THEMES:   # changed while playing: the scene follows at once
            app.change_settings(replace(app.settings, theme=theme))
            await pilot.pause()
            story = app.screen.query_one(StoryView)
            seen[theme] = (story.background_colors[1], speaker_colours(story))
        return seen

    for theme, (background, colours) in run(app, script, size=(100, 40)).items():
        assert set(colours) == set(SPEAKERS), (theme, colours)
        for name, colour in colours.items():
            assert contrast(colour, background) >= 4.5, (theme, name, colour.hex, background.hex)


@pytest.mark.parametrize("colour,background", [("blue", "#000000"), ("yellow", "#E0E0E0"), ("white", "#E0E0E0"),
                                               ("ansi_bright_blue", "#121212"), ("black", "#121212")])
def test_a_colour_too_faint_is_moved_in_lightness_only_as_far_as_needed(colour, background):
    original, back = Color.parse(colour), Color.parse(background)
    adjusted = readable(original, back)
    assert 4.5 <= contrast(adjusted, back) < 5.5            # readable, and no further from the writer's colour
    if original.hsl.s:                                      # the same hue
        assert abs(adjusted.hsl.h - original.hsl.h) < 0.02


def test_a_colour_that_reads_well_is_kept():
    assert readable(Color.parse("cyan"), Color.parse("#121212")).hex == "#00FFFF"
