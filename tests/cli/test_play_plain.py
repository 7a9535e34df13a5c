"""The plain-text player, driven through pipes as a script or a screen reader user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import write_files
from tests.unit.test_engine import BASE


def play(args, text, env_home):
    env = {**os.environ, "SAFECITY_HOME": str(env_home)}
    return subprocess.run([sys.executable, "-m", "game", "play", "--plain", *args], input=text,
                          capture_output=True, text=True, env=env, timeout=60)


def the_save(home):
    """The one saved game under `home` (every game has its own save file)."""
    found = [p for p in (home / "saves").iterdir() if p.suffix == ".json" and not p.name.startswith(".")]
    assert len(found) == 1, found
    return found[0]


@pytest.fixture
def story(tmp_path):
    return write_files(tmp_path / "story", {"scenario.yaml": BASE})


def test_a_piped_game_prints_a_readable_transcript(story, tmp_path):
    run = play([str(story), "--seed", "7"], "1\n1\n4\n1\n", tmp_path)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "--- Turn 1 · June 2018 ---" in out
    assert "Headline: Budget at 50 M€" in out
    assert "Commissaire Roux (Police chief): We need cameras." in out
    assert "2. (locked: Needs more than 90 M€) Buy the whole city" in out
    assert "A hidden option" not in out
    assert "Changes: Budget -20 M€, Trust -5" in out
    assert "Budget 50 M€ of 100 M€ | Trust 50 of 100" in out                 # the unit with both numbers
    assert "=== The end: Defeated ===" in out
    assert "June 2018: Signed the camera contract" in out
    assert "How do you feel" in out
    assert "Traceback" not in run.stderr


def test_the_same_seed_and_input_give_the_same_transcript(story, tmp_path):
    first = play([str(story), "--seed", "11"], "4\n3\n3\n3\n4\n1\n", tmp_path / "a")
    second = play([str(story), "--seed", "11"], "4\n3\n3\n3\n4\n1\n", tmp_path / "b")
    assert first.stdout == second.stdout and first.returncode == 0


def test_bad_input_is_explained_and_asked_again(story, tmp_path):
    run = play([str(story), "--seed", "1"], "9\nbanana\n2\nh\n", tmp_path)
    assert "Choose a number from 1 to 3." in run.stdout
    assert "Type the number of a choice, or h for help." in run.stdout
    assert "That choice is locked: Needs more than 90 M€" in run.stdout
    assert "undo your last choice" in run.stdout
    assert "Input ended; the game is saved" in run.stdout and run.returncode == 0


def test_a_game_continues_after_the_process_ends(story, tmp_path):
    play([str(story), "--seed", "1"], "1\n", tmp_path)          # sign, then input ends
    save = the_save(tmp_path)
    assert json.loads(save.read_text())["state"]["scene"] == "letter"
    run = play([str(story), "--continue"], "1\n", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "A letter from the CNIL." in run.stdout and "The council meets." in run.stdout


def test_undo_goes_back_one_choice_and_saves_it(story, tmp_path):
    run = play([str(story), "--seed", "1"], "1\nu\n", tmp_path)
    assert "Undone." in run.stdout
    assert json.loads(the_save(tmp_path).read_text())["state"]["scene"] == "office"


def test_continue_goes_on_after_the_story_was_edited_and_says_so(story, tmp_path):
    play([str(story), "--seed", "1"], "1\n", tmp_path)
    (story / "scenario.yaml").write_text(BASE.replace("You won.", "You won!"))
    run = play([str(story), "--continue"], "", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "the story was edited since this game was saved" in run.stdout
    assert "A letter from the CNIL." in run.stdout


def test_continue_refuses_a_save_whose_scene_is_gone_and_keeps_it(story, tmp_path):
    play([str(story), "--seed", "1"], "1\n", tmp_path)
    save = the_save(tmp_path)
    before = save.read_bytes()
    (story / "scenario.yaml").write_text(BASE.replace("letter", "missive"))
    for extra in ([], ["--force"]):
        run = play([str(story), "--continue", *extra], "", tmp_path)
        assert run.returncode == 1 and "`letter` no longer exists" in run.stderr, run.stderr
        assert "Traceback" not in run.stderr
    assert save.read_bytes() == before


def test_a_new_game_never_touches_an_unreadable_save(story, tmp_path):
    saves_dir = tmp_path / "saves"
    saves_dir.mkdir()
    (saves_dir / "base.json").write_text("{broken")
    run = play([str(story), "--seed", "1"], "", tmp_path)
    assert run.returncode == 0, run.stderr
    assert (saves_dir / "base.json").read_text() == "{broken"
    assert len([p for p in saves_dir.iterdir() if p.suffix == ".json"]) == 2


def test_a_broken_story_is_reported_with_its_location_not_a_traceback(tmp_path):
    story = write_files(tmp_path / "bad", {"scenario.yaml": BASE.replace("goto: council\n      - id: rich",
                                                                         "goto: councl\n      - id: rich")})
    run = play([str(story)], "", tmp_path)
    assert run.returncode == 1
    assert "scenario.yaml:" in run.stderr and "SC301" in run.stderr and "did you mean `council`?" in run.stderr
    assert "Traceback" not in run.stderr


def test_replay_and_variant_options(story, tmp_path):
    run = play([str(story), "--seed", "2", "--replay", "sign,continue"], "", tmp_path)
    assert "The council meets." in run.stdout and run.returncode == 0
    bad = play([str(story), "--variant", "nope"], "", tmp_path)
    assert bad.returncode == 1 and "no variant `nope`" in bad.stderr


STUCK = """
scenario: {id: stuck, title: Stuck, start: a}
flags:
  f: F
