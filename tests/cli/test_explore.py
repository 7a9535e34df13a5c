"""`safecity explore`: coverage and endings for writers, and any softlock with a seed that replays it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from game.analysis.explore import explore
from game.loader import load_scenario
from game.paths import shipped_scenarios
from tests.conftest import write_files

TUTORIAL = shipped_scenarios()["tutorial"]

TRAP = """
scenario: {id: trap, title: Trap, start: a}
meters: {luck: {label: Luck, start: 50}}
flags: {key: Found the key}
scenes:
  a:
    choices:
      - {id: left, text: Left, goto: end}
      - id: gamble
        text: Gamble
        outcomes:
          - {weight: 3, goto: end}
          - {weight: 1, goto: cellar}
  cellar:
    text: A locked door.
    choices:
      - {id: open, text: Open it, if: key, goto: end}
  end: {ending: {title: Out}}
"""


def safecity(*args, cwd=None, text_input=""):
    env = {**os.environ}
    return subprocess.run([sys.executable, "-m", "game", *args], input=text_input, capture_output=True, text=True,
                          env=env, timeout=120, cwd=cwd)


def test_the_tutorial_is_fully_covered_with_no_failure():
    scenario = load_scenario(TUTORIAL).scenario
    report = explore(scenario, 400, prefer_unused=True)
    missing = report.missing(scenario)
    assert report.failures == []
    assert missing["choices"] == [] and missing["events"] == []
    assert set(missing["scenes"]) <= {"express_intro"}          # only the variant's own start
    assert sum(report.endings.values()) == 400


def test_a_planted_softlock_is_found_and_its_replay_reproduces_it(tmp_path):
    folder = write_files(tmp_path / "trap", {"scenario.yaml": TRAP})
    run = safecity("explore", str(folder), "--runs", "50", "--json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    failure = report["failures"][0]
    assert failure["problem"] == "softlock" and failure["scene"] == "cellar"
    assert "--replay gamble" in failure["replay"]
    # the command it prints leads a player to the same dead end
    replay = failure["replay"].split()[1:]                       # drop "safecity"
    home = {"SAFECITY_HOME": str(tmp_path / "home")}
    played = subprocess.run([sys.executable, "-m", "game", *replay], input="1\n", capture_output=True, text=True,
                            env={**os.environ, **home}, timeout=60)
    assert "A locked door." in played.stdout and "No choice is open in scene `cellar`" in played.stdout


def test_the_text_report_shows_coverage_endings_and_meters():
    run = safecity("explore", str(TUTORIAL), "--runs", "200")
    assert run.returncode == 0, run.stderr
    for words in ("Coverage:", "Endings:", "Run length:", "Meters at the end", "No softlock or error."):
        assert words in run.stdout


def test_exhaustive_exploration_covers_the_tutorial_completely():
    from game.analysis.exhaustive import explore_all, missing

    scenario = load_scenario(TUTORIAL).scenario
    report = explore_all(scenario)
    assert report.complete and report.softlocks == []
    gaps = missing(scenario, report)
    assert gaps["choices"] == [] and gaps["outcomes"] == [] and gaps["events"] == []
    assert gaps["scenes"] == []                            # everything of the full game
    assert gaps["other variants' starts"] == ["express_intro (--variant express)"]
    assert len(report.endings) == sum(1 for s in scenario.scenes.values() if s.ending)


def test_exhaustive_exploration_finds_a_softlock_behind_a_rare_outcome(tmp_path):
    folder = write_files(tmp_path / "trap", {"scenario.yaml": TRAP})
    run = safecity("explore", str(folder), "--exhaustive", "--json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["complete"] is True
    assert report["softlocks"][0]["scene"] == "cellar"


def test_a_capped_exhaustive_search_says_it_is_incomplete():
    run = safecity("explore", str(TUTORIAL), "--exhaustive", "--max-states", "50")
    assert run.returncode == 0
    assert "stopped early because it reached --max-states (50)" in run.stdout and "lower bound" in run.stdout
    assert "loops were not checked" in run.stdout


def test_the_extremes_search_finds_the_planted_softlock_too(tmp_path):
    folder = write_files(tmp_path / "trap", {"scenario.yaml": TRAP})
    run = safecity("explore", str(folder), "--exhaustive", "--meters", "extremes", "--json")
    assert run.returncode == 1
    report = json.loads(run.stdout)
    assert report["mode"] == "extremes" and report["complete"] is True
    assert report["softlocks"][0]["scene"] == "cellar"
    assert "gamble@2" in report["softlocks"][0]["replay"]      # the rare outcome, forced in the replay


def test_each_way_a_meter_leaves_its_range_comes_with_a_replay_that_reaches_it(tmp_path):
    from tests.unit.test_exhaustive import STORY

    folder = write_files(tmp_path / "money", {"scenario.yaml": STORY})
    run = safecity("explore", str(folder), "--exhaustive", "--json")
    assert run.returncode == 0
    exits = json.loads(run.stdout)["meter_exits"]
    assert {(e["meter"], e["kind"]) for e in exits} == {("money", "low"), ("money", "min"), ("money", "max")}
    low = next(e for e in exits if e["kind"] == "low" and e["outcome"] == 1)
    command = low["replay"].split()
    assert command[:2] == ["safecity", "play"]
    played = safecity(*command[1:], text_input="q\n")
    assert "Broke" in played.stdout                           # the replay ends where the report said

    text = safecity("explore", str(folder), "--exhaustive").stdout
    assert "Money reaches its low threshold (0), which leads to `broke`: 2 way(s)" in text
    assert "Money would go below its minimum (0) and is held there" in text


LOOPING = """
scenario:
  id: loop
  title: Loop
  start: hall
