"""The ending screen shows the meters over the term in small charts that tell the truth (each on its
meter's fixed range, the line where the game ends, every bar labelled), and keeps its buttons in
view, each on one line, in even rows, at 80x24 and 100x30, in English and French."""

from __future__ import annotations

import pytest
from textual.widgets import Button

from game.i18n import set_language
from game.settings import Settings
from game.ui.app import SafeCityApp
from game.ui.screens.ending import button_columns
from game.ui.widgets.meter_chart import MeterChart
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import TUTORIAL, run
from tests.ui.test_screens import TO_THE_END, choose

WORDS = {"en": ("Your meters over the term", "start", "end", "the game ends at 20"),
         "fr": ("Vos jauges au fil du mandat", "début", "fin", "la partie s'arrête à 20")}


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def at_the_end(language: str, size: tuple[int, int]):
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, language=language, settings=Settings())

    async def script(pilot):
        await choose(pilot, *TO_THE_END)
        screen = app.screen
        first = shown_text(app)
        charts = {chart.id: chart.render().plain for chart in screen.query(MeterChart)}
        buttons = [(str(b.label), b.region) for b in screen.query(Button)]
        chart = screen.query_one("#chart-budget")
        chart.scroll_visible(animate=False)
        await pilot.pause()
        return type(screen).__name__, first, charts, buttons, shown_text(app)

    return run(app, script, size=size)


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_the_ending_shows_each_meter_over_the_term_and_its_buttons_stay_in_view(language, size):
    heading, first, last, ends_at = WORDS[language]
    name, shown, charts, buttons, scrolled = at_the_end(language, size)
    assert name == "EndingScreen"
    # The story's ending comes first; the charts follow it, one per meter, a scroll away at most.
    assert shown.index("Time to Hand Over" if language == "en" else "L'heure de passer la main") < (
        shown.index(heading) if heading in shown else len(shown))
    assert set(charts) == {"chart-budget", "chart-safety", "chart-trust"}
    budget = charts["chart-budget"].splitlines()
    assert budget[1].split()[0] == "500" and budget[-3].split()[0] == "0"   # the meter's fixed range
    assert ends_at in charts["chart-budget"]
    assert budget[-1].split()[0] == first and budget[-1].split()[-2] == last
    assert "│" in scrolled and first in scrolled
    # Every button whole on one line, on screen whatever is scrolled, in rows as even as can be.
    rows = {}
    for label, region in buttons:
        assert region.height == 1 and region.bottom <= size[1] - 1, (label, region)
        assert label in shown and label in scrolled, label
        rows.setdefault(region.y, []).append(label)
    counts = sorted(len(row) for row in rows.values())
    assert len(rows) <= 2 and counts[-1] - counts[0] <= 1, rows


def test_buttons_go_in_as_few_and_as_even_rows_as_let_every_label_stay_whole():
    labels = ["Debrief (d)", "Play again (n)", "What if… (w)", "Title screen (t)", "Quit (q)"]
    assert button_columns(120, labels) == 5
    assert button_columns(76, labels) == 3          # two rows, three and two: never four and one
    assert button_columns(40, labels) == 2
    assert button_columns(10, labels) == 1
    assert button_columns(76, labels[:4]) == 4 and button_columns(60, labels[:4]) == 2
