"""The game's own ending asks the scenario's discussion questions (classroom.discussion), in the
plain player as on the ending screen (tests/ui/test_screens.py), and the six general ones when
the scenario has none (tests/cli/test_play_plain.py)."""

from __future__ import annotations

import os
import subprocess
import sys

from game.engine.runtime import choose, start
from game.engine.view import discussion, view


def test_the_plain_ending_asks_the_tutorials_own_questions(tutorial, tmp_path):
    state, typed = start(tutorial, 3), []
    while not state.ended:
        choices = view(tutorial, state).choices
        index = next(i for i, c in enumerate(choices) if c.available)
        typed.append(str(index + 1))
        state = choose(tutorial, state, choices[index].id)
    run = subprocess.run([sys.executable, "-m", "game", "play", "tutorial", "--plain", "--seed", "3"],
                         input="\n".join(typed) + "\n", capture_output=True, text=True, timeout=60,
                         env={**os.environ, "SAFECITY_HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    out = " ".join(run.stdout.split())
    questions = discussion(tutorial)
    assert len(questions) == 4
    for number, question in enumerate(questions, 1):
        assert f"{number}. {question}" in out
    assert "How do you feel" not in out