scenes:
  a:
    choices:
      - {id: on, text: Go on, goto: r}
      - {id: hidden_only, text: Go to a dead end, goto: dead}
  r:
    text: A junction the writer forgot to finish.
    route: [{if: f, goto: e}]
  dead:
    text: Nothing to do here.
    choices: [{id: never, text: Never, if: f, goto: e}]
  e: {ending: {title: End}}
"""


def test_a_story_fault_is_explained_and_the_game_goes_on(tmp_path):
    story = write_files(tmp_path / "stuck", {"scenario.yaml": STUCK})
    run = play([str(story), "--seed", "1"], "1\n1\nq\n", tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "The story cannot go on this way: no route of scene `r` applies" in run.stdout
    stuck = play([str(story), "--seed", "1"], "2\n1\n", tmp_path / "b")
    assert "No choice is open in scene `dead`" in stuck.stdout


def test_quitting_names_the_command_that_continues(story, tmp_path):
    run = play([str(story), "--seed", "1"], "q\n", tmp_path)
    assert f"safecity play {story} --plain --continue" in run.stdout


def test_an_unknown_language_is_a_usage_error(tmp_path):
    run = play(["tutorial", "--lang", "de"], "", tmp_path)
    assert run.returncode == 2 and "no translation into `de`" in run.stderr and "fr" in run.stderr


def test_the_tutorial_plays_in_french(tmp_path):
    run = play(["tutorial", "--lang", "fr", "--seed", "1"], "1\n", tmp_path)
    assert run.returncode == 0 and "Traceback" not in run.stderr


def test_writers_can_start_anywhere_in_any_state(story, tmp_path):
    run = play([str(story), "--seed", "1", "--from", "council", "--set", "budget=5", "--set", "signed=true"],
               "1\n", tmp_path)
    assert run.returncode == 0, run.stderr
    assert "The council meets." in run.stdout and "Budget 5 M€" in run.stdout
    assert "The money ran out." in run.stdout      # spending everything from 5 M€ ends the game


def test_a_mistyped_start_or_value_is_explained(story, tmp_path):
    bad_scene = play([str(story), "--from", "councl"], "", tmp_path)
    assert bad_scene.returncode == 1 and "did you mean `council`?" in bad_scene.stderr
    bad_value = play([str(story), "--set", "trust=high"], "", tmp_path)
    assert bad_value.returncode == 1 and "give a number" in bad_value.stderr
    bad_name = play([str(story), "--set", "trsut=3"], "", tmp_path)
    assert bad_name.returncode == 1 and "did you mean `trust`?" in bad_name.stderr


def test_a_replay_that_goes_wrong_says_which_step_where_and_what_was_on_offer(tmp_path):
    from game.paths import resolve_scenario
    tutorial = str(resolve_scenario("tutorial"))
    run = play([tutorial, "--seed", "3", "--replay", "continue,cameras,sign_charter"], "", tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    message = run.stderr
    assert "step 3 of 3" in message and "`sign_charter`" in message
    assert "scene `school`" in message and "turn 2" in message
    assert "`gate_trial`, `badges`, `intercom`" in message


def test_a_lint_raised_to_error_fails_check_but_the_story_still_plays(tmp_path):
    """As docs/authoring.md says: lints are check's; play and explore run a story that loads."""
    from pathlib import Path
    fixture = Path(__file__).resolve().parents[1] / "data" / "SC713-unchanging-meter"
    story = tmp_path / "story"
    story.mkdir()
    text = (fixture / "scenario.yaml").read_text(encoding="utf-8")
    (story / "scenario.yaml").write_text(text.replace("  start: first\n", "  start: first\n  lint:\n    SC713: error\n"),
                                         encoding="utf-8")
    env = {**os.environ, "SAFECITY_HOME": str(tmp_path)}
    checked = subprocess.run([sys.executable, "-m", "game", "check", str(story)], capture_output=True, text=True,
                             env=env, timeout=60)
    assert checked.returncode == 1 and "SC713 error" in checked.stdout + checked.stderr
    played = play([str(story), "--seed", "1"], "1\n", tmp_path)
    assert played.returncode == 0 and "End" in played.stdout
def test_the_content_warning_comes_before_the_first_scene(tmp_path):
    run = play(["safe-city", "--seed", "1"], "q\n", tmp_path)
    assert run.returncode == 0, run.stderr
    warning = run.stdout.index("Content warning: The story mentions a real terrorist attack")
    assert warning < run.stdout.index("--- Turn 1")


def test_continue_with_no_story_named_takes_the_latest_unfinished_game_of_any_shipped_story(tmp_path):
    """`--continue` means the player's latest game: a tutorial game too, not only Safe City's."""
    started = play(["tutorial", "--seed", "7"], "1\n", tmp_path)        # the tutorial, one choice, then input ends
    assert started.returncode == 0, started.stderr
    run = play(["--continue"], "", tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("The Camera Question\n(continuing your saved game")
    by_id = play(["--continue", "--save", the_save(tmp_path).stem], "", tmp_path)
    assert by_id.returncode == 0 and by_id.stdout.startswith("The Camera Question\n"), by_id.stderr


def test_continue_with_nothing_to_continue_says_so_in_french(tmp_path):
    env_lang = play(["--continue", "--lang", "fr"], "", tmp_path)
    assert env_lang.returncode != 0
    assert "aucune partie de « Safe City » n'est en cours" in env_lang.stderr.replace("\u00a0", " ")
    assert "Traceback" not in env_lang.stderr
