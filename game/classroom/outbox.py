"""A student's events reach the class store even when it is down: written here first, sent after.

    recorder = Recorder(url, participant, outbox_path)
    recorder.record(CHOICE, scene="s3", turn=2, choice="cameras", ms=5120)
    if recorder.notice: show it                 # e.g. the server is down: play goes on
    recorder.flush()                            # at the end: try once more

`Outbox` keeps the events not yet sent in a small JSON document beside the player's
saves, replaced atomically at every change, so a crash or a power cut loses none of
them. `Recorder` numbers events (1, 2, 3... per participant, continuing after a crash),
puts each one in the outbox before anything else, then tries to send what is pending.
A failed send keeps the events and sets `notice`; it never raises. Sending twice is
harmless: the store ignores an event it already has (same participant id and seq).

This module does not import SQLAlchemy: the store is opened on the first send.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from game.classroom.errors import StoreError, StoreUnavailable, UnknownParticipant
from game.classroom.limits import event_data_text
from game.classroom.records import Event, Participant
from game.engine.safe_files import read_regular_file, write_atomically
from game.i18n import N_

FORMAT = "safecity-outbox"
VERSION = 1
LIMIT = 64 * 1024 * 1024        # bytes: far beyond a lesson's events (a few hundred, under 1 KB each)

NOTICE_UNSENT = N_("The class results could not be sent yet; they will be sent again.")
NOTICE_UNSAVED = N_("The class results could not be saved on this computer; they are kept until they can be sent.")


def _event_to_json(event: Event) -> dict:
    return {"participant_id": event.participant_id, "seq": event.seq, "kind": event.kind, "at": event.at,
            "scene": event.scene, "turn": event.turn, "data": event.data}


def _event_from_json(item: dict) -> Event:
    if not isinstance(item, dict):
        raise TypeError("an event is an object")
    event = Event(participant_id=str(item["participant_id"]), seq=int(item["seq"]), kind=str(item["kind"]),
                  at=float(item["at"]), scene=str(item.get("scene", "")), turn=int(item.get("turn", 0)),
                  data=item.get("data") or {})
    event_data_text(event)          # ValueError: the file was not written by us
    return event


class Outbox:
    """Events waiting to be sent, kept in a file: add(), pending(), flush(store).

    The file also remembers the last seq given to each participant, so numbering goes on
    after a crash even once everything was sent. A damaged file is moved aside (to
    `<name>.damaged-<time>`) and the outbox starts empty; `damaged` then holds that path.
    """

    def __init__(self, path: str | os.PathLike, *, load: bool = True):
        self.path = Path(path)
        self.existed = False
        self.damaged: Path | None = None
        self._events: list[Event] = []
        self._last_seq: dict[str, int] = {}
        self._dirty = False
        if load:
            self._load()

    def _load(self) -> None:
        try:
            raw = read_regular_file(self.path, LIMIT)
        except FileNotFoundError:
            return
        try:
            doc = json.loads(raw.decode("utf-8"))
            if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != VERSION:
                raise ValueError("not an outbox")
            events = [_event_from_json(item) for item in doc.get("events", [])]
            last = {str(k): int(v) for k, v in dict(doc.get("last_seq", {})).items()}
        except (ValueError, TypeError, KeyError, UnicodeDecodeError):
            self.damaged = self.path.with_name(f"{self.path.name}.damaged-{int(time.time())}")
            os.replace(self.path, self.damaged)
            return
        self.existed = True
        self._events = events
        self._last_seq = last
        for event in events:
            self._last_seq[event.participant_id] = max(self._last_seq.get(event.participant_id, 0), event.seq)

    def _save(self) -> None:
        self._dirty = False
        doc = {"format": FORMAT, "version": VERSION, "last_seq": self._last_seq,
               "events": [_event_to_json(event) for event in self._events]}
        write_atomically(self.path, json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))

    def last_seq(self, participant_id: str) -> int:
        """The highest seq this outbox ever held for the participant (0 if none)."""
        return self._last_seq.get(participant_id, 0)

    def add(self, events: list[Event]) -> None:
        """Keep `events` (in memory at once, then on disk: an OSError means only the disk failed)."""
        held = {(e.participant_id, e.seq) for e in self._events}
        for event in events:
            if (event.participant_id, event.seq) not in held:
                self._events.append(event)
                held.add((event.participant_id, event.seq))
            self._last_seq[event.participant_id] = max(self._last_seq.get(event.participant_id, 0), event.seq)
        self._save()

    def pending(self) -> list[Event]:
        return list(self._events)

    def renumber(self, participant_id: str, shift: int) -> None:
        """Move the participant's pending events `shift` places on (seqs the store already had)."""
        self._events = [Event(e.participant_id, e.seq + shift, e.kind, e.at, e.scene, e.turn, e.data)
                        if e.participant_id == participant_id else e for e in self._events]
        self._last_seq[participant_id] = self._last_seq.get(participant_id, 0) + shift
        self._save()

    def flush(self, store, *, save: bool = True) -> int:
        """Send every pending event; how many were sent (now or by an earlier, unanswered try).

        On StoreError nothing is removed and the error is raised again. With save=False the
        file is rewritten at the next add() or save() instead: until then it still lists the
        events just sent, which would only be sent again (harmless), and one write is saved.
        """
        batch = self.pending()
        if not batch:
            return 0
        store.record(batch)
        sent = {(e.participant_id, e.seq) for e in batch}
        self._events = [e for e in self._events if (e.participant_id, e.seq) not in sent]
        self._dirty = True
        if save:
            self.save()
        return len(batch)

    def save(self) -> None:
        """Write the file if it lags behind (after flush(save=False))."""
        if self._dirty:
            self._save()