meters:
  budget: {label: Budget, start: 10}
scenes:
  hall:
    turn: true
    text: The council meets.
    choices:
      - id: vote
        text: Call the vote
        effects: {budget: -1}
        goto: end
      - id: debate
        text: Debate once more
        effects: {budget: -1}
        goto: corridor
  corridor:
    text: The debate goes round in circles.
    choices:
      - id: again
        text: Go back to the chamber
        goto: chamber
  chamber:
    text: Nobody can leave.
    choices:
      - id: round
        text: Round again
        goto: corridor
      - id: sulk
        text: Sulk
        goto: cellar
  cellar:
    text: A locked door, and no way back.
    choices:
      - id: knock
        text: Knock
        if: budget > 100
        goto: end
  end:
    ending: {title: Done}
"""


def test_exhaustive_exploration_finds_an_endless_loop_with_the_shortest_way_into_it(tmp_path):
    story = write_files(tmp_path / "loop", {"scenario.yaml": LOOPING})
    run = safecity("explore", str(story), "--exhaustive")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "endless loop" in run.stdout and "`corridor` -> `chamber` -> `corridor`" in run.stdout
    assert "No softlock" not in run.stdout
    data = json.loads(safecity("explore", str(story), "--exhaustive", "--json").stdout)
    (loop,) = data["loops"]
    assert loop["path"] == ["debate"] and loop["entry"] == "corridor" and data["loops_checked"]
    assert [s["scene"] for s in data["softlocks"]] == ["cellar"]       # the dead end is a softlock, said once
    # the replay it prints leads a player into the loop
    home = {"SAFECITY_HOME": str(tmp_path / "home")}
    played = subprocess.run([sys.executable, "-m", "game", *loop["replay"].split()[1:]], input="1\n1\n",
                            capture_output=True, text=True, env={**os.environ, **home}, timeout=60)
    assert "The debate goes round in circles." in played.stdout and "Nobody can leave." in played.stdout


def test_a_story_that_always_ends_says_so_and_a_story_without_endings_is_refused(tmp_path):
    run = safecity("explore", str(TUTORIAL), "--exhaustive")
    assert run.returncode == 0 and "an ending can be reached from every reachable state" in run.stdout
    endless = write_files(tmp_path / "endless", {"scenario.yaml": LOOPING.replace("    ending: {title: Done}",
                                                                                   "    text: Done.\n    goto: hall")})
    checked = safecity("check", str(endless))
    assert checked.returncode == 1 and "SC311" in checked.stdout + checked.stderr


def test_random_runs_that_never_end_are_one_cause_with_a_replay_that_fits_on_a_screen(tmp_path):
    story = write_files(tmp_path / "loop", {"scenario.yaml": LOOPING.replace(
        "      - id: sulk\n        text: Sulk\n        goto: cellar\n", "")})
    run = safecity("explore", str(story), "--runs", "300")
    assert run.returncode == 1
    assert len(run.stdout) < 3000, len(run.stdout)              # not hundreds of 1,000-step replays
    assert "1 cause(s) of failure" in run.stdout and "goes round `corridor` -> `chamber`" in run.stdout
    data = json.loads(safecity("explore", str(story), "--runs", "300", "--json").stdout)
    (cause,) = data["failures"]
    assert cause["problem"] == "too long" and cause["runs"] > 50 and cause["path"] == ["debate", "again"]


def test_another_variants_start_is_not_called_never_reached(tmp_path):
    run = safecity("explore", str(TUTORIAL), "--exhaustive")
    assert "never reached (scenes)" not in run.stdout or "express_intro" not in run.stdout.split(
        "never reached (scenes)")[1].split("\n")[0]
    assert "not played in these games (other variants' starts): express_intro (--variant express)" in run.stdout
    data = json.loads(safecity("explore", str(TUTORIAL), "--runs", "50", "--variant", "express", "--json").stdout)
    assert all("express_intro" not in item for item in data["missing"]["other variants' starts"])


def test_new_writes_no_absolute_path_into_the_scenario_and_from_a_mid_turn_scene_is_turn_1(tmp_path):
    folder = tmp_path / "my-town"
    made = safecity("new", str(folder))
    assert made.returncode == 0, made.stderr
    assert str(tmp_path) not in (folder / "scenario.yaml").read_text(encoding="utf-8")
    played = subprocess.run([sys.executable, "-m", "game", "play", str(TUTORIAL), "--plain", "--from", "cnil_letter",
                             "--seed", "1"], input="q\n", capture_output=True, text=True, timeout=60,
                            env={**os.environ, "SAFECITY_HOME": str(tmp_path / "home")})
    assert "Turn 0" not in played.stdout and "Turn 1" in played.stdout, played.stdout[:500]


def test_a_long_exhaustive_run_shows_progress_when_piped_and_says_which_limit_stopped_it():
    safe_city = str(shipped_scenarios()["safe-city"])
    run = safecity("explore", safe_city, "--exhaustive", "--max-states", "150000", "--max-seconds", "60")
    assert "states of at most 150,000" in run.stderr            # a progress line in a CI log
    assert "stopped early because it reached --max-states (150,000)" in run.stdout
    timed = safecity("explore", safe_city, "--exhaustive", "--max-seconds", "1")
    assert "stopped early because it ran for --max-seconds (1 s)" in timed.stdout
MARKET = """
scenario: {id: market, title: Market, start: a}
meters:
  budget: {label: Budget, start: 10}
  liberties: {label: Liberties, start: 50}
