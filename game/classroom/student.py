"""A student's way through a class: pre-quiz, the game, post-quiz, done; resumable on the same machine.

What the student has done so far is kept in a small file on their machine (next to the
saves, keyed by class and pseudonym), so that a closed window or a crash resumes where
it stopped: `safecity join CODE` with the same pseudonym picks it up. The file holds
the pseudonym, the random participant id, the phase, the quiz answers given so far
and where the game is saved; in browser play also the hash of the tab's seat token, so that
only the browser that began a path can continue it. Nothing else.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from game.classroom import pseudonyms
from game.classroom.quiz import Response, phases
from game.engine import safe_files, saves

VERSION = 1
MAX_BYTES = 1024 * 1024


def data_dir() -> Path:
    return saves.saves_dir().parent


def class_dir(code: str) -> Path:
    return data_dir() / "classes" / code.replace("/", "_")


def remove_class_files(code: str) -> int:
    """Delete what this computer keeps of a class's students (paths, games, unsent steps); how many
    files went. Only ever inside the data folder's `classes` folder."""
    import shutil

    folder = class_dir(code)
    root = (data_dir() / "classes").resolve()
    try:
        if folder.is_symlink() or folder.resolve().parent != root or not folder.is_dir():
            return 0
        count = sum(1 for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
    except OSError:
        return 0
    return count


def _file_key(pseudonym: str) -> str:
    return hashlib.sha256(pseudonyms.key(pseudonym).encode("utf-8")).hexdigest()[:16]


@dataclass
class StudentPath:
    code: str
    participant_id: str
    pseudonym: str
    form_order: str
    quiz: str                                   # the class's quiz setting
    phase: str = ""                             # "pre", "game", "post" or "done"
    answers: dict = field(default_factory=dict) # phase -> [Response as JSON]
    finished: bool = False                      # the closing screen was reached (and recorded)
    seat: str = ""                              # browser play: the hash of the tab's seat token

    # -- where things are kept on this machine ------------------------------------------

    @property
    def file(self) -> Path:
        return class_dir(self.code) / f"{_file_key(self.pseudonym)}.json"

    @property
    def save_path(self) -> Path:
        return class_dir(self.code) / f"{_file_key(self.pseudonym)}.game.json"

    @property
    def outbox_path(self) -> Path:
        return class_dir(self.code) / f"{_file_key(self.pseudonym)}.outbox.json"

    # -- the order of things -----------------------------------------------------------

    def steps(self) -> list[str]:
        quiz = phases(self.quiz)
        return [p for p in ("pre",) if p in quiz] + ["game"] + [p for p in ("post",) if p in quiz] + ["done"]

    def start(self) -> None:
        if not self.phase:
            self.phase = self.steps()[0]

    def advance(self) -> str:
        steps = self.steps()
        self.phase = steps[min(steps.index(self.phase) + 1, len(steps) - 1)] if self.phase in steps else steps[0]
        self.store()
        return self.phase

    def responses(self, phase: str) -> list[Response]:
        """The answers given so far in `phase` (a damaged entry in the file is skipped, not fatal)."""
        found = []
        for entry in self.answers.get(phase, []) if isinstance(self.answers.get(phase), list) else []:
            try:
                found.append(Response.from_json(entry))
            except (KeyError, TypeError, AttributeError):
                continue
        return found

    def add_response(self, phase: str, response: Response) -> None:
        self.answers.setdefault(phase, []).append(response.to_json())
        self.store()

    @property
    def last_quiz(self) -> str | None:
        """The phase after which explanations are shown: the last quiz this class takes."""
        quiz = phases(self.quiz)
        return quiz[-1] if quiz else None

    # -- keeping it --------------------------------------------------------------------

    def store(self) -> None:
        document = {"version": VERSION, "code": self.code, "participant": self.participant_id,
                    "pseudonym": self.pseudonym, "form_order": self.form_order, "quiz": self.quiz,
                    "phase": self.phase, "answers": self.answers, "finished": self.finished}
        if self.seat:
            document["seat"] = self.seat
        safe_files.write_atomically(self.file, json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))

    @classmethod
    def started_here(cls, code: str, seat: str | None = None) -> list[str]:
        """Pseudonyms that began this class on this computer and have not finished, latest first;
        with `seat`, only those begun from that browser."""
        found = []
        try:
            files = [p for p in class_dir(code).glob("*.json") if p.name.count(".") == 1]
        except OSError:
            return []
        for file in sorted(files, key=lambda p: p.stat().st_mtime, reverse=True):
            try:
                document = json.loads(safe_files.read_regular_file(file, MAX_BYTES).decode("utf-8"))
            except (OSError, ValueError, RecursionError):
                continue
            if isinstance(document, dict) and isinstance(document.get("pseudonym"), str) \
                    and not document.get("finished") and (seat is None or document.get("seat") == seat):
                found.append(document["pseudonym"])
        return found

    @classmethod
    def find(cls, code: str, pseudonym: str) -> "StudentPath | None":
        """This student's path in this class on this machine, if they started it here."""
        path = class_dir(code) / f"{_file_key(pseudonym)}.json"
        try:
            document = json.loads(safe_files.read_regular_file(path, MAX_BYTES).decode("utf-8"))
        except (OSError, ValueError, RecursionError):
            return None
        try:
            found = cls(document["code"], document["participant"], document["pseudonym"], document["form_order"],
                        document["quiz"], document["phase"], document["answers"], bool(document.get("finished")),
                        str(document.get("seat") or ""))
        except (KeyError, TypeError):
            return None
        ok = (isinstance(found.participant_id, str) and isinstance(found.phase, str)
              and isinstance(found.answers, dict) and found.code == code
              and pseudonyms.key(str(found.pseudonym)) == pseudonyms.key(pseudonym))
        return found if ok else None
