"""Browser play: a pseudonym belongs to the browser that began it (every tab shares the server's folder)."""

from __future__ import annotations

import json

import pytest

from game.classroom import flow
from game.classroom.records import ClassRecord
from game.classroom.store import open_store
from game.classroom.student import StudentPath
from tests.serve.helpers import safecity

ALICE, BOB = "a" * 32, "b" * 32


@pytest.fixture
def klass(tmp_path):
    url = f"sqlite:///{tmp_path / 'classes.sqlite'}"
    record = ClassRecord("K7M-Q4P", "Test", "tutorial", "Tutorial", "Tutorial", "", "en", 7, "pre,post", 1.0)
    with open_store(url) as store:
        store.create_class(record)
    return url, record


def enter(url, record, pseudonym, seat):
    with open_store(url) as store:
        joined = flow.enter(store, record, pseudonym, url, seat=seat)
    joined.recorder.close()
    return joined


def test_the_same_browser_comes_back_to_its_game_and_another_is_refused(klass):
    url, record = klass
    first = enter(url, record, "Otter-7", ALICE)
    assert not first.resumed and first.path.seat == ALICE
    again = enter(url, record, "otter-7", ALICE)           # a reloaded page, the same browser
    assert again.resumed and again.path.participant_id == first.path.participant_id
    with pytest.raises(flow.JoinRefused, match="another browser"):
        enter(url, record, "Otter-7", BOB)                  # a classmate typing the same pseudonym
    with open_store(url) as store:
        assert [p.pseudonym for p in store.participants(record.code)] == ["Otter-7"]


def test_a_path_begun_in_a_terminal_is_taken_on_by_the_first_browser(klass):
    url, record = klass
    enter(url, record, "Heron-3", None)
    assert enter(url, record, "Heron-3", ALICE).resumed
    with pytest.raises(flow.JoinRefused):
        enter(url, record, "Heron-3", BOB)


def test_the_teacher_releases_a_pseudonym_for_a_new_browser(klass):
    url, record = klass
    enter(url, record, "Otter-7", ALICE)
    done = safecity("class", "release", record.code, "OTTER-7", "--db", url, "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"released": "Otter-7", "class": record.code, "was_tied": True}
    assert enter(url, record, "Otter-7", BOB).resumed      # the student's new computer
    with pytest.raises(flow.JoinRefused):
        enter(url, record, "Otter-7", ALICE)                # and the old one no longer


def test_releasing_a_pseudonym_nobody_began_here_says_so(klass):
    url, record = klass
    done = safecity("class", "release", record.code, "Nobody-1", "--db", url)
    assert done.returncode == 1 and "Nobody-1" in done.stderr and "Traceback" not in done.stderr


def test_only_the_seats_own_unfinished_pseudonyms_are_offered(klass):
    url, record = klass
    enter(url, record, "Otter-7", ALICE)
    enter(url, record, "Heron-3", BOB)
    assert StudentPath.started_here(record.code, ALICE) == ["Otter-7"]
    assert StudentPath.started_here(record.code, "c" * 32) == []
    assert sorted(StudentPath.started_here(record.code)) == ["Heron-3", "Otter-7"]


def test_deleting_a_class_deletes_what_this_computer_kept_of_its_students(klass):
    from game.classroom.student import class_dir
    url, record = klass
    enter(url, record, "Otter-7", ALICE)
    assert any(class_dir(record.code).iterdir())
    done = safecity("class", "delete", record.code, "--db", url, "--yes", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["files"] >= 1
    assert not class_dir(record.code).exists()