scenes:
  a:
    text: Cameras over the market?
    choices:
      - {id: cameras, text: Buy cameras, effects: {budget: -5, liberties: -10}, goto: watched}
      - {id: patrols, text: Pay for patrols, effects: {budget: -8, liberties: +2}, goto: free}
      - {id: nothing, text: Do nothing, effects: {liberties: +1}, goto: free}
  watched: {text: The market is watched closely now, ending: {title: Watched}}
  free: {text: Nobody films the market, ending: {title: Free}}
"""


def test_scripted_players_choose_by_the_effects_and_the_report_counts_every_word(tmp_path):
    folder = write_files(tmp_path / "market", {"scenario.yaml": MARKET})
    scenario = load_scenario(folder).scenario
    assert explore(scenario, 20, strategy="most-surveillance").endings == {"watched": 20}
    least = explore(scenario, 20, strategy="least-surveillance")
    assert least.endings == {"free": 20} and least.final_states[0].history[0]["choice"] == "patrols"
    cheapest = explore(scenario, 20, strategy="cheapest")
    assert {s.history[0]["choice"] for s in cheapest.final_states} == {"nothing"}
    # 4 words of question, 7 of choices, 4 of ending text and 1 of title; one decision (20 s).
    assert sorted(set(cheapest.shown_words)) == [4 + 7 + 4 + 1]
    assert cheapest.minutes[0] == (4 + 7 + 4 + 1) / 200 + 20 / 60
    run = safecity("explore", str(folder), "--strategies", "--runs", "10", "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)["strategies"]
    assert set(report) == {"most-surveillance", "least-surveillance", "cheapest", "mixed", "random"}
    assert report["most-surveillance"]["endings"] == {"watched": 10}
