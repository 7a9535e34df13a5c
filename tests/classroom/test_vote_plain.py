"""A student in plain text takes part in a class vote driven by the facilitator's game."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from game.classroom import vote
from game.classroom.records import ClassRecord
from game.classroom.store import open_store
from tests.serve.test_browser import wait_for


def test_a_plain_student_votes_and_follows_the_class_to_the_end(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    record = ClassRecord("K7M-QX4", "Test", "tutorial", "tutorial", "Tutorial", "", "en", 7, "none", time.time(),
                         mode="vote")
    store = open_store(url)
    store.create_class(record)
    student = subprocess.Popen([sys.executable, "-m", "game", "join", record.code, "--pseudonym", "Otter-7",
                                "--plain", "--db", url], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(iter(student.stdout.readline, "")), daemon=True)
    reader.start()
    game = None
    try:
        (participant,) = wait_for(lambda: store.participants(record.code), 30, "the join")
        game = vote.ClassVote.open(store, record)
        while (poll := game.poll()) is None:
            game.go_on()
        wait_for(lambda: any("Decision 1: look at the projector" in line for line in lines), 30, "the decision")
        student.stdin.write("2\n")
        student.stdin.flush()
        wait_for(lambda: store.votes(record.code, poll.number).get(participant.id), 30, "the vote")
        chosen = game.close(poll).chosen
        assert chosen == store.votes(record.code, poll.number)[participant.id]     # one voter: their choice
        wait_for(lambda: any("Decision 1: the class chose" in line for line in lines), 30, "the result")
        while not game.session.ended:
            poll = game.poll()
            if poll is None:
                game.go_on()
            else:
                game.close(poll, override=next(c["id"] for c in poll.choices if c["available"]))
        game.poll()
        student.stdin.write("\n")        # a prompt may be waiting for this student: Enter looks again
        student.stdin.flush()
        assert student.wait(timeout=30) == 0
    finally:
        if game is not None:
            game.close_game()
        if student.poll() is None:
            student.kill()
        store.close()
    reader.join(5)
    text = "".join(lines)
    assert "The game has ended" in text and "Traceback" not in text
