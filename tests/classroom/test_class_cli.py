"""The facilitator's class commands: codes, exit codes, JSON for scripts, and deleting for real."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from game.classroom.records import JOINED, Event, Participant
from game.classroom.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def safecity(args, home, text=""):
    env = {**{k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "SAFECITY_DB")},
           "SAFECITY_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, input=text, capture_output=True,
                          text=True, env=env, timeout=120)


def test_open_follow_close_export_and_delete_a_class(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    made = safecity(["class", "new", "tutorial", "--name", "2nde B", "--seed", "5", "--db", url, "--format", "json"],
                    tmp_path)
    assert made.returncode == 0, made.stderr
    code = json.loads(made.stdout)["code"]
    with open_store(url) as store:
        student = store.join(Participant("p1", code, "Heron-42", "", time.time()))
        store.record([Event("p1", 1, JOINED, time.time())])
    listed = json.loads(safecity(["class", "list", "--db", url, "--format", "json"], tmp_path).stdout)
    assert [(c["code"], c["students"]) for c in listed["classes"]] == [(code, 1)]
    shown = safecity(["class", "show", code.lower().replace("-", ""), "--db", url], tmp_path)
    assert shown.returncode == 0 and "Heron-42" in shown.stdout and "1 joined, 0 finished" in shown.stdout

    exported = safecity(["class", "export", code, "--db", url, "--format", "csv"], tmp_path)
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert [(r["participant"], r["kind"]) for r in rows] == [("S01", "joined")]
    assert "Heron-42" not in exported.stdout                    # no pseudonyms unless asked
    assert student.form_order in ("AB", "BA")

    assert safecity(["class", "close", code, "--db", url], tmp_path).returncode == 0
    joined = safecity(["join", code, "--pseudonym", "Otter-1", "--plain", "--db", url], tmp_path)
    assert joined.returncode == 1 and "closed" in joined.stdout + joined.stderr

    unasked = safecity(["class", "delete", code, "--db", url], tmp_path)
    assert unasked.returncode == 2
    deleted = safecity(["class", "delete", code, "--db", url, "--yes", "--format", "json"], tmp_path)
    assert json.loads(deleted.stdout)["rows"]["events"] == 1
    with open_store(url) as store:
        assert store.get_class(code) is None and store.participants(code) == [] and store.events(code) == []


def test_problems_have_exit_codes_and_messages(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    unknown = safecity(["class", "show", "K7M-QX4", "--db", url], tmp_path)
    assert unknown.returncode == 1 and "no class" in unknown.stderr
    assert safecity(["class", "new", "--db", url], tmp_path).returncode == 2                  # no --name
    assert safecity(["class", "new", "--name", "x", "--variant", "nope", "--db", url], tmp_path).returncode == 2
    assert safecity(["class", "purge", "--older-than", "soon", "--db", url], tmp_path).returncode == 2
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(os.urandom(4096))
    damaged = safecity(["class", "list", "--db", f"sqlite:///{broken}", "--format", "json"], tmp_path)
    assert damaged.returncode == 1 and "error" in json.loads(damaged.stdout)
    for result in (unknown, damaged):
        assert "Traceback" not in result.stderr


def test_purge_deletes_only_old_classes(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    from game.classroom.records import ClassRecord
    now = time.time()
    with open_store(url) as store:
        store.create_class(ClassRecord("AAA-AAA", "old", "tutorial", "tutorial", "T", "", "en", 1, "none",
                                       now - 40 * 86400))
        store.create_class(ClassRecord("CCC-CCC", "new", "tutorial", "tutorial", "T", "", "en", 1, "none", now))
    purged = safecity(["class", "purge", "--older-than", "30d", "--yes", "--db", url, "--format", "json"], tmp_path)
    assert json.loads(purged.stdout)["deleted"] == ["AAA-AAA"]
    with open_store(url) as store:
        assert [c.code for c in store.list_classes()] == ["CCC-CCC"]


def test_a_class_vote_is_made_with_vote_and_only_such_a_class_can_be_voted(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    made = safecity(["class", "new", "tutorial", "--name", "5e A", "--vote", "--db", url], tmp_path)
    assert made.returncode == 0, made.stderr
    assert "safecity class vote" in made.stdout
    plain = json.loads(safecity(["class", "new", "tutorial", "--name", "5e B", "--db", url, "--format", "json"],
                                tmp_path).stdout)
    voted = json.loads(safecity(["class", "list", "--db", url, "--format", "json"], tmp_path).stdout)["classes"]
    assert sorted(c.get("mode", "play") for c in voted) == ["play", "vote"]
    refused = safecity(["class", "vote", plain["code"], "--db", url], tmp_path)
    assert refused.returncode == 2 and "not a class vote" in refused.stderr and "Traceback" not in refused.stderr
    unknown = safecity(["class", "vote", "ZZZ-ZZZ", "--db", url], tmp_path)
    assert unknown.returncode == 1 and "no class" in unknown.stderr
