"""A whole class, scripted: 30 students in parallel processes join with a code and a pseudonym,
take the pre-quiz, play the express game, take the post-quiz, and the export equals what they did.

Each student is a separate `safecity join --plain` process with its own data folder (its own
computer), typing its answers on stdin; they all write into one class database, an SQLite file
or a real PostgreSQL server started by the tests (tests/classroom/conftest.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.engine.runtime import choose, start
from game.engine.view import view
from game.paths import resolve_scenario
from game.session import load_for_play

ROOT = Path(__file__).resolve().parents[2]
STUDENTS = 30
SEED = 42


def env_for(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SAFECITY_DB")}
    env["SAFECITY_HOME"] = str(home)     # each student is on a computer of their own
    return env


def safecity(args, home: Path, text: str = "", timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, input=text, capture_output=True,
                          text=True, env=env_for(home), timeout=timeout)


def quiz_lines(student: int, phase: str, kinds: list[str]) -> list[str]:
    """What a student types for one quiz: for a case, 1/2 then a confidence; for a question, an option."""
    lines = []
    for position, kind in enumerate(kinds):
        pick = 1 + (student + position + (phase == "post")) % 2
        if kind == "case":
            lines += [str(pick), str(1 + (student * 3 + position) % 7)]
        else:
            lines.append(str(pick))
    return lines


def expected_quiz(lines: list[str], items) -> list[dict]:
    """The answers those lines give on a given form (the form depends on the order drawn at join)."""
    answers, at = [], 0
    for item in items:
        if item.kind == "case":
            answer, confidence = lines[at] == "1", int(lines[at + 1])
            at += 2
        else:
            answer, confidence = int(lines[at]) - 1, None
            at += 1
        correct = answer == (item.proportionate if item.kind == "case" else item.answer)
        answers.append({"item": item.id, "answer": answer, "confidence": confidence, "correct": correct})
    return answers


def game_script(scenario, student: int) -> tuple[list[str], list[str], str]:
    """(numbers typed, choice ids taken, ending scene) for a student who varies their choices."""
    state = start(scenario, SEED, "express")
    typed, taken = [], []
    step = 0
    while not state.ended:
        choices = view(scenario, state).choices
        available = [i for i, c in enumerate(choices) if c.available]
        index = available[(student + step) % len(available)]
        typed.append(str(index + 1))
        if not choices[index].is_continue:
            taken.append(choices[index].id)   # a decision (a Continue is no decision)
        state = choose(scenario, state, choices[index].id)
        step += 1
    return typed, taken, state.scene


@pytest.fixture(scope="module")
def scenario():
    return load_for_play(resolve_scenario("safe-city"), None)


def test_a_whole_class_plays_through_and_the_export_is_what_they_did(store_url, scenario, tmp_path):
    facilitator = tmp_path / "facilitator"
    opened = safecity(["class", "new", "--name", "Scripted class", "--variant", "express", "--seed", str(SEED),
                       "--db", store_url, "--format", "json"], facilitator)
    assert opened.returncode == 0, opened.stderr
    code = json.loads(opened.stdout)["code"]
    kinds = [item.kind for item in scenario.quiz["A"]]
    assert kinds == [item.kind for item in scenario.quiz["B"]], "the script assumes both forms ask in one order"

    plans, processes = {}, {}
    for student in range(STUDENTS):
        typed, taken, ending = game_script(scenario, student)
        pre, post = quiz_lines(student, "pre", kinds), quiz_lines(student, "post", kinds)
        name = f"Student-{student:02d}"
        plans[name] = {"pre": pre, "post": post, "taken": taken, "ending": ending}
        home = tmp_path / name
        processes[name] = subprocess.Popen(
            [sys.executable, "-m", "game", "join", code, "--pseudonym", name, "--plain", "--db", store_url],
            cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=env_for(home))
        processes[name].stdin.write("\n".join(pre + typed + post) + "\n")
        processes[name].stdin.close()
    for name, process in processes.items():
        out, err = process.stdout.read(), process.stderr.read()
        assert process.wait(timeout=600) == 0, f"{name}: {err}\n{out[-2000:]}"
        assert "Thank you: you have finished" in out, f"{name}: {out[-2000:]}"
        assert "Traceback" not in err

    exported = safecity(["class", "export", code, "--format", "json", "--with-pseudonyms", "--db", store_url],
                        facilitator)
    assert exported.returncode == 0, exported.stderr
    data = json.loads(exported.stdout)
    students = {s["pseudonym"]: s for s in data["students"]}
    assert sorted(students) == sorted(plans)
    orders = [s["form_order"] for s in data["students"]]
    assert orders.count("AB") == orders.count("BA") == STUDENTS // 2      # counterbalanced

    for name, plan in plans.items():
        label = students[name]["participant"]
        events = [e for e in data["events"] if e["participant"] == label]
        assert [e["seq"] for e in events] == list(range(1, len(events) + 1)), f"{name}: lost or doubled rows"
        kinds_seen = [e["kind"] for e in events]
        quiz = len(kinds)
        assert kinds_seen == (["joined"] + ["quiz_answer"] * quiz + ["quiz_done"] + ["choice"] * len(plan["taken"])
                              + ["ending"] + ["quiz_answer"] * quiz + ["quiz_done", "finished"]), name
        first, second = ("A", "B") if students[name]["form_order"] == "AB" else ("B", "A")
        answers = [e["data"] for e in events if e["kind"] == "quiz_answer"]
        for phase, form, lines, given in (("pre", first, plan["pre"], answers[:quiz]),
                                          ("post", second, plan["post"], answers[quiz:])):
            assert [{k: a[k] for k in ("item", "answer", "confidence", "correct")} for a in given] == \
                expected_quiz(lines, scenario.quiz[form]), (name, phase)
            assert all(a["phase"] == phase and a["form"] == form for a in given)
        assert [e["data"]["choice"] for e in events if e["kind"] == "choice"] == plan["taken"], name
        ending = next(e for e in events if e["kind"] == "ending")
        assert ending["data"]["ending"] == plan["ending"]

    shown = safecity(["class", "show", code, "--db", store_url, "--format", "json"], facilitator)
    summary = json.loads(shown.stdout)
    assert summary["finished"] == STUDENTS
    assert summary["quiz"]["d_prime"]["paired"] == STUDENTS and not summary["quiz"]["d_prime"]["too_small"]

    # The facilitator's report of this class: one chart a decision the class met, the counts as played.
    report = tmp_path / "report.html"
    made = safecity(["class", "report", code, "--db", store_url, "-o", str(report)], facilitator)
    assert made.returncode == 0, made.stderr
    page = report.read_text(encoding="utf-8")
    scenes = {e["scene"] for e in data["events"] if e["kind"] == "choice"}
    assert page.count('<figure class="chart"') >= len(scenes) + 2          # + the endings and the quiz
    assert f"({STUDENTS} answers)" in page and "Too few students" not in page
    assert "Student-" not in page                                           # no pseudonym in a report
