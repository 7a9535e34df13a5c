"""The help's advice reads as a list at 80x24: a long point wraps under its own words, not under
the bullet, and the command to type is shown as a command, without Markdown's backticks."""

from __future__ import annotations

import pytest

from game.i18n import set_language
from game.settings import Settings
from game.ui.app import SafeCityApp
from tests.ui.reading import shown_text
from tests.ui.test_play_screen import TUTORIAL, run


@pytest.fixture(params=["en", "fr"])
def language(request):
    set_language(request.param)
    yield request.param
    set_language("en")


def shown_in(app, widget) -> list[str]:
    """The rows of the screen that `widget` covers, cut to its columns."""
    rows = shown_text(app).splitlines()
    region = widget.region
    return [rows[y][region.x:region.right] if y < len(rows) else "" for y in range(region.y, region.bottom)]


@pytest.mark.parametrize("size", [(80, 24), (100, 30)])
def test_how_to_play_is_a_list_with_hanging_indents_and_the_command_has_no_backticks(language, size):
    app = SafeCityApp(TUTORIAL, seed=1, skip_title=True, language=language, settings=Settings())

    async def script(pilot):
        await pilot.press("question_mark")
        await pilot.pause()
        advice, command = app.screen.query_one("#how-to-play"), app.screen.query_one("#screen-reader")
        advice.scroll_visible(animate=False, top=True)
        await pilot.pause()
        lines = shown_in(app, advice)
        command.scroll_visible(animate=False)
        await pilot.pause()
        return lines, "\n".join(shown_in(app, command)), command.content

    lines, command, content = run(app, script, size=size)
    bullets = [line for line in lines if line.startswith("• ")]
    assert len(bullets) == 6 and len(lines) > 6, lines               # six points, some of them wrapped
    assert all(line.startswith(("• ", "  ")) and line[2:3] != " " for line in lines if line.strip()), lines
    assert "`" not in command and "safecity play --plain" in command
    code = [span for span in content.content.spans
            if content.plain[span.start:span.end] == "safecity play --plain"]
    assert code, "the command is drawn in a style of its own"