class Recorder:
    """One student's events, numbered, kept in the outbox, sent to the class store when it answers.

    `record()` and `flush()` never raise for a store or disk problem: they set `notice`
    (a short sentence to show, None when all is sent) and `last_error` (the store's own
    sentence, for a log). After a failure, `record()` waits `retry_after` seconds (doubling
    up to 60) before trying again, so a server that does not answer does not slow every
    choice; `flush()` always tries.
    """

    def __init__(self, url: str | None, participant: Participant, outbox_path: str | os.PathLike, *,
                 timeout: float | None = None, retry_after: float = 2.0):
        self.url = url
        self.participant = participant
        self.timeout = timeout
        self.notice: str | None = None
        self.last_error: str | None = None
        self._store = None
        self._retry_after = retry_after
        self._backoff = retry_after
        self._next_try = 0.0
        self._unsaved = False
        try:
            self.outbox = Outbox(outbox_path)
        except OSError as exc:          # not a regular file, unreadable: events are kept in memory only
            self.outbox = Outbox(outbox_path, load=False)
            self._unsaved = True
            self.last_error = str(exc)
            self.notice = NOTICE_UNSAVED
        # The outbox numbered every event of this participant made on this computer; if it
        # never held one, the store may have some (a resume elsewhere): it is asked now, or
        # before the first send if it does not answer now.
        self._seq_known = self.outbox.last_seq(participant.id) > 0
        self._next_seq = self.outbox.last_seq(participant.id) + 1
        if self.outbox.pending():
            self.flush()
        elif not self._seq_known:
            try:
                self._check_numbering(self._open())
            except StoreError as exc:
                self.last_error = str(exc)

    @property
    def next_seq(self) -> int:
        return self._next_seq

    def record(self, kind: str, scene: str = "", turn: int = 0, **data) -> Event:
        """Keep one event, then try to send what is pending.

        Raises only ValueError, for an event the store would refuse (an unknown kind, data
        that is not plain JSON or too long): a mistake in the calling code, caught before
        the event is kept.
        """
        event = Event(self.participant.id, self._next_seq, kind, time.time(), scene, turn, data)
        event_data_text(event)
        self._next_seq += 1
        self._keep([event])
        if time.monotonic() >= self._next_try:
            self._send(save=False)          # the next event's write, or close(), updates the file
        elif self.notice is None:
            self.notice = NOTICE_UNSENT
        return event

    def _keep(self, events: list[Event]) -> None:
        try:
            self.outbox.add(events)
            self._unsaved = False
        except OSError as exc:
            self._unsaved = True
            self.last_error = str(exc)
            self.notice = NOTICE_UNSAVED

    def _open(self):
        if self._store is None:
            from game.classroom.store import open_store   # SQLAlchemy only when there is something to send
            self._store = open_store(self.url, timeout=self.timeout)
        return self._store

    def _check_numbering(self, store) -> None:
        """Make sure no pending event reuses a seq the store already holds for this participant."""
        if self._seq_known:
            return
        stored = store.last_seq(self.participant.id)
        mine = [e.seq for e in self.outbox.pending() if e.participant_id == self.participant.id]
        first = min(mine) if mine else self._next_seq
        if stored >= first:
            shift = stored - first + 1
            try:
                self.outbox.renumber(self.participant.id, shift)
            except OSError:
                pass                        # renumbered in memory; the file catches up at the next save
            self._next_seq += shift
        self._seq_known = True

    def flush(self) -> bool:
        """Send what is pending; True when nothing is left to send."""
        return self._send(save=True)

    def _send(self, save: bool) -> bool:
        try:
            if not self.outbox.pending():
                if save:
                    self.outbox.save()
                self.notice = NOTICE_UNSAVED if self._unsaved else None
                return True
            store = self._open()
            self._check_numbering(store)
            try:
                self.outbox.flush(store, save=save)
            except UnknownParticipant:
                store.join(self.participant)        # a join whose answer was lost: joining again is harmless
                self.outbox.flush(store, save=save)
        except StoreError as exc:
            self.last_error = str(exc)
            self.notice = NOTICE_UNSENT
            self._next_try = time.monotonic() + self._backoff
            self._backoff = min(self._backoff * 2, 60.0)
            if not isinstance(exc, StoreUnavailable) and self._store is not None:
                self._store.close()
                self._store = None
            return False
        except OSError as exc:                     # sent, but the outbox file could not be rewritten
            self.last_error = str(exc)
            self._unsaved = True
            self.notice = NOTICE_UNSAVED
            return not self.outbox.pending()
        self._backoff = self._retry_after
        self._next_try = 0.0
        self._unsaved = False
        self.notice = None
        return True

    @property
    def pending(self) -> int:
        return len(self.outbox.pending())

    def close(self) -> bool:
        """Try a last send and let go of the store; True when nothing is left to send."""
        done = self.flush()
        if self._store is not None:
            self._store.close()
            self._store = None
        return done
